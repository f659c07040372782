// The Overview: its chart is filled from a real core's hourly counts after a
// real upstream delivered, deferred and rejected mail; the route health table
// shows the smarthost; state texts, durations and colours hold in light and
// dark palettes. Runs offscreen.

#include "HourlyChart.h"
#include "OverviewPage.h"
#include "RouteHealthModel.h"
#include "SmtpTestClient.h"
#include "StateStyle.h"
#include "service/RelayService.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QLabel>
#include <QProcess>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using State = Service::RelayStatus::State;
using Tests::freePort;
using Tests::readReply;

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette lightPalette()
{
    QPalette p(QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x60, 0x60, 0x60));
    return p;
}

Queue::DestinationSnapshot destination(const QString& key, Queue::DestinationState state,
                                       int connections = 0)
{
    Queue::DestinationSnapshot d;
    d.key = key;
    d.state = state;
    d.openConnections = connections;
    return d;
}

double setSum(const QBarSet* set)
{
    double sum = 0;
    for (int i = 0; i < set->count(); ++i)
        sum += set->at(i);
    return sum;
}

QString labelText(const QWidget& page, const char* name)
{
    auto* label = page.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

/// Sends from the null sender, so that the rejected message does not make
/// the relay deliver a bounce report as well (that would be a 2nd delivery).
QByteArray sendMessage(quint16 port, const QByteArray& recipient)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    QByteArray reply = readReply(client);
    for (const QByteArray& line :
         {QByteArray("EHLO scanner.lan\r\n"), QByteArray("MAIL FROM:<>\r\n"),
          "RCPT TO:<" + recipient + ">\r\n", QByteArray("DATA\r\n"),
          "Subject: to " + recipient + "\r\n\r\nbody\r\n.\r\n"}) {
        client.write(line);
        reply = readReply(client);
        if (!reply.startsWith('2') && !reply.startsWith('3'))
            return reply;
    }
    return reply;
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stateColoursReadable_data();
    void stateColoursReadable();
    void durationText_data();
    void durationText();
    void relayStateText();
    void routeHealthModel();
    void chartFromValues();
    void chartFromRealCore();
};

void TestOverview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestOverview::stateColoursReadable_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << lightPalette() << false;
    QTest::newRow("dark") << Ui::fusionDarkPalette() << true;
}

void TestOverview::stateColoursReadable()
{
    QFETCH(QPalette, palette);
    QFETCH(bool, dark);
    QCOMPARE(Ui::isDarkPalette(palette), dark);
    const QColor base = palette.color(QPalette::Base);
    using S = Store::RecipientState;
    for (S state : {S::Queued, S::InFlight, S::Deferred, S::Delivered, S::Failed, S::Held}) {
        const QColor colour = Ui::stateColor(state, palette);
        QVERIFY2(contrast(colour, base) >= 4.5,
                 qPrintable(QStringLiteral("%1: %2 on %3 = %4")
                                .arg(Ui::stateText(state), colour.name(), base.name())
                                .arg(contrast(colour, base))));
        QVERIFY(!Ui::stateText(state).isEmpty());
    }
    using D = Queue::DestinationState;
    for (D state : {D::Idle, D::Active, D::RateLimited, D::Probing, D::Paused}) {
        QVERIFY(contrast(Ui::destinationStateColor(state, palette), base) >= 4.5);
        QVERIFY(!Ui::destinationStateText(state).isEmpty());
    }
    // Deferred and failed must not look alike.
    QVERIFY(Ui::stateColor(S::Deferred, palette) != Ui::stateColor(S::Failed, palette));
}

void TestOverview::durationText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("negative (clock skew)") << qint64(-5) << QStringLiteral("0 s");
    QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
    QTest::newRow("minutes") << qint64(12 * 60 + 59) << QStringLiteral("12 min");
    QTest::newRow("hours") << qint64(3 * 3600 + 12 * 60) << QStringLiteral("3 h 12 min");
    QTest::newRow("47 h") << qint64(47 * 3600) << QStringLiteral("47 h 0 min");
    QTest::newRow("days") << qint64(52 * 3600) << QStringLiteral("2 d 4 h");
}

void TestOverview::durationText()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(Ui::durationText(seconds), text);
}

void TestOverview::relayStateText()
{
    Service::RelayStatus status;
    QCOMPARE(Ui::relayStateText(status), QStringLiteral("Stopped"));
    status.state = State::Failed;
    status.error = QStringLiteral("127.0.0.1:25 is in use");
    QCOMPARE(Ui::relayStateText(status), QStringLiteral("Failed — 127.0.0.1:25 is in use"));
    status.state = State::Running;
    QCOMPARE(Ui::relayStateText(status), QStringLiteral("Running"));
    status.destinations = {
        destination(QStringLiteral("smarthost:default"), Queue::DestinationState::Paused)};
    QCOMPARE(Ui::relayStateText(status), QStringLiteral("Upstream unreachable"));
    status.intakePaused = true;
    QVERIFY(Ui::relayStateText(status).startsWith(QStringLiteral("Paused")));
    QCOMPARE(Ui::oldestAgeText({}, QDateTime::currentDateTimeUtc()),
             QStringLiteral("none waiting"));
}

void TestOverview::routeHealthModel()
{
    Ui::RouteHealthModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(Ui::RouteHealthModel::ColumnCount));

    auto m365 = destination(QStringLiteral("smarthost:m365"), Queue::DestinationState::Active, 2);
    m365.usage.messagesLastMinute = 7;
    m365.usage.messagesLast24Hours = 1234;
    auto mx = destination(QStringLiteral("mx:example.org"), Queue::DestinationState::Paused);
    mx.lastError = QStringLiteral("connection refused");
    model.setDestinations({m365, mx});
    QCOMPARE(model.rowCount(), 2);
    using C = Ui::RouteHealthModel::Column;
    QCOMPARE(model.index(0, C::Name).data().toString(), QStringLiteral("m365 (smarthost)"));
    QCOMPARE(model.index(1, C::Name).data().toString(), QStringLiteral("example.org (direct MX)"));
    QCOMPARE(model.index(0, C::State).data().toString(), QStringLiteral("Sending"));
    QCOMPARE(model.index(1, C::State).data().toString(), QStringLiteral("Unreachable"));
    QCOMPARE(model.index(0, C::Connections).data().toInt(), 2);
    QCOMPARE(model.index(0, C::SentLastMinute).data(Ui::RouteHealthModel::SortRole).toLongLong(),
             7);
    QCOMPARE(model.index(0, C::SentLast24Hours).data(Ui::RouteHealthModel::SortRole).toLongLong(),
             1234);
    QCOMPARE(model.index(0, C::LastError).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(1, C::LastError).data().toString(), QStringLiteral("connection refused"));
    QVERIFY(model.index(1, C::State).data(Qt::ForegroundRole).value<QColor>().isValid());

    // Same destinations, new numbers: cells change, rows stay.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    m365.openConnections = 4;
    model.setDestinations({m365, mx});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, C::Connections).data().toInt(), 4);

    // A destination appears; then all go away.
    model.setDestinations(
        {m365, mx, destination(QStringLiteral("smarthost:backup"), Queue::DestinationState::Idle)});
    QCOMPARE(model.rowCount(), 3);
    model.setDestinations({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(Ui::RouteHealthModel::displayName(QStringLiteral("plain")), QStringLiteral("plain"));
}

void TestOverview::chartFromValues()
{
    Ui::HourlyChart chart;
    QVector<Service::HourlyCount> hours;
    const QDateTime start = QDateTime(QDate(2026, 3, 2), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < 24; ++i) {
        Service::HourlyCount h;
        h.hourStart = start.addSecs(i * 3600);
        h.delivered = i;
        h.deferred = i % 3;
        h.failed = i == 23 ? 5 : 0;
        hours << h;
    }
    chart.setCounts(hours);
    const QStringList categories = chart.categories();
    QCOMPARE(categories.size(), 24);
    QCOMPARE(QSet<QString>(categories.begin(), categories.end()).size(), 24); // one bar each
    QCOMPARE(chart.deliveredSet()->count(), 24);
    QCOMPARE(chart.deliveredSet()->at(23), 23.0);
    QCOMPARE(chart.deferredSet()->at(5), 2.0);
    QCOMPARE(chart.failedSet()->at(23), 5.0);
    QCOMPARE(chart.series()->count(), 3);

    // A refresh replaces the bars rather than appending to them.
    chart.setCounts(hours.mid(0, 2));
    QCOMPARE(chart.deliveredSet()->count(), 2);
    chart.setCounts({});
    QCOMPARE(chart.deliveredSet()->count(), 0);
}

void TestOverview::chartFromRealCore()
{
    // A real upstream: accepts "office@", defers "defer@" (450), rejects "reject@" (550).
    const QString upstreamScript = QFINDTESTDATA("../fixtures/upstream/upstream.py");
    QVERIFY2(!upstreamScript.isEmpty(), "tests/fixtures/upstream/upstream.py not found");
    QTemporaryDir dir;
    const quint16 upstreamPort = freePort();
    QProcess upstream;
    upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    upstream.start(QStringLiteral("/usr/bin/python3"),
                   {upstreamScript, QStringLiteral("--port"), QString::number(upstreamPort)});
    QVERIFY(upstream.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, upstreamPort);
            return probe.waitForConnected(200);
        }(),
        10000);

    Service::CoreSettings settings;
    settings.dataDir = dir.filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.statusIntervalMs = 100;
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = upstreamPort;
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.retry.delaysSeconds = {3600}; // one attempt each within the test
    Service::RelayService relay(settings);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, State::Running, 15000);

    for (const QByteArray& rcpt :
         {QByteArray("office@example.net"), QByteArray("defer@example.net"),
          QByteArray("reject@example.net")}) {
        const QByteArray reply = sendMessage(listener.port, rcpt);
        QVERIFY2(reply.startsWith("250"), reply.constData());
    }
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().counts.delivered == 1 &&
                                 relay.lastStatus().counts.deferred == 1 &&
                                 relay.lastStatus().counts.failed == 1,
                             20000);

    // The page asks for the hourly counts when it is shown.
    Ui::OverviewPage page(&relay);
    page.resize(900, 700);
    page.show();
    Ui::HourlyChart* chart = page.chart();
    QTRY_COMPARE_WITH_TIMEOUT(setSum(chart->deliveredSet()), 1.0, 15000);
    QCOMPARE(setSum(chart->deferredSet()), 1.0);
    QCOMPARE(setSum(chart->failedSet()), 1.0);
    QCOMPARE(chart->categories().size(), 24);
    // All three happened in the current hour: the last bar.
    QCOMPARE(chart->deliveredSet()->at(23), 1.0);
    QCOMPARE(chart->categories().last(),
             QDateTime::currentDateTime().toString(QStringLiteral("HH")));

    QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "delivered"), QStringLiteral("1"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(page, "failed"), QStringLiteral("1"), 10000);
    QCOMPARE(labelText(page, "deferred"), QStringLiteral("1"));
    QVERIFY(labelText(page, "oldest") != QStringLiteral("none waiting"));

    // Route health: the smarthost has a row, with what it sent.
    auto* view = page.findChild<QTableView*>(QStringLiteral("routeHealth"));
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 1, 10000);
    Ui::RouteHealthModel* routes = page.routeHealth();
    int smarthostRow = -1;
    for (int row = 0; row < routes->rowCount(); ++row) {
        if (routes->destination(row).key.startsWith(QStringLiteral("smarthost")))
            smarthostRow = row;
    }
    QVERIFY2(smarthostRow >= 0, "no smarthost row in the route health table");
    using C = Ui::RouteHealthModel::Column;
    QVERIFY(routes->index(smarthostRow, C::Name)
                .data()
                .toString()
                .contains(QStringLiteral("smarthost")));
    QVERIFY(routes->index(smarthostRow, C::SentLast24Hours)
                .data(Ui::RouteHealthModel::SortRole)
                .toLongLong() >= 1);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
    upstream.terminate();
    upstream.waitForFinished();
}

QTEST_MAIN(TestOverview)
#include "TestOverview.moc"
