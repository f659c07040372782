// Retry delays and expiry, with an injected clock: no sleeping.

#include "queue/ManualClock.h"
#include "queue/RetrySchedule.h"

#include <QTest>

using namespace RelayDesk::Queue;

class TestRetrySchedule : public QObject
{
    Q_OBJECT

private slots:
    void defaultDelays_data();
    void defaultDelays();
    void expiry_data();
    void expiry();
    void lastRetryPulledToDeadline();
    void customPolicy_data();
    void customPolicy();
    void walkToExpiry();
};

void TestRetrySchedule::defaultDelays_data()
{
    QTest::addColumn<int>("failedAttempts");
    QTest::addColumn<qint64>("delaySeconds");
    QTest::newRow("after 1st") << 1 << qint64(60);
    QTest::newRow("after 2nd") << 2 << qint64(5 * 60);
    QTest::newRow("after 3rd") << 3 << qint64(15 * 60);
    QTest::newRow("after 4th") << 4 << qint64(30 * 60);
    QTest::newRow("after 5th") << 5 << qint64(60 * 60);
    QTest::newRow("after 6th: hourly") << 6 << qint64(60 * 60);
    QTest::newRow("after 100th: hourly") << 100 << qint64(60 * 60);
    QTest::newRow("zero attempts: first delay") << 0 << qint64(60);
}

void TestRetrySchedule::defaultDelays()
{
    QFETCH(int, failedAttempts);
    QFETCH(qint64, delaySeconds);
    ManualClock clock;
    const RetrySchedule schedule;
    const QDateTime received = clock.now();
    clock.advance(10);
    const auto next = schedule.nextAttempt(failedAttempts, received, clock.now());
    QVERIFY(next.has_value());
    QCOMPARE(clock.now().secsTo(*next), delaySeconds);
    QCOMPARE(schedule.delayAfter(failedAttempts), delaySeconds);
}

void TestRetrySchedule::expiry_data()
{
    QTest::addColumn<qint64>("ageSeconds");
    QTest::addColumn<bool>("expired");
    const qint64 fiveDays = 5 * 24 * 3600;
    QTest::newRow("fresh") << qint64(0) << false;
    QTest::newRow("one second before 5 days") << fiveDays - 1 << false;
    QTest::newRow("exactly 5 days") << fiveDays << true;
    QTest::newRow("6 days") << fiveDays + 24 * 3600 << true;
}

void TestRetrySchedule::expiry()
{
    QFETCH(qint64, ageSeconds);
    QFETCH(bool, expired);
    ManualClock clock;
    const RetrySchedule schedule;
    const QDateTime received = clock.now();
    clock.advance(ageSeconds);
    QCOMPARE(schedule.isExpired(received, clock.now()), expired);
    QCOMPARE(!schedule.nextAttempt(7, received, clock.now()).has_value(), expired);
}

void TestRetrySchedule::lastRetryPulledToDeadline()
{
    // 30 minutes before expiry an hourly retry would land after the deadline;
    // the final attempt happens at the deadline instead, and then it expires.
    ManualClock clock;
    const RetrySchedule schedule;
    const QDateTime received = clock.now();
    const QDateTime deadline = received.addSecs(5 * 24 * 3600);
    clock.set(deadline.addSecs(-30 * 60));
    const auto next = schedule.nextAttempt(40, received, clock.now());
    QVERIFY(next.has_value());
    QCOMPARE(*next, deadline);
    clock.set(*next);
    QVERIFY(!schedule.nextAttempt(41, received, clock.now()).has_value());
}

void TestRetrySchedule::customPolicy_data()
{
    QTest::addColumn<QVector<int>>("delays");
    QTest::addColumn<int>("failedAttempts");
    QTest::addColumn<qint64>("delaySeconds");
    QTest::newRow("single delay repeats") << QVector<int>{10} << 3 << qint64(10);
    QTest::newRow("empty list backs off hourly") << QVector<int>{} << 1 << qint64(3600);
    QTest::newRow("zero delay clamped to 1s") << QVector<int>{0, 5} << 1 << qint64(1);
    QTest::newRow("negative delay clamped to 1s") << QVector<int>{-5} << 2 << qint64(1);
    QTest::newRow("second of two") << QVector<int>{1, 2} << 2 << qint64(2);
}

void TestRetrySchedule::customPolicy()
{
    QFETCH(QVector<int>, delays);
    QFETCH(int, failedAttempts);
    QFETCH(qint64, delaySeconds);
    RetryPolicy policy;
    policy.delaysSeconds = delays;
    policy.maxAgeSeconds = 10 * 24 * 3600;
    const RetrySchedule schedule(policy);
    ManualClock clock;
    const auto next = schedule.nextAttempt(failedAttempts, clock.now(), clock.now());
    QVERIFY(next.has_value());
    QCOMPARE(clock.now().secsTo(*next), delaySeconds);
}

void TestRetrySchedule::walkToExpiry()
{
    // Follow the schedule attempt by attempt: 1+5+15+30 minutes, then hourly
    // until the 1-day limit; the attempt count is what an admin would see.
    RetryPolicy policy;
    policy.maxAgeSeconds = 24 * 3600;
    const RetrySchedule schedule(policy);
    ManualClock clock;
    const QDateTime received = clock.now();
    int attempts = 0;
    while (true) {
        ++attempts; // an attempt happens now and fails
        const auto next = schedule.nextAttempt(attempts, received, clock.now());
        if (!next)
            break;
        QVERIFY(*next > clock.now());
        clock.set(*next);
        QVERIFY(attempts < 1000);
    }
    // Attempts at 0, 1, 6 and 21 minutes; hourly from 0:51 to 23:51 (24 of
    // them); a last one at the 24h deadline (pulled forward), which expires.
    QCOMPARE(attempts, 4 + 24 + 1);
    QCOMPARE(received.secsTo(clock.now()), qint64(24 * 3600));
}

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "TestRetrySchedule.moc"
