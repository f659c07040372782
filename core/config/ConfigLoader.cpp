#include "ConfigLoader.h"

#include "ConfigValueParser.h"
#include "IniFileScanner.h"
#include "ProviderPresets.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>

namespace RelayDesk::Config {

namespace {

const QString kListenerPrefix = QStringLiteral("listener.");
const QString kSmarthostPrefix = QStringLiteral("smarthost.");
const QString kRoutePrefix = QStringLiteral("route.");

QString oneLine(const QString& text);

bool isSmarthostSection(const QString& section)
{
    return section == QLatin1String("smarthost") || section.startsWith(kSmarthostPrefix);
}

/// local@domain with a plain local part: what routes may put into MAIL FROM
/// and From:, so nothing that needs quoting.
bool isPlainAddress(const QString& text)
{
    static const QRegularExpression local(
        QStringLiteral("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$"));
    const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
    return at > 0 && local.match(text.left(at)).hasMatch() &&
           ConfigValueParser::isValidHostname(text.mid(at + 1)) &&
           !text.mid(at + 1).contains(QLatin1String(".."));
}

/// "example.com" or "*.example.com" (any subdomain).
bool isDomainPattern(const QString& text)
{
    const QString domain = text.startsWith(QLatin1String("*.")) ? text.mid(2) : text;
    return ConfigValueParser::isValidHostname(domain) && domain.contains(QLatin1Char('.'));
}

QStringList knownKeys(const QString& section)
{
    if (section == QLatin1String("general"))
        return {QStringLiteral("data-dir"), QStringLiteral("hostname"),
                QStringLiteral("dns-server")};
    if (section == QLatin1String("tls"))
        return {QStringLiteral("cert-file"), QStringLiteral("key-file"),
                QStringLiteral("key-passphrase-ref")};
    if (section == QLatin1String("relay"))
        return {QStringLiteral("allowed-networks")};
    if (section == QLatin1String("limits"))
        return {QStringLiteral("max-message-size"),
                QStringLiteral("max-recipients"),
                QStringLiteral("max-sessions"),
                QStringLiteral("max-sessions-per-client"),
                QStringLiteral("max-bad-commands"),
                QStringLiteral("command-timeout"),
                QStringLiteral("data-timeout"),
                QStringLiteral("messages-per-minute"),
                QStringLiteral("recipients-per-hour"),
                QStringLiteral("account-messages-per-minute"),
                QStringLiteral("account-recipients-per-hour"),
                QStringLiteral("account-max-sessions")};
    if (section == QLatin1String("security"))
        return {QStringLiteral("auth-failures"),    QStringLiteral("auth-window"),
                QStringLiteral("lockout-duration"), QStringLiteral("auth-max-delay"),
                QStringLiteral("abuse-factor"),     QStringLiteral("abuse-floor")};
    if (isSmarthostSection(section))
        return {QStringLiteral("host"),
                QStringLiteral("port"),
                QStringLiteral("tls"),
                QStringLiteral("verify"),
                QStringLiteral("ca-file"),
                QStringLiteral("username"),
                QStringLiteral("password-ref"),
                QStringLiteral("helo-name"),
                QStringLiteral("max-connections"),
                QStringLiteral("messages-per-connection"),
                QStringLiteral("messages-per-minute"),
                QStringLiteral("recipients-per-day"),
                QStringLiteral("fallback"),
                QStringLiteral("preset"),
                QStringLiteral("region"),
                QStringLiteral("tenant")};
    if (section.startsWith(kRoutePrefix))
        return {QStringLiteral("sender"),         QStringLiteral("recipient-domain"),
                QStringLiteral("client-network"), QStringLiteral("auth-user"),
                QStringLiteral("listener"),       QStringLiteral("transport"),
                QStringLiteral("helo-name"),      QStringLiteral("from-address"),
                QStringLiteral("from-name"),      QStringLiteral("fix-from-name"),
                QStringLiteral("add-date"),       QStringLiteral("add-message-id"),
                QStringLiteral("envelope-sender")};
    if (section == QLatin1String("retry"))
        return {QStringLiteral("schedule"), QStringLiteral("max-age"),
                QStringLiteral("delay-warning")};
    if (section == QLatin1String("bounces"))
        return {QStringLiteral("suppress"), QStringLiteral("suppressed-action"),
                QStringLiteral("suppress-expiry"), QStringLiteral("suppress-reasons"),
                QStringLiteral("return-path-address")};
    if (section.startsWith(kListenerPrefix))
        return {QStringLiteral("address"),
                QStringLiteral("port"),
                QStringLiteral("mode"),
                QStringLiteral("cert-file"),
                QStringLiteral("key-file"),
                QStringLiteral("key-passphrase-ref"),
                QStringLiteral("min-tls"),
                QStringLiteral("require-auth"),
                QStringLiteral("allow-plain-auth")};
    return {};
}

/// One load: the file, its layout, its values, and the first error.
class Loader
{
public:
    Loader(const QString& path, QStringList* plaintextSecrets)
        : m_path(path), m_baseDir(QFileInfo(path).absoluteDir()),
          m_settings(path, QSettings::IniFormat), m_plaintextSecrets(plaintextSecrets)
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
    bool applyPresets();
    bool applyPreset(SmarthostConfig& smarthost);
    bool applyRoute(const IniFileScanner::Entry& entry);
    bool checkRouteListeners();
    bool applyRetry(const IniFileScanner::Entry& entry);
    bool applyBounces(const IniFileScanner::Entry& entry);
    bool applySecurity(const IniFileScanner::Entry& entry);
    const IniFileScanner::Entry* entryFor(const QString& section, const QString& key) const;

    /// The value as QSettings reads it; a scalar must not have been split
    /// at commas.
    bool scalar(const IniFileScanner::Entry& entry, QString* value);
    QStringList list(const IniFileScanner::Entry& entry);
    /// A path relative to the configuration file; must name a readable file.
    bool existingFile(const IniFileScanner::Entry& entry, QString* path);
    bool intValue(const IniFileScanner::Entry& entry, qint64 min, qint64 max, int* out);
    bool durationValue(const IniFileScanner::Entry& entry, qint64 max, int* out);
    bool boolValue(const IniFileScanner::Entry& entry, bool* out);
    /// `keychain:NAME`, `local:NAME` or `file:/PATH`; empty: a null reference.
    bool credentialReference(const IniFileScanner::Entry& entry, CredentialReference* out);

    bool fail(const IniFileScanner::Entry& entry, const QString& what);
    bool failAt(int line, const QString& what);

    ListenerConfig& listener(const QString& section);
    SmarthostConfig& smarthost(const QString& section);
    RouteConfig& route(const QString& section);

    QString m_path;
    QDir m_baseDir;
    QSettings m_settings;
    IniFileScanner m_scanner;
    RelayConfig m_config;
    QList<ListenerConfig> m_listeners;
    QStringList m_listenersWithOwnCert;
    QStringList m_listenersWithOwnPassphrase;
    QStringList* m_plaintextSecrets = nullptr; ///< null: a secret is an error
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
        } else if (section.name.startsWith(kSmarthostPrefix)) {
            SmarthostConfig config;
            config.name = section.name.mid(kSmarthostPrefix.size());
            m_config.smarthosts.append(config);
        } else if (section.name.startsWith(kRoutePrefix)) {
            RouteConfig config;
            config.name = section.name.mid(kRoutePrefix.size());
            m_config.routes.append(config);
        }
    }
    // Presets first, so that the section's own keys override them wherever
    // they stand in the section.
    if (!applyPresets()) {
        *error = m_error;
        return std::nullopt;
    }
    QList<const IniFileScanner::Entry*> secrets;
    for (const IniFileScanner::Entry& entry : m_scanner.entries()) {
        if (ConfigLoader::isSecretKey(entry.key)) {
            // Only reached when the caller collects them (see checkStructure).
            secrets.append(&entry);
            continue;
        }
        if (!apply(entry)) {
            *error = m_error;
            return std::nullopt;
        }
    }
    // A smarthost password or a key passphrase still in the file refers to
    // the keychain entry that moving it there creates; until then that entry
    // is missing, and delivery or the listener says so.
    for (const IniFileScanner::Entry* entry : std::as_const(secrets)) {
        CredentialReference* reference = nullptr;
        const QString refKey = ConfigLoader::referenceKeyFor(entry->section, entry->key);
        if (refKey == QLatin1String("password-ref") && isSmarthostSection(entry->section)) {
            reference = &smarthost(entry->section).passwordRef;
        } else if (refKey == QLatin1String("key-passphrase-ref")) {
            if (entry->section == QLatin1String("tls")) {
                reference = &m_config.tls.keyPassphraseRef;
            } else {
                ListenerConfig& config = listener(entry->section);
                reference = &config.keyPassphraseRef;
                if (!m_listenersWithOwnPassphrase.contains(config.name))
                    m_listenersWithOwnPassphrase.append(config.name);
            }
        }
        if (reference && reference->isNull())
            *reference = *CredentialReference::parse(
                QStringLiteral("keychain:") +
                    ConfigLoader::keychainNameFor(entry->section, entry->key),
                nullptr);
    }
    if (!m_listeners.isEmpty()) {
        // Listeners without their own certificate use the [tls] default.
        // The passphrase goes with the key: a listener with a key of its own
        // does not inherit [tls]'s, and one without cannot set its own.
        for (ListenerConfig& config : m_listeners) {
            if (m_listenersWithOwnCert.contains(config.name))
                continue;
            if (m_listenersWithOwnPassphrase.contains(config.name)) {
                const QString section = kListenerPrefix + config.name;
                // key-passphrase: one typed into the file (desktop app only).
                QString key = QStringLiteral("key-passphrase-ref");
                if (m_scanner.lineOf(section, key) == 0)
                    key = QStringLiteral("key-passphrase");
                failAt(m_scanner.lineOf(section, key),
                       QStringLiteral("[%1] %2: belongs to a key-file; set key-file (and "
                                      "cert-file) in this section, or put it in [tls]")
                           .arg(section, key));
                *error = m_error;
                return std::nullopt;
            }
            config.certFile = m_config.tls.certFile;
            config.keyFile = m_config.tls.keyFile;
            config.keyPassphraseRef = m_config.tls.keyPassphraseRef;
        }
        m_config.listeners = m_listeners;
    } else if (!m_config.tls.certFile.isEmpty()) {
        m_config.listeners.first().certFile = m_config.tls.certFile;
        m_config.listeners.first().keyFile = m_config.tls.keyFile;
        m_config.listeners.first().keyPassphraseRef = m_config.tls.keyPassphraseRef;
    }
    if (!checkRouteListeners()) {
        *error = m_error;
        return std::nullopt;
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
        *error = oneLine(
            line > 0
                ? QStringLiteral("%1:%2: %3: %4").arg(m_path).arg(line).arg(where, problem.message)
                : QStringLiteral("%1: %2: %3").arg(m_path, where, problem.message));
        return std::nullopt;
    }
    return m_config;
}

bool Loader::checkStructure()
{
    static const QRegularExpression listenerName(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    static const QStringList plainSections{QStringLiteral("general"),   QStringLiteral("tls"),
                                           QStringLiteral("relay"),     QStringLiteral("limits"),
                                           QStringLiteral("smarthost"), QStringLiteral("retry"),
                                           QStringLiteral("security"),  QStringLiteral("bounces")};
    // Sections first, then keys, each in file order, so that the error is
    // the first thing wrong from the top of the file.
    for (const IniFileScanner::Section& section : m_scanner.sections()) {
        if (plainSections.contains(section.name))
            continue;
        bool named = false;
        for (const QString& prefix : {kListenerPrefix, kSmarthostPrefix, kRoutePrefix}) {
            if (!section.name.startsWith(prefix))
                continue;
            named = true;
            if (!listenerName.match(section.name.mid(prefix.size())).hasMatch())
                return failAt(section.line, QStringLiteral("[%1]: %2 names are 1-32 of A-Z a-z "
                                                           "0-9 _ -")
                                                .arg(section.name, prefix.chopped(1)));
        }
        if (named)
            continue;
        return failAt(section.line, QStringLiteral("[%1]: unknown section (expected general, tls, "
                                                   "listener.NAME, relay, limits, smarthost, "
                                                   "smarthost.NAME, route.NAME, retry, security)")
                                        .arg(section.name));
    }
    for (const IniFileScanner::Entry& entry : m_scanner.entries()) {
        if (ConfigLoader::isSecretKey(entry.key)) {
            if (m_plaintextSecrets) {
                m_plaintextSecrets->append(QStringLiteral("[%1] %2").arg(entry.section, entry.key));
                continue;
            }
            // Never echo the value: it is the secret.
            return failAt(entry.line,
                          QStringLiteral("[%1] %2: secrets must not be stored in the "
                                         "configuration file. Keep it in the keychain and refer "
                                         "to it with %3 = keychain:NAME (or local:NAME, "
                                         "systemd:NAME, file:/path); see docs/configuration.md")
                              .arg(entry.section, entry.key,
                                   ConfigLoader::referenceKeyFor(entry.section, entry.key)));
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
    if (isSmarthostSection(entry.section))
        return applySmarthost(entry);
    if (entry.section.startsWith(kRoutePrefix))
        return applyRoute(entry);
    if (entry.section == QLatin1String("security"))
        return applySecurity(entry);
    if (entry.section == QLatin1String("retry"))
        return applyRetry(entry);
    if (entry.section == QLatin1String("bounces"))
        return applyBounces(entry);
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
    if (entry.key == QLatin1String("dns-server")) {
        // Empty: the system's resolver. Otherwise one IP address; Qt's
        // QDnsLookup always asks it on port 53.
        const QHostAddress address(value);
        if (!value.isEmpty() && address.isNull())
            return fail(entry, QStringLiteral("not an IP address, e.g. 127.0.0.53 or ::1"));
        m_config.general.dnsServer = value.isEmpty() ? QHostAddress() : address;
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
    if (entry.key == QLatin1String("key-passphrase-ref"))
        return credentialReference(entry, &m_config.tls.keyPassphraseRef);
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
    if (key == QLatin1String("key-passphrase-ref")) {
        if (!m_listenersWithOwnPassphrase.contains(config.name))
            m_listenersWithOwnPassphrase.append(config.name);
        return credentialReference(entry, &config.keyPassphraseRef);
    }
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
    if (key == QLatin1String("messages-per-minute"))
        return intValue(entry, 0, LimitsConfig::kMaxRate, &limits.messagesPerMinute);
    if (key == QLatin1String("recipients-per-hour"))
        return intValue(entry, 0, LimitsConfig::kMaxRate, &limits.recipientsPerHour);
    if (key == QLatin1String("account-messages-per-minute"))
        return intValue(entry, 0, LimitsConfig::kMaxRate, &limits.accountMessagesPerMinute);
    if (key == QLatin1String("account-recipients-per-hour"))
        return intValue(entry, 0, LimitsConfig::kMaxRate, &limits.accountRecipientsPerHour);
    if (key == QLatin1String("account-max-sessions"))
        return intValue(entry, 0, LimitsConfig::kMaxCount, &limits.accountMaxSessions);
    if (key == QLatin1String("command-timeout"))
        return durationValue(entry, LimitsConfig::kMaxTimeoutSeconds,
                             &limits.commandTimeoutSeconds);
    return durationValue(entry, LimitsConfig::kMaxTimeoutSeconds, &limits.dataTimeoutSeconds);
}

bool Loader::applySecurity(const IniFileScanner::Entry& entry)
{
    const QString& key = entry.key;
    SecurityConfig& security = m_config.security;
    if (key == QLatin1String("auth-failures"))
        return intValue(entry, 0, SecurityConfig::kMaxFailures, &security.authFailures);
    if (key == QLatin1String("auth-window"))
        return durationValue(entry, SecurityConfig::kMaxSeconds, &security.authWindowSeconds);
    if (key == QLatin1String("lockout-duration"))
        return durationValue(entry, SecurityConfig::kMaxSeconds, &security.lockoutSeconds);
    if (key == QLatin1String("auth-max-delay"))
        return durationValue(entry, 300, &security.authMaxDelaySeconds);
    if (key == QLatin1String("abuse-factor"))
        return intValue(entry, 2, SecurityConfig::kMaxFactor, &security.abuseFactor);
    return intValue(entry, 1, SecurityConfig::kMaxFloor, &security.abuseFloor);
}

bool Loader::applySmarthost(const IniFileScanner::Entry& entry)
{
    const QString& key = entry.key;
    SmarthostConfig& smarthost = this->smarthost(entry.section);
    if (key == QLatin1String("preset") || key == QLatin1String("region") ||
        key == QLatin1String("tenant"))
        return true; // applied by applyPresets()
    if (key == QLatin1String("messages-per-minute"))
        return intValue(entry, 1, SmarthostConfig::kMaxMessagesPerMinute,
                        &smarthost.messagesPerMinute);
    if (key == QLatin1String("recipients-per-day"))
        return intValue(entry, 1, SmarthostConfig::kMaxRecipientsPerDay,
                        &smarthost.recipientsPerDay);
    if (key == QLatin1String("fallback")) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
        QStringList fallbacks;
        for (const QString& item : list(entry)) {
            if (!name.match(item).hasMatch())
                return fail(entry, QStringLiteral("\"%1\" is not a smarthost name (the NAME of "
                                                  "a [smarthost.NAME] section)")
                                       .arg(item));
            if (fallbacks.contains(item))
                return fail(entry, QStringLiteral("\"%1\" is listed twice").arg(item));
            fallbacks.append(item);
        }
        smarthost.fallbacks = fallbacks;
        return true;
    }
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
        return credentialReference(entry, &smarthost.passwordRef);
    } else if (key == QLatin1String("helo-name")) {
        if (!value.isEmpty() && !ConfigValueParser::isValidHostname(value))
            return fail(entry, QStringLiteral("not a valid host name"));
        smarthost.heloName = value;
    }
    return true;
}

SmarthostConfig& Loader::smarthost(const QString& section)
{
    if (section == QLatin1String("smarthost"))
        return m_config.smarthost;
    const QString name = section.mid(kSmarthostPrefix.size());
    for (SmarthostConfig& config : m_config.smarthosts) {
        if (config.name == name)
            return config;
    }
    Q_UNREACHABLE();
}

RouteConfig& Loader::route(const QString& section)
{
    const QString name = section.mid(kRoutePrefix.size());
    for (RouteConfig& config : m_config.routes) {
        if (config.name == name)
            return config;
    }
    Q_UNREACHABLE();
}

const IniFileScanner::Entry* Loader::entryFor(const QString& section, const QString& key) const
{
    for (const IniFileScanner::Entry& entry : m_scanner.entries()) {
        if (entry.section == section && entry.key == key)
            return &entry;
    }
    return nullptr;
}

bool Loader::applyPresets()
{
    if (!applyPreset(m_config.smarthost))
        return false;
    for (SmarthostConfig& config : m_config.smarthosts) {
        if (!applyPreset(config))
            return false;
    }
    return true;
}

bool Loader::applyPreset(SmarthostConfig& smarthost)
{
    const QString section = smarthost.sectionName();
    const IniFileScanner::Entry* presetEntry = entryFor(section, QStringLiteral("preset"));
    QHash<QString, QString> parameters;
    QList<const IniFileScanner::Entry*> parameterEntries;
    for (const QString& key : {QStringLiteral("region"), QStringLiteral("tenant")}) {
        if (const IniFileScanner::Entry* entry = entryFor(section, key)) {
            QString value;
            if (!scalar(*entry, &value))
                return false;
            if (!presetEntry)
                return fail(*entry, QStringLiteral("only used with a preset (e.g. preset = "
                                                   "amazon-ses)"));
            parameters.insert(key, value);
            parameterEntries.append(entry);
        }
    }
    if (!presetEntry)
        return true;
    QString id;
    if (!scalar(*presetEntry, &id))
        return false;
    const ProviderPresets& catalog = ProviderPresets::builtIn();
    const ProviderPreset* preset = catalog.find(id);
    if (!preset)
        return fail(*presetEntry,
                    QStringLiteral("unknown preset (known: %1)").arg(catalog.ids().join(u", ")));
    for (const IniFileScanner::Entry* entry : parameterEntries) {
        const ProviderPreset::Parameter* parameter = preset->parameter(entry->key);
        if (!parameter)
            return fail(*entry, QStringLiteral("preset %1 has no %2").arg(id, entry->key));
        QString why;
        if (!preset->acceptsParameter(*parameter, parameters.value(entry->key), &why))
            return fail(*entry, why);
    }
    QString missing;
    const auto host = preset->expandHost(parameters, &missing);
    if (host) {
        smarthost.host = *host;
    } else if (!entryFor(section, QStringLiteral("host"))) {
        const ProviderPreset::Parameter* parameter = preset->parameter(missing);
        QString what = QStringLiteral("needs %1 = VALUE in [%2]: %3")
                           .arg(missing, section, parameter->description);
        if (!parameter->values.isEmpty())
            what += QStringLiteral(" (one of %1)").arg(parameter->values.join(u", "));
        return fail(*presetEntry, what);
    }
    smarthost.preset = preset->id;
    smarthost.port = preset->port;
    smarthost.tls = preset->tls;
    if (preset->maxConnections.value > 0)
        smarthost.maxConnections = preset->maxConnections.value;
    smarthost.messagesPerMinute = preset->messagesPerMinute.value;
    smarthost.recipientsPerDay = preset->recipientsPerDay.value;
    return true;
}

bool Loader::applyRoute(const IniFileScanner::Entry& entry)
{
    RouteConfig& config = route(entry.section);
    const QString& key = entry.key;
    if (key == QLatin1String("add-date"))
        return boolValue(entry, &config.addDate);
    if (key == QLatin1String("add-message-id"))
        return boolValue(entry, &config.addMessageId);
    if (key == QLatin1String("sender")) {
        QStringList senders;
        for (QString item : list(entry)) {
            if (item.startsWith(QLatin1Char('@')))
                item.remove(0, 1);
            const bool ok = item == QLatin1String("<>") || isDomainPattern(item) ||
                            (item.contains(QLatin1Char('@')) && isPlainAddress(item));
            if (!ok)
                return fail(entry, QStringLiteral("\"%1\" is not an address, a domain, *.domain "
                                                  "or <> (the null sender)")
                                       .arg(item));
            senders.append(item);
        }
        config.senders = senders;
        return true;
    }
    if (key == QLatin1String("recipient-domain")) {
        QStringList domains;
        for (const QString& item : list(entry)) {
            if (!isDomainPattern(item))
                return fail(entry, QStringLiteral("\"%1\" is not a domain or *.domain").arg(item));
            domains.append(item);
        }
        config.recipientDomains = domains;
        return true;
    }
    if (key == QLatin1String("client-network")) {
        QList<Subnet> networks;
        for (const QString& item : list(entry)) {
            const auto subnet = Subnet::parse(item);
            if (!subnet)
                return fail(entry, QStringLiteral("\"%1\" is not a network in CIDR notation (e.g. "
                                                  "192.168.1.0/24, fd00::/8)")
                                       .arg(item));
            networks.append(*subnet);
        }
        config.clientNetworks = networks;
        return true;
    }
    if (key == QLatin1String("auth-user")) {
        static const QRegularExpression user(QStringLiteral("^[A-Za-z0-9._@+-]{1,64}$"));
        QStringList users;
        for (const QString& item : list(entry)) {
            if (item != QLatin1String("*") && !user.match(item).hasMatch())
                return fail(entry, QStringLiteral("\"%1\" is not an account name (1-64 of A-Z a-z "
                                                  "0-9 . _ @ + -) or * (any authenticated client)")
                                       .arg(item));
            users.append(item);
        }
        config.authUsers = users;
        return true;
    }
    if (key == QLatin1String("listener")) {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
        QStringList names;
        for (const QString& item : list(entry)) {
            if (!name.match(item).hasMatch())
                return fail(entry, QStringLiteral("\"%1\" is not a listener name").arg(item));
            names.append(item);
        }
        config.listeners = names;
        return true;
    }
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (key == QLatin1String("transport")) {
        static const QRegularExpression named(QStringLiteral("^smarthost:([A-Za-z0-9_-]{1,32})$"));
        const auto match = named.match(value);
        if (value == QLatin1String("mx")) {
            config.transport = RouteConfig::Transport::Mx;
            config.smarthost.clear();
        } else if (value == QLatin1String("smarthost")) {
            config.transport = RouteConfig::Transport::Smarthost;
            config.smarthost.clear();
        } else if (match.hasMatch()) {
            config.transport = RouteConfig::Transport::Smarthost;
            config.smarthost = match.captured(1);
        } else {
            return fail(entry, QStringLiteral("expected smarthost (the [smarthost] section), "
                                              "smarthost:NAME (a [smarthost.NAME] section) or mx"));
        }
    } else if (key == QLatin1String("helo-name")) {
        if (!value.isEmpty() && !ConfigValueParser::isValidHostname(value))
            return fail(entry, QStringLiteral("not a valid host name"));
        config.heloName = value;
    } else if (key == QLatin1String("from-address") || key == QLatin1String("envelope-sender")) {
        if (!value.isEmpty() && !isPlainAddress(value))
            return fail(entry, QStringLiteral("not a plain address (local@domain)"));
        (key == QLatin1String("from-address") ? config.fromAddress : config.envelopeSender) = value;
    } else if (key == QLatin1String("from-name")) {
        bool control = false;
        for (const QChar c : value)
            control = control || c.category() == QChar::Other_Control;
        if (control || value.size() > 200)
            return fail(entry, QStringLiteral("at most 200 characters, no control characters"));
        config.fromName = value;
    } else if (key == QLatin1String("fix-from-name")) {
        if (value == QLatin1String("no"))
            config.fixFromName = RouteConfig::FromNameFix::Keep;
        else if (value == QLatin1String("quote"))
            config.fixFromName = RouteConfig::FromNameFix::Quote;
        else if (value == QLatin1String("remove"))
            config.fixFromName = RouteConfig::FromNameFix::Remove;
        else
            return fail(entry, QStringLiteral("expected no, quote or remove"));
    }
    return true;
}

bool Loader::checkRouteListeners()
{
    QStringList names;
    for (const ListenerConfig& listener : m_config.listeners)
        names.append(listener.name);
    for (const RouteConfig& config : m_config.routes) {
        for (const QString& name : config.listeners) {
            if (names.contains(name))
                continue;
            const IniFileScanner::Entry* entry =
                entryFor(kRoutePrefix + config.name, QStringLiteral("listener"));
            return fail(*entry, QStringLiteral("no listener named %1 (listeners: %2)")
                                    .arg(name, names.join(u", ")));
        }
    }
    return true;
}

bool Loader::applyRetry(const IniFileScanner::Entry& entry)
{
    if (entry.key == QLatin1String("max-age"))
        return durationValue(entry, RetryConfig::kMaxAgeSeconds, &m_config.retry.maxAgeSeconds);
    if (entry.key == QLatin1String("delay-warning"))
        return durationValue(entry, RetryConfig::kMaxAgeSeconds,
                             &m_config.retry.delayWarningSeconds);
    const auto schedule = ConfigValueParser::parseDurationList(list(entry));
    if (!schedule)
        return fail(entry, QStringLiteral("expected a comma separated list of durations, e.g. "
                                          "1m,5m,15m,30m,1h"));
    m_config.retry.scheduleSeconds = *schedule;
    return true;
}

bool Loader::applyBounces(const IniFileScanner::Entry& entry)
{
    BouncesConfig& bounces = m_config.bounces;
    if (entry.key == QLatin1String("suppress"))
        return boolValue(entry, &bounces.suppress);
    if (entry.key == QLatin1String("suppress-expiry")) {
        QString value;
        if (!scalar(entry, &value))
            return false;
        if (value.trimmed() == QLatin1String("0")) {
            bounces.suppressExpirySeconds = 0; // never expires
            return true;
        }
        return durationValue(entry, BouncesConfig::kMaxExpirySeconds,
                             &bounces.suppressExpirySeconds);
    }
    if (entry.key == QLatin1String("suppress-reasons")) {
        static const QRegularExpression reason(QStringLiteral("^[a-z]+$"));
        QStringList reasons;
        for (const QString& item : list(entry)) {
            const QString r = item.trimmed().toLower();
            if (r.isEmpty())
                continue;
            if (!reason.match(r).hasMatch())
                return fail(entry, QStringLiteral("\"%1\" is not a reason name (e.g. "
                                                  "userunknown, hostunknown, hasmoved)")
                                       .arg(item.trimmed()));
            reasons << r;
        }
        bounces.suppressReasons = reasons;
        return true;
    }
    QString value;
    if (!scalar(entry, &value))
        return false;
    value = value.trimmed();
    if (entry.key == QLatin1String("suppressed-action")) {
        if (value.compare(QLatin1String("fail"), Qt::CaseInsensitive) == 0)
            bounces.holdSuppressed = false;
        else if (value.compare(QLatin1String("hold"), Qt::CaseInsensitive) == 0)
            bounces.holdSuppressed = true;
        else
            return fail(entry, QStringLiteral("expected fail or hold"));
        return true;
    }
    // return-path-address
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    if (!value.isEmpty() &&
        (at <= 0 || at != value.lastIndexOf(QLatin1Char('@')) || at == value.size() - 1 ||
         value.contains(QLatin1Char(' ')) || value.contains(QLatin1Char('<'))))
        return fail(entry, QStringLiteral("not an e-mail address, e.g. bounces@relay.example"));
    bounces.returnPathAddress = value.toLower();
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

bool Loader::credentialReference(const IniFileScanner::Entry& entry, CredentialReference* out)
{
    QString value;
    if (!scalar(entry, &value))
        return false;
    if (value.isEmpty()) {
        *out = {};
        return true;
    }
    QString why;
    const auto reference = CredentialReference::parse(value, &why);
    if (!reference) {
        // Without a known scheme the value may be the secret itself, typed
        // where its reference belongs: never echo it.
        if (CredentialReference::hasKnownScheme(value))
            return fail(entry, why);
        return failAt(entry.line, QStringLiteral("[%1] %2: not a credential reference "
                                                 "(keychain:NAME, local:NAME, systemd:NAME or "
                                                 "file:/PATH; the value is not shown in case it "
                                                 "is the secret itself); see "
                                                 "docs/configuration.md")
                                      .arg(entry.section, entry.key));
    }
    if (!reference->checkFile(&why))
        return fail(entry, why);
    *out = *reference;
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

/// The error is one line for the admin (and the log): a control character
/// from the file, e.g. a line end inside a value QSettings read across
/// lines after an unbalanced quote, is shown escaped.
QString oneLine(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\n'))
            result += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            result += QLatin1String("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            result += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            result += c;
    }
    return result;
}

bool Loader::fail(const IniFileScanner::Entry& entry, const QString& what)
{
    m_error = oneLine(QStringLiteral("%1:%2: [%3] %4 = \"%5\": %6")
                          .arg(m_path)
                          .arg(entry.line)
                          .arg(entry.section, entry.key, entry.value, what));
    return false;
}

bool Loader::failAt(int line, const QString& what)
{
    m_error = oneLine(QStringLiteral("%1:%2: %3").arg(m_path).arg(line).arg(what));
    return false;
}

} // namespace

std::optional<RelayConfig> ConfigLoader::load(const QString& path, QString* error,
                                              QStringList* plaintextSecrets)
{
    Loader loader(path, plaintextSecrets);
    return loader.run(error);
}

QString ConfigLoader::keychainNameFor(const QString& section)
{
    // A valid reference name: anything outside [A-Za-z0-9._-] becomes '_'.
    QString name = section.left(64);
    for (QChar& c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('.') &&
            c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    }
    return name;
}

QString ConfigLoader::keychainNameFor(const QString& section, const QString& key)
{
    return referenceKeyFor(section, key) == QLatin1String("password-ref")
               ? keychainNameFor(section)
               : keychainNameFor(section + QLatin1Char('-') + key);
}

QString ConfigLoader::referenceKeyFor(const QString& section, const QString& key)
{
    const QString reference = key + QStringLiteral("-ref");
    return knownKeys(section).contains(reference) ? reference : QStringLiteral("password-ref");
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
           lower.contains(QLatin1String("passwd")) || lower.contains(QLatin1String("passphrase")) ||
           lower.contains(QLatin1String("secret"));
}

} // namespace RelayDesk::Config
