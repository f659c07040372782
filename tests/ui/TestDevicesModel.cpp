// DeviceModel from value snapshots, watched by the model tester: fill, a
// refresh that merges by address (the selected device keeps its persistent
// index), a quiet device marked by icon and text, value sorting.

#include "DeviceModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Model = Ui::DeviceModel;

namespace {

const QDateTime base = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

Service::DeviceInfo device(const QString& address, int messagesToday, int minutesAgo = 0)
{
    Service::DeviceInfo d;
    d.address = address;
    d.reverseName = QStringLiteral("host-%1.lan").arg(address.section(QLatin1Char('.'), -1));
    d.heloName = QStringLiteral("scanner");
    d.authUser = QStringLiteral("scan");
    d.firstSeen = base.addDays(-3);
    d.lastSeen = base.addSecs(-60 * minutesAgo);
    d.messagesToday = messagesToday;
    d.errorsToday = messagesToday / 3;
    d.messagesTotal = 100 + messagesToday;
    d.lastTranscript = {QStringLiteral("S: 220 relay ESMTP"), QStringLiteral("C: EHLO scanner")};
    return d;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestDevicesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillShowsColumns();
    void refreshMergesByAddress();
    void quietDeviceIsMarked();
    void sortsNumbersAndTimesAsValues_data();
    void sortsNumbersAndTimesAsValues();
    void expectationText_data();
    void expectationText();
    void agoText_data();
    void agoText();
};

void TestDevicesModel::fillShowsColumns()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDevices({device(QStringLiteral("192.0.2.7"), 12), device(QStringLiteral("::1"), 0)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    QCOMPARE(cell(model, 0, Model::AddressColumn), QStringLiteral("192.0.2.7"));
    QCOMPARE(cell(model, 0, Model::ReverseNameColumn), QStringLiteral("host-7.lan"));
    QCOMPARE(cell(model, 0, Model::HeloColumn), QStringLiteral("scanner"));
    QCOMPARE(cell(model, 0, Model::AuthColumn), QStringLiteral("scan"));
    QCOMPARE(cell(model, 0, Model::LastSeenColumn),
             base.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model.data(model.index(0, Model::MessagesTodayColumn)).toInt(), 12);
    QCOMPARE(model.data(model.index(0, Model::ErrorsTodayColumn)).toInt(), 4);
    QCOMPARE(cell(model, 0, Model::ExpectationColumn), QStringLiteral("off"));
    QCOMPARE(model.data(model.index(1, 0), Model::AddressRole).toString(), QStringLiteral("::1"));
    QCOMPARE(model.rowOf(QStringLiteral("::1")), 1);
    QCOMPARE(model.rowOf(QStringLiteral("10.9.9.9")), -1);
    QCOMPARE(model.headerData(Model::HeloColumn, Qt::Horizontal).toString(),
             QStringLiteral("EHLO name"));
    auto never = device(QStringLiteral("10.0.0.1"), 0);
    never.lastSeen = {};
    model.setDevices({never});
    QCOMPARE(cell(model, 0, Model::LastSeenColumn), QStringLiteral("never"));
}

void TestDevicesModel::refreshMergesByAddress()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDevices({device(QStringLiteral("10.0.0.1"), 1), device(QStringLiteral("10.0.0.2"), 2),
                      device(QStringLiteral("10.0.0.3"), 3),
                      device(QStringLiteral("10.0.0.4"), 4)});
    const QPersistentModelIndex third(model.index(2, Model::AddressColumn));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    auto busier = device(QStringLiteral("10.0.0.3"), 30);
    busier.lastTranscript << QStringLiteral("C: QUIT");
    // 10.0.0.1 and .2 vanished (one run), .3 changed, .5 is new, any order.
    model.setDevices(
        {device(QStringLiteral("10.0.0.5"), 5), device(QStringLiteral("10.0.0.4"), 4), busier});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(third.isValid());
    QCOMPARE(third.data().toString(), QStringLiteral("10.0.0.3"));
    QCOMPARE(model.deviceAt(third.row()).messagesToday, 30);
    QCOMPARE(model.deviceAt(third.row()).lastTranscript.size(), 3);

    changed.clear();
    model.setDevices(
        {device(QStringLiteral("10.0.0.5"), 5), device(QStringLiteral("10.0.0.4"), 4), busier});
    QCOMPARE(changed.count(), 0); // nothing changed, nothing signalled
    model.setDevices({});
    QCOMPARE(model.rowCount(), 0);
}

void TestDevicesModel::quietDeviceIsMarked()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto scanner = device(QStringLiteral("10.0.0.8"), 0, 600);
    scanner.expectEveryHours = 4;
    model.setDevices({scanner, device(QStringLiteral("10.0.0.9"), 3)});
    QCOMPARE(cell(model, 0, Model::ExpectationColumn), QStringLiteral("every 4 h"));
    QVERIFY(model.data(model.index(0, Model::AddressColumn), Qt::DecorationRole).isNull());
    QCOMPARE(model.data(model.index(0, 0), Model::QuietRole).toBool(), false);

    scanner.quiet = true;
    model.setDevices({scanner, device(QStringLiteral("10.0.0.9"), 3)});
    // Marked by text and icon, not by colour alone.
    QCOMPARE(cell(model, 0, Model::ExpectationColumn), QStringLiteral("every 4 h — quiet"));
    const auto icon = model.data(model.index(0, Model::AddressColumn), Qt::DecorationRole);
    QVERIFY(icon.canConvert<QIcon>());
    QVERIFY(!icon.value<QIcon>().isNull());
    QVERIFY(
        model.data(model.index(0, 0), Qt::ToolTipRole).toString().contains(QStringLiteral("4")));
    QCOMPARE(model.data(model.index(0, 0), Model::QuietRole).toBool(), true);
    QVERIFY(model.data(model.index(1, Model::AddressColumn), Qt::DecorationRole).isNull());
}

void TestDevicesModel::sortsNumbersAndTimesAsValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("ascending");
    // Messages today 9, 10, 100: as strings "10" < "100" < "9".
    QTest::newRow("messages today")
        << int(Model::MessagesTodayColumn) << QStringList{"10.0.0.9", "10.0.0.10", "10.0.0.100"};
    // Last seen: .100 was 5 min ago, .10 2 h ago, .9 3 days ago.
    QTest::newRow("last seen") << int(Model::LastSeenColumn)
                               << QStringList{"10.0.0.9", "10.0.0.10", "10.0.0.100"};
}

void TestDevicesModel::sortsNumbersAndTimesAsValues()
{
    QFETCH(int, column);
    QFETCH(QStringList, ascending);
    Model model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Model::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDevices({device(QStringLiteral("10.0.0.10"), 10, 120),
                      device(QStringLiteral("10.0.0.100"), 100, 5),
                      device(QStringLiteral("10.0.0.9"), 9, 3 * 24 * 60)});
    proxy.sort(column, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order << proxy.index(r, 0).data(Model::AddressRole).toString();
    QCOMPARE(order, ascending);
}

void TestDevicesModel::expectationText_data()
{
    QTest::addColumn<int>("hours");
    QTest::addColumn<bool>("quiet");
    QTest::addColumn<QString>("expected");
    QTest::newRow("off") << 0 << false << "off";
    QTest::newRow("one hour") << 1 << false << "every 1 h";
    QTest::newRow("quiet") << 24 << true << "every 24 h — quiet";
}

void TestDevicesModel::expectationText()
{
    QFETCH(int, hours);
    QFETCH(bool, quiet);
    QFETCH(QString, expected);
    Service::DeviceInfo d;
    d.expectEveryHours = hours;
    d.quiet = quiet;
    QCOMPARE(Model::expectationText(d), expected);
}

void TestDevicesModel::agoText_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("now") << qint64(5) << "just now";
    QTest::newRow("minutes") << qint64(7 * 60 + 10) << "7 min ago";
    QTest::newRow("hours") << qint64(5 * 3600) << "5 h ago";
    QTest::newRow("days") << qint64(3 * 86400) << "3 day(s) ago";
    QTest::newRow("future clock skew") << qint64(-30) << "just now";
}

void TestDevicesModel::agoText()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    QCOMPARE(Model::agoText(base.addSecs(-secondsAgo), base), expected);
    QCOMPARE(Model::agoText({}, base), QStringLiteral("never"));
}

QTEST_MAIN(TestDevicesModel)
#include "TestDevicesModel.moc"
