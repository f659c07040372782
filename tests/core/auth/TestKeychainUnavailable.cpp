#include "AwaitCredential.h"
#include "auth/KeychainCredentialStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Auth::Testing::AwaitCredential;
using Status = CredentialResult::Status;

/// Without a Secret Service the keychain store says so clearly and never
/// falls back to a plain file.
class TestKeychainUnavailable final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyRequestReportsWhatToDo();

private:
    QTemporaryDir m_dir;
};

void TestKeychainUnavailable::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A bus address whose socket does not exist: D-Bus itself is down. Set
    // before the first D-Bus use in this process. No DISPLAY, so libdbus
    // cannot autolaunch a bus either; config files (where an insecure
    // fallback would write) go to the scratch directory.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            QByteArray("unix:path=") + QFile::encodeName(m_dir.filePath("no-such-bus")));
    qunsetenv("DISPLAY");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath("config")));
    qputenv("HOME", QFile::encodeName(m_dir.path()));
}

void TestKeychainUnavailable::everyRequestReportsWhatToDo()
{
    KeychainCredentialStore store;
    const auto outcomes = {
        AwaitCredential::run([&](CredentialStore::Callback done) {
            store.write(QStringLiteral("smarthost"), QStringLiteral("hunter2"), done);
        }),
        AwaitCredential::run(
            [&](CredentialStore::Callback done) { store.read(QStringLiteral("smarthost"), done); }),
        AwaitCredential::run([&](CredentialStore::Callback done) {
            store.remove(QStringLiteral("smarthost"), done);
        }),
    };
    for (const AwaitCredential& outcome : outcomes) {
        QVERIFY(outcome.result);
        QVERIFY(!outcome.calledSynchronously);
        QCOMPARE(outcome.result->status, Status::Unavailable);
        const QString& error = outcome.result->error;
        QVERIFY2(error.contains(QLatin1String("Secret Service) is not available")),
                 qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("apt install gnome-keyring")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("local:NAME")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("hunter2")));
        QVERIFY(outcome.result->secret.isEmpty());
    }
    // No insecure fallback: nothing was written anywhere in our home.
    const QStringList written =
        QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QVERIFY2(written.isEmpty(), qPrintable(written.join(u", ")));
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "TestKeychainUnavailable.moc"
