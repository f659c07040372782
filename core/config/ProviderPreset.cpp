#include "ProviderPreset.h"

#include <QHash>
#include <QRegularExpression>

namespace RelayDesk::Config {

const ProviderPreset::Parameter* ProviderPreset::parameter(const QString& name) const
{
    for (const Parameter& candidate : parameters) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

bool ProviderPreset::acceptsParameter(const Parameter& parameter, const QString& value,
                                      QString* error) const
{
    if (!parameter.values.isEmpty()) {
        if (parameter.values.contains(value))
            return true;
        *error = QStringLiteral("not a %1 of preset %2 (one of %3)")
                     .arg(parameter.name, id, parameter.values.join(u", "));
        return false;
    }
    // Without a pattern a value must still be one host name label: it ends
    // up inside a host name.
    const QString pattern = parameter.pattern.isEmpty()
                                ? QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
                                : parameter.pattern;
    const QRegularExpression expression(pattern);
    if (expression.match(value).hasMatch())
        return true;
    *error = QStringLiteral("not a valid %1 for preset %2: %3")
                 .arg(parameter.name, id, parameter.description);
    return false;
}

std::optional<QString> ProviderPreset::expandHost(const QHash<QString, QString>& values,
                                                  QString* missing) const
{
    QString result = host;
    for (const Parameter& parameter : parameters) {
        const QString placeholder = QLatin1Char('{') + parameter.name + QLatin1Char('}');
        if (!result.contains(placeholder))
            continue;
        const QString value = values.value(parameter.name);
        if (value.isEmpty()) {
            *missing = parameter.name;
            return std::nullopt;
        }
        result.replace(placeholder, value);
    }
    return result;
}

} // namespace RelayDesk::Config
