#pragma once

#include "EnhancedStatus.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Bounce {

/// One row of the rules table (resources/bounce-rules.json): a reason and
/// the conditions under which a failure is given it. Every condition that
/// is present must hold; text matches when any one of the patterns occurs.
struct BounceRule
{
    QString reason;
    /// "5.7.26", "x.7.26" (any class), "5.7" (class and subject), "2" (class).
    QStringList statuses;
    QList<int> replyCodes;
    QStringList substrings;             ///< lower case, searched in the normalised text
    QList<QRegularExpression> patterns; ///< precompiled, case-insensitive
    std::optional<bool> hard;           ///< overrides the reason's hardness

    bool hasText() const { return !substrings.isEmpty() || !patterns.isEmpty(); }
    bool matchesText(const QString& normalisedText) const;
    bool matchesStatus(const EnhancedStatus& status) const;
    bool matches(const QString& normalisedText, const EnhancedStatus& status, int replyCode) const;
};

} // namespace RelayDesk::Bounce
