#include "ProviderPresets.h"

#include "ConfigValueParser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace RelayDesk::Config {

namespace {

/// One preset from its JSON object; false with the reason in *error.
class PresetReader
{
public:
    PresetReader(const QJsonObject& object, int index) : m_object(object), m_index(index) {}

    bool read(ProviderPreset* preset, QString* error);

private:
    bool fail(const QString& what, QString* error) const
    {
        const QString id = m_object.value(u"id").toString();
        *error = QStringLiteral("preset %1%2: %3")
                     .arg(m_index)
                     .arg(id.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(id), what);
        return false;
    }
    bool string(const char* key, bool required, QString* out, QString* error) const;
    bool limit(const QJsonObject& limits, const char* key, int max, ProviderPreset::Limit* out,
               QString* error) const;
    bool parameters(ProviderPreset* preset, QString* error) const;

    const QJsonObject& m_object;
    int m_index;
};

bool PresetReader::string(const char* key, bool required, QString* out, QString* error) const
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() && !required) {
        out->clear();
        return true;
    }
    if (!value.isString())
        return fail(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)), error);
    *out = value.toString();
    return true;
}

bool PresetReader::limit(const QJsonObject& limits, const char* key, int max,
                         ProviderPreset::Limit* out, QString* error) const
{
    const QJsonValue value = limits.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    const QJsonObject object = value.toObject();
    const double number = object.value(u"value").toDouble(-1);
    if (!value.isObject() || number < 1 || number > max || number != int(number))
        return fail(QStringLiteral("limits.%1.value must be a whole number between 1 and %2")
                        .arg(QLatin1String(key))
                        .arg(max),
                    error);
    // A number nobody can trace back is worse than none: every limit names
    // the page it was taken from.
    const QString source = object.value(u"source").toString().trimmed();
    if (source.isEmpty() || !source.contains(QLatin1String("https://")))
        return fail(QStringLiteral("limits.%1 needs a \"source\" with the documentation page "
                                   "title and https:// URL")
                        .arg(QLatin1String(key)),
                    error);
    out->value = int(number);
    out->scope = object.value(u"scope").toString();
    out->source = source;
    return true;
}

bool PresetReader::parameters(ProviderPreset* preset, QString* error) const
{
    const QJsonValue value = m_object.value(u"parameters");
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return fail(QStringLiteral("\"parameters\" must be an array"), error);
    static const QRegularExpression nameSyntax(QStringLiteral("^[a-z][a-z0-9-]{0,31}$"));
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject object = item.toObject();
        ProviderPreset::Parameter parameter;
        parameter.name = object.value(u"name").toString();
        parameter.description = object.value(u"description").toString();
        parameter.pattern = object.value(u"pattern").toString();
        if (!nameSyntax.match(parameter.name).hasMatch())
            return fail(QStringLiteral("parameter name \"%1\" must be 1-32 of a-z 0-9 -")
                            .arg(parameter.name),
                        error);
        if (parameter.description.isEmpty())
            return fail(QStringLiteral("parameter %1 needs a description").arg(parameter.name),
                        error);
        if (!parameter.pattern.isEmpty() && !QRegularExpression(parameter.pattern).isValid())
            return fail(QStringLiteral("parameter %1: invalid pattern").arg(parameter.name), error);
        for (const QJsonValue& allowed : object.value(u"values").toArray()) {
            const QString text = allowed.toString();
            if (!ConfigValueParser::isValidHostname(text) || text.contains(QLatin1Char('.')))
                return fail(QStringLiteral("parameter %1: value \"%2\" is not a host name label")
                                .arg(parameter.name, text),
                            error);
            parameter.values.append(text);
        }
        if (preset->parameter(parameter.name))
            return fail(QStringLiteral("parameter %1 repeated").arg(parameter.name), error);
        preset->parameters.append(parameter);
    }
    return true;
}

bool PresetReader::read(ProviderPreset* preset, QString* error)
{
    static const QRegularExpression idSyntax(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!string("id", true, &preset->id, error) || !string("name", true, &preset->name, error) ||
        !string("host", true, &preset->host, error) ||
        !string("username", true, &preset->usernameConvention, error) ||
        !string("spfInclude", false, &preset->spfInclude, error))
        return false;
    if (!idSyntax.match(preset->id).hasMatch())
        return fail(QStringLiteral("id must be 1-63 of a-z 0-9 -"), error);
    if (preset->name.isEmpty() || preset->usernameConvention.isEmpty())
        return fail(QStringLiteral("\"name\" and \"username\" must not be empty"), error);
    if (!parameters(preset, error))
        return false;

    // Every {placeholder} must be a declared parameter, and the host must be
    // valid once they are filled in.
    static const QRegularExpression placeholder(QStringLiteral("\\{([^}]*)\\}"));
    QString sample = preset->host;
    for (auto it = placeholder.globalMatch(preset->host); it.hasNext();) {
        const QString name = it.next().captured(1);
        if (!preset->parameter(name))
            return fail(QStringLiteral("host placeholder {%1} is not a parameter").arg(name),
                        error);
        sample.replace(QLatin1Char('{') + name + QLatin1Char('}'), QStringLiteral("x"));
    }
    if (!preset->host.isEmpty() && !ConfigValueParser::isValidHostname(sample))
        return fail(QStringLiteral("host \"%1\" is not a host name").arg(preset->host), error);
    // SPF includes are DNS names, not host names: "_spf.google.com".
    static const QRegularExpression domain(
        QStringLiteral("^(?=.{1,253}$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+"
                       "[A-Za-z]{2,63}$"));
    if (!preset->spfInclude.isEmpty() && !domain.match(preset->spfInclude).hasMatch())
        return fail(QStringLiteral("spfInclude is not a domain"), error);

    const double port = m_object.value(u"port").toDouble(-1);
    if (port < 1 || port > 65535 || port != int(port))
        return fail(QStringLiteral("port must be 1-65535"), error);
    preset->port = quint16(port);

    const QString tls = m_object.value(u"tls").toString();
    if (tls == QLatin1String("starttls"))
        preset->tls = SmarthostConfig::TlsMode::StartTls;
    else if (tls == QLatin1String("tls"))
        preset->tls = SmarthostConfig::TlsMode::Tls;
    else if (tls == QLatin1String("opportunistic"))
        preset->tls = SmarthostConfig::TlsMode::Opportunistic;
    else
        // "none" is deliberately not offered: a preset is a public provider.
        return fail(QStringLiteral("tls must be starttls, tls or opportunistic"), error);

    const QString auth = m_object.value(u"auth").toString();
    if (auth == QLatin1String("required"))
        preset->auth = ProviderPreset::Auth::Required;
    else if (auth == QLatin1String("optional"))
        preset->auth = ProviderPreset::Auth::Optional;
    else if (auth == QLatin1String("none"))
        preset->auth = ProviderPreset::Auth::None;
    else
        return fail(QStringLiteral("auth must be required, optional or none"), error);

    const QJsonValue limits = m_object.value(u"limits");
    if (!limits.isUndefined() && !limits.isObject())
        return fail(QStringLiteral("\"limits\" must be an object"), error);
    const QJsonObject limitObject = limits.toObject();
    for (const QString& key : limitObject.keys()) {
        if (key != QLatin1String("messagesPerMinute") && key != QLatin1String("recipientsPerDay") &&
            key != QLatin1String("maxConnections"))
            return fail(QStringLiteral("unknown limit %1 (known: messagesPerMinute, "
                                       "recipientsPerDay, maxConnections)")
                            .arg(key),
                        error);
    }
    return limit(limitObject, "messagesPerMinute", 1000000, &preset->messagesPerMinute, error) &&
           limit(limitObject, "recipientsPerDay", 100000000, &preset->recipientsPerDay, error) &&
           limit(limitObject, "maxConnections", SmarthostConfig::kMaxConnections,
                 &preset->maxConnections, error);
}

} // namespace

std::optional<ProviderPresets> ProviderPresets::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(u"format").toInt() != kFormat) {
        *error = QStringLiteral("expected an object with \"format\": %1").arg(kFormat);
        return std::nullopt;
    }
    const QJsonValue presets = root.value(u"presets");
    if (!presets.isArray() || presets.toArray().isEmpty()) {
        *error = QStringLiteral("\"presets\" must be a non-empty array");
        return std::nullopt;
    }
    ProviderPresets catalog;
    int index = 0;
    for (const QJsonValue& item : presets.toArray()) {
        ++index;
        if (!item.isObject()) {
            *error = QStringLiteral("preset %1: not an object").arg(index);
            return std::nullopt;
        }
        const QJsonObject object = item.toObject();
        ProviderPreset preset;
        if (!PresetReader(object, index).read(&preset, error))
            return std::nullopt;
        if (catalog.find(preset.id)) {
            *error = QStringLiteral("preset %1 (%2): id repeated").arg(index).arg(preset.id);
            return std::nullopt;
        }
        catalog.m_presets.append(preset);
    }
    return catalog;
}

const ProviderPresets& ProviderPresets::builtIn()
{
    static const ProviderPresets catalog = [] {
        QFile file(builtInResourcePath());
        QString error;
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("relaydesk: built-in provider presets missing (%s)",
                     qPrintable(builtInResourcePath()));
            return ProviderPresets{};
        }
        auto parsed = fromJson(file.readAll(), &error);
        if (!parsed) {
            qWarning("relaydesk: built-in provider presets invalid: %s", qPrintable(error));
            return ProviderPresets{};
        }
        return *parsed;
    }();
    return catalog;
}

const ProviderPreset* ProviderPresets::find(const QString& id) const
{
    for (const ProviderPreset& preset : m_presets) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

QStringList ProviderPresets::ids() const
{
    QStringList result;
    for (const ProviderPreset& preset : m_presets)
        result.append(preset.id);
    return result;
}

} // namespace RelayDesk::Config
