#pragma once

#include "DestinationLimits.h"
#include "RateUsage.h"
#include "SlidingWindowCounter.h"

#include <QDateTime>

namespace RelayDesk::Queue {

/// Rolling-window accounting of what was sent to one destination, against
/// its messages/recipients per minute and per day. Pure: the caller passes
/// `now` from a Clock.
///
/// The minute windows count in 1 s buckets, the day windows in 1 min
/// buckets (see SlidingWindowCounter for the conservative rounding), so a
/// limiter holds at most 2 * 61 + 2 * 1441 buckets however busy it is.
///
/// Record a message when it is handed to a connection, not when it
/// completes: parallel connections would otherwise all see the same free
/// room and overshoot together. A message that then fails still counts,
/// which is what the providers do too.
class RateLimiter
{
public:
    explicit RateLimiter(const DestinationLimits& limits = {});

    /// New limits apply at once to what was already sent.
    void setLimits(const DestinationLimits& limits) { m_limits = limits; }
    const DestinationLimits& limits() const { return m_limits; }

    /// May a message with `recipients` recipients start now? A message with
    /// more recipients than a recipient limit may start only once that
    /// window is empty (better: split it, see recipientBatchLimit()).
    bool maySend(const QDateTime& now, int recipients) const;
    /// The earliest time >= now at which maySend() holds if nothing else is
    /// sent meanwhile: when to schedule the message instead of drawing 4xx.
    QDateTime earliestAllowed(const QDateTime& now, int recipients) const;
    void recordSent(const QDateTime& now, int recipients);

    RateUsage usage(const QDateTime& now) const;
    /// Nothing sent within the last 24 h: the limiter may be forgotten.
    bool isIdle(const QDateTime& now) const;
    /// Forgets buckets that no longer count (recordSent does this too).
    void prune(const QDateTime& now);

    qsizetype bucketCount() const;
    qsizetype maxBucketCount() const;

private:
    DestinationLimits m_limits;
    SlidingWindowCounter m_messagesMinute;
    SlidingWindowCounter m_recipientsMinute;
    SlidingWindowCounter m_messagesDay;
    SlidingWindowCounter m_recipientsDay;
};

} // namespace RelayDesk::Queue
