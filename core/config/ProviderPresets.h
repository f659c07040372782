#pragma once

#include "ProviderPreset.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace RelayDesk::Config {

/// The catalog of smarthost presets. The built-in one is
/// resources/providers.json, compiled into relaydesk_config as the Qt
/// resource :/relaydesk/providers.json so the daemon needs no data files.
/// fromJson() validates everything (ids, hosts, ports, TLS modes, limits
/// with a source each, placeholders that name a parameter) so that a bad
/// edit of the file fails its test, not an admin's configuration.
class ProviderPresets
{
public:
    static constexpr int kFormat = 1; ///< the "format" this code reads

    /// Parses and validates a catalog; nullopt with the reason in *error.
    static std::optional<ProviderPresets> fromJson(const QByteArray& json, QString* error);
    /// The built-in catalog (parsed once). Empty if the resource is broken,
    /// which TestProviderPresets rules out.
    static const ProviderPresets& builtIn();
    static QString builtInResourcePath() { return QStringLiteral(":/relaydesk/providers.json"); }

    const QList<ProviderPreset>& all() const { return m_presets; }
    const ProviderPreset* find(const QString& id) const;
    QStringList ids() const;

private:
    QList<ProviderPreset> m_presets;
};

} // namespace RelayDesk::Config
