// gui-bench: the desktop manager's targets from issue 4, measured on the
// real RelayService and MainWindow (no mocks).
//
//  (a) launch: a store with N (100,000) queued messages is committed once;
//      then, R times, a RelayService and the MainWindow showing the Queue
//      page are constructed and started, and the time until the queue model
//      holds all N rows and the view has painted them is taken (median).
//  (b) stall: a real SMTP load (LoadSender, its own threads) sends RATE
//      messages/s through a relay whose smarthost is the aiosmtpd fixture
//      (tests/fixtures/upstream/upstream.py); a 1 ms timer on the GUI thread
//      records the longest gap while the Queue page, then the Overview page,
//      is visible for S seconds each.
//
// Run bench/gui/gui-bench.sh (Xvfb) or, without a display, this executable
// with QT_QPA_PLATFORM=offscreen. Everything stays on 127.0.0.1.

#include "LoadSender.h"
#include "MainWindow.h"
#include "QueueModel.h"
#include "QueuePage.h"
#include "StallProbe.h"
#include "service/RelayService.h"
#include "store/SqliteStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>

using namespace RelayDesk;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/// Runs the event loop until `done` holds (checked every 2 ms and after
/// each event batch), or the timeout passes. The harness's own wait: the
/// GUI code under test never waits like this.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

void print(const char* format, auto... args)
{
    std::printf(format, args...);
    std::fflush(stdout);
}

double median(QVector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

Service::CoreSettings baseSettings(const QString& dataDir)
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("bench");
    listener.address = QHostAddress::LocalHost;
    listener.port = freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.0")), 8}};
    settings.limits.maxSessionsPerClient = 100;
    return settings;
}

/// Commits `total` single-recipient messages in batches (like a backlog
/// that built up while the upstream was down). Returns the milliseconds.
qint64 seedStore(const QString& dataDir, int total)
{
    constexpr int Batch = 2000;
    QElapsedTimer timer;
    timer.start();
    Store::SqliteStore store(dataDir);
    QString error;
    if (!store.open(&error))
        qFatal("store: %s", qPrintable(error));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int first = 0; first < total; first += Batch) {
        QVector<Store::NewMessage> messages;
        for (int i = first; i < std::min(total, first + Batch); ++i) {
            Store::NewMessage message;
            message.sender = QStringLiteral("scanner%1@office.example").arg(i % 7);
            message.recipients = {QStringLiteral("user%1@customer.example").arg(i % 500)};
            message.content = "Subject: Scan " + QByteArray::number(i) + "\r\n\r\n" +
                              QByteArray(2000, 'x') + "\r\n";
            message.heloName = QStringLiteral("scanner-%1").arg(i % 7);
            message.clientAddress = QStringLiteral("192.168.1.%1").arg(20 + i % 7);
            message.listener = QStringLiteral("bench");
            message.receivedAt = now.addSecs(-(total - i));
            messages.append(message);
        }
        if (store.commitMessages(messages, &error).size() != messages.size())
            qFatal("commit: %s", qPrintable(error));
    }
    return timer.elapsed();
}

int pageIndex(Ui::MainWindow& window, const QString& name)
{
    const auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
    for (int index = 0; pages && index < pages->count(); ++index) {
        if (pages->widget(index)->objectName() == name)
            return index;
    }
    qFatal("no page %s", qPrintable(name));
}

void stopRelay(Service::RelayService& relay)
{
    bool stopped = false;
    QObject::connect(&relay, &Service::RelayService::stopped, [&stopped] { stopped = true; });
    relay.stop();
    waitUntil([&] { return stopped; }, 60000);
}

/// Watches a widget for paint events.
class PaintWatch final : public QObject
{
public:
    std::function<void()> onPaint;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && onPaint)
            onPaint();
        return QObject::eventFilter(watched, event);
    }
};

struct LaunchTimes
{
    double shownMs = -1;     ///< RelayService and MainWindow built and shown
    double runningMs = -1;   ///< the core answered "running"
    double firstRowsMs = -1; ///< the view painted with its first queue rows
    double rowsMs = -1;      ///< the queue model holds every message
    double paintedMs = -1;   ///< ... and the view painted after that
    int batches = 0;         ///< queueBatch signals of the loading refresh
};

LaunchTimes launchOnce(const QString& dataDir, int total)
{
    LaunchTimes times;
    QElapsedTimer clock;
    clock.start();
    Service::RelayService relay(baseSettings(dataDir));
    auto window = std::make_unique<Ui::MainWindow>(&relay);
    window->setCurrentPage(pageIndex(*window, QStringLiteral("queue")));
    auto* page = window->findChild<Ui::QueuePage*>();
    auto* view = page->findChild<QTableView*>(QStringLiteral("queueView"));
    PaintWatch watch;
    watch.onPaint = [&] {
        if (times.firstRowsMs < 0 && page->model()->rowCount() > 0)
            times.firstRowsMs = clock.nsecsElapsed() / 1e6;
        if (times.rowsMs >= 0 && times.paintedMs < 0)
            times.paintedMs = clock.nsecsElapsed() / 1e6;
    };
    QObject::connect(&relay, &Service::RelayService::queueBatch,
                     [&](quint64, const QVector<Service::QueueRow>& rows) {
                         if (times.rowsMs < 0 && !rows.isEmpty())
                             ++times.batches;
                     });
    view->viewport()->installEventFilter(&watch);
    QObject::connect(page->model(), &QAbstractItemModel::rowsInserted, [&] {
        if (times.rowsMs < 0 && page->model()->rowCount() >= total)
            times.rowsMs = clock.nsecsElapsed() / 1e6;
    });
    QObject::connect(
        &relay, &Service::RelayService::statusChanged, [&](const Service::RelayStatus& status) {
            if (times.runningMs < 0 && status.state == Service::RelayStatus::State::Running)
                times.runningMs = clock.nsecsElapsed() / 1e6;
        });
    window->resize(1200, 760);
    window->show();
    times.shownMs = clock.nsecsElapsed() / 1e6;
    relay.start();
    if (!waitUntil([&] { return times.paintedMs >= 0; }, 120000))
        print("  (timed out: %d rows)\n", page->model()->rowCount());
    window.reset();
    stopRelay(relay);
    return times;
}

struct StallFigures
{
    double longestMs = 0;
    double p99Ms = 0;
    int over16 = 0;
    int over50 = 0;
    int ticks = 0;
};

StallFigures measureStall(Bench::StallProbe& probe, int seconds)
{
    probe.start();
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    return {probe.longestStallMs(), probe.percentileMs(0.99), probe.stallsOver(16),
            probe.stallsOver(50), probe.ticks()};
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RelayDeskBench"));
    QApplication::setApplicationName(QStringLiteral("gui-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("RelayDesk GUI benchmark (issue 4)"));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(QStringLiteral("messages"),
                                            QStringLiteral("queued messages (100000)"),
                                            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("launch repetitions (3)"),
                                        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("messages/s (200)"),
                                        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption sessionsOption(QStringLiteral("sessions"),
                                            QStringLiteral("SMTP sessions of the load (4)"),
                                            QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("seconds per page under load (30)"),
                                           QStringLiteral("n"), QStringLiteral("30"));
    const QCommandLineOption skipLaunchOption(QStringLiteral("skip-launch"),
                                              QStringLiteral("only the stall benchmark"));
    const QCommandLineOption skipStallOption(QStringLiteral("skip-stall"),
                                             QStringLiteral("only the launch benchmark"));
    parser.addOptions({messagesOption, runsOption, rateOption, sessionsOption, secondsOption,
                       skipLaunchOption, skipStallOption});
    parser.process(app);
    const int total = parser.value(messagesOption).toInt();
    const int runs = parser.value(runsOption).toInt();
    const int rate = parser.value(rateOption).toInt();
    const int sessions = parser.value(sessionsOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();

    // The window's layout and last page go to a throw-away QSettings.
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    print("gui-bench: platform %s\n", qPrintable(QGuiApplication::platformName()));

    double launchMedian = -1;
    double firstRowsMedian = -1;
    if (!parser.isSet(skipLaunchOption)) {
        QTemporaryDir dir;
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        print("seeding %d queued messages ...", total);
        print(" %lld ms\n", seedStore(dataDir, total));
        QVector<double> painted;
        QVector<double> firstRows;
        for (int run = 1; run <= runs; ++run) {
            const LaunchTimes t = launchOnce(dataDir, total);
            print("launch run %d: window shown %.0f ms, core running %.0f ms, first rows "
                  "painted %.0f ms, %d rows in the model %.0f ms (%d batches), painted %.0f ms\n",
                  run, t.shownMs, t.runningMs, t.firstRowsMs, total, t.rowsMs, t.batches,
                  t.paintedMs);
            firstRows.append(t.firstRowsMs < 0 ? 1e9 : t.firstRowsMs);
            painted.append(t.paintedMs < 0 ? 1e9 : t.paintedMs);
        }
        launchMedian = median(painted);
        firstRowsMedian = median(firstRows);
    }

    StallFigures queueStall;
    StallFigures overviewStall;
    int accepted = 0;
    int refused = 0;
    int delivered = 0;
    if (!parser.isSet(skipStallOption)) {
        QTemporaryDir dir;
        QProcess upstream;
        upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        upstream.start(QStringLiteral("/usr/bin/python3"),
                       {QStringLiteral(RELAYDESK_SOURCE_DIR "/tests/fixtures/upstream/upstream.py"),
                        QStringLiteral("--port"), QStringLiteral("0"),
                        QStringLiteral("--pipelining")});
        QByteArray banner;
        while (!banner.contains('\n') && upstream.waitForReadyRead(15000))
            banner += upstream.readAllStandardOutput();
        if (!banner.startsWith("PORT "))
            qFatal("upstream did not start: %s", banner.constData());
        const auto upstreamPort = quint16(banner.mid(5).trimmed().toUInt());

        Service::CoreSettings settings = baseSettings(dir.filePath(QStringLiteral("data")));
        settings.smarthost.host = QStringLiteral("127.0.0.1");
        settings.smarthost.port = upstreamPort;
        settings.smarthost.tls = Delivery::TlsMode::None;
        const quint16 relayPort = settings.listeners.first().port;
        Service::RelayService relay(settings);
        auto window = std::make_unique<Ui::MainWindow>(&relay);
        window->resize(1200, 760);
        window->setCurrentPage(pageIndex(*window, QStringLiteral("queue")));
        window->show();
        relay.start();
        waitUntil([&] { return relay.lastStatus().state == Service::RelayStatus::State::Running; },
                  30000);

        Bench::LoadSender load(relayPort, rate, sessions);
        Bench::StallProbe probe;
        load.start();
        // Let the load settle into its rhythm before measuring.
        waitUntil([&] { return load.accepted() >= rate; }, 10000);
        print("load running: %d messages/s in %d sessions; %d s per page ...\n", rate, sessions,
              seconds);
        const int acceptedBefore = load.accepted();
        queueStall = measureStall(probe, seconds);
        window->setCurrentPage(pageIndex(*window, QStringLiteral("overview")));
        overviewStall = measureStall(probe, seconds);
        accepted = load.accepted() - acceptedBefore;
        load.stop();
        refused = load.refused();
        waitUntil(
            [&] {
                const auto& c = relay.lastStatus().counts;
                return c.queued + c.inFlight + c.deferred == 0;
            },
            60000);
        delivered = int(relay.lastStatus().deliveredToday);
        window.reset();
        stopRelay(relay);
        upstream.terminate();
        upstream.waitForFinished(10000);
    }

    print("\n%-58s %12s %10s\n", "figure", "measured", "target");
    if (launchMedian >= 0)
        print("%-58s %9.0f ms %10s  %s\n",
              qPrintable(QStringLiteral("launch to Queue page with %1 rows painted (median of %2)")
                             .arg(total)
                             .arg(runs)),
              launchMedian, "< 1000 ms", launchMedian < 1000 ? "met" : "MISSED");
    if (firstRowsMedian >= 0)
        print("%-58s %9.0f ms\n", "    of which: first queue rows painted (median)",
              firstRowsMedian);
    if (!parser.isSet(skipStallOption)) {
        for (const auto& [name, figures] :
             {std::pair{"Queue", queueStall}, std::pair{"Overview", overviewStall}}) {
            print("%-58s %9.1f ms %10s  %s\n",
                  qPrintable(QStringLiteral("longest GUI-thread stall, %1 page, %2 msg/s")
                                 .arg(QLatin1String(name))
                                 .arg(rate)),
                  figures.longestMs, "< 50 ms", figures.longestMs < 50 ? "met" : "MISSED");
            print("    99th percentile %.2f ms; gaps > 16 ms: %d, > 50 ms: %d, of %d ticks\n",
                  figures.p99Ms, figures.over16, figures.over50, figures.ticks);
        }
        print("load: %d messages accepted in %d s (%.0f/s), %d refused; %d delivered upstream\n",
              accepted, 2 * seconds, accepted / (2.0 * seconds), refused, delivered);
    }
    return 0;
}
