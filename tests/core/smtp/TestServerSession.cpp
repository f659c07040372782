#include "TestSessionHost.h"
#include "bounce/DsnParameters.h"
#include "smtp/Listener.h"
#include "smtp/ServerSession.h"
#include "smtp/ServerTlsConfiguration.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace RelayDesk::Smtp;
using RelayDesk::Smtp::Testing::TestSessionHost;

namespace {

constexpr int Timeout = 15000;

template <typename Condition> bool waitFor(Condition condition, int timeoutMs = Timeout)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5); // processes events, like QTRY_VERIFY
    }
    return true;
}

/// An SMTP client over QSslSocket that collects replies without blocking
/// the event loop the server runs in.
class Client
{
public:
    Client()
    {
        QObject::connect(&socket, &QSslSocket::readyRead, &socket,
                         [this] { buffer += socket.readAll(); });
        QObject::connect(&socket, &QSslSocket::connected, &socket, [this] { wasConnected = true; });
        QObject::connect(&socket, &QSslSocket::sslErrors, &socket,
                         [this](const QList<QSslError>&) { socket.ignoreSslErrors(); });
    }

    bool connectPlain(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        // The flag, not the state: a refused session may be gone already.
        return waitFor([this] { return wasConnected; });
    }

    bool connectTls(quint16 port)
    {
        verifyNone();
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        return waitFor([this] { return socket.isEncrypted() || failed(); }) && socket.isEncrypted();
    }

    bool startTls()
    {
        verifyNone();
        socket.startClientEncryption();
        return waitFor([this] { return socket.isEncrypted() || failed(); }) && socket.isEncrypted();
    }

    void verifyNone()
    {
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.setSslConfiguration(configuration);
    }

    bool failed() const
    {
        return socket.state() == QAbstractSocket::UnconnectedState ||
               socket.error() == QAbstractSocket::SslHandshakeFailedError;
    }

    void send(const QByteArray& data) { socket.write(data); }

    /// The next complete reply (all its lines), or empty after a timeout.
    QByteArray reply(int timeoutMs = Timeout)
    {
        qsizetype end = -1;
        waitFor(
            [&] {
                end = replyEnd();
                return end >= 0;
            },
            timeoutMs);
        if (end < 0)
            return {};
        const QByteArray out = buffer.left(end);
        buffer.remove(0, end);
        return out;
    }

    QByteArray command(const QByteArray& line)
    {
        send(line + "\r\n");
        return reply();
    }

    bool waitDisconnected(int timeoutMs = Timeout)
    {
        return waitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; },
                       timeoutMs);
    }

    QSslSocket socket;
    QByteArray buffer;
    bool wasConnected = false;

private:
    qsizetype replyEnd() const
    {
        qsizetype start = 0;
        for (;;) {
            const qsizetype lf = buffer.indexOf('\n', start);
            if (lf < 0)
                return -1;
            if (lf - start >= 4 && buffer.at(start + 3) == ' ')
                return lf + 1;
            if (lf - start == 4 && buffer.at(start + 3) == '\r')
                return lf + 1; // "334 " trimmed variants
            start = lf + 1;
        }
    }
};

} // namespace

/// ServerSession and Listener over real loopback sockets: plain, STARTTLS,
/// implicit TLS, connection caps, timeouts, legacy TLS and the host contract.
class TestServerSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void plainTransaction();
    void pipelinedTransaction();
    void relayDenied();
    void noOkBeforeHostAnswers();
    void submitFailure_data();
    void submitFailure();
    void clientGoneWhileHostBusy();
    void largeMessage();
    void startTls();
    void implicitTls();
    void sessionCapPerClient();
    void sessionCapOverall();
    void commandTimeout();
    void dataTimeout();
    void handshakeTimeout();
    void hostWaitIsNotClientTimeout();
    void hostWaitTimeout();
    void hostWaitTimeoutPipelined();
    void hostWaitTimeoutAuth();
    void tooManyErrorsCloses();
    void legacyTls_data();
    void legacyTls();
    void listenErrors();
    void certificateKeyMismatch_data();
    void certificateKeyMismatch();
    void transcript();
    void listenerDestroyedWithSessions();
    void ipv6Loopback();
    void dsnFromPythonSmtplib();

private:
    QString generateKey(const QString& name, const QStringList& options);
    std::unique_ptr<Listener> makeListener(ListenerSettings settings = {},
                                           ServerLimits limits = {});
    ListenerSettings tlsSettings() const;
    QByteArray standardTransaction(Client& client);

    QTemporaryDir m_dir;
    QString m_certificate;
    QString m_key;
    std::unique_ptr<TestSessionHost> m_host;
};

void TestServerSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "no TLS backend");
    m_certificate = m_dir.filePath(QStringLiteral("cert.pem"));
    m_key = m_dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", m_key, "-out",
                   m_certificate, "-days", "2", "-subj", "/CN=relay.test"});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
}

QString TestServerSession::generateKey(const QString& name, const QStringList& options)
{
    const QString path = m_dir.filePath(name);
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  QStringList{"genpkey"} + options + QStringList{"-out", path});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        return {};
    return path;
}

void TestServerSession::init()
{
    m_host = std::make_unique<TestSessionHost>();
}

void TestServerSession::cleanup()
{
    m_host.reset();
}

std::unique_ptr<Listener> TestServerSession::makeListener(ListenerSettings settings,
                                                          ServerLimits limits)
{
    settings.name = settings.name.isEmpty() ? QStringLiteral("test") : settings.name;
    settings.address = QHostAddress::LocalHost;
    settings.port = 0;
    limits.hostname = QStringLiteral("relay.test");
    auto listener = std::make_unique<Listener>(settings, limits, m_host.get());
    QString error;
    if (!listener->listen(&error))
        qWarning("listen failed: %s", qPrintable(error));
    return listener;
}

ListenerSettings TestServerSession::tlsSettings() const
{
    ListenerSettings settings;
    settings.certificateFile = m_certificate;
    settings.privateKeyFile = m_key;
    return settings;
}

QByteArray TestServerSession::standardTransaction(Client& client)
{
    client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    if (!client.reply().startsWith("250") || !client.reply().startsWith("250") ||
        !client.reply().startsWith("354"))
        return "bad envelope";
    client.send("Subject: test\r\n\r\nbody\r\n.\r\n");
    return client.reply();
}

void TestServerSession::plainTransaction()
{
    auto listener = makeListener();
    QVERIFY(listener->isListening());
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    QVERIFY(client.reply().startsWith("220 relay.test ESMTP"));
    const QByteArray ehlo = client.command("EHLO client.test");
    QVERIFY(ehlo.startsWith("250-relay.test"));
    QVERIFY(!ehlo.contains("STARTTLS")); // no certificate
    QVERIFY(!ehlo.contains("AUTH"));
    QVERIFY(standardTransaction(client).startsWith("250 2.0.0 Ok: queued as T1"));
    QCOMPARE(m_host->messages.size(), 1);
    const ReceivedMessage& m = m_host->messages.first();
    QCOMPARE(m.clientAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(m.clientPort, client.socket.localPort());
    QCOMPARE(m.listener, QStringLiteral("test"));
    QCOMPARE(m.tlsVersion, QString());
    QVERIFY(m.content.startsWith("Received: from client.test ([127.0.0.1])\r\n"));
    QVERIFY(m.content.endsWith("Subject: test\r\n\r\nbody\r\n"));
    QCOMPARE(m_host->relayChecks.value(0), QHostAddress(QHostAddress::LocalHost));
    QSignalSpy finished(listener.get(), &Listener::sessionFinished);
    QVERIFY(client.command("QUIT").startsWith("221 2.0.0"));
    QVERIFY(client.waitDisconnected());
    QVERIFY(waitFor([&] { return finished.size() == 1; }));
    const auto summary = finished.first().first().value<SessionSummary>();
    QCOMPARE(summary.messagesAccepted, 1);
    QCOMPARE(listener->sessionCount(), 0);
}

void TestServerSession::pipelinedTransaction()
{
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    QVERIFY(client.reply().startsWith("220"));
    client.send("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n"
                "RCPT TO:<c@example.org>\r\nDATA\r\n");
    for (const char* code : {"250-", "250 ", "250 ", "250 ", "354"})
        QVERIFY(client.reply().startsWith(code));
    client.send("x\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<d@example.org>\r\nBDAT 3 LAST\r\nabcQUIT\r\n");
    for (const char* code :
         {"250 2.0.0 Ok: queued as T1", "250 ", "250 ", "250 2.0.0 Ok: queued as T2", "221"})
        QVERIFY(client.reply().startsWith(code));
    QVERIFY(client.waitDisconnected());
    QCOMPARE(m_host->messages.size(), 2);
    QCOMPARE(m_host->messages.at(1).recipients, QStringList{"d@example.org"});
    QVERIFY(m_host->messages.at(1).content.endsWith("\r\nabc\r\n"));
}

void TestServerSession::relayDenied()
{
    m_host->relayAllowed = false;
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QVERIFY(client.command("MAIL FROM:<a@example.com>").startsWith("250"));
    QVERIFY(client.command("RCPT TO:<b@example.org>").startsWith("554 5.7.1"));
    QVERIFY(client.command("DATA").startsWith("554"));
    QCOMPARE(m_host->messages.size(), 0);
}

void TestServerSession::noOkBeforeHostAnswers()
{
    m_host->mode = TestSessionHost::Mode::Hold;
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    client.reply();
    client.reply();
    client.reply();
    client.send("x\r\n.\r\nNOOP\r\n");
    QVERIFY(waitFor([this] { return m_host->held.size() == 1; }));
    // The host holds the message: nothing may reach the client, not even
    // the reply to the pipelined NOOP.
    QCOMPARE(client.reply(300), QByteArray());
    m_host->release();
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok: queued as LATE"));
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok"));
}

void TestServerSession::submitFailure_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("reply");
    QTest::newRow("temporary") << int(TestSessionHost::Mode::Temporary) << QByteArray("451 4.3.0");
    QTest::newRow("permanent") << int(TestSessionHost::Mode::Permanent) << QByteArray("554 5.3.0");
}

void TestServerSession::submitFailure()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, reply);
    m_host->mode = static_cast<TestSessionHost::Mode>(mode);
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QVERIFY(standardTransaction(client).startsWith(reply));
    QVERIFY(client.command("NOOP").startsWith("250"));
}

void TestServerSession::clientGoneWhileHostBusy()
{
    m_host->mode = TestSessionHost::Mode::Hold;
    auto listener = makeListener();
    QSignalSpy finished(listener.get(), &Listener::sessionFinished);
    {
        Client client;
        QVERIFY(client.connectPlain(listener->serverPort()));
        client.reply();
        client.command("EHLO c");
        client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
        client.reply();
        client.reply();
        client.reply();
        client.send("x\r\n.\r\n");
        QVERIFY(waitFor([this] { return m_host->held.size() == 1; }));
        client.socket.abort();
    }
    QVERIFY(waitFor([&] { return finished.size() == 1; }));
    QTest::qWait(0); // let deleteLater run
    QVERIFY(waitFor([&] { return listener->sessionCount() == 0; }));
    m_host->release(); // must not touch the deleted session
    QCOMPARE(finished.first().first().value<SessionSummary>().messagesAccepted, 0);
}

void TestServerSession::largeMessage()
{
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QByteArray body;
    const QByteArray line = QByteArray(76, 'q') + "\r\n";
    while (body.size() < 8 * 1024 * 1024)
        body += line;
    client.send("MAIL FROM:<a@example.com> SIZE=" + QByteArray::number(body.size()) +
                "\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    client.reply();
    client.reply();
    QVERIFY(client.reply().startsWith("354"));
    client.send(body + ".\r\n");
    QVERIFY(client.reply(60000).startsWith("250 2.0.0"));
    QCOMPARE(m_host->messages.size(), 1);
    const QByteArray& content = m_host->messages.first().content;
    QCOMPARE(m_host->messages.first().normalisedLineEnds, 0);
    QVERIFY(content.endsWith(body));
}

void TestServerSession::startTls()
{
    auto settings = tlsSettings();
    auto listener = makeListener(settings);
    QVERIFY(listener->isListening());
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    const QByteArray ehlo = client.command("EHLO c");
    QVERIFY(ehlo.contains("250 STARTTLS\r\n"));
    QVERIFY(!ehlo.contains("AUTH"));
    QVERIFY(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==").startsWith("538 5.7.11"));
    // CVE-2011-0411: the EHLO behind STARTTLS must be dropped, not answered
    // after the handshake.
    client.send("STARTTLS\r\nEHLO evil\r\n");
    QVERIFY(client.reply().startsWith("220 2.0.0"));
    QVERIFY(client.buffer.isEmpty());
    QVERIFY(client.startTls());
    QVERIFY(client.command("NOOP").startsWith("250 Ok")); // no EHLO yet: no enhanced code
    const QByteArray ehlo2 = client.command("EHLO c");
    QVERIFY(!ehlo2.contains("STARTTLS"));
    QVERIFY(ehlo2.contains("AUTH PLAIN LOGIN"));
    QVERIFY(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==").startsWith("235 2.7.0"));
    QVERIFY(standardTransaction(client).startsWith("250 2.0.0"));
    QCOMPARE(m_host->messages.size(), 1);
    const ReceivedMessage& m = m_host->messages.first();
    QVERIFY(m.tlsVersion.startsWith(QLatin1String("TLSv1.")));
    QCOMPARE(m.authUser, QStringLiteral("alice"));
    QVERIFY(m.content.contains("with ESMTPSA (" + m.tlsVersion.toLatin1() + ")"));
}

void TestServerSession::implicitTls()
{
    auto settings = tlsSettings();
    settings.mode = ListenerSettings::Mode::ImplicitTls;
    auto listener = makeListener(settings);
    Client client;
    QVERIFY(client.connectTls(listener->serverPort()));
    QVERIFY(client.reply().startsWith("220 relay.test"));
    const QByteArray ehlo = client.command("EHLO c");
    QVERIFY(!ehlo.contains("STARTTLS"));
    QVERIFY(ehlo.contains("AUTH PLAIN LOGIN"));
    QVERIFY(client.command("STARTTLS").startsWith("503 5.5.1"));
    QVERIFY(standardTransaction(client).startsWith("250 2.0.0"));
    QCOMPARE(m_host->messages.first().tlsVersion, QStringLiteral("TLSv1.3"));
}

void TestServerSession::sessionCapPerClient()
{
    ServerLimits limits;
    limits.maxSessionsPerClient = 2;
    auto listener = makeListener({}, limits);
    Client a;
    Client b;
    Client c;
    QVERIFY(a.connectPlain(listener->serverPort()));
    QVERIFY(a.reply().startsWith("220"));
    QVERIFY(b.connectPlain(listener->serverPort()));
    QVERIFY(b.reply().startsWith("220"));
    QCOMPARE(listener->sessionCount(QHostAddress::LocalHost), 2);
    QVERIFY(c.connectPlain(listener->serverPort()));
    QVERIFY(c.reply().startsWith("421 4.7.0 relay.test Too many connections"));
    QVERIFY(c.waitDisconnected());
    // A freed slot can be used again.
    QVERIFY(a.command("QUIT").startsWith("221"));
    QVERIFY(waitFor([&] { return listener->sessionCount() == 1; }));
    Client d;
    QVERIFY(d.connectPlain(listener->serverPort()));
    QVERIFY(d.reply().startsWith("220"));
}

void TestServerSession::sessionCapOverall()
{
    ServerLimits limits;
    limits.maxSessions = 1;
    auto listener = makeListener({}, limits);
    QSignalSpy finished(listener.get(), &Listener::sessionFinished);
    Client a;
    Client b;
    QVERIFY(a.connectPlain(listener->serverPort()));
    QVERIFY(a.reply().startsWith("220"));
    QVERIFY(b.connectPlain(listener->serverPort()));
    QVERIFY(b.reply().startsWith("421 4.7.0"));
    QVERIFY(b.waitDisconnected());
    QVERIFY(waitFor([&] { return finished.size() == 1; }));
    QVERIFY(finished.first().first().value<SessionSummary>().refused);
    QVERIFY(a.command("NOOP").startsWith("250"));
}

void TestServerSession::commandTimeout()
{
    ServerLimits limits;
    limits.commandTimeoutMs = 300;
    auto listener = makeListener({}, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    QVERIFY(client.reply().startsWith("220"));
    QVERIFY(client.command("EHLO c").startsWith("250"));
    QVERIFY(client.reply().startsWith("421 4.4.2"));
    QVERIFY(client.waitDisconnected());
}

void TestServerSession::dataTimeout()
{
    ServerLimits limits;
    limits.dataBlockTimeoutMs = 300;
    limits.commandTimeoutMs = 60000;
    auto listener = makeListener({}, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    client.reply();
    client.reply();
    QVERIFY(client.reply().startsWith("354"));
    client.send("partial line");
    QVERIFY(client.reply().startsWith("421 4.4.2"));
    QVERIFY(client.waitDisconnected());
    QCOMPARE(m_host->messages.size(), 0);
}

void TestServerSession::handshakeTimeout()
{
    auto settings = tlsSettings();
    settings.mode = ListenerSettings::Mode::ImplicitTls;
    ServerLimits limits;
    limits.tlsHandshakeTimeoutMs = 300;
    auto listener = makeListener(settings, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort())); // never says hello
    QVERIFY(client.waitDisconnected());
    QCOMPARE(client.buffer, QByteArray());
}

void TestServerSession::hostWaitIsNotClientTimeout()
{
    m_host->mode = TestSessionHost::Mode::Hold;
    ServerLimits limits;
    limits.commandTimeoutMs = 300;
    limits.dataBlockTimeoutMs = 300;
    limits.hostWaitTimeoutMs = 60000;
    auto listener = makeListener({}, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.send("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    for (const char* code : {"250-", "250 ", "250 ", "354"})
        QVERIFY(client.reply().startsWith(code));
    client.send("x\r\n.\r\n");
    QVERIFY(waitFor([this] { return m_host->held.size() == 1; }));
    // Well past the client's timeouts: the host is slow, not the client, so
    // no 421 (and no reply at all, the message is not queued yet).
    QCOMPARE(client.reply(1500), QByteArray());
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
    m_host->release();
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok: queued as LATE"));
    // Back to the client's own timeout once the host has answered.
    QVERIFY(client.reply().startsWith("421 4.4.2"));
    QVERIFY(client.waitDisconnected());
}

void TestServerSession::hostWaitTimeout()
{
    m_host->mode = TestSessionHost::Mode::Hold;
    ServerLimits limits;
    limits.commandTimeoutMs = 60000;
    limits.hostWaitTimeoutMs = 300;
    auto listener = makeListener({}, limits);
    QSignalSpy finished(listener.get(), &Listener::sessionFinished);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QVERIFY(standardTransaction(client).startsWith("451 4.3.0"));
    QVERIFY(client.command("NOOP").startsWith("250 2.0.0")); // the session goes on
    // A second message, also held. The first one's late "ok" must not be
    // taken as the answer for the second.
    QVERIFY(waitFor([this] { return m_host->held.size() == 1; }));
    client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    client.reply();
    client.reply();
    QVERIFY(client.reply().startsWith("354"));
    client.send("second\r\n.\r\n");
    QVERIFY(waitFor([this] { return m_host->held.size() == 2; }));
    m_host->releaseFirst();
    QCOMPARE(client.reply(100), QByteArray());
    m_host->releaseFirst();
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok: queued as LATE"));
    QVERIFY(client.command("QUIT").startsWith("221"));
    QVERIFY(waitFor([&] { return finished.size() == 1; }));
    const auto summary = finished.first().first().value<SessionSummary>();
    QCOMPARE(summary.messagesAccepted, 1);
    QCOMPARE(summary.messagesRejected, 1);
    QVERIFY(summary.transcript.join(u'\n').contains(QLatin1String("host did not answer")));
}

void TestServerSession::hostWaitTimeoutPipelined()
{
    m_host->mode = TestSessionHost::Mode::Hold;
    ServerLimits limits;
    limits.commandTimeoutMs = 60000;
    limits.hostWaitTimeoutMs = 300;
    auto listener = makeListener({}, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    client.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
    client.reply();
    client.reply();
    QVERIFY(client.reply().startsWith("354"));
    // The second message waits behind the first; the timeout of the first
    // resumes it, and it becomes a host request of its own.
    client.send("first\r\n.\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<c@example.org>\r\n"
                "BDAT 7 LAST\r\nsecond\n");
    QVERIFY(client.reply().startsWith("451 4.3.0"));
    QVERIFY(client.reply().startsWith("250 2.1.0"));
    QVERIFY(client.reply().startsWith("250 2.1.5"));
    QVERIFY(waitFor([this] { return m_host->held.size() == 2; }));
    m_host->releaseFirst(); // the first message's late answer: ignored
    QCOMPARE(client.reply(100), QByteArray());
    m_host->releaseFirst();
    QVERIFY(client.reply().startsWith("250 2.0.0 Ok: queued as LATE"));
    QCOMPARE(m_host->messages.at(1).recipients, QStringList{"c@example.org"});
}

void TestServerSession::hostWaitTimeoutAuth()
{
    m_host->holdAuth = true;
    ListenerSettings settings;
    settings.allowPlainAuth = true;
    ServerLimits limits;
    limits.hostWaitTimeoutMs = 300;
    auto listener = makeListener(settings, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    // Right password, but the account check never answers in time.
    QVERIFY(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==").startsWith("454 4.7.0"));
    // Wrong password next; the first check's late "yes" must not let it in.
    client.send("AUTH PLAIN AGFsaWNlAHdyb25n\r\n");
    QVERIFY(waitFor([this] { return m_host->heldAuth.size() == 2; }));
    m_host->releaseFirstAuth();
    QCOMPARE(client.reply(100), QByteArray());
    m_host->releaseFirstAuth();
    QVERIFY(client.reply().startsWith("535 5.7.8"));
}

void TestServerSession::tooManyErrorsCloses()
{
    ServerLimits limits;
    limits.maxBadCommands = 2;
    auto listener = makeListener({}, limits);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QVERIFY(client.command("FOO").startsWith("500"));
    QVERIFY(client.command("BAR").startsWith("500"));
    QVERIFY(client.command("BAZ").startsWith("421 4.7.0"));
    QVERIFY(client.waitDisconnected());
}

void TestServerSession::legacyTls_data()
{
    QTest::addColumn<bool>("enableLegacy");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("TLS 1.1 refused by default") << false << false;
    QTest::newRow("TLS 1.1 accepted when enabled") << true << true;
}

void TestServerSession::legacyTls()
{
    QFETCH(bool, enableLegacy);
    QFETCH(bool, accepted);
    auto settings = tlsSettings();
    settings.mode = ListenerSettings::Mode::ImplicitTls;
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    if (enableLegacy)
        settings.minimumTls = QSsl::TlsV1_1OrLater;
    auto listener = makeListener(settings);
    Client client;
    QSslConfiguration configuration = client.socket.sslConfiguration();
    configuration.setProtocol(QSsl::TlsV1_1);
    QT_WARNING_POP
    // The client side needs the same escape from Debian's defaults.
    configuration.setBackendConfigurationOption("MinProtocol", QByteArray("TLSv1.1"));
    configuration.setBackendConfigurationOption("CipherString", QByteArray("DEFAULT:@SECLEVEL=0"));
    client.socket.setSslConfiguration(configuration);
    const bool encrypted = client.connectTls(listener->serverPort());
    QCOMPARE(encrypted, accepted);
    if (accepted) {
        QVERIFY(client.reply().startsWith("220"));
        client.command("EHLO c");
        QVERIFY(standardTransaction(client).startsWith("250 2.0.0"));
        QCOMPARE(m_host->messages.last().tlsVersion, QStringLiteral("TLSv1.1"));
    }
}

void TestServerSession::listenErrors()
{
    QString error;
    ListenerSettings missing;
    missing.name = QStringLiteral("bad");
    missing.port = 0;
    missing.certificateFile = m_dir.filePath(QStringLiteral("missing.pem"));
    Listener a(missing, {}, m_host.get());
    QVERIFY(!a.listen(&error));
    QVERIFY2(error.contains(QLatin1String("missing.pem")), qPrintable(error));

    ListenerSettings keyless = tlsSettings();
    keyless.port = 0;
    keyless.privateKeyFile = m_certificate; // a certificate is no key
    Listener b(keyless, {}, m_host.get());
    QVERIFY(!b.listen(&error));
    QVERIFY2(error.contains(QLatin1String("private key")), qPrintable(error));

    ListenerSettings implicitNoCert;
    implicitNoCert.port = 0;
    implicitNoCert.mode = ListenerSettings::Mode::ImplicitTls;
    Listener c(implicitNoCert, {}, m_host.get());
    QVERIFY(!c.listen(&error));
    QVERIFY2(error.contains(QLatin1String("certificate")), qPrintable(error));

    auto running = makeListener();
    ListenerSettings taken;
    taken.port = running->serverPort();
    Listener d(taken, {}, m_host.get());
    QVERIFY(!d.listen(&error));
    QVERIFY2(error.contains(QString::number(taken.port)), qPrintable(error));
}

void TestServerSession::certificateKeyMismatch_data()
{
    QTest::addColumn<QStringList>("keyOptions");
    QTest::newRow("other RSA key")
        << QStringList{"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"};
    QTest::newRow("EC key") << QStringList{"-algorithm", "EC", "-pkeyopt",
                                           "ec_paramgen_curve:P-256"};
}

void TestServerSession::certificateKeyMismatch()
{
    QFETCH(QStringList, keyOptions);
    const QString otherKey =
        generateKey(QStringLiteral("other-%1.pem").arg(QTest::currentDataTag()).replace(u' ', u'-'),
                    keyOptions);
    QVERIFY(!otherKey.isEmpty());

    QFile certificateFile(m_certificate);
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
    QFile ownKeyFile(m_key);
    QVERIFY(ownKeyFile.open(QIODevice::ReadOnly));
    const QSslKey ownKey(ownKeyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    QVERIFY(!ownKey.isNull());
    QVERIFY(ServerTlsConfiguration::keyMatchesCertificate(certificate, ownKey));

    ListenerSettings settings = tlsSettings();
    settings.name = QStringLiteral("mismatch");
    settings.port = 0;
    settings.privateKeyFile = otherKey;
    for (const auto mode : {ListenerSettings::Mode::Plain, ListenerSettings::Mode::ImplicitTls}) {
        settings.mode = mode;
        Listener listener(settings, {}, m_host.get());
        QString error;
        QVERIFY(!listener.listen(&error));
        QVERIFY(!listener.isListening());
        // The admin must see which two files disagree.
        QVERIFY2(error.contains(m_certificate), qPrintable(error));
        QVERIFY2(error.contains(otherKey), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("does not match")), qPrintable(error));
        QVERIFY2(error.startsWith(QLatin1String("listener mismatch:")), qPrintable(error));
    }
}

void TestServerSession::transcript()
{
    ListenerSettings settings;
    settings.allowPlainAuth = true;
    auto listener = makeListener(settings);
    QSignalSpy finished(listener.get(), &Listener::sessionFinished);
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    client.reply();
    client.command("EHLO c");
    QVERIFY(client.command("AUTH PLAIN AGFsaWNlAHNlY3JldA==").startsWith("235"));
    QVERIFY(standardTransaction(client).startsWith("250"));
    QCOMPARE(listener->activeSessions().size(), 1);
    client.command("QUIT");
    QVERIFY(waitFor([&] { return finished.size() == 1; }));
    const auto summary = finished.first().first().value<SessionSummary>();
    const QString all = summary.transcript.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QLatin1String("C: AUTH PLAIN ***")));
    QVERIFY(!all.contains(QLatin1String("AGFsaWNl")));
    QVERIFY(!all.contains(QLatin1String("Subject: test")));
    QVERIFY(all.contains(QLatin1String("C: MAIL FROM:<a@example.com>")));
    QVERIFY(all.contains(QLatin1String("S: 250 2.0.0 Ok: queued as T1")));
    QCOMPARE(summary.authUser, QStringLiteral("alice"));
    QCOMPARE(summary.clientAddress, QStringLiteral("127.0.0.1"));
}

void TestServerSession::listenerDestroyedWithSessions()
{
    auto listener = makeListener();
    Client client;
    QVERIFY(client.connectPlain(listener->serverPort()));
    QVERIFY(client.reply().startsWith("220"));
    client.send("EHLO c\r\nMAIL FROM:<a@example.com>\r\n");
    QVERIFY(waitFor([&] { return listener->sessionCount() == 1; }));
    listener.reset();
    QVERIFY(client.waitDisconnected());
}

void TestServerSession::ipv6Loopback()
{
    ListenerSettings settings;
    settings.name = QStringLiteral("v6");
    settings.address = QHostAddress::LocalHostIPv6;
    settings.port = 0;
    ServerLimits limits;
    limits.hostname = QStringLiteral("relay.test");
    Listener listener(settings, limits, m_host.get());
    QString error;
    if (!listener.listen(&error))
        QSKIP(qPrintable(QStringLiteral("no IPv6 loopback: ") + error));
    Client client;
    client.socket.connectToHost(QHostAddress::LocalHostIPv6, listener.serverPort());
    QVERIFY(waitFor([&] { return client.wasConnected; }));
    QVERIFY(client.reply().startsWith("220"));
    client.command("EHLO c");
    QVERIFY(standardTransaction(client).startsWith("250 2.0.0"));
    const ReceivedMessage& m = m_host->messages.first();
    QCOMPARE(m.clientAddress, QStringLiteral("::1"));
    QVERIFY(m.content.startsWith("Received: from c ([IPv6:::1])\r\n"));
}

void TestServerSession::dsnFromPythonSmtplib()
{
    // A real client (Python's smtplib) sees DSN advertised, gets a bad
    // NOTIFY refused, and hands over a message with all four parameters.
    auto listener = makeListener();
    QVERIFY(listener->isListening());
    const char* script = R"(
import smtplib, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='client.test', timeout=30)
s.ehlo()
print('DSN', s.has_extn('dsn'))
print('MAIL', s.mail('a@example.com', ['RET=HDRS'])[0])
code, text = s.rcpt('b@example.org', ['NOTIFY=NEVER,DELAY'])
print('RCPT', code, text.decode())
print('RSET', s.rset()[0])
refused = s.sendmail('a@example.com', ['b@example.org', 'c@example.org'],
                     b'Subject: dsn\r\n\r\nbody\r\n',
                     mail_options=['RET=HDRS', 'ENVID=QQ+2B314'],
                     rcpt_options=['NOTIFY=SUCCESS,FAILURE', 'ORCPT=rfc822;b@example.org'])
print('SENT', len(refused))
s.quit()
)";
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"), QString::fromUtf8(script), QString::number(listener->serverPort())});
    // The server runs on this thread's event loop: wait without blocking it.
    QVERIFY(waitFor([&] { return python.state() == QProcess::NotRunning; }, 60000));
    const QByteArray output = python.readAll();
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             output.constData());
    QCOMPARE(output, QByteArray("DSN True\n"
                                "MAIL 250\n"
                                "RCPT 501 5.5.4 Bad NOTIFY parameter syntax\n"
                                "RSET 250\n"
                                "SENT 0\n"));

    QCOMPARE(m_host->messages.size(), 1);
    const ReceivedMessage& m = m_host->messages.first();
    QCOMPARE(m.recipients, QStringList({"b@example.org", "c@example.org"}));
    QCOMPARE(m.dsn.ret, RelayDesk::Bounce::DsnReturn::Headers);
    QVERIFY(m.dsn.hasEnvelopeId);
    QCOMPARE(m.dsn.envelopeId, QStringLiteral("QQ+314"));
    QCOMPARE(m.recipientDsn.size(), 2);
    for (const auto& recipient : m.recipientDsn) {
        QCOMPARE(RelayDesk::Bounce::DsnParameters::formatRcptParameters(recipient),
                 QByteArray("NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@example.org"));
    }
    QVERIFY(m.content.endsWith("Subject: dsn\r\n\r\nbody\r\n"));
}

QTEST_GUILESS_MAIN(TestServerSession)
#include "TestServerSession.moc"
