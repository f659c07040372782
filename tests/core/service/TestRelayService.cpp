// The service facade with the real core behind it: start-up failures are
// reported with their reason, the relay policy is applied to real
// connections, "retry deferred now" moves deferred mail immediately, and a
// route change is previewed on the real queue.

#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Tests::freePort;
using Tests::readReply;
using State = Service::RelayStatus::State;

namespace {

Service::CoreSettings baseSettings(const QString& dataDir, quint16 port)
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = port;
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.statusIntervalMs = 50;
    return settings;
}

/// Waits for the first status in one of `states`; returns it.
Service::RelayStatus waitForState(Service::RelayService& relay, std::initializer_list<State> states)
{
    auto matches = [&] {
        for (State s : states)
            if (relay.lastStatus().state == s)
                return true;
        return false;
    };
    QSignalSpy spy(&relay, &Service::RelayService::statusChanged);
    QDeadlineTimer deadline(15000);
    while (!matches() && !deadline.hasExpired())
        spy.wait(100);
    return relay.lastStatus();
}

/// Runs one SMTP transaction from `source`; returns the reply to RCPT.
QByteArray rcptReplyFrom(const QHostAddress& source, quint16 port)
{
    QTcpSocket client;
    client.bind(source, 0);
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    readReply(client);
    client.write("EHLO test.lan\r\n");
    readReply(client);
    client.write("MAIL FROM:<a@example.com>\r\n");
    readReply(client);
    client.write("RCPT TO:<b@example.net>\r\n");
    return readReply(client);
}

} // namespace

class TestRelayService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startFailures_data();
    void startFailures();
    void relayPolicyOnRealConnections();
    void retryNowDeliversDeferredMail();
    void previewRoutesCountsQueuedMailThatWouldMove();
    void previewRoutesFailsWhenNotRunning();
};

void TestRelayService::startFailures_data()
{
    QTest::addColumn<QString>("breakage");
    QTest::addColumn<QString>("expectedInError");
    QTest::newRow("port taken") << "port"
                                << "already in use";
    QTest::newRow("data dir is a file") << "datadir"
                                        << "data directory";
    QTest::newRow("missing password file") << "password"
                                           << "smarthost password";
    QTest::newRow("no listeners") << "listeners"
                                  << "no listener";
    QTest::newRow("certificate missing") << "cert"
                                         << "listener";
}

void TestRelayService::startFailures()
{
    QFETCH(QString, breakage);
    QFETCH(QString, expectedInError);
    QTemporaryDir dir;
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), freePort());
    if (breakage == QLatin1String("port")) {
        settings.listeners[0].port = occupier.serverPort();
    } else if (breakage == QLatin1String("datadir")) {
        QFile file(dir.filePath(QStringLiteral("data")));
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else if (breakage == QLatin1String("password")) {
        settings.smarthost.host = QStringLiteral("127.0.0.1");
        settings.smarthost.port = freePort();
        settings.smarthostPasswordRef.scheme = Config::CredentialReference::Scheme::File;
        settings.smarthostPasswordRef.name = dir.filePath(QStringLiteral("nonexistent.pw"));
    } else if (breakage == QLatin1String("listeners")) {
        settings.listeners.clear();
    } else if (breakage == QLatin1String("cert")) {
        settings.listeners[0].certificateFile = dir.filePath(QStringLiteral("missing.crt"));
        settings.listeners[0].privateKeyFile = dir.filePath(QStringLiteral("missing.key"));
    }

    Service::RelayService relay(settings);
    relay.start();
    const auto status = waitForState(relay, {State::Failed, State::Running});
    QCOMPARE(status.state, State::Failed);
    QVERIFY2(status.error.contains(expectedInError, Qt::CaseInsensitive), qPrintable(status.error));
    QVERIFY(status.listeners.isEmpty());
    // Nothing is left listening after a failed start.
    if (breakage == QLatin1String("password")) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, settings.listeners[0].port);
        QVERIFY(!probe.waitForConnected(1000));
    }
}

void TestRelayService::relayPolicyOnRealConnections()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.path(), port);
    settings.listeners[0].address = QHostAddress::AnyIPv4; // reachable from 127.0.0.2 too
    Service::RelayService relay(settings);
    relay.start();
    QCOMPARE(waitForState(relay, {State::Running, State::Failed}).state, State::Running);

    QVERIFY(rcptReplyFrom(QHostAddress(QStringLiteral("127.0.0.1")), port).startsWith("250"));
    const QByteArray denied = rcptReplyFrom(QHostAddress(QStringLiteral("127.0.0.2")), port);
    QVERIFY2(denied.startsWith("554 5.7.1"), denied.constData());

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

void TestRelayService::retryNowDeliversDeferredMail()
{
    // A real upstream that answers 451 to the first attempt and accepts after.
    const QString upstreamScript = QFINDTESTDATA("../../fixtures/upstream/upstream.py");
    QVERIFY2(!upstreamScript.isEmpty(), "tests/fixtures/upstream/upstream.py not found");
    QTemporaryDir dir;
    const quint16 upstreamPort = freePort();
    QProcess upstream;
    upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    upstream.start(QStringLiteral("/usr/bin/python3"),
                   {upstreamScript, QStringLiteral("--port"), QString::number(upstreamPort),
                    QStringLiteral("--log"), dir.filePath(QStringLiteral("upstream.jsonl")),
                    QStringLiteral("--mode"), QStringLiteral("tempfail-first")});
    QVERIFY(upstream.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, upstreamPort);
            return probe.waitForConnected(200);
        }(),
        10000);

    const quint16 port = freePort();
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), port);
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = upstreamPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.retry.delaysSeconds = {3600}; // without "retry now" it would wait an hour
    Service::RelayService relay(settings);
    relay.start();
    QCOMPARE(waitForState(relay, {State::Running, State::Failed}).state, State::Running);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    readReply(client);
    for (const char* line :
         {"EHLO test.lan\r\n", "MAIL FROM:<a@example.com>\r\n", "RCPT TO:<b@example.net>\r\n",
          "DATA\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n"}) {
        client.write(line);
        const QByteArray reply = readReply(client);
        QVERIFY2(reply.startsWith('2') || reply.startsWith('3'), reply.constData());
    }

    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 1, 15000);
    relay.flushQueue();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.delivered, 1, 15000);
    QCOMPARE(relay.lastStatus().counts.deferred, 0);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
    upstream.terminate();
    upstream.waitForFinished();
}

void TestRelayService::previewRoutesCountsQueuedMailThatWouldMove()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    // No smarthost and no routes: accepted mail stays queued.
    Service::RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), port));
    relay.start();
    QCOMPARE(waitForState(relay, {State::Running, State::Failed}).state, State::Running);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(5000));
    readReply(client);
    client.write("EHLO test.lan\r\n");
    QVERIFY(readReply(client).startsWith("250"));
    for (const char* recipient : {"x@a.example", "y@b.example"}) {
        for (const QByteArray& line :
             {QByteArray("MAIL FROM:<s@example.com>\r\n"),
              QByteArray("RCPT TO:<") + recipient + ">\r\n", QByteArray("DATA\r\n"),
              QByteArray("Subject: x\r\n\r\nbody\r\n.\r\n")}) {
            client.write(line);
            const QByteArray reply = readReply(client);
            QVERIFY2(reply.startsWith('2') || reply.startsWith('3'), reply.constData());
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 2, 15000);

    Delivery::Route toOther;
    toOther.name = QStringLiteral("a-domain");
    toOther.match.recipientDomains = {QStringLiteral("a.example")};
    toOther.transport.kind = Delivery::Route::Transport::Kind::Smarthost;
    toOther.transport.smarthost = QStringLiteral("other");
    QSignalSpy ready(&relay, &Service::RelayService::routePreviewReady);
    QSignalSpy failed(&relay, &Service::RelayService::routePreviewFailed);
    relay.previewRoutes({toOther});
    QVERIFY(ready.wait(15000));
    QCOMPARE(failed.count(), 0);

    const auto preview = ready.at(0).at(0).value<Delivery::RoutePreview>();
    QCOMPARE(preview.totalRecipients, 2);
    QCOMPARE(preview.totalMessages, 2);
    QCOMPARE(preview.movedRecipients, 1);
    QCOMPARE(preview.movedMessages, 1);
    QCOMPARE(preview.moves.size(), 1);
    const Delivery::RoutePreview::Move& move = preview.moves.at(0);
    QCOMPARE(move.fromRoute, QStringLiteral("default"));
    QCOMPARE(move.fromTransport, QStringLiteral("smarthost"));
    QCOMPARE(move.toRoute, QStringLiteral("a-domain"));
    QCOMPARE(move.toTransport, QStringLiteral("smarthost:other"));
    QCOMPARE(move.recipients, 1);
    QCOMPARE(move.messages, 1);
    // A preview only looks: the queue is unchanged.
    QCOMPARE(relay.lastStatus().counts.queued, 2);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

void TestRelayService::previewRoutesFailsWhenNotRunning()
{
    QTemporaryDir dir;
    Service::RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), freePort()));
    QSignalSpy ready(&relay, &Service::RelayService::routePreviewReady);
    QSignalSpy failed(&relay, &Service::RelayService::routePreviewFailed);
    relay.previewRoutes({});
    QVERIFY(failed.wait(15000));
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QCOMPARE(ready.count(), 0);
}

QTEST_GUILESS_MAIN(TestRelayService)
#include "TestRelayService.moc"
