#include "smtp/AddressParser.h"

#include <QTest>

using RelayDesk::Smtp::AddressParser;
using Error = AddressParser::Error;

Q_DECLARE_METATYPE(AddressParser::Error)

/// MAIL FROM / RCPT TO paths and parameters (RFC 5321 4.1.2, RFC 6531).
class TestAddressParser : public QObject
{
    Q_OBJECT

private slots:
    void mailFrom_data();
    void mailFrom();
    void rcptTo_data();
    void rcptTo();
    void parameters();
    void postmaster_data();
    void postmaster();
    void mailbox_data();
    void mailbox();
};

void TestAddressParser::mailFrom_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("mailbox");

    QTest::newRow("simple") << QByteArray("FROM:<a@b.example>") << Error::None
                            << QStringLiteral("a@b.example");
    QTest::newRow("case") << QByteArray("from:<A@B.Example>") << Error::None
                          << QStringLiteral("A@B.Example");
    QTest::newRow("null") << QByteArray("FROM:<>") << Error::None << QString();
    QTest::newRow("blank after colon")
        << QByteArray("FROM: <a@b.example>") << Error::None << QStringLiteral("a@b.example");
    QTest::newRow("quoted") << QByteArray("FROM:<\"a b\"@b.example>") << Error::None
                            << QStringLiteral("\"a b\"@b.example");
    QTest::newRow("quoted with bracket") << QByteArray("FROM:<\"a>b\"@b.example>") << Error::None
                                         << QStringLiteral("\"a>b\"@b.example");
    QTest::newRow("quoted pair") << QByteArray("FROM:<\"a\\\"b\"@b.example>") << Error::None
                                 << QStringLiteral("\"a\\\"b\"@b.example");
    QTest::newRow("source route") << QByteArray("FROM:<@r1.example,@r2.example:a@b.example>")
                                  << Error::None << QStringLiteral("a@b.example");
    QTest::newRow("ipv4 literal") << QByteArray("FROM:<a@[192.0.2.1]>") << Error::None
                                  << QStringLiteral("a@[192.0.2.1]");
    QTest::newRow("ipv6 literal") << QByteArray("FROM:<a@[IPv6:2001:db8::1]>") << Error::None
                                  << QStringLiteral("a@[IPv6:2001:db8::1]");
    QTest::newRow("utf8 with smtputf8") << QByteArray("FROM:<\xc3\xa5@\xc3\xa5.example> SMTPUTF8")
                                        << Error::None << QStringLiteral("\u00e5@\u00e5.example");

    QTest::newRow("no colon") << QByteArray("FROM<a@b.example>") << Error::Syntax << QString();
    QTest::newRow("to instead of from")
        << QByteArray("TO:<a@b.example>") << Error::Syntax << QString();
    QTest::newRow("no brackets") << QByteArray("FROM:a@b.example") << Error::Syntax << QString();
    QTest::newRow("unclosed") << QByteArray("FROM:<a@b.example") << Error::Syntax << QString();
    QTest::newRow("junk after") << QByteArray("FROM:<a@b.example>x") << Error::Syntax << QString();
    QTest::newRow("nested bracket")
        << QByteArray("FROM:<<a@b.example>>") << Error::Syntax << QString();
    QTest::newRow("bad parameter")
        << QByteArray("FROM:<a@b.example> =x") << Error::Syntax << QString();
    QTest::newRow("empty value") << QByteArray("FROM:<a@b.example> SIZE=") << Error::Syntax
                                 << QString();
    QTest::newRow("no domain") << QByteArray("FROM:<a>") << Error::BadAddress << QString();
    QTest::newRow("no local") << QByteArray("FROM:<@b.example>") << Error::BadAddress << QString();
    QTest::newRow("double dot") << QByteArray("FROM:<a..b@b.example>") << Error::BadAddress
                                << QString();
    QTest::newRow("leading dot") << QByteArray("FROM:<.a@b.example>") << Error::BadAddress
                                 << QString();
    QTest::newRow("blank in local")
        << QByteArray("FROM:<a b@b.example>") << Error::BadAddress << QString();
    QTest::newRow("domain dash") << QByteArray("FROM:<a@-b.example>") << Error::BadAddress
                                 << QString();
    QTest::newRow("domain empty label")
        << QByteArray("FROM:<a@b..example>") << Error::BadAddress << QString();
    QTest::newRow("underscore domain")
        << QByteArray("FROM:<a@b_c.example>") << Error::BadAddress << QString();
    QTest::newRow("bad ipv4") << QByteArray("FROM:<a@[1.2.3]>") << Error::BadAddress << QString();
    QTest::newRow("bad ipv6") << QByteArray("FROM:<a@[IPv6:12345::]>") << Error::BadAddress
                              << QString();
    QTest::newRow("ipv4 as ipv6") << QByteArray("FROM:<a@[IPv6:1.2.3.4]>") << Error::BadAddress
                                  << QString();
    QTest::newRow("utf8 without smtputf8")
        << QByteArray("FROM:<\xc3\xa5@b.example>") << Error::BadAddress << QString();
    QTest::newRow("invalid utf8") << QByteArray("FROM:<\xc3@b.example> SMTPUTF8")
                                  << Error::BadAddress << QString();
    QTest::newRow("local part 65")
        << "FROM:<" + QByteArray(65, 'a') + "@b.example>" << Error::BadAddress << QString();
    QTest::newRow("local part 64") << "FROM:<" + QByteArray(64, 'a') + "@b.example>" << Error::None
                                   << QString(QString(64, u'a') + "@b.example");
    QTest::newRow("path too long")
        << "FROM:<a@" + QByteArray(250, 'b') + ".example>" << Error::BadAddress << QString();
    QTest::newRow("label 64") << "FROM:<a@" + QByteArray(64, 'b') + ".example>" << Error::BadAddress
                              << QString();
}

void TestAddressParser::mailFrom()
{
    QFETCH(QByteArray, argument);
    QFETCH(Error, error);
    QFETCH(QString, mailbox);
    const auto result = AddressParser::parseMailFrom(argument);
    QCOMPARE(result.error, error);
    if (error == Error::None) {
        QCOMPARE(result.mailbox, mailbox);
        QCOMPARE(result.nullPath, mailbox.isEmpty());
    }
}

void TestAddressParser::rcptTo_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<bool>("smtpUtf8");
    QTest::addColumn<Error>("error");
    QTest::newRow("simple") << QByteArray("TO:<a@b.example>") << false << Error::None;
    QTest::newRow("null path") << QByteArray("TO:<>") << false << Error::BadAddress;
    QTest::newRow("from instead of to")
        << QByteArray("FROM:<a@b.example>") << false << Error::Syntax;
    QTest::newRow("utf8 not enabled")
        << QByteArray("TO:<a@\xc3\xa5.example>") << false << Error::BadAddress;
    QTest::newRow("utf8 enabled") << QByteArray("TO:<a@\xc3\xa5.example>") << true << Error::None;
    QTest::newRow("utf8 quoted") << QByteArray("TO:<\"\xc3\xa5 x\"@b.example>") << true
                                 << Error::None;
    QTest::newRow("utf8 quoted not enabled")
        << QByteArray("TO:<\"\xc3\xa5\"@b.example>") << false << Error::BadAddress;
    QTest::newRow("smtputf8 parameter does not count on rcpt")
        << QByteArray("TO:<a@\xc3\xa5.example> SMTPUTF8") << false << Error::BadAddress;
    QTest::newRow("general literal")
        << QByteArray("TO:<a@[x-tag:content]>") << false << Error::None;
    QTest::newRow("control in quoted")
        << QByteArray("TO:<\"a\x01\"@b.example>") << false << Error::BadAddress;
}

void TestAddressParser::rcptTo()
{
    QFETCH(QByteArray, argument);
    QFETCH(bool, smtpUtf8);
    QFETCH(Error, error);
    QCOMPARE(AddressParser::parseRcptTo(argument, smtpUtf8).error, error);
}

void TestAddressParser::parameters()
{
    const auto result =
        AddressParser::parseMailFrom("FROM:<a@b.example> size=100  BODY=8BITMIME SMTPUTF8");
    QCOMPARE(result.error, Error::None);
    QCOMPARE(result.parameters.size(), 3);
    QCOMPARE(result.parameters.at(0).keyword, QByteArray("SIZE"));
    QCOMPARE(result.parameters.at(0).value, QByteArray("100"));
    QVERIFY(result.parameters.at(0).hasValue);
    QCOMPARE(result.parameters.at(1).keyword, QByteArray("BODY"));
    QCOMPARE(result.parameters.at(2).keyword, QByteArray("SMTPUTF8"));
    QVERIFY(!result.parameters.at(2).hasValue);
    QCOMPARE(AddressParser::parseMailFrom("FROM:<a@b.example> SIZE=1=2").error, Error::Syntax);
    QCOMPARE(AddressParser::parseMailFrom("FROM:<a@b.example> -X").error, Error::Syntax);
}

void TestAddressParser::postmaster_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<Error>("error");
    QTest::addColumn<bool>("isPostmaster");
    QTest::addColumn<QString>("mailbox");
    // RFC 5321 4.5.1: <postmaster> needs no domain, in any case.
    QTest::newRow("lower") << QByteArray("TO:<postmaster>") << Error::None << true
                           << QStringLiteral("postmaster");
    QTest::newRow("mixed case") << QByteArray("TO:<PostMaster>") << Error::None << true
                                << QStringLiteral("postmaster");
    QTest::newRow("with parameter") << QByteArray("TO:<postmaster> NOTIFY=NEVER") << Error::None
                                    << true << QStringLiteral("postmaster");
    QTest::newRow("with domain") << QByteArray("TO:<postmaster@b.example>") << Error::None << false
                                 << QStringLiteral("postmaster@b.example");
    QTest::newRow("other name") << QByteArray("TO:<postmasters>") << Error::BadAddress << false
                                << QString();
    QTest::newRow("quoted") << QByteArray("TO:<\"postmaster\">") << Error::BadAddress << false
                            << QString();
}

void TestAddressParser::postmaster()
{
    QFETCH(QByteArray, argument);
    QFETCH(Error, error);
    QFETCH(bool, isPostmaster);
    QFETCH(QString, mailbox);
    const auto result = AddressParser::parseRcptTo(argument, false);
    QCOMPARE(result.error, error);
    QCOMPARE(result.postmaster, isPostmaster);
    QCOMPARE(result.mailbox, mailbox);
    // Only as a recipient: a sender needs a domain.
    QCOMPARE(AddressParser::parseMailFrom("FROM:<postmaster>").error, Error::BadAddress);
}

void TestAddressParser::mailbox_data()
{
    QTest::addColumn<QByteArray>("mailbox");
    QTest::addColumn<bool>("valid");
    QTest::newRow("atext specials") << QByteArray("a!#$%&'*+-/=?^_`{|}~@b.example") << true;
    QTest::newRow("single label") << QByteArray("a@localhost") << true;
    QTest::newRow("trailing dot domain") << QByteArray("a@b.example.") << false;
    QTest::newRow("quoted empty") << QByteArray("\"\"@b.example") << true;
    QTest::newRow("quote unterminated") << QByteArray("\"a@b.example") << false;
    QTest::newRow("quoted then junk") << QByteArray("\"a\"x@b.example") << false;
    QTest::newRow("literal no bracket") << QByteArray("a@[192.0.2.1") << false;
    QTest::newRow("literal octet 256") << QByteArray("a@[192.0.2.256]") << false;
}

void TestAddressParser::mailbox()
{
    QFETCH(QByteArray, mailbox);
    QFETCH(bool, valid);
    QCOMPARE(AddressParser::isValidMailbox(mailbox, false), valid);
}

QTEST_GUILESS_MAIN(TestAddressParser)
#include "TestAddressParser.moc"
