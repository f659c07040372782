#include "BounceRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace RelayDesk::Bounce {

namespace {

Q_LOGGING_CATEGORY(lcRules, "relaydesk.bounce.rules")

QStringList stringList(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool readRule(const QJsonObject& object, int index, BounceRule& rule, QString* error)
{
    const QString where = QStringLiteral("rule %1").arg(index + 1);
    rule.reason = object.value(QLatin1String("reason")).toString();
    if (rule.reason.isEmpty())
        return fail(error, where + QStringLiteral(": no reason"));
    rule.statuses = stringList(object.value(QLatin1String("status")));
    for (const QJsonValue& code : object.value(QLatin1String("codes")).toArray())
        rule.replyCodes << code.toInt();
    for (const QString& text : stringList(object.value(QLatin1String("text")))) {
        if (text.startsWith(QLatin1String("re:"))) {
            QRegularExpression pattern(text.mid(3), QRegularExpression::CaseInsensitiveOption);
            if (!pattern.isValid())
                return fail(
                    error,
                    where +
                        QStringLiteral(": bad pattern '%1': %2").arg(text, pattern.errorString()));
            pattern.optimize();
            rule.patterns << pattern;
        } else if (!text.isEmpty()) {
            rule.substrings << text.toLower();
        }
    }
    if (object.contains(QLatin1String("hard")))
        rule.hard = object.value(QLatin1String("hard")).toBool();
    if (rule.statuses.isEmpty() && rule.replyCodes.isEmpty() && !rule.hasText())
        return fail(error, where + QStringLiteral(": no condition"));
    return true;
}

} // namespace

BounceRules BounceRules::load(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        fail(error,
             QStringLiteral("rules table is not a JSON object: %1").arg(parseError.errorString()));
        return {};
    }
    const QJsonObject root = document.object();
    BounceRules rules;
    const QJsonArray ruleArray = root.value(QLatin1String("rules")).toArray();
    for (qsizetype i = 0; i < ruleArray.size(); ++i) {
        BounceRule rule;
        if (!readRule(ruleArray.at(i).toObject(), int(i), rule, error))
            return {};
        rules.m_rules << rule;
    }
    if (rules.m_rules.isEmpty()) {
        fail(error, QStringLiteral("rules table has no rules"));
        return {};
    }
    const QJsonObject fallback = root.value(QLatin1String("statusFallback")).toObject();
    for (auto it = fallback.begin(); it != fallback.end(); ++it) {
        if (it.key() != QLatin1String("about"))
            rules.m_fallback.insert(it.key(), it.value().toString());
    }
    const QJsonObject hardness = root.value(QLatin1String("hardness")).toObject();
    rules.m_alwaysHard = stringList(hardness.value(QLatin1String("always")));
    rules.m_hardWhenPermanent = stringList(hardness.value(QLatin1String("permanent")));
    const QJsonObject afterData = root.value(QLatin1String("afterData")).toObject();
    for (auto it = afterData.begin(); it != afterData.end(); ++it) {
        if (it.key() != QLatin1String("about"))
            rules.m_afterData.insert(it.key(), it.value().toString());
    }
    for (const QJsonValue& provider : root.value(QLatin1String("providers")).toArray()) {
        const QJsonObject object = provider.toObject();
        rules.m_providers.append({object.value(QLatin1String("name")).toString(),
                                  stringList(object.value(QLatin1String("hosts")))});
    }
    return rules;
}

BounceRules BounceRules::loadEmbedded(QString* error)
{
    QFile file(QString::fromLatin1(ResourcePath));
    QString message;
    BounceRules rules;
    if (!file.open(QIODevice::ReadOnly))
        message = QStringLiteral("cannot open %1").arg(file.fileName());
    else
        rules = load(file.readAll(), &message);
    if (!rules.isValid())
        qCWarning(lcRules) << "bounce rules unavailable:" << message;
    if (error)
        *error = message;
    return rules;
}

const BounceRule* BounceRules::match(const QString& normalisedText, const EnhancedStatus& status,
                                     int replyCode) const
{
    for (const BounceRule& rule : m_rules) {
        if (rule.matches(normalisedText, status, replyCode))
            return &rule;
    }
    return nullptr;
}

QString BounceRules::fallbackReason(const EnhancedStatus& status) const
{
    if (!status.isValid())
        return QStringLiteral("undefined");
    if (status.isSuccess())
        return QStringLiteral("delivered");
    const QString detailed = QStringLiteral("%1.%2").arg(status.subject()).arg(status.detail());
    if (const auto it = m_fallback.constFind(detailed); it != m_fallback.cend())
        return *it;
    if (const auto it = m_fallback.constFind(QString::number(status.subject()));
        it != m_fallback.cend())
        return *it;
    return QStringLiteral("undefined");
}

bool BounceRules::isHard(const QString& reason, bool permanentClass) const
{
    if (m_alwaysHard.contains(reason))
        return true;
    return permanentClass && m_hardWhenPermanent.contains(reason);
}

QString BounceRules::reasonAfterData(const QString& reason) const
{
    return m_afterData.value(reason, reason);
}

QString BounceRules::providerForHost(const QString& upstreamHost) const
{
    QString host = upstreamHost.trimmed().toLower();
    // "host:port" and "[host]:port"; an IPv6 literal has no provider anyway.
    if (host.startsWith(QLatin1Char('['))) {
        host = host.mid(1, host.indexOf(QLatin1Char(']')) - 1);
    } else if (host.count(QLatin1Char(':')) == 1) {
        host = host.left(host.indexOf(QLatin1Char(':')));
    }
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    if (host.isEmpty())
        return {};
    for (const auto& [name, suffixes] : m_providers) {
        for (const QString& suffix : suffixes) {
            if (host == suffix || host.endsWith(QLatin1Char('.') + suffix))
                return name;
        }
    }
    return {};
}

QString BounceRules::normalise(const QString& text)
{
    // Folded replies repeat their code on every line ("550-5.7.26 ... 550-5.7.26
    // ..."); drop those prefixes after the first word so phrases read whole.
    static const QRegularExpression continuation(
        QStringLiteral("\\s[245]\\d\\d[- ](?:#?[245]\\.\\d{1,3}\\.\\d{1,3}\\s)?"));
    QString out = text.simplified().toLower();
    const qsizetype firstSpace = out.indexOf(QLatin1Char(' '));
    if (firstSpace > 0)
        out = out.left(firstSpace) + out.mid(firstSpace).replace(continuation, QStringLiteral(" "));
    return out;
}

} // namespace RelayDesk::Bounce
