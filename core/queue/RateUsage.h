#pragma once

#include <QtGlobal>

namespace RelayDesk::Queue {

/// What was sent to one destination in the rolling windows, for the GUI and
/// the logs (see RateLimiter::usage).
struct RateUsage
{
    qint64 messagesLastMinute = 0;
    qint64 recipientsLastMinute = 0;
    qint64 messagesLast24Hours = 0;
    qint64 recipientsLast24Hours = 0;

    bool operator==(const RateUsage&) const = default;
};

} // namespace RelayDesk::Queue
