// The per-account limit on concurrently authenticated sessions (issue 5:
// "rate limits per account: ... concurrent sessions"), against a real core
// (RelayService) with real SMTP clients on loopback: over [limits]
// account-max-sessions a right password gets 454 4.7.0 naming the limit and
// a relaydesk.abuse log line, never a silent drop; every way a session ends
// (QUIT, a dropped connection, a timeout, a drop during the password check,
// the relay stopping) hands its login back, since a leaked one would lock
// the account out for good; 0 is unlimited; the key reaches the core from
// the INI file.

#include "LiveRelay.h"
#include "SmtpTestClient.h"
#include "auth/AbuseGuard.h"
#include "config/ConfigLoader.h"
#include "config/ConfigWriter.h"
#include "queue/SystemClock.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"

#include <QMutex>
#include <QMutexLocker>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Service::RelayService;
using Tests::freePort;
using Tests::readReply;
using State = Service::RelayStatus::State;

namespace {

constexpr int Timeout = 20000;
const QString Password = QStringLiteral("session limit test password 7");

/// relaydesk.abuse messages from any thread, for the "logged" checks.
class AbuseLog
{
public:
    AbuseLog() : m_previous(qInstallMessageHandler(&AbuseLog::handler)) { s_instance = this; }
    ~AbuseLog()
    {
        qInstallMessageHandler(m_previous);
        s_instance = nullptr;
    }
    QStringList lines() const
    {
        QMutexLocker lock(&m_mutex);
        return m_lines;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& text)
    {
        if (AbuseLog* self = s_instance) {
            if (qstrcmp(context.category, "relaydesk.abuse") == 0) {
                QMutexLocker lock(&self->m_mutex);
                self->m_lines.append(text);
            }
            self->m_previous(type, context, text);
        }
    }

    static inline AbuseLog* s_instance = nullptr;
    QtMessageHandler m_previous;
    mutable QMutex m_mutex;
    QStringList m_lines;
};

Service::CoreSettings baseSettings(const QString& dataDir, quint16 port, int sessionLimit)
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = port;
    listener.allowPlainAuth = true; // loopback only; no certificate needed here
    settings.listeners = {listener};
    settings.statusIntervalMs = 50;
    settings.accountRateLimits.concurrentSessions = sessionLimit;
    // Wrong passwords in these tests must not slow them down much.
    settings.authThrottle.baseDelayMs = 50;
    settings.authThrottle.maxDelayMs = 50;
    return settings;
}

bool startRelay(RelayService& relay)
{
    return Tests::startAndWait(relay, Timeout) == State::Running;
}

bool stopRelay(RelayService& relay)
{
    QSignalSpy stopped(&relay, &RelayService::stopped);
    relay.stop();
    return stopped.wait(Timeout);
}

bool addAccount(RelayService& relay, const QString& name)
{
    QSignalSpy added(&relay, &RelayService::accountAdded);
    relay.addAccount(name, Password, false, {});
    return added.wait(Timeout) && added.at(0).at(2).toString().isEmpty();
}

/// A connected, greeted SMTP client with AUTH LOGIN and polling.
struct Client : Tests::SmtpClient
{
    QByteArray authLogin(const QString& user, const QString& password)
    {
        if (!command("AUTH LOGIN").startsWith("334"))
            return "AUTH LOGIN refused";
        if (!command(user.toUtf8().toBase64()).startsWith("334"))
            return "user refused";
        return command(password.toUtf8().toBase64());
    }
    /// Logs in as soon as the relay has a session to spare for the account
    /// (it may not have seen another session end yet); a refusal costs
    /// nothing, so polling is fine. The last reply is in *reply.
    bool authWhenFree(const QString& user, QByteArray* reply)
    {
        return QTest::qWaitFor(
            [&] {
                *reply = authPlain(user, Password);
                return reply->startsWith("235");
            },
            Timeout);
    }
};

} // namespace

class TestAccountSessionLimit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guardCountsAndReleases();
    void overTheLimitIsATemporaryRefusalThatIsLogged();
    void everyEndHandsTheLoginBack_data();
    void everyEndHandsTheLoginBack();
    void zeroIsUnlimited();
    void configKeyReachesTheCore_data();
    void configKeyReachesTheCore();
};

void TestAccountSessionLimit::guardCountsAndReleases()
{
    Queue::SystemClock clock;
    Auth::AbuseGuard guard(clock);
    using Verdict = Auth::AbuseGuard::Verdict;
    const QString app = QStringLiteral("app");
    // 0 (the guard's own default) is unlimited.
    for (int i = 0; i < 50; ++i)
        QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    for (int i = 0; i < 50; ++i)
        guard.releaseSession(app);
    QCOMPARE(guard.sessionCount(app), 0);

    guard.setAccountSessionLimit(2);
    QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    QCOMPARE(guard.admitSession(app), Verdict::AccountSessions);
    QCOMPARE(guard.sessionCount(app), 2); // a refusal is not counted
    QCOMPARE(guard.admitSession(QStringLiteral("other")), Verdict::Allowed); // per account
    guard.releaseSession(app);
    QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    guard.releaseSession(app);
    guard.releaseSession(app);
    QCOMPARE(guard.sessionCount(app), 0);
    // A stray release (never admitted) must not give the account a spare slot.
    guard.releaseSession(app);
    QCOMPARE(guard.sessionCount(app), 0);
    QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    QCOMPARE(guard.admitSession(app), Verdict::Allowed);
    QCOMPARE(guard.admitSession(app), Verdict::AccountSessions);
    QVERIFY(Auth::AbuseGuard::describe(Verdict::AccountSessions).contains("concurrent sessions"));
}

void TestAccountSessionLimit::overTheLimitIsATemporaryRefusalThatIsLogged()
{
    AbuseLog log;
    QTemporaryDir dir;
    const quint16 port = freePort();
    RelayService relay(baseSettings(dir.path(), port, 2));
    QVERIFY(addAccount(relay, QStringLiteral("app")));
    QVERIFY(addAccount(relay, QStringLiteral("other")));
    QVERIFY(startRelay(relay));

    Client first, second, third;
    QVERIFY(first.open(port));
    QVERIFY(second.open(port));
    QVERIFY(third.open(port));
    QVERIFY(first.authPlain(QStringLiteral("app"), Password).startsWith("235 2.7.0"));
    QVERIFY(second.authLogin(QStringLiteral("app"), Password).startsWith("235 2.7.0"));

    // A wrong password is still just a wrong password (checked first).
    QByteArray reply = third.authPlain(QStringLiteral("app"), QStringLiteral("wrong"));
    QVERIFY2(reply.startsWith("535 5.7.8"), reply.constData());
    // The right one: temporary, with the limit named, for PLAIN and LOGIN.
    reply = third.authPlain(QStringLiteral("app"), Password);
    QVERIFY2(reply.startsWith("454 4.7.0 "), reply.constData());
    QVERIFY2(reply.contains("concurrent sessions") && reply.contains("limit 2"), reply.constData());
    reply = third.authLogin(QStringLiteral("app"), Password);
    QVERIFY2(reply.startsWith("454 4.7.0 "), reply.constData());
    // Refused means not logged in: the session is unauthenticated and goes
    // on (no relaying for it: 127.0.0.1 is no allowed network here).
    QVERIFY(third.socket.state() == QAbstractSocket::ConnectedState);
    QVERIFY(third.command("MAIL FROM:<app@example.com>").startsWith("250"));
    reply = third.command("RCPT TO:<someone@example.net>");
    QVERIFY2(reply.startsWith('5'), reply.constData());
    QVERIFY(third.command("RSET").startsWith("250"));

    // Another account is not affected.
    Client otherClient;
    QVERIFY(otherClient.open(port));
    QVERIFY(otherClient.authPlain(QStringLiteral("other"), Password).startsWith("235"));

    // Logged, naming account, client and limit.
    const QStringList lines = log.lines();
    const auto refusals = lines.filter(QStringLiteral("account-max-sessions"));
    QCOMPARE(refusals.size(), 2);
    QVERIFY2(refusals.at(0).contains(QStringLiteral("app")) &&
                 refusals.at(0).contains(QStringLiteral("127.0.0.1")) &&
                 refusals.at(0).contains(QStringLiteral("limit 2")),
             qPrintable(refusals.at(0)));
    // The log has no password in it, right or wrong.
    QVERIFY(!lines.join('\n').contains(Password));

    // A slot frees up when one of the two leaves; the third then gets in.
    QVERIFY(first.command("QUIT").startsWith("221"));
    QVERIFY2(third.authWhenFree(QStringLiteral("app"), &reply), reply.constData());
    QVERIFY(stopRelay(relay));
}

void TestAccountSessionLimit::everyEndHandsTheLoginBack_data()
{
    QTest::addColumn<QString>("end");
    QTest::newRow("QUIT") << QStringLiteral("quit");
    QTest::newRow("connection dropped") << QStringLiteral("drop");
    QTest::newRow("dropped during the password check") << QStringLiteral("drop-in-auth");
    QTest::newRow("command timeout") << QStringLiteral("timeout");
    QTest::newRow("relay stopped and started") << QStringLiteral("stop");
}

void TestAccountSessionLimit::everyEndHandsTheLoginBack()
{
    QFETCH(QString, end);
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port, 1);
    if (end == QLatin1String("timeout"))
        settings.limits.commandTimeoutMs = 3000;
    RelayService relay(settings);
    QVERIFY(addAccount(relay, QStringLiteral("app")));
    QVERIFY(startRelay(relay));

    // Three rounds: a leak of one login per end would show in the second.
    for (int round = 0; round < 3; ++round) {
        auto holder = std::make_unique<Client>();
        QVERIFY(holder->open(port));
        if (end == QLatin1String("drop-in-auth")) {
            const QByteArray plain = '\0' + QByteArray("app") + '\0' + Password.toUtf8();
            holder->socket.write("AUTH PLAIN " + plain.toBase64() + "\r\n");
            QVERIFY(holder->socket.waitForBytesWritten(5000));
            holder->socket.abort(); // gone before the scrypt check answers
        } else {
            QVERIFY(holder->authPlain(QStringLiteral("app"), Password).startsWith("235"));
            // While it is logged in, the account has no session to spare.
            Client probe;
            QVERIFY(probe.open(port));
            const QByteArray reply = probe.authPlain(QStringLiteral("app"), Password);
            QVERIFY2(reply.startsWith("454 4.7.0"), reply.constData());

            if (end == QLatin1String("quit")) {
                QVERIFY(holder->command("QUIT").startsWith("221"));
            } else if (end == QLatin1String("drop")) {
                holder->socket.abort();
            } else if (end == QLatin1String("timeout")) {
                // The relay gives up on the idle client: 421 4.4.2 and closes.
                QVERIFY(holder->socket.waitForReadyRead(Timeout));
                const QByteArray closing = readReply(holder->socket);
                QVERIFY2(closing.startsWith("421 4.4.2"), closing.constData());
            } else if (end == QLatin1String("stop")) {
                QVERIFY(stopRelay(relay));
                QVERIFY(startRelay(relay));
            }
        }
        // The login came back: a new session logs in.
        Client next;
        QVERIFY(next.open(port));
        QByteArray reply;
        QVERIFY2(next.authWhenFree(QStringLiteral("app"), &reply), reply.constData());
        QVERIFY(next.command("QUIT").startsWith("221"));
        if (end == QLatin1String("timeout"))
            QVERIFY(holder->socket.state() == QAbstractSocket::UnconnectedState ||
                    holder->socket.waitForDisconnected(Timeout));
    }
    QVERIFY(stopRelay(relay));
}

void TestAccountSessionLimit::zeroIsUnlimited()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    RelayService relay(baseSettings(dir.path(), port, 0));
    QVERIFY(addAccount(relay, QStringLiteral("app")));
    QVERIFY(startRelay(relay));
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 12; ++i) { // more than the INI default of 10
        clients.push_back(std::make_unique<Client>());
        QVERIFY(clients.back()->open(port));
        const QByteArray reply = clients.back()->authPlain(QStringLiteral("app"), Password);
        QVERIFY2(reply.startsWith("235"), reply.constData());
    }
    QVERIFY(stopRelay(relay));
}

void TestAccountSessionLimit::configKeyReachesTheCore_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("expected"); // -1: the file is refused
    QTest::newRow("default") << QByteArray() << 10;
    QTest::newRow("3") << QByteArray("account-max-sessions = 3") << 3;
    QTest::newRow("0 = unlimited") << QByteArray("account-max-sessions = 0") << 0;
    QTest::newRow("negative") << QByteArray("account-max-sessions = -1") << -1;
    QTest::newRow("not a number") << QByteArray("account-max-sessions = many") << -1;
    QTest::newRow("too large") << QByteArray("account-max-sessions = 100001") << -1;
}

void TestAccountSessionLimit::configKeyReachesTheCore()
{
    QFETCH(QByteArray, line);
    QFETCH(int, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[limits]\n" + line + "\n");
    file.close();
    QString error;
    const auto config = Config::ConfigLoader::load(path, &error);
    if (expected < 0) {
        QVERIFY(!config);
        QVERIFY2(error.contains(QStringLiteral("account-max-sessions")), qPrintable(error));
        return;
    }
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->limits.accountMaxSessions, expected);
    QCOMPARE(Service::coreSettingsFromConfig(*config).accountRateLimits.concurrentSessions,
             expected);
    // The writer keeps it (the GUI's settings page saves through it).
    QVERIFY(Config::ConfigWriter::toIni(*config).contains(
        QStringLiteral("account-max-sessions = %1").arg(expected)));
}

QTEST_GUILESS_MAIN(TestAccountSessionLimit)
#include "TestAccountSessionLimit.moc"
