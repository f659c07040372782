// The Accounts page's model fed with value snapshots: senders and rates in
// words, in-place refresh for the same names, reset otherwise; under
// QAbstractItemModelTester.

#include "AccountModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Ui::AccountModel;

namespace {

Service::AccountInfo account(const QString& name, const QStringList& senders, int rate = 0,
                             int rcptRate = 0)
{
    Service::AccountInfo a;
    a.name = name;
    a.policy.allowedSenders = senders;
    a.policy.messagesPerMinute = rate;
    a.policy.recipientsPerHour = rcptRate;
    return a;
}

} // namespace

class TestAccountsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void texts_data();
    void texts();
    void refreshInPlace();
    void renamedResets();
    void sortsRatesAsNumbers();
};

void TestAccountsModel::texts_data()
{
    QTest::addColumn<Service::AccountInfo>("info");
    QTest::addColumn<QString>("senders");
    QTest::addColumn<QString>("rates");
    QTest::newRow("defaults") << account(QStringLiteral("printer"), {QStringLiteral("*")})
                              << QStringLiteral("any sender") << QStringLiteral("relay defaults");
    QTest::newRow("restricted") << account(QStringLiteral("app"),
                                           {QStringLiteral("app@example.com"),
                                            QStringLiteral("@example.org")},
                                           30, 500)
                                << QStringLiteral("app@example.com, @example.org")
                                << QStringLiteral("30 message(s)/min, 500 recipient(s)/h");
    QTest::newRow("recipients only")
        << account(QStringLiteral("scan"), {QStringLiteral("scan@example.com")}, 0, 100)
        << QStringLiteral("scan@example.com") << QStringLiteral("100 recipient(s)/h");
}

void TestAccountsModel::texts()
{
    QFETCH(Service::AccountInfo, info);
    QFETCH(QString, senders);
    QFETCH(QString, rates);
    AccountModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAccounts({info});
    QCOMPARE(model.index(0, AccountModel::NameColumn).data().toString(), info.name);
    QCOMPARE(model.index(0, AccountModel::SendersColumn).data().toString(), senders);
    QCOMPARE(model.index(0, AccountModel::RatesColumn).data().toString(), rates);
    QCOMPARE(model.index(0, 2).data(AccountModel::NameRole).toString(), info.name);
    QCOMPARE(model.rowOf(info.name), 0);
    QCOMPARE(model.accountAt(0).policy, info.policy);
}

void TestAccountsModel::refreshInPlace()
{
    AccountModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAccounts({account(QStringLiteral("a"), {QStringLiteral("*")}),
                       account(QStringLiteral("b"), {QStringLiteral("*")})});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setAccounts({account(QStringLiteral("a"), {QStringLiteral("@x.example")}, 5),
                       account(QStringLiteral("b"), {QStringLiteral("*")})});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(model.index(0, AccountModel::SendersColumn).data().toString(),
             QStringLiteral("@x.example"));
}

void TestAccountsModel::renamedResets()
{
    AccountModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAccounts({account(QStringLiteral("a"), {QStringLiteral("*")})});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setAccounts({});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOf(QStringLiteral("a")), -1);
}

void TestAccountsModel::sortsRatesAsNumbers()
{
    AccountModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(AccountModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setAccounts({account(QStringLiteral("a"), {QStringLiteral("*")}, 9),
                       account(QStringLiteral("b"), {QStringLiteral("*")}, 10)});
    proxy.sort(AccountModel::RatesColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("b")); // 10 > 9 as numbers
}

QTEST_GUILESS_MAIN(TestAccountsModel)
#include "TestAccountsModel.moc"
