// The tray: the icon and tooltip follow the relay's state, the menu's
// actions reach a real core (pause intake → the status says so and a real
// client is refused; flush → deferred mail is delivered by a real upstream),
// and notifications are throttled by the Notifier (manual clock, no sleeps).

#include "Notifier.h"
#include "SmtpTestClient.h"
#include "TrayIcon.h"
#include "queue/Clock.h"
#include "service/RelayService.h"

#include <QAction>
#include <QMenu>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Level = Ui::TrayIcon::Level;
using State = Service::RelayStatus::State;
using Tests::freePort;
using Tests::readReply;

namespace {

class ManualClock final : public Queue::Clock
{
public:
    QDateTime now() const override { return m_now; }
    void advanceMinutes(int minutes) { m_now = m_now.addSecs(qint64(minutes) * 60); }

private:
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
};

Service::Alert alert(Service::Alert::Kind kind, const QString& text)
{
    Service::Alert a;
    a.kind = kind;
    a.text = text;
    return a;
}

Service::CoreSettings loopbackSettings(const QString& dataDir, quint16 port)
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

/// One SMTP transaction; returns the first reply that is not 2xx/3xx, or
/// the reply to the end of DATA.
QByteArray sendMessage(quint16 port, const QByteArray& recipient)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    QByteArray reply = readReply(client);
    if (!reply.startsWith("220"))
        return reply;
    for (const QByteArray& line :
         {QByteArray("EHLO scanner.lan\r\n"), QByteArray("MAIL FROM:<scan@example.com>\r\n"),
          "RCPT TO:<" + recipient + ">\r\n", QByteArray("DATA\r\n"),
          QByteArray("Subject: scan\r\n\r\nbody\r\n.\r\n")}) {
        client.write(line);
        reply = readReply(client);
        if (!reply.startsWith('2') && !reply.startsWith('3'))
            return reply;
    }
    return reply;
}

} // namespace

class TestTray : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void levelForStatus_data();
    void levelForStatus();
    void iconAndToolTipFollowStatus();
    void openAndQuitAreSignalled();
    void pauseAndFlushReachTheCore();
    void notifierLimitsPerKind();
    void notifierLimitsPerHourAndSummarises();
    void notifierNeverLosesTheCount();
    void alertsBecomeNotifications();
};

void TestTray::levelForStatus_data()
{
    QTest::addColumn<Service::RelayStatus>("status");
    QTest::addColumn<Level>("level");

    Service::RelayStatus running;
    running.state = State::Running;
    running.counts.queued = 3;
    QTest::newRow("running, mail queued") << running << Level::Ok;

    auto deferred = running;
    deferred.counts.deferred = 2;
    QTest::newRow("something deferred") << deferred << Level::Warning;

    auto paused = running;
    paused.intakePaused = true;
    QTest::newRow("intake paused") << paused << Level::Warning;

    auto probing = running;
    Queue::DestinationSnapshot recovering;
    recovering.key = QStringLiteral("smarthost:default");
    recovering.state = Queue::DestinationState::Probing;
    probing.destinations = {recovering};
    QTest::newRow("upstream recovering") << probing << Level::Warning;

    auto unreachable = running;
    Queue::DestinationSnapshot down = recovering;
    down.state = Queue::DestinationState::Paused;
    down.consecutiveFailures = 4;
    Queue::DestinationSnapshot fine;
    fine.key = QStringLiteral("mx:example.com");
    fine.state = Queue::DestinationState::Active;
    unreachable.destinations = {fine, down};
    QTest::newRow("upstream unreachable") << unreachable << Level::Error;

    Service::RelayStatus stopped;
    stopped.state = State::Stopped;
    QTest::newRow("stopped") << stopped << Level::Error;

    Service::RelayStatus failed;
    failed.state = State::Failed;
    failed.error = QStringLiteral("port 25 in use");
    QTest::newRow("failed to start") << failed << Level::Error;

    Service::RelayStatus starting;
    starting.state = State::Starting;
    QTest::newRow("starting") << starting << Level::Warning;
}

void TestTray::levelForStatus()
{
    QFETCH(Service::RelayStatus, status);
    QFETCH(Level, level);
    QCOMPARE(Ui::TrayIcon::levelFor(status), level);
}

void TestTray::iconAndToolTipFollowStatus()
{
    Service::RelayService relay(Service::CoreSettings{}); // never started
    Ui::TrayIcon tray(&relay);
    QCOMPARE(tray.level(), Level::Error); // a relay that is not running
    QVERIFY(!tray.icon().isNull());
    QVERIFY(!tray.icon().pixmap(22, 22).isNull()); // the SVG resource renders

    Service::RelayStatus status;
    status.state = State::Running;
    status.takenAt = QDateTime(QDate(2026, 3, 2), QTime(12, 30), Qt::UTC);
    status.counts.queued = 4;
    status.counts.inFlight = 1;
    status.counts.held = 2;
    status.counts.oldestPending = status.takenAt.addSecs(-(3 * 3600 + 12 * 60));
    status.deliveredToday = 17;
    status.failedToday = 1;
    tray.showStatus(status);
    QCOMPARE(tray.level(), Level::Ok);
    QCOMPARE(Ui::TrayIcon::iconPath(tray.level()), QStringLiteral(":/icons/tray-ok.svg"));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Running")), qPrintable(tray.toolTip()));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("5 queued · 0 deferred · 2 held")),
             qPrintable(tray.toolTip()));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("17 delivered · 1 failed")),
             qPrintable(tray.toolTip()));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Oldest waiting: 3 h 12 min")),
             qPrintable(tray.toolTip()));
    const qint64 okIcon = tray.icon().cacheKey();

    status.counts.deferred = 3;
    tray.showStatus(status);
    QCOMPARE(tray.level(), Level::Warning);
    QCOMPARE(Ui::TrayIcon::iconPath(tray.level()), QStringLiteral(":/icons/tray-warn.svg"));
    QVERIFY(tray.icon().cacheKey() != okIcon);
    QVERIFY(tray.toolTip().contains(QStringLiteral("3 deferred")));

    Queue::DestinationSnapshot down;
    down.key = QStringLiteral("smarthost:default");
    down.state = Queue::DestinationState::Paused;
    status.destinations = {down};
    tray.showStatus(status);
    QCOMPARE(tray.level(), Level::Error);
    QCOMPARE(Ui::TrayIcon::iconPath(tray.level()), QStringLiteral(":/icons/tray-error.svg"));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Upstream unreachable")),
             qPrintable(tray.toolTip()));

    status.counts = {};
    status.destinations.clear();
    tray.showStatus(status);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Oldest waiting: none waiting")),
             qPrintable(tray.toolTip()));

    // The menu holds the four entries the issue asks for.
    QVERIFY(tray.menu()->actions().contains(tray.openAction()));
    QVERIFY(tray.menu()->actions().contains(tray.pauseAction()));
    QVERIFY(tray.menu()->actions().contains(tray.flushAction()));
    QVERIFY(tray.menu()->actions().contains(tray.quitAction()));
}

void TestTray::openAndQuitAreSignalled()
{
    Service::RelayService relay(Service::CoreSettings{});
    Ui::TrayIcon tray(&relay);
    QSignalSpy open(&tray, &Ui::TrayIcon::openRequested);
    QSignalSpy quit(&tray, &Ui::TrayIcon::quitRequested);
    tray.openAction()->trigger();
    QCOMPARE(open.count(), 1);
    QCOMPARE(quit.count(), 0);
    tray.quitAction()->trigger();
    QCOMPARE(quit.count(), 1);
    // Offscreen there is no tray: the icon is not shown, the model still works.
    QVERIFY(!tray.showIfAvailable());
    QVERIFY(!tray.isVisible());
}

void TestTray::pauseAndFlushReachTheCore()
{
    // A real upstream that defers the first delivery of each content.
    const QString upstreamScript = QFINDTESTDATA("../fixtures/upstream/upstream.py");
    QVERIFY2(!upstreamScript.isEmpty(), "tests/fixtures/upstream/upstream.py not found");
    QTemporaryDir dir;
    const quint16 upstreamPort = freePort();
    QProcess upstream;
    upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    upstream.start(QStringLiteral("/usr/bin/python3"),
                   {upstreamScript, QStringLiteral("--port"), QString::number(upstreamPort),
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
    auto settings = loopbackSettings(dir.filePath(QStringLiteral("data")), port);
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = upstreamPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.retry.delaysSeconds = {3600}; // only "flush" makes it retry within the test
    Service::RelayService relay(settings);
    Ui::TrayIcon tray(&relay);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, State::Running, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(tray.pauseAction()->isEnabled(), 5000);

    // Pause: the core reports it and a real client is turned away.
    tray.pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().intakePaused, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(tray.pauseAction()->isChecked(), 5000);
    QVERIFY(tray.pauseAction()->text().contains(QStringLiteral("Resume")));
    QCOMPARE(tray.level(), Level::Warning);
    const QByteArray refused = sendMessage(port, "office@example.net");
    QVERIFY2(refused.startsWith("421"), refused.constData());

    // Resume, then a message is deferred by the upstream.
    tray.pauseAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!relay.lastStatus().intakePaused, 10000);
    const QByteArray accepted = sendMessage(port, "office@example.net");
    QVERIFY2(accepted.startsWith("250"), accepted.constData());
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 1, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(tray.level(), Level::Warning, 5000);

    // Flush from the tray: retried now, delivered, the icon goes green.
    tray.flushAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.delivered, 1, 15000);
    QCOMPARE(relay.lastStatus().counts.deferred, 0);
    QTRY_COMPARE_WITH_TIMEOUT(tray.level(), Level::Ok, 5000);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(tray.level(), Level::Error, 5000);
    QVERIFY(!tray.pauseAction()->isEnabled());
    upstream.terminate();
    upstream.waitForFinished();
}

void TestTray::notifierLimitsPerKind()
{
    ManualClock clock;
    Ui::Notifier notifier(&clock);
    notifier.setLimits(15, 100);
    QSignalSpy shown(&notifier, &Ui::Notifier::notificationReady);

    notifier.post(alert(Service::Alert::Kind::MessageFailed, QStringLiteral("first")));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.at(0).at(0).toString(),
             Ui::Notifier::titleFor(Service::Alert::Kind::MessageFailed));
    QCOMPARE(shown.at(0).at(1).toString(), QStringLiteral("first"));

    // The same kind again within 15 minutes: held back and counted.
    clock.advanceMinutes(5);
    notifier.post(alert(Service::Alert::Kind::MessageFailed, QStringLiteral("second")));
    clock.advanceMinutes(5);
    notifier.post(alert(Service::Alert::Kind::MessageFailed, QStringLiteral("third")));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(notifier.pendingCount(), 2);

    // Another kind is not blocked by it, and carries the count along.
    notifier.post(alert(Service::Alert::Kind::UpstreamUnreachable, QStringLiteral("m365 down")));
    QCOMPARE(shown.count(), 2);
    QCOMPARE(shown.at(1).at(1).toString(), QStringLiteral("m365 down\nand 2 more"));
    QCOMPARE(notifier.pendingCount(), 0);

    // 15 minutes after the first, the kind may notify again.
    clock.advanceMinutes(4);
    notifier.post(alert(Service::Alert::Kind::MessageFailed, QStringLiteral("fourth")));
    QCOMPARE(shown.count(), 2);
    clock.advanceMinutes(1);
    notifier.post(alert(Service::Alert::Kind::MessageFailed, QStringLiteral("fifth")));
    QCOMPARE(shown.count(), 3);
    QCOMPARE(shown.at(2).at(1).toString(), QStringLiteral("fifth\nand 1 more"));
}

void TestTray::notifierLimitsPerHourAndSummarises()
{
    ManualClock clock;
    Ui::Notifier notifier(&clock);
    notifier.setLimits(0, 3); // no per-kind gap: only the hourly budget counts
    QSignalSpy shown(&notifier, &Ui::Notifier::notificationReady);

    for (int i = 0; i < 7; ++i) {
        notifier.post(alert(Service::Alert::Kind::DeviceQuiet, QStringLiteral("device %1").arg(i)));
        clock.advanceMinutes(1);
    }
    QCOMPARE(shown.count(), 3);
    QCOMPARE(notifier.pendingCount(), 4);

    // Within the hour the budget stays spent: no summary yet.
    clock.advanceMinutes(30);
    notifier.flushPending();
    QCOMPARE(shown.count(), 3);

    // An hour after the first one, a slot frees up for the summary.
    clock.advanceMinutes(30);
    notifier.flushPending();
    QCOMPARE(shown.count(), 4);
    QVERIFY2(shown.at(3).at(1).toString().startsWith(QStringLiteral("4 more alert")),
             qPrintable(shown.at(3).at(1).toString()));
    QCOMPARE(notifier.pendingCount(), 0);

    // Nothing pending: flushing shows nothing.
    clock.advanceMinutes(120);
    notifier.flushPending();
    QCOMPARE(shown.count(), 4);
}

void TestTray::notifierNeverLosesTheCount()
{
    // A flood of 1,000 alerts in ten minutes: a handful of notifications,
    // and every held-back alert is accounted for in a summary.
    ManualClock clock;
    Ui::Notifier notifier(&clock);
    notifier.setLimits(15, 4);
    int mentioned = 0;
    int notifications = 0;
    connect(&notifier, &Ui::Notifier::notificationReady, this,
            [&](const QString& title, const QString& text) {
                ++notifications;
                static const QRegularExpression more(QStringLiteral("(\\d+) more"));
                const auto match = more.match(text);
                const int extra = match.hasMatch() ? match.captured(1).toInt() : 0;
                // A summary only counts held-back alerts; a notification is
                // one alert plus those it mentions.
                mentioned += title == QStringLiteral("RelayDesk") ? extra : 1 + extra;
            });
    const Service::Alert::Kind kinds[] = {Service::Alert::Kind::MessageFailed,
                                          Service::Alert::Kind::QueueStuck,
                                          Service::Alert::Kind::DeviceQuiet};
    for (int i = 0; i < 1000; ++i) {
        notifier.post(alert(kinds[i % 3], QStringLiteral("alert %1").arg(i)));
        if (i % 100 == 99)
            clock.advanceMinutes(1);
    }
    QVERIFY2(notifications <= 4, qPrintable(QString::number(notifications)));
    clock.advanceMinutes(60);
    notifier.flushPending();
    QVERIFY(notifications <= 5);
    QCOMPARE(notifier.pendingCount(), 0);
    QCOMPARE(mentioned, 1000);
}

void TestTray::alertsBecomeNotifications()
{
    // A real core raises "queue stuck" for a message no upstream takes.
    QTemporaryDir dir;
    const quint16 port = freePort();
    auto settings = loopbackSettings(dir.filePath(QStringLiteral("data")), port);
    settings.queueStuckSeconds = 1; // no smarthost: the message waits
    Service::RelayService relay(settings);
    auto* notifier = new Ui::Notifier; // wall clock; the first alert is never throttled
    Ui::TrayIcon tray(&relay, notifier);
    QCOMPARE(tray.notifier(), notifier);
    QSignalSpy notified(&tray, &Ui::TrayIcon::notified);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, State::Running, 15000);
    const QByteArray accepted = sendMessage(port, "office@example.net");
    QVERIFY2(accepted.startsWith("250"), accepted.constData());

    QTRY_VERIFY_WITH_TIMEOUT(notified.count() >= 1, 30000);
    QCOMPARE(notified.at(0).at(0).toString(),
             Ui::Notifier::titleFor(Service::Alert::Kind::QueueStuck));
    QVERIFY(!notified.at(0).at(1).toString().isEmpty());

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

QTEST_MAIN(TestTray)
#include "TestTray.moc"
