#include "ConfigTranslation.h"

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

    for (const auto& net : config.allowedNetworks)
        settings.allowedNetworks.append({net.address, net.prefixLength});

    const auto& up = config.smarthost;
    settings.smarthost.host = up.host;
    settings.smarthost.port = up.port;
    settings.smarthost.tls = tlsMode(up.tls);
    settings.smarthost.verifyPeer = up.verify;
    settings.smarthost.caFile = up.caFile;
    settings.smarthost.username = up.username;
    settings.smarthost.heloName = config.smarthostHeloName();
    settings.smarthost.maxConnections = up.maxConnections;
    settings.smarthost.maxMessagesPerConnection = up.messagesPerConnection;
    settings.smarthostPasswordRef = up.passwordRef;

    settings.retry.delaysSeconds =
        QVector<int>(config.retry.scheduleSeconds.begin(), config.retry.scheduleSeconds.end());
    settings.retry.maxAgeSeconds = config.retry.maxAgeSeconds;
    return settings;
}

} // namespace RelayDesk::Service
