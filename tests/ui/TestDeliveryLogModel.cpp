// DeliveryLogModel from value snapshots: the model tester watches a fill, a
// refresh that merges (kept rows keep their persistent indexes, vanished
// ones go, new ones come, no reset) and a new query that replaces the rows;
// sorting through a proxy uses values, not display strings.

#include "DeliveryLogModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Model = Ui::DeliveryLogModel;
using Store::RecipientState;

namespace {

const QDateTime base = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

Service::DeliveryLogRow logRow(qint64 id, RecipientState state, int code, int minutes,
                               const QString& recipient = {})
{
    Service::DeliveryLogRow row;
    row.entry.id = id;
    row.entry.messageId = 100 + id;
    row.entry.recipient =
        recipient.isEmpty() ? QStringLiteral("user%1@example.net").arg(id) : recipient;
    row.entry.attemptedAt = base.addSecs(60 * minutes);
    row.entry.resultState = state;
    row.entry.upstreamHost = QStringLiteral("smtp.example.net:587");
    row.entry.replyCode = code;
    row.entry.enhancedStatus = code >= 500   ? QStringLiteral("5.1.1")
                               : code >= 400 ? QStringLiteral("4.2.0")
                               : code > 0    ? QStringLiteral("2.0.0")
                                             : QString();
    row.entry.replyText = QStringLiteral("reply for %1").arg(id);
    row.entry.upstreamQueueId = code == 250 ? QStringLiteral("Q%1").arg(id) : QString();
    row.sender = QStringLiteral("scanner@example.com");
    row.clientAddress = QStringLiteral("192.0.2.7");
    row.heloName = QStringLiteral("scanner.lan");
    return row;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestDeliveryLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillShowsEveryColumn();
    void refreshMergesWithoutReset();
    void newQueryReplacesRows();
    void clearEmpties();
    void proxySortsByValue_data();
    void proxySortsByValue();
    void deviceText_data();
    void deviceText();
};

void TestDeliveryLogModel::fillShowsEveryColumn()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
    model.setRows({logRow(1, RecipientState::Delivered, 250, 0),
                   logRow(2, RecipientState::Failed, 550, 1),
                   logRow(3, RecipientState::Deferred, 0, 2)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 0, Model::ResultColumn), QStringLiteral("Delivered"));
    QCOMPARE(cell(model, 1, Model::ResultColumn), QStringLiteral("Failed"));
    QCOMPARE(cell(model, 2, Model::ResultColumn), QStringLiteral("Deferred"));
    QCOMPARE(cell(model, 0, Model::SenderColumn), QStringLiteral("scanner@example.com"));
    QCOMPARE(cell(model, 0, Model::RecipientColumn), QStringLiteral("user1@example.net"));
    QCOMPARE(cell(model, 0, Model::DeviceColumn), QStringLiteral("192.0.2.7 (scanner.lan)"));
    QCOMPARE(cell(model, 0, Model::UpstreamHostColumn), QStringLiteral("smtp.example.net:587"));
    QCOMPARE(cell(model, 0, Model::CodeColumn), QStringLiteral("250"));
    QCOMPARE(cell(model, 2, Model::CodeColumn), QStringLiteral("—")); // no reply at all
    QCOMPARE(cell(model, 1, Model::StatusColumn), QStringLiteral("5.1.1"));
    QCOMPARE(cell(model, 1, Model::ReplyColumn), QStringLiteral("reply for 2"));
    // The status the upstream repeats in its text is shown once, in Status;
    // the tooltip keeps the reply as it came.
    auto repeated = logRow(5, RecipientState::Failed, 550, 4);
    repeated.entry.replyText = QStringLiteral("5.1.1 <x@example.net>: User unknown");
    Model single;
    single.setRows({repeated});
    QCOMPARE(cell(single, 0, Model::ReplyColumn), QStringLiteral("<x@example.net>: User unknown"));
    QCOMPARE(single.data(single.index(0, Model::ReplyColumn), Qt::ToolTipRole).toString(),
             repeated.entry.replyText);
    QCOMPARE(cell(model, 0, Model::UpstreamQueueIdColumn), QStringLiteral("Q1"));
    QCOMPARE(cell(model, 0, Model::TimeColumn),
             base.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model.data(model.index(1, 0), Model::MessageIdRole).toLongLong(), 102);
    QCOMPARE(model.data(model.index(1, 0), Model::StateRole).toInt(), int(RecipientState::Failed));
    QCOMPARE(model.data(model.index(0, Model::TimeColumn), Model::SortRole).toDateTime(), base);
    QCOMPARE(model.headerData(Model::UpstreamQueueIdColumn, Qt::Horizontal).toString(),
             QStringLiteral("Upstream queue ID"));
    // A null sender is shown as such, not as an empty cell.
    auto bounce = logRow(4, RecipientState::Delivered, 250, 3);
    bounce.sender.clear();
    model.setRows({logRow(1, RecipientState::Delivered, 250, 0),
                   logRow(2, RecipientState::Failed, 550, 1),
                   logRow(3, RecipientState::Deferred, 0, 2), bounce});
    QCOMPARE(cell(model, 3, Model::SenderColumn), QStringLiteral("<>"));
}

void TestDeliveryLogModel::refreshMergesWithoutReset()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVector<Service::DeliveryLogRow> rows;
    for (int i = 1; i <= 10; ++i)
        rows << logRow(i, RecipientState::Delivered, 250, i);
    model.setRows(rows);
    QCOMPARE(model.rowCount(), 10);

    const QPersistentModelIndex seventh(model.index(6, 0)); // id 7
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Ids 2 and 3 vanish (one run), 5 changes, 11 and 12 are new; the
    // answer comes newest first as the service sends it.
    QVector<Service::DeliveryLogRow> next;
    for (int i = 12; i >= 1; --i) {
        if (i == 2 || i == 3)
            continue;
        next << logRow(i, RecipientState::Delivered, 250, i);
    }
    next[7].entry.replyText = QStringLiteral("changed"); // id 5
    QCOMPARE(next[7].entry.id, 5);
    model.setRows(next);

    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(seventh.isValid());
    QCOMPARE(model.data(seventh, Model::MessageIdRole).toLongLong(), 107);
    QSet<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.rowAt(r).entry.id);
    QCOMPARE(ids, (QSet<qint64>{1, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    const int fifth = changed.at(0).at(0).value<QModelIndex>().row();
    QCOMPARE(model.rowAt(fifth).entry.id, 5);
    QCOMPARE(cell(model, fifth, Model::ReplyColumn), QStringLiteral("changed"));

    // The same answer again changes nothing at all.
    changed.clear();
    removed.clear();
    inserted.clear();
    model.setRows(next);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(inserted.count(), 0);
}

void TestDeliveryLogModel::newQueryReplacesRows()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVector<Service::DeliveryLogRow> rows;
    for (int i = 1; i <= 100; ++i)
        rows << logRow(i, RecipientState::Delivered, 250, i);
    model.setRows(rows);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // A narrower filter: 3 of 100 remain, so one reset instead of many runs.
    model.setRows({rows.at(10), rows.at(50), rows.at(90)});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    model.setRows({});
    QCOMPARE(model.rowCount(), 0);
}

void TestDeliveryLogModel::clearEmpties()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.clear(); // on an empty model: nothing happens
    model.setRows({logRow(1, RecipientState::Delivered, 250, 0)});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestDeliveryLogModel::proxySortsByValue_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QVector<qint64>>("ascendingIds");
    // Times: id 1 is 9:00, id 2 is 9:05, id 3 is 10:40 (100 min).
    QTest::newRow("time") << int(Model::TimeColumn) << QVector<qint64>{1, 2, 3};
    // Codes 0 ("—"), 99 (would sort after 550 as a string), 550.
    QTest::newRow("code") << int(Model::CodeColumn) << QVector<qint64>{3, 2, 1};
    // Result states in enum order: Deferred(2) < Delivered(3) < Failed(4).
    QTest::newRow("result") << int(Model::ResultColumn) << QVector<qint64>{2, 3, 1};
}

void TestDeliveryLogModel::proxySortsByValue()
{
    QFETCH(int, column);
    QFETCH(QVector<qint64>, ascendingIds);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Model::SortRole);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRows({logRow(1, RecipientState::Failed, 550, 0),
                   logRow(2, RecipientState::Deferred, 99, 5),
                   logRow(3, RecipientState::Delivered, 0, 100)});
    proxy.sort(column, Qt::AscendingOrder);
    QVector<qint64> ids;
    for (int r = 0; r < proxy.rowCount(); ++r)
        ids << proxy.data(proxy.index(r, 0), Model::MessageIdRole).toLongLong() - 100;
    QCOMPARE(ids, ascendingIds);
}

void TestDeliveryLogModel::deviceText_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("helo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("both") << "10.0.0.5"
                          << "printer.lan"
                          << "10.0.0.5 (printer.lan)";
    QTest::newRow("no helo") << "10.0.0.5" << QString() << "10.0.0.5";
    QTest::newRow("helo is the address") << "10.0.0.5"
                                         << "10.0.0.5"
                                         << "10.0.0.5";
    QTest::newRow("generated report") << QString() << "relay.local"
                                      << "relay.local";
    QTest::newRow("nothing") << QString() << QString() << QString();
}

void TestDeliveryLogModel::deviceText()
{
    QFETCH(QString, address);
    QFETCH(QString, helo);
    QFETCH(QString, expected);
    QCOMPARE(Model::deviceText(address, helo), expected);
}

QTEST_MAIN(TestDeliveryLogModel)
#include "TestDeliveryLogModel.moc"
