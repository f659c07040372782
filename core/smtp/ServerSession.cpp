#include "ServerSession.h"

#include "ServerTlsConfiguration.h"
#include "SessionHost.h"

#include <QSslCipher>
#include <QSslSocket>

namespace RelayDesk::Smtp {

namespace {

ServerProtocol::Session makeSession(QSslSocket* socket, const ListenerSettings& listener,
                                    const ServerLimits& limits, bool tlsAvailable,
                                    SessionHost* host)
{
    ServerProtocol::Session session;
    session.limits = limits;
    session.listenerName = listener.name;
    session.clientAddress = ServerSession::normalisedAddress(socket->peerAddress());
    session.clientPort = socket->peerPort();
    session.relayAllowed = host && host->isRelayAllowed(session.clientAddress);
    session.tlsAvailable = tlsAvailable;
    session.requireAuth = listener.requireAuth;
    session.allowPlainAuth = listener.allowPlainAuth;
    return session;
}

} // namespace

ServerSession::ServerSession(QSslSocket* socket, const ListenerSettings& listener,
                             const ServerLimits& limits,
                             const std::optional<QSslConfiguration>& tls, SessionHost* host,
                             QObject* parent)
    : QObject(parent), m_socket(socket), m_tls(tls), m_host(host),
      m_clientAddress(normalisedAddress(socket->peerAddress())), m_clientPort(socket->peerPort()),
      m_listenerName(listener.name),
      m_implicitTls(listener.mode == ListenerSettings::Mode::ImplicitTls && tls.has_value()),
      m_protocol(*this, makeSession(socket, listener, limits, tls.has_value(), host)),
      m_startedAt(QDateTime::currentDateTimeUtc())
{
    m_socket->setParent(this);
    // Bounded: what the protocol cannot take yet stays in the kernel.
    m_socket->setReadBufferSize(ReadChunk);
    m_readBuffer.resize(ReadChunk);
    if (m_tls)
        m_socket->setSslConfiguration(*m_tls);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerSession::onTimeout);
    connect(m_socket, &QSslSocket::readyRead, this, &ServerSession::readInput);
    connect(m_socket, &QSslSocket::bytesWritten, this, &ServerSession::readInput);
    connect(m_socket, &QSslSocket::encrypted, this, &ServerSession::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, &ServerSession::finish);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ServerSession::onSocketError);
    m_transcript.append(SessionTranscript::Direction::Note,
                        QStringLiteral("connect from %1 port %2 on %3")
                            .arg(m_clientAddress.toString())
                            .arg(m_clientPort)
                            .arg(m_listenerName)
                            .toUtf8());
}

ServerSession::~ServerSession()
{
    // The socket is a child and dies after this object's members; it must
    // not call back into a half-destroyed session.
    m_socket->disconnect(this);
    m_timer.stop();
    // Deleted without finish() (the relay stops, the listener goes): the
    // account's login must still be handed back.
    endAccountSession();
}

void ServerSession::start()
{
    if (m_implicitTls) {
        note(QStringLiteral("implicit TLS handshake"));
        m_socket->startServerEncryption();
        restartTimer();
        return;
    }
    m_protocol.start();
    restartTimer();
}

void ServerSession::startRefused(const QByteArray& reply)
{
    m_refused = true;
    m_refusal = reply;
    if (m_implicitTls) {
        m_socket->startServerEncryption();
        m_timer.start(CloseGraceMs);
        return;
    }
    sendReply(reply);
    close();
}

SessionSummary ServerSession::summary() const
{
    SessionSummary summary;
    summary.listener = m_listenerName;
    summary.clientAddress = m_clientAddress.toString();
    summary.clientPort = m_clientPort;
    summary.startedAt = m_startedAt;
    summary.endedAt = m_endedAt.isValid() ? m_endedAt : QDateTime::currentDateTimeUtc();
    summary.tlsVersion = m_socket->isEncrypted()
                             ? ServerTlsConfiguration::protocolName(m_socket->sessionProtocol())
                             : QString();
    summary.authUser = m_protocol.authUser();
    summary.messagesAccepted = m_protocol.messagesAccepted();
    summary.messagesRejected = m_protocol.messagesRejected();
    summary.refused = m_refused;
    summary.transcript = m_transcript.toStringList();
    return summary;
}

QHostAddress ServerSession::normalisedAddress(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QHostAddress(v4);
    return address;
}

void ServerSession::readInput()
{
    if (m_reading)
        return; // re-entered from a signal emitted while we feed the protocol
    m_reading = true;
    bool fed = false;
    while (!m_closing && !m_protocol.isWaiting() && !m_protocol.isClosed() &&
           m_protocol.state() != ServerProtocol::State::Connected &&
           m_socket->bytesToWrite() < MaxUnsentReplies && m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(m_readBuffer.data(), ReadChunk);
        if (n <= 0)
            break;
        fed = true;
        m_protocol.receive(QByteArrayView(m_readBuffer.constData(), n));
    }
    m_reading = false;
    if (fed && !m_closing)
        restartTimer();
}

void ServerSession::onEncrypted()
{
    const QString version = ServerTlsConfiguration::protocolName(m_socket->sessionProtocol());
    note(QStringLiteral("TLS established: %1 %2").arg(version, m_socket->sessionCipher().name()));
    if (m_refused) {
        sendReply(m_refusal);
        close();
        return;
    }
    if (m_protocol.state() == ServerProtocol::State::Connected)
        m_protocol.start(version);
    else
        m_protocol.tlsStarted(version);
    restartTimer();
    readInput();
}

void ServerSession::onSocketError()
{
    if (m_socket->error() != QAbstractSocket::RemoteHostClosedError)
        note(QStringLiteral("socket error: %1").arg(m_socket->errorString()));
    if (m_socket->error() == QAbstractSocket::SslHandshakeFailedError ||
        m_socket->error() == QAbstractSocket::SslInternalError)
        m_socket->abort();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void ServerSession::onTimeout()
{
    if (m_closing || m_protocol.state() == ServerProtocol::State::Connected ||
        m_protocol.state() == ServerProtocol::State::WaitingTls) {
        // Nothing useful can be said to a peer that does not finish a TLS
        // handshake or does not take its last reply.
        note(m_closing ? QStringLiteral("close timeout") : QStringLiteral("TLS handshake timeout"));
        m_socket->abort();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish();
        return;
    }
    const bool hostWait = m_protocol.isWaitingForHost();
    note(hostWait ? QStringLiteral("host did not answer within %1 ms in state %2")
                        .arg(m_protocol.timeoutMs())
                        .arg(QLatin1String(ServerProtocol::stateName(m_protocol.state())))
                  : QStringLiteral("timeout in state %1")
                        .arg(QLatin1String(ServerProtocol::stateName(m_protocol.state()))));
    // The host's answer, if it ever comes, belongs to no request any more.
    // Before timedOut(): pipelined input it resumes may start a new request.
    if (hostWait)
        ++m_hostRequest;
    m_protocol.timedOut();
    if (hostWait) {
        // The protocol answered 454/451 and goes on.
        restartTimer();
        readInput();
    }
}

void ServerSession::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_timer.stop();
    m_endedAt = QDateTime::currentDateTimeUtc();
    note(QStringLiteral("disconnected"));
    endAccountSession();
    emit finished();
}

void ServerSession::restartTimer()
{
    if (m_finished || m_closing)
        return;
    m_timer.start(m_protocol.timeoutMs());
}

void ServerSession::note(const QString& text)
{
    m_transcript.append(SessionTranscript::Direction::Note, text.toUtf8());
}

void ServerSession::sendReply(const QByteArray& reply)
{
    m_transcript.append(SessionTranscript::Direction::Server, reply);
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(reply);
}

void ServerSession::startTls()
{
    if (!m_tls) {
        close();
        return;
    }
    // CVE-2011-0411: plaintext already buffered behind STARTTLS is dropped,
    // never read as if it had come over TLS.
    const qint64 dropped = m_socket->bytesAvailable();
    if (dropped > 0) {
        m_socket->skip(dropped);
        note(QStringLiteral("dropped %1 octets pipelined after STARTTLS").arg(dropped));
    }
    m_socket->startServerEncryption();
    restartTimer();
}

void ServerSession::close()
{
    if (m_closing)
        return;
    m_closing = true;
    // disconnectFromHost() flushes the last reply first; a client that
    // never reads it is cut off after the grace period.
    m_timer.start(CloseGraceMs);
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finish();
}

void ServerSession::authenticate(const QString& user, const QString& password)
{
    QPointer<ServerSession> self(this);
    auto done = [self, user, request = ++m_hostRequest](bool ok) {
        // The client went away while the host was checking, or the wait
        // timed out (a late "ok" must not authenticate a later attempt).
        if (!self || self->m_hostRequest != request)
            return;
        // Counted only here, once the login really happens, so that an
        // abandoned check never holds one of the account's sessions.
        if (const auto refusal = ok ? self->admitAccountSession(user) : std::nullopt)
            self->m_protocol.authenticationRefused(*refusal);
        else
            self->m_protocol.authenticated(ok);
        self->restartTimer();
        self->readInput();
    };
    if (!m_host) {
        QMetaObject::invokeMethod(
            this, [done] { done(false); }, Qt::QueuedConnection);
        return;
    }
    m_host->authenticateClient(m_clientAddress, user, password, done);
}

void ServerSession::submit(const ReceivedMessage& message)
{
    note(QStringLiteral("message of %1 octets for %2 recipient(s)")
             .arg(message.content.size())
             .arg(message.recipients.size()));
    QPointer<ServerSession> self(this);
    auto done = [self, request = ++m_hostRequest](const SubmitResult& result) {
        // A late answer after the host-wait timeout must not turn into a
        // 250 for the next message.
        if (!self || self->m_hostRequest != request)
            return;
        if (!result.ok)
            self->note(QStringLiteral("not queued: %1").arg(result.error));
        self->m_protocol.submitted(result);
        self->restartTimer();
        self->readInput();
    };
    if (!m_host) {
        SubmitResult failed;
        failed.error = QStringLiteral("no session host");
        QMetaObject::invokeMethod(
            this, [done, failed] { done(failed); }, Qt::QueuedConnection);
        return;
    }
    m_host->submit(message, done);
}

void ServerSession::commandReceived(QByteArrayView line)
{
    m_transcript.append(SessionTranscript::Direction::Client, line);
}

std::optional<ServerReply> ServerSession::checkAuth()
{
    return m_host ? noted(m_host->checkAuth(m_clientAddress)) : std::nullopt;
}

std::optional<ServerReply> ServerSession::checkMail(const QString& authUser, const QString& sender)
{
    return m_host ? noted(m_host->checkMail(m_clientAddress, authUser, sender)) : std::nullopt;
}

std::optional<ServerReply> ServerSession::checkRcpt(const QString& authUser)
{
    return m_host ? noted(m_host->checkRcpt(m_clientAddress, authUser)) : std::nullopt;
}

std::optional<ServerReply> ServerSession::admitAccountSession(const QString& user)
{
    // A second login (after STARTTLS reset the first) replaces the first.
    endAccountSession();
    if (!m_host)
        return std::nullopt;
    auto refusal = m_host->admitAccountSession(m_clientAddress, user);
    if (!refusal)
        m_accountSession = user;
    return noted(std::move(refusal));
}

void ServerSession::endAccountSession()
{
    if (m_accountSession.isEmpty() || !m_host)
        return;
    m_host->accountSessionEnded(std::exchange(m_accountSession, QString()));
}

std::optional<ServerReply> ServerSession::noted(std::optional<ServerReply> refusal)
{
    if (refusal)
        note(QStringLiteral("refused by policy: %1 %2")
                 .arg(refusal->code)
                 .arg(QString::fromLatin1(refusal->text)));
    return refusal;
}

} // namespace RelayDesk::Smtp
