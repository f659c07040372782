#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Service {

/// One suppressed recipient (issue 6): mail from `senderDomain` to
/// `recipient` is not sent while the entry is in force, because an earlier
/// message to it failed permanently (or the admin said so).
struct SuppressionEntry
{
    QString senderDomain;       ///< lower case; empty = every sender
    QString recipient;          ///< lower case address
    QString reason;             ///< classifier reason ("userunknown"), or "manual"
    QDateTime created;          ///< UTC
    QDateTime expires;          ///< UTC; invalid = never
    qint64 sourceMessageId = 0; ///< the message whose failure added it; 0 when none
    QString detail;             ///< the reply that caused it, or the admin's note

    bool isExpired(const QDateTime& now) const { return expires.isValid() && expires <= now; }
};

/// What RelayService::requestSuppressions lists.
struct SuppressionFilter
{
    QString text;                ///< case-insensitive substring of recipient, domain or reason
    bool includeExpired = false; ///< expired entries are kept until purged
    int limit = 10000;           ///< at most this many, newest first
};

/// [bounces] settings of the suppression list and incoming bounces.
struct SuppressionSettings
{
    enum class Action {
        Fail, ///< the suppressed recipient fails at once with a 550 naming the entry
        Hold, ///< it is held for the admin (released when the entry is removed)
    };
    bool enabled = true;
    Action action = Action::Fail;
    qint64 expirySeconds = 90 * 24 * 3600; ///< 0: entries never expire
    /// Reasons of a permanent (5xx) failure that add an entry.
    QStringList reasons{QStringLiteral("userunknown"), QStringLiteral("hostunknown"),
                        QStringLiteral("hasmoved"), QStringLiteral("notaccept")};
    /// Mail for this address (our envelope sender for bounces) is read as a
    /// bounce, not relayed; empty: off.
    QString returnPathAddress;
};

/// One recipient of a bounce message dropped on the GUI, classified
/// (RelayService::classifyBounceFile).
struct BounceFileRecipient
{
    QString recipient; ///< empty when the bounce names none
    QString reason;
    bool hard = false;
    QString status;     ///< enhanced status, or empty
    QString diagnostic; ///< the remote's reply / the bounce's text for it
    QString title;
    QString explanation;
    QString fix;
};

} // namespace RelayDesk::Service

Q_DECLARE_METATYPE(RelayDesk::Service::BounceFileRecipient)
Q_DECLARE_METATYPE(RelayDesk::Service::SuppressionEntry)
Q_DECLARE_METATYPE(RelayDesk::Service::SuppressionFilter)
Q_DECLARE_METATYPE(RelayDesk::Service::SuppressionSettings)
