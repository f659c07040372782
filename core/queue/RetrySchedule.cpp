#include "RetrySchedule.h"

#include <algorithm>

namespace RelayDesk::Queue {

namespace {
constexpr int fallbackDelaySeconds = 60 * 60; ///< a policy without delays still backs off
} // namespace

RetrySchedule::RetrySchedule(RetryPolicy policy) : m_policy(std::move(policy)) {}

qint64 RetrySchedule::delayAfter(int failedAttempts) const
{
    if (m_policy.delaysSeconds.isEmpty())
        return fallbackDelaySeconds;
    const qsizetype index =
        std::clamp<qsizetype>(failedAttempts - 1, 0, m_policy.delaysSeconds.size() - 1);
    // A zero or negative delay would make the engine retry in a tight loop.
    return std::max(1, m_policy.delaysSeconds.at(index));
}

bool RetrySchedule::isExpired(const QDateTime& receivedAt, const QDateTime& now) const
{
    if (!receivedAt.isValid())
        return false; // unknown age: never give up on it silently
    return receivedAt.secsTo(now) >= qint64(m_policy.maxAgeSeconds);
}

std::optional<QDateTime> RetrySchedule::nextAttempt(int failedAttempts, const QDateTime& receivedAt,
                                                    const QDateTime& now) const
{
    if (isExpired(receivedAt, now))
        return std::nullopt;
    QDateTime next = now.addSecs(delayAfter(failedAttempts));
    if (receivedAt.isValid()) {
        const QDateTime deadline = receivedAt.addSecs(m_policy.maxAgeSeconds);
        if (next > deadline)
            next = deadline;
    }
    return next;
}

} // namespace RelayDesk::Queue
