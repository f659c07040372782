#pragma once

#include "SmarthostSettings.h"
#include "smtp/ClientProtocol.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <vector>

class QSslSocket;

namespace RelayDesk::Delivery {

/// One SMTP connection to an upstream (smarthost or MX host): a QSslSocket
/// driving Smtp::ClientProtocol. Owns the timers (connect, per-command,
/// final-reply data timeout) and TLS (implicit or STARTTLS, verified against
/// the system CAs plus SmarthostSettings::caFile, peer name = host). The
/// address connected to may differ from the host name (direct MX: the name
/// is the MX host, for EHLO logs, TLS and MTA-STS; the address comes from
/// DNS). Takes one message at a time; several in a row reuse the session.
///
/// Signals are emitted after the protocol call that caused them has
/// returned, so slots may call send() or quit() directly.
class SmtpClientConnection final : public QObject, private Smtp::ClientProtocolOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpClientConnection)

public:
    explicit SmtpClientConnection(const SmarthostSettings& settings, QObject* parent = nullptr);
    ~SmtpClientConnection() override;

    /// Connect to this address instead of resolving SmarthostSettings::host;
    /// the host name stays the TLS peer name. Call before open().
    void setConnectAddress(const QHostAddress& address);
    /// Connects; ready() or closed() follows.
    void open();
    /// Sends a message; only when isIdle(). messageCompleted() follows (it
    /// may come before send() returns when the message is refused unsent).
    bool send(const Smtp::ClientMessage& message);
    /// QUIT when idle; otherwise like a lost connection. closed() follows.
    void quit();
    /// Drops the connection at once, silently: no further signals.
    void abort();

    bool isIdle() const { return m_protocol.isIdle(); }
    bool isEstablished() const { return m_established; }
    /// "host:port" (or "host[address]:port" with a connect address), as
    /// recorded with every attempt.
    QString upstream() const { return m_upstream; }
    const SmarthostSettings& settings() const { return m_settings; }
    /// What verifying the peer's certificate against the host name found,
    /// also when verifyPeer is off and the session went on regardless
    /// (MTA-STS testing mode reports them). Empty: valid, or no TLS.
    QList<QSslError> tlsErrors() const { return m_tlsErrors; }
    const Smtp::ClientCapabilities& capabilities() const { return m_protocol.capabilities(); }
    bool isEncrypted() const { return m_protocol.tlsActive(); }
    /// The client transcript of the current attempt: the session set-up
    /// (greeting, EHLO, TLS, AUTH with its secrets masked) followed by the
    /// commands and replies of the message under way or just finished. The
    /// message content is summarised as "C: <message, N octets>". Bounded.
    QStringList transcript() const;

    /// At most this many lines per attempt are kept (the middle is dropped).
    static constexpr int MaxTranscriptLines = 200;

    /// Maps the smarthost's TLS and AUTH settings onto the protocol's.
    static Smtp::ClientProtocolSettings protocolSettings(const SmarthostSettings& settings);

signals:
    void ready(); ///< session set up (TLS, AUTH) and idle
    void messageCompleted(const RelayDesk::Smtp::ClientMessageResult& result);
    /// Emitted once; the connection may be deleted (deleteLater) afterwards.
    void closed(bool failed, const RelayDesk::Smtp::ClientReply& reason);

private:
    // ClientProtocolOutput
    void sendData(const QByteArray& data) override;
    void startTls() override;
    void sessionReady() override;
    void messageFinished(const Smtp::ClientMessageResult& result) override;
    void sessionEnded(bool failed, const Smtp::ClientReply& reason) override;

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onSocketError();
    void onTimeout();
    void updateTimer();
    void flushEvents();
    void loseConnection(const QString& text);
    void failBeforeConnecting(const QString& text);
    void note(QString line);
    void noteServerData(const QByteArray& data);

    struct Event
    {
        enum class Kind { Ready, Finished, Closed } kind;
        Smtp::ClientMessageResult result;
        Smtp::ClientReply reason;
        bool failed = false;
    };

    SmarthostSettings m_settings;
    QString m_upstream;
    Smtp::ClientProtocol m_protocol;
    QSslSocket* m_socket = nullptr;
    QTimer m_timer;               ///< the one wait that is running: connect, command or data
    QList<QSslError> m_sslErrors; ///< of the handshake under way, for its failure text
    QList<QSslError> m_tlsErrors; ///< kept for tlsErrors()
    QHostAddress m_connectAddress;
    std::vector<Event> m_events;
    bool m_connected = false;
    bool m_established = false;
    bool m_ended = false;
    bool m_silenced = false;
    QStringList m_setupLines;   ///< until the session is ready
    QStringList m_messageLines; ///< of the current message
    int m_droppedLines = 0;     ///< of the current message, beyond the bound
    QByteArray m_serverPartial; ///< an incomplete reply line
};

} // namespace RelayDesk::Delivery
