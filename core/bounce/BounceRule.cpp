#include "BounceRule.h"

namespace RelayDesk::Bounce {

namespace {

bool componentMatches(QStringView pattern, int value)
{
    if (pattern.compare(QLatin1String("x"), Qt::CaseInsensitive) == 0)
        return true;
    bool ok = false;
    const int wanted = pattern.toInt(&ok);
    return ok && wanted == value;
}

} // namespace

bool BounceRule::matchesText(const QString& normalisedText) const
{
    for (const QString& needle : substrings) {
        if (normalisedText.contains(needle))
            return true;
    }
    for (const QRegularExpression& pattern : patterns) {
        if (pattern.match(normalisedText).hasMatch())
            return true;
    }
    return false;
}

bool BounceRule::matchesStatus(const EnhancedStatus& status) const
{
    if (!status.isValid())
        return false;
    const int values[] = {status.classDigit(), status.subject(), status.detail()};
    for (const QString& wanted : statuses) {
        const QStringList parts = wanted.split(QLatin1Char('.'));
        if (parts.size() > 3)
            continue;
        bool all = true;
        for (qsizetype i = 0; i < parts.size() && all; ++i)
            all = componentMatches(parts.at(i), values[i]);
        if (all)
            return true;
    }
    return false;
}

bool BounceRule::matches(const QString& normalisedText, const EnhancedStatus& status,
                         int replyCode) const
{
    if (!statuses.isEmpty() && !matchesStatus(status))
        return false;
    if (!replyCodes.isEmpty() && !replyCodes.contains(replyCode))
        return false;
    if (hasText() && !matchesText(normalisedText))
        return false;
    // A rule without any condition would match everything; the loader refuses it.
    return true;
}

} // namespace RelayDesk::Bounce
