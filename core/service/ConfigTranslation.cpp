#include "ConfigTranslation.h"

#include "CoreSecrets.h"
#include "config/ConfigLoader.h"
#include "config/IniFileScanner.h"
#include "config/RouteConfig.h"

#include <QHash>

namespace RelayDesk::Service {

namespace {

QSsl::SslProtocol minimumProtocol(Config::TlsVersion version)
{
    // The "or later" values for TLS 1.0/1.1 are deprecated in Qt 6.3+, but
    // they are the only way to express "old printers welcome" per listener;
    // the listener lowers OpenSSL's security level to match (docs/tls-legacy.md).
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    switch (version) {
    case Config::TlsVersion::V1_0:
        return QSsl::TlsV1_0OrLater;
    case Config::TlsVersion::V1_1:
        return QSsl::TlsV1_1OrLater;
    case Config::TlsVersion::V1_2:
        return QSsl::TlsV1_2OrLater;
    case Config::TlsVersion::V1_3:
        return QSsl::TlsV1_3OrLater;
    }
    QT_WARNING_POP
    return QSsl::TlsV1_2OrLater;
}

Delivery::TlsMode tlsMode(Config::SmarthostConfig::TlsMode mode)
{
    switch (mode) {
    case Config::SmarthostConfig::TlsMode::None:
        return Delivery::TlsMode::None;
    case Config::SmarthostConfig::TlsMode::StartTls:
        return Delivery::TlsMode::StartTlsRequired;
    case Config::SmarthostConfig::TlsMode::Opportunistic:
        return Delivery::TlsMode::StartTlsOpportunistic;
    case Config::SmarthostConfig::TlsMode::Tls:
        return Delivery::TlsMode::Implicit;
    }
    return Delivery::TlsMode::StartTlsRequired;
}

Delivery::SmarthostSettings smarthostSettings(const Config::RelayConfig& config,
                                              const Config::SmarthostConfig& up)
{
    Delivery::SmarthostSettings settings;
    settings.host = up.host;
    settings.port = up.port;
    settings.tls = tlsMode(up.tls);
    settings.verifyPeer = up.verify;
    settings.caFile = up.caFile;
    settings.username = up.username;
    settings.heloName = config.heloNameFor(up);
    settings.maxConnections = up.maxConnections;
    settings.maxMessagesPerConnection = up.messagesPerConnection;
    settings.fallbacks = up.fallbacks;
    settings.messagesPerMinute = up.messagesPerMinute;
    settings.recipientsPerDay = up.recipientsPerDay;
    return settings;
}

Delivery::Route routeFromConfig(const Config::RouteConfig& r)
{
    Delivery::Route route;
    route.name = r.name;
    route.match.senders = r.senders;
    route.match.recipientDomains = r.recipientDomains;
    for (const auto& net : r.clientNetworks)
        route.match.clientNetworks.append({net.address, net.prefixLength});
    route.match.authUsers = r.authUsers;
    route.match.listeners = r.listeners;
    route.transport.kind = r.transport == Config::RouteConfig::Transport::Mx
                               ? Delivery::Route::Transport::Kind::Mx
                               : Delivery::Route::Transport::Kind::Smarthost;
    route.transport.smarthost = r.smarthost;
    route.heloName = r.heloName;
    route.rewrite.fromAddress = r.fromAddress;
    route.rewrite.fromName = r.fromName;
    switch (r.fixFromName) {
    case Config::RouteConfig::FromNameFix::Keep:
        route.rewrite.fixFromName = Delivery::HeaderRewriterOptions::FromNameFix::Keep;
        break;
    case Config::RouteConfig::FromNameFix::Quote:
        route.rewrite.fixFromName = Delivery::HeaderRewriterOptions::FromNameFix::Quote;
        break;
    case Config::RouteConfig::FromNameFix::Remove:
        route.rewrite.fixFromName = Delivery::HeaderRewriterOptions::FromNameFix::Remove;
        break;
    }
    route.rewrite.addDate = r.addDate;
    route.rewrite.addMessageId = r.addMessageId;
    route.rewrite.envelopeSender = r.envelopeSender;
    return route;
}

} // namespace

CoreSettings coreSettingsFromConfig(const Config::RelayConfig& config)
{
    CoreSettings settings;
    settings.dataDir = config.general.dataDir;

    for (const auto& l : config.listeners) {
        Smtp::ListenerSettings listener;
        listener.name = l.name;
        listener.address = l.address;
        listener.port = l.port;
        listener.mode = l.mode == Config::ListenerConfig::Mode::Tls
                            ? Smtp::ListenerSettings::Mode::ImplicitTls
                            : Smtp::ListenerSettings::Mode::Plain;
        listener.certificateFile = l.certFile;
        listener.privateKeyFile = l.keyFile;
        listener.minimumTls = minimumProtocol(l.minTls);
        listener.requireAuth = l.requireAuth;
        listener.allowPlainAuth = l.allowPlainAuth;
        settings.listeners.append(listener);
        if (!l.keyPassphraseRef.isNull() && l.hasCertificate())
            settings.keyPassphraseRefs.insert(l.name, l.keyPassphraseRef);
    }

    const auto& lim = config.limits;
    settings.limits.hostname = config.general.hostname;
    settings.limits.maxMessageSize = lim.maxMessageSize;
    settings.limits.maxRecipients = lim.maxRecipients;
    settings.limits.maxSessions = lim.maxSessions;
    settings.limits.maxSessionsPerClient = lim.maxSessionsPerClient;
    settings.limits.maxBadCommands = lim.maxBadCommands;
    settings.limits.commandTimeoutMs = lim.commandTimeoutSeconds * 1000;
    settings.limits.dataBlockTimeoutMs = lim.dataTimeoutSeconds * 1000;
    settings.clientRateLimits = {lim.messagesPerMinute, lim.recipientsPerHour};
    settings.accountRateLimits = {lim.accountMessagesPerMinute, lim.accountRecipientsPerHour,
                                  lim.accountMaxSessions};
    const auto& sec = config.security;
    settings.authThrottle.maxFailures = sec.authFailures;
    settings.authThrottle.windowSeconds = sec.authWindowSeconds;
    settings.authThrottle.lockoutSeconds = sec.lockoutSeconds;
    settings.authThrottle.maxDelayMs = qint64(sec.authMaxDelaySeconds) * 1000;
    settings.volume.factor = sec.abuseFactor;
    settings.volume.floor = sec.abuseFloor;

    for (const auto& net : config.allowedNetworks)
        settings.allowedNetworks.append({net.address, net.prefixLength});

    settings.smarthost = smarthostSettings(config, config.smarthost);
    settings.smarthostPasswordRef = config.smarthost.passwordRef;
    for (const auto& named : config.smarthosts) {
        settings.namedSmarthosts.insert(named.name, smarthostSettings(config, named));
        if (!named.passwordRef.isNull())
            settings.namedPasswordRefs.insert(named.name, named.passwordRef);
    }
    for (const auto& route : config.routes)
        settings.routes.append(routeFromConfig(route));
    settings.mx.ehloName = config.general.hostname;
    settings.mx.nameserver = config.general.dnsServer;

    settings.retry.delaysSeconds =
        QVector<int>(config.retry.scheduleSeconds.begin(), config.retry.scheduleSeconds.end());
    settings.retry.maxAgeSeconds = config.retry.maxAgeSeconds;
    settings.delayWarningSeconds = config.retry.delayWarningSeconds < config.retry.maxAgeSeconds
                                       ? config.retry.delayWarningSeconds
                                       : 0; // 0: no delay warnings
    settings.suppression.enabled = config.bounces.suppress;
    settings.suppression.action = config.bounces.holdSuppressed ? SuppressionSettings::Action::Hold
                                                                : SuppressionSettings::Action::Fail;
    settings.suppression.expirySeconds = config.bounces.suppressExpirySeconds;
    settings.suppression.reasons = config.bounces.suppressReasons;
    settings.suppression.returnPathAddress = config.bounces.returnPathAddress;
    return settings;
}

int usePlaintextSecrets(CoreSettings* settings, const QString& configPath)
{
    Config::IniFileScanner scanner;
    QString error;
    if (!scanner.scan(configPath, &error))
        return 0;
    int used = 0;
    // A typed-in key passphrase, under the keychain reference the loader
    // gave every listener whose key it goes with (the loader's rule).
    QHash<QString, QString> passphrases; // "keychain:NAME" -> passphrase
    for (const auto& entry : scanner.entries()) {
        if (entry.value.isEmpty())
            continue;
        if (entry.key == QLatin1String("key-passphrase")) {
            passphrases.insert(QStringLiteral("keychain:") +
                                   Config::ConfigLoader::keychainNameFor(entry.section, entry.key),
                               entry.value);
            continue;
        }
        if (entry.key != QLatin1String("password"))
            continue;
        if (entry.section == QLatin1String("smarthost")) {
            settings->smarthostPasswordRef = {};
            settings->smarthost.password = entry.value;
            ++used;
        } else if (entry.section.startsWith(QLatin1String("smarthost."))) {
            const QString name = entry.section.mid(int(qstrlen("smarthost.")));
            if (!settings->namedSmarthosts.contains(name))
                continue;
            settings->namedPasswordRefs.remove(name);
            settings->namedSmarthosts[name].password = entry.value;
            ++used;
        }
    }
    auto& refs = settings->keyPassphraseRefs;
    for (auto it = refs.begin(); it != refs.end();) {
        const auto passphrase = passphrases.constFind(it.value().toString());
        if (passphrase == passphrases.cend()) {
            ++it;
            continue;
        }
        CoreSecret{CoreSecret::Kind::KeyPassphrase, it.key(), it.value()}.put(settings,
                                                                              *passphrase);
        it = refs.erase(it);
        ++used;
    }
    return used;
}

} // namespace RelayDesk::Service
