// KeyedRowsModel::mergeRows, the refresh every snapshot-fed list model uses
// (Delivery log, Bounces, failed recipients, Devices, Suppressions): a new
// list turns into the fewest row signals, checked signal by signal and under
// QAbstractItemModelTester.

#include "KeyedRowsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace RelayDesk::Ui;

namespace {

struct Row
{
    int id = 0;
    QString text;
};

/// The smallest model on KeyedRowsModel: two columns, id and text.
class RowsModel final : public KeyedRowsModel
{
public:
    int rowCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : int(rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override
    {
        return parent.isValid() ? 0 : 2;
    }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || role != Qt::DisplayRole)
            return {};
        const Row& row = rows.at(index.row());
        return index.column() == 0 ? QVariant(row.id) : QVariant(row.text);
    }
    void set(const QVector<Row>& fresh, Reset reset = Reset::Never)
    {
        mergeRows(
            rows, fresh, [](const Row& r) { return r.id; },
            [](const Row& a, const Row& b) { return a.text == b.text; }, reset);
    }
    QString ids() const
    {
        QStringList out;
        for (const Row& r : rows)
            out << QString::number(r.id) + r.text;
        return out.join(QLatin1Char(' '));
    }
    using KeyedRowsModel::Reset;
    QVector<Row> rows;
};

QVector<Row> rows(const QString& spec) // "1a 2b 3c"
{
    QVector<Row> out;
    for (const QString& item : spec.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        out.append({item.left(item.size() - 1).toInt(), item.right(1)});
    return out;
}

} // namespace

class TestKeyedRowsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void merges_data();
    void merges();
    void resetsWhenMostChanged();
};

void TestKeyedRowsModel::merges_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("shown");    ///< kept rows keep their place, new ones last
    QTest::addColumn<QString>("removed");  ///< "first-last" runs, bottom up
    QTest::addColumn<QString>("changed");  ///< "first-last" runs, top down
    QTest::addColumn<QString>("inserted"); ///< "first-last"
    QTest::newRow("same") << "1a 2b 3c"
                          << "1a 2b 3c"
                          << "1a 2b 3c"
                          << ""
                          << ""
                          << "";
    QTest::newRow("from empty") << ""
                                << "1a 2b"
                                << "1a 2b"
                                << ""
                                << ""
                                << "0-1";
    QTest::newRow("to empty") << "1a 2b"
                              << ""
                              << ""
                              << "0-1"
                              << ""
                              << "";
    QTest::newRow("runs removed") << "1a 2b 3c 4d 5e 6f"
                                  << "1a 4d"
                                  << "1a 4d"
                                  << "4-5 1-2"
                                  << ""
                                  << "";
    QTest::newRow("runs changed") << "1a 2b 3c 4d 5e"
                                  << "1x 2y 3c 4z 5e"
                                  << "1x 2y 3c 4z 5e"
                                  << ""
                                  << "0-1 3-3"
                                  << "";
    QTest::newRow("order of the new list ignored for kept rows") << "1a 2b 3c"
                                                                 << "3c 9n 2b 1a"
                                                                 << "1a 2b 3c 9n"
                                                                 << ""
                                                                 << ""
                                                                 << "3-3";
    QTest::newRow("all three") << "1a 2b 3c 4d"
                               << "2x 4d 7n 8m"
                               << "2x 4d 7n 8m"
                               << "2-2 0-0"
                               << "0-0"
                               << "2-3";
}

void TestKeyedRowsModel::merges()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, shown);
    QFETCH(QString, removed);
    QFETCH(QString, changed);
    QFETCH(QString, inserted);
    RowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.set(rows(before));
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.set(rows(after));
    QCOMPARE(model.ids(), shown);
    QCOMPARE(resets.count(), 0);
    auto runs = [](const QSignalSpy& spy, bool indexes) {
        QStringList out;
        for (const auto& args : spy) {
            const int first = indexes ? args.at(0).toModelIndex().row() : args.at(1).toInt();
            const int last = indexes ? args.at(1).toModelIndex().row() : args.at(2).toInt();
            out << QStringLiteral("%1-%2").arg(first).arg(last);
        }
        return out.join(QLatin1Char(' '));
    };
    QCOMPARE(runs(removes, false), removed);
    QCOMPARE(runs(changes, true), changed);
    QCOMPARE(runs(inserts, false), inserted);
    for (const auto& args : changes) // whole rows
        QCOMPARE(args.at(1).toModelIndex().column(), 1);
}

void TestKeyedRowsModel::resetsWhenMostChanged()
{
    RowsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.set(rows("1a 2b 3c 4d"), RowsModel::Reset::WhenMostChanged);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // Two stay, two go, one comes: 3 changes > 2 kept, one reset, new order.
    model.set(rows("4d 3c 9n"), RowsModel::Reset::WhenMostChanged);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.ids(), QStringLiteral("4d 3c 9n"));
    // One changes out of three: merged.
    model.set(rows("4d 3x 9n"), RowsModel::Reset::WhenMostChanged);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.ids(), QStringLiteral("4d 3x 9n"));
}

QTEST_GUILESS_MAIN(TestKeyedRowsModel)
#include "TestKeyedRowsModel.moc"
