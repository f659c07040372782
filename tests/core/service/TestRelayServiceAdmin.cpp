// The admin API of the service facade (issue 4) against a real core on
// loopback and a real upstream (tests/fixtures/upstream, aiosmtpd) that
// accepts, defers and rejects: every request has its answer, actions
// change the queue, intake pause answers 421 to real clients, settings are
// applied live, attempts carry their SMTP transcript with AUTH masked, the
// CSV export parses back with Python's csv module, devices are recorded per
// session, and alerts are raised once per condition.

#include "SmtpTestClient.h"
#include "service/AlertMonitor.h"
#include "service/DeliveryLogCsv.h"
#include "service/RelayService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;
using Service::RelayService;
using Store::RecipientState;
using Tests::freePort;
using Tests::readReply;
using State = Service::RelayStatus::State;

namespace {

constexpr int Timeout = 20000;

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

void startRelay(RelayService& relay)
{
    relay.start();
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().state == State::Running ||
                                 relay.lastStatus().state == State::Failed,
                             Timeout);
    QVERIFY2(relay.lastStatus().state == State::Running, qPrintable(relay.lastStatus().error));
}

void stopRelay(RelayService& relay)
{
    QSignalSpy stopped(&relay, &RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(Timeout));
}

/// One SMTP session that sends one message per recipient list; returns
/// the reply to the end of DATA of the last one (or the first bad reply).
QByteArray sendMail(quint16 port, const QString& sender, const QList<QStringList>& messages,
                    const QByteArray& helo = "test.lan")
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    const QByteArray greeting = readReply(client);
    if (!greeting.startsWith("220"))
        return greeting;
    client.write("EHLO " + helo + "\r\n");
    readReply(client);
    QByteArray last;
    for (const QStringList& recipients : messages) {
        QList<QByteArray> lines{"MAIL FROM:<" + sender.toUtf8() + ">\r\n"};
        for (const QString& r : recipients)
            lines.append("RCPT TO:<" + r.toUtf8() + ">\r\n");
        lines.append("DATA\r\n");
        lines.append("Subject: admin test\r\n\r\nbody\r\n.\r\n");
        for (const QByteArray& line : lines) {
            client.write(line);
            last = readReply(client);
            if (!last.startsWith('2') && !last.startsWith('3'))
                return last;
        }
    }
    client.write("QUIT\r\n");
    readReply(client);
    return last;
}

/// The scripted upstream on `port`; mode and AUTH account as the fixture takes them.
class Upstream
{
public:
    bool start(quint16 port, const QString& logFile, const QStringList& extra = {})
    {
        const QString script = QFINDTESTDATA("../../fixtures/upstream/upstream.py");
        if (script.isEmpty())
            return false;
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("/usr/bin/python3"),
                        QStringList{script, QStringLiteral("--port"), QString::number(port),
                                    QStringLiteral("--log"), logFile} +
                            extra);
        if (!m_process.waitForStarted())
            return false;
        QDeadlineTimer deadline(Timeout);
        while (!deadline.hasExpired()) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(200))
                return true;
            QTest::qWait(50);
        }
        return false;
    }
    ~Upstream()
    {
        m_process.terminate();
        m_process.waitForFinished();
    }

private:
    QProcess m_process;
};

/// Collects every batch of one requestQueue call.
QVector<Service::QueueRow> fetchQueue(RelayService& relay, quint64 generation, int batchSize,
                                      int* batches = nullptr)
{
    QSignalSpy spy(&relay, &RelayService::queueBatch);
    relay.requestQueue(generation, batchSize);
    QVector<Service::QueueRow> rows;
    int count = 0;
    QDeadlineTimer deadline(Timeout);
    for (int i = 0; !deadline.hasExpired();) {
        if (i >= spy.size()) {
            spy.wait(200);
            continue;
        }
        const QList<QVariant> args = spy.at(i++);
        if (args.at(0).toULongLong() != generation)
            continue;
        ++count;
        rows += args.at(1).value<QVector<Service::QueueRow>>();
        if (args.at(2).toBool())
            break;
    }
    if (batches)
        *batches = count;
    return rows;
}

Service::ActionResult waitAction(QSignalSpy& spy, const QString& action)
{
    QDeadlineTimer deadline(Timeout);
    while (!deadline.hasExpired()) {
        for (const QList<QVariant>& args : std::as_const(spy)) {
            const auto result = args.at(0).value<Service::ActionResult>();
            if (result.action == action) {
                spy.removeOne(args);
                return result;
            }
        }
        spy.wait(200);
    }
    return {QStringLiteral("timeout"), -1, QStringLiteral("no answer")};
}

Service::MessageDetail fetchDetail(RelayService& relay, qint64 id)
{
    QSignalSpy spy(&relay, &RelayService::messageDetailReady);
    relay.requestMessageDetail(id);
    if (!spy.wait(Timeout))
        return {};
    return spy.at(0).at(0).value<Service::MessageDetail>();
}

QVector<Service::DeviceInfo> fetchDevices(RelayService& relay)
{
    QSignalSpy spy(&relay, &RelayService::devicesReady);
    relay.requestDevices();
    if (!spy.wait(Timeout))
        return {};
    return spy.at(0).at(0).value<QVector<Service::DeviceInfo>>();
}

int alertsOf(const QSignalSpy& spy, Service::Alert::Kind kind)
{
    int n = 0;
    for (const QList<QVariant>& args : spy)
        n += args.at(0).value<Service::Alert>().kind == kind ? 1 : 0;
    return n;
}

} // namespace

class TestRelayServiceAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void requestsAnswerWhenNotRunning();
    void queueBatchesAndActions();
    void deliveryDetailLogExportBounces();
    void pauseAnswers421ThenResumes();
    void applySettingsChangesSmarthostLive();
    void applySettingsRejectsAndRollsBack();
    void devicesRecordedPerSession();
    void queueStuckAlertRaisedOnce();
    void csvCell_data();
    void csvCell();
    void alertMonitorRaisesOncePerCondition();
};

void TestRelayServiceAdmin::initTestCase()
{
    qRegisterMetaType<Service::ActionResult>();
    qRegisterMetaType<Service::Alert>();
}

void TestRelayServiceAdmin::requestsAnswerWhenNotRunning()
{
    QTemporaryDir dir;
    RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), freePort()));

    int batches = 0;
    QVERIFY(fetchQueue(relay, 7, 10, &batches).isEmpty());
    QCOMPARE(batches, 1);

    QSignalSpy actions(&relay, &RelayService::actionDone);
    relay.holdMessages({1});
    QVERIFY(!waitAction(actions, QStringLiteral("hold")).error.isEmpty());
    relay.setDeviceExpectation(QStringLiteral("127.0.0.1"), 2);
    QVERIFY(!waitAction(actions, QStringLiteral("expect")).error.isEmpty());

    const Service::MessageDetail detail = fetchDetail(relay, 1);
    QCOMPARE(detail.messageId, qint64(1));
    QVERIFY(!detail.found);

    QSignalSpy saved(&relay, &RelayService::messageSaved);
    relay.saveMessage(1, dir.filePath(QStringLiteral("x.eml")));
    QVERIFY(saved.wait(Timeout));
    QVERIFY(!saved.at(0).at(2).toString().isEmpty());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.eml"))));

    QSignalSpy exported(&relay, &RelayService::deliveryLogExported);
    relay.exportDeliveryLog({}, dir.filePath(QStringLiteral("x.csv")));
    QVERIFY(exported.wait(Timeout));
    QVERIFY(!exported.at(0).at(2).toString().isEmpty());

    QSignalSpy devices(&relay, &RelayService::devicesReady);
    relay.requestDevices();
    QVERIFY(devices.wait(Timeout));
    QSignalSpy hourly(&relay, &RelayService::hourlyCountsReady);
    relay.requestHourlyCounts();
    QVERIFY(hourly.wait(Timeout));
    QSignalSpy bounces(&relay, &RelayService::bounceGroupsReady);
    relay.requestBounceGroups(QDateTime::currentDateTimeUtc().addDays(-1));
    QVERIFY(bounces.wait(Timeout));
    QSignalSpy log(&relay, &RelayService::deliveryLogReady);
    relay.queryDeliveryLog({});
    QVERIFY(log.wait(Timeout));
}

void TestRelayServiceAdmin::queueBatchesAndActions()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    // No smarthost: accepted mail stays queued.
    RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), port));
    startRelay(relay);
    QCOMPARE(sendMail(port, QStringLiteral("s@example.com"),
                      {{QStringLiteral("a@x.example")},
                       {QStringLiteral("b@x.example"), QStringLiteral("c@x.example")},
                       {QStringLiteral("d@x.example")}})
                 .left(3),
             QByteArray("250"));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 4, Timeout);

    int batches = 0;
    QVector<Service::QueueRow> rows = fetchQueue(relay, 42, 2, &batches);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(batches, 2);
    QVERIFY(rows.at(0).messageId < rows.at(1).messageId); // oldest first
    QCOMPARE(rows.at(1).recipients,
             QStringList({QStringLiteral("b@x.example"), QStringLiteral("c@x.example")}));
    QCOMPARE(rows.at(1).totalRecipients, 2);
    QCOMPARE(rows.at(0).route, QStringLiteral("default"));
    QCOMPARE(rows.at(0).sender, QStringLiteral("s@example.com"));
    QCOMPARE(rows.at(0).clientAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(rows.at(0).heloName, QStringLiteral("test.lan"));
    QVERIFY(rows.at(0).size > 0);
    QCOMPARE(rows.at(0).state, RecipientState::Queued);
    const qint64 first = rows.at(0).messageId;
    const qint64 second = rows.at(1).messageId;
    const qint64 third = rows.at(2).messageId;

    QSignalSpy actions(&relay, &RelayService::actionDone);
    relay.holdMessages({second});
    Service::ActionResult result = waitAction(actions, QStringLiteral("hold"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.affected, 2);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.held, 2, Timeout);
    rows = fetchQueue(relay, 43, 100);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(1).state, RecipientState::Held);

    relay.releaseMessages({second});
    result = waitAction(actions, QStringLiteral("release"));
    QCOMPARE(result.affected, 2);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.held, 0, Timeout);

    relay.retryMessages({first, 999999});
    result = waitAction(actions, QStringLiteral("retry"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(result.affected <= 1); // the unknown id changes nothing

    relay.deleteMessages({third});
    result = waitAction(actions, QStringLiteral("delete"));
    QCOMPARE(result.affected, 1);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 3, Timeout);
    rows = fetchQueue(relay, 44, 100);
    QCOMPARE(rows.size(), 2);
    QVERIFY(!fetchDetail(relay, third).found);

    // Unknown ids change nothing.
    relay.holdMessages({999999});
    result = waitAction(actions, QStringLiteral("hold"));
    QCOMPARE(result.affected, 0);
    QCOMPARE(relay.lastStatus().counts.held, 0);

    // The detail of a queued message: envelope, headers, route per recipient.
    const Service::MessageDetail detail = fetchDetail(relay, second);
    QVERIFY(detail.found);
    QCOMPARE(detail.recipients.size(), 2);
    QCOMPARE(detail.recipients.at(0).route, QStringLiteral("default"));
    QVERIFY(detail.headers.contains("Subject: admin test"));
    QCOMPARE(detail.heloName, QStringLiteral("test.lan"));

    // Saved as .eml, readable by the owner only.
    const QString eml = dir.filePath(QStringLiteral("second.eml"));
    QSignalSpy saved(&relay, &RelayService::messageSaved);
    relay.saveMessage(second, eml);
    QVERIFY(saved.wait(Timeout));
    QVERIFY2(saved.at(0).at(2).toString().isEmpty(), qPrintable(saved.at(0).at(2).toString()));
    QFile file(eml);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("Subject: admin test"));
    QCOMPARE(file.permissions() &
                 (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    relay.saveMessage(third, dir.filePath(QStringLiteral("gone.eml")));
    QVERIFY(saved.wait(Timeout));
    QVERIFY(!saved.at(1).at(2).toString().isEmpty());

    stopRelay(relay);
}

void TestRelayServiceAdmin::deliveryDetailLogExportBounces()
{
    QTemporaryDir dir;
    const quint16 upstreamPort = freePort();
    Upstream upstream;
    QVERIFY(upstream.start(upstreamPort, dir.filePath(QStringLiteral("upstream.jsonl")),
                           {QStringLiteral("--auth"), QStringLiteral("relayuser:s3cret-pw")}));
    const quint16 port = freePort();
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), port);
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = upstreamPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.smarthost.username = QStringLiteral("relayuser");
    settings.smarthost.password = QStringLiteral("s3cret-pw");
    settings.retry.delaysSeconds = {3600};
    RelayService relay(settings);
    QSignalSpy alerts(&relay, &RelayService::alertRaised);
    startRelay(relay);

    // "=..." as the sender: a formula a spreadsheet must not run.
    QCOMPARE(sendMail(port, QStringLiteral("=cmd@example.com"),
                      {{QStringLiteral("ok@y.example"), QStringLiteral("reject@y.example"),
                        QStringLiteral("defer@y.example")}})
                 .left(3),
             QByteArray("250"));
    // (The failure report to the sender is delivered too: counts are ">=".)
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().counts.delivered >= 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().counts.failed >= 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().deliveredToday >= 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().failedToday >= 1, Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!relay.lastStatus().destinations.isEmpty(), Timeout);

    // The transcript of the attempt: AUTH masked, content summarised.
    QVector<Service::QueueRow> rows = fetchQueue(relay, 1, 100);
    rows.removeIf([](const Service::QueueRow& r) { return r.sender.isEmpty(); }); // the report
    QCOMPARE(rows.size(), 1); // the deferred recipient's message
    QCOMPARE(rows.at(0).recipients, QStringList{QStringLiteral("defer@y.example")});
    QCOMPARE(rows.at(0).state, RecipientState::Deferred);
    QVERIFY2(rows.at(0).lastReply.startsWith(QStringLiteral("45")),
             qPrintable(rows.at(0).lastReply));
    const Service::MessageDetail detail = fetchDetail(relay, rows.at(0).messageId);
    QVERIFY(detail.found);
    QCOMPARE(detail.attempts.size(), 3);
    const QStringList transcript = detail.attempts.at(0).transcript;
    const QString joined = transcript.join(QLatin1Char('\n'));
    QVERIFY2(transcript.contains(QStringLiteral("C: AUTH PLAIN ****")), qPrintable(joined));
    QVERIFY2(!joined.contains(QStringLiteral("s3cret")), qPrintable(joined));
    const QByteArray token = QByteArray("\0relayuser\0s3cret-pw", 20).toBase64();
    QVERIFY(!joined.contains(QString::fromLatin1(token)));
    QVERIFY2(joined.contains(QStringLiteral("C: MAIL FROM:<=cmd@example.com>")),
             qPrintable(joined));
    QVERIFY2(joined.contains(QStringLiteral("C: <message, ")), qPrintable(joined));
    QVERIFY2(!joined.contains(QStringLiteral("Subject: admin test")), qPrintable(joined));
    QVERIFY2(joined.contains(QStringLiteral("S: 235")), qPrintable(joined));

    // The delivery log and its filters.
    QSignalSpy logReady(&relay, &RelayService::deliveryLogReady);
    Service::DeliveryLogQuery bySender;
    bySender.sender = QStringLiteral("=CMD"); // case-insensitive substring
    relay.queryDeliveryLog(bySender);
    QVERIFY(logReady.wait(Timeout));
    QCOMPARE(logReady.at(0).at(1).value<QVector<Service::DeliveryLogRow>>().size(), 3);
    Service::DeliveryLogQuery failedOnly = bySender;
    failedOnly.states = {RecipientState::Failed};
    relay.queryDeliveryLog(failedOnly);
    QVERIFY(logReady.wait(Timeout));
    const auto failedRows = logReady.at(1).at(1).value<QVector<Service::DeliveryLogRow>>();
    QCOMPARE(failedRows.size(), 1);
    QCOMPARE(failedRows.at(0).entry.recipient, QStringLiteral("reject@y.example"));
    QCOMPARE(logReady.at(1).at(0).value<Service::DeliveryLogQuery>().states, failedOnly.states);

    // CSV export, parsed back by Python's csv module.
    const QString csvPath = dir.filePath(QStringLiteral("log.csv"));
    QSignalSpy exported(&relay, &RelayService::deliveryLogExported);
    relay.exportDeliveryLog(bySender, csvPath);
    QVERIFY(exported.wait(Timeout));
    QVERIFY2(exported.at(0).at(2).toString().isEmpty(),
             qPrintable(exported.at(0).at(2).toString()));
    QCOMPARE(exported.at(0).at(1).toInt(), 3);
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray csvBytes = csvFile.readAll();
    QVERIFY(csvBytes.contains("\r\n"));
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import csv, json, sys\n"
                                 "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                 "    print(json.dumps(list(csv.reader(f, strict=True))))\n"),
                  csvPath});
    QVERIFY(python.waitForFinished(Timeout));
    QCOMPARE(python.exitCode(), 0);
    const QJsonArray table = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QCOMPARE(table.size(), 4); // header + 3 attempts
    const QJsonArray header = table.at(0).toArray();
    const int senderColumn = header.toVariantList().indexOf(QStringLiteral("sender"));
    const int replyColumn = header.toVariantList().indexOf(QStringLiteral("reply"));
    const int recipientColumn = header.toVariantList().indexOf(QStringLiteral("recipient"));
    QVERIFY(senderColumn >= 0 && replyColumn >= 0 && recipientColumn >= 0);
    QStringList recipients;
    for (int i = 1; i < table.size(); ++i) {
        const QJsonArray row = table.at(i).toArray();
        QCOMPARE(row.size(), header.size());
        QCOMPARE(row.at(senderColumn).toString(), QStringLiteral("'=cmd@example.com"));
        recipients.append(row.at(recipientColumn).toString());
        if (row.at(recipientColumn).toString() == QLatin1String("reject@y.example"))
            QVERIFY(row.at(replyColumn).toString().contains(QStringLiteral("User unknown")));
    }
    recipients.sort();
    QCOMPARE(recipients,
             QStringList({QStringLiteral("defer@y.example"), QStringLiteral("ok@y.example"),
                          QStringLiteral("reject@y.example")}));
    // An unwritable path is reported.
    relay.exportDeliveryLog({}, dir.filePath(QStringLiteral("no/such/dir/log.csv")));
    QVERIFY(exported.wait(Timeout));
    QVERIFY(!exported.at(1).at(2).toString().isEmpty());

    // Bounces: the rejected recipient, grouped and explained.
    QSignalSpy bounces(&relay, &RelayService::bounceGroupsReady);
    relay.requestBounceGroups(QDateTime::currentDateTimeUtc().addDays(-1));
    QVERIFY(bounces.wait(Timeout));
    const auto groups = bounces.at(0).at(0).value<QVector<Service::BounceGroup>>();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups.at(0).recipients.size(), 1);
    QCOMPARE(groups.at(0).recipients.at(0).recipient, QStringLiteral("reject@y.example"));
    QCOMPARE(groups.at(0).recipients.at(0).replyCode, 550);
    QVERIFY(groups.at(0).hard); // a 5xx refusal is permanent, whatever the reason
    QVERIFY(!groups.at(0).reason.isEmpty());
    QVERIFY(!groups.at(0).title.isEmpty());
    relay.requestBounceGroups(QDateTime::currentDateTimeUtc().addDays(1));
    QVERIFY(bounces.wait(Timeout));
    QVERIFY(bounces.at(1).at(0).value<QVector<Service::BounceGroup>>().isEmpty());

    // The Overview chart: 24 hours, the last one holds today's attempts.
    QSignalSpy hourly(&relay, &RelayService::hourlyCountsReady);
    relay.requestHourlyCounts();
    QVERIFY(hourly.wait(Timeout));
    const auto hours = hourly.at(0).at(0).value<QVector<Service::HourlyCount>>();
    QCOMPARE(hours.size(), 24);
    int delivered = 0, deferred = 0, failed = 0;
    for (const auto& h : hours) {
        delivered += h.delivered;
        deferred += h.deferred;
        failed += h.failed;
    }
    QVERIFY(delivered >= 1);
    QCOMPARE(deferred, 1);
    QCOMPARE(failed, 1);

    // One permanent failure: one alert, not one per status tick.
    QTRY_COMPARE_WITH_TIMEOUT(alertsOf(alerts, Service::Alert::Kind::MessageFailed), 1, Timeout);
    QTest::qWait(300); // several status ticks (50 ms) must not repeat it
    QCOMPARE(alertsOf(alerts, Service::Alert::Kind::MessageFailed), 1);

    stopRelay(relay);
}

void TestRelayServiceAdmin::pauseAnswers421ThenResumes()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), port));
    startRelay(relay);
    QSignalSpy actions(&relay, &RelayService::actionDone);

    relay.setIntakePaused(true);
    QVERIFY(waitAction(actions, QStringLiteral("pause")).error.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().intakePaused, Timeout);
    const QByteArray paused =
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("a@x.example")}});
    QVERIFY2(paused.startsWith("421 4.3.2"), paused.constData());
    QVERIFY(paused.contains("paused"));

    relay.setIntakePaused(false);
    QVERIFY(waitAction(actions, QStringLiteral("resume")).error.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!relay.lastStatus().intakePaused, Timeout);
    const QByteArray resumed =
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("a@x.example")}});
    QVERIFY2(resumed.startsWith("250"), resumed.constData());
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 1, Timeout);
    stopRelay(relay);
}

void TestRelayServiceAdmin::applySettingsChangesSmarthostLive()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    const quint16 deadPort = freePort(); // nothing listens there
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), port);
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = deadPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.retry.delaysSeconds = {3600};
    RelayService relay(settings);
    startRelay(relay);
    QCOMPARE(
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("a@x.example")}}).left(3),
        QByteArray("250"));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 1, Timeout);

    const quint16 upstreamPort = freePort();
    Upstream upstream;
    QVERIFY(upstream.start(upstreamPort, dir.filePath(QStringLiteral("upstream.jsonl"))));
    settings.smarthost.port = upstreamPort;
    QSignalSpy actions(&relay, &RelayService::actionDone);
    relay.applySettings(settings);
    const Service::ActionResult result = waitAction(actions, QStringLiteral("apply-settings"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.delivered, 1, Timeout);
    QCOMPARE(relay.lastStatus().smarthost, QStringLiteral("127.0.0.1:%1").arg(upstreamPort));
    // The listener did not change: it kept running (same port, still accepting).
    QCOMPARE(
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("b@x.example")}}).left(3),
        QByteArray("250"));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.delivered, 2, Timeout);
    stopRelay(relay);
}

void TestRelayServiceAdmin::applySettingsRejectsAndRollsBack()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), port);
    RelayService relay(settings);
    startRelay(relay);
    QSignalSpy actions(&relay, &RelayService::actionDone);

    auto noListeners = settings;
    noListeners.listeners.clear();
    relay.applySettings(noListeners);
    QVERIFY(!waitAction(actions, QStringLiteral("apply-settings")).error.isEmpty());

    auto badRoute = settings;
    Delivery::Route route;
    route.name = QStringLiteral("r");
    route.transport.smarthost = QStringLiteral("missing");
    badRoute.routes = {route};
    relay.applySettings(badRoute);
    QVERIFY(waitAction(actions, QStringLiteral("apply-settings"))
                .error.contains(QStringLiteral("missing")));

    // A second listener on a port that is taken: nothing changes.
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    auto taken = settings;
    Smtp::ListenerSettings second = settings.listeners.at(0);
    second.name = QStringLiteral("second");
    second.port = occupier.serverPort();
    taken.listeners.append(second);
    relay.applySettings(taken);
    QVERIFY(!waitAction(actions, QStringLiteral("apply-settings")).error.isEmpty());
    QCOMPARE(relay.lastStatus().listeners.size(), 1);
    QCOMPARE(
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("a@x.example")}}).left(3),
        QByteArray("250"));

    // A free port: the new listener accepts, the old one keeps running.
    auto added = settings;
    second.port = freePort();
    added.listeners.append(second);
    relay.applySettings(added);
    const auto result = waitAction(actions, QStringLiteral("apply-settings"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().listeners.size(), 2, Timeout);
    QCOMPARE(
        sendMail(second.port, QStringLiteral("s@example.com"), {{QStringLiteral("b@x.example")}})
            .left(3),
        QByteArray("250"));
    QCOMPARE(
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("c@x.example")}}).left(3),
        QByteArray("250"));

    // Removing the first listener closes its port.
    auto moved = settings;
    moved.listeners = {second};
    relay.applySettings(moved);
    QVERIFY(waitAction(actions, QStringLiteral("apply-settings")).error.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().listeners.size(), 1, Timeout);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!probe.waitForConnected(1000));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 3, Timeout);
    stopRelay(relay);
}

void TestRelayServiceAdmin::devicesRecordedPerSession()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    RelayService relay(baseSettings(dir.filePath(QStringLiteral("data")), port));
    startRelay(relay);
    QCOMPARE(sendMail(port, QStringLiteral("scan@example.com"),
                      {{QStringLiteral("a@x.example")}, {QStringLiteral("b@x.example")}},
                      "printer.lan")
                 .left(3),
             QByteArray("250"));
    QCOMPARE(sendMail(port, QStringLiteral("scan@example.com"), {{QStringLiteral("c@x.example")}},
                      "printer.lan")
                 .left(3),
             QByteArray("250"));
    QVector<Service::DeviceInfo> devices;
    QTRY_VERIFY_WITH_TIMEOUT(
        (devices = fetchDevices(relay)).size() == 1 && devices.at(0).messagesTotal == 3, Timeout);
    const Service::DeviceInfo d = devices.at(0);
    QCOMPARE(d.address, QStringLiteral("127.0.0.1"));
    QCOMPARE(d.heloName, QStringLiteral("printer.lan"));
    QCOMPARE(d.messagesToday, 3);
    QCOMPARE(d.errorsToday, 0);
    QVERIFY(d.firstSeen.isValid() && d.lastSeen >= d.firstSeen);
    QVERIFY(d.lastTranscript.contains(QStringLiteral("C: EHLO printer.lan")));
    QVERIFY(!d.quiet);
    QCOMPARE(d.expectEveryHours, 0);
    // Loopback has a name in /etc/hosts; the lookup is asynchronous.
    QTRY_VERIFY_WITH_TIMEOUT(!fetchDevices(relay).value(0).reverseName.isEmpty(), Timeout);

    QSignalSpy actions(&relay, &RelayService::actionDone);
    relay.setDeviceExpectation(QStringLiteral("127.0.0.1"), 4);
    const auto result = waitAction(actions, QStringLiteral("expect"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(fetchDevices(relay).value(0).expectEveryHours, 4);
    relay.setDeviceExpectation(QStringLiteral("192.0.2.1"), 4);
    QVERIFY(!waitAction(actions, QStringLiteral("expect")).error.isEmpty());
    relay.setDeviceExpectation(QStringLiteral("127.0.0.1"), -1);
    QVERIFY(!waitAction(actions, QStringLiteral("expect")).error.isEmpty());

    // A rejected session counts as an error of the device.
    relay.setIntakePaused(true);
    QVERIFY(sendMail(port, QStringLiteral("scan@example.com"), {{QStringLiteral("d@x.example")}})
                .startsWith("421"));
    QTRY_COMPARE_WITH_TIMEOUT(fetchDevices(relay).value(0).errorsToday, 1, Timeout);
    stopRelay(relay);
}

void TestRelayServiceAdmin::queueStuckAlertRaisedOnce()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = baseSettings(dir.filePath(QStringLiteral("data")), port);
    settings.queueStuckSeconds = 1;
    RelayService relay(settings);
    QSignalSpy alerts(&relay, &RelayService::alertRaised);
    startRelay(relay);
    QCOMPARE(
        sendMail(port, QStringLiteral("s@example.com"), {{QStringLiteral("a@x.example")}}).left(3),
        QByteArray("250"));
    QTRY_COMPARE_WITH_TIMEOUT(alertsOf(alerts, Service::Alert::Kind::QueueStuck), 1, Timeout);
    QTest::qWait(500); // ten status ticks later it is still one alert
    QCOMPARE(alertsOf(alerts, Service::Alert::Kind::QueueStuck), 1);
    stopRelay(relay);
}

void TestRelayServiceAdmin::csvCell_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell");
    QTest::newRow("plain") << "a@b.example"
                           << "a@b.example";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "250 ok\nline 2"
                             << "\"250 ok\nline 2\"";
    QTest::newRow("formula =") << "=HYPERLINK(1)"
                               << "'=HYPERLINK(1)";
    QTest::newRow("formula +") << "+1"
                               << "'+1";
    QTest::newRow("formula -") << "-1+2"
                               << "'-1+2";
    QTest::newRow("formula @") << "@SUM(A1)"
                               << "'@SUM(A1)";
    QTest::newRow("formula with comma") << "=A1,B1"
                                        << "\"'=A1,B1\"";
    QTest::newRow("utf-8") << "grüße@b.example"
                           << "grüße@b.example";
}

void TestRelayServiceAdmin::csvCell()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);
    QCOMPARE(Service::DeliveryLogCsv::cell(value), cell);
}

void TestRelayServiceAdmin::alertMonitorRaisesOncePerCondition()
{
    Service::AlertMonitor monitor(3600);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Service::RelayStatus status;
    QVERIFY(monitor.statusChanged(status, now).isEmpty());

    // Failures: one alert per tick in which the count grew.
    status.failedSinceStart = 3;
    auto alerts = monitor.statusChanged(status, now);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.at(0).kind, Service::Alert::Kind::MessageFailed);
    QCOMPARE(alerts.at(0).subject, QStringLiteral("3"));
    QVERIFY(monitor.statusChanged(status, now).isEmpty());

    // Stuck queue: once, again only after it cleared.
    status.counts.oldestPending = now.addSecs(-7200);
    QCOMPARE(monitor.statusChanged(status, now).size(), 1);
    QVERIFY(monitor.statusChanged(status, now).isEmpty());
    status.counts.oldestPending = now.addSecs(-60);
    QVERIFY(monitor.statusChanged(status, now).isEmpty());
    status.counts.oldestPending = now.addSecs(-7200);
    QCOMPARE(monitor.statusChanged(status, now).size(), 1);
    status.counts.oldestPending = {};
    monitor.statusChanged(status, now);

    // Unreachable: paused with at least three failures in a row.
    Queue::DestinationSnapshot d;
    d.key = QStringLiteral("smarthost:default");
    d.state = Queue::DestinationState::Paused;
    d.consecutiveFailures = 2;
    status.destinations = {d};
    QVERIFY(monitor.statusChanged(status, now).isEmpty());
    status.destinations[0].consecutiveFailures = 3;
    alerts = monitor.statusChanged(status, now);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.at(0).kind, Service::Alert::Kind::UpstreamUnreachable);
    QCOMPARE(alerts.at(0).subject, d.key);
    QVERIFY(monitor.statusChanged(status, now).isEmpty());
    status.destinations[0].state = Queue::DestinationState::Probing;
    QVERIFY(monitor.statusChanged(status, now).isEmpty());
    status.destinations[0].state = Queue::DestinationState::Paused;
    QCOMPARE(monitor.statusChanged(status, now).size(), 1);

    // Quiet devices.
    Service::DeviceInfo scanner;
    scanner.address = QStringLiteral("192.0.2.7");
    scanner.expectEveryHours = 2;
    scanner.quiet = true;
    alerts = monitor.devicesChecked({scanner}, now);
    QCOMPARE(alerts.size(), 1);
    QCOMPARE(alerts.at(0).kind, Service::Alert::Kind::DeviceQuiet);
    QCOMPARE(alerts.at(0).subject, scanner.address);
    QVERIFY(monitor.devicesChecked({scanner}, now).isEmpty());
    scanner.quiet = false;
    QVERIFY(monitor.devicesChecked({scanner}, now).isEmpty());
    scanner.quiet = true;
    QCOMPARE(monitor.devicesChecked({scanner}, now).size(), 1);
}

QTEST_GUILESS_MAIN(TestRelayServiceAdmin)
#include "TestRelayServiceAdmin.moc"
