#pragma once

#include "BounceRule.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace RelayDesk::Bounce {

/// The classification rules table, read once from JSON
/// (resources/bounce-rules.json, embedded as :/relaydesk/bounce/bounce-rules.json):
/// ordered text/status rules, the RFC 3463 status fallback, which reasons
/// are permanent, and the upstream host names of the large providers.
/// Immutable after load(), so safe to share between threads.
class BounceRules
{
public:
    static constexpr const char* ResourcePath = ":/relaydesk/bounce/bounce-rules.json";

    /// Parses the table; on a malformed table returns an empty (invalid)
    /// one and sets `error`.
    static BounceRules load(const QByteArray& json, QString* error = nullptr);
    /// The embedded table (an invalid one, with a warning, when missing).
    static BounceRules loadEmbedded(QString* error = nullptr);

    bool isValid() const { return !m_rules.isEmpty(); }
    const QList<BounceRule>& rules() const { return m_rules; }

    /// The first rule that matches, or nullptr. `text` must be normalised.
    const BounceRule* match(const QString& normalisedText, const EnhancedStatus& status,
                            int replyCode) const;
    /// RFC 3463 fallback: the reason for subject.detail, then for subject;
    /// "undefined" without a usable code.
    QString fallbackReason(const EnhancedStatus& status) const;
    /// Whether a failure of `reason` is permanent, given the class of its
    /// status / reply (true when it is a 5xx one).
    bool isHard(const QString& reason, bool permanentClass) const;
    /// The reason a "no such user" (etc.) answer after DATA becomes, or
    /// `reason` itself.
    QString reasonAfterData(const QString& reason) const;
    /// "microsoft365", "google", ... for a host name ("host" or "host:port").
    QString providerForHost(const QString& upstreamHost) const;

    /// Lower case, white space collapsed, and the "550-5.7.1 " prefixes of
    /// continuation lines removed, so that patterns see one sentence.
    static QString normalise(const QString& text);

private:
    QList<BounceRule> m_rules;
    QHash<QString, QString> m_fallback;
    QStringList m_alwaysHard;
    QStringList m_hardWhenPermanent;
    QHash<QString, QString> m_afterData;
    QList<QPair<QString, QStringList>> m_providers;
};

} // namespace RelayDesk::Bounce
