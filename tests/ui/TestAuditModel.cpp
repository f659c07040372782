// The Audit log and Blocked clients models fed with value snapshots:
// columns, newest-first insertion at the top when new entries arrive, a
// reset when the filter changed the list, times sorting as values; under
// QAbstractItemModelTester.

#include "AuditModel.h"
#include "LockoutModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Ui::AuditModel;
using Ui::LockoutModel;

namespace {

const QDateTime base(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

Store::AuditEntry entry(qint64 id, const QString& action, const QString& subject)
{
    Store::AuditEntry e;
    e.id = id;
    e.time = base.addSecs(id * 60);
    e.localUser = QStringLiteral("admin");
    e.action = action;
    e.subject = subject;
    e.before = QStringLiteral("b%1").arg(id);
    e.after = QStringLiteral("a%1").arg(id);
    return e;
}

} // namespace

class TestAuditModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void auditColumns();
    void newEntriesInsertAtTop();
    void differentListResets();
    void auditSortsTimeAsValue();
    void lockoutColumns();
    void lockoutUpdateInPlace();
};

void TestAuditModel::auditColumns()
{
    AuditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries({entry(1, QStringLiteral("queue.hold"), QStringLiteral("7"))});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, AuditModel::TimeColumn).data().toString(),
             base.addSecs(60).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model.index(0, AuditModel::UserColumn).data().toString(), QStringLiteral("admin"));
    QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(),
             QStringLiteral("queue.hold"));
    QCOMPARE(model.index(0, AuditModel::SubjectColumn).data().toString(), QStringLiteral("7"));
    QCOMPARE(model.index(0, AuditModel::BeforeColumn).data().toString(), QStringLiteral("b1"));
    QCOMPARE(model.index(0, AuditModel::AfterColumn).data().toString(), QStringLiteral("a1"));
    QCOMPARE(model.index(0, 0).data(AuditModel::IdRole).toLongLong(), 1);
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsEditable)); // read-only
}

void TestAuditModel::newEntriesInsertAtTop()
{
    AuditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries({entry(2, QStringLiteral("b"), {}), entry(1, QStringLiteral("a"), {})});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setEntries({entry(4, QStringLiteral("d"), {}), entry(3, QStringLiteral("c"), {}),
                      entry(2, QStringLiteral("b"), {}), entry(1, QStringLiteral("a"), {})});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("d"));
    // The same answer again changes nothing.
    model.setEntries({entry(4, QStringLiteral("d"), {}), entry(3, QStringLiteral("c"), {}),
                      entry(2, QStringLiteral("b"), {}), entry(1, QStringLiteral("a"), {})});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(resets.count(), 0);
}

void TestAuditModel::differentListResets()
{
    AuditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries({entry(2, QStringLiteral("b"), {}), entry(1, QStringLiteral("a"), {})});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setEntries({entry(2, QStringLiteral("b"), {})}); // a filter dropped one
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.setEntries({entry(5, QStringLiteral("e"), {}), entry(3, QStringLiteral("c"), {})});
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.rowCount(), 2);
}

void TestAuditModel::auditSortsTimeAsValue()
{
    AuditModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(AuditModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto late = entry(2, QStringLiteral("late"), {});
    late.time = base.addDays(10);
    auto early = entry(1, QStringLiteral("early"), {});
    model.setEntries({late, early});
    proxy.sort(AuditModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("early"));
    proxy.sort(AuditModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, AuditModel::ActionColumn).data().toString(), QStringLiteral("late"));
}

void TestAuditModel::lockoutColumns()
{
    LockoutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const Auth::LockedOutClient client{QStringLiteral("192.0.2.7"), 10, base};
    model.setClients({client});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, LockoutModel::AddressColumn).data().toString(),
             QStringLiteral("192.0.2.7"));
    QCOMPARE(model.index(0, LockoutModel::FailuresColumn).data().toInt(), 10);
    QCOMPARE(model.index(0, LockoutModel::UntilColumn).data(LockoutModel::SortRole).toDateTime(),
             base);
    QCOMPARE(model.index(0, LockoutModel::UntilColumn).data().toString(),
             base.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(model.rowOf(QStringLiteral("192.0.2.7")), 0);
    QCOMPARE(model.index(0, 1).data(LockoutModel::AddressRole).toString(),
             QStringLiteral("192.0.2.7"));
}

void TestAuditModel::lockoutUpdateInPlace()
{
    LockoutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setClients({{QStringLiteral("192.0.2.7"), 10, base}, {QStringLiteral("::1"), 12, base}});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setClients({{QStringLiteral("192.0.2.7"), 11, base}, {QStringLiteral("::1"), 12, base}});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.index(0, LockoutModel::FailuresColumn).data().toInt(), 11);
    model.setClients({{QStringLiteral("::1"), 12, base}}); // one unblocked
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    model.setClients({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestAuditModel)
#include "TestAuditModel.moc"
