#pragma once

#include <QHostAddress>
#include <QSsl>
#include <QString>

namespace RelayDesk::Smtp {

/// One listening socket and its security settings.
struct ListenerSettings
{
    enum class Mode {
        Plain,       ///< plain TCP; STARTTLS offered when a certificate is set
        ImplicitTls, ///< TLS from the first byte (port 465 style)
    };

    QString name; ///< shown in logs and recorded with each message
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 2525;
    Mode mode = Mode::Plain;
    QString certificateFile; ///< PEM; empty: no TLS on this listener
    QString privateKeyFile;  ///< PEM
    /// Decrypts an encrypted privateKeyFile. Filled in by the core from the
    /// credential store at start; held in memory only, never logged.
    QByteArray keyPassphrase;
    /// Lowest TLS version accepted. TLS 1.0/1.1 need the OpenSSL security
    /// level lowered for this listener (see docs/configuration.md).
    QSsl::SslProtocol minimumTls = QSsl::TlsV1_2OrLater;
    bool requireAuth = false;    ///< MAIL is refused until AUTH succeeded
    bool allowPlainAuth = false; ///< offer AUTH without TLS (trusted LAN only)
};

/// Limits shared by all sessions of a server.
struct ServerLimits
{
    QString hostname = QStringLiteral("localhost"); ///< our name in the greeting and Received:
    qint64 maxMessageSize = 25 * 1024 * 1024;       ///< octets, advertised with SIZE
    int maxRecipients = 100;                        ///< per message; more get 452 4.5.3
    int maxSessions = 100;                          ///< concurrent sessions overall
    int maxSessionsPerClient = 20;                  ///< concurrent sessions per client IP
    int maxBadCommands = 10;                        ///< errors before the session is dropped (421)
    int commandTimeoutMs = 5 * 60 * 1000;           ///< RFC 5321 4.5.3.2.7: 5 minutes
    int dataBlockTimeoutMs = 3 * 60 * 1000;         ///< RFC 5321 4.5.3.2.6: 3 minutes
    int tlsHandshakeTimeoutMs = 30 * 1000;
    /// How long a session waits for the host to check credentials or queue a
    /// message (then 454 4.7.0 / 451 4.3.0); the client's timeouts do not run
    /// meanwhile.
    int hostWaitTimeoutMs = 2 * 60 * 1000;
};

} // namespace RelayDesk::Smtp
