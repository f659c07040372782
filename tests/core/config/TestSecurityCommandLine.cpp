#include "config/DaemonCommandLine.h"

#include <QTest>

using namespace RelayDesk::Config;
using Action = DaemonCommandLine::Action;

namespace {
DaemonCommandLine::Result parse(const QStringList& arguments)
{
    return DaemonCommandLine::parse(QStringList{QStringLiteral("relaydeskd")} + arguments,
                                    QStringLiteral("0.1.0"));
}
} // namespace

/// `user add` policy options and `cert generate|show` (issue 5).
class TestSecurityCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void userAddPolicy();
    void certGenerate();
    void certShow();
    void errors_data();
    void errors();
};

void TestSecurityCommandLine::userAddPolicy()
{
    auto result =
        parse({"user", "add", "scanner", "--generate", "--allow-sender", "scan@office.example",
               "--allow-sender", "@billing.example", "--rate", "30", "--rcpt-rate", "500"});
    QCOMPARE(result.action, Action::UserAdd);
    QCOMPARE(result.userName, QStringLiteral("scanner"));
    QVERIFY(result.user.generatePassword);
    QCOMPARE(result.user.allowedSenders, (QStringList{"scan@office.example", "@billing.example"}));
    QCOMPARE(result.user.messagesPerMinute, 30);
    QCOMPARE(result.user.recipientsPerHour, 500);

    result = parse({"user", "add", "plain"});
    QCOMPARE(result.action, Action::UserAdd);
    QVERIFY(!result.user.generatePassword);
    QVERIFY(result.user.allowedSenders.isEmpty());
    QCOMPARE(result.user.messagesPerMinute, 0);
}

void TestSecurityCommandLine::certGenerate()
{
    auto result = parse({"cert", "generate", "--out", "/tmp/x", "--rsa", "--name", "relay",
                         "--name", "relay.office.example", "--days", "365", "--force"});
    QCOMPARE(result.action, Action::CertGenerate);
    QCOMPARE(result.cert.outDir, QStringLiteral("/tmp/x"));
    QVERIFY(result.cert.rsa);
    QCOMPARE(result.cert.names, (QStringList{"relay", "relay.office.example"}));
    QCOMPARE(result.cert.validityDays, 365);
    QVERIFY(result.cert.force);
    QVERIFY(!result.cert.encryptKey);

    result = parse({"cert", "generate", "--out", "/tmp/x", "--ecdsa", "--encrypt"});
    QCOMPARE(result.action, Action::CertGenerate);
    QVERIFY(!result.cert.rsa);
    QVERIFY(result.cert.encryptKey);
    QCOMPARE(result.cert.validityDays, 825);
}

void TestSecurityCommandLine::certShow()
{
    const auto result = parse({"cert", "show", "/etc/relaydesk/cert.pem"});
    QCOMPARE(result.action, Action::CertShow);
    QCOMPARE(result.cert.file, QStringLiteral("/etc/relaydesk/cert.pem"));
}

void TestSecurityCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("rate zero") << QStringList{"user", "add", "a", "--rate", "0"} << "--rate";
    QTest::newRow("rate text") << QStringList{"user", "add", "a", "--rcpt-rate", "x"}
                               << "--rcpt-rate";
    QTest::newRow("rate twice") << QStringList{"user", "add", "a", "--rate", "1", "--rate", "2"}
                                << "more than once";
    QTest::newRow("--generate without user add")
        << QStringList{"user", "list", "--generate"} << "--generate does not apply";
    QTest::newRow("--rate on the relay") << QStringList{"--rate", "5"} << "--rate does not apply";
    QTest::newRow("--out on user add")
        << QStringList{"user", "add", "a", "--out", "/tmp"} << "--out does not apply";
    QTest::newRow("generate without --out") << QStringList{"cert", "generate"} << "--out DIR";
    QTest::newRow("both key types")
        << QStringList{"cert", "generate", "--out", "/tmp", "--rsa", "--ecdsa"} << "exclude";
    QTest::newRow("too many days")
        << QStringList{"cert", "generate", "--out", "/tmp", "--days", "826"} << "--days";
    QTest::newRow("show without file") << QStringList{"cert", "show"} << "usage";
    QTest::newRow("unknown cert command") << QStringList{"cert", "renew"} << "usage";
}

void TestSecurityCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const auto result = parse(arguments);
    QCOMPARE(result.action, Action::Error);
    QVERIFY2(result.text.contains(expected), qPrintable(result.text));
}

QTEST_GUILESS_MAIN(TestSecurityCommandLine)
#include "TestSecurityCommandLine.moc"
