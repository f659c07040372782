// The service's keychain requests against a real Secret Service
// (gnome-keyring in a private D-Bus session, started by run-with-keyring.sh):
// the keychain status, and moving a plain-text secret out of the INI file
// into the keychain (file rewritten as a reference, original kept 0600).

#include "config/ConfigLoader.h"
#include "service/RelayService.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;
using Service::RelayService;

namespace {

constexpr int Timeout = 30000;

Service::CoreSettings settingsFor(const QString& dataDir)
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    return settings;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecurityKeychain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keychainIsAvailable();
    void plaintextSecretMovesIntoTheKeychain();
    void keyPassphraseMovesToItsOwnReference();
    void fileWithoutSecretsIsLeftAlone();

private:
    /// Moves the plain-text secrets of `ini`; false when that failed.
    bool migrate(const QString& ini, QVector<Service::MigratedSecret>* moved);

    // One service for the whole run, as in the daemon and the GUI: QtKeychain
    // keeps per-process D-Bus state that a second core thread does not share.
    QTemporaryDir m_dataDir;
    std::unique_ptr<RelayService> m_service;
};

void TestSecurityKeychain::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    m_service = std::make_unique<RelayService>(settingsFor(m_dataDir.path()));
}

bool TestSecurityKeychain::migrate(const QString& ini, QVector<Service::MigratedSecret>* moved)
{
    QSignalSpy migrated(m_service.get(), &RelayService::plaintextSecretsMigrated);
    m_service->migratePlaintextSecrets(ini);
    if (!migrated.wait(Timeout))
        return false;
    const QString error = migrated.at(0).at(2).toString();
    if (!error.isEmpty()) {
        qWarning().noquote() << "migration failed:" << error;
        return false;
    }
    *moved = migrated.at(0).at(1).value<QVector<Service::MigratedSecret>>();
    return true;
}

void TestSecurityKeychain::keychainIsAvailable()
{
    RelayService& relay = *m_service;
    QSignalSpy status(&relay, &RelayService::keychainStatusReady);
    relay.requestKeychainStatus();
    QVERIFY(status.wait(Timeout));
    QCOMPARE(status.at(0).at(0).toString(), QStringLiteral("available"));
}

void TestSecurityKeychain::plaintextSecretMovesIntoTheKeychain()
{
    QTemporaryDir dir;
    const QString secret = QStringLiteral("Plain-Text-Secret-91b2");
    const QString ini = dir.filePath(QStringLiteral("relaydesk.ini"));
    {
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[general]\nhostname = relay.lan\n\n[smarthost]\nhost = smtp.example\n"
                   "username = office\npassword = " +
                   secret.toUtf8() + "\n\n[smarthost.backup]\nhost = backup.example\n");
    }
    RelayService& relay = *m_service;
    QVector<Service::MigratedSecret> moved;
    QVERIFY(migrate(ini, &moved));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.at(0).section, QStringLiteral("smarthost"));
    QCOMPARE(moved.at(0).key, QStringLiteral("password"));
    QCOMPARE(moved.at(0).reference, QStringLiteral("keychain:smarthost"));

    const QByteArray rewritten = readAll(ini);
    QVERIFY(!rewritten.contains(secret.toUtf8()));
    QVERIFY(rewritten.contains("password-ref = keychain:smarthost\n"));
    QVERIFY(rewritten.contains("host = backup.example"));
    const QString backup = ini + QStringLiteral(".bak");
    QVERIFY(readAll(backup).contains(secret.toUtf8()));
    QCOMPARE(QFile::permissions(backup) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());

    QSignalSpy revealed(&relay, &RelayService::credentialRevealed);
    relay.revealCredential(QStringLiteral("keychain:smarthost"));
    QVERIFY(revealed.wait(Timeout));
    QCOMPARE(revealed.at(0).at(1).toString(), secret);
    QCOMPARE(revealed.at(0).at(2).toString(), QString());

    // Deleting it leaves nothing to reveal.
    QSignalSpy done(&relay, &RelayService::actionDone);
    relay.deleteCredential(QStringLiteral("keychain:smarthost"));
    QVERIFY(done.wait(Timeout));
    QVERIFY(done.at(0).at(0).value<Service::ActionResult>().error.isEmpty());
    revealed.clear();
    relay.revealCredential(QStringLiteral("keychain:smarthost"));
    QVERIFY(revealed.wait(Timeout));
    QVERIFY(revealed.at(0).at(1).toString().isEmpty());
    QVERIFY(!revealed.at(0).at(2).toString().isEmpty());
}

void TestSecurityKeychain::keyPassphraseMovesToItsOwnReference()
{
    // A TLS key passphrase beside a smarthost password: each moves to its
    // own keychain entry and its own reference key, and the rewritten file
    // loads without the plain-text allowance.
    QTemporaryDir dir;
    for (const char* name : {"relay.crt", "relay.key"}) {
        QFile pem(dir.filePath(QLatin1String(name)));
        QVERIFY(pem.open(QIODevice::WriteOnly));
    }
    const QByteArray passphrase = "Key-Passphrase-5c1e";
    const QByteArray password = "Smarthost-Password-77d0";
    const QString ini = dir.filePath(QStringLiteral("relaydesk.ini"));
    {
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[tls]\ncert-file = " + dir.filePath("relay.crt").toUtf8() +
                   "\nkey-file = " + dir.filePath("relay.key").toUtf8() +
                   "\nkey-passphrase-ref = local:stale\nkey-passphrase = " + passphrase +
                   "\n\n[smarthost]\nhost = smtp.example\nusername = office\npassword = " +
                   password + "\n");
    }
    RelayService& relay = *m_service;
    QVector<Service::MigratedSecret> moved;
    QVERIFY(migrate(ini, &moved));
    QCOMPARE(moved.size(), 2);
    QCOMPARE(moved.at(0).key, QStringLiteral("key-passphrase"));
    QCOMPARE(moved.at(0).reference, QStringLiteral("keychain:tls-key-passphrase"));
    QCOMPARE(moved.at(1).reference, QStringLiteral("keychain:smarthost"));

    const QByteArray rewritten = readAll(ini);
    QVERIFY(!rewritten.contains(passphrase));
    QVERIFY(!rewritten.contains(password));
    QVERIFY(rewritten.contains("\nkey-passphrase-ref = keychain:tls-key-passphrase\n"));
    QVERIFY(rewritten.contains("# key-passphrase-ref replaced by the migration above"));
    QVERIFY(rewritten.contains("\npassword-ref = keychain:smarthost\n"));
    QString error;
    const auto config = Config::ConfigLoader::load(ini, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->tls.keyPassphraseRef.toString(),
             QStringLiteral("keychain:tls-key-passphrase"));

    QSignalSpy revealed(&relay, &RelayService::credentialRevealed);
    relay.revealCredential(QStringLiteral("keychain:tls-key-passphrase"));
    QVERIFY(revealed.wait(Timeout));
    QCOMPARE(revealed.at(0).at(1).toString().toUtf8(), passphrase);
    QSignalSpy done(&relay, &RelayService::actionDone);
    for (const char* reference : {"keychain:tls-key-passphrase", "keychain:smarthost"}) {
        done.clear();
        relay.deleteCredential(QLatin1String(reference));
        QVERIFY(done.wait(Timeout));
        QVERIFY(done.at(0).at(0).value<Service::ActionResult>().error.isEmpty());
    }
}

void TestSecurityKeychain::fileWithoutSecretsIsLeftAlone()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("relaydesk.ini"));
    const QByteArray text = "[smarthost]\nhost = smtp.example\npassword-ref = keychain:x\n";
    {
        QFile file(ini);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    RelayService& relay = *m_service;
    QSignalSpy migrated(&relay, &RelayService::plaintextSecretsMigrated);
    relay.migratePlaintextSecrets(ini);
    QVERIFY(migrated.wait(Timeout));
    QVERIFY(migrated.at(0).at(1).value<QVector<Service::MigratedSecret>>().isEmpty());
    QCOMPARE(migrated.at(0).at(2).toString(), QString());
    QCOMPARE(readAll(ini), text);
    QVERIFY(!QFile::exists(ini + QStringLiteral(".bak")));

    // A missing file is an error, not silence.
    migrated.clear();
    relay.migratePlaintextSecrets(dir.filePath(QStringLiteral("missing.ini")));
    QVERIFY(migrated.wait(Timeout));
    QVERIFY(!migrated.at(0).at(2).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestSecurityKeychain)
#include "TestSecurityKeychain.moc"
