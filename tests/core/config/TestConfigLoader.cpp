#include "config/ConfigLoader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Config;

/// Loading relaydesk.ini: every key, the defaults, and one precise error
/// (file:line: [section] key ...) for each kind of mistake.
class TestConfigLoader final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void emptyFileGivesDefaults();
    void builtInDefaults();
    void fullFile();
    void relativePathsAndInheritedCertificate();
    void keyPassphraseGoesWithTheKey();
    void quotingCommentsAndGeneralCase();
    void passwordFileReference();
    void emptyAllowedNetworks();
    void sampleFileLoads();
    void missingFile();
    void errors_data();
    void errors();
    void secretIsRejectedWithoutEchoingIt_data();
    void secretIsRejectedWithoutEchoingIt();
    void secretTypedIntoReferenceIsNotEchoed_data();
    void secretTypedIntoReferenceIsNotEchoed();
    void plaintextSecretsCollectedForMigration();
    void namedSmarthostsAndRoutes();
    void presetExpansion_data();
    void presetExpansion();
    void routeErrors_data();
    void routeErrors();

private:
    /// Writes the INI text (with @DIR@ replaced by the temp dir) and loads it.
    std::optional<RelayConfig> load(const QString& text, QString* error);
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigLoader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("relaydesk.ini"));
    // Stand-ins for PEM files: the loader checks that they are readable
    // files; parsing them is the TLS layer's job.
    for (const char* name : {"cert.pem", "key.pem", "ca.pem", "own.pem", "own.key"}) {
        QFile file(m_dir->filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-----BEGIN-----\n");
    }
    for (const char* name : {"secret", "secret-open"}) {
        QFile file(m_dir->filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hunter2\n");
    }
    QVERIFY(QFile::setPermissions(m_dir->filePath(QStringLiteral("secret")),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(QFile::setPermissions(m_dir->filePath(QStringLiteral("secret-open")),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                      QFileDevice::ReadGroup));
}

std::optional<RelayConfig> TestConfigLoader::load(const QString& text, QString* error)
{
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::nullopt;
    file.write(QString(text).replace(QStringLiteral("@DIR@"), m_dir->path()).toUtf8());
    file.close();
    return ConfigLoader::load(m_path, error);
}

void TestConfigLoader::emptyFileGivesDefaults()
{
    QString error;
    const auto config = load(QString(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->sourceFile, m_path);
    QCOMPARE(config->listeners.size(), 1);
    QCOMPARE(config->listeners.first().address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->listeners.first().port, quint16(2525));
    QCOMPARE(config->allowedNetworks.size(), 2);
    QCOMPARE(config->allowedNetworks.at(0).toString(), QStringLiteral("127.0.0.0/8"));
    QCOMPARE(config->allowedNetworks.at(1).toString(), QStringLiteral("::1/128"));
}

void TestConfigLoader::builtInDefaults()
{
    const RelayConfig config;
    QCOMPARE(config.listeners.size(), 1);
    const ListenerConfig& listener = config.listeners.first();
    QCOMPARE(listener.address.toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(listener.port, quint16(2525));
    QCOMPARE(listener.mode, ListenerConfig::Mode::Plain);
    QCOMPARE(listener.minTls, TlsVersion::V1_2);
    QVERIFY(!listener.requireAuth);
    QVERIFY(!listener.allowPlainAuth);
    QVERIFY(!listener.hasCertificate());
    QVERIFY(config.isAllowedNetwork(QHostAddress(QStringLiteral("127.0.0.1"))));
    QVERIFY(config.isAllowedNetwork(QHostAddress(QStringLiteral("::1"))));
    QVERIFY(!config.isAllowedNetwork(QHostAddress(QStringLiteral("192.168.1.2"))));
    QCOMPARE(config.limits.maxMessageSize, qint64(25 * 1024 * 1024));
    QCOMPARE(config.limits.maxRecipients, 100);
    QCOMPARE(config.limits.maxSessions, 100);
    QCOMPARE(config.limits.maxSessionsPerClient, 20);
    QCOMPARE(config.limits.maxBadCommands, 10);
    QCOMPARE(config.limits.commandTimeoutSeconds, 300);
    QCOMPARE(config.limits.dataTimeoutSeconds, 180);
    QCOMPARE(config.retry.scheduleSeconds, (QList<int>{60, 300, 900, 1800, 3600}));
    QCOMPARE(config.retry.maxAgeSeconds, 5 * 86400);
    QCOMPARE(config.retry.delayWarningSeconds, 4 * 3600);
    QVERIFY(config.general.dnsServer.isNull());
    QVERIFY(!config.smarthost.isEnabled());
    QCOMPARE(config.smarthost.tls, SmarthostConfig::TlsMode::StartTls);
    QVERIFY(config.smarthost.verify);
    QVERIFY(!config.general.hostname.isEmpty());
    QVERIFY(!config.general.dataDir.isEmpty());
    QCOMPARE(config.smarthostHeloName(), config.general.hostname);
    QVERIFY(config.crossCheck().message.isEmpty());
}

void TestConfigLoader::fullFile()
{
    const QString text = QStringLiteral(R"([general]
data-dir = /var/lib/relaydesk-test
hostname = relay.example.com
dns-server = 127.0.0.53

[tls]
cert-file = @DIR@/cert.pem
key-file = @DIR@/key.pem

[listener.lan]
address = 0.0.0.0
port = 25
mode = plain
min-tls = 1.3
require-auth = false
allow-plain-auth = yes

[listener.submissions]
address = ::
port = 465
mode = tls
require-auth = true

[relay]
allowed-networks = 192.168.1.0/24, fd00::/8

[limits]
max-message-size = 10M
max-recipients = 50
max-sessions = 40
max-sessions-per-client = 5
max-bad-commands = 3
command-timeout = 2m
data-timeout = 90s

[smarthost]
host = smtp.office365.com
port = 587
tls = starttls
verify = false
ca-file = @DIR@/ca.pem
username = relay@example.com
password-ref = keychain:smarthost
helo-name = mail.example.com
max-connections = 2
messages-per-connection = 20

[retry]
schedule = 30s,2m,10m
max-age = 2d
delay-warning = 90m
)");
    QString error;
    const auto config = load(text, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->general.dataDir, QStringLiteral("/var/lib/relaydesk-test"));
    QCOMPARE(config->general.hostname, QStringLiteral("relay.example.com"));
    QCOMPARE(config->tls.certFile, m_dir->filePath(QStringLiteral("cert.pem")));
    QCOMPARE(config->listeners.size(), 2);
    const ListenerConfig& lan = config->listeners.at(0);
    QCOMPARE(lan.name, QStringLiteral("lan"));
    QCOMPARE(lan.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(lan.port, quint16(25));
    QCOMPARE(lan.mode, ListenerConfig::Mode::Plain);
    QCOMPARE(lan.minTls, TlsVersion::V1_3);
    QVERIFY(!lan.requireAuth);
    QVERIFY(lan.allowPlainAuth);
    QCOMPARE(lan.certFile, m_dir->filePath(QStringLiteral("cert.pem"))); // from [tls]
    const ListenerConfig& submissions = config->listeners.at(1);
    QCOMPARE(submissions.name, QStringLiteral("submissions"));
    QCOMPARE(submissions.address, QHostAddress(QHostAddress::AnyIPv6));
    QCOMPARE(submissions.port, quint16(465));
    QCOMPARE(submissions.mode, ListenerConfig::Mode::Tls);
    QCOMPARE(submissions.minTls, TlsVersion::V1_2);
    QVERIFY(submissions.requireAuth);
    QCOMPARE(submissions.keyFile, m_dir->filePath(QStringLiteral("key.pem")));
    QCOMPARE(config->allowedNetworks.size(), 2);
    QVERIFY(config->isAllowedNetwork(QHostAddress(QStringLiteral("192.168.1.77"))));
    QVERIFY(config->isAllowedNetwork(QHostAddress(QStringLiteral("fd12::5"))));
    // The list replaces the default: loopback is no longer allowed.
    QVERIFY(!config->isAllowedNetwork(QHostAddress(QStringLiteral("127.0.0.1"))));
    QCOMPARE(config->limits.maxMessageSize, qint64(10 * 1024 * 1024));
    QCOMPARE(config->limits.maxRecipients, 50);
    QCOMPARE(config->limits.maxSessions, 40);
    QCOMPARE(config->limits.maxSessionsPerClient, 5);
    QCOMPARE(config->limits.maxBadCommands, 3);
    QCOMPARE(config->limits.commandTimeoutSeconds, 120);
    QCOMPARE(config->limits.dataTimeoutSeconds, 90);
    const SmarthostConfig& smarthost = config->smarthost;
    QVERIFY(smarthost.isEnabled());
    QCOMPARE(smarthost.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(smarthost.port, quint16(587));
    QCOMPARE(smarthost.tls, SmarthostConfig::TlsMode::StartTls);
    QVERIFY(!smarthost.verify);
    QCOMPARE(smarthost.caFile, m_dir->filePath(QStringLiteral("ca.pem")));
    QCOMPARE(smarthost.username, QStringLiteral("relay@example.com"));
    QCOMPARE(smarthost.passwordRef.scheme, CredentialReference::Scheme::Keychain);
    QCOMPARE(smarthost.passwordRef.name, QStringLiteral("smarthost"));
    QCOMPARE(config->smarthostHeloName(), QStringLiteral("mail.example.com"));
    QCOMPARE(smarthost.maxConnections, 2);
    QCOMPARE(smarthost.messagesPerConnection, 20);
    QCOMPARE(config->retry.scheduleSeconds, (QList<int>{30, 120, 600}));
    QCOMPARE(config->retry.maxAgeSeconds, 2 * 86400);
    QCOMPARE(config->retry.delayWarningSeconds, 90 * 60);
    QCOMPARE(config->general.dnsServer, QHostAddress(QStringLiteral("127.0.0.53")));
}

void TestConfigLoader::relativePathsAndInheritedCertificate()
{
    QString error;
    const auto config = load(QStringLiteral("[general]\ndata-dir = data\n"
                                            "[tls]\ncert-file = cert.pem\nkey-file = key.pem\n"
                                            "[listener.a]\nport = 2525\n"
                                            "[listener.b]\nport = 2526\ncert-file = own.pem\n"
                                            "key-file = own.key\n"),
                             &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->general.dataDir, m_dir->filePath(QStringLiteral("data")));
    QCOMPARE(config->listeners.at(0).certFile, m_dir->filePath(QStringLiteral("cert.pem")));
    QCOMPARE(config->listeners.at(1).certFile, m_dir->filePath(QStringLiteral("own.pem")));
    QCOMPARE(config->listeners.at(1).keyFile, m_dir->filePath(QStringLiteral("own.key")));

    // Without [listener.*] sections the default listener gets [tls].
    const auto single =
        load(QStringLiteral("[tls]\ncert-file = cert.pem\nkey-file = key.pem\n"), &error);
    QVERIFY2(single, qPrintable(error));
    QCOMPARE(single->listeners.size(), 1);
    QVERIFY(single->listeners.first().hasCertificate());
}

void TestConfigLoader::keyPassphraseGoesWithTheKey()
{
    QString error;
    const auto config = load(QStringLiteral("[tls]\ncert-file = cert.pem\nkey-file = key.pem\n"
                                            "key-passphrase-ref = keychain:tls-key\n"
                                            "[listener.a]\nport = 2525\n"
                                            "[listener.b]\nport = 2526\ncert-file = own.pem\n"
                                            "key-file = own.key\n"
                                            "[listener.c]\nport = 2527\ncert-file = own.pem\n"
                                            "key-file = own.key\nkey-passphrase-ref = local:c\n"),
                             &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->tls.keyPassphraseRef.toString(), QStringLiteral("keychain:tls-key"));
    // a inherits [tls]'s key and with it the passphrase; b's own key is in
    // the clear (no inheritance); c names its own.
    QCOMPARE(config->listeners.at(0).keyPassphraseRef.toString(),
             QStringLiteral("keychain:tls-key"));
    QVERIFY(config->listeners.at(1).keyPassphraseRef.isNull());
    QCOMPARE(config->listeners.at(2).keyPassphraseRef.toString(), QStringLiteral("local:c"));

    // Without listener sections the default listener gets [tls]'s.
    const auto single = load(QStringLiteral("[tls]\ncert-file = cert.pem\nkey-file = key.pem\n"
                                            "key-passphrase-ref = local:tls-key\n"),
                             &error);
    QVERIFY2(single, qPrintable(error));
    QCOMPARE(single->listeners.first().keyPassphraseRef.toString(),
             QStringLiteral("local:tls-key"));
}

void TestConfigLoader::quotingCommentsAndGeneralCase()
{
    QString error;
    const auto config = load(QStringLiteral("\uFEFF# comment after a BOM\n; another\n[General]\n"
                                            "hostname = \"relay.example.org\"\n"
                                            "[relay]\nallowed-networks = \"10.0.0.0/8, "
                                            "::1/128\"\n"
                                            "[retry]\nschedule = 1m, 10m ; trailing comment\n"),
                             &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->general.hostname, QStringLiteral("relay.example.org"));
    QCOMPARE(config->allowedNetworks.size(), 2);
    QCOMPARE(config->retry.scheduleSeconds, (QList<int>{60, 600}));
}

void TestConfigLoader::passwordFileReference()
{
    QString error;
    const auto config = load(QStringLiteral("[smarthost]\nhost = ::1\ntls = none\nusername = u\n"
                                            "password-ref = file:@DIR@/secret\n"),
                             &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->smarthost.passwordRef.scheme, CredentialReference::Scheme::File);
    QCOMPARE(config->smarthost.passwordRef.name, m_dir->filePath(QStringLiteral("secret")));
    // tls = none with AUTH is accepted for a loopback upstream only.
    QCOMPARE(config->smarthost.tls, SmarthostConfig::TlsMode::None);
}

void TestConfigLoader::emptyAllowedNetworks()
{
    // Empty list: nobody relays without AUTH.
    QString error;
    const auto config = load(QStringLiteral("[relay]\nallowed-networks =\n"), &error);
    QVERIFY2(config, qPrintable(error));
    QVERIFY(config->allowedNetworks.isEmpty());
    QVERIFY(!config->isAllowedNetwork(QHostAddress(QStringLiteral("127.0.0.1"))));
}

void TestConfigLoader::sampleFileLoads()
{
    QString error;
    const auto config = ConfigLoader::load(QStringLiteral(RELAYDESK_SAMPLE_INI), &error);
    QVERIFY2(config, qPrintable(error));
    QVERIFY(!config->listeners.isEmpty());
    QVERIFY(config->smarthost.isEnabled());
    QVERIFY(!config->smarthost.passwordRef.isNull());
}

void TestConfigLoader::missingFile()
{
    QString error;
    const QString path = m_dir->filePath(QStringLiteral("nope.ini"));
    QVERIFY(!ConfigLoader::load(path, &error));
    QCOMPARE(error, path + QStringLiteral(": no such file"));
}

void TestConfigLoader::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("expected"); // follows "file:line: "

    QTest::newRow("smarthost port not a number")
        << "[smarthost]\nhost = smtp.example.com\nport = abc\n"
        << 3 << "[smarthost] port = \"abc\": not a port number (1-65535)";
    QTest::newRow("smarthost port zero") << "[smarthost]\nport = 0\n"
                                         << 2 << "[smarthost] port = \"0\": not a port number";
    QTest::newRow("listener port too big") << "[listener.lan]\nport = 70000\n"
                                           << 2 << "[listener.lan] port = \"70000\": not a port";
    QTest::newRow("listener address") << "[listener.lan]\naddress = lan.local\n"
                                      << 2 << "[listener.lan] address = \"lan.local\": not an IP";
    QTest::newRow("listener mode")
        << "[listener.lan]\nmode = starttls\n"
        << 2 << "[listener.lan] mode = \"starttls\": expected plain or tls";
    QTest::newRow("min-tls") << "[listener.lan]\nmin-tls = 1.4\n"
                             << 2
                             << "[listener.lan] min-tls = \"1.4\": expected 1.0, 1.1, 1.2 or 1.3";
    QTest::newRow("bool") << "[listener.lan]\nrequire-auth = maybe\n"
                          << 2 << "[listener.lan] require-auth = \"maybe\": expected true or false";
    QTest::newRow("tls mode without certificate")
        << "[listener.smtps]\nport = 465\nmode = tls\n"
        << 3 << "[listener.smtps] mode: mode tls needs a certificate";
    QTest::newRow("cert without key") << "[listener.a]\ncert-file = @DIR@/cert.pem\n"
                                      << 2 << "[listener.a] cert-file: cert-file and key-file must";
    QTest::newRow("tls key without cert") << "[tls]\nkey-file = @DIR@/key.pem\n"
                                          << 2 << "[tls] key-file: cert-file and key-file must";
    QTest::newRow("listener passphrase without its own key")
        << "[tls]\ncert-file = @DIR@/cert.pem\nkey-file = @DIR@/key.pem\n"
           "[listener.a]\nport = 2525\nkey-passphrase-ref = local:a\n"
        << 6 << "[listener.a] key-passphrase-ref: belongs to a key-file";
    QTest::newRow("passphrase in clear")
        << "[tls]\ncert-file = @DIR@/cert.pem\nkey-file = @DIR@/key.pem\n"
           "key-passphrase = hunter2\n"
        << 4 << "[tls] key-passphrase: secrets must not be stored";
    QTest::newRow("listener name") << "[listener.a b]\nport = 25\n"
                                   << 1 << "[listener.a b]: listener names are";
    QTest::newRow("same endpoint twice")
        << "[listener.a]\nport = 2600\n[listener.b]\nport = 2600\n"
        << 4 << "[listener.b] port: another listener already uses 127.0.0.1 port 2600";
    QTest::newRow("cert file missing") << "[tls]\ncert-file = @DIR@/missing.pem\n"
                                       << 2
                                       << "[tls] cert-file = \"@DIR@/missing.pem\": "
                                          "@DIR@/missing.pem: no such file";
    QTest::newRow("bad cidr") << "[relay]\nallowed-networks = 10.0.0.0/8, 10.0.0.0/33\n"
                              << 2 << "\"10.0.0.0/33\" is not a network in CIDR notation";
    QTest::newRow("open relay v4") << "[relay]\nallowed-networks = 0.0.0.0/0\n"
                                   << 2 << "would relay for the whole Internet";
    QTest::newRow("open relay v6") << "[relay]\nallowed-networks = ::/0\n"
                                   << 2 << "would relay for the whole Internet";
    QTest::newRow("size word") << "[limits]\nmax-message-size = lots\n"
                               << 2 << "[limits] max-message-size = \"lots\": not a size";
    QTest::newRow("size too small") << "[limits]\nmax-message-size = 10\n"
                                    << 2 << "[limits] max-message-size = \"10\": not a size";
    QTest::newRow("recipients zero") << "[limits]\nmax-recipients = 0\n"
                                     << 2
                                     << "[limits] max-recipients = \"0\": not a whole number "
                                        "between 1 and 100000";
    QTest::newRow("timeout unit") << "[limits]\ncommand-timeout = 5x\n"
                                  << 2 << "[limits] command-timeout = \"5x\": not a duration";
    QTest::newRow("timeout too long") << "[limits]\ndata-timeout = 2d\n"
                                      << 2 << "[limits] data-timeout = \"2d\": not a duration";
    QTest::newRow("per client above overall")
        << "[limits]\nmax-sessions = 10\nmax-sessions-per-client = 11\n"
        << 3 << "[limits] max-sessions-per-client: larger than max-sessions (10)";
    QTest::newRow("per client above default overall") << "[limits]\nmax-sessions-per-client = "
                                                         "101\n"
                                                      << 2 << "larger than max-sessions (100)";
    QTest::newRow("smarthost tls") << "[smarthost]\ntls = ssl\n"
                                   << 2
                                   << "[smarthost] tls = \"ssl\": expected none, starttls, "
                                      "opportunistic or tls";
    QTest::newRow("smarthost host") << "[smarthost]\nhost = smtp example com\n"
                                    << 2 << "[smarthost] host = \"smtp example com\": not a host";
    QTest::newRow("username without password-ref")
        << "[smarthost]\nhost = smtp.example.com\nusername = relay\n"
        << 3 << "[smarthost] username: a username needs password-ref";
    QTest::newRow("password-ref without username")
        << "[smarthost]\nhost = smtp.example.com\npassword-ref = keychain:x\n"
        << 3 << "[smarthost] password-ref: password-ref without username";
    QTest::newRow("password-ref scheme") << "[smarthost]\npassword-ref = vault:x\n"
                                         << 2
                                         << "[smarthost] password-ref: not a credential "
                                            "reference (keychain:NAME";
    QTest::newRow("password-ref relative file") << "[smarthost]\npassword-ref = file:pw.txt\n"
                                                << 2 << "needs an absolute path";
    QTest::newRow("password-ref file missing")
        << "[smarthost]\nhost = a.example\nusername = u\npassword-ref = file:@DIR@/none\n"
        << 4 << "[smarthost] password-ref = \"file:@DIR@/none\": @DIR@/none: no such file";
    QTest::newRow("password-ref file open to group")
        << "[smarthost]\nhost = a.example\nusername = u\npassword-ref = file:@DIR@/secret-open\n"
        << 4 << "@DIR@/secret-open: accessible by group or others (mode 0640)";
    QTest::newRow("clear-text AUTH to a remote host")
        << "[smarthost]\nhost = smtp.example.com\ntls = none\nusername = u\n"
           "password-ref = keychain:s\n"
        << 3 << "[smarthost] tls: tls = none with a username would send the password in clear";
    QTest::newRow("retry schedule") << "[retry]\nschedule = 1m, soon\n"
                                    << 2
                                    << "[retry] schedule = \"1m, soon\": expected a comma "
                                       "separated list of durations";
    QTest::newRow("retry max-age zero") << "[retry]\nmax-age = 0\n"
                                        << 2 << "[retry] max-age = \"0\": not a duration";
    QTest::newRow("max-age below first delay") << "[retry]\nschedule = 2h\nmax-age = 1h\n"
                                               << 3 << "[retry] max-age: shorter than the first";
    QTest::newRow("unknown section") << "[general]\nhostname = a\n\n[smarthots]\nhost = x\n"
                                     << 4 << "[smarthots]: unknown section";
    QTest::newRow("unknown key") << "[smarthost]\nhots = smtp.example.com\n"
                                 << 2 << "[smarthost] hots: unknown key (known keys: host, port";
    QTest::newRow("key case matters") << "[smarthost]\nPort = 25\n"
                                      << 2 << "[smarthost] Port: unknown key";
    QTest::newRow("line without equals") << "[general]\nhostname relay\n"
                                         << 2 << "\"hostname relay\": expected key = value";
    QTest::newRow("key outside section") << "hostname = relay\n"
                                         << 1 << "hostname: key outside a section";
    QTest::newRow("repeated key") << "[smarthost]\nport = 25\nport = 587\n"
                                  << 3 << "[smarthost] port: repeats the key of line 2";
    QTest::newRow("repeated section") << "[limits]\n[smarthost]\n[limits]\n"
                                      << 3 << "[limits] repeats the section of line 1";
    QTest::newRow("comma in scalar") << "[general]\nhostname = a,b\n"
                                     << 2 << "[general] hostname = \"a,b\": unexpected comma";
    QTest::newRow("bad hostname") << "[general]\nhostname = bad_host!\n"
                                  << 2
                                  << "[general] hostname = \"bad_host!\": not a valid host name";
    QTest::newRow("bad dns-server")
        << "[general]\nhostname = relay.example\ndns-server = ns1.example\n"
        << 3 << "[general] dns-server = \"ns1.example\": not an IP address";
    QTest::newRow("empty data-dir") << "[general]\ndata-dir =\n"
                                    << 2 << "[general] data-dir = \"\": must not be empty";
    QTest::newRow("malformed header") << "[general\n" << 1 << "malformed section header";
    QTest::newRow("first error wins") << "[limits]\nmax-recipients = x\nmax-sessions = y\n"
                                      << 2 << "max-recipients";
}

void TestConfigLoader::errors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!load(text, &error));
    const QString prefix = QStringLiteral("%1:%2: ").arg(m_path).arg(line);
    QVERIFY2(error.startsWith(prefix), qPrintable(error));
    expected.replace(QStringLiteral("@DIR@"), m_dir->path());
    QVERIFY2(error.mid(prefix.size()).contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), "one line per error");
}

void TestConfigLoader::secretIsRejectedWithoutEchoingIt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("password") << "[smarthost]\nhost = smtp.example.com\npassword = hunter2\n" << 3;
    QTest::newRow("in general") << "[general]\nsmtp-password = hunter2\n" << 2;
    QTest::newRow("secret") << "[smarthost]\nclient-secret = hunter2\n" << 2;
    QTest::newRow("token") << "[smarthost]\ntoken = hunter2\n" << 2;
    QTest::newRow("in unknown section") << "[oauth]\npasswd = hunter2\n" << 1;
    QTest::newRow("key passphrase") << "[tls]\nkey-passphrase = hunter2\n" << 2;
    QTest::newRow("listener key passphrase") << "[listener.lan]\nkey-passphrase = hunter2\n" << 2;
}

void TestConfigLoader::secretIsRejectedWithoutEchoingIt()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QString error;
    QVERIFY(!load(text, &error));
    QVERIFY2(error.startsWith(QStringLiteral("%1:%2: ").arg(m_path).arg(line)), qPrintable(error));
    if (!text.startsWith(QLatin1String("[oauth]"))) {
        QVERIFY2(error.contains(QLatin1String("secrets must not be stored")), qPrintable(error));
        // The reference key that goes with the secret.
        const QString refKey = text.contains(QLatin1String("key-passphrase"))
                                   ? QStringLiteral("key-passphrase-ref = keychain:")
                                   : QStringLiteral("password-ref = keychain:");
        QVERIFY2(error.contains(refKey), qPrintable(error));
    }
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
}

void TestConfigLoader::secretTypedIntoReferenceIsNotEchoed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("password-ref") << "[smarthost]\nusername = u\npassword-ref = hunter2\n"
                                  << "[smarthost] password-ref: not a credential reference";
    QTest::newRow("with a colon") << "[smarthost]\nusername = u\npassword-ref = hunter2:x\n"
                                  << "[smarthost] password-ref: not a credential reference";
    QTest::newRow("key-passphrase-ref")
        << "[tls]\ncert-file = @DIR@/cert.pem\nkey-file = @DIR@/key.pem\n"
           "key-passphrase-ref = hunter2\n"
        << "[tls] key-passphrase-ref: not a credential reference";
    // A known scheme with a bad name is a reference, and shown.
    QTest::newRow("bad name shown") << "[smarthost]\nusername = u\npassword-ref = local:a b\n"
                                    << "password-ref = \"local:a b\": invalid credential name";
}

void TestConfigLoader::secretTypedIntoReferenceIsNotEchoed()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!load(text.replace(QStringLiteral("@DIR@"), m_dir->path()), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
}

void TestConfigLoader::plaintextSecretsCollectedForMigration()
{
    // The desktop app's mode: secrets are listed, left out, and a smarthost
    // refers to the keychain entry that moving its password there creates.
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[smarthost]\nhost = smtp.example.com\nusername = u@example.com\n"
               "password = hunter2\n\n[smarthost.m365]\nhost = m.example\n"
               "username = v\npassword = hunter3\n");
    file.close();
    QString error;
    QStringList secrets;
    const auto config = ConfigLoader::load(m_path, &error, &secrets);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(secrets, QStringList({QStringLiteral("[smarthost] password"),
                                   QStringLiteral("[smarthost.m365] password")}));
    QCOMPARE(config->smarthost.passwordRef.toString(), QStringLiteral("keychain:smarthost"));
    QCOMPARE(config->smarthosts.size(), 1);
    QCOMPARE(config->smarthosts.first().passwordRef.toString(),
             QStringLiteral("keychain:smarthost.m365"));
    QCOMPARE(ConfigLoader::keychainNameFor(QStringLiteral("smarthost.m 365")),
             QStringLiteral("smarthost.m_365"));
    // Without the list the same file is refused, as the daemon does.
    QVERIFY(!ConfigLoader::load(m_path, &error));
    QVERIFY2(!error.contains(QLatin1String("hunter")), qPrintable(error));
}

void TestConfigLoader::namedSmarthostsAndRoutes()
{
    const QString text = QStringLiteral(R"([general]
hostname = relay.example.com

[listener.lan]
port = 2525
[listener.submission]
port = 2587

[smarthost]
host = mail.isp.example
port = 25
tls = opportunistic

[smarthost.m365]
preset = microsoft365-submission
username = scanner@contoso.com
password-ref = keychain:m365
fallback = backup

[smarthost.backup]
host = backup.example.net
helo-name = relay2.example.com
messages-per-minute = 10
recipients-per-day = 500

[route.scanners]
client-network = 192.168.10.0/24, fd00:10::/64
transport = smarthost:m365
from-address = scanner@contoso.com
from-name = "Office Scanner"
fix-from-name = quote
add-date = yes
add-message-id = true
envelope-sender = scanner@contoso.com
helo-name = scan.example.com

[route.partner]
recipient-domain = partner.example.net, *.partner.example.net
sender = @example.com, ceo@example.org, <>, *.shop.example.com
auth-user = nas, *
listener = submission
transport = mx

[route.rest]
transport = smarthost
)");
    QString error;
    const auto config = load(text, &error);
    QVERIFY2(config, qPrintable(error));

    // The default route's smarthost is unchanged by the named ones.
    QCOMPARE(config->smarthost.host, QStringLiteral("mail.isp.example"));
    QCOMPARE(config->smarthost.port, quint16(25));
    QVERIFY(config->smarthost.name.isEmpty());

    QCOMPARE(config->smarthosts.size(), 2);
    const SmarthostConfig& m365 = config->smarthosts.at(0);
    QCOMPARE(m365.name, QStringLiteral("m365"));
    QCOMPARE(m365.preset, QStringLiteral("microsoft365-submission"));
    QCOMPARE(m365.host, QStringLiteral("smtp.office365.com"));
    QCOMPARE(m365.port, quint16(587));
    QCOMPARE(m365.tls, SmarthostConfig::TlsMode::StartTls);
    QCOMPARE(m365.maxConnections, 3);
    QCOMPARE(m365.messagesPerMinute, 30);
    QCOMPARE(m365.recipientsPerDay, 10000);
    QCOMPARE(m365.fallbacks, QStringList{QStringLiteral("backup")});
    QCOMPARE(m365.passwordRef.name, QStringLiteral("m365"));
    QCOMPARE(config->heloNameFor(m365), QStringLiteral("relay.example.com"));
    const SmarthostConfig& backup = config->smarthosts.at(1);
    QCOMPARE(backup.host, QStringLiteral("backup.example.net"));
    QCOMPARE(backup.messagesPerMinute, 10);
    QCOMPARE(backup.recipientsPerDay, 500);
    QCOMPARE(config->heloNameFor(backup), QStringLiteral("relay2.example.com"));
    QCOMPARE(config->findSmarthost(QStringLiteral("backup")), &config->smarthosts.at(1));
    QCOMPARE(config->findSmarthost(QString()), &config->smarthost);
    QVERIFY(!config->findSmarthost(QStringLiteral("nope")));

    QCOMPARE(config->routes.size(), 3);
    const RouteConfig& scanners = config->routes.at(0);
    QCOMPARE(scanners.name, QStringLiteral("scanners"));
    QCOMPARE(scanners.clientNetworks.size(), 2);
    QCOMPARE(scanners.clientNetworks.at(1).toString(), QStringLiteral("fd00:10::/64"));
    QCOMPARE(scanners.transport, RouteConfig::Transport::Smarthost);
    QCOMPARE(scanners.smarthost, QStringLiteral("m365"));
    QCOMPARE(scanners.transportText(), QStringLiteral("smarthost:m365"));
    QCOMPARE(scanners.fromAddress, QStringLiteral("scanner@contoso.com"));
    QCOMPARE(scanners.fromName, QStringLiteral("Office Scanner"));
    QCOMPARE(scanners.fixFromName, RouteConfig::FromNameFix::Quote);
    QVERIFY(scanners.addDate);
    QVERIFY(scanners.addMessageId);
    QCOMPARE(scanners.envelopeSender, QStringLiteral("scanner@contoso.com"));
    QCOMPARE(scanners.heloName, QStringLiteral("scan.example.com"));
    QVERIFY(!scanners.isCatchAll());
    const RouteConfig& partner = config->routes.at(1);
    QCOMPARE(partner.recipientDomains, (QStringList{QStringLiteral("partner.example.net"),
                                                    QStringLiteral("*.partner.example.net")}));
    // "@example.com" is the domain example.com.
    QCOMPARE(partner.senders,
             (QStringList{QStringLiteral("example.com"), QStringLiteral("ceo@example.org"),
                          QStringLiteral("<>"), QStringLiteral("*.shop.example.com")}));
    QCOMPARE(partner.authUsers, (QStringList{QStringLiteral("nas"), QStringLiteral("*")}));
    QCOMPARE(partner.listeners, QStringList{QStringLiteral("submission")});
    QCOMPARE(partner.transport, RouteConfig::Transport::Mx);
    QCOMPARE(partner.transportText(), QStringLiteral("mx"));
    QCOMPARE(partner.fixFromName, RouteConfig::FromNameFix::Keep);
    QVERIFY(!partner.addDate);
    const RouteConfig& rest = config->routes.at(2);
    QVERIFY(rest.isCatchAll());
    QCOMPARE(rest.transportText(), QStringLiteral("smarthost"));
}

void TestConfigLoader::presetExpansion_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("connections");
    QTest::addColumn<int>("perMinute");

    QTest::newRow("ses region") << "[smarthost]\npreset = amazon-ses\nregion = eu-west-1\n"
                                   "username = AKIAEXAMPLE\npassword-ref = keychain:ses\n"
                                << "email-smtp.eu-west-1.amazonaws.com" << 587 << 4 << 0;
    QTest::newRow("m365 connector tenant")
        << "[smarthost.connector]\npreset = microsoft365-connector\ntenant = contoso-com\n"
        << "contoso-com.mail.protection.outlook.com" << 25 << 4 << 0;
    QTest::newRow("explicit keys override, whatever their place")
        << "[smarthost]\nport = 2525\nmax-connections = 1\nmessages-per-minute = 5\n"
           "preset = microsoft365-submission\nusername = a@b.example\npassword-ref = local:x\n"
        << "smtp.office365.com" << 2525 << 1 << 5;
    QTest::newRow("explicit host replaces a template host")
        << "[smarthost]\npreset = amazon-ses\nhost = ses-proxy.example.com\n"
           "username = u\npassword-ref = local:x\n"
        << "ses-proxy.example.com" << 587 << 4 << 0;
    QTest::newRow("generic with a host") << "[smarthost]\npreset = generic\nhost = mail.example\n"
                                         << "mail.example" << 587 << 4 << 0;
    QTest::newRow("google relay without auth") << "[smarthost]\npreset = google-workspace-relay\n"
                                               << "smtp-relay.gmail.com" << 587 << 4 << 0;
}

void TestConfigLoader::presetExpansion()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, connections);
    QFETCH(int, perMinute);
    QString error;
    const auto config = load(text, &error);
    QVERIFY2(config, qPrintable(error));
    const SmarthostConfig& smarthost =
        config->smarthosts.isEmpty() ? config->smarthost : config->smarthosts.first();
    QCOMPARE(smarthost.host, host);
    QCOMPARE(int(smarthost.port), port);
    QCOMPARE(smarthost.maxConnections, connections);
    QCOMPARE(smarthost.messagesPerMinute, perMinute);
    QVERIFY(!smarthost.preset.isEmpty());
}

void TestConfigLoader::routeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("expected"); // follows "file:line: "

    QTest::newRow("unknown preset") << "[smarthost.x]\npreset = office365\n"
                                    << 2
                                    << "[smarthost.x] preset = \"office365\": unknown preset "
                                       "(known: microsoft365-submission,";
    QTest::newRow("preset needs region")
        << "[smarthost.ses]\nport = 587\npreset = amazon-ses\n"
        << 3 << "[smarthost.ses] preset = \"amazon-ses\": needs region = VALUE in [smarthost.ses]";
    QTest::newRow("preset needs region: lists them") << "[smarthost.ses]\npreset = amazon-ses\n"
                                                     << 2 << "one of us-east-1, us-east-2";
    QTest::newRow("unknown region") << "[smarthost]\npreset = amazon-ses\nregion = moon-1\n"
                                    << 3
                                    << "[smarthost] region = \"moon-1\": not a region of preset "
                                       "amazon-ses";
    QTest::newRow("tenant with dots")
        << "[smarthost]\npreset = microsoft365-connector\ntenant = contoso.com\n"
        << 3 << "[smarthost] tenant = \"contoso.com\": not a valid tenant";
    QTest::newRow("parameter the preset lacks")
        << "[smarthost]\npreset = sendgrid\nregion = eu-west-1\n"
        << 3 << "[smarthost] region = \"eu-west-1\": preset sendgrid has no region";
    QTest::newRow("parameter without preset") << "[smarthost.a]\nregion = eu-west-1\n"
                                              << 2 << "only used with a preset";
    QTest::newRow("preset needs a username")
        << "[smarthost.m365]\npreset = microsoft365-submission\n"
        << 2
        << "[smarthost.m365] preset: preset microsoft365-submission needs username and "
           "password-ref; username: The full address";
    QTest::newRow("generic preset needs a host") << "[smarthost]\npreset = generic\n"
                                                 << 1 << "[smarthost]: preset generic has no host";
    QTest::newRow("named smarthost checks like [smarthost]")
        << "[smarthost.a]\nhost = a.example\nusername = u\n"
        << 3 << "[smarthost.a] username: a username needs password-ref (e.g. keychain:a)";
    QTest::newRow("fallback unknown") << "[smarthost]\nhost = a.example\nfallback = b\n"
                                      << 3 << "[smarthost] fallback: no [smarthost.b] section";
    QTest::newRow("fallback to itself") << "[smarthost.a]\nhost = a.example\nfallback = a\n"
                                        << 3 << "cannot be its own fallback";
    QTest::newRow("fallback twice") << "[smarthost.a]\nfallback = b, b\n"
                                    << 2 << "\"b\" is listed twice";
    QTest::newRow("messages-per-minute zero") << "[smarthost]\nmessages-per-minute = 0\n"
                                              << 2 << "not a whole number between 1 and";
    QTest::newRow("smarthost name") << "[smarthost.a b]\nhost = x.example\n"
                                    << 1 << "[smarthost.a b]: smarthost names are 1-32";
    QTest::newRow("route name") << "[route.]\n" << 1 << "[route.]: route names are 1-32";
    QTest::newRow("route unknown key") << "[route.a]\nfrom = x@y.example\n"
                                       << 2 << "[route.a] from: unknown key (known keys: sender,";
    QTest::newRow("route transport")
        << "[route.a]\ntransport = smtp:m365\n"
        << 2
        << "[route.a] transport = \"smtp:m365\": expected smarthost (the [smarthost] "
           "section), smarthost:NAME (a [smarthost.NAME] section) or mx";
    QTest::newRow("route transport unknown smarthost")
        << "[route.a]\nsender = example.com\ntransport = smarthost:m365\n"
        << 3 << "[route.a] transport: no [smarthost.m365] section";
    QTest::newRow("route sender") << "[route.a]\nsender = example.com, not an address\n"
                                  << 2 << "\"not an address\" is not an address, a domain";
    QTest::newRow("route sender bare word") << "[route.a]\nsender = localhost\n"
                                            << 2 << "\"localhost\" is not an address";
    QTest::newRow("route recipient-domain") << "[route.a]\nrecipient-domain = *.\n"
                                            << 2 << "\"*.\" is not a domain or *.domain";
    QTest::newRow("route network") << "[route.a]\nclient-network = 192.168.1.0/33\n"
                                   << 2 << "\"192.168.1.0/33\" is not a network in CIDR";
    QTest::newRow("route auth-user") << "[route.a]\nauth-user = \"a b\"\n"
                                     << 2 << "\"a b\" is not an account name";
    QTest::newRow("route unknown listener")
        << "[listener.lan]\nport = 2525\n[route.a]\nlistener = wan\n"
        << 4 << "[route.a] listener = \"wan\": no listener named wan (listeners: lan)";
    QTest::newRow("route default listener name")
        << "[route.a]\nlistener = lan\n"
        << 2 << "no listener named lan (listeners: default)";
    QTest::newRow("route from-address") << "[route.a]\nfrom-address = scanner\n"
                                        << 2 << "[route.a] from-address = \"scanner\": not a plain";
    QTest::newRow("route envelope-sender")
        << "[route.a]\nenvelope-sender = \"a b@example.com\"\n"
        << 2 << "[route.a] envelope-sender = \"a b@example.com\": not a plain address";
    QTest::newRow("route fix-from-name") << "[route.a]\nfix-from-name = yes\n"
                                         << 2 << "expected no, quote or remove";
    QTest::newRow("route add-date") << "[route.a]\nadd-date = perhaps\n"
                                    << 2 << "expected true or false";
    QTest::newRow("route helo-name") << "[route.a]\nhelo-name = bad_name!\n"
                                     << 2 << "not a valid host name";
    QTest::newRow("route after a catch-all")
        << "[route.all]\ntransport = mx\n\n[route.late]\nsender = example.com\n"
        << 4 << "[route.late]: never used: [route.all] above it has no conditions";
}

void TestConfigLoader::routeErrors()
{
    errors();
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "TestConfigLoader.moc"
