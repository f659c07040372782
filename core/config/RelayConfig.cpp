#include "RelayConfig.h"

#include "ProviderPresets.h"

#include <QSet>

namespace RelayDesk::Config {

bool RelayConfig::isAllowedNetwork(const QHostAddress& client) const
{
    for (const Subnet& subnet : allowedNetworks) {
        if (subnet.contains(client))
            return true;
    }
    return false;
}

QString RelayConfig::smarthostHeloName() const
{
    return heloNameFor(smarthost);
}

QString RelayConfig::heloNameFor(const SmarthostConfig& config) const
{
    return config.heloName.isEmpty() ? general.hostname : config.heloName;
}

const SmarthostConfig* RelayConfig::findSmarthost(const QString& name) const
{
    if (name.isEmpty())
        return &smarthost;
    for (const SmarthostConfig& config : smarthosts) {
        if (config.name == name)
            return &config;
    }
    return nullptr;
}

namespace {

RelayConfig::Problem checkSmarthost(const SmarthostConfig& smarthost)
{
    const QString section = smarthost.sectionName();
    if (const ProviderPreset* preset = ProviderPresets::builtIn().find(smarthost.preset)) {
        if (preset->auth == ProviderPreset::Auth::Required && smarthost.username.isEmpty())
            return {section, QStringLiteral("preset"),
                    QStringLiteral("preset %1 needs username and password-ref; username: %2")
                        .arg(preset->id, preset->usernameConvention)};
        if (smarthost.host.isEmpty())
            return {section, QStringLiteral("host"),
                    QStringLiteral("preset %1 has no host: set host").arg(preset->id)};
    }
    if (!smarthost.username.isEmpty() && smarthost.passwordRef.isNull()) {
        return {section, QStringLiteral("username"),
                QStringLiteral("a username needs password-ref (e.g. keychain:%1)")
                    .arg(smarthost.name.isEmpty() ? QStringLiteral("smarthost") : smarthost.name)};
    }
    if (smarthost.username.isEmpty() && !smarthost.passwordRef.isNull()) {
        return {section, QStringLiteral("password-ref"),
                QStringLiteral("password-ref without username")};
    }
    if (!smarthost.username.isEmpty() && smarthost.tls == SmarthostConfig::TlsMode::None) {
        // Sending a password in clear is only acceptable to an upstream on
        // this machine (e.g. a local Postfix used for testing).
        const QHostAddress hostAddress(smarthost.host);
        const bool loopback = smarthost.host == QLatin1String("localhost") ||
                              (!hostAddress.isNull() && hostAddress.isLoopback());
        if (!loopback) {
            return {section, QStringLiteral("tls"),
                    QStringLiteral("tls = none with a username would send the password in "
                                   "clear; use starttls or tls")};
        }
    }
    return {};
}

} // namespace

RelayConfig::Problem RelayConfig::crossCheck() const
{
    QSet<QString> endpoints;
    for (const ListenerConfig& listener : listeners) {
        const QString section = QStringLiteral("listener.") + listener.name;
        if (listener.certFile.isEmpty() != listener.keyFile.isEmpty()) {
            return {section,
                    listener.certFile.isEmpty() ? QStringLiteral("key-file")
                                                : QStringLiteral("cert-file"),
                    QStringLiteral("cert-file and key-file must be set together")};
        }
        if (listener.mode == ListenerConfig::Mode::Tls && !listener.hasCertificate()) {
            return {section, QStringLiteral("mode"),
                    QStringLiteral("mode tls needs a certificate: set cert-file and key-file "
                                   "here or in [tls]")};
        }
        const QString endpoint =
            listener.address.toString() + QLatin1Char('|') + QString::number(listener.port);
        if (endpoints.contains(endpoint)) {
            return {section, QStringLiteral("port"),
                    QStringLiteral("another listener already uses %1 port %2")
                        .arg(listener.address.toString())
                        .arg(listener.port)};
        }
        endpoints.insert(endpoint);
    }
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty()) {
        return {QStringLiteral("tls"),
                tls.certFile.isEmpty() ? QStringLiteral("key-file") : QStringLiteral("cert-file"),
                QStringLiteral("cert-file and key-file must be set together")};
    }
    if (!tls.keyPassphraseRef.isNull() && tls.keyFile.isEmpty()) {
        return {QStringLiteral("tls"), QStringLiteral("key-passphrase-ref"),
                QStringLiteral("needs key-file: it is the passphrase of that key")};
    }
    if (limits.maxSessionsPerClient > limits.maxSessions) {
        return {QStringLiteral("limits"), QStringLiteral("max-sessions-per-client"),
                QStringLiteral("larger than max-sessions (%1)").arg(limits.maxSessions)};
    }
    QList<const SmarthostConfig*> upstreams{&smarthost};
    for (const SmarthostConfig& named : smarthosts)
        upstreams.append(&named);
    for (const SmarthostConfig* config : upstreams) {
        const Problem problem = checkSmarthost(*config);
        if (!problem.message.isEmpty())
            return problem;
        for (const QString& fallback : config->fallbacks) {
            if (fallback == config->name || !findSmarthost(fallback) || fallback.isEmpty())
                return {config->sectionName(), QStringLiteral("fallback"),
                        fallback == config->name
                            ? QStringLiteral("a smarthost cannot be its own fallback")
                            : QStringLiteral("no [smarthost.%1] section").arg(fallback)};
        }
    }
    const RouteConfig* catchAll = nullptr;
    for (const RouteConfig& route : routes) {
        if (catchAll)
            return {QStringLiteral("route.") + route.name, QString(),
                    QStringLiteral("never used: [route.%1] above it has no conditions and "
                                   "matches every message (move it to the end)")
                        .arg(catchAll->name)};
        if (route.isCatchAll())
            catchAll = &route;
        if (route.transport == RouteConfig::Transport::Smarthost && !route.smarthost.isEmpty() &&
            !findSmarthost(route.smarthost))
            return {QStringLiteral("route.") + route.name, QStringLiteral("transport"),
                    QStringLiteral("no [smarthost.%1] section").arg(route.smarthost)};
    }
    if (!retry.scheduleSeconds.isEmpty() && retry.maxAgeSeconds < retry.scheduleSeconds.first()) {
        return {QStringLiteral("retry"), QStringLiteral("max-age"),
                QStringLiteral("shorter than the first retry delay")};
    }
    return {};
}

} // namespace RelayDesk::Config
