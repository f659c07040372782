// Per-destination connections, pacing and pauses, driven the way the
// delivery engine drives them, on a ManualClock: no sockets, no sleeping.

#include "ScriptedRandomSource.h"
#include "queue/DestinationScheduler.h"
#include "queue/ManualClock.h"

#include <QMap>
#include <QTest>
#include <deque>
#include <functional>

using namespace RelayDesk::Queue;

namespace {
constexpr qint64 minute = 60 * 1000;
constexpr qint64 day = 24 * 60 * minute;

DestinationLimits limitsOf(int maxConnections, int messagesPerMinute = 0,
                           int recipientsPerMinute = 0, int messagesPerDay = 0)
{
    DestinationLimits limits;
    limits.maxConnections = maxConnections;
    limits.messagesPerMinute = messagesPerMinute;
    limits.recipientsPerMinute = recipientsPerMinute;
    limits.messagesPerDay = messagesPerDay;
    limits.backoff.jitter = 0.0; // exact pause lengths; jitter has its own test
    return limits;
}

struct Sent
{
    QString key;
    qint64 atMs = 0; ///< after the driver's start
    int recipients = 0;
};

/// Drives a scheduler the way the delivery engine is meant to: for every
/// destination with work, open connections while canOpenConnection allows,
/// start messages while canSendMessage allows, and when nothing can move,
/// jump the clock to the earliest nextEligibleTime. Connections stay open;
/// each message completes at once and counts as a success.
class PacingDriver
{
public:
    PacingDriver(DestinationScheduler& scheduler, ManualClock& clock)
        : m_scheduler(scheduler), m_clock(clock), m_start(clock.now())
    {}

    void enqueue(const QString& key, int messages, int recipients)
    {
        for (int i = 0; i < messages; ++i)
            m_pending[key].push_back(recipients);
    }
    /// Whether a connection attempt to `key` works; all work by default.
    std::function<bool(const QString& key, int attempt)> connects = [](const QString&, int) {
        return true;
    };

    /// Runs until all mail is sent or the next step lies beyond deadlineMs.
    /// False if the scheduler ever got stuck (nothing allowed now, and no
    /// later time named either).
    bool run(qint64 deadlineMs)
    {
        while (hasWork()) {
            if (step())
                continue;
            QDateTime next;
            for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
                if (it->empty())
                    continue;
                const QDateTime t =
                    m_scheduler.nextEligibleTime(it.key(), m_clock.now(), it->front());
                if (!next.isValid() || t < next)
                    next = t;
            }
            if (next <= m_clock.now())
                return false;
            if (m_start.msecsTo(next) > deadlineMs)
                return true;
            m_clock.set(next);
        }
        return true;
    }

    QVector<Sent> sent;
    QMap<QString, QVector<qint64>> attempts; ///< connection attempts per key, ms after start
    QMap<QString, int> peakConnections;

private:
    bool hasWork() const
    {
        for (const auto& queue : m_pending) {
            if (!queue.empty())
                return true;
        }
        return false;
    }

    bool step()
    {
        bool moved = false;
        const QDateTime now = m_clock.now();
        for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
            const QString& key = it.key();
            std::deque<int>& queue = *it;
            while (qsizetype(queue.size()) > m_scheduler.openConnections(key) &&
                   m_scheduler.canOpenConnection(key, now)) {
                moved = true;
                m_scheduler.connectionOpened(key);
                attempts[key].append(m_start.msecsTo(now));
                if (connects(key, int(attempts[key].size()))) {
                    m_scheduler.recordSuccess(key, now);
                } else {
                    m_scheduler.recordFailure(key, DestinationFailure::ConnectFailed, now,
                                              QStringLiteral("Connection refused"));
                    m_scheduler.connectionClosed(key);
                }
                peakConnections[key] =
                    std::max(peakConnections.value(key), m_scheduler.openConnections(key));
            }
            while (!queue.empty() && m_scheduler.openConnections(key) > 0 &&
                   m_scheduler.canSendMessage(key, now, queue.front())) {
                moved = true;
                m_scheduler.messageSent(key, now, queue.front());
                sent.append({key, m_start.msecsTo(now), queue.front()});
                queue.pop_front();
                m_scheduler.recordSuccess(key, now);
            }
        }
        return moved;
    }

    DestinationScheduler& m_scheduler;
    ManualClock& m_clock;
    const QDateTime m_start;
    QMap<QString, std::deque<int>> m_pending;
};

/// The most messages / recipients sent in any window of `windowMs`.
std::pair<qint64, qint64> busiestWindow(const QVector<Sent>& sent, qint64 windowMs)
{
    qint64 messages = 0;
    qint64 recipients = 0;
    for (const Sent& last : sent) {
        qint64 m = 0;
        qint64 r = 0;
        for (const Sent& s : sent) {
            if (s.atMs > last.atMs - windowMs && s.atMs <= last.atMs) {
                ++m;
                r += s.recipients;
            }
        }
        messages = std::max(messages, m);
        recipients = std::max(recipients, r);
    }
    return {messages, recipients};
}
} // namespace

class TestDestinationScheduler : public QObject
{
    Q_OBJECT

private slots:
    void keys();
    void pacingBurst_data();
    void pacingBurst();
    void pausedDestinationDoesNotBlockOthers();
    void sickDestinationRecovers();
    void destinationsIndependent();
    void connectionLimit_data();
    void connectionLimit();
    void unmatchedCloseIgnored();
    void noConnectionWithoutRoom();
    void probeAfterPause();
    void probeFailureEscalates();
    void nextEligibleTime_data();
    void nextEligibleTime();
    void snapshotStates();
    void snapshotsSortedAndDefaults();
    void limitsDefaultsAndOverrides();
    void pruneForgetsIdle();
    void jitterFromInjectedSource();
};

void TestDestinationScheduler::keys()
{
    QCOMPARE(DestinationScheduler::mxKey(QStringLiteral("Example.COM")),
             QStringLiteral("mx:example.com"));
    QCOMPARE(DestinationScheduler::smarthostKey(QStringLiteral("m365")),
             QStringLiteral("smarthost:m365"));
}

void TestDestinationScheduler::pacingBurst_data()
{
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<int>("maxConnections");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("recipientsPerMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<qint64>("lastSendMs");

    // 30 at 0 s, 60 s and 120 s, the last 10 at 180 s.
    QTest::newRow("100 at 30/min, 4 connections") << 100 << 1 << 4 << 30 << 0 << 0 << 3 * minute;
    QTest::newRow("100 at 30/min, 1 connection") << 100 << 1 << 1 << 30 << 0 << 0 << 3 * minute;
    QTest::newRow("45 at 10/min") << 45 << 1 << 2 << 10 << 0 << 0 << 4 * minute;
    QTest::newRow("100 x 5 recipients at 50 recipients/min")
        << 100 << 5 << 4 << 0 << 50 << 0 << 9 * minute;
    QTest::newRow("recipients stricter than messages")
        << 100 << 2 << 4 << 30 << 40 << 0 << 4 * minute;
    QTest::newRow("day limit defers the rest by a day")
        << 100 << 1 << 4 << 30 << 0 << 50 << day + minute;
    QTest::newRow("no limits: all at once") << 100 << 1 << 4 << 0 << 0 << 0 << qint64(0);
}

void TestDestinationScheduler::pacingBurst()
{
    QFETCH(int, messages);
    QFETCH(int, recipients);
    QFETCH(int, maxConnections);
    QFETCH(int, perMinute);
    QFETCH(int, recipientsPerMinute);
    QFETCH(int, perDay);
    QFETCH(qint64, lastSendMs);

    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = DestinationScheduler::smarthostKey(QStringLiteral("m365"));
    scheduler.setLimits(key, limitsOf(maxConnections, perMinute, recipientsPerMinute, perDay));
    PacingDriver driver(scheduler, clock);
    driver.enqueue(key, messages, recipients);
    QVERIFY2(driver.run(7 * day), "the scheduler named no time to go on");

    QCOMPARE(driver.sent.size(), messages);
    QCOMPARE(driver.sent.last().atMs, lastSendMs);
    QVERIFY(driver.peakConnections.value(key) <= maxConnections);
    const auto [windowMessages, windowRecipients] = busiestWindow(driver.sent, minute);
    if (perMinute > 0)
        QVERIFY2(windowMessages <= perMinute, qPrintable(QString::number(windowMessages)));
    if (recipientsPerMinute > 0)
        QVERIFY2(windowRecipients <= recipientsPerMinute,
                 qPrintable(QString::number(windowRecipients)));
    if (perDay > 0)
        QVERIFY(busiestWindow(driver.sent, day).first <= perDay);
    // Paced, not throttled harder than needed: each window is used fully.
    if (perMinute > 0 && recipientsPerMinute == 0 && perDay == 0)
        QCOMPARE(windowMessages, qint64(std::min(perMinute, messages)));
}

void TestDestinationScheduler::pausedDestinationDoesNotBlockOthers()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString sick = DestinationScheduler::mxKey(QStringLiteral("down.example"));
    const QString healthy = DestinationScheduler::mxKey(QStringLiteral("up.example"));
    const QString paced = DestinationScheduler::smarthostKey(QStringLiteral("paced"));
    scheduler.setDefaultLimits(limitsOf(2));
    scheduler.setLimits(paced, limitsOf(2, 10));
    PacingDriver driver(scheduler, clock);
    driver.connects = [&](const QString& key, int) { return key != sick; };
    driver.enqueue(sick, 20, 1);
    driver.enqueue(healthy, 20, 1);
    driver.enqueue(paced, 20, 1);
    QVERIFY(driver.run(10 * minute));

    // The sick destination is retried at 0, 30, 90, 210 and 450 s, one
    // connection at a time, and is paused until 930 s now.
    QCOMPARE(driver.attempts.value(sick), (QVector<qint64>{0, 30000, 90000, 210000, 450000}));
    const DestinationSnapshot snapshot = scheduler.snapshot(sick, clock.now());
    QCOMPARE(snapshot.state, DestinationState::Paused);
    QCOMPARE(snapshot.consecutiveFailures, 5);
    QCOMPARE(clock.now().msecsTo(snapshot.pausedUntil), qint64(930000 - 450000));
    // ... while the others went at their own pace from the first second.
    QVector<qint64> healthyTimes;
    QVector<qint64> pacedTimes;
    for (const Sent& s : std::as_const(driver.sent)) {
        QVERIFY(s.key != sick);
        (s.key == healthy ? healthyTimes : pacedTimes).append(s.atMs);
    }
    QCOMPARE(healthyTimes, QVector<qint64>(20, 0));
    QCOMPARE(pacedTimes.size(), 20);
    QCOMPARE(pacedTimes.first(), qint64(0));
    QCOMPARE(pacedTimes.last(), minute);
}

void TestDestinationScheduler::sickDestinationRecovers()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = DestinationScheduler::smarthostKey(QStringLiteral("flaky"));
    scheduler.setLimits(key, limitsOf(3));
    PacingDriver driver(scheduler, clock);
    driver.connects = [](const QString&, int attempt) { return attempt > 2; };
    driver.enqueue(key, 10, 1);
    QVERIFY(driver.run(day));
    // Two failures (0 s, 30 s), a successful probe at 90 s, then the rest
    // of the pool opens at once.
    QCOMPARE(driver.attempts.value(key), (QVector<qint64>{0, 30000, 90000, 90000, 90000}));
    QCOMPARE(driver.sent.size(), 10);
    QCOMPARE(driver.sent.first().atMs, qint64(90000));
    QCOMPARE(driver.sent.last().atMs, qint64(90000));
    QCOMPARE(scheduler.snapshot(key, clock.now()).consecutiveFailures, 0);
}

void TestDestinationScheduler::destinationsIndependent()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString a = DestinationScheduler::smarthostKey(QStringLiteral("a"));
    const QString b = DestinationScheduler::smarthostKey(QStringLiteral("b"));
    scheduler.setLimits(a, limitsOf(1, 2));
    scheduler.setLimits(b, limitsOf(1, 2));
    const QDateTime now = clock.now();

    // a's connection slot is taken: b still has its own.
    scheduler.connectionOpened(a);
    QVERIFY(!scheduler.canOpenConnection(a, now));
    QVERIFY(scheduler.canOpenConnection(b, now));
    // a's rate window is full: b's is empty.
    scheduler.messageSent(a, now, 1);
    scheduler.messageSent(a, now, 1);
    QVERIFY(!scheduler.canSendMessage(a, now));
    QVERIFY(scheduler.canSendMessage(b, now));
    QCOMPARE(scheduler.nextEligibleTime(a, now), now.addSecs(60));
    QCOMPARE(scheduler.nextEligibleTime(b, now), now);
    // b is paused: a's window still frees on time, and a is not paused.
    scheduler.recordFailure(b, DestinationFailure::GreetingRejected, now,
                            QStringLiteral("421 4.3.2 Service not available"));
    QVERIFY(!scheduler.canOpenConnection(b, now));
    QVERIFY(!scheduler.canSendMessage(b, now));
    QCOMPARE(scheduler.nextEligibleTime(a, now), now.addSecs(60));
    QVERIFY(scheduler.canSendMessage(a, now.addSecs(60)));
    QCOMPARE(scheduler.snapshot(a, now).consecutiveFailures, 0);
    QCOMPARE(scheduler.snapshot(b, now).usage, RateUsage{});
}

void TestDestinationScheduler::connectionLimit_data()
{
    QTest::addColumn<int>("maxConnections");
    QTest::addColumn<int>("opened");
    QTest::addColumn<bool>("canOpen");
    QTest::newRow("1 of 1") << 1 << 1 << false;
    QTest::newRow("0 of 1") << 1 << 0 << true;
    QTest::newRow("3 of 4") << 4 << 3 << true;
    QTest::newRow("4 of 4") << 4 << 4 << false;
    QTest::newRow("unlimited, 100 open") << 0 << 100 << true;
    QTest::newRow("negative means unlimited") << -1 << 10 << true;
}

void TestDestinationScheduler::connectionLimit()
{
    QFETCH(int, maxConnections);
    QFETCH(int, opened);
    QFETCH(bool, canOpen);
    const ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:x");
    scheduler.setLimits(key, limitsOf(maxConnections));
    for (int i = 0; i < opened; ++i)
        scheduler.connectionOpened(key);
    QCOMPARE(scheduler.openConnections(key), opened);
    QCOMPARE(scheduler.canOpenConnection(key, clock.now()), canOpen);
    if (opened > 0) {
        scheduler.connectionClosed(key);
        QVERIFY(scheduler.canOpenConnection(key, clock.now())); // a closed one frees its slot
    }
}

void TestDestinationScheduler::unmatchedCloseIgnored()
{
    const ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:x");
    scheduler.setLimits(key, limitsOf(1));
    scheduler.connectionClosed(key); // unknown destination: nothing to free
    scheduler.connectionOpened(key);
    scheduler.connectionClosed(key);
    scheduler.connectionClosed(key);
    QCOMPARE(scheduler.openConnections(key), 0);
    scheduler.connectionOpened(key);
    QVERIFY(!scheduler.canOpenConnection(key, clock.now())); // still one slot, not two
}

void TestDestinationScheduler::noConnectionWithoutRoom()
{
    // A full rate window: a new connection would only sit idle upstream.
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:x");
    scheduler.setLimits(key, limitsOf(4, 1));
    scheduler.connectionOpened(key);
    scheduler.messageSent(key, clock.now(), 1);
    QVERIFY(!scheduler.canOpenConnection(key, clock.now()));
    clock.advance(60);
    QVERIFY(scheduler.canOpenConnection(key, clock.now()));
}

void TestDestinationScheduler::probeAfterPause()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:x");
    scheduler.setLimits(key, limitsOf(4));
    scheduler.connectionOpened(key);
    scheduler.recordFailure(key, DestinationFailure::ConnectFailed, clock.now(),
                            QStringLiteral("timeout"));
    scheduler.connectionClosed(key);
    clock.advance(29);
    QVERIFY(!scheduler.canOpenConnection(key, clock.now()));
    QCOMPARE(scheduler.nextEligibleTime(key, clock.now()), clock.now().addSecs(1));
    clock.advance(1);
    QVERIFY(scheduler.canOpenConnection(key, clock.now()));
    QCOMPARE(scheduler.snapshot(key, clock.now()).state, DestinationState::Probing);
    scheduler.connectionOpened(key);
    QVERIFY(!scheduler.canOpenConnection(key, clock.now())); // one probe at a time
    scheduler.recordSuccess(key, clock.now());
    for (int open = 1; open < 4; ++open) {
        QVERIFY(scheduler.canOpenConnection(key, clock.now()));
        scheduler.connectionOpened(key);
    }
    QVERIFY(!scheduler.canOpenConnection(key, clock.now()));
    QCOMPARE(scheduler.snapshot(key, clock.now()).state, DestinationState::Active);
}

void TestDestinationScheduler::probeFailureEscalates()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:x");
    scheduler.setLimits(key, limitsOf(4));
    scheduler.recordFailure(key, DestinationFailure::GreetingRejected, clock.now());
    clock.advance(30);
    scheduler.connectionOpened(key);
    scheduler.recordFailure(key, DestinationFailure::GreetingRejected, clock.now(),
                            QStringLiteral("421 still busy"));
    scheduler.connectionClosed(key);
    QVERIFY(!scheduler.canOpenConnection(key, clock.now()));
    QVERIFY(!scheduler.canSendMessage(key, clock.now()));
    QCOMPARE(scheduler.nextEligibleTime(key, clock.now()), clock.now().addSecs(60));
    const DestinationSnapshot snapshot = scheduler.snapshot(key, clock.now());
    QCOMPARE(snapshot.consecutiveFailures, 2);
    QCOMPARE(snapshot.lastError, QStringLiteral("421 still busy"));
    QCOMPARE(snapshot.lastFailure,
             std::optional<DestinationFailure>(DestinationFailure::GreetingRejected));
}

void TestDestinationScheduler::nextEligibleTime_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<qint64>("sendAtMs"); ///< -1: none
    QTest::addColumn<qint64>("failAtMs"); ///< -1: none
    QTest::addColumn<qint64>("queryAtMs");
    QTest::addColumn<qint64>("eligibleMs");
    QTest::newRow("unknown destination")
        << 0 << qint64(-1) << qint64(-1) << qint64(5000) << qint64(5000);
    QTest::newRow("room and healthy")
        << 2 << qint64(0) << qint64(-1) << qint64(5000) << qint64(5000);
    QTest::newRow("rate window only") << 1 << qint64(0) << qint64(-1) << qint64(5000) << minute;
    QTest::newRow("pause only") << 0 << qint64(-1) << qint64(0) << qint64(5000) << qint64(30000);
    QTest::newRow("window ends after the pause")
        << 1 << qint64(0) << qint64(0) << qint64(5000) << minute;
    QTest::newRow("pause ends after the window")
        << 1 << qint64(0) << qint64(50000) << qint64(55000) << qint64(80000);
}

void TestDestinationScheduler::nextEligibleTime()
{
    QFETCH(int, perMinute);
    QFETCH(qint64, sendAtMs);
    QFETCH(qint64, failAtMs);
    QFETCH(qint64, queryAtMs);
    QFETCH(qint64, eligibleMs);
    const ManualClock clock;
    const QDateTime start = clock.now();
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("mx:example.com");
    scheduler.setLimits(key, limitsOf(4, perMinute));
    if (sendAtMs >= 0)
        scheduler.messageSent(key, start.addMSecs(sendAtMs), 1);
    if (failAtMs >= 0)
        scheduler.recordFailure(key, DestinationFailure::ConnectFailed, start.addMSecs(failAtMs));
    const QDateTime query = start.addMSecs(queryAtMs);
    const QDateTime eligible = scheduler.nextEligibleTime(key, query);
    QCOMPARE(start.msecsTo(eligible), eligibleMs);
    QVERIFY(scheduler.canSendMessage(key, eligible));
    if (eligible > query)
        QVERIFY(!scheduler.canSendMessage(key, eligible.addMSecs(-1)));
}

void TestDestinationScheduler::snapshotStates()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString key = QStringLiteral("smarthost:m365");
    DestinationLimits limits = limitsOf(2, 2);
    limits.recipientsPerDay = 10000;
    scheduler.setLimits(key, limits);

    DestinationSnapshot s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::Idle);
    QCOMPARE(s.key, key);
    QCOMPARE(s.limits, limits);
    QVERIFY(!s.eligibleAt.isValid());

    scheduler.connectionOpened(key);
    scheduler.messageSent(key, clock.now(), 3);
    s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::Active);
    QCOMPARE(s.openConnections, 1);
    QCOMPARE(s.usage, (RateUsage{1, 3, 1, 3}));

    scheduler.messageSent(key, clock.now(), 1);
    s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::RateLimited);
    QCOMPARE(s.eligibleAt, clock.now().addSecs(60));

    clock.advance(10);
    scheduler.recordFailure(key, DestinationFailure::ServiceClosing, clock.now(),
                            QStringLiteral("421 4.4.2 connection dropped"));
    scheduler.connectionClosed(key);
    s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::Paused);
    QCOMPARE(s.pausedUntil, clock.now().addSecs(30));
    QCOMPARE(s.eligibleAt, clock.now().addSecs(50)); // the rate window outlasts the pause
    QCOMPARE(s.lastError, QStringLiteral("421 4.4.2 connection dropped"));
    QCOMPARE(s.lastErrorAt, clock.now());

    clock.advance(60);
    s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::Probing);
    QVERIFY(!s.pausedUntil.isValid());
    QCOMPARE(s.usage, (RateUsage{0, 0, 2, 4}));

    scheduler.recordSuccess(key, clock.now());
    s = scheduler.snapshot(key, clock.now());
    QCOMPARE(s.state, DestinationState::Idle);
    QCOMPARE(s.consecutiveFailures, 0);
    QCOMPARE(s.lastError, QStringLiteral("421 4.4.2 connection dropped")); // kept for the GUI
}

void TestDestinationScheduler::snapshotsSortedAndDefaults()
{
    const ManualClock clock;
    DestinationScheduler scheduler;
    scheduler.setDefaultLimits(limitsOf(1));
    scheduler.connectionOpened(QStringLiteral("mx:b.example"));
    scheduler.messageSent(QStringLiteral("mx:a.example"), clock.now(), 1);
    QCOMPARE(scheduler.destinations(),
             (QStringList{QStringLiteral("mx:a.example"), QStringLiteral("mx:b.example")}));
    const QVector<DestinationSnapshot> all = scheduler.snapshots(clock.now());
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).key, QStringLiteral("mx:a.example"));
    QCOMPARE(all.at(0).usage.messagesLastMinute, qint64(1));
    QCOMPARE(all.at(1).state, DestinationState::Active);
    QCOMPARE(all.at(1).limits.maxConnections, 1);
    // A snapshot crosses threads by value through queued signals.
    QVERIFY(QMetaType::fromType<DestinationSnapshot>().isValid());
    const QVariant carried = QVariant::fromValue(all.at(1));
    QCOMPARE(carried.value<DestinationSnapshot>().key, QStringLiteral("mx:b.example"));
}

void TestDestinationScheduler::limitsDefaultsAndOverrides()
{
    const ManualClock clock;
    const QDateTime now = clock.now();
    DestinationScheduler scheduler;
    const QString mx = QStringLiteral("mx:example.com");
    const QString m365 = QStringLiteral("smarthost:m365");
    scheduler.setDefaultLimits(limitsOf(2, 5));
    scheduler.setLimits(m365, limitsOf(3, 30));
    QCOMPARE(scheduler.limits(mx).messagesPerMinute, 5);
    QCOMPARE(scheduler.limits(m365).messagesPerMinute, 30);

    for (int i = 0; i < 5; ++i) {
        scheduler.messageSent(mx, now, 1);
        scheduler.messageSent(m365, now, 1);
    }
    QVERIFY(!scheduler.canSendMessage(mx, now));
    QVERIFY(scheduler.canSendMessage(m365, now));
    // New limits apply at once to what was already sent.
    scheduler.setLimits(m365, limitsOf(3, 5));
    QVERIFY(!scheduler.canSendMessage(m365, now));
    scheduler.setDefaultLimits(limitsOf(2, 6));
    QVERIFY(scheduler.canSendMessage(mx, now));
    QVERIFY(!scheduler.canSendMessage(m365, now)); // has its own limits
    scheduler.clearLimits(m365);
    QCOMPARE(scheduler.limits(m365), limitsOf(2, 6));
    QVERIFY(scheduler.canSendMessage(m365, now));
}

void TestDestinationScheduler::pruneForgetsIdle()
{
    ManualClock clock;
    DestinationScheduler scheduler;
    const QString quiet = QStringLiteral("mx:quiet.example");
    const QString connected = QStringLiteral("mx:connected.example");
    const QString failing = QStringLiteral("mx:failing.example");
    const QString configured = QStringLiteral("smarthost:configured");
    scheduler.setLimits(configured, limitsOf(1, 7));
    scheduler.messageSent(quiet, clock.now(), 1);
    scheduler.messageSent(configured, clock.now(), 1);
    scheduler.connectionOpened(connected);
    scheduler.recordFailure(failing, DestinationFailure::ConnectFailed, clock.now());

    clock.advance(3600);
    scheduler.prune(clock.now());
    QCOMPARE(scheduler.destinations().size(), 4); // sent within 24 h, open, or failed recently

    clock.advance(24 * 3600);
    scheduler.prune(clock.now());
    QCOMPARE(scheduler.destinations(), QStringList{connected});
    // Configured limits outlive the forgotten state.
    QCOMPARE(scheduler.limits(configured).messagesPerMinute, 7);
    // A forgotten destination starts afresh.
    QVERIFY(scheduler.canOpenConnection(failing, clock.now()));
    QCOMPARE(scheduler.snapshot(failing, clock.now()).consecutiveFailures, 0);
}

void TestDestinationScheduler::jitterFromInjectedSource()
{
    ManualClock clock;
    ScriptedRandomSource random({0.5});
    DestinationScheduler scheduler(&random);
    const QString key = QStringLiteral("mx:example.com");
    DestinationLimits limits = limitsOf(1);
    limits.backoff.jitter = 0.2;
    scheduler.setLimits(key, limits);
    scheduler.recordFailure(key, DestinationFailure::ConnectFailed, clock.now());
    QCOMPARE(scheduler.nextEligibleTime(key, clock.now()), clock.now().addSecs(27));
}

QTEST_GUILESS_MAIN(TestDestinationScheduler)
#include "TestDestinationScheduler.moc"
