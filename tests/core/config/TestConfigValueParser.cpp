#include "config/ConfigValueParser.h"
#include "config/CredentialReference.h"
#include "config/Subnet.h"

#include <QTest>

using namespace RelayDesk::Config;

/// The value syntaxes shared by the INI file and the command line.
class TestConfigValueParser final : public QObject
{
    Q_OBJECT

private slots:
    void port_data();
    void port();
    void boolean_data();
    void boolean();
    void size_data();
    void size();
    void duration_data();
    void duration();
    void hostPort_data();
    void hostPort();
    void hostname_data();
    void hostname();
    void subnet_data();
    void subnet();
    void subnetContainsMappedV4();
    void credentialReference_data();
    void credentialReference();
};

void TestConfigValueParser::port_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1: invalid
    QTest::newRow("25") << "25" << 25;
    QTest::newRow("max") << "65535" << 65535;
    QTest::newRow("blanks") << " 587 " << 587;
    QTest::newRow("zero") << "0" << -1;
    QTest::newRow("too big") << "65536" << -1;
    QTest::newRow("negative") << "-1" << -1;
    QTest::newRow("letters") << "abc" << -1;
    QTest::newRow("hex") << "0x19" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("huge") << "99999999999999999999999" << -1;
}

void TestConfigValueParser::port()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto port = ConfigValueParser::parsePort(text);
    QCOMPARE(port.has_value(), expected >= 0);
    if (port)
        QCOMPARE(int(*port), expected);
}

void TestConfigValueParser::boolean_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // -1 invalid
    for (const char* yes : {"true", "TRUE", "yes", "on", "1"})
        QTest::newRow(yes) << yes << 1;
    for (const char* no : {"false", "No", "off", "0"})
        QTest::newRow(no) << no << 0;
    QTest::newRow("maybe") << "maybe" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("2") << "2" << -1;
}

void TestConfigValueParser::boolean()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto value = ConfigValueParser::parseBool(text);
    QCOMPARE(value.has_value(), expected >= 0);
    if (value)
        QCOMPARE(int(*value), expected);
}

void TestConfigValueParser::size_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1 invalid
    QTest::newRow("bytes") << "26214400" << qint64(26214400);
    QTest::newRow("K") << "512K" << qint64(512 * 1024);
    QTest::newRow("M") << "25M" << qint64(25 * 1024 * 1024);
    QTest::newRow("MiB") << "25MiB" << qint64(25 * 1024 * 1024);
    QTest::newRow("lower m") << "25m" << qint64(25 * 1024 * 1024);
    QTest::newRow("G with blank") << "1 G" << qint64(1024LL * 1024 * 1024);
    QTest::newRow("MB is ambiguous") << "25MB" << qint64(-1);
    QTest::newRow("fraction") << "2.5M" << qint64(-1);
    QTest::newRow("word") << "lots" << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
}

void TestConfigValueParser::size()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto value = ConfigValueParser::parseSize(text);
    QCOMPARE(value.has_value(), expected >= 0);
    if (value)
        QCOMPARE(*value, expected);
}

void TestConfigValueParser::duration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1 invalid
    QTest::newRow("bare seconds") << "300" << qint64(300);
    QTest::newRow("s") << "90s" << qint64(90);
    QTest::newRow("m") << "5m" << qint64(300);
    QTest::newRow("h") << "1h" << qint64(3600);
    QTest::newRow("d") << "5d" << qint64(5 * 86400);
    QTest::newRow("w") << "1w" << qint64(7 * 86400);
    QTest::newRow("combined") << "1h30m" << qint64(5400);
    QTest::newRow("upper") << "2H" << qint64(7200);
    QTest::newRow("zero") << "0" << qint64(-1);
    QTest::newRow("0s") << "0s" << qint64(-1);
    QTest::newRow("bad unit") << "5x" << qint64(-1);
    QTest::newRow("bare then unit") << "1h30" << qint64(-1);
    QTest::newRow("unit only") << "m" << qint64(-1);
    QTest::newRow("negative") << "-5m" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("absurd") << "999999999999d" << qint64(-1);
}

void TestConfigValueParser::duration()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto value = ConfigValueParser::parseDuration(text);
    QCOMPARE(value.has_value(), expected >= 0);
    if (value)
        QCOMPARE(*value, expected);
}

void TestConfigValueParser::hostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("defaultPort");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("v4") << "127.0.0.1:2525" << 0 << true << "127.0.0.1" << 2525;
    QTest::newRow("v6") << "[::1]:2525" << 0 << true << "::1" << 2525;
    QTest::newRow("name") << "smtp.example.com:465" << 0 << true << "smtp.example.com" << 465;
    QTest::newRow("default port") << "smtp.example.com" << 587 << true << "smtp.example.com" << 587;
    QTest::newRow("v6 default port") << "[fd00::1]" << 587 << true << "fd00::1" << 587;
    QTest::newRow("port required") << "127.0.0.1" << 0 << false << "" << 0;
    QTest::newRow("bare v6") << "::1:2525" << 0 << false << "" << 0;
    QTest::newRow("bad port") << "127.0.0.1:abc" << 0 << false << "" << 0;
    QTest::newRow("empty port") << "127.0.0.1:" << 0 << false << "" << 0;
    QTest::newRow("port 0") << "127.0.0.1:0" << 0 << false << "" << 0;
    QTest::newRow("unclosed bracket") << "[::1:25" << 0 << false << "" << 0;
    QTest::newRow("v4 in brackets") << "[1.2.3.4]:25" << 0 << false << "" << 0;
    QTest::newRow("bad host") << "bad_host!:25" << 0 << false << "" << 0;
    QTest::newRow("empty") << "" << 25 << false << "" << 0;
}

void TestConfigValueParser::hostPort()
{
    QFETCH(QString, text);
    QFETCH(int, defaultPort);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto value = ConfigValueParser::parseHostPort(text, quint16(defaultPort));
    QCOMPARE(value.has_value(), valid);
    if (value) {
        QCOMPARE(value->host, host);
        QCOMPARE(int(value->port), port);
    }
}

void TestConfigValueParser::hostname_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("fqdn") << "relay.example.com" << true;
    QTest::newRow("short") << "relay" << true;
    QTest::newRow("digits and hyphen") << "mx-01.example.com" << true;
    QTest::newRow("underscore") << "bad_host" << false;
    QTest::newRow("blank") << "a b" << false;
    QTest::newRow("leading hyphen") << "-relay" << false;
    QTest::newRow("empty label") << "a..b" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("long label") << QString(64, QLatin1Char('a')) << false;
}

void TestConfigValueParser::hostname()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(ConfigValueParser::isValidHostname(text), valid);
}

void TestConfigValueParser::subnet_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("normalised"); // empty: invalid
    QTest::newRow("v4") << "192.168.1.0/24"
                        << "192.168.1.0/24";
    QTest::newRow("host bits cleared") << "192.168.1.7/24"
                                       << "192.168.1.0/24";
    QTest::newRow("plain address") << "10.1.2.3"
                                   << "10.1.2.3/32";
    QTest::newRow("v6") << "fd00::/8"
                        << "fd00::/8";
    QTest::newRow("v6 loopback") << "::1/128"
                                 << "::1/128";
    QTest::newRow("netmask") << "10.0.0.0/255.0.0.0"
                             << "10.0.0.0/8";
    QTest::newRow("prefix too long") << "10.0.0.0/33"
                                     << "";
    QTest::newRow("blank inside") << "10.0.0.0 /8"
                                  << "";
    QTest::newRow("name") << "lan"
                          << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestConfigValueParser::subnet()
{
    QFETCH(QString, text);
    QFETCH(QString, normalised);
    const auto subnet = Subnet::parse(text);
    QCOMPARE(subnet.has_value(), !normalised.isEmpty());
    if (subnet)
        QCOMPARE(subnet->toString(), normalised);
}

void TestConfigValueParser::subnetContainsMappedV4()
{
    const Subnet lan = *Subnet::parse(QStringLiteral("192.168.1.0/24"));
    QVERIFY(lan.contains(QHostAddress(QStringLiteral("192.168.1.20"))));
    // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d.
    QVERIFY(lan.contains(QHostAddress(QStringLiteral("::ffff:192.168.1.20"))));
    QVERIFY(!lan.contains(QHostAddress(QStringLiteral("192.168.2.20"))));
    QVERIFY(!lan.contains(QHostAddress(QStringLiteral("::ffff:192.168.2.20"))));
    QVERIFY(!lan.contains(QHostAddress(QStringLiteral("fd00::1"))));
}

void TestConfigValueParser::credentialReference_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("keychain") << "keychain:smarthost" << true << "";
    QTest::newRow("local") << "local:m365.relay" << true << "";
    QTest::newRow("file") << "file:/etc/relaydesk/secret" << true << "";
    QTest::newRow("systemd") << "systemd:smarthost" << true << "";
    QTest::newRow("systemd path") << "systemd:/etc/x" << false << "invalid credential name";
    QTest::newRow("no scheme") << "smarthost" << false << "not a credential reference";
    QTest::newRow("unknown scheme") << "vault:x" << false << "unknown credential scheme";
    QTest::newRow("relative file") << "file:secret.txt" << false << "absolute path";
    QTest::newRow("empty name") << "keychain:" << false << "invalid credential name";
    QTest::newRow("blank in name") << "local:a b" << false << "invalid credential name";
}

void TestConfigValueParser::credentialReference()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, errorPart);
    QString error;
    const auto reference = CredentialReference::parse(text, &error);
    QCOMPARE(reference.has_value(), valid);
    // Callers that only ask whether it is one pass no error string.
    QCOMPARE(CredentialReference::parse(text, nullptr).has_value(), valid);
    QCOMPARE(
        CredentialReference::hasKnownScheme(text),
        text.startsWith(QLatin1String("keychain:")) || text.startsWith(QLatin1String("local:")) ||
            text.startsWith(QLatin1String("systemd:")) || text.startsWith(QLatin1String("file:")));
    if (reference)
        QCOMPARE(reference->toString(), text);
    else
        QVERIFY2(error.contains(errorPart), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConfigValueParser)
#include "TestConfigValueParser.moc"
