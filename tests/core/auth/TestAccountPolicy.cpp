#include "auth/AccountPolicy.h"
#include "auth/AccountStore.h"
#include "auth/PrivateFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Auth;

namespace {
const PasswordHasher::Parameters kFast{10, 8, 1};
} // namespace

/// Per-account policy: allowed senders and rate limits, in the accounts file.
class TestAccountPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void allowsSender_data();
    void allowsSender();
    void senderPatterns_data();
    void senderPatterns();
    void serializeRoundTrip();
    void parseErrors_data();
    void parseErrors();
    void oldFileLoadsAsAnySender();
    void policyPersists();
    void setPolicyKeepsPassword();
    void addRefusesBadPolicy();
    void brokenPolicyLineRefusesFile();
    void unknownAccountMaySendAsNobody();
};

void TestAccountPolicy::allowsSender_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<bool>("expected");
    const QStringList scanner{QStringLiteral("scanner@office.example"),
                              QStringLiteral("@billing.example")};
    QTest::newRow("any") << QStringList{"*"} << "ceo@elsewhere.example" << true;
    QTest::newRow("any null sender") << QStringList{"*"} << "" << true;
    QTest::newRow("exact") << scanner << "scanner@office.example" << true;
    QTest::newRow("exact case") << scanner << "Scanner@OFFICE.example" << true;
    QTest::newRow("other local part") << scanner << "ceo@office.example" << false;
    QTest::newRow("domain") << scanner << "invoices@billing.example" << true;
    QTest::newRow("domain case") << scanner << "x@Billing.Example" << true;
    QTest::newRow("subdomain is not the domain") << scanner << "x@sub.billing.example" << false;
    QTest::newRow("suffix trick") << scanner << "x@evilbilling.example" << false;
    QTest::newRow("other domain") << scanner << "ceo@bank.example" << false;
    QTest::newRow("null sender needs *") << scanner << "" << false;
    QTest::newRow("quoted @ in local part")
        << scanner << "\"a@billing.example\"@evil.example" << false;
}

void TestAccountPolicy::allowsSender()
{
    QFETCH(QStringList, allowed);
    QFETCH(QString, sender);
    QFETCH(bool, expected);
    AccountPolicy policy;
    policy.allowedSenders = allowed;
    QCOMPARE(policy.allowsSender(sender), expected);
}

void TestAccountPolicy::senderPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("valid");
    QTest::newRow("*") << "*" << true;
    QTest::newRow("address") << "a.b@example.com" << true;
    QTest::newRow("domain") << "@example.com" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("no @") << "example.com" << false;
    QTest::newRow("colon") << "a:b@example.com" << false;
    QTest::newRow("comma") << "a,b@example.com" << false;
    QTest::newRow("blank") << "a b@example.com" << false;
    QTest::newRow("wildcard part") << "*@example.com" << false;
    QTest::newRow("two @") << "a@b@example.com" << false;
    QTest::newRow("empty domain") << "a@" << false;
}

void TestAccountPolicy::senderPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(bool, valid);
    QCOMPARE(AccountPolicy::isValidSenderPattern(pattern), valid);
}

void TestAccountPolicy::serializeRoundTrip()
{
    QCOMPARE(AccountPolicy{}.serialize(), QString());
    AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("scan@office.example"), QStringLiteral("@b.example")};
    policy.messagesPerMinute = 30;
    policy.recipientsPerHour = 500;
    const QString text = policy.serialize();
    QCOMPARE(text, QStringLiteral("senders=scan@office.example,@b.example rate=30 rcpt-rate=500"));
    QString error;
    const auto parsed = AccountPolicy::parse(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, policy);
    QVERIFY(policy.describe().contains(QStringLiteral("30 messages/min")));
}

void TestAccountPolicy::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown key") << "colour=blue";
    QTest::newRow("empty senders") << "senders=";
    QTest::newRow("bad sender") << "senders=nobody";
    QTest::newRow("negative rate") << "rate=-1";
    QTest::newRow("not a number") << "rcpt-rate=lots";
    QTest::newRow("huge") << "rate=99999999999";
}

void TestAccountPolicy::parseErrors()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!AccountPolicy::parse(text, &error));
    QVERIFY(!error.isEmpty());
}

void TestAccountPolicy::oldFileLoadsAsAnySender()
{
    QTemporaryDir dir;
    const QString hash = PasswordHasher(kFast).hash(QStringLiteral("secret"));
    QString error;
    QVERIFY(PrivateFile::write(dir.filePath(QStringLiteral("accounts")),
                               "printer:" + hash.toLatin1() + "\n", &error));
    AccountStore store(dir.path(), kFast);
    QVERIFY2(store.reload(&error), qPrintable(error));
    QVERIFY(store.verify(QStringLiteral("printer"), QStringLiteral("secret")));
    const auto policy = store.policy(QStringLiteral("printer"));
    QVERIFY(policy);
    QVERIFY(policy->allowsAnySender());
    QCOMPARE(policy->messagesPerMinute, 0);
    QVERIFY(store.isSenderAllowed(QStringLiteral("printer"), QStringLiteral("a@b.example")));
}

void TestAccountPolicy::policyPersists()
{
    QTemporaryDir dir;
    AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("@office.example")};
    policy.messagesPerMinute = 5;
    QString error;
    {
        AccountStore store(dir.path(), kFast);
        QVERIFY2(store.add(QStringLiteral("scanner"), QStringLiteral("pw1"), policy, &error),
                 qPrintable(error));
        QVERIFY2(store.add(QStringLiteral("legacy"), QStringLiteral("pw2"), &error),
                 qPrintable(error));
    }
    QFile file(dir.filePath(QStringLiteral("accounts")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    // The default policy writes the old two-field line.
    QCOMPARE(lines.at(0).count(':'), 1);
    QVERIFY(lines.at(1).endsWith(":senders=@office.example rate=5"));

    AccountStore reread(dir.path(), kFast);
    QVERIFY2(reread.reload(&error), qPrintable(error));
    QCOMPARE(reread.policy(QStringLiteral("scanner")), policy);
    QVERIFY(reread.verify(QStringLiteral("scanner"), QStringLiteral("pw1")));
    QVERIFY(reread.isSenderAllowed(QStringLiteral("scanner"), QStringLiteral("x@office.example")));
    QVERIFY(!reread.isSenderAllowed(QStringLiteral("scanner"), QStringLiteral("ceo@bank.example")));
    QCOMPARE(reread.policies().size(), 2);
}

void TestAccountPolicy::setPolicyKeepsPassword()
{
    QTemporaryDir dir;
    AccountStore store(dir.path(), kFast);
    QString error;
    QVERIFY(store.add(QStringLiteral("app"), QStringLiteral("pw"), &error));
    AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("app@office.example")};
    policy.recipientsPerHour = 100;
    QVERIFY2(store.setPolicy(QStringLiteral("app"), policy, &error), qPrintable(error));
    QVERIFY(store.verify(QStringLiteral("app"), QStringLiteral("pw")));
    QCOMPARE(store.policy(QStringLiteral("app")), policy);
    QVERIFY(store.setPassword(QStringLiteral("app"), QStringLiteral("pw2"), &error));
    QCOMPARE(store.policy(QStringLiteral("app")), policy);
    QVERIFY(!store.setPolicy(QStringLiteral("nobody"), policy, &error));
    QVERIFY(error.contains(QStringLiteral("no account")));
}

void TestAccountPolicy::addRefusesBadPolicy()
{
    QTemporaryDir dir;
    AccountStore store(dir.path(), kFast);
    QString error;
    AccountPolicy policy;
    policy.allowedSenders = {QStringLiteral("not an address")};
    QVERIFY(!store.add(QStringLiteral("app"), QStringLiteral("pw"), policy, &error));
    QVERIFY(!error.isEmpty());
    policy.allowedSenders.clear();
    QVERIFY(!store.add(QStringLiteral("app"), QStringLiteral("pw"), policy, &error));
    policy.allowedSenders = {QStringLiteral("*")};
    policy.messagesPerMinute = -3;
    QVERIFY(!store.add(QStringLiteral("app"), QStringLiteral("pw"), policy, &error));
    QVERIFY(store.list().isEmpty());
}

void TestAccountPolicy::brokenPolicyLineRefusesFile()
{
    QTemporaryDir dir;
    const QString hash = PasswordHasher(kFast).hash(QStringLiteral("secret"));
    QString error;
    QVERIFY(PrivateFile::write(dir.filePath(QStringLiteral("accounts")),
                               "app:" + hash.toLatin1() + ":senders=nobody\n", &error));
    AccountStore store(dir.path(), kFast);
    QVERIFY(!store.reload(&error));
    QVERIFY2(error.contains(QStringLiteral(":1:")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("\"nobody\"")));
}

void TestAccountPolicy::unknownAccountMaySendAsNobody()
{
    QTemporaryDir dir;
    AccountStore store(dir.path(), kFast);
    QVERIFY(!store.isSenderAllowed(QStringLiteral("ghost"), QStringLiteral("a@b.example")));
    QVERIFY(!store.policy(QStringLiteral("ghost")));
}

QTEST_GUILESS_MAIN(TestAccountPolicy)
#include "TestAccountPolicy.moc"
