#pragma once

#include "ListenerSettings.h"
#include "ServerProtocol.h"
#include "SessionSummary.h"
#include "SessionTranscript.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <optional>

class QSslSocket;

namespace RelayDesk::Smtp {

class SessionHost;

/// One SMTP server connection: runs a ServerProtocol over a QSslSocket.
/// Feeds the socket's bytes in, writes the replies, does STARTTLS and
/// implicit TLS, applies the command/data/handshake timeouts (421 4.4.2 and
/// close) and the host-wait bound (454/451, the session goes on), and
/// forwards AUTH and queueing to the SessionHost. Keeps a
/// bounded transcript of the conversation (no content, AUTH masked).
///
/// Backpressure: while the protocol waits for the host, or while the client
/// does not read its replies, the socket is not read (the socket's read
/// buffer is bounded), so memory stays bounded for any client.
class ServerSession final : public QObject, private ServerProtocol::Output
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerSession)

public:
    /// Takes ownership of the connected socket. tls is empty when the
    /// listener has no certificate.
    ServerSession(QSslSocket* socket, const ListenerSettings& listener, const ServerLimits& limits,
                  const std::optional<QSslConfiguration>& tls, SessionHost* host,
                  QObject* parent = nullptr);
    ~ServerSession() override;

    /// Greets the client (after the handshake on an implicit TLS listener).
    void start();
    /// Turns the client away: sends the reply (after the handshake on an
    /// implicit TLS listener) and closes.
    void startRefused(const QByteArray& reply);

    QHostAddress clientAddress() const { return m_clientAddress; }
    ServerProtocol::State protocolState() const { return m_protocol.state(); }
    QStringList transcript() const { return m_transcript.toStringList(); }
    SessionSummary summary() const;

    /// IPv4-mapped IPv6 addresses (dual-stack sockets) as plain IPv4.
    static QHostAddress normalisedAddress(const QHostAddress& address);

    /// Octets read from the socket per protocol call.
    static constexpr qint64 ReadChunk = 64 * 1024;
    /// Replies not yet taken by the client before we stop reading commands.
    static constexpr qint64 MaxUnsentReplies = 256 * 1024;
    /// How long a closing connection may take to flush its last reply.
    static constexpr int CloseGraceMs = 10 * 1000;

signals:
    /// The connection is gone; the owner may deleteLater() the session.
    void finished();

private:
    // ServerProtocol::Output
    void sendReply(const QByteArray& reply) override;
    void startTls() override;
    void close() override;
    void authenticate(const QString& user, const QString& password) override;
    void submit(const ReceivedMessage& message) override;
    void commandReceived(QByteArrayView line) override;
    std::optional<ServerReply> checkAuth() override;
    std::optional<ServerReply> checkMail(const QString& authUser, const QString& sender) override;
    std::optional<ServerReply> checkRcpt(const QString& authUser) override;
    /// Notes a host refusal in the transcript and passes it on.
    std::optional<ServerReply> noted(std::optional<ServerReply> refusal);
    /// After a right password: asks the host to count this login against
    /// the account's session limit (a refusal to send, or nullopt).
    std::optional<ServerReply> admitAccountSession(const QString& user);
    /// Hands back the login counted by admitAccountSession(), if any.
    void endAccountSession();

    void readInput();
    void onEncrypted();
    void onSocketError();
    void onTimeout();
    void finish();
    void restartTimer();
    void note(const QString& text);

    QSslSocket* m_socket;
    std::optional<QSslConfiguration> m_tls;
    SessionHost* m_host;
    QHostAddress m_clientAddress;
    quint16 m_clientPort = 0;
    QString m_listenerName;
    bool m_implicitTls = false;
    ServerProtocol m_protocol;
    SessionTranscript m_transcript;
    QTimer m_timer;
    QByteArray m_readBuffer;
    QByteArray m_refusal;
    QDateTime m_startedAt;
    QDateTime m_endedAt;
    bool m_refused = false;
    bool m_closing = false;
    bool m_finished = false;
    bool m_reading = false;
    /// Numbers the host requests; an answer to an abandoned one is dropped.
    quint64 m_hostRequest = 0;
    /// The account whose login the host counts for this session (empty:
    /// none); released exactly once, in finish() or the destructor.
    QString m_accountSession;
};

} // namespace RelayDesk::Smtp
