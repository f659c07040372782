#include "SmtpClientConnection.h"

#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

Q_LOGGING_CATEGORY(lcClient, "relaydesk.delivery.client")

namespace RelayDesk::Delivery {

using Smtp::ClientProtocolSettings;

namespace {

/// A transcript line longer than this is cut (a reply line may be long).
constexpr int MaxTranscriptLineLength = 1000;

QString clip(QString line)
{
    if (line.size() > MaxTranscriptLineLength) {
        line.truncate(MaxTranscriptLineLength);
        line += QStringLiteral("...");
    }
    return line;
}

} // namespace

QStringList SmtpClientConnection::transcript() const
{
    QStringList lines = m_setupLines;
    lines += m_messageLines;
    if (m_droppedLines > 0)
        lines.append(QStringLiteral("*: [%1 more lines not kept]").arg(m_droppedLines));
    return lines;
}

void SmtpClientConnection::note(QString line)
{
    QStringList& target = m_established ? m_messageLines : m_setupLines;
    if (m_setupLines.size() + m_messageLines.size() >= MaxTranscriptLines) {
        ++m_droppedLines;
        return;
    }
    target.append(clip(std::move(line)));
}

void SmtpClientConnection::noteServerData(const QByteArray& data)
{
    m_serverPartial += data;
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = m_serverPartial.indexOf('\n', start);
        if (end < 0)
            break;
        QByteArray line = m_serverPartial.mid(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        note(QStringLiteral("S: ") + QString::fromUtf8(line));
        start = end + 1;
    }
    m_serverPartial.remove(0, start);
    if (m_serverPartial.size() > MaxTranscriptLineLength * 4)
        m_serverPartial.clear(); // a runaway line: the protocol rejects it anyway
}

ClientProtocolSettings SmtpClientConnection::protocolSettings(const SmarthostSettings& settings)
{
    ClientProtocolSettings p;
    p.heloName = settings.heloName;
    p.username = settings.username;
    p.password = settings.password;
    switch (settings.tls) {
    case TlsMode::None:
        p.startTls = ClientProtocolSettings::StartTls::Never;
        // The admin declared this upstream trusted (loopback/LAN): AUTH in
        // clear text is their explicit choice.
        p.allowPlaintextAuth = true;
        break;
    case TlsMode::StartTlsOpportunistic:
        p.startTls = ClientProtocolSettings::StartTls::IfOffered;
        break;
    case TlsMode::StartTlsRequired:
        p.startTls = ClientProtocolSettings::StartTls::Required;
        break;
    case TlsMode::Implicit:
        p.startTls = ClientProtocolSettings::StartTls::Never;
        p.tlsActive = true;
        break;
    }
    return p;
}

SmtpClientConnection::SmtpClientConnection(const SmarthostSettings& settings, QObject* parent)
    : QObject(parent), m_settings(settings),
      m_upstream(settings.host + QLatin1Char(':') + QString::number(settings.port)),
      m_protocol(protocolSettings(settings), this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpClientConnection::onTimeout);
}

SmtpClientConnection::~SmtpClientConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SmtpClientConnection::setConnectAddress(const QHostAddress& address)
{
    m_connectAddress = address;
    if (!address.isNull()) {
        m_upstream = m_settings.host + QLatin1Char('[') + address.toString() +
                     QStringLiteral("]:") + QString::number(m_settings.port);
    }
}

void SmtpClientConnection::open()
{
    Q_ASSERT(!m_socket);
    m_socket = new QSslSocket(this);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_settings.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            failBeforeConnecting(
                QStringLiteral("cannot read a CA certificate from %1").arg(m_settings.caFile));
            return;
        }
        tls.addCaCertificates(cas);
    }
    // Always verify, so that tlsErrors() can tell; without verifyPeer the
    // errors are ignored in the sslErrors handler below.
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(tls);
    m_socket->setPeerVerifyName(m_settings.host);

    connect(m_socket, &QSslSocket::connected, this, &SmtpClientConnection::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClientConnection::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClientConnection::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpClientConnection::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        m_sslErrors = errors;
        m_tlsErrors = errors;
        if (!m_settings.verifyPeer)
            m_socket->ignoreSslErrors();
    });
    connect(m_socket, &QSslSocket::disconnected, this,
            [this] { loseConnection(QStringLiteral("connection closed by %1").arg(m_upstream)); });
    connect(m_socket, &QSslSocket::bytesWritten, this, [this] {
        // A large message may take a while to upload: progress keeps the
        // data timeout from firing (RFC 5321 4.5.3.2.5: per block).
        if (m_protocol.awaitingFinalReply())
            m_timer.start();
    });

    m_timer.start(m_settings.connectTimeoutMs);
    const QString target =
        m_connectAddress.isNull() ? m_settings.host : m_connectAddress.toString();
    if (m_settings.tls == TlsMode::Implicit)
        m_socket->connectToHostEncrypted(target, m_settings.port, m_settings.host);
    else
        m_socket->connectToHost(target, m_settings.port);
}

void SmtpClientConnection::failBeforeConnecting(const QString& text)
{
    // Reported from the event loop, never from inside open(), so that the
    // caller's bookkeeping for this connection is complete first.
    QMetaObject::invokeMethod(
        this,
        [this, text] {
            m_protocol.connectionLost(text);
            flushEvents();
        },
        Qt::QueuedConnection);
}

void SmtpClientConnection::onConnected()
{
    m_connected = true;
    note(QStringLiteral("*: connected to %1").arg(m_upstream));
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // pipelined commands
    updateTimer();
}

void SmtpClientConnection::onEncrypted()
{
    m_sslErrors.clear();
    note(QStringLiteral("*: %1 established (%2)")
             .arg(m_socket->sessionProtocol() == QSsl::TlsV1_3 ? QStringLiteral("TLS 1.3")
                                                               : QStringLiteral("TLS 1.2"),
                  m_socket->sessionCipher().name()));
    if (m_protocol.state() == Smtp::ClientProtocol::State::TlsHandshake) {
        m_protocol.tlsStarted();
        flushEvents();
    }
    updateTimer();
}

void SmtpClientConnection::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    // Noted before the protocol reacts, so that its answers follow in order.
    noteServerData(data);
    m_protocol.receive(data);
    flushEvents();
}

void SmtpClientConnection::onSocketError()
{
    QString text;
    if (m_socket->error() == QAbstractSocket::SslHandshakeFailedError || !m_sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError& e : std::as_const(m_sslErrors))
            reasons.append(e.errorString());
        text = QStringLiteral("TLS handshake with %1 failed: %2")
                   .arg(m_upstream, reasons.isEmpty() ? m_socket->errorString()
                                                      : reasons.join(QLatin1String("; ")));
    } else if (m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
        text = QStringLiteral("connection closed by %1").arg(m_upstream);
    } else {
        text = QStringLiteral("%1: %2").arg(m_upstream, m_socket->errorString());
    }
    loseConnection(text);
}

void SmtpClientConnection::onTimeout()
{
    if (!m_connected) {
        loseConnection(QStringLiteral("timed out connecting to %1 after %2 s")
                           .arg(m_upstream)
                           .arg(m_settings.connectTimeoutMs / 1000.0));
        return;
    }
    const int ms =
        m_protocol.awaitingFinalReply() ? m_settings.dataTimeoutMs : m_settings.commandTimeoutMs;
    loseConnection(QStringLiteral("timed out after %1 s waiting for %2 from %3")
                       .arg(ms / 1000.0)
                       .arg(m_protocol.waitingFor(), m_upstream));
}

void SmtpClientConnection::loseConnection(const QString& text)
{
    if (m_ended)
        return;
    note(QStringLiteral("*: ") + text);
    m_protocol.connectionLost(text);
    flushEvents();
}

void SmtpClientConnection::updateTimer()
{
    if (m_ended) {
        m_timer.stop();
        return;
    }
    if (!m_connected)
        return; // the connect timeout keeps running
    const bool handshaking = m_protocol.state() == Smtp::ClientProtocol::State::TlsHandshake;
    if (m_protocol.awaitingFinalReply())
        m_timer.start(m_settings.dataTimeoutMs);
    else if (m_protocol.awaitingReply() || handshaking)
        m_timer.start(m_settings.commandTimeoutMs);
    else
        m_timer.stop();
}

bool SmtpClientConnection::send(const Smtp::ClientMessage& message)
{
    if (m_protocol.isIdle()) {
        // A new attempt: it keeps the set-up, not the previous message.
        m_messageLines.clear();
        m_droppedLines = 0;
    }
    if (!m_protocol.sendMessage(message))
        return false;
    updateTimer();
    flushEvents();
    return true;
}

void SmtpClientConnection::quit()
{
    if (m_ended)
        return;
    m_protocol.quit();
    updateTimer();
    flushEvents();
}

void SmtpClientConnection::abort()
{
    m_silenced = true;
    m_events.clear();
    m_ended = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SmtpClientConnection::sendData(const QByteArray& data)
{
    using State = Smtp::ClientProtocol::State;
    if (m_protocol.awaitingFinalReply()) {
        // The content itself is no evidence and may be large or private.
        note(QStringLiteral("C: <message, %1 octets>").arg(data.size()));
    } else if (m_protocol.state() == State::AuthLoginPassword ||
               m_protocol.state() == State::AuthLoginDone) {
        note(QStringLiteral("C: ****")); // the AUTH LOGIN username or password
    } else {
        for (QByteArray line : data.split('\n')) {
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.isEmpty())
                continue;
            if (line.startsWith("AUTH ")) {
                // Keep the mechanism, mask an initial response (AUTH PLAIN token).
                const QList<QByteArray> parts = line.split(' ');
                if (parts.size() > 2)
                    line = parts.at(0) + ' ' + parts.at(1) + " ****";
            }
            note(QStringLiteral("C: ") + QString::fromUtf8(line));
        }
    }
    if (m_socket)
        m_socket->write(data);
}

void SmtpClientConnection::startTls()
{
    m_socket->startClientEncryption();
}

void SmtpClientConnection::sessionReady()
{
    m_established = true;
    m_events.push_back(Event{Event::Kind::Ready, {}, {}, false});
}

void SmtpClientConnection::messageFinished(const Smtp::ClientMessageResult& result)
{
    Smtp::ClientMessageResult withTranscript = result;
    withTranscript.transcript = transcript();
    m_events.push_back(Event{Event::Kind::Finished, std::move(withTranscript), {}, false});
}

void SmtpClientConnection::sessionEnded(bool failed, const Smtp::ClientReply& reason)
{
    m_ended = true;
    m_timer.stop();
    if (failed)
        qCInfo(lcClient).noquote()
            << "session with" << m_upstream << "failed:" << reason.toString();
    if (m_socket) {
        // disconnectFromHost() still writes a pending QUIT; later socket
        // signals no longer matter.
        m_socket->disconnect(this);
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->disconnectFromHost();
        else
            m_socket->abort();
    }
    m_events.push_back(Event{Event::Kind::Closed, {}, reason, failed});
}

void SmtpClientConnection::flushEvents()
{
    updateTimer();
    if (m_silenced) {
        m_events.clear();
        return;
    }
    // Swap first: a slot may call send(), which queues and flushes new events.
    std::vector<Event> events;
    events.swap(m_events);
    const QPointer<SmtpClientConnection> self(this);
    for (Event& e : events) {
        if (!self || m_silenced)
            return;
        switch (e.kind) {
        case Event::Kind::Ready:
            emit ready();
            break;
        case Event::Kind::Finished:
            emit messageCompleted(e.result);
            break;
        case Event::Kind::Closed:
            emit closed(e.failed, e.reason);
            break;
        }
    }
}

} // namespace RelayDesk::Delivery
