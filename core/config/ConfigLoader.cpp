#include "ConfigLoader.h"

#include "ConfigValueParser.h"
#include "IniFileScanner.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

namespace RelayDesk::Config {

namespace {

const QString kListenerPrefix = QStringLiteral("listener.");

QStringList knownKeys(const QString& section)
{
    if (section == QLatin1String("general"))
        return {QStringLiteral("data-dir"), QStringLiteral("hostname")};
    if (section == QLatin1String("tls"))
        return {QStringLiteral("cert-file"), QStringLiteral("key-file")};
    if (section == QLatin1String("relay"))
        return {QStringLiteral("allowed-networks")};
    if (section == QLatin1String("limits"))
        return {QStringLiteral("max-message-size"), QStringLiteral("max-recipients"),
                QStringLiteral("max-sessions"),     QStringLiteral("max-sessions-per-client"),
                QStringLiteral("max-bad-commands"), QStringLiteral("command-timeout"),
                QStringLiteral("data-timeout")};
    if (section == QLatin1String("smarthost"))
        return {QStringLiteral("host"),
                QStringLiteral("port"),
                QStringLiteral("tls"),
                QStringLiteral("verify"),
                QStringLiteral("ca-file"),
                QStringLiteral("username"),
                QStringLiteral("password-ref"),
                QStringLiteral("helo-name"),
                QStringLiteral("max-connections"),
                QStringLiteral("messages-per-connection")};
    if (section == QLatin1String("retry"))
        return {QStringLiteral("schedule"), QStringLiteral("max-age")};
    if (section.startsWith(kListenerPrefix))
        return {QStringLiteral("address"),      QStringLiteral("port"),
                QStringLiteral("mode"),         QStringLiteral("cert-file"),
                QStringLiteral("key-file"),     QStringLiteral("min-tls"),
                QStringLiteral("require-auth"), QStringLiteral("allow-plain-auth")};
    return {};
}

/// One load: the file, its layout, its values, and the first error.
class Loader
{
public:
    explicit Loader(const QString& path)
        : m_path(path), m_baseDir(QFileInfo(path).absoluteDir()),
          m_settings(path, QSettings::IniFormat)
    {}

    std::optional<RelayConfig> run(QString* error);

private:
    bool checkStructure();
    bool apply(const IniFileScanner::Entry& entry);
    bool applyGeneral(const IniFileScanner::Entry& entry);
    bool applyTls(const IniFileScanner::Entry& entry);
    bool applyListener(const IniFileScanner::Entry& entry);
    bool applyRelay(const IniFileScanner::Entry& entry);
    bool applyLimits(const IniFileScanner::Entry& entry);
    bool applySmarthost(const IniFileScanner::Entry& entry);
    bool applyRetry(const IniFileScanner::Entry& entry);

    /// The value as QSettings reads it; a scalar must not have been split
    /// at commas.
    bool scalar(const IniFileScanner::Entry& entry, QString* value);
    QStringList list(const IniFileScanner::Entry& entry);
    /// A path relative to the configuration file; must name a readable file.
    bool existingFile(const IniFileScanner::Entry& entry, QString* path);
    bool intValue(const IniFileScanner::Entry& entry, qint64 min, qint64 max, int* out);
    bool durationValue(const IniFileScanner::Entry& entry, qint64 max, int* out);
    bool boolValue(const IniFileScanner::Entry& entry, bool* out);

    bool fail(const IniFileScanner::Entry& entry, const QString& what);
    bool failAt(int line, const QString& what);

    ListenerConfig& listener(const QString& section);

    QString m_path;
    QDir m_baseDir;
    QSettings m_settings;
    IniFileScanner m_scanner;
    RelayConfig m_config;
    QList<ListenerConfig> m_listeners;
    QStringList m_listenersWithOwnCert;
    QString m_error;
};

std::optional<RelayConfig> Loader::run(QString* error)
{
    const QFileInfo info(m_path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: no such file").arg(m_path);
        return std::nullopt;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1: not a regular file").arg(m_path);
        return std::nullopt;
    }
    if (!m_scanner.scan(m_path, error))
        return std::nullopt;
    m_settings.sync();
    if (m_settings.status() != QSettings::NoError) {
        *error = QStringLiteral("%1: not a valid INI file").arg(m_path);
        return std::nullopt;
    }
    if (!checkStructure()) {
        *error = m_error;
        return std::nullopt;
    }
    m_config.sourceFile = m_path;
    for (const IniFileScanner::Section& section : m_scanner.sections()) {
        if (section.name.startsWith(kListenerPrefix)) {
            ListenerConfig config;
            config.name = section.name.mid(kListenerPrefix.size());
            m_listeners.append(config);
        }
    }
    for (const IniFileScanner::Entry& entry : m_scanner.entries()) {
        if (!apply(entry)) {
            *error = m_error;
            return std::nullopt;
        }
    }
    if (!m_listeners.isEmpty()) {
        // Listeners without their own certificate use the [tls] default.
        for (ListenerConfig& config : m_listeners) {
            if (!m_listenersWithOwnCert.contains(config.name)) {
                config.certFile = m_config.tls.certFile;
                config.keyFile = m_config.tls.keyFile;
            }
        }
        m_config.listeners = m_listeners;
    } else if (!m_config.tls.certFile.isEmpty()) {
        m_config.listeners.first().certFile = m_config.tls.certFile;
        m_config.listeners.first().keyFile = m_config.tls.keyFile;
    }
    const RelayConfig::Problem problem = m_config.crossCheck();
    if (!problem.message.isEmpty()) {
        int line = m_scanner.lineOf(problem.section, problem.key);
        QString where = QStringLiteral("[%1] %2").arg(problem.section, problem.key);
        if (line == 0) {
            // The key was left at its default; blame the section.
            line = m_scanner.lineOfSection(problem.section);
            where = QStringLiteral("[%1]").arg(problem.section);
        }
        *error =
            line > 0
                ? QStringLiteral("%1:%2: %3: %4").arg(m_path).arg(line).arg(where, problem.message)
                : QStringLiteral("%1: %2: %3").arg(m_path, where, problem.message);
        return std::nullopt;
    }
    return m_config;
}

bool Loader::checkStructure()
{
    static const QRegularExpression listenerName(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    static const QStringList plainSections{QStringLiteral("general"),   QStringLiteral("tls"),
                                           QStringLiteral("relay"),     QStringLiteral("limits"),
                                           QStringLiteral("smarthost"), QStringLiteral("retry")};
    // Sections first, then keys, each in file order, so that the error is
    // the first thing wrong from the top of the file.
    for (const IniFileScanner::Section& section : m_scanner.sections()) {
        if (plainSections.contains(section.name))
            continue;
        if (section.name.startsWith(kListenerPrefix)) {
            if (!listenerName.match(section.name.mid(kListenerPrefix.size())).hasMatch())
                return failAt(section.line,
                              QStringLiteral("[%1]: listener names are 1-32 of A-Z a-z 0-9 _ -")
                                  .arg(section.name));
            continue;
        }
        return failAt(section.line, QStringLiteral("[%1]: unknown section (expected general, tls, "
                                                   "listener.NAME, relay, limits, smarthost, "
                                                   "retry)")
                                        .arg(section.name));
    }
    for (const IniFileScanner::Entry& entry : m_scanner.entries()) {
        if (ConfigLoader::isSecretKey(entry.key)) {
            // Never echo the value: it is the secret.
            return failAt(entry.line,
                          QStringLiteral("[%1] %2: secrets must not be stored in the "
                                         "configuration file. Keep the password in the keychain "
                                         "and refer to it with password-ref = keychain:NAME "
                                         "(or local:NAME, file:/path); see "
                                         "docs/configuration.md")
                              .arg(entry.section, entry.key));
        }
        const QStringList keys = knownKeys(entry.section);
        if (!keys.contains(entry.key))
            return failAt(entry.line, QStringLiteral("[%1] %2: unknown key (known keys: %3)")
                                          .arg(entry.section, entry.key, keys.join(u", ")));
    }
    return true;
}

bool Loader::apply(const IniFileScanner::Entry& entry)
{
    if (entry.section == QLatin1String("general"))
        return applyGeneral(entry);
    if (entry.section == QLatin1String("tls"))
        return applyTls(entry);
    if (entry.section == QLatin1String("relay"))
        return applyRelay(entry);
    if (entry.section == QLatin1String("limits"))
        return applyLimits(entry);
    if (entry.section == QLatin1String("smarthost"))
        return applySmarthost(entry);
    if (entry.section == QLatin1String("retry"))
        return applyRetry(entry);
    return applyListener(entry);
}

bool Loader::applyGeneral(const IniFileScanner::Entry& entry)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (entry.key == QLatin1String("data-dir")) {
        if (value.isEmpty())
            return fail(entry, QStringLiteral("must not be empty"));
        m_config.general.dataDir = QDir::cleanPath(m_baseDir.absoluteFilePath(value));
        return true;
    }
    // hostname
    if (!ConfigValueParser::isValidHostname(value))
        return fail(entry, QStringLiteral("not a valid host name (letters, digits, '-' and dots)"));
    m_config.general.hostname = value;
    return true;
}

bool Loader::applyTls(const IniFileScanner::Entry& entry)
{
    QString path;
    if (!existingFile(entry, &path))
        return false;
    if (entry.key == QLatin1String("cert-file"))
        m_config.tls.certFile = path;
    else
        m_config.tls.keyFile = path;
    return true;
}

ListenerConfig& Loader::listener(const QString& section)
{
    const QString name = section.mid(kListenerPrefix.size());
    for (ListenerConfig& config : m_listeners) {
        if (config.name == name)
            return config;
    }
    Q_UNREACHABLE();
}

bool Loader::applyListener(const IniFileScanner::Entry& entry)
{
    ListenerConfig& config = listener(entry.section);
    const QString& key = entry.key;
    if (key == QLatin1String("require-auth"))
        return boolValue(entry, &config.requireAuth);
    if (key == QLatin1String("allow-plain-auth"))
        return boolValue(entry, &config.allowPlainAuth);
    if (key == QLatin1String("cert-file") || key == QLatin1String("key-file")) {
        QString path;
        if (!existingFile(entry, &path))
            return false;
        (key == QLatin1String("cert-file") ? config.certFile : config.keyFile) = path;
        if (!m_listenersWithOwnCert.contains(config.name))
            m_listenersWithOwnCert.append(config.name);
        return true;
    }
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (key == QLatin1String("address")) {
        const QHostAddress address(value);
        if (address.isNull())
            return fail(entry, QStringLiteral("not an IP address (e.g. 0.0.0.0, 192.168.1.10, ::, "
                                              "::1)"));
        config.address = address;
    } else if (key == QLatin1String("port")) {
        const auto port = ConfigValueParser::parsePort(value);
        if (!port)
            return fail(entry, QStringLiteral("not a port number (1-65535)"));
        config.port = *port;
    } else if (key == QLatin1String("mode")) {
        if (value == QLatin1String("plain"))
            config.mode = ListenerConfig::Mode::Plain;
        else if (value == QLatin1String("tls"))
            config.mode = ListenerConfig::Mode::Tls;
        else
            return fail(entry, QStringLiteral("expected plain or tls"));
    } else if (key == QLatin1String("min-tls")) {
        const auto version = ConfigValueParser::parseTlsVersion(value);
        if (!version)
            return fail(entry, QStringLiteral("expected 1.0, 1.1, 1.2 or 1.3"));
        config.minTls = *version;
    }
    return true;
}

bool Loader::applyRelay(const IniFileScanner::Entry& entry)
{
    // allowed-networks
    QList<Subnet> networks;
    for (const QString& item : list(entry)) {
        const auto subnet = Subnet::parse(item);
        if (!subnet)
            return fail(entry, QStringLiteral("\"%1\" is not a network in CIDR notation (e.g. "
                                              "192.168.1.0/24, fd00::/8)")
                                   .arg(item));
        if (subnet->prefixLength == 0)
            return fail(entry, QStringLiteral("\"%1\" would relay for the whole Internet (an "
                                              "open relay); list your LAN networks and use "
                                              "AUTH for the rest")
                                   .arg(item));
        networks.append(*subnet);
    }
    m_config.allowedNetworks = networks;
    return true;
}

bool Loader::applyLimits(const IniFileScanner::Entry& entry)
{
    const QString& key = entry.key;
    LimitsConfig& limits = m_config.limits;
    if (key == QLatin1String("max-message-size")) {
        QString value;
        if (!scalar(entry, &value))
            return false;
        const auto size = ConfigValueParser::parseSize(value);
        constexpr qint64 maxSize = 2LL * 1024 * 1024 * 1024;
        if (!size || *size < 1024 || *size > maxSize)
            return fail(entry, QStringLiteral("not a size between 1K and 2G (e.g. 26214400, "
                                              "25M)"));
        limits.maxMessageSize = *size;
        return true;
    }
    if (key == QLatin1String("max-recipients"))
        return intValue(entry, 1, LimitsConfig::kMaxCount, &limits.maxRecipients);
    if (key == QLatin1String("max-sessions"))
        return intValue(entry, 1, LimitsConfig::kMaxCount, &limits.maxSessions);
    if (key == QLatin1String("max-sessions-per-client"))
        return intValue(entry, 1, LimitsConfig::kMaxCount, &limits.maxSessionsPerClient);
    if (key == QLatin1String("max-bad-commands"))
        return intValue(entry, 1, LimitsConfig::kMaxBadCommands, &limits.maxBadCommands);
    if (key == QLatin1String("command-timeout"))
        return durationValue(entry, LimitsConfig::kMaxTimeoutSeconds,
                             &limits.commandTimeoutSeconds);
    return durationValue(entry, LimitsConfig::kMaxTimeoutSeconds, &limits.dataTimeoutSeconds);
}

bool Loader::applySmarthost(const IniFileScanner::Entry& entry)
{
    const QString& key = entry.key;
    SmarthostConfig& smarthost = m_config.smarthost;
    if (key == QLatin1String("verify"))
        return boolValue(entry, &smarthost.verify);
    if (key == QLatin1String("max-connections"))
        return intValue(entry, 1, SmarthostConfig::kMaxConnections, &smarthost.maxConnections);
    if (key == QLatin1String("messages-per-connection"))
        return intValue(entry, 1, SmarthostConfig::kMaxMessagesPerConnection,
                        &smarthost.messagesPerConnection);
    if (key == QLatin1String("ca-file"))
        return existingFile(entry, &smarthost.caFile);
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (key == QLatin1String("host")) {
        if (!value.isEmpty() && QHostAddress(value).isNull() &&
            !ConfigValueParser::isValidHostname(value))
            return fail(entry, QStringLiteral("not a host name or IP address"));
        smarthost.host = value;
    } else if (key == QLatin1String("port")) {
        const auto port = ConfigValueParser::parsePort(value);
        if (!port)
            return fail(entry, QStringLiteral("not a port number (1-65535)"));
        smarthost.port = *port;
    } else if (key == QLatin1String("tls")) {
        if (value == QLatin1String("none"))
            smarthost.tls = SmarthostConfig::TlsMode::None;
        else if (value == QLatin1String("starttls"))
            smarthost.tls = SmarthostConfig::TlsMode::StartTls;
        else if (value == QLatin1String("opportunistic"))
            smarthost.tls = SmarthostConfig::TlsMode::Opportunistic;
        else if (value == QLatin1String("tls"))
            smarthost.tls = SmarthostConfig::TlsMode::Tls;
        else
            return fail(entry, QStringLiteral("expected none, starttls, opportunistic or tls"));
    } else if (key == QLatin1String("username")) {
        if (value.contains(QLatin1Char('\n')) || value.size() > 256)
            return fail(entry, QStringLiteral("not a valid user name"));
        smarthost.username = value;
    } else if (key == QLatin1String("password-ref")) {
        if (value.isEmpty()) {
            smarthost.passwordRef = {};
            return true;
        }
        QString why;
        const auto reference = CredentialReference::parse(value, &why);
        if (!reference)
            return fail(entry, why);
        if (!reference->checkFile(&why))
            return fail(entry, why);
        smarthost.passwordRef = *reference;
    } else if (key == QLatin1String("helo-name")) {
        if (!value.isEmpty() && !ConfigValueParser::isValidHostname(value))
            return fail(entry, QStringLiteral("not a valid host name"));
        smarthost.heloName = value;
    }
    return true;
}

bool Loader::applyRetry(const IniFileScanner::Entry& entry)
{
    if (entry.key == QLatin1String("max-age"))
        return durationValue(entry, RetryConfig::kMaxAgeSeconds, &m_config.retry.maxAgeSeconds);
    const auto schedule = ConfigValueParser::parseDurationList(list(entry));
    if (!schedule)
        return fail(entry, QStringLiteral("expected a comma separated list of durations, e.g. "
                                          "1m,5m,15m,30m,1h"));
    m_config.retry.scheduleSeconds = *schedule;
    return true;
}

bool Loader::scalar(const IniFileScanner::Entry& entry, QString* value)
{
    const QString settingsKey = entry.section == QLatin1String("general")
                                    ? entry.key
                                    : entry.section + QLatin1Char('/') + entry.key;
    const QVariant variant = m_settings.value(settingsKey);
    if (variant.typeId() == QMetaType::QStringList)
        return fail(entry, QStringLiteral("unexpected comma (put the value in double quotes if "
                                          "it contains one)"));
    *value = variant.toString().trimmed();
    return true;
}

QStringList Loader::list(const IniFileScanner::Entry& entry)
{
    const QString settingsKey = entry.section + QLatin1Char('/') + entry.key;
    // QSettings splits unquoted values at commas, a quoted one is one
    // string: accept both spellings the same way.
    const QString joined = m_settings.value(settingsKey).toStringList().join(QLatin1Char(','));
    QStringList items;
    for (const QString& item : joined.split(QLatin1Char(','))) {
        if (!item.trimmed().isEmpty())
            items.append(item.trimmed());
    }
    return items;
}

bool Loader::existingFile(const IniFileScanner::Entry& entry, QString* path)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (value.isEmpty()) {
        path->clear();
        return true;
    }
    const QString absolute = QDir::cleanPath(m_baseDir.absoluteFilePath(value));
    const QFileInfo info(absolute);
    if (!info.exists())
        return fail(entry, QStringLiteral("%1: no such file").arg(absolute));
    if (!info.isFile() || !info.isReadable())
        return fail(entry, QStringLiteral("%1: not a readable file").arg(absolute));
    *path = absolute;
    return true;
}

bool Loader::intValue(const IniFileScanner::Entry& entry, qint64 min, qint64 max, int* out)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    const auto number = ConfigValueParser::parseInteger(value, min, max);
    if (!number)
        return fail(entry,
                    QStringLiteral("not a whole number between %1 and %2").arg(min).arg(max));
    *out = static_cast<int>(*number);
    return true;
}

bool Loader::durationValue(const IniFileScanner::Entry& entry, qint64 max, int* out)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    const auto seconds = ConfigValueParser::parseDuration(value);
    if (!seconds || *seconds > max)
        return fail(
            entry,
            QStringLiteral("not a duration between 1s and %1s (e.g. 90s, 5m, 1h, 5d)").arg(max));
    *out = static_cast<int>(*seconds);
    return true;
}

bool Loader::boolValue(const IniFileScanner::Entry& entry, bool* out)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    const auto flag = ConfigValueParser::parseBool(value);
    if (!flag)
        return fail(entry, QStringLiteral("expected true or false"));
    *out = *flag;
    return true;
}

bool Loader::fail(const IniFileScanner::Entry& entry, const QString& what)
{
    m_error = QStringLiteral("%1:%2: [%3] %4 = \"%5\": %6")
                  .arg(m_path)
                  .arg(entry.line)
                  .arg(entry.section, entry.key, entry.value, what);
    return false;
}

bool Loader::failAt(int line, const QString& what)
{
    m_error = QStringLiteral("%1:%2: %3").arg(m_path).arg(line).arg(what);
    return false;
}

} // namespace

std::optional<RelayConfig> ConfigLoader::load(const QString& path, QString* error)
{
    Loader loader(path);
    return loader.run(error);
}

bool ConfigLoader::isSecretKey(const QString& key)
{
    const QString lower = key.toLower();
    if (lower.endsWith(QLatin1String("-ref")))
        return false;
    static const QStringList exact{QStringLiteral("pass"), QStringLiteral("pw"),
                                   QStringLiteral("token"), QStringLiteral("api-key"),
                                   QStringLiteral("apikey")};
    return exact.contains(lower) || lower.contains(QLatin1String("password")) ||
           lower.contains(QLatin1String("passwd")) || lower.contains(QLatin1String("secret"));
}

} // namespace RelayDesk::Config
