#include "RelayConfig.h"

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
    return smarthost.heloName.isEmpty() ? general.hostname : smarthost.heloName;
}

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
    if (limits.maxSessionsPerClient > limits.maxSessions) {
        return {QStringLiteral("limits"), QStringLiteral("max-sessions-per-client"),
                QStringLiteral("larger than max-sessions (%1)").arg(limits.maxSessions)};
    }
    if (!smarthost.username.isEmpty() && smarthost.passwordRef.isNull()) {
        return {QStringLiteral("smarthost"), QStringLiteral("username"),
                QStringLiteral("a username needs password-ref (e.g. keychain:smarthost)")};
    }
    if (smarthost.username.isEmpty() && !smarthost.passwordRef.isNull()) {
        return {QStringLiteral("smarthost"), QStringLiteral("password-ref"),
                QStringLiteral("password-ref without username")};
    }
    if (!smarthost.username.isEmpty() && smarthost.tls == SmarthostConfig::TlsMode::None) {
        // Sending a password in clear is only acceptable to an upstream on
        // this machine (e.g. a local Postfix used for testing).
        const QHostAddress hostAddress(smarthost.host);
        const bool loopback = smarthost.host == QLatin1String("localhost") ||
                              (!hostAddress.isNull() && hostAddress.isLoopback());
        if (!loopback) {
            return {QStringLiteral("smarthost"), QStringLiteral("tls"),
                    QStringLiteral("tls = none with a username would send the password in "
                                   "clear; use starttls or tls")};
        }
    }
    if (!retry.scheduleSeconds.isEmpty() && retry.maxAgeSeconds < retry.scheduleSeconds.first()) {
        return {QStringLiteral("retry"), QStringLiteral("max-age"),
                QStringLiteral("shorter than the first retry delay")};
    }
    return {};
}

} // namespace RelayDesk::Config
