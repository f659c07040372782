// The desktop app's bridge for a secret still typed into the file (a
// smarthost password, a TLS key passphrase): the loader leaves it out (and
// points at the keychain entry the move will create); usePlaintextSecrets
// hands it to this run instead.

#include "config/ConfigLoader.h"
#include "service/ConfigTranslation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk;

class TestConfigTranslation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plaintextPasswordsServeThisRun();
    void plaintextKeyPassphrasesGoWithTheirKeys();
    void noSecretsChangesNothing();
};

void TestConfigTranslation::plaintextPasswordsServeThisRun()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[smarthost]\nhost = smtp.example.com\nusername = u@example.com\n"
               "password = Main-Typed-1\n\n[smarthost.backup]\nhost = b.example\n"
               "username = v\npassword-ref = local:kept\n\n[smarthost.spare]\nhost = c.example\n"
               "username = w\npassword = Spare-Typed-2\n");
    file.close();
    QString error;
    QStringList secrets;
    const auto config = Config::ConfigLoader::load(path, &error, &secrets);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(secrets.size(), 2);

    Service::CoreSettings settings = Service::coreSettingsFromConfig(*config);
    // As loaded: no secret in memory, references to the keychain entries.
    QVERIFY(settings.smarthost.password.isEmpty());
    QCOMPARE(settings.smarthostPasswordRef.toString(), QStringLiteral("keychain:smarthost"));
    QCOMPARE(settings.namedPasswordRefs.value(QStringLiteral("spare")).toString(),
             QStringLiteral("keychain:smarthost.spare"));

    QCOMPARE(Service::usePlaintextSecrets(&settings, path), 2);
    QVERIFY(settings.smarthostPasswordRef.isNull());
    QCOMPARE(settings.smarthost.password, QStringLiteral("Main-Typed-1"));
    QVERIFY(!settings.namedPasswordRefs.contains(QStringLiteral("spare")));
    QCOMPARE(settings.namedSmarthosts.value(QStringLiteral("spare")).password,
             QStringLiteral("Spare-Typed-2"));
    // A smarthost with a proper reference keeps it.
    QCOMPARE(settings.namedPasswordRefs.value(QStringLiteral("backup")).toString(),
             QStringLiteral("local:kept"));
    QVERIFY(settings.namedSmarthosts.value(QStringLiteral("backup")).password.isEmpty());
}

void TestConfigTranslation::plaintextKeyPassphrasesGoWithTheirKeys()
{
    QTemporaryDir dir;
    for (const char* name : {"shared.crt", "shared.key", "own.crt", "own.key", "plain.key"}) {
        QFile pem(dir.filePath(QLatin1String(name)));
        QVERIFY(pem.open(QIODevice::WriteOnly));
    }
    const QString path = dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("[tls]\ncert-file = %1/shared.crt\nkey-file = %1/shared.key\n"
                              "key-passphrase = Shared-Typed-3\n\n"
                              "[listener.lan]\naddress = 127.0.0.1\nport = 2525\n\n"
                              "[listener.submission]\naddress = 127.0.0.1\nport = 2587\n"
                              "cert-file = %1/own.crt\nkey-file = %1/own.key\n"
                              "key-passphrase = Own-Typed-4\n\n"
                              "[listener.scanners]\naddress = 127.0.0.1\nport = 2526\n"
                              "cert-file = %1/own.crt\nkey-file = %1/plain.key\n")
                   .arg(dir.path())
                   .toUtf8());
    file.close();
    QString error;
    QStringList secrets;
    const auto config = Config::ConfigLoader::load(path, &error, &secrets);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(secrets, QStringList({QStringLiteral("[tls] key-passphrase"),
                                   QStringLiteral("[listener.submission] key-passphrase")}));
    // As loaded: the references the move into the keychain will create.
    QCOMPARE(config->tls.keyPassphraseRef.toString(),
             QStringLiteral("keychain:tls-key-passphrase"));
    Service::CoreSettings settings = Service::coreSettingsFromConfig(*config);
    QCOMPARE(settings.keyPassphraseRefs.value(QStringLiteral("lan")).toString(),
             QStringLiteral("keychain:tls-key-passphrase"));
    QCOMPARE(settings.keyPassphraseRefs.value(QStringLiteral("submission")).toString(),
             QStringLiteral("keychain:listener.submission-key-passphrase"));
    QVERIFY(!settings.keyPassphraseRefs.contains(QStringLiteral("scanners")));

    QCOMPARE(Service::usePlaintextSecrets(&settings, path), 2);
    QVERIFY(settings.keyPassphraseRefs.isEmpty());
    QHash<QString, QByteArray> passphraseOf;
    for (const auto& listener : settings.listeners)
        passphraseOf.insert(listener.name, listener.keyPassphrase);
    QCOMPARE(passphraseOf.value(QStringLiteral("lan")), QByteArray("Shared-Typed-3"));
    QCOMPARE(passphraseOf.value(QStringLiteral("submission")), QByteArray("Own-Typed-4"));
    // Its own key, and no passphrase for it: [tls]'s is not for this key.
    QCOMPARE(passphraseOf.value(QStringLiteral("scanners")), QByteArray());
}

void TestConfigTranslation::noSecretsChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[smarthost]\nhost = smtp.example.com\nusername = u\npassword-ref = local:x\n");
    file.close();
    QString error;
    const auto config = Config::ConfigLoader::load(path, &error);
    QVERIFY2(config, qPrintable(error));
    Service::CoreSettings settings = Service::coreSettingsFromConfig(*config);
    QCOMPARE(Service::usePlaintextSecrets(&settings, path), 0);
    QCOMPARE(settings.smarthostPasswordRef.toString(), QStringLiteral("local:x"));
    QCOMPARE(Service::usePlaintextSecrets(&settings, dir.filePath("missing.ini")), 0);
}

QTEST_GUILESS_MAIN(TestConfigTranslation)
#include "TestConfigTranslation.moc"
