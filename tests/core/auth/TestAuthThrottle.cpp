#include "auth/AuthThrottle.h"
#include "queue/ManualClock.h"

#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Queue::ManualClock;

namespace {
const QHostAddress kAttacker(QStringLiteral("192.168.1.66"));
const QHostAddress kPrinter(QStringLiteral("192.168.1.20"));

AuthThrottle::Settings settings(int failures, int window, int lockout)
{
    AuthThrottle::Settings s;
    s.maxFailures = failures;
    s.windowSeconds = window;
    s.lockoutSeconds = lockout;
    return s;
}
} // namespace

/// AUTH failure delays and lockouts per client address, on a manual clock.
class TestAuthThrottle final : public QObject
{
    Q_OBJECT

private slots:
    void delayGrowsAndIsCapped_data();
    void delayGrowsAndIsCapped();
    void locksOutAfterFailuresInWindow();
    void failuresOutsideWindowDoNotCount();
    void lockoutExpires();
    void successClearsFailures();
    void lockedOutListAndUnblock();
    void mappedIpv4IsTheSameClient();
    void zeroNeverLocksOut();
    void idleEntriesArePruned();
};

void TestAuthThrottle::delayGrowsAndIsCapped_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("delayMs");
    QTest::newRow("1st") << 1 << qint64(1000);
    QTest::newRow("2nd") << 2 << qint64(2000);
    QTest::newRow("3rd") << 3 << qint64(4000);
    QTest::newRow("5th") << 5 << qint64(16000);
    QTest::newRow("8th capped") << 8 << qint64(16000);
    QTest::newRow("40th capped") << 40 << qint64(16000);
}

void TestAuthThrottle::delayGrowsAndIsCapped()
{
    QFETCH(int, failures);
    QFETCH(qint64, delayMs);
    ManualClock clock;
    AuthThrottle throttle(clock, settings(1000, 3600, 60));
    qint64 last = 0;
    for (int i = 0; i < failures; ++i)
        last = throttle.recordFailure(kAttacker);
    QCOMPARE(last, delayMs);
}

void TestAuthThrottle::locksOutAfterFailuresInWindow()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(3, 600, 900));
    throttle.recordFailure(kAttacker);
    throttle.recordFailure(kAttacker);
    QVERIFY(!throttle.isLockedOut(kAttacker));
    QCOMPARE(throttle.failures(kAttacker), 2);
    throttle.recordFailure(kAttacker);
    QVERIFY(throttle.isLockedOut(kAttacker));
    QVERIFY(!throttle.isLockedOut(kPrinter));
}

void TestAuthThrottle::failuresOutsideWindowDoNotCount()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(3, 600, 900));
    throttle.recordFailure(kAttacker);
    clock.advance(300);
    throttle.recordFailure(kAttacker);
    clock.advance(301); // the first failure left the window
    QCOMPARE(throttle.failures(kAttacker), 1);
    throttle.recordFailure(kAttacker);
    QVERIFY(!throttle.isLockedOut(kAttacker));
    throttle.recordFailure(kAttacker);
    QVERIFY(throttle.isLockedOut(kAttacker));
}

void TestAuthThrottle::lockoutExpires()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(2, 600, 900));
    throttle.recordFailure(kAttacker);
    throttle.recordFailure(kAttacker);
    QVERIFY(throttle.isLockedOut(kAttacker));
    clock.advance(899);
    QVERIFY(throttle.isLockedOut(kAttacker));
    clock.advance(1);
    QVERIFY(!throttle.isLockedOut(kAttacker));
    QVERIFY(throttle.lockedOut().isEmpty());
    // Afresh: one failure does not lock out again, and the delay restarts.
    QCOMPARE(throttle.recordFailure(kAttacker), qint64(1000));
    QVERIFY(!throttle.isLockedOut(kAttacker));
}

void TestAuthThrottle::successClearsFailures()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(3, 600, 900));
    throttle.recordFailure(kPrinter);
    throttle.recordFailure(kPrinter);
    throttle.recordSuccess(kPrinter);
    QCOMPARE(throttle.failures(kPrinter), 0);
    QCOMPARE(throttle.recordFailure(kPrinter), qint64(1000));
    // A success does not end a lockout (it cannot happen while locked
    // out, the password is not checked then; but if the caller races).
    throttle.recordFailure(kPrinter);
    throttle.recordFailure(kPrinter);
    QVERIFY(throttle.isLockedOut(kPrinter));
    throttle.recordSuccess(kPrinter);
    QVERIFY(throttle.isLockedOut(kPrinter));
}

void TestAuthThrottle::lockedOutListAndUnblock()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(2, 600, 900));
    throttle.recordFailure(kAttacker);
    throttle.recordFailure(kAttacker);
    clock.advance(10);
    throttle.recordFailure(kPrinter);
    throttle.recordFailure(kPrinter);
    throttle.recordFailure(QHostAddress(QStringLiteral("10.0.0.1"))); // one failure only

    const QVector<LockedOutClient> list = throttle.lockedOut();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).address, kAttacker.toString());
    QCOMPARE(list.at(0).failures, 2);
    QCOMPARE(list.at(0).until, QDateTime(QDate(2026, 1, 1), QTime(0, 15), Qt::UTC));
    QCOMPARE(list.at(1).address, kPrinter.toString());

    QVERIFY(throttle.unblock(kAttacker));
    QVERIFY(!throttle.isLockedOut(kAttacker));
    QCOMPARE(throttle.failures(kAttacker), 0);
    QVERIFY(!throttle.unblock(kAttacker));
    QVERIFY(!throttle.unblock(QHostAddress(QStringLiteral("10.0.0.1"))));
    QCOMPARE(throttle.lockedOut().size(), 1);
}

void TestAuthThrottle::mappedIpv4IsTheSameClient()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(2, 600, 900));
    throttle.recordFailure(QHostAddress(QStringLiteral("::ffff:192.168.1.66")));
    throttle.recordFailure(kAttacker);
    QVERIFY(throttle.isLockedOut(kAttacker));
    QVERIFY(throttle.isLockedOut(QHostAddress(QStringLiteral("::ffff:192.168.1.66"))));
    QCOMPARE(throttle.lockedOut().at(0).address, QStringLiteral("192.168.1.66"));
}

void TestAuthThrottle::zeroNeverLocksOut()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(0, 600, 900));
    for (int i = 0; i < 100; ++i)
        QVERIFY(throttle.recordFailure(kAttacker) <= 16000);
    QVERIFY(!throttle.isLockedOut(kAttacker));
}

void TestAuthThrottle::idleEntriesArePruned()
{
    ManualClock clock;
    AuthThrottle throttle(clock, settings(5, 60, 60));
    for (quint32 i = 0; i < 5000; ++i)
        throttle.recordFailure(QHostAddress(0x0a000000u + i));
    QCOMPARE(throttle.trackedCount(), 5000);
    clock.advance(120);
    throttle.recordFailure(kAttacker);
    QCOMPARE(throttle.trackedCount(), 1);
}

QTEST_GUILESS_MAIN(TestAuthThrottle)
#include "TestAuthThrottle.moc"
