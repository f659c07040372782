#pragma once

#include "SmarthostConfig.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Config {

/// One built-in smarthost preset from resources/providers.json: where a
/// provider takes mail, how to log in, its documented sending limits (each
/// with the page it comes from) and the SPF include the DNS wizard proposes.
/// Host names may contain {PARAMETER} placeholders (e.g. the SES region),
/// filled from the smarthost section's keys of the same name.
struct ProviderPreset
{
    enum class Auth {
        None,     ///< the provider identifies us by IP address or certificate
        Optional, ///< either way (e.g. Google's smtp-relay)
        Required, ///< username + password-ref are needed
    };

    /// A documented limit; value 0 means "not documented".
    struct Limit
    {
        int value = 0;
        QString scope;  ///< what the limit counts, e.g. "per mailbox"
        QString source; ///< documentation page title and URL
    };

    /// A placeholder in the host name and what it may be.
    struct Parameter
    {
        QString name;        ///< "region", "tenant"
        QString description; ///< for the admin (error messages, GUI)
        QStringList values;  ///< allowed values; empty: any that matches pattern
        QString pattern;     ///< regular expression; empty: any host name label
    };

    QString id;   ///< "microsoft365-submission"
    QString name; ///< human-readable
    QString host; ///< may contain {parameter}; empty: the admin gives it (generic)
    quint16 port = 587;
    SmarthostConfig::TlsMode tls = SmarthostConfig::TlsMode::StartTls;
    Auth auth = Auth::Required;
    QString usernameConvention;
    QString spfInclude; ///< e.g. "spf.protection.outlook.com"; empty: none
    QList<Parameter> parameters;
    Limit messagesPerMinute;
    Limit recipientsPerDay;
    Limit maxConnections;

    const Parameter* parameter(const QString& name) const;
    /// Checks a parameter value; on failure says why in *error.
    bool acceptsParameter(const Parameter& parameter, const QString& value, QString* error) const;
    /// The host with every {parameter} replaced; nullopt when one is
    /// missing (named in *missing).
    std::optional<QString> expandHost(const QHash<QString, QString>& values,
                                      QString* missing) const;
};

} // namespace RelayDesk::Config
