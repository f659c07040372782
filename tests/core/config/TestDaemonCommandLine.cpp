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
    void deliveryAndLimitOptions();
    void durationsAcceptPlainSeconds_data();
    void durationsAcceptPlainSeconds();
    void maxSessionsCapsThePerClientDefault();
    void authFlagsApplyToAllListeners();
    void userCommands_data();
    void userCommands();
    void secretCommands_data();
    void secretCommands();
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
    QVERIFY(QFile::setPermissions(path(QStringLiteral("password")),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    write(QStringLiteral("password-open"), "hunter2\n");
    QVERIFY(QFile::setPermissions(path(QStringLiteral("password-open")),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                      QFileDevice::ReadGroup | QFileDevice::ReadOther));
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
    for (const char* option : {"--config",
                               "--data-dir",
                               "--listen",
                               "--allow",
                               "--smarthost ",
                               "--smarthost-tls",
                               "--smarthost-user",
                               "--smarthost-password-file",
                               "--max-message-size",
                               "--tls-cert",
                               "--tls-key",
                               "--tls-key-passphrase-ref",
                               "--hostname",
                               "--help",
                               "--version",
                               "user add NAME",
                               "user list",
                               "user delete NAME",
                               "stdin",
                               "[::1]:2525",
                               "--retry-schedule",
                               "1s,2s,5s",
                               "--max-age",
                               "--smarthost-ca",
                               "--smarthost-connections",
                               "--max-recipients",
                               "--max-sessions ",
                               "--max-sessions-per-client",
                               "--command-timeout",
                               "--data-timeout",
                               "--allow-plain-auth",
                               "trusted LAN",
                               "--require-auth",
                               "secret set REF",
                               "secret delete REF",
                               "keychain:NAME",
                               "local:NAME"})
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

    // An encrypted key's passphrase reference goes with the key, to every
    // listener on it.
    const auto encrypted =
        parse({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:2700"),
               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:2701"),
               QStringLiteral("--tls-key-passphrase-ref"), QStringLiteral("systemd:tls-key"),
               QStringLiteral("--tls-cert"), path(QStringLiteral("cert.pem")),
               QStringLiteral("--tls-key"), path(QStringLiteral("key.pem"))});
    QCOMPARE(encrypted.action, DaemonCommandLine::Action::Run);
    QCOMPARE(encrypted.config.tls.keyPassphraseRef.toString(), QStringLiteral("systemd:tls-key"));
    QCOMPARE(encrypted.config.listeners.size(), 2);
    for (const ListenerConfig& listener : encrypted.config.listeners)
        QCOMPARE(listener.keyPassphraseRef.toString(), QStringLiteral("systemd:tls-key"));
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

void TestDaemonCommandLine::deliveryAndLimitOptions()
{
    const auto result = parse({QStringLiteral("--config"),
                               path(QStringLiteral("relaydesk.ini")),
                               QStringLiteral("--retry-schedule"),
                               QStringLiteral("1s, 2s,5s"),
                               QStringLiteral("--max-age"),
                               QStringLiteral("30s"),
                               QStringLiteral("--smarthost-ca"),
                               path(QStringLiteral("cert.pem")),
                               QStringLiteral("--smarthost-connections"),
                               QStringLiteral("2"),
                               QStringLiteral("--max-recipients"),
                               QStringLiteral("3"),
                               QStringLiteral("--max-sessions"),
                               QStringLiteral("10"),
                               QStringLiteral("--max-sessions-per-client"),
                               QStringLiteral("4"),
                               QStringLiteral("--command-timeout"),
                               QStringLiteral("5"),
                               QStringLiteral("--data-timeout"),
                               QStringLiteral("2m")});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    const RelayConfig& config = result.config;
    QCOMPARE(config.retry.scheduleSeconds, (QList<int>{1, 2, 5}));
    QCOMPARE(config.retry.maxAgeSeconds, 30);
    QCOMPARE(config.smarthost.caFile, path(QStringLiteral("cert.pem")));
    QCOMPARE(config.smarthost.maxConnections, 2);
    QCOMPARE(config.limits.maxRecipients, 3);
    QCOMPARE(config.limits.maxSessions, 10);
    QCOMPARE(config.limits.maxSessionsPerClient, 4);
    QCOMPARE(config.limits.commandTimeoutSeconds, 5);
    QCOMPARE(config.limits.dataTimeoutSeconds, 120);
    // Untouched by these options.
    QCOMPARE(config.smarthost.host, QStringLiteral("file.example.com"));
    QCOMPARE(config.limits.maxMessageSize, LimitsConfig{}.maxMessageSize);

    // The production-like schedule of the [retry] default, spelled out.
    const auto hours =
        parse({QStringLiteral("--retry-schedule"), QStringLiteral("1m,5m,15m,30m,1h"),
               QStringLiteral("--max-age"), QStringLiteral("5d")});
    QCOMPARE(hours.action, DaemonCommandLine::Action::Run);
    QCOMPARE(hours.config.retry.scheduleSeconds, (QList<int>{60, 300, 900, 1800, 3600}));
    QCOMPARE(hours.config.retry.maxAgeSeconds, 5 * 86400);
}

void TestDaemonCommandLine::durationsAcceptPlainSeconds_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("seconds");
    QTest::newRow("command-timeout bare") << "--command-timeout"
                                          << "7" << 7;
    QTest::newRow("data-timeout s") << "--data-timeout"
                                    << "3s" << 3;
    QTest::newRow("max-age bare") << "--max-age"
                                  << "3600" << 3600;
    QTest::newRow("max-age combined") << "--max-age"
                                      << "1d12h" << 36 * 3600;
    QTest::newRow("retry-schedule bare") << "--retry-schedule"
                                         << "2" << 2;
}

void TestDaemonCommandLine::durationsAcceptPlainSeconds()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(int, seconds);
    const auto result = parse({option, value});
    QCOMPARE(result.action, DaemonCommandLine::Action::Run);
    const RelayConfig& config = result.config;
    const int actual =
        option == QLatin1String("--command-timeout") ? config.limits.commandTimeoutSeconds
        : option == QLatin1String("--data-timeout")  ? config.limits.dataTimeoutSeconds
        : option == QLatin1String("--max-age")       ? config.retry.maxAgeSeconds
                                                     : config.retry.scheduleSeconds.first();
    QCOMPARE(actual, seconds);
}

void TestDaemonCommandLine::maxSessionsCapsThePerClientDefault()
{
    // Lowering the overall cap alone must not trip over the per-client default (20).
    const auto alone = parse({QStringLiteral("--max-sessions"), QStringLiteral("2")});
    QCOMPARE(alone.action, DaemonCommandLine::Action::Run);
    QCOMPARE(alone.config.limits.maxSessions, 2);
    QCOMPARE(alone.config.limits.maxSessionsPerClient, 2);

    const auto large = parse({QStringLiteral("--max-sessions"), QStringLiteral("500")});
    QCOMPARE(large.action, DaemonCommandLine::Action::Run);
    QCOMPARE(large.config.limits.maxSessionsPerClient, LimitsConfig{}.maxSessionsPerClient);

    // Given explicitly, a contradiction is an error, not silently fixed.
    const auto both = parse({QStringLiteral("--max-sessions"), QStringLiteral("2"),
                             QStringLiteral("--max-sessions-per-client"), QStringLiteral("3")});
    QCOMPARE(both.action, DaemonCommandLine::Action::Error);
    QVERIFY2(both.text.contains(QLatin1String("[limits] max-sessions-per-client: larger than "
                                              "max-sessions (2)")),
             qPrintable(both.text));
}

void TestDaemonCommandLine::authFlagsApplyToAllListeners()
{
    const QString ini = path(QStringLiteral("relaydesk.ini"));
    const auto off = parse({QStringLiteral("--config"), ini});
    QCOMPARE(off.action, DaemonCommandLine::Action::Run);
    for (const ListenerConfig& listener : off.config.listeners) {
        QVERIFY(!listener.requireAuth);
        QVERIFY(!listener.allowPlainAuth);
    }

    const auto fromFile = parse({QStringLiteral("--config"), ini, QStringLiteral("--require-auth"),
                                 QStringLiteral("--allow-plain-auth")});
    QCOMPARE(fromFile.action, DaemonCommandLine::Action::Run);
    QCOMPARE(fromFile.config.listeners.size(), 2);
    for (const ListenerConfig& listener : fromFile.config.listeners) {
        QVERIFY(listener.requireAuth);
        QVERIFY(listener.allowPlainAuth);
    }

    // Each flag alone, and on listeners from --listen given after the flag.
    const auto listen = parse({QStringLiteral("--allow-plain-auth"), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1:2700"), QStringLiteral("--listen"),
                               QStringLiteral("[::1]:2700")});
    QCOMPARE(listen.action, DaemonCommandLine::Action::Run);
    QCOMPARE(listen.config.listeners.size(), 2);
    for (const ListenerConfig& listener : listen.config.listeners) {
        QVERIFY(!listener.requireAuth);
        QVERIFY(listener.allowPlainAuth);
    }
    const auto require = parse({QStringLiteral("--require-auth")});
    QCOMPARE(require.action, DaemonCommandLine::Action::Run);
    QVERIFY(require.config.listeners.first().requireAuth);
    QVERIFY(!require.config.listeners.first().allowPlainAuth);
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

void TestDaemonCommandLine::secretCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<DaemonCommandLine::Action>("action");
    QTest::addColumn<QString>("reference");
    QTest::newRow("set keychain") << QStringList{"--data-dir", "/tmp/x", "secret", "set",
                                                 "keychain:smarthost"}
                                  << DaemonCommandLine::Action::SecretSet << "keychain:smarthost";
    QTest::newRow("set local") << QStringList{"secret", "set", "local:smarthost", "--data-dir",
                                              "/tmp/x"}
                               << DaemonCommandLine::Action::SecretSet << "local:smarthost";
    QTest::newRow("delete") << QStringList{"--data-dir=/tmp/x", "secret", "delete", "local:a.b-c_d"}
                            << DaemonCommandLine::Action::SecretDelete << "local:a.b-c_d";
}

void TestDaemonCommandLine::secretCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(DaemonCommandLine::Action, action);
    QFETCH(QString, reference);
    const auto result = parse(arguments);
    QCOMPARE(result.action, action);
    QCOMPARE(result.secretRef.toString(), reference);
    QVERIFY(result.userName.isEmpty());
    // local: secrets live in the data dir.
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
    QTest::newRow("password file open to others")
        << QStringList{"--smarthost-password-file", "@DIR@/password-open"}
        << "--smarthost-password-file \"@DIR@/password-open\": @DIR@/password-open: accessible "
           "by group or others (mode 0644); it holds a secret, run: chmod 600";
    QTest::newRow("size") << QStringList{"--max-message-size", "lots"}
                          << "--max-message-size \"lots\": not a size";
    QTest::newRow("size too big") << QStringList{"--max-message-size", "3G"}
                                  << "--max-message-size \"3G\": not a size";
    QTest::newRow("cert without key") << QStringList{"--tls-cert", "/etc/hostname"}
                                      << "--tls-cert and --tls-key must be given together";
    QTest::newRow("cert missing") << QStringList{"--tls-cert", "/nonexistent/c.pem", "--tls-key",
                                                 "/nonexistent/k.pem"}
                                  << "--tls-cert \"/nonexistent/c.pem\": no such readable file";
    QTest::newRow("passphrase ref without key")
        << QStringList{"--tls-key-passphrase-ref", "local:tls-key"}
        << "--tls-key-passphrase-ref needs --tls-key";
    QTest::newRow("passphrase instead of ref") << QStringList{"--tls-cert",
                                                              "/etc/hostname",
                                                              "--tls-key",
                                                              "/etc/hostname",
                                                              "--tls-key-passphrase-ref",
                                                              "hunter2"}
                                               << "--tls-key-passphrase-ref: ";
    QTest::newRow("bad passphrase ref") << QStringList{"--tls-cert",
                                                       "/etc/hostname",
                                                       "--tls-key",
                                                       "/etc/hostname",
                                                       "--tls-key-passphrase-ref",
                                                       "local:"}
                                        << "--tls-key-passphrase-ref \"local:\": ";
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

    // Delivery and limit options.
    QTest::newRow("retry-schedule bad") << QStringList{"--retry-schedule", "1s,soon"}
                                        << "--retry-schedule \"1s,soon\": expected a comma "
                                           "separated list of durations";
    QTest::newRow("retry-schedule empty")
        << QStringList{"--retry-schedule", ","} << "--retry-schedule \",\": expected a comma";
    QTest::newRow("retry-schedule zero")
        << QStringList{"--retry-schedule", "0s"} << "--retry-schedule \"0s\"";
    QTest::newRow("retry-schedule twice")
        << QStringList{"--retry-schedule", "1s", "--retry-schedule", "2s"}
        << "--retry-schedule given more than once";
    QTest::newRow("max-age bad") << QStringList{"--max-age", "forever"}
                                 << "--max-age \"forever\": not a duration";
    QTest::newRow("max-age too long") << QStringList{"--max-age", "366d"}
                                      << "--max-age \"366d\": not a duration between 1s "
                                         "and 31536000s";
    QTest::newRow("max-age below first delay")
        << QStringList{"--retry-schedule", "1m", "--max-age", "30s"}
        << "[retry] max-age: shorter than the first retry delay (after applying the command "
           "line options)";
    QTest::newRow("smarthost-ca missing")
        << QStringList{"--smarthost-ca", "/nonexistent/ca.pem"}
        << "--smarthost-ca \"/nonexistent/ca.pem\": no such readable file";
    QTest::newRow("smarthost-connections zero")
        << QStringList{"--smarthost-connections", "0"}
        << "--smarthost-connections \"0\": not a whole number between 1 and 100";
    QTest::newRow("smarthost-connections too many")
        << QStringList{"--smarthost-connections", "101"} << "--smarthost-connections \"101\"";
    QTest::newRow("max-recipients text") << QStringList{"--max-recipients", "many"}
                                         << "--max-recipients \"many\": not a whole number "
                                            "between 1 and 100000";
    QTest::newRow("max-recipients negative")
        << QStringList{"--max-recipients", "-1"} << "--max-recipients \"-1\"";
    QTest::newRow("max-sessions zero")
        << QStringList{"--max-sessions", "0"} << "--max-sessions \"0\": not a whole number";
    QTest::newRow("max-sessions-per-client too many")
        << QStringList{"--max-sessions-per-client", "100001"}
        << "--max-sessions-per-client \"100001\": not a whole number";
    QTest::newRow("max-sessions-per-client above default max-sessions")
        << QStringList{"--max-sessions-per-client", "101"}
        << "max-sessions-per-client: larger than max-sessions (100)";
    QTest::newRow("command-timeout zero")
        << QStringList{"--command-timeout", "0"} << "--command-timeout \"0\": not a duration";
    QTest::newRow("command-timeout too long") << QStringList{"--command-timeout", "2d"}
                                              << "--command-timeout \"2d\": not a duration "
                                                 "between 1s and 86400s";
    QTest::newRow("data-timeout bad")
        << QStringList{"--data-timeout", "1.5"} << "--data-timeout \"1.5\": not a duration";
    QTest::newRow("max-recipients twice")
        << QStringList{"--max-recipients", "1", "--max-recipients", "2"}
        << "--max-recipients given more than once";
    QTest::newRow("no verify option")
        << QStringList{"--smarthost-no-verify"} << "Unknown option 'smarthost-no-verify'";

    // secret commands.
    QTest::newRow("secret without sub-command")
        << QStringList{"secret"}
        << "usage: user add NAME | user list | user delete NAME | "
           "secret set REF | secret delete REF";
    QTest::newRow("secret set without ref") << QStringList{"secret", "set"} << "usage: ";
    QTest::newRow("secret list") << QStringList{"secret", "list"} << "usage: ";
    QTest::newRow("secret set extra") << QStringList{"secret", "set", "local:a", "b"} << "usage: ";
    QTest::newRow("secret no scheme") << QStringList{"secret", "set", "smarthost"}
                                      << "secret set \"smarthost\": not a credential reference; "
                                         "expected keychain:NAME, local:NAME";
    QTest::newRow("secret unknown scheme")
        << QStringList{"secret", "delete", "vault:x"}
        << "secret delete \"vault:x\": unknown credential scheme \"vault\"";
    QTest::newRow("secret bad name") << QStringList{"secret", "set", "local:a/b"}
                                     << "secret set \"local:a/b\": invalid credential name";
    QTest::newRow("secret file reference")
        << QStringList{"secret", "set", "file:/etc/relaydesk/pw"}
        << "secret set \"file:/etc/relaydesk/pw\": a file: reference is a file you manage "
           "yourself";
    QTest::newRow("secret systemd reference")
        << QStringList{"secret", "delete", "systemd:smarthost"}
        << "secret delete \"systemd:smarthost\": a systemd: credential is set in the relaydeskd "
           "unit (LoadCredential=";
}

void TestDaemonCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    arguments.replaceInStrings(QStringLiteral("@DIR@"), m_dir.path());
    expected.replace(QStringLiteral("@DIR@"), m_dir.path());
    const auto result = parse(arguments);
    QCOMPARE(result.action, DaemonCommandLine::Action::Error);
    QVERIFY2(!result.text.contains(QLatin1String("hunter2")), "never echo a secret");
    QVERIFY2(result.text.startsWith(QLatin1String("relaydeskd: ")), qPrintable(result.text));
    QVERIFY2(result.text.contains(expected), qPrintable(result.text));
}

QTEST_GUILESS_MAIN(TestDaemonCommandLine)
#include "TestDaemonCommandLine.moc"
