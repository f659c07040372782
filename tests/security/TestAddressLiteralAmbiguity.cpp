// Regression test for a fuzz_address_parser finding (issue 5): a general
// address literal ("[tag:content]") accepted '"', '<', '>' and '@' in its
// content, so a path such as <"q"@[x:victim@evil.test]> or <x@[x:">"]> was
// accepted and forwarded with an '@' or a '>' that the next hop may read as
// the domain separator or the end of the path. These are refused now; the
// literals people actually use still pass.

#include "smtp/AddressParser.h"

#include <QTest>

using RelayDesk::Smtp::AddressParser;

class TestAddressLiteralAmbiguity final : public QObject
{
    Q_OBJECT

private slots:
    void literal_data();
    void literal();
    void rcptTo_data();
    void rcptTo();
};

void TestAddressLiteralAmbiguity::literal_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<bool>("valid");

    QTest::newRow("ipv4") << QByteArray("[192.0.2.1]") << true;
    QTest::newRow("ipv6") << QByteArray("[IPv6:2001:db8::1]") << true;
    QTest::newRow("general") << QByteArray("[x-tag:content]") << true;
    QTest::newRow("general with colon") << QByteArray("[x-tag:a:b]") << true;
    QTest::newRow("at") << QByteArray("[x:victim@evil.test]") << false;
    QTest::newRow("quote") << QByteArray("[x:\"a\"]") << false;
    QTest::newRow("closing angle") << QByteArray("[x:a>b]") << false;
    QTest::newRow("opening angle") << QByteArray("[x:a<b]") << false;
}

void TestAddressLiteralAmbiguity::literal()
{
    QFETCH(QByteArray, literal);
    QFETCH(bool, valid);
    QCOMPARE(AddressParser::isValidAddressLiteral(literal), valid);
}

void TestAddressLiteralAmbiguity::rcptTo_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("quoted local, @ in literal")
        << QByteArray("TO:<\"q\"@[x:victim@evil.test]>") << false;
    QTest::newRow("quoted > in literal") << QByteArray("TO:<x@[x:\">\"]>") << false;
    QTest::newRow("fuzzer's input") << QByteArray("TO:<x@[IPvdb::??\"r<b??93\"G?:1]>") << false;
    QTest::newRow("plain literal still fine") << QByteArray("TO:<x@[x-tag:content]>") << true;
    QTest::newRow("quoted local part with @ still fine")
        << QByteArray("TO:<\"victim@evil.test\"@relay.test>") << true;
}

void TestAddressLiteralAmbiguity::rcptTo()
{
    QFETCH(QByteArray, argument);
    QFETCH(bool, accepted);
    const auto result = AddressParser::parseRcptTo(argument, false);
    QCOMPARE(result.error == AddressParser::Error::None, accepted);
    if (!accepted)
        QCOMPARE(result.error, AddressParser::Error::BadAddress);
}

QTEST_GUILESS_MAIN(TestAddressLiteralAmbiguity)
#include "TestAddressLiteralAmbiguity.moc"
