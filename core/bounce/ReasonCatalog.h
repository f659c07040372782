#pragma once

#include "FailureClassifier.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace RelayDesk::Bounce {

/// Titles, plain-language explanations and fixes per reason, with
/// provider-specific fixes, read from resources/bounce-reasons.json
/// (embedded as :/relaydesk/bounce/bounce-reasons.json). Immutable after load.
class ReasonCatalog
{
public:
    static constexpr const char* ResourcePath = ":/relaydesk/bounce/bounce-reasons.json";

    static ReasonCatalog load(const QByteArray& json, QString* error = nullptr);
    static ReasonCatalog loadEmbedded(QString* error = nullptr);

    bool isValid() const { return !m_entries.isEmpty(); }
    /// Every reason the catalog describes, sorted.
    QStringList reasons() const;
    bool contains(const QString& reason) const { return m_entries.contains(reason); }

    /// The description of `reason`; the provider's own fix when the catalog
    /// has one. Unknown reasons get the "undefined" texts (with their name).
    ReasonDescription describe(const QString& reason, const QString& provider = {}) const;

private:
    struct Entry
    {
        QString title;
        QString explanation;
        QString fix;
        QHash<QString, QString> providerFixes;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace RelayDesk::Bounce
