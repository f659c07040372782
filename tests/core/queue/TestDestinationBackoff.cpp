// Per-destination pauses after failures: doubling, cap, jitter bounds,
// recovery on success. Time from a ManualClock, jitter from seeded or
// scripted sources; no sleeping.

#include "ScriptedRandomSource.h"
#include "queue/DestinationBackoff.h"
#include "queue/ManualClock.h"
#include "queue/SeededRandomSource.h"

#include <QTest>

using namespace RelayDesk::Queue;

namespace {
BackoffSettings withoutJitter(int initial = 30, int cap = 30 * 60, double multiplier = 2.0)
{
    BackoffSettings s;
    s.initialSeconds = initial;
    s.maxSeconds = cap;
    s.multiplier = multiplier;
    s.jitter = 0.0;
    return s;
}

/// Fails `failures` times in a row, each time as the probe right after the
/// previous pause ended; returns the length of the last pause in ms.
qint64 failInARow(DestinationBackoff& backoff, ManualClock& clock, int failures)
{
    qint64 pause = 0;
    for (int i = 0; i < failures; ++i) {
        if (backoff.resumeAt().isValid())
            clock.set(backoff.resumeAt());
        backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now(),
                              QStringLiteral("connection refused"));
        pause = clock.now().msecsTo(backoff.resumeAt());
    }
    return pause;
}
} // namespace

class TestDestinationBackoff : public QObject
{
    Q_OBJECT

private slots:
    void doubling_data();
    void doubling();
    void customSettings_data();
    void customSettings();
    void jitterBounds();
    void jitterExtremes_data();
    void jitterExtremes();
    void pauseBoundary();
    void everyKindPauses_data();
    void everyKindPauses();
    void resetOnSuccess();
    void failureDuringPauseDoesNotEscalate();
    void successDuringPauseKeepsPause();
    void lastErrorKeptAfterRecovery();
    void settingsSanitized_data();
    void settingsSanitized();
    void newSettingsKeepRunningPause();
};

void TestDestinationBackoff::doubling_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("pauseSeconds");
    QTest::newRow("1st: 30 s") << 1 << qint64(30);
    QTest::newRow("2nd: 1 min") << 2 << qint64(60);
    QTest::newRow("3rd: 2 min") << 3 << qint64(120);
    QTest::newRow("4th: 4 min") << 4 << qint64(240);
    QTest::newRow("5th: 8 min") << 5 << qint64(480);
    QTest::newRow("6th: 16 min") << 6 << qint64(960);
    QTest::newRow("7th: capped at 30 min") << 7 << qint64(1800);
    QTest::newRow("8th: capped") << 8 << qint64(1800);
    QTest::newRow("5000th: capped, no overflow") << 5000 << qint64(1800);
}

void TestDestinationBackoff::doubling()
{
    QFETCH(int, failures);
    QFETCH(qint64, pauseSeconds);
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    QCOMPARE(failInARow(backoff, clock, failures), pauseSeconds * 1000);
    QCOMPARE(backoff.consecutiveFailures(), failures);
    QCOMPARE(DestinationBackoff::nominalPauseMs(backoff.settings(), failures), pauseSeconds * 1000);
    QVERIFY(backoff.isPaused(clock.now()));
}

void TestDestinationBackoff::customSettings_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("cap");
    QTest::addColumn<double>("multiplier");
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("pauseSeconds");
    QTest::newRow("x3: 1st") << 10 << 100 << 3.0 << 1 << qint64(10);
    QTest::newRow("x3: 2nd") << 10 << 100 << 3.0 << 2 << qint64(30);
    QTest::newRow("x3: 3rd") << 10 << 100 << 3.0 << 3 << qint64(90);
    QTest::newRow("x3: 4th capped") << 10 << 100 << 3.0 << 4 << qint64(100);
    QTest::newRow("x1: constant") << 45 << 600 << 1.0 << 6 << qint64(45);
    QTest::newRow("x1.5: 3rd") << 60 << 3600 << 1.5 << 3 << qint64(135);
    QTest::newRow("cap equals start") << 300 << 300 << 2.0 << 3 << qint64(300);
}

void TestDestinationBackoff::customSettings()
{
    QFETCH(int, initial);
    QFETCH(int, cap);
    QFETCH(double, multiplier);
    QFETCH(int, failures);
    QFETCH(qint64, pauseSeconds);
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter(initial, cap, multiplier));
    QCOMPARE(failInARow(backoff, clock, failures), pauseSeconds * 1000);
}

void TestDestinationBackoff::jitterBounds()
{
    // With 20 % jitter every pause lies in [80 %, 100 %] of its nominal
    // length (never beyond the cap), and the pauses really do spread out.
    BackoffSettings settings = withoutJitter();
    settings.jitter = 0.2;
    for (int failures = 1; failures <= 8; ++failures) {
        const qint64 nominal = DestinationBackoff::nominalPauseMs(settings, failures);
        qint64 shortest = nominal;
        qint64 longest = 0;
        for (quint32 seed = 1; seed <= 200; ++seed) {
            SeededRandomSource random(seed);
            ManualClock clock;
            DestinationBackoff backoff(settings, &random);
            const qint64 pause = failInARow(backoff, clock, failures);
            QVERIFY2(pause >= nominal * 8 / 10 && pause <= nominal,
                     qPrintable(QStringLiteral("failure %1: %2 ms outside [%3, %4]")
                                    .arg(failures)
                                    .arg(pause)
                                    .arg(nominal * 8 / 10)
                                    .arg(nominal)));
            QVERIFY(pause <= qint64(settings.maxSeconds) * 1000);
            shortest = std::min(shortest, pause);
            longest = std::max(longest, pause);
        }
        QVERIFY2(shortest < nominal * 85 / 100, qPrintable(QString::number(shortest)));
        QVERIFY2(longest > nominal * 95 / 100, qPrintable(QString::number(longest)));
    }
}

void TestDestinationBackoff::jitterExtremes_data()
{
    QTest::addColumn<double>("draw");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<qint64>("pauseMs");
    QTest::newRow("draw 0: full length") << 0.0 << 0.2 << qint64(30000);
    QTest::newRow("draw 0.5: 10 % shorter") << 0.5 << 0.2 << qint64(27000);
    QTest::newRow("draw near 1: 20 % shorter") << 0.99999 << 0.2 << qint64(24000);
    QTest::newRow("out-of-range draw clamped") << 7.0 << 0.2 << qint64(24000);
    QTest::newRow("no jitter ignores the draw") << 0.75 << 0.0 << qint64(30000);
    QTest::newRow("jitter clamped to 90 %") << 0.99999 << 5.0 << qint64(3000);
}

void TestDestinationBackoff::jitterExtremes()
{
    QFETCH(double, draw);
    QFETCH(double, jitter);
    QFETCH(qint64, pauseMs);
    BackoffSettings settings = withoutJitter();
    settings.jitter = jitter;
    ScriptedRandomSource random({draw});
    ManualClock clock;
    DestinationBackoff backoff(settings, &random);
    QCOMPARE(failInARow(backoff, clock, 1), pauseMs);
}

void TestDestinationBackoff::pauseBoundary()
{
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    QVERIFY(!backoff.isPaused(clock.now()));
    QVERIFY(!backoff.resumeAt().isValid());
    const QDateTime failedAt = clock.now();
    backoff.recordFailure(DestinationFailure::GreetingRejected, failedAt, QStringLiteral("421"));
    QCOMPARE(backoff.resumeAt(), failedAt.addSecs(30));
    QVERIFY(backoff.isPaused(failedAt.addMSecs(30000 - 1)));
    QVERIFY(!backoff.isRecovering(failedAt.addMSecs(30000 - 1)));
    QVERIFY(!backoff.isPaused(failedAt.addSecs(30)));
    QVERIFY(backoff.isRecovering(failedAt.addSecs(30)));
}

void TestDestinationBackoff::everyKindPauses_data()
{
    QTest::addColumn<DestinationFailure>("kind");
    QTest::newRow("connection failed") << DestinationFailure::ConnectFailed;
    QTest::newRow("421 greeting") << DestinationFailure::GreetingRejected;
    QTest::newRow("421 mid-session") << DestinationFailure::ServiceClosing;
    QTest::newRow("throttled") << DestinationFailure::Throttled;
}

void TestDestinationBackoff::everyKindPauses()
{
    QFETCH(DestinationFailure, kind);
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    backoff.recordFailure(kind, clock.now(), QStringLiteral("421 4.7.0 try later"));
    QVERIFY(backoff.isPaused(clock.now()));
    QCOMPARE(backoff.lastFailureKind(), std::optional<DestinationFailure>(kind));
    QCOMPARE(backoff.lastError(), QStringLiteral("421 4.7.0 try later"));
}

void TestDestinationBackoff::resetOnSuccess()
{
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    QCOMPARE(failInARow(backoff, clock, 3), qint64(120000));
    clock.set(backoff.resumeAt());
    backoff.recordSuccess(clock.now());
    QCOMPARE(backoff.consecutiveFailures(), 0);
    QVERIFY(!backoff.isPaused(clock.now()));
    QVERIFY(!backoff.isRecovering(clock.now()));
    QVERIFY(!backoff.resumeAt().isValid());
    // The next outage starts from the beginning again.
    clock.advance(5);
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now());
    QCOMPARE(clock.now().msecsTo(backoff.resumeAt()), qint64(30000));
}

void TestDestinationBackoff::failureDuringPauseDoesNotEscalate()
{
    // Four connections opened together all fail: one outage, one 30 s pause.
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now(), QStringLiteral("first"));
    const QDateTime resume = backoff.resumeAt();
    for (int i = 0; i < 3; ++i) {
        clock.advance(2);
        backoff.recordFailure(DestinationFailure::GreetingRejected, clock.now(),
                              QStringLiteral("another %1").arg(i));
    }
    QCOMPARE(backoff.consecutiveFailures(), 1);
    QCOMPARE(backoff.resumeAt(), resume);
    QCOMPARE(backoff.lastError(), QStringLiteral("another 2"));
    QCOMPARE(backoff.lastFailureAt(), clock.now());
    // The probe after the pause fails: now it doubles.
    clock.set(resume);
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now());
    QCOMPARE(backoff.consecutiveFailures(), 2);
    QCOMPARE(clock.now().msecsTo(backoff.resumeAt()), qint64(60000));
}

void TestDestinationBackoff::successDuringPauseKeepsPause()
{
    // A connection set up before the failure finishes a message during the
    // pause: the failure is the newer news, the pause stands.
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    backoff.recordFailure(DestinationFailure::Throttled, clock.now(),
                          QStringLiteral("421 too many connections"));
    const QDateTime resume = backoff.resumeAt();
    clock.advance(5);
    backoff.recordSuccess(clock.now());
    QVERIFY(backoff.isPaused(clock.now()));
    QCOMPARE(backoff.resumeAt(), resume);
    QCOMPARE(backoff.consecutiveFailures(), 1);
    // After the pause the same kind of success ends the outage.
    clock.set(resume);
    backoff.recordSuccess(clock.now());
    QCOMPARE(backoff.consecutiveFailures(), 0);
}

void TestDestinationBackoff::lastErrorKeptAfterRecovery()
{
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    QVERIFY(!backoff.lastFailureKind().has_value());
    const QDateTime failedAt = clock.now();
    backoff.recordFailure(DestinationFailure::ConnectFailed, failedAt,
                          QStringLiteral("Connection refused"));
    clock.set(backoff.resumeAt());
    backoff.recordSuccess(clock.now());
    QCOMPARE(backoff.lastError(), QStringLiteral("Connection refused"));
    QCOMPARE(backoff.lastFailureAt(), failedAt);
    QCOMPARE(backoff.lastFailureKind(),
             std::optional<DestinationFailure>(DestinationFailure::ConnectFailed));
}

void TestDestinationBackoff::settingsSanitized_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<int>("cap");
    QTest::addColumn<double>("multiplier");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<int>("wantInitial");
    QTest::addColumn<int>("wantCap");
    QTest::addColumn<double>("wantMultiplier");
    QTest::addColumn<double>("wantJitter");
    QTest::newRow("sane stays") << 30 << 1800 << 2.0 << 0.2 << 30 << 1800 << 2.0 << 0.2;
    QTest::newRow("zero start: 1 s") << 0 << 1800 << 2.0 << 0.2 << 1 << 1800 << 2.0 << 0.2;
    QTest::newRow("negative start") << -5 << 10 << 2.0 << 0.2 << 1 << 10 << 2.0 << 0.2;
    QTest::newRow("cap below start") << 60 << 10 << 2.0 << 0.2 << 60 << 60 << 2.0 << 0.2;
    QTest::newRow("shrinking multiplier") << 30 << 1800 << 0.5 << 0.2 << 30 << 1800 << 1.0 << 0.2;
    QTest::newRow("NaN multiplier") << 30 << 1800 << qQNaN() << 0.2 << 30 << 1800 << 1.0 << 0.2;
    QTest::newRow("negative jitter") << 30 << 1800 << 2.0 << -1.0 << 30 << 1800 << 2.0 << 0.0;
    QTest::newRow("jitter above 90 %") << 30 << 1800 << 2.0 << 1.0 << 30 << 1800 << 2.0 << 0.9;
}

void TestDestinationBackoff::settingsSanitized()
{
    QFETCH(int, initial);
    QFETCH(int, cap);
    QFETCH(double, multiplier);
    QFETCH(double, jitter);
    QFETCH(int, wantInitial);
    QFETCH(int, wantCap);
    QFETCH(double, wantMultiplier);
    QFETCH(double, wantJitter);
    const BackoffSettings in{initial, cap, multiplier, jitter};
    const BackoffSettings out = DestinationBackoff(in).settings();
    QCOMPARE(out.initialSeconds, wantInitial);
    QCOMPARE(out.maxSeconds, wantCap);
    QCOMPARE(out.multiplier, wantMultiplier);
    QCOMPARE(out.jitter, wantJitter);
    // Whatever came in, a failure pauses for at least a second.
    ManualClock clock;
    SeededRandomSource random(7);
    DestinationBackoff backoff(in, &random);
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now());
    QVERIFY(clock.now().msecsTo(backoff.resumeAt()) >= 1000);
}

void TestDestinationBackoff::newSettingsKeepRunningPause()
{
    ManualClock clock;
    DestinationBackoff backoff(withoutJitter());
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now());
    const QDateTime resume = backoff.resumeAt();
    backoff.setSettings(withoutJitter(300, 3600));
    QCOMPARE(backoff.resumeAt(), resume);
    clock.set(resume);
    backoff.recordFailure(DestinationFailure::ConnectFailed, clock.now());
    QCOMPARE(clock.now().msecsTo(backoff.resumeAt()), qint64(600000));
}

QTEST_GUILESS_MAIN(TestDestinationBackoff)
#include "TestDestinationBackoff.moc"
