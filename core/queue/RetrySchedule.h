#pragma once

#include "RetryPolicy.h"

#include <QDateTime>
#include <optional>

namespace RelayDesk::Queue {

/// When to try a recipient again after a temporary failure. Pure: the
/// caller passes `now` (from a Clock), so tests need no sleeping.
///
/// After the n-th failed attempt the delay is policy.delaysSeconds[n-1]
/// (the last entry repeats: 1, 5, 15, 30, 60 minutes, then hourly by
/// default). A message older than policy.maxAgeSeconds has expired; the
/// last retry is pulled forward to the expiry time so that a message gets
/// one final attempt right at its deadline, not an hour after it.
class RetrySchedule
{
public:
    explicit RetrySchedule(RetryPolicy policy = {});

    /// Next attempt after `failedAttempts` attempts (counting the one that
    /// just failed, so >= 1), or nullopt when the message has expired.
    std::optional<QDateTime> nextAttempt(int failedAttempts, const QDateTime& receivedAt,
                                         const QDateTime& now) const;

    /// True when a message received at `receivedAt` is too old to retry.
    bool isExpired(const QDateTime& receivedAt, const QDateTime& now) const;

    /// The delay after the n-th failed attempt, in seconds.
    qint64 delayAfter(int failedAttempts) const;

    const RetryPolicy& policy() const { return m_policy; }

private:
    RetryPolicy m_policy;
};

} // namespace RelayDesk::Queue
