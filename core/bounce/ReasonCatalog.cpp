#include "ReasonCatalog.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <algorithm>

namespace RelayDesk::Bounce {

namespace {
Q_LOGGING_CATEGORY(lcReasons, "relaydesk.bounce.reasons")
}

ReasonCatalog ReasonCatalog::load(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject reasons = document.object().value(QLatin1String("reasons")).toObject();
    ReasonCatalog catalog;
    for (auto it = reasons.begin(); it != reasons.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        Entry entry;
        entry.title = object.value(QLatin1String("title")).toString();
        entry.explanation = object.value(QLatin1String("explanation")).toString();
        entry.fix = object.value(QLatin1String("fix")).toString();
        const QJsonObject providers = object.value(QLatin1String("providers")).toObject();
        for (auto p = providers.begin(); p != providers.end(); ++p)
            entry.providerFixes.insert(p.key(), p.value().toString());
        if (entry.title.isEmpty() || entry.explanation.isEmpty() || entry.fix.isEmpty()) {
            if (error)
                *error =
                    QStringLiteral("reason '%1' lacks a title, explanation or fix").arg(it.key());
            return {};
        }
        catalog.m_entries.insert(it.key(), entry);
    }
    if (catalog.m_entries.isEmpty() && error) {
        *error =
            document.isObject()
                ? QStringLiteral("no reasons in the catalog")
                : QStringLiteral("catalog is not a JSON object: %1").arg(parseError.errorString());
    }
    return catalog;
}

ReasonCatalog ReasonCatalog::loadEmbedded(QString* error)
{
    QFile file(QString::fromLatin1(ResourcePath));
    QString message;
    ReasonCatalog catalog;
    if (!file.open(QIODevice::ReadOnly))
        message = QStringLiteral("cannot open %1").arg(file.fileName());
    else
        catalog = load(file.readAll(), &message);
    if (!catalog.isValid())
        qCWarning(lcReasons) << "bounce reason catalog unavailable:" << message;
    if (error)
        *error = message;
    return catalog;
}

QStringList ReasonCatalog::reasons() const
{
    QStringList out = m_entries.keys();
    std::sort(out.begin(), out.end());
    return out;
}

ReasonDescription ReasonCatalog::describe(const QString& reason, const QString& provider) const
{
    ReasonDescription description;
    description.reason = reason;
    auto it = m_entries.constFind(reason);
    if (it == m_entries.cend())
        it = m_entries.constFind(QStringLiteral("undefined"));
    if (it == m_entries.cend()) {
        description.title = reason;
        return description;
    }
    description.title = it->title;
    description.explanation = it->explanation;
    description.fix = it->providerFixes.value(provider, it->fix);
    return description;
}

} // namespace RelayDesk::Bounce
