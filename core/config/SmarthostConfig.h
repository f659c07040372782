#pragma once

#include "CredentialReference.h"

#include <QString>

namespace RelayDesk::Config {

/// The [smarthost] section: the upstream that receives all outgoing mail.
/// An empty host means no smarthost is configured.
struct SmarthostConfig
{
    enum class TlsMode {
        None,          ///< never (trusted loopback/LAN upstreams only)
        StartTls,      ///< STARTTLS required, or the message is deferred
        Opportunistic, ///< STARTTLS when offered, plain otherwise
        Tls,           ///< TLS from the first byte (port 465)
    };

    static constexpr int kMaxConnections = 100;              ///< accepted max-connections
    static constexpr int kMaxMessagesPerConnection = 100000; ///< accepted messages-per-connection

    QString host;
    quint16 port = 587;
    TlsMode tls = TlsMode::StartTls;
    bool verify = true;              ///< check the certificate chain and host name
    QString caFile;                  ///< extra CA (PEM) trusted for internal upstreams
    QString username;                ///< empty: no AUTH
    CredentialReference passwordRef; ///< where the password is kept
    QString heloName;                ///< empty: [general] hostname
    int maxConnections = 4;          ///< parallel connections to the upstream
    int messagesPerConnection = 100; ///< then QUIT and reconnect

    bool isEnabled() const { return !host.isEmpty(); }
};

} // namespace RelayDesk::Config
