#include "auth/VolumeMonitor.h"
#include "queue/ManualClock.h"

#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Queue::ManualClock;

namespace {
VolumeMonitor::Settings settings(double factor, int floor, double weight)
{
    VolumeMonitor::Settings s;
    s.factor = factor;
    s.floor = floor;
    s.weight = weight;
    return s;
}

/// n messages spread over the current hour, then the clock to the next hour.
void sendHour(ManualClock& clock, VolumeMonitor& monitor, const QString& device, int n)
{
    for (int i = 0; i < n; ++i)
        QVERIFY(!monitor.record(device));
    clock.advance(3600);
}
} // namespace

/// Unusual-volume alerts from an exponentially weighted hourly average.
class TestVolumeMonitor final : public QObject
{
    Q_OBJECT

private slots:
    void learnsTheUsualVolume();
    void alertsOncePerHourAboveFactorAndFloor();
    void floorKeepsQuietDevicesQuiet();
    void emptyHoursDecayTheAverage();
    void devicesAreApart();
};

void TestVolumeMonitor::learnsTheUsualVolume()
{
    ManualClock clock;
    VolumeMonitor monitor(clock, settings(10, 1000, 0.5));
    const QString printer = QStringLiteral("192.168.1.20");
    sendHour(clock, monitor, printer, 8);
    QCOMPARE(monitor.usualPerHour(printer), 4.0); // 0.5 * 8
    sendHour(clock, monitor, printer, 8);
    QCOMPARE(monitor.usualPerHour(printer), 6.0); // 0.5 * 4 + 0.5 * 8
    QCOMPARE(monitor.currentHourCount(printer), 0);
    QVERIFY(!monitor.record(printer));
    QCOMPARE(monitor.currentHourCount(printer), 1);
}

void TestVolumeMonitor::alertsOncePerHourAboveFactorAndFloor()
{
    ManualClock clock;
    VolumeMonitor monitor(clock, settings(5, 20, 0.5));
    const QString app = QStringLiteral("app");
    for (int hour = 0; hour < 10; ++hour)
        sendHour(clock, monitor, app, 10);
    const double usual = monitor.usualPerHour(app);
    QVERIFY(usual > 9.9 && usual <= 10.0);
    // Threshold: 5 x 9.99 = 49.95 (above the floor of 20).
    for (int i = 0; i < 49; ++i)
        QVERIFY2(!monitor.record(app), qPrintable(QString::number(i)));
    const auto alert = monitor.record(app);
    QVERIFY(alert);
    QCOMPARE(alert->device, app);
    QCOMPARE(alert->messagesThisHour, 50);
    QCOMPARE(alert->hourStart, QDateTime(QDate(2026, 1, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(qAbs(alert->usualPerHour - usual) < 1e-9);
    // Once per hour.
    for (int i = 0; i < 100; ++i)
        QVERIFY(!monitor.record(app));
    clock.advance(3600);
    // The loud hour raised the average (0.5 * ~10 + 0.5 * 150 = ~80): the
    // next hour needs > ~400 to alert again.
    QVERIFY(monitor.usualPerHour(app) > 79);
    QVERIFY(!monitor.record(app, 300));
    QVERIFY(monitor.record(app, 200));
}

void TestVolumeMonitor::floorKeepsQuietDevicesQuiet()
{
    ManualClock clock;
    VolumeMonitor monitor(clock, settings(10, 30, 0.1));
    const QString scanner = QStringLiteral("scanner");
    sendHour(clock, monitor, scanner, 1); // usual 0.1
    // 10 x 0.1 = 1, but the floor is 30.
    QVERIFY(!monitor.record(scanner, 30));
    QVERIFY(monitor.record(scanner));
    // A brand-new device: usual 0, so only the floor counts.
    QVERIFY(!monitor.record(QStringLiteral("new"), 30));
    QVERIFY(monitor.record(QStringLiteral("new"), 1));
}

void TestVolumeMonitor::emptyHoursDecayTheAverage()
{
    ManualClock clock;
    VolumeMonitor monitor(clock, settings(10, 1, 0.5));
    const QString nas = QStringLiteral("nas");
    // 16 messages in hour 0 (usual 8 after it), then 3 empty hours: 4, 2, 1.
    monitor.record(nas, 16);
    clock.advance(4 * 3600);
    QCOMPARE(monitor.usualPerHour(nas), 1.0);
}

void TestVolumeMonitor::devicesAreApart()
{
    ManualClock clock;
    VolumeMonitor monitor(clock, settings(10, 5, 0.5));
    QVERIFY(!monitor.record(QStringLiteral("a"), 5));
    QVERIFY(!monitor.record(QStringLiteral("b"), 5));
    QVERIFY(monitor.record(QStringLiteral("a")));
    QCOMPARE(monitor.currentHourCount(QStringLiteral("b")), 5);
}

QTEST_GUILESS_MAIN(TestVolumeMonitor)
#include "TestVolumeMonitor.moc"
