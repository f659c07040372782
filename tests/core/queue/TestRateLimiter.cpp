// Rolling-window rate limits with an injected clock: boundaries, earliest
// allowed times, the day window, bounded memory. No sleeping.

#include "queue/ManualClock.h"
#include "queue/RateLimiter.h"

#include <QTest>

using namespace RelayDesk::Queue;

namespace {
struct Send
{
    qint64 atMs = 0; ///< after the test's start time
    int recipients = 1;
};

constexpr qint64 minute = 60 * 1000;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

DestinationLimits makeLimits(int messagesPerMinute, int recipientsPerMinute, int messagesPerDay,
                             int recipientsPerDay)
{
    DestinationLimits limits;
    limits.messagesPerMinute = messagesPerMinute;
    limits.recipientsPerMinute = recipientsPerMinute;
    limits.messagesPerDay = messagesPerDay;
    limits.recipientsPerDay = recipientsPerDay;
    return limits;
}

QList<Send> repeated(int count, qint64 atMs, int recipients = 1)
{
    return QList<Send>(count, Send{atMs, recipients});
}
} // namespace

Q_DECLARE_METATYPE(Send)
Q_DECLARE_METATYPE(RelayDesk::Queue::DestinationLimits)

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void limits_data();
    void limits();
    void dayWindowRolls();
    void memoryBounded();
    void clockSteppedBack();
    void newLimitsApplyToHistory();
    void usageCounts();
    void recipientBatchLimit_data();
    void recipientBatchLimit();
};

void TestRateLimiter::limits_data()
{
    QTest::addColumn<DestinationLimits>("limits");
    QTest::addColumn<QList<Send>>("sends");
    QTest::addColumn<qint64>("queryAtMs");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<qint64>("earliestMs");

    const DestinationLimits perMinute30 = makeLimits(30, 0, 0, 0);
    QTest::newRow("30/min: the 30th message fits")
        << perMinute30 << repeated(29, 0) << qint64(0) << 1 << true << qint64(0);
    QTest::newRow("30/min: the 31st waits exactly 60 s")
        << perMinute30 << repeated(30, 0) << qint64(0) << 1 << false << minute;
    QTest::newRow("30/min: 1 ms before the window ends")
        << perMinute30 << repeated(30, 0) << minute - 1 << 1 << false << minute;
    QTest::newRow("30/min: when the window ends")
        << perMinute30 << repeated(30, 0) << minute << 1 << true << minute;

    const DestinationLimits perMinute3 = makeLimits(3, 0, 0, 0);
    const QList<Send> staggered{{0, 1}, {10000, 1}, {20000, 1}};
    QTest::newRow("3/min staggered: waits for the oldest")
        << perMinute3 << staggered << qint64(25000) << 1 << false << minute;
    QTest::newRow("3/min staggered: the oldest has left")
        << perMinute3 << staggered << minute << 1 << true << minute;

    const DestinationLimits recipients10 = makeLimits(0, 10, 0, 0);
    QTest::newRow("10 rcpt/min: exact fit")
        << recipients10 << QList<Send>{{0, 7}} << qint64(0) << 3 << true << qint64(0);
    QTest::newRow("10 rcpt/min: one over")
        << recipients10 << QList<Send>{{0, 7}} << qint64(0) << 4 << false << minute;
    QTest::newRow("10 rcpt/min: frees as many sends as needed")
        << recipients10 << QList<Send>{{0, 4}, {10000, 4}, {20000, 2}} << qint64(25000) << 5
        << false << minute + 10000;
    QTest::newRow("oversize message waits for an empty window")
        << recipients10 << QList<Send>{{0, 2}, {30000, 1}} << qint64(40000) << 15 << false
        << minute + 30000;
    QTest::newRow("oversize message on an empty window")
        << recipients10 << QList<Send>{} << qint64(0) << 15 << true << qint64(0);

    QTest::newRow("sub-second send rounds up to the next second")
        << makeLimits(1, 0, 0, 0) << QList<Send>{{200, 1}} << minute + 200 << 1 << false
        << minute + 1000;

    const DestinationLimits recipientsDay100 = makeLimits(0, 0, 0, 100);
    const QList<Send> daySends{{0, 60}, {hour, 40}};
    QTest::newRow("100 rcpt/day: full until the first send is 24 h old")
        << recipientsDay100 << daySends << 2 * hour << 1 << false << day;
    QTest::newRow("100 rcpt/day: 60 fit once the first send left")
        << recipientsDay100 << daySends << 2 * hour << 60 << false << day;
    QTest::newRow("100 rcpt/day: 61 need both sends gone")
        << recipientsDay100 << daySends << 2 * hour << 61 << false << day + hour;
    QTest::newRow("100 rcpt/day: 1 ms before the day ends")
        << recipientsDay100 << daySends << day - 1 << 1 << false << day;
    QTest::newRow("100 rcpt/day: when the day ends")
        << recipientsDay100 << daySends << day << 60 << true << day;
    QTest::newRow("day window counts in whole minutes, rounding up")
        << makeLimits(0, 0, 0, 1) << QList<Send>{{30000, 1}} << day + 30000 << 1 << false
        << day + minute;
    QTest::newRow("3 messages/day")
        << makeLimits(0, 0, 3, 0) << QList<Send>{{0, 1}, {hour, 1}, {2 * hour, 1}} << 3 * hour << 1
        << false << day;

    QTest::newRow("minute free, day full: the day decides")
        << makeLimits(30, 0, 0, 5) << repeated(5, 0) << 2 * minute << 1 << false << day;
    QTest::newRow("minute full, day free: the minute decides")
        << makeLimits(2, 0, 0, 1000) << QList<Send>{{0, 1}, {50000, 1}} << qint64(55000) << 1
        << false << minute;
    QTest::newRow("minute and recipient windows: the later decides")
        << makeLimits(2, 5, 0, 0) << QList<Send>{{0, 1}, {30000, 4}} << qint64(40000) << 2 << false
        << minute + 30000;

    QTest::newRow("unlimited") << DestinationLimits{} << repeated(1000, 0, 100) << qint64(0) << 100
                               << true << qint64(0);
    QTest::newRow("a message without recipients still counts as a message")
        << makeLimits(1, 0, 0, 0) << QList<Send>{{0, 0}} << qint64(1000) << 0 << false << minute;
    QTest::newRow("negative recipients count as none")
        << makeLimits(0, 1, 0, 0) << QList<Send>{{0, -5}} << qint64(0) << 1 << true << qint64(0);
}

void TestRateLimiter::limits()
{
    QFETCH(DestinationLimits, limits);
    QFETCH(QList<Send>, sends);
    QFETCH(qint64, queryAtMs);
    QFETCH(int, recipients);
    QFETCH(bool, allowed);
    QFETCH(qint64, earliestMs);

    const ManualClock clock;
    const QDateTime start = clock.now();
    RateLimiter limiter(limits);
    for (const Send& send : std::as_const(sends))
        limiter.recordSent(start.addMSecs(send.atMs), send.recipients);

    const QDateTime query = start.addMSecs(queryAtMs);
    QCOMPARE(limiter.maySend(query, recipients), allowed);
    const QDateTime earliest = limiter.earliestAllowed(query, recipients);
    QCOMPARE(start.msecsTo(earliest), earliestMs);

    // The answer is tight: allowed at that moment, not a millisecond before.
    QVERIFY(limiter.maySend(earliest, recipients));
    QCOMPARE(limiter.earliestAllowed(earliest, recipients), earliest);
    if (earliest > query)
        QVERIFY(!limiter.maySend(earliest.addMSecs(-1), recipients));
}

void TestRateLimiter::dayWindowRolls()
{
    // 100 recipients every hour on the hour against 2,400 a day: from the
    // 24th send on the window is exactly full, and each hour one send
    // leaves as the next arrives.
    ManualClock clock;
    const QDateTime start = clock.now();
    RateLimiter limiter(makeLimits(0, 0, 0, 2400));
    for (int h = 0; h < 72; ++h) {
        clock.set(start.addMSecs(h * hour));
        QVERIFY2(limiter.maySend(clock.now(), 100), qPrintable(QString::number(h)));
        limiter.recordSent(clock.now(), 100);
        const qint64 inWindow = std::min(h + 1, 24) * 100;
        QCOMPARE(limiter.usage(clock.now()).recipientsLast24Hours, inWindow);
        if (h >= 23) {
            QVERIFY(!limiter.maySend(clock.now(), 1));
            QCOMPARE(clock.now().msecsTo(limiter.earliestAllowed(clock.now(), 100)), hour);
        } else {
            QVERIFY(limiter.maySend(clock.now(), 100));
        }
    }
    // A day of silence empties it.
    clock.advance(24 * 3600);
    QCOMPARE(limiter.usage(clock.now()).recipientsLast24Hours, qint64(0));
    QVERIFY(limiter.isIdle(clock.now()));
}

void TestRateLimiter::memoryBounded()
{
    // One message a second for three days: the buckets never exceed the
    // fixed bound, and the counts stay exact.
    ManualClock clock;
    RateLimiter limiter(makeLimits(100, 100, 100000, 100000));
    const qsizetype bound = limiter.maxBucketCount();
    QCOMPARE(bound, qsizetype(2 * 61 + 2 * 1441));
    qsizetype peak = 0;
    for (int s = 1; s <= 3 * 24 * 3600; ++s) {
        clock.advance(1);
        limiter.recordSent(clock.now(), 2);
        peak = std::max(peak, limiter.bucketCount());
    }
    // The last send fell on a minute boundary, where the counts are exact.
    QVERIFY2(peak <= bound, qPrintable(QStringLiteral("%1 > %2").arg(peak).arg(bound)));
    QVERIFY(peak > bound / 2); // the bound is not slack: a busy limiter gets close to it
    const RateUsage usage = limiter.usage(clock.now());
    QCOMPARE(usage.messagesLastMinute, qint64(60));
    QCOMPARE(usage.recipientsLastMinute, qint64(120));
    QCOMPARE(usage.messagesLast24Hours, qint64(24 * 3600));
    QCOMPARE(usage.recipientsLast24Hours, qint64(2 * 24 * 3600));

    // prune() gives everything back once the windows have passed.
    clock.advance(24 * 3600 + 60);
    limiter.prune(clock.now());
    QCOMPARE(limiter.bucketCount(), qsizetype(0));
}

void TestRateLimiter::clockSteppedBack()
{
    // A clock that steps back must not make earlier sends vanish: they keep
    // counting at least until the window after the latest one ends.
    ManualClock clock;
    const QDateTime start = clock.now();
    RateLimiter limiter(makeLimits(2, 0, 0, 0));
    clock.set(start.addSecs(100));
    limiter.recordSent(clock.now(), 1);
    clock.set(start.addSecs(50));
    limiter.recordSent(clock.now(), 1);
    QVERIFY(!limiter.maySend(clock.now(), 1));
    QCOMPARE(start.secsTo(limiter.earliestAllowed(clock.now(), 1)), qint64(160));
}

void TestRateLimiter::newLimitsApplyToHistory()
{
    ManualClock clock;
    RateLimiter limiter;
    for (int i = 0; i < 10; ++i)
        limiter.recordSent(clock.now(), 1);
    QVERIFY(limiter.maySend(clock.now(), 1));
    limiter.setLimits(makeLimits(10, 0, 0, 0));
    QVERIFY(!limiter.maySend(clock.now(), 1));
    QCOMPARE(clock.now().secsTo(limiter.earliestAllowed(clock.now(), 1)), qint64(60));
    limiter.setLimits(makeLimits(11, 0, 0, 0));
    QVERIFY(limiter.maySend(clock.now(), 1));
}

void TestRateLimiter::usageCounts()
{
    ManualClock clock;
    RateLimiter limiter;
    QVERIFY(limiter.isIdle(clock.now()));
    limiter.recordSent(clock.now(), 3);
    clock.advance(30);
    limiter.recordSent(clock.now(), 2);
    QCOMPARE(limiter.usage(clock.now()), (RateUsage{2, 5, 2, 5}));
    clock.advance(30); // the first send leaves the minute window, not the day
    QCOMPARE(limiter.usage(clock.now()), (RateUsage{1, 2, 2, 5}));
    clock.advance(3600);
    QCOMPARE(limiter.usage(clock.now()), (RateUsage{0, 0, 2, 5}));
    QVERIFY(!limiter.isIdle(clock.now()));
}

void TestRateLimiter::recipientBatchLimit_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("perDay");
    QTest::addColumn<int>("perMessage");
    QTest::addColumn<int>("batch");
    QTest::newRow("no limits") << 0 << 0 << 0 << 0;
    QTest::newRow("per message only") << 0 << 0 << 500 << 500;
    QTest::newRow("per minute smallest") << 30 << 10000 << 500 << 30;
    QTest::newRow("per day smallest") << 0 << 20 << 500 << 20;
    QTest::newRow("negative means unlimited") << -1 << 0 << 100 << 100;
}

void TestRateLimiter::recipientBatchLimit()
{
    QFETCH(int, perMinute);
    QFETCH(int, perDay);
    QFETCH(int, perMessage);
    QFETCH(int, batch);
    DestinationLimits limits = makeLimits(0, perMinute, 0, perDay);
    limits.maxRecipientsPerMessage = perMessage;
    QCOMPARE(limits.recipientBatchLimit(), batch);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "TestRateLimiter.moc"
