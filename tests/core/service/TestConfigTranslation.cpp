// The desktop app's bridge for a smarthost password still typed into the
// file: the loader leaves it out (and points at the keychain entry the move
// will create); usePlaintextSmarthostPasswords hands it to this run instead.

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

    QCOMPARE(Service::usePlaintextSmarthostPasswords(&settings, path), 2);
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
    QCOMPARE(Service::usePlaintextSmarthostPasswords(&settings, path), 0);
    QCOMPARE(settings.smarthostPasswordRef.toString(), QStringLiteral("local:x"));
    QCOMPARE(Service::usePlaintextSmarthostPasswords(&settings, dir.filePath("missing.ini")), 0);
}

QTEST_GUILESS_MAIN(TestConfigTranslation)
#include "TestConfigTranslation.moc"
