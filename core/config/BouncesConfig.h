#pragma once

#include <QString>
#include <QStringList>

namespace RelayDesk::Config {

/// [bounces]: the suppression list and incoming bounces (issue 6).
struct BouncesConfig
{
    /// suppress = yes|no: add and enforce suppression entries.
    bool suppress = true;
    /// suppressed-action = fail|hold: what happens to a new message's
    /// suppressed recipient.
    bool holdSuppressed = false;
    /// suppress-expiry: how long an entry stays in force (0: forever).
    int suppressExpirySeconds = 90 * 24 * 3600;
    /// suppress-reasons: classifier reasons of a permanent failure that add an entry.
    QStringList suppressReasons{QStringLiteral("userunknown"), QStringLiteral("hostunknown"),
                                QStringLiteral("hasmoved"), QStringLiteral("notaccept")};
    /// return-path-address: mail to it is read as a bounce, not relayed.
    QString returnPathAddress;

    static constexpr int kMaxExpirySeconds = 10 * 365 * 24 * 3600;
};

} // namespace RelayDesk::Config
