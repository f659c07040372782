#include "config/DaemonCommandLine.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Config;

/// relaydeskd's command line: overrides on top of the file, list options
/// replacing lists, sub-commands, and an error naming the option.
class TestDaemonCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void noArgumentsRunsWithDefaults();
    void helpDocumentsEverything();
    void version();
    void listenAndAllowReplaceTheFileLists();
    void smarthostOptions();
    void tlsOptionsEnableStartTlsOnAllListeners();
    void generalOptions();
    void userCommands_data();
    void userCommands();
    void errors_data();
    void errors();

private:
    static DaemonCommandLine::Result parse(const QStringList& arguments);
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

DaemonCommandLine::Result TestDaemonCommandLine::parse(const QStringList& arguments)
{
    return DaemonCommandLine::parse(QStringList{QStringLiteral("relaydeskd")} + arguments,
                                    QStringLiteral("9.8.7"));
}

void TestDaemonCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const auto write = [this](const QString& name, const QByteArray& data) {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
    };
    write(QStringLiteral("relaydesk.ini"), "[listener.a]\nport = 2600\n"
                                           "[listener.b]\naddress = ::1\nport = 2601\n"
                                           "[relay]\nallowed-networks = 10.0.0.0/8\n"
                                           "[smarthost]\nhost = file.example.com\n");
    write(QStringLiteral("bad.ini"), "[limits]\n\nmax-recipients = none\n");
    write(QStringLiteral("cert.pem"), "-----BEGIN-----\n");
    write(QStringLiteral("key.pem"), "-----BEGIN-----\n");
    write(QStringLiteral("password"), "s3cret\n");
}

void TestDaemonCommandLine::noArgumentsRunsWithDefaults()
{
    const auto result = parse({});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    QVERIFY(result.text.isEmpty());
    QCOMPARE(result.config.listeners.size(), 1);
    QCOMPARE(result.config.listeners.first().port, quint16(2525));
    QVERIFY(result.config.sourceFile.isEmpty());
}

void TestDaemonCommandLine::helpDocumentsEverything()
{
    const auto result = parse({QStringLiteral("--help")});
    QCOMPARE(result.action, DaemonCommandLine::Action::ShowHelp);
    for (const char* option :
         {"--config", "--data-dir", "--listen", "--allow", "--smarthost ", "--smarthost-tls",
          "--smarthost-user", "--smarthost-password-file", "--max-message-size", "--tls-cert",
          "--tls-key", "--hostname", "--help", "--version", "user add NAME", "user list",
          "user delete NAME", "stdin", "[::1]:2525"})
        QVERIFY2(result.text.contains(QLatin1String(option)), option);
}

void TestDaemonCommandLine::version()
{
    const auto result = parse({QStringLiteral("--version")});
    QCOMPARE(result.action, DaemonCommandLine::Action::ShowVersion);
    QVERIFY2(result.text.contains(QLatin1String("9.8.7")), qPrintable(result.text));
}

void TestDaemonCommandLine::listenAndAllowReplaceTheFileLists()
{
    const QString ini = path(QStringLiteral("relaydesk.ini"));
    const auto fromFile = parse({QStringLiteral("--config"), ini});
    QCOMPARE(fromFile.action, DaemonCommandLine::Action::Run);
    QCOMPARE(fromFile.config.sourceFile, ini);
    QCOMPARE(fromFile.config.listeners.size(), 2);
    QCOMPARE(fromFile.config.allowedNetworks.size(), 1);

    const auto result = parse({QStringLiteral("--config"), ini, QStringLiteral("--listen"),
                               QStringLiteral("0.0.0.0:25"), QStringLiteral("--listen=[::1]:2525"),
                               QStringLiteral("--allow"), QStringLiteral("192.168.1.0/24"),
                               QStringLiteral("--allow"), QStringLiteral("fd00::/8")});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    const RelayConfig& config = result.config;
    QCOMPARE(config.listeners.size(), 2);
    QCOMPARE(config.listeners.at(0).address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config.listeners.at(0).port, quint16(25));
    QCOMPARE(config.listeners.at(1).address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(config.listeners.at(1).port, quint16(2525));
    QVERIFY(config.listeners.at(0).name != config.listeners.at(1).name);
    QCOMPARE(config.allowedNetworks.size(), 2);
    QVERIFY(config.isAllowedNetwork(QHostAddress(QStringLiteral("192.168.1.9"))));
    QVERIFY(config.isAllowedNetwork(QHostAddress(QStringLiteral("fd00::9"))));
    QVERIFY(!config.isAllowedNetwork(QHostAddress(QStringLiteral("10.1.1.1")))); // file's, replaced
    // What the options do not touch comes from the file.
    QCOMPARE(config.smarthost.host, QStringLiteral("file.example.com"));
}

void TestDaemonCommandLine::smarthostOptions()
{
    const auto result =
        parse({QStringLiteral("--smarthost"), QStringLiteral("smtp.example.com:465"),
               QStringLiteral("--smarthost-tls"), QStringLiteral("tls"),
               QStringLiteral("--smarthost-user"), QStringLiteral("relay@example.com"),
               QStringLiteral("--smarthost-password-file"), path(QStringLiteral("password"))});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    const SmarthostConfig& smarthost = result.config.smarthost;
    QCOMPARE(smarthost.host, QStringLiteral("smtp.example.com"));
    QCOMPARE(smarthost.port, quint16(465));
    QCOMPARE(smarthost.tls, SmarthostConfig::TlsMode::Tls);
    QCOMPARE(smarthost.username, QStringLiteral("relay@example.com"));
    QCOMPARE(smarthost.passwordRef.scheme, CredentialReference::Scheme::File);
    QCOMPARE(smarthost.passwordRef.name, path(QStringLiteral("password")));

    const auto defaults = parse({QStringLiteral("--smarthost"), QStringLiteral("[::1]"),
                                 QStringLiteral("--smarthost-tls"), QStringLiteral("none")});
    QCOMPARE(defaults.action, DaemonCommandLine::Action::Run);
    QCOMPARE(defaults.config.smarthost.host, QStringLiteral("::1"));
    QCOMPARE(defaults.config.smarthost.port, quint16(587));
    QCOMPARE(defaults.config.smarthost.tls, SmarthostConfig::TlsMode::None);
}

void TestDaemonCommandLine::tlsOptionsEnableStartTlsOnAllListeners()
{
    const auto result = parse({QStringLiteral("--config"), path(QStringLiteral("relaydesk.ini")),
                               QStringLiteral("--tls-cert"), path(QStringLiteral("cert.pem")),
                               QStringLiteral("--tls-key"), path(QStringLiteral("key.pem"))});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    QCOMPARE(result.config.listeners.size(), 2);
    for (const ListenerConfig& listener : result.config.listeners) {
        QCOMPARE(listener.mode, ListenerConfig::Mode::Plain);
        QCOMPARE(listener.certFile, path(QStringLiteral("cert.pem")));
        QCOMPARE(listener.keyFile, path(QStringLiteral("key.pem")));
    }
    // Also for listeners given with --listen, in any order.
    const auto listen = parse({QStringLiteral("--tls-cert"), path(QStringLiteral("cert.pem")),
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:2700"),
                               QStringLiteral("--tls-key"), path(QStringLiteral("key.pem"))});
    QCOMPARE(listen.action, DaemonCommandLine::Action::Run);
    QVERIFY(listen.config.listeners.first().hasCertificate());
}

void TestDaemonCommandLine::generalOptions()
{
    const auto result = parse({QStringLiteral("--data-dir"), QStringLiteral("relative/dir"),
                               QStringLiteral("--hostname"), QStringLiteral("relay.example.net"),
                               QStringLiteral("--max-message-size"), QStringLiteral("10M")});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    QCOMPARE(result.config.general.dataDir, QDir::current().absoluteFilePath("relative/dir"));
    QCOMPARE(result.config.general.hostname, QStringLiteral("relay.example.net"));
    QCOMPARE(result.config.limits.maxMessageSize, qint64(10 * 1024 * 1024));
}

void TestDaemonCommandLine::userCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<DaemonCommandLine::Action>("action");
    QTest::addColumn<QString>("userName");
    QTest::newRow("add") << QStringList{"--data-dir", "/tmp/x", "user", "add", "printer"}
                         << DaemonCommandLine::Action::UserAdd << "printer";
    QTest::newRow("list") << QStringList{"user", "list", "--data-dir", "/tmp/x"}
                          << DaemonCommandLine::Action::UserList << "";
    QTest::newRow("delete") << QStringList{"user", "delete", "scanner@lan", "--data-dir=/tmp/x"}
                            << DaemonCommandLine::Action::UserDelete << "scanner@lan";
}

void TestDaemonCommandLine::userCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(DaemonCommandLine::Action, action);
    QFETCH(QString, userName);
    const auto result = parse(arguments);
    QCOMPARE(result.action, action);
    QCOMPARE(result.userName, userName);
    // The accounts file lives in the data dir, so the options still apply.
    QCOMPARE(result.config.general.dataDir, QStringLiteral("/tmp/x"));
}

void TestDaemonCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("listen not host:port")
        << QStringList{"--listen", "abc"} << "--listen \"abc\": expected ADDR:PORT";
    QTest::newRow("listen bare v6")
        << QStringList{"--listen", "::1:25"} << "--listen \"::1:25\": expected ADDR:PORT";
    QTest::newRow("listen host name") << QStringList{"--listen", "relay.lan:25"}
                                      << "--listen \"relay.lan:25\": expected ADDR:PORT";
    QTest::newRow("listen no port")
        << QStringList{"--listen", "127.0.0.1"} << "--listen \"127.0.0.1\"";
    QTest::newRow("listen missing value")
        << QStringList{"--listen"} << "Missing value after '--listen'";
    QTest::newRow("listen twice the same")
        << QStringList{"--listen", "127.0.0.1:2600", "--listen", "127.0.0.1:2600"}
        << "another listener already uses 127.0.0.1 port 2600";
    QTest::newRow("allow bad") << QStringList{"--allow", "10.0.0.0/33"}
                               << "--allow \"10.0.0.0/33\": not a network in CIDR notation";
    QTest::newRow("allow open relay")
        << QStringList{"--allow", "0.0.0.0/0"} << "--allow \"0.0.0.0/0\": would make an open relay";
    QTest::newRow("smarthost") << QStringList{"--smarthost", "smtp example:25"}
                               << "--smarthost \"smtp example:25\": expected HOST[:PORT]";
    QTest::newRow("smarthost port")
        << QStringList{"--smarthost", "smtp.example.com:0"} << "--smarthost \"smtp.example.com:0\"";
    QTest::newRow("smarthost-tls") << QStringList{"--smarthost-tls", "ssl"}
                                   << "--smarthost-tls \"ssl\": expected none, starttls";
    QTest::newRow("user without password")
        << QStringList{"--smarthost", "smtp.example.com", "--smarthost-user", "u"}
        << "a username needs password-ref";
    QTest::newRow("password file missing")
        << QStringList{"--smarthost-password-file", "/nonexistent/pw"}
        << "--smarthost-password-file \"/nonexistent/pw\": no such readable file";
    QTest::newRow("size") << QStringList{"--max-message-size", "lots"}
                          << "--max-message-size \"lots\": not a size";
    QTest::newRow("size too big") << QStringList{"--max-message-size", "3G"}
                                  << "--max-message-size \"3G\": not a size";
    QTest::newRow("cert without key") << QStringList{"--tls-cert", "/etc/hostname"}
                                      << "--tls-cert and --tls-key must be given together";
    QTest::newRow("cert missing") << QStringList{"--tls-cert", "/nonexistent/c.pem", "--tls-key",
                                                 "/nonexistent/k.pem"}
                                  << "--tls-cert \"/nonexistent/c.pem\": no such readable file";
    QTest::newRow("hostname") << QStringList{"--hostname", "bad_host"}
                              << "--hostname \"bad_host\": not a valid host name";
    QTest::newRow("data-dir empty")
        << QStringList{"--data-dir", ""} << "--data-dir \"\": must not be empty";
    QTest::newRow("data-dir twice")
        << QStringList{"--data-dir", "/a", "--data-dir", "/b"} << "--data-dir given more than once";
    QTest::newRow("unknown option") << QStringList{"--bogus"} << "Unknown option 'bogus'";
    QTest::newRow("config missing") << QStringList{"--config", "/nonexistent/relaydesk.ini"}
                                    << "--config: /nonexistent/relaydesk.ini: no such file";
    QTest::newRow("user without sub-command")
        << QStringList{"user"} << "usage: user add NAME | user list";
    QTest::newRow("user add without name") << QStringList{"user", "add"} << "usage: user add";
    QTest::newRow("user list extra") << QStringList{"user", "list", "x"} << "usage: user add";
    QTest::newRow("unknown command")
        << QStringList{"frobnicate"} << "unknown command \"frobnicate\"";
}

void TestDaemonCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const auto result = parse(arguments);
    QCOMPARE(result.action, DaemonCommandLine::Action::Error);
    QVERIFY2(result.text.startsWith(QLatin1String("relaydeskd: ")), qPrintable(result.text));
    QVERIFY2(result.text.contains(expected), qPrintable(result.text));
}

QTEST_GUILESS_MAIN(TestDaemonCommandLine)
#include "TestDaemonCommandLine.moc"
