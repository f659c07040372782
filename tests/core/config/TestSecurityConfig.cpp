#include "config/ConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Config;

/// The issue 5 keys: [limits] rate limits and the [security] section.
class TestSecurityConfig final : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void allKeys();
    void errors_data();
    void errors();

private:
    std::optional<RelayConfig> load(const QString& text, QString* error);
    QTemporaryDir m_dir;
};

std::optional<RelayConfig> TestSecurityConfig::load(const QString& text, QString* error)
{
    const QString path = m_dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::nullopt;
    file.write(text.toUtf8());
    file.close();
    return ConfigLoader::load(path, error);
}

void TestSecurityConfig::defaults()
{
    QString error;
    const auto config = load(QString(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->limits.messagesPerMinute, 0);
    QCOMPARE(config->limits.recipientsPerHour, 0);
    QCOMPARE(config->limits.accountMessagesPerMinute, 0);
    QCOMPARE(config->limits.accountRecipientsPerHour, 0);
    QCOMPARE(config->security.authFailures, 10);
    QCOMPARE(config->security.authWindowSeconds, 900);
    QCOMPARE(config->security.lockoutSeconds, 900);
    QCOMPARE(config->security.authMaxDelaySeconds, 16);
    QCOMPARE(config->security.abuseFactor, 10);
    QCOMPARE(config->security.abuseFloor, 200);
}

void TestSecurityConfig::allKeys()
{
    QString error;
    const auto config = load(QStringLiteral("[limits]\n"
                                            "messages-per-minute = 30\n"
                                            "recipients-per-hour = 1000\n"
                                            "account-messages-per-minute = 10\n"
                                            "account-recipients-per-hour = 0\n"
                                            "[security]\n"
                                            "auth-failures = 5\n"
                                            "auth-window = 10m\n"
                                            "lockout-duration = 1h\n"
                                            "auth-max-delay = 8s\n"
                                            "abuse-factor = 20\n"
                                            "abuse-floor = 500\n"),
                             &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->limits.messagesPerMinute, 30);
    QCOMPARE(config->limits.recipientsPerHour, 1000);
    QCOMPARE(config->limits.accountMessagesPerMinute, 10);
    QCOMPARE(config->limits.accountRecipientsPerHour, 0);
    QCOMPARE(config->security.authFailures, 5);
    QCOMPARE(config->security.authWindowSeconds, 600);
    QCOMPARE(config->security.lockoutSeconds, 3600);
    QCOMPARE(config->security.authMaxDelaySeconds, 8);
    QCOMPARE(config->security.abuseFactor, 20);
    QCOMPARE(config->security.abuseFloor, 500);
}

void TestSecurityConfig::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative rate") << "[limits]\nmessages-per-minute = -1\n"
                                   << ":2: [limits] messages-per-minute";
    QTest::newRow("rate not a number") << "[limits]\nrecipients-per-hour = many\n"
                                       << ":2: [limits] recipients-per-hour";
    QTest::newRow("failures too high") << "[security]\nauth-failures = 1001\n"
                                       << ":2: [security] auth-failures";
    QTest::newRow("window not a duration") << "[security]\n\nauth-window = soon\n"
                                           << ":3: [security] auth-window";
    QTest::newRow("lockout over a week") << "[security]\nlockout-duration = 8d\n"
                                         << ":2: [security] lockout-duration";
    QTest::newRow("delay over 5 minutes") << "[security]\nauth-max-delay = 10m\n"
                                          << ":2: [security] auth-max-delay";
    QTest::newRow("factor 1") << "[security]\nabuse-factor = 1\n"
                              << ":2: [security] abuse-factor";
    QTest::newRow("floor 0") << "[security]\nabuse-floor = 0\n"
                             << ":2: [security] abuse-floor";
    QTest::newRow("unknown key") << "[security]\npassword = x\n"
                                 << ":2: [security] password";
}

void TestSecurityConfig::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!load(text, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSecurityConfig)
#include "TestSecurityConfig.moc"
