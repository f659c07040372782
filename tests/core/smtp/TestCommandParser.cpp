#include "smtp/CommandParser.h"

#include <QTest>

using RelayDesk::Smtp::CommandParser;

/// Command line splitting and the BDAT/AUTH/EHLO argument parsers.
class TestCommandParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void bdat_data();
    void bdat();
    void auth_data();
    void auth();
    void heloName_data();
    void heloName();
};

void TestCommandParser::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QByteArray>("argument");

    QTest::newRow("verb only") << QByteArray("NOOP") << true << QByteArray("NOOP") << QByteArray();
    QTest::newRow("with argument")
        << QByteArray("MAIL FROM:<a@b>") << true << QByteArray("MAIL") << QByteArray("FROM:<a@b>");
    QTest::newRow("lower case kept")
        << QByteArray("ehlo x") << true << QByteArray("ehlo") << QByteArray("x");
    QTest::newRow("trailing blanks")
        << QByteArray("RSET  \t") << true << QByteArray("RSET") << QByteArray();
    QTest::newRow("inner blanks kept")
        << QByteArray("VRFY a  b") << true << QByteArray("VRFY") << QByteArray("a  b");
    QTest::newRow("utf8 argument") << QByteArray("VRFY j\xc3\xb6rg") << true << QByteArray("VRFY")
                                   << QByteArray("j\xc3\xb6rg");
    QTest::newRow("empty") << QByteArray() << false << QByteArray() << QByteArray();
    QTest::newRow("leading blank") << QByteArray(" NOOP") << false << QByteArray() << QByteArray();
    QTest::newRow("digit in verb") << QByteArray("NO0P") << false << QByteArray() << QByteArray();
    QTest::newRow("colon after verb")
        << QByteArray("MAIL:FROM") << false << QByteArray() << QByteArray();
    QTest::newRow("nul") << QByteArray("NOOP a\0b", 8) << false << QByteArray() << QByteArray();
    QTest::newRow("bare cr") << QByteArray("NOOP a\rb") << false << QByteArray() << QByteArray();
    QTest::newRow("escape") << QByteArray("NOOP \x1b[0m") << false << QByteArray() << QByteArray();
}

void TestCommandParser::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    QFETCH(QByteArray, verb);
    QFETCH(QByteArray, argument);
    const auto command = CommandParser::parse(line);
    QCOMPARE(command.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(command->verb.toByteArray(), verb);
    QCOMPARE(command->argument.toByteArray(), argument);
}

void TestCommandParser::bdat_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("last");
    QTest::newRow("size") << QByteArray("100") << true << qint64(100) << false;
    QTest::newRow("zero last") << QByteArray("0 LAST") << true << qint64(0) << true;
    QTest::newRow("last lower") << QByteArray("7 last") << true << qint64(7) << true;
    QTest::newRow("big") << QByteArray("9223372036854775807") << true
                         << qint64(9223372036854775807LL) << false;
    QTest::newRow("overflow") << QByteArray("9223372036854775808") << false << qint64(0) << false;
    QTest::newRow("empty") << QByteArray() << false << qint64(0) << false;
    QTest::newRow("negative") << QByteArray("-1") << false << qint64(0) << false;
    QTest::newRow("junk after") << QByteArray("10 LASTX") << false << qint64(0) << false;
    QTest::newRow("two blanks") << QByteArray("10  LAST") << false << qint64(0) << false;
    QTest::newRow("hex") << QByteArray("0x10") << false << qint64(0) << false;
}

void TestCommandParser::bdat()
{
    QFETCH(QByteArray, argument);
    QFETCH(bool, valid);
    QFETCH(qint64, size);
    QFETCH(bool, last);
    const auto parsed = CommandParser::parseBdat(argument);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(parsed->size, size);
    QCOMPARE(parsed->last, last);
}

void TestCommandParser::auth_data()
{
    QTest::addColumn<QByteArray>("argument");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<bool>("hasInitial");
    QTest::addColumn<QByteArray>("initial");
    QTest::newRow("plain") << QByteArray("plain") << true << QByteArray("PLAIN") << false
                           << QByteArray();
    QTest::newRow("initial") << QByteArray("PLAIN AGEAYg==") << true << QByteArray("PLAIN") << true
                             << QByteArray("AGEAYg==");
    QTest::newRow("equals") << QByteArray("PLAIN =") << true << QByteArray("PLAIN") << true
                            << QByteArray("=");
    QTest::newRow("dash") << QByteArray("CRAM-MD5") << true << QByteArray("CRAM-MD5") << false
                          << QByteArray();
    QTest::newRow("empty") << QByteArray() << false << QByteArray() << false << QByteArray();
    QTest::newRow("two blanks") << QByteArray("PLAIN  x") << false << QByteArray() << false
                                << QByteArray();
    QTest::newRow("three words") << QByteArray("PLAIN x y") << false << QByteArray() << false
                                 << QByteArray();
    QTest::newRow("bad mechanism")
        << QByteArray("PL@IN") << false << QByteArray() << false << QByteArray();
}

void TestCommandParser::auth()
{
    QFETCH(QByteArray, argument);
    QFETCH(bool, valid);
    QFETCH(QByteArray, mechanism);
    QFETCH(bool, hasInitial);
    QFETCH(QByteArray, initial);
    const auto parsed = CommandParser::parseAuth(argument);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(parsed->mechanism, mechanism);
    QCOMPARE(parsed->hasInitialResponse, hasInitial);
    QCOMPARE(parsed->initialResponse.toByteArray(), initial);
}

void TestCommandParser::heloName_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("domain") << QByteArray("mail.example.com") << true;
    QTest::newRow("literal") << QByteArray("[192.0.2.1]") << true;
    QTest::newRow("printer style") << QByteArray("PRINTER_01") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("two words") << QByteArray("a b") << false;
    QTest::newRow("parenthesis") << QByteArray("a(b)") << false;
    QTest::newRow("8bit") << QByteArray("h\xc3\xb6st") << false;
    QTest::newRow("too long") << QByteArray(256, 'a') << false;
}

void TestCommandParser::heloName()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, valid);
    QCOMPARE(CommandParser::isValidHeloName(name), valid);
}

QTEST_GUILESS_MAIN(TestCommandParser)
#include "TestCommandParser.moc"
