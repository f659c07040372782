#include "config/ConfigLoader.h"
#include "config/ConfigValueParser.h"
#include "config/ConfigWriter.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Config;

Q_DECLARE_METATYPE(RelayDesk::Config::RelayConfig)

namespace {

QString onOff(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString subnets(const QList<Subnet>& list)
{
    QStringList texts;
    for (const Subnet& subnet : list)
        texts.append(subnet.toString());
    return texts.join(u'|');
}

/// Every field of a configuration as "where = value" lines, written out
/// here field by field (not through the writer) so that a field the writer
/// forgets shows up as a difference.
QStringList describe(const RelayConfig& config)
{
    QStringList out;
    const auto add = [&out](const QString& where, const QString& value) {
        out.append(where + QStringLiteral(" = ") + value);
    };
    add(QStringLiteral("general.dataDir"), config.general.dataDir);
    add(QStringLiteral("general.hostname"), config.general.hostname);
    add(QStringLiteral("general.dnsServer"), config.general.dnsServer.toString());
    add(QStringLiteral("tls.certFile"), config.tls.certFile);
    add(QStringLiteral("tls.keyFile"), config.tls.keyFile);
    for (const ListenerConfig& l : config.listeners) {
        const QString p = QStringLiteral("listener.") + l.name + QLatin1Char('.');
        add(p + QStringLiteral("address"), l.address.toString());
        add(p + QStringLiteral("port"), QString::number(l.port));
        add(p + QStringLiteral("mode"), QString::number(int(l.mode)));
        add(p + QStringLiteral("certFile"), l.certFile);
        add(p + QStringLiteral("keyFile"), l.keyFile);
        add(p + QStringLiteral("minTls"), tlsVersionName(l.minTls));
        add(p + QStringLiteral("requireAuth"), onOff(l.requireAuth));
        add(p + QStringLiteral("allowPlainAuth"), onOff(l.allowPlainAuth));
    }
    add(QStringLiteral("relay.allowedNetworks"), subnets(config.allowedNetworks));
    const LimitsConfig& lim = config.limits;
    add(QStringLiteral("limits.maxMessageSize"), QString::number(lim.maxMessageSize));
    add(QStringLiteral("limits.maxRecipients"), QString::number(lim.maxRecipients));
    add(QStringLiteral("limits.maxSessions"), QString::number(lim.maxSessions));
    add(QStringLiteral("limits.maxSessionsPerClient"), QString::number(lim.maxSessionsPerClient));
    add(QStringLiteral("limits.maxBadCommands"), QString::number(lim.maxBadCommands));
    add(QStringLiteral("limits.commandTimeout"), QString::number(lim.commandTimeoutSeconds));
    add(QStringLiteral("limits.dataTimeout"), QString::number(lim.dataTimeoutSeconds));
    add(QStringLiteral("limits.messagesPerMinute"), QString::number(lim.messagesPerMinute));
    add(QStringLiteral("limits.recipientsPerHour"), QString::number(lim.recipientsPerHour));
    add(QStringLiteral("limits.accountMessagesPerMinute"),
        QString::number(lim.accountMessagesPerMinute));
    add(QStringLiteral("limits.accountRecipientsPerHour"),
        QString::number(lim.accountRecipientsPerHour));
    QList<SmarthostConfig> upstreams{config.smarthost};
    upstreams += config.smarthosts;
    for (const SmarthostConfig& s : upstreams) {
        const QString p = s.sectionName() + QLatin1Char('.');
        add(p + QStringLiteral("name"), s.name);
        add(p + QStringLiteral("preset"), s.preset);
        add(p + QStringLiteral("host"), s.host);
        add(p + QStringLiteral("port"), QString::number(s.port));
        add(p + QStringLiteral("tls"), QString::number(int(s.tls)));
        add(p + QStringLiteral("verify"), onOff(s.verify));
        add(p + QStringLiteral("caFile"), s.caFile);
        add(p + QStringLiteral("username"), s.username);
        add(p + QStringLiteral("passwordRef"), s.passwordRef.toString());
        add(p + QStringLiteral("heloName"), s.heloName);
        add(p + QStringLiteral("maxConnections"), QString::number(s.maxConnections));
        add(p + QStringLiteral("messagesPerConnection"), QString::number(s.messagesPerConnection));
        add(p + QStringLiteral("messagesPerMinute"), QString::number(s.messagesPerMinute));
        add(p + QStringLiteral("recipientsPerDay"), QString::number(s.recipientsPerDay));
        add(p + QStringLiteral("fallbacks"), s.fallbacks.join(u'|'));
    }
    for (const RouteConfig& r : config.routes) {
        const QString p = QStringLiteral("route.") + r.name + QLatin1Char('.');
        add(p + QStringLiteral("senders"), r.senders.join(u'|'));
        add(p + QStringLiteral("recipientDomains"), r.recipientDomains.join(u'|'));
        add(p + QStringLiteral("clientNetworks"), subnets(r.clientNetworks));
        add(p + QStringLiteral("authUsers"), r.authUsers.join(u'|'));
        add(p + QStringLiteral("listeners"), r.listeners.join(u'|'));
        add(p + QStringLiteral("transport"), r.transportText());
        add(p + QStringLiteral("heloName"), r.heloName);
        add(p + QStringLiteral("fromAddress"), r.fromAddress);
        add(p + QStringLiteral("fromName"), r.fromName);
        add(p + QStringLiteral("fixFromName"), QString::number(int(r.fixFromName)));
        add(p + QStringLiteral("addDate"), onOff(r.addDate));
        add(p + QStringLiteral("addMessageId"), onOff(r.addMessageId));
        add(p + QStringLiteral("envelopeSender"), r.envelopeSender);
    }
    QStringList schedule;
    for (int seconds : config.retry.scheduleSeconds)
        schedule.append(QString::number(seconds));
    add(QStringLiteral("retry.schedule"), schedule.join(u'|'));
    add(QStringLiteral("retry.maxAge"), QString::number(config.retry.maxAgeSeconds));
    add(QStringLiteral("retry.delayWarning"), QString::number(config.retry.delayWarningSeconds));
    const BouncesConfig& bounces = config.bounces;
    add(QStringLiteral("bounces.suppress"), onOff(bounces.suppress));
    add(QStringLiteral("bounces.holdSuppressed"), onOff(bounces.holdSuppressed));
    add(QStringLiteral("bounces.suppressExpiry"), QString::number(bounces.suppressExpirySeconds));
    add(QStringLiteral("bounces.suppressReasons"), bounces.suppressReasons.join(u'|'));
    add(QStringLiteral("bounces.returnPathAddress"), bounces.returnPathAddress);
    const SecurityConfig& sec = config.security;
    add(QStringLiteral("security.authFailures"), QString::number(sec.authFailures));
    add(QStringLiteral("security.authWindow"), QString::number(sec.authWindowSeconds));
    add(QStringLiteral("security.lockout"), QString::number(sec.lockoutSeconds));
    add(QStringLiteral("security.authMaxDelay"), QString::number(sec.authMaxDelaySeconds));
    add(QStringLiteral("security.abuseFactor"), QString::number(sec.abuseFactor));
    add(QStringLiteral("security.abuseFloor"), QString::number(sec.abuseFloor));
    return out;
}

Subnet subnet(const char* text)
{
    return *Subnet::parse(QLatin1String(text));
}

} // namespace

/// ConfigWriter: RelayConfig -> INI text that ConfigLoader reads back to the
/// same configuration, without ever writing a secret.
class TestConfigWriter final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void neverWritesASecretKey_data();
    void neverWritesASecretKey();
    void headerAndDocumentedKeyOrder();
    void quotedValuesReadBackUnchanged_data();
    void quotedValuesReadBackUnchanged();
    void durationsAndSizes_data();
    void durationsAndSizes();
    void invalidConfigIsRefusedByTheLoader_data();
    void invalidConfigIsRefusedByTheLoader();

private:
    QString writeAndLoad(const RelayConfig& config, std::optional<RelayConfig>* loaded);
    QString file(const char* name) const { return m_dir.filePath(QLatin1String(name)); }
    void addConfigRows();

    QTemporaryDir m_dir;
    int m_written = 0;
};

void TestConfigWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Stand-ins for PEM files (the loader checks that they are readable
    // files) and a 0600 password file for a file: reference.
    for (const char* name : {"cert.pem", "key.pem", "own.pem", "own.key", "ca.pem", "secret"}) {
        QFile f(file(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("-----BEGIN-----\n");
    }
    QVERIFY(QFile::setPermissions(file("secret"), QFile::ReadOwner | QFile::WriteOwner));
}

QString TestConfigWriter::writeAndLoad(const RelayConfig& config,
                                       std::optional<RelayConfig>* loaded)
{
    const QString path = m_dir.filePath(QStringLiteral("written-%1.ini").arg(++m_written));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write ") + path;
    out.write(ConfigWriter::toIni(config).toUtf8());
    out.close();
    QString error;
    *loaded = ConfigLoader::load(path, &error);
    return error;
}

void TestConfigWriter::addConfigRows()
{
    QTest::addColumn<RelayConfig>("config");

    QTest::newRow("built-in defaults") << RelayConfig{};

    QString error;
    const auto sample = ConfigLoader::load(QStringLiteral(RELAYDESK_SAMPLE_INI), &error);
    QVERIFY2(sample, qPrintable(error));
    QTest::newRow("sample ini") << *sample;

    RelayConfig full;
    full.general.dataDir = m_dir.filePath(QStringLiteral("data dir, with comma"));
    full.general.hostname = QStringLiteral("relay.example.com");
    full.general.dnsServer = QHostAddress(QStringLiteral("::1"));
    full.tls = {file("cert.pem"), file("key.pem"),
                *CredentialReference::parse(QStringLiteral("keychain:tls-key"), nullptr)};
    ListenerConfig lan;
    lan.name = QStringLiteral("lan");
    lan.address = QHostAddress(QStringLiteral("0.0.0.0"));
    lan.port = 25;
    lan.certFile = full.tls.certFile; // inherited from [tls]
    lan.keyFile = full.tls.keyFile;
    lan.keyPassphraseRef = full.tls.keyPassphraseRef;
    lan.minTls = TlsVersion::V1_0;
    lan.allowPlainAuth = true;
    ListenerConfig submissions;
    submissions.name = QStringLiteral("submissions");
    submissions.address = QHostAddress(QStringLiteral("::"));
    submissions.port = 465;
    submissions.mode = ListenerConfig::Mode::Tls;
    submissions.certFile = file("own.pem");
    submissions.keyFile = file("own.key");
    submissions.keyPassphraseRef =
        *CredentialReference::parse(QStringLiteral("local:own-key"), nullptr);
    submissions.minTls = TlsVersion::V1_3;
    submissions.requireAuth = true;
    full.listeners = {lan, submissions};
    full.allowedNetworks = {subnet("10.1.0.0/16"), subnet("fd00::/8"), subnet("192.168.7.9")};
    full.limits.maxMessageSize = 1000000;
    full.limits.maxRecipients = 7;
    full.limits.maxSessions = 50;
    full.limits.maxSessionsPerClient = 5;
    full.limits.maxBadCommands = 3;
    full.limits.commandTimeoutSeconds = 5400;
    full.limits.dataTimeoutSeconds = 86399;
    full.limits.messagesPerMinute = 11;
    full.limits.recipientsPerHour = 1000000;
    full.limits.accountMessagesPerMinute = 1;
    full.limits.accountRecipientsPerHour = 250;
    full.bounces.suppress = false;
    full.bounces.holdSuppressed = true;
    full.bounces.suppressExpirySeconds = 0; // forever
    full.bounces.suppressReasons = {QStringLiteral("userunknown"), QStringLiteral("spam")};
    full.bounces.returnPathAddress = QStringLiteral("bounces@relay.example.com");
    full.security.authFailures = 0; // never lock out
    full.security.authWindowSeconds = 7 * 86400;
    full.security.lockoutSeconds = 90;
    full.security.authMaxDelaySeconds = 300;
    full.security.abuseFactor = 2;
    full.security.abuseFloor = 1000000;
    full.smarthost.host = QStringLiteral("smtp.example.com");
    full.smarthost.port = 2587;
    full.smarthost.tls = SmarthostConfig::TlsMode::Opportunistic;
    full.smarthost.verify = false;
    full.smarthost.caFile = file("ca.pem");
    full.smarthost.username = QStringLiteral("relay user, \"quoted\"; \\ @x");
    full.smarthost.passwordRef = {CredentialReference::Scheme::File, file("secret")};
    full.smarthost.heloName = QStringLiteral("helo.example.com");
    full.smarthost.maxConnections = 9;
    full.smarthost.messagesPerConnection = 1;
    full.smarthost.messagesPerMinute = 12;
    full.smarthost.recipientsPerDay = 3456;
    full.smarthost.fallbacks = {QStringLiteral("ses"), QStringLiteral("backup")};
    SmarthostConfig ses;
    ses.name = QStringLiteral("ses");
    ses.preset = QStringLiteral("amazon-ses");
    ses.host = QStringLiteral("email-smtp.eu-west-1.amazonaws.com");
    ses.username = QStringLiteral("AKIAEXAMPLE");
    ses.passwordRef = {CredentialReference::Scheme::Keychain, QStringLiteral("ses")};
    ses.messagesPerMinute = 600;
    SmarthostConfig backup;
    backup.name = QStringLiteral("backup");
    backup.host = QStringLiteral("127.0.0.1");
    backup.port = 2525;
    backup.tls = SmarthostConfig::TlsMode::None;
    backup.username = QStringLiteral("@local");
    backup.passwordRef = {CredentialReference::Scheme::Local, QStringLiteral("backup")};
    full.smarthosts = {ses, backup};
    RouteConfig scanners;
    scanners.name = QStringLiteral("scanners");
    scanners.senders = {QStringLiteral("scan@example.com"), QStringLiteral("*.example.org"),
                        QStringLiteral("<>")};
    scanners.recipientDomains = {QStringLiteral("partner.example.net")};
    scanners.clientNetworks = {subnet("192.168.10.0/24"), subnet("fd00:10::/64")};
    scanners.authUsers = {QStringLiteral("*"), QStringLiteral("nas")};
    scanners.listeners = {QStringLiteral("lan")};
    scanners.transport = RouteConfig::Transport::Smarthost;
    scanners.smarthost = QStringLiteral("ses");
    scanners.heloName = QStringLiteral("scan.example.com");
    scanners.fromAddress = QStringLiteral("scanner@example.com");
    scanners.fromName = QStringLiteral("Büro; \"2. OG\", Scanner \\ #1");
    scanners.fixFromName = RouteConfig::FromNameFix::Remove;
    scanners.addDate = true;
    scanners.addMessageId = true;
    scanners.envelopeSender = QStringLiteral("bounce@example.com");
    RouteConfig mx;
    mx.name = QStringLiteral("partner-mx");
    mx.transport = RouteConfig::Transport::Mx;
    mx.fixFromName = RouteConfig::FromNameFix::Quote;
    full.routes = {scanners, mx};
    full.retry.scheduleSeconds = {1, 90, 3600, 86400 + 1};
    full.retry.maxAgeSeconds = 3 * 86400;
    full.retry.delayWarningSeconds = 7 * 86400; // above max-age: warnings off
    QTest::newRow("every key") << full;

    RelayConfig closed;
    closed.general.dataDir = m_dir.filePath(QStringLiteral("closed"));
    closed.general.hostname = QStringLiteral("localhost");
    closed.allowedNetworks.clear(); // AUTH only
    ListenerConfig local;
    local.name = QStringLiteral("only_v6");
    local.address = QHostAddress(QStringLiteral("::1"));
    local.requireAuth = true;
    closed.listeners = {local};
    RouteConfig direct;
    direct.name = QStringLiteral("everything");
    direct.transport = RouteConfig::Transport::Mx;
    closed.routes = {direct};
    closed.retry.scheduleSeconds = {30};
    closed.retry.maxAgeSeconds = 30;
    closed.bounces.suppressReasons.clear();
    closed.bounces.suppressExpirySeconds = 3600;
    QTest::newRow("no smarthost, AUTH only, mx route") << closed;
}

void TestConfigWriter::roundTrip_data()
{
    addConfigRows();
}

void TestConfigWriter::roundTrip()
{
    QFETCH(RelayConfig, config);
    std::optional<RelayConfig> loaded;
    const QString error = writeAndLoad(config, &loaded);
    QVERIFY2(loaded, qPrintable(error + QLatin1Char('\n') + ConfigWriter::toIni(config)));
    QCOMPARE(describe(*loaded), describe(config));
    // Writing what was loaded gives the same text (a stable file).
    QCOMPARE(ConfigWriter::toIni(*loaded), ConfigWriter::toIni(config));
}

void TestConfigWriter::neverWritesASecretKey_data()
{
    addConfigRows();
}

void TestConfigWriter::neverWritesASecretKey()
{
    QFETCH(RelayConfig, config);
    const QString text = ConfigWriter::toIni(config);
    int keys = 0;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) ||
            line.startsWith(QLatin1Char('[')))
            continue;
        const QString key = line.section(QLatin1Char('='), 0, 0).trimmed();
        QVERIFY2(!ConfigLoader::isSecretKey(key), qPrintable(line));
        ++keys;
    }
    QVERIFY(keys > 5);
    // The password itself is not in the configuration, only where it is.
    if (!config.smarthost.passwordRef.isNull())
        QVERIFY(text.contains(QStringLiteral("password-ref = ") +
                              config.smarthost.passwordRef.toString()));
}

void TestConfigWriter::headerAndDocumentedKeyOrder()
{
    QFile docs(QStringLiteral(RELAYDESK_CONFIGURATION_MD));
    QVERIFY(docs.open(QIODevice::ReadOnly));
    // "### `[limits]`" headings, then "| `key` | ..." table rows.
    QHash<QString, QStringList> documented;
    QString section;
    static const QRegularExpression heading(QStringLiteral("^### `\\[([a-z.]+)(?:NAME)?\\]`"));
    static const QRegularExpression row(QStringLiteral("^\\| `([a-z-]+)`"));
    for (const QString& line : QString::fromUtf8(docs.readAll()).split(QLatin1Char('\n'))) {
        if (const auto match = heading.match(line); match.hasMatch())
            section = match.captured(1);
        else if (const auto match = row.match(line); match.hasMatch() && !section.isEmpty())
            documented[section].append(match.captured(1));
    }
    QVERIFY(documented.value(QStringLiteral("limits")).size() >= 7);

    RelayConfig config;
    config.tls = {file("cert.pem"), file("key.pem"), {}};
    config.smarthost.host = QStringLiteral("smtp.example.com");
    config.smarthost.username = QStringLiteral("relay");
    config.smarthost.passwordRef = {CredentialReference::Scheme::Keychain, QStringLiteral("s")};
    config.smarthost.fallbacks = {QStringLiteral("b")};
    config.smarthost.messagesPerMinute = 5;
    SmarthostConfig named;
    named.name = QStringLiteral("b");
    named.host = QStringLiteral("b.example.com");
    config.smarthosts = {named};
    const QStringList lines = ConfigWriter::toIni(config).split(QLatin1Char('\n'));
    QVERIFY(lines.first().startsWith(QLatin1String("; ")));
    QVERIFY(lines.first().contains(QLatin1String("written by RelayDesk")));

    int checked = 0;
    int lastIndex = -1;
    QString docSection;
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1Char('['))) {
            docSection = line.mid(1, line.size() - 2);
            if (docSection.startsWith(QLatin1String("listener.")))
                docSection = QStringLiteral("listener.");
            else if (docSection.startsWith(QLatin1String("smarthost.")))
                docSection = QStringLiteral("smarthost");
            lastIndex = -1;
            continue;
        }
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')))
            continue;
        const QString key = line.section(QLatin1Char('='), 0, 0).trimmed();
        const int index = int(documented.value(docSection).indexOf(key));
        QVERIFY2(index >= 0, qPrintable(QStringLiteral("[%1] %2 is not documented in "
                                                       "docs/configuration.md")
                                            .arg(docSection, key)));
        QVERIFY2(index > lastIndex, qPrintable(QStringLiteral("[%1] %2 is out of the documented "
                                                              "order")
                                                   .arg(docSection, key)));
        lastIndex = index;
        ++checked;
    }
    QVERIFY(checked > 25);
}

void TestConfigWriter::quotedValuesReadBackUnchanged_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("plain");
    QTest::newRow("host") << "smtp.example.com" << true;
    QTest::newRow("reference") << "keychain:smarthost" << true;
    QTest::newRow("path") << "/etc/relaydesk/tls/relay.crt" << true;
    QTest::newRow("address") << "scanner@example.com" << true;
    QTest::newRow("spaces inside") << "Office Scanner" << true;
    QTest::newRow("comma") << "Scanner, 2nd floor" << false;
    QTest::newRow("semicolon") << "a;b" << false;
    QTest::newRow("double quote") << "say \"hi\"" << false;
    QTest::newRow("backslash") << "C:\\path\\x" << false;
    QTest::newRow("leading at") << "@home" << false;
    QTest::newRow("double at") << "@@x" << false;
    QTest::newRow("at variant") << "@Variant(x)" << false;
    QTest::newRow("hash") << "#1" << false;
    QTest::newRow("umlaut") << "Büro" << false;
    QTest::newRow("escape-like") << "\\n\\x41" << false;
    QTest::newRow("empty") << "" << false;
}

void TestConfigWriter::quotedValuesReadBackUnchanged()
{
    QFETCH(QString, value);
    QFETCH(bool, plain);
    const QString written = ConfigWriter::quoted(value);
    QCOMPARE(written == value, plain);
    const QString path = m_dir.filePath(QStringLiteral("quoted-%1.ini").arg(++m_written));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QStringLiteral("[s]\nk = %1 ; comment\n").arg(written).toUtf8());
    out.close();
    QSettings settings(path, QSettings::IniFormat);
    const QVariant read = settings.value(QStringLiteral("s/k"));
    QCOMPARE(read.typeId(), QMetaType::QString); // one value, never a list
    QCOMPARE(read.toString().trimmed(), value);
}

void TestConfigWriter::durationsAndSizes_data()
{
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QString>("duration");
    QTest::addColumn<QString>("size");
    QTest::newRow("1") << qint64(1) << "1s"
                       << "1";
    QTest::newRow("90") << qint64(90) << "1m30s"
                        << "90";
    QTest::newRow("300") << qint64(300) << "5m"
                         << "300";
    QTest::newRow("1024") << qint64(1024) << "17m4s"
                          << "1K";
    QTest::newRow("5400") << qint64(5400) << "1h30m"
                          << "5400";
    QTest::newRow("86401") << qint64(86401) << "1d1s"
                           << "86401";
    QTest::newRow("5d") << qint64(5 * 86400) << "5d"
                        << "432000";
    QTest::newRow("25M") << qint64(25 * 1024 * 1024) << "303d9h46m40s"
                         << "25M";
    QTest::newRow("2G") << qint64(2LL * 1024 * 1024 * 1024) << "24855d3h14m8s"
                        << "2G";
}

void TestConfigWriter::durationsAndSizes()
{
    QFETCH(qint64, number);
    QFETCH(QString, duration);
    QFETCH(QString, size);
    QCOMPARE(ConfigWriter::formatDuration(number), duration);
    QCOMPARE(ConfigWriter::formatSize(number), size);
    QCOMPARE(ConfigValueParser::parseSize(size), std::optional<qint64>(number));
    if (number <= 100LL * 365 * 86400)
        QCOMPARE(ConfigValueParser::parseDuration(duration), std::optional<qint64>(number));
}

void TestConfigWriter::invalidConfigIsRefusedByTheLoader_data()
{
    // What the Settings page relies on: a configuration that breaks a
    // rule is written as it is, and the loader names the key to blame.
    QTest::addColumn<RelayConfig>("config");
    QTest::addColumn<QString>("error");
    RelayConfig open;
    open.allowedNetworks = {subnet("0.0.0.0/0")};
    QTest::newRow("open relay") << open << "[relay] allowed-networks = \"0.0.0.0/0\"";
    RelayConfig clearPassword;
    clearPassword.smarthost.host = QStringLiteral("smtp.example.com");
    clearPassword.smarthost.tls = SmarthostConfig::TlsMode::None;
    clearPassword.smarthost.username = QStringLiteral("relay");
    clearPassword.smarthost.passwordRef = {CredentialReference::Scheme::Keychain,
                                           QStringLiteral("s")};
    QTest::newRow("password in clear") << clearPassword << "[smarthost] tls: tls = none";
    RelayConfig missingCert;
    missingCert.tls = {file("no-such.pem"), file("key.pem"), {}};
    QTest::newRow("missing certificate") << missingCert << "[tls] cert-file";
    RelayConfig badHost;
    badHost.general.hostname = QStringLiteral("not a host");
    QTest::newRow("bad hostname") << badHost << "[general] hostname";
    RelayConfig sessions;
    sessions.limits.maxSessions = 5;
    sessions.limits.maxSessionsPerClient = 6;
    QTest::newRow("per client above total")
        << sessions << "[limits] max-sessions-per-client: larger than max-sessions";
    RelayConfig fallback;
    fallback.smarthost.host = QStringLiteral("smtp.example.com");
    fallback.smarthost.fallbacks = {QStringLiteral("nowhere")};
    QTest::newRow("unknown fallback") << fallback << "no [smarthost.nowhere] section";
}

void TestConfigWriter::invalidConfigIsRefusedByTheLoader()
{
    QFETCH(RelayConfig, config);
    QFETCH(QString, error);
    std::optional<RelayConfig> loaded;
    const QString message = writeAndLoad(config, &loaded);
    QVERIFY(!loaded);
    QVERIFY2(message.contains(error), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestConfigWriter)
#include "TestConfigWriter.moc"
