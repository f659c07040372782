#include "AwaitCredential.h"
#include "auth/KeychainCredentialStore.h"

#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Auth::Testing::AwaitCredential;
using Status = CredentialResult::Status;

/// The keychain store against a real Secret Service (gnome-keyring in a
/// private D-Bus session, see run-with-keyring.sh).
class TestKeychainCredentialStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultService();
    void writeReadRemove();
    void servicesAreSeparate();
    void noCallbackAfterDestruction();

private:
    static AwaitCredential read(CredentialStore& store, const QString& name);
    static AwaitCredential write(CredentialStore& store, const QString& name,
                                 const QString& secret);
    static AwaitCredential remove(CredentialStore& store, const QString& name);
};

AwaitCredential TestKeychainCredentialStore::read(CredentialStore& store, const QString& name)
{
    return AwaitCredential::run([&](CredentialStore::Callback done) { store.read(name, done); });
}

AwaitCredential TestKeychainCredentialStore::write(CredentialStore& store, const QString& name,
                                                   const QString& secret)
{
    return AwaitCredential::run(
        [&](CredentialStore::Callback done) { store.write(name, secret, done); });
}

AwaitCredential TestKeychainCredentialStore::remove(CredentialStore& store, const QString& name)
{
    return AwaitCredential::run([&](CredentialStore::Callback done) { store.remove(name, done); });
}

void TestKeychainCredentialStore::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run this test through tests/core/auth/run-with-keyring.sh");
}

void TestKeychainCredentialStore::defaultService()
{
    QCOMPARE(KeychainCredentialStore().service(), QStringLiteral("RelayDesk"));
}

void TestKeychainCredentialStore::writeReadRemove()
{
    KeychainCredentialStore store;
    auto outcome = read(store, QStringLiteral("smarthost"));
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QCOMPARE(outcome.result->status, Status::NotFound);
    QVERIFY2(outcome.result->error.contains(QLatin1String("no credential \"smarthost\"")),
             qPrintable(outcome.result->error));

    const QString secret = QString::fromUtf8("p@ss:wörd with blanks");
    outcome = write(store, QStringLiteral("smarthost"), secret);
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));

    outcome = read(store, QStringLiteral("smarthost"));
    QVERIFY(outcome.result);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QCOMPARE(outcome.result->secret, secret);

    QVERIFY(write(store, QStringLiteral("smarthost"), QStringLiteral("replaced")).result->ok());
    QCOMPARE(read(store, QStringLiteral("smarthost")).result->secret, QStringLiteral("replaced"));

    // Another store object sees the same keychain entry.
    KeychainCredentialStore second;
    QCOMPARE(read(second, QStringLiteral("smarthost")).result->secret, QStringLiteral("replaced"));

    outcome = remove(store, QStringLiteral("smarthost"));
    QVERIFY(outcome.result);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QCOMPARE(read(store, QStringLiteral("smarthost")).result->status, Status::NotFound);
    QVERIFY(remove(store, QStringLiteral("smarthost")).result->ok());
}

void TestKeychainCredentialStore::servicesAreSeparate()
{
    KeychainCredentialStore relay;
    KeychainCredentialStore other(QStringLiteral("RelayDesk-other"));
    QVERIFY(write(relay, QStringLiteral("shared-name"), QStringLiteral("relay")).result->ok());
    QCOMPARE(read(other, QStringLiteral("shared-name")).result->status, Status::NotFound);
    QVERIFY(write(other, QStringLiteral("shared-name"), QStringLiteral("other")).result->ok());
    QCOMPARE(read(relay, QStringLiteral("shared-name")).result->secret, QStringLiteral("relay"));
    QCOMPARE(read(other, QStringLiteral("shared-name")).result->secret, QStringLiteral("other"));
    QVERIFY(remove(relay, QStringLiteral("shared-name")).result->ok());
    QVERIFY(remove(other, QStringLiteral("shared-name")).result->ok());
}

void TestKeychainCredentialStore::noCallbackAfterDestruction()
{
    KeychainCredentialStore survivor;
    QVERIFY(write(survivor, QStringLiteral("late"), QStringLiteral("x")).result->ok());
    bool called = false;
    auto* store = new KeychainCredentialStore;
    store->read(QStringLiteral("late"), [&called](const CredentialResult&) { called = true; });
    delete store;
    // Requests finish in order on the bus; once a later one is back, the
    // abandoned one has finished too, without calling back (or crashing).
    QVERIFY(remove(survivor, QStringLiteral("late")).result->ok());
    QVERIFY(read(survivor, QStringLiteral("late")).result);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestKeychainCredentialStore)
#include "TestKeychainCredentialStore.moc"
