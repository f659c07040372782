// The Credentials page's model fed with value snapshots: texts per column,
// "used by" naming the default smarthost, a refresh with the same
// references keeps rows in place, a changed list resets; checked by
// QAbstractItemModelTester while it is filled and updated.

#include "CredentialModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Ui::CredentialModel;

namespace {

Service::CredentialInfo credential(const QString& reference, bool stored, const QString& error = {})
{
    Service::CredentialInfo c;
    c.reference = reference;
    c.usedBy = {QString(), QStringLiteral("backup")};
    c.stored = stored;
    c.backend = reference.section(QLatin1Char(':'), 0, 0);
    c.error = error;
    return c;
}

} // namespace

class TestCredentialsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columns_data();
    void columns();
    void refreshKeepsRows();
    void changedListResets();
    void sortsStoredAsValue();
    void neverHoldsASecret();
    void keyPassphraseNamesItsListeners();
};

void TestCredentialsModel::columns_data()
{
    QTest::addColumn<Service::CredentialInfo>("info");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("status");
    QTest::newRow("stored") << credential(QStringLiteral("keychain:smarthost"), true)
                            << QStringLiteral("yes") << QStringLiteral("Stored");
    QTest::newRow("missing") << credential(QStringLiteral("local:smarthost"), false)
                             << QStringLiteral("no") << QStringLiteral("No secret stored");
    QTest::newRow("error") << credential(QStringLiteral("keychain:x"), false,
                                         QStringLiteral("no Secret Service"))
                           << QStringLiteral("no")
                           << QStringLiteral("Cannot read: no Secret Service");
}

void TestCredentialsModel::columns()
{
    QFETCH(Service::CredentialInfo, info);
    QFETCH(QString, stored);
    QFETCH(QString, status);
    CredentialModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCredentials({info});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(CredentialModel::ColumnCount));
    QCOMPARE(model.index(0, CredentialModel::ReferenceColumn).data().toString(), info.reference);
    QCOMPARE(model.index(0, CredentialModel::UsedByColumn).data().toString(),
             QStringLiteral("(default smarthost), backup"));
    QCOMPARE(model.index(0, CredentialModel::BackendColumn).data().toString(), info.backend);
    QCOMPARE(model.index(0, CredentialModel::StoredColumn).data().toString(), stored);
    QCOMPARE(model.index(0, CredentialModel::StatusColumn).data().toString(), status);
    QCOMPARE(model.index(0, 0).data(CredentialModel::ReferenceRole).toString(), info.reference);
    QCOMPARE(model.rowOf(info.reference), 0);
    QCOMPARE(model.rowOf(QStringLiteral("keychain:nope")), -1);
    QCOMPARE(model.headerData(CredentialModel::StoredColumn, Qt::Horizontal).toString(),
             QStringLiteral("Stored"));
}

void TestCredentialsModel::refreshKeepsRows()
{
    CredentialModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto a = credential(QStringLiteral("keychain:a"), false);
    const auto b = credential(QStringLiteral("keychain:b"), false);
    model.setCredentials({a, b});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    auto stored = a;
    stored.stored = true;
    model.setCredentials({stored, b});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(model.index(0, CredentialModel::StoredColumn).data().toString(),
             QStringLiteral("yes"));
}

void TestCredentialsModel::changedListResets()
{
    CredentialModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCredentials({credential(QStringLiteral("keychain:a"), true)});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setCredentials({credential(QStringLiteral("keychain:b"), true),
                          credential(QStringLiteral("keychain:c"), false)});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    model.setCredentials({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 2);
}

void TestCredentialsModel::sortsStoredAsValue()
{
    CredentialModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(CredentialModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCredentials({credential(QStringLiteral("keychain:a"), true),
                          credential(QStringLiteral("keychain:b"), false)});
    proxy.sort(CredentialModel::StoredColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("keychain:b"));
    proxy.sort(CredentialModel::StoredColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("keychain:a"));
}

void TestCredentialsModel::neverHoldsASecret()
{
    // Every role of every cell: nothing but reference, names and state.
    CredentialModel model;
    model.setCredentials({credential(QStringLiteral("keychain:a"), true)});
    for (int column = 0; column < model.columnCount(); ++column)
        for (int role :
             {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(CredentialModel::SortRole)}) {
            const QString text = model.index(0, column).data(role).toString();
            QVERIFY2(!text.contains(QStringLiteral("secret")), qPrintable(text));
        }
}

void TestCredentialsModel::keyPassphraseNamesItsListeners()
{
    CredentialModel model;
    auto key = credential(QStringLiteral("local:tls-key"), true);
    key.usedBy.clear();
    key.keyOf = {QStringLiteral("lan")};
    model.setCredentials({key});
    QCOMPARE(model.index(0, CredentialModel::UsedByColumn).data().toString(),
             QStringLiteral("TLS key of listener lan"));
    // One reference for a smarthost password and the key of two listeners.
    key.usedBy = {QString()};
    key.keyOf = {QStringLiteral("lan"), QStringLiteral("old-printers")};
    model.setCredentials({key});
    QCOMPARE(model.index(0, CredentialModel::UsedByColumn).data().toString(),
             QStringLiteral("(default smarthost), TLS key of listeners lan, old-printers"));
}

QTEST_GUILESS_MAIN(TestCredentialsModel)
#include "TestCredentialsModel.moc"
