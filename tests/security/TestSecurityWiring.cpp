// The abuse protection wired into a real core (issue 5): real SMTP clients
// on loopback against RelayService: AUTH brute force gets growing delays,
// then 454 4.7.0 until the admin unblocks the address; per-client message
// and recipient rates answer 451 4.7.1 / 452 4.5.3; an account may only send
// as its allowed senders (550 5.7.60); nothing refused reaches the queue;
// admin actions land in the audit log, which the database will not let
// anyone rewrite.

#include "LiveRelay.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
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
const QString Password = QStringLiteral("correct horse battery staple 42");

Service::CoreSettings baseSettings(const QString& dataDir, quint16 port)
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
    return settings;
}

/// AUTH lockout after `failures` failures, delays from baseMs up to maxMs.
Service::CoreSettings throttledSettings(const QString& dataDir, quint16 port, int failures,
                                        qint64 baseMs, qint64 maxMs)
{
    Service::CoreSettings settings = baseSettings(dataDir, port);
    settings.authThrottle.maxFailures = failures;
    settings.authThrottle.baseDelayMs = baseMs;
    settings.authThrottle.maxDelayMs = maxMs;
    return settings;
}

/// What the Blocked clients tab would show.
QVector<Auth::LockedOutClient> fetchLockouts(RelayService& relay)
{
    QSignalSpy lockouts(&relay, &RelayService::lockoutsReady);
    relay.requestLockouts();
    if (!lockouts.wait(Timeout))
        return {};
    return lockouts.at(0).at(0).value<QVector<Auth::LockedOutClient>>();
}

/// The Blocked clients tab's "Unblock".
Service::ActionResult unblock(RelayService& relay, const QString& address)
{
    QSignalSpy done(&relay, &RelayService::actionDone);
    relay.unblockClient(address);
    if (!done.wait(Timeout))
        return {QStringLiteral("unblock"), 0, QStringLiteral("no answer")};
    return done.at(0).at(0).value<Service::ActionResult>();
}

void startRelay(RelayService& relay)
{
    QCOMPARE(Tests::startAndWait(relay, Timeout), State::Running);
}

void stopRelay(RelayService& relay)
{
    QSignalSpy stopped(&relay, &RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(Timeout));
}

void addAccount(RelayService& relay, const QString& name, const Auth::AccountPolicy& policy)
{
    QSignalSpy added(&relay, &RelayService::accountAdded);
    relay.addAccount(name, Password, false, policy);
    QVERIFY(added.wait(Timeout));
    QCOMPARE(added.at(0).at(0).toString(), name);
    QCOMPARE(added.at(0).at(1).toString(), QString()); // not generated: nothing to show
    QCOMPARE(added.at(0).at(2).toString(), QString());
}

/// A connected, greeted SMTP client.
/// AUTH PLAIN under the name these tests use.
struct Client : Tests::SmtpClient
{
    QByteArray auth(const QString& user, const QString& password)
    {
        return authPlain(user, password);
    }
};

QVector<Service::QueueRow> fetchQueue(RelayService& relay)
{
    QSignalSpy spy(&relay, &RelayService::queueBatch);
    relay.requestQueue(1, 1000);
    QVector<Service::QueueRow> rows;
    while (true) {
        if (spy.isEmpty() && !spy.wait(Timeout))
            return rows;
        const auto args = spy.takeFirst();
        rows += args.at(1).value<QVector<Service::QueueRow>>();
        if (args.at(2).toBool())
            return rows;
    }
}

QVector<Store::AuditEntry> auditLog(RelayService& relay, const QString& action)
{
    QSignalSpy spy(&relay, &RelayService::auditLogReady);
    Store::AuditFilter filter;
    filter.action = action;
    relay.requestAuditLog(filter);
    if (!spy.wait(Timeout))
        return {};
    return spy.at(0).at(0).value<QVector<Store::AuditEntry>>();
}

} // namespace

class TestSecurityWiring final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bruteForceIsDelayedThenLockedOutUntilUnblocked();
    void lockoutSurvivesARestart();
    void clientMessageRateAnswers451();
    void clientRecipientRateAnswers452();
    void accountMaySendOnlyAsItsSenders();
    void accountsFollowADataDirAppliedWhileStopped();
    void adminActionsAreAuditedAndAppendOnly();
    void credentialsAreStoredListedAndTested();
    void accountsAreManagedWithoutSecretsInTheAudit();
    void certificateIsGeneratedListedAndWarnedAbout();
};

void TestSecurityWiring::bruteForceIsDelayedThenLockedOutUntilUnblocked()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    RelayService relay(throttledSettings(dir.path(), port, 3, 200, 400));
    addAccount(relay, QStringLiteral("printer"), {});
    startRelay(relay);

    Client client;
    QVERIFY(client.open(port));
    // Progressive delays: 200 ms, then 400 ms (the maximum), then lockout.
    const qint64 minimumDelays[] = {200, 400, 400};
    for (qint64 minimum : minimumDelays) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray reply = client.auth(QStringLiteral("printer"), QStringLiteral("guess"));
        QVERIFY2(reply.startsWith("535 5.7.8"), reply.constData());
        QVERIFY2(timer.elapsed() >= minimum, qPrintable(QString::number(timer.elapsed())));
    }
    // Locked out: even the right password is refused before it is checked.
    QByteArray reply = client.auth(QStringLiteral("printer"), Password);
    QVERIFY2(reply.startsWith("454 4.7.0"), reply.constData());
    // A new connection from the same address is locked out too.
    Client second;
    QVERIFY(second.open(port));
    reply = second.auth(QStringLiteral("printer"), Password);
    QVERIFY2(reply.startsWith("454 4.7.0"), reply.constData());

    const auto locked = fetchLockouts(relay);
    QCOMPARE(locked.size(), 1);
    QCOMPARE(locked.at(0).address, QStringLiteral("127.0.0.1"));
    QCOMPARE(locked.at(0).failures, 3);

    const auto result = unblock(relay, QStringLiteral("127.0.0.1"));
    QCOMPARE(result.action, QStringLiteral("unblock"));
    QCOMPARE(result.affected, 1);
    QVERIFY(result.error.isEmpty());

    reply = second.auth(QStringLiteral("printer"), Password);
    QVERIFY2(reply.startsWith("235 2.7.0"), reply.constData());
    // An address that is no address is refused.
    QVERIFY(unblock(relay, QStringLiteral("not-an-ip")).error.contains(QLatin1String("not an IP")));

    const auto entries = auditLog(relay, QStringLiteral("auth.unblock"));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).subject, QStringLiteral("127.0.0.1"));
    QVERIFY(!entries.at(0).localUser.isEmpty());
    stopRelay(relay);
}

void TestSecurityWiring::lockoutSurvivesARestart()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    const auto settings = throttledSettings(dir.path(), port, 2, 10, 10);
    {
        RelayService relay(settings);
        addAccount(relay, QStringLiteral("printer"), {});
        startRelay(relay);
        Client client;
        QVERIFY(client.open(port));
        for (int i = 0; i < 2; ++i)
            QVERIFY(
                client.auth(QStringLiteral("printer"), QStringLiteral("wrong")).startsWith("535"));
        QVERIFY(client.auth(QStringLiteral("printer"), Password).startsWith("454 4.7.0"));
        stopRelay(relay);
    }
    const QString file = dir.filePath(QStringLiteral("lockouts"));
    QVERIFY(QFile::exists(file));
    QCOMPARE(QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions{});

    // A new process on the same data dir: the guesser is still locked out,
    // and the Blocked clients tab shows it, until the admin unblocks it.
    RelayService relay(settings);
    startRelay(relay);
    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.auth(QStringLiteral("printer"), Password).startsWith("454 4.7.0"));
    const auto locked = fetchLockouts(relay);
    QCOMPARE(locked.size(), 1);
    QCOMPARE(locked.at(0).address, QStringLiteral("127.0.0.1"));
    QCOMPARE(locked.at(0).failures, 2);
    QCOMPARE(unblock(relay, QStringLiteral("127.0.0.1")).affected, 1);
    stopRelay(relay);

    // Unblocked stays unblocked; a damaged file costs no more than its lines.
    QFile append(file);
    QVERIFY(append.open(QIODevice::Append));
    append.write("garbage line\n10.9.9.9\tnot-a-date\t3\n");
    append.close();
    startRelay(relay);
    Client again;
    QVERIFY(again.open(port));
    QVERIFY(again.auth(QStringLiteral("printer"), Password).startsWith("235"));
    stopRelay(relay);
}

void TestSecurityWiring::clientMessageRateAnswers451()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port);
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.clientRateLimits.messagesPerMinute = 2;
    RelayService relay(settings);
    startRelay(relay);

    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.message("a@office.example", {"x@dest.example"}).startsWith("250"));
    QVERIFY(client.message("a@office.example", {"x@dest.example"}).startsWith("250"));
    const QByteArray reply = client.message("a@office.example", {"x@dest.example"});
    QVERIFY2(reply.startsWith("451 4.7.1 "), reply.constData());
    // The session goes on (a temporary refusal, not a drop).
    QVERIFY(client.command("NOOP").startsWith("250"));
    QCOMPARE(fetchQueue(relay).size(), 2);
    stopRelay(relay);
}

void TestSecurityWiring::clientRecipientRateAnswers452()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port);
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.clientRateLimits.recipientsPerHour = 2;
    RelayService relay(settings);
    startRelay(relay);

    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.command("MAIL FROM:<a@office.example>").startsWith("250"));
    QVERIFY(client.command("RCPT TO:<1@dest.example>").startsWith("250"));
    QVERIFY(client.command("RCPT TO:<2@dest.example>").startsWith("250"));
    const QByteArray reply = client.command("RCPT TO:<3@dest.example>");
    QVERIFY2(reply.startsWith("452 4.5.3 "), reply.constData());
    QVERIFY(client.command("DATA").startsWith("354"));
    QVERIFY(client.command("Subject: t\r\n\r\nbody\r\n.").startsWith("250"));
    const auto rows = fetchQueue(relay);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).totalRecipients, 2); // the third was never accepted
    stopRelay(relay);
}

void TestSecurityWiring::accountMaySendOnlyAsItsSenders()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port); // no allowed networks: AUTH needed
    RelayService relay(settings);
    Auth::AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("@office.example")};
    addAccount(relay, QStringLiteral("scanner"), policy);
    startRelay(relay);

    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.auth(QStringLiteral("scanner"), Password).startsWith("235"));
    QByteArray reply = client.command("MAIL FROM:<ceo@other.example>");
    QVERIFY2(reply.startsWith("550 5.7.60 "), reply.constData());
    // The refused MAIL started no transaction.
    reply = client.command("RCPT TO:<x@dest.example>");
    QVERIFY2(reply.startsWith("503"), reply.constData());
    reply = client.command("MAIL FROM:<>");
    QVERIFY2(reply.startsWith("550 5.7.60 "), reply.constData());
    QCOMPARE(fetchQueue(relay).size(), 0);
    QVERIFY(client.message("scan@office.example", {"x@dest.example"}).startsWith("250"));
    QCOMPARE(fetchQueue(relay).size(), 1);
    stopRelay(relay);
}

void TestSecurityWiring::accountsFollowADataDirAppliedWhileStopped()
{
    // The admin requests and the core's AUTH check share one account store;
    // a data dir changed while stopped takes both to the new accounts file.
    QTemporaryDir first;
    QTemporaryDir second;
    const quint16 port = freePort();
    RelayService relay(baseSettings(first.path(), port));
    QSignalSpy applied(&relay, &RelayService::actionDone);
    relay.applySettings(baseSettings(second.path(), port));
    QVERIFY(applied.wait(Timeout));
    QCOMPARE(applied.at(0).at(0).value<Service::ActionResult>().error, QString());
    startRelay(relay);
    addAccount(relay, QStringLiteral("scanner"), {});
    QVERIFY(QFile::exists(second.filePath(QStringLiteral("accounts"))));
    QVERIFY(!QFile::exists(first.filePath(QStringLiteral("accounts"))));
    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.auth(QStringLiteral("scanner"), Password).startsWith("235"));
    stopRelay(relay);
}

void TestSecurityWiring::adminActionsAreAuditedAndAppendOnly()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port);
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    RelayService relay(settings);
    startRelay(relay);
    Client client;
    QVERIFY(client.open(port));
    QVERIFY(client.message("a@office.example", {"x@dest.example"}).startsWith("250"));
    const auto rows = fetchQueue(relay);
    QCOMPARE(rows.size(), 1);
    const qint64 id = rows.at(0).messageId;

    QSignalSpy done(&relay, &RelayService::actionDone);
    relay.holdMessages({id});
    QVERIFY(done.wait(Timeout));
    relay.deleteMessages({id});
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, Timeout);

    auto entries = auditLog(relay, QStringLiteral("queue."));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).action, QStringLiteral("queue.delete")); // newest first
    QCOMPARE(entries.at(1).action, QStringLiteral("queue.hold"));
    QCOMPARE(entries.at(0).subject, QString::number(id));
    QVERIFY(!entries.at(0).localUser.isEmpty());
    stopRelay(relay);

    // The database itself refuses to rewrite or remove history.
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(dir.filePath(QStringLiteral("queue.db")));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(!query.exec(QStringLiteral("UPDATE audit_log SET local_user = 'nobody'")));
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM audit_log")));
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 2);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}

void TestSecurityWiring::credentialsAreStoredListedAndTested()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    const quint16 upstreamPort = freePort();
    const QString upstreamSecret = QStringLiteral("upstream-Secret-7f3a9");
    QProcess upstream;
    upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString script = QFINDTESTDATA("../fixtures/upstream/upstream.py");
    QVERIFY(!script.isEmpty());
    upstream.start(QStringLiteral("/usr/bin/python3"),
                   {script, QStringLiteral("--port"), QString::number(upstreamPort),
                    QStringLiteral("--auth"), QStringLiteral("relay:") + upstreamSecret});
    QVERIFY(upstream.waitForStarted());
    auto cleanup = qScopeGuard([&upstream] {
        upstream.terminate();
        upstream.waitForFinished();
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        [upstreamPort] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, upstreamPort);
            return probe.waitForConnected(200);
        }(),
        Timeout);

    auto settings = baseSettings(dir.path(), port);
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = upstreamPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.smarthost.username = QStringLiteral("relay");
    settings.smarthostPasswordRef =
        *Config::CredentialReference::parse(QStringLiteral("local:upstream"), nullptr);
    RelayService relay(settings);

    // Nothing stored yet: listed, not stored, and the test says why it fails.
    QSignalSpy listed(&relay, &RelayService::credentialsReady);
    relay.requestCredentials();
    QVERIFY(listed.wait(Timeout));
    auto credentials = listed.at(0).at(0).value<QVector<Service::CredentialInfo>>();
    QCOMPARE(credentials.size(), 1);
    QCOMPARE(credentials.at(0).reference, QStringLiteral("local:upstream"));
    QCOMPARE(credentials.at(0).usedBy, QStringList{QString()});
    QCOMPARE(credentials.at(0).backend, QStringLiteral("local"));
    QVERIFY(!credentials.at(0).stored);

    QSignalSpy tested(&relay, &RelayService::credentialTested);
    QSignalSpy done(&relay, &RelayService::actionDone);
    relay.storeCredential(QStringLiteral("local:upstream"), QStringLiteral("wrong-password"));
    QVERIFY(done.wait(Timeout));
    QVERIFY(done.at(0).at(0).value<Service::ActionResult>().error.isEmpty());
    relay.testCredential(QString());
    QVERIFY(tested.wait(Timeout));
    QCOMPARE(tested.at(0).at(1).toBool(), false);
    QVERIFY2(tested.at(0).at(2).toString().startsWith(QLatin1String("535")),
             qPrintable(tested.at(0).at(2).toString()));

    done.clear();
    tested.clear();
    relay.storeCredential(QStringLiteral("local:upstream"), upstreamSecret);
    QVERIFY(done.wait(Timeout));
    relay.testCredential(QString());
    QVERIFY(tested.wait(Timeout));
    QCOMPARE(tested.at(0).at(1).toBool(), true);
    QVERIFY2(tested.at(0).at(2).toString().startsWith(QLatin1String("235")),
             qPrintable(tested.at(0).at(2).toString()));
    tested.clear();
    relay.testCredential(QStringLiteral("nosuchhost"));
    QVERIFY(tested.wait(Timeout));
    QCOMPARE(tested.at(0).at(1).toBool(), false);

    listed.clear();
    relay.requestCredentials();
    QVERIFY(listed.wait(Timeout));
    credentials = listed.at(0).at(0).value<QVector<Service::CredentialInfo>>();
    QVERIFY(credentials.at(0).stored);

    QSignalSpy revealed(&relay, &RelayService::credentialRevealed);
    relay.revealCredential(QStringLiteral("local:upstream"));
    QVERIFY(revealed.wait(Timeout));
    QCOMPARE(revealed.at(0).at(1).toString(), upstreamSecret);

    // A password file cannot be written through the service.
    done.clear();
    relay.storeCredential(QStringLiteral("file:/etc/relaydesk/pw"), QStringLiteral("x"));
    QVERIFY(done.wait(Timeout));
    QVERIFY(!done.at(0).at(0).value<Service::ActionResult>().error.isEmpty());

    // Audited by reference; no secret in the audit log.
    const auto entries = auditLog(relay, QStringLiteral("credential."));
    QVERIFY(entries.size() >= 3);
    for (const auto& e : entries) {
        QVERIFY(!e.before.contains(upstreamSecret) && !e.after.contains(upstreamSecret));
        QVERIFY(!e.after.contains(QLatin1String("wrong-password")));
    }
}

void TestSecurityWiring::accountsAreManagedWithoutSecretsInTheAudit()
{
    QTemporaryDir dir;
    RelayService relay(baseSettings(dir.path(), freePort())); // not started: still works
    Auth::AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("@office.example")};
    policy.messagesPerMinute = 5;
    QSignalSpy added(&relay, &RelayService::accountAdded);
    relay.addAccount(QStringLiteral("copier"), {}, true, policy);
    QVERIFY(added.wait(Timeout));
    const QString generated = added.at(0).at(1).toString();
    QCOMPARE(generated.size(), 24);
    QCOMPARE(added.at(0).at(2).toString(), QString());
    // A taken name is refused, with a reason and no password.
    added.clear();
    relay.addAccount(QStringLiteral("copier"), {}, true, {});
    QVERIFY(added.wait(Timeout));
    QVERIFY(added.at(0).at(1).toString().isEmpty());
    QVERIFY(!added.at(0).at(2).toString().isEmpty());

    QSignalSpy listed(&relay, &RelayService::accountsReady);
    relay.requestAccounts();
    QVERIFY(listed.wait(Timeout));
    auto accounts = listed.at(0).at(0).value<QVector<Service::AccountInfo>>();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.at(0).name, QStringLiteral("copier"));
    QCOMPARE(accounts.at(0).policy, policy);

    QSignalSpy done(&relay, &RelayService::actionDone);
    relay.setAccountPassword(QStringLiteral("copier"), QStringLiteral("another-long-password-1"));
    QVERIFY(done.wait(Timeout));
    QVERIFY(done.at(0).at(0).value<Service::ActionResult>().error.isEmpty());
    relay.deleteAccount(QStringLiteral("copier"));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, Timeout);
    QCOMPARE(done.at(1).at(0).value<Service::ActionResult>().action,
             QStringLiteral("account-delete"));
    relay.deleteAccount(QStringLiteral("copier")); // gone: an error
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, Timeout);
    QVERIFY(!done.at(2).at(0).value<Service::ActionResult>().error.isEmpty());

    const auto entries = auditLog(relay, QStringLiteral("account."));
    QCOMPARE(entries.size(), 3); // add, password, delete
    for (const auto& e : entries) {
        QVERIFY(!e.after.contains(generated) && !e.before.contains(generated));
        QVERIFY(!e.after.contains(QLatin1String("another-long-password-1")));
    }
    QFile accountsFile(dir.filePath(QStringLiteral("accounts")));
    QVERIFY(accountsFile.open(QIODevice::ReadOnly));
    QVERIFY(!accountsFile.readAll().contains(generated.toUtf8()));
}

void TestSecurityWiring::certificateIsGeneratedListedAndWarnedAbout()
{
    QTemporaryDir dir;
    const QString tlsDir = dir.filePath(QStringLiteral("tls"));
    {
        RelayService relay(baseSettings(dir.filePath(QStringLiteral("a")), freePort()));
        auto options = Tls::CertificateGenerator::defaultOptions();
        options.commonName = QStringLiteral("relay.office.example");
        options.validityDays = 10; // inside the 30-day warning
        QSignalSpy changed(&relay, &RelayService::certificateChanged);
        relay.generateCertificate(options, tlsDir, QStringLiteral("test"));
        QVERIFY(changed.wait(Timeout));
        QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("test"));
        QCOMPARE(changed.at(0).at(2).toString(), QString());
        const auto info = changed.at(0).at(1).value<Tls::CertificateInfo>();
        QVERIFY(info.subject.contains(QLatin1String("relay.office.example")));
        QVERIFY(info.expiresWithin(30));
        // A directory that cannot be created is refused with a reason.
        changed.clear();
        relay.generateCertificate(options, QStringLiteral("/proc/relaydesk-no/tls"), {});
        QVERIFY(changed.wait(Timeout));
        QVERIFY(!changed.at(0).at(2).toString().isEmpty());
    }
    const quint16 port = freePort();
    auto settings = baseSettings(dir.filePath(QStringLiteral("b")), port);
    settings.listeners[0].certificateFile = tlsDir + QStringLiteral("/relaydesk-cert.pem");
    settings.listeners[0].privateKeyFile = tlsDir + QStringLiteral("/relaydesk-key.pem");
    RelayService relay(settings);
    QSignalSpy alerts(&relay, &RelayService::alertRaised);
    startRelay(relay);
    QTRY_VERIFY_WITH_TIMEOUT(!alerts.isEmpty(), Timeout);
    const auto alert = alerts.at(0).at(0).value<Service::Alert>();
    QCOMPARE(alert.kind, Service::Alert::Kind::CertificateExpiring);
    QCOMPARE(alert.subject, QStringLiteral("test"));

    QSignalSpy listed(&relay, &RelayService::certificatesReady);
    relay.requestCertificates();
    QVERIFY(listed.wait(Timeout));
    const auto certs = listed.at(0).at(0).value<QVector<Service::ListenerCertificate>>();
    QCOMPARE(certs.size(), 1);
    QCOMPARE(certs.at(0).listener, QStringLiteral("test"));
    QCOMPARE(certs.at(0).error, QString());
    QVERIFY(certs.at(0).info.subject.contains(QLatin1String("relay.office.example")));
    stopRelay(relay);
}

QTEST_GUILESS_MAIN(TestSecurityWiring)
#include "TestSecurityWiring.moc"
