#include "RateLimiter.h"

#include <algorithm>

namespace RelayDesk::Queue {

namespace {
constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 dayMs = 24 * 60 * minuteMs;
constexpr qint64 secondMs = 1000;
} // namespace

RateLimiter::RateLimiter(const DestinationLimits& limits)
    : m_limits(limits), m_messagesMinute(minuteMs, secondMs),
      m_recipientsMinute(minuteMs, secondMs), m_messagesDay(dayMs, minuteMs),
      m_recipientsDay(dayMs, minuteMs)
{}

bool RateLimiter::maySend(const QDateTime& now, int recipients) const
{
    const qint64 t = now.toMSecsSinceEpoch();
    const qint64 n = std::max(0, recipients);
    return m_messagesMinute.fits(t, 1, m_limits.messagesPerMinute) &&
           m_recipientsMinute.fits(t, n, m_limits.recipientsPerMinute) &&
           m_messagesDay.fits(t, 1, m_limits.messagesPerDay) &&
           m_recipientsDay.fits(t, n, m_limits.recipientsPerDay);
}

QDateTime RateLimiter::earliestAllowed(const QDateTime& now, int recipients) const
{
    const qint64 t = now.toMSecsSinceEpoch();
    const qint64 n = std::max(0, recipients);
    // Each window only frees room as time passes (nothing is added
    // meanwhile), so the first moment all of them fit is the latest of the
    // moments each one fits.
    const qint64 when =
        std::max({m_messagesMinute.earliestFit(t, 1, m_limits.messagesPerMinute),
                  m_recipientsMinute.earliestFit(t, n, m_limits.recipientsPerMinute),
                  m_messagesDay.earliestFit(t, 1, m_limits.messagesPerDay),
                  m_recipientsDay.earliestFit(t, n, m_limits.recipientsPerDay)});
    return when == t ? now : QDateTime::fromMSecsSinceEpoch(when, Qt::UTC);
}

void RateLimiter::recordSent(const QDateTime& now, int recipients)
{
    const qint64 t = now.toMSecsSinceEpoch();
    const qint64 n = std::max(0, recipients);
    m_messagesMinute.add(t, 1);
    m_recipientsMinute.add(t, n);
    m_messagesDay.add(t, 1);
    m_recipientsDay.add(t, n);
}

RateUsage RateLimiter::usage(const QDateTime& now) const
{
    const qint64 t = now.toMSecsSinceEpoch();
    return {m_messagesMinute.total(t), m_recipientsMinute.total(t), m_messagesDay.total(t),
            m_recipientsDay.total(t)};
}

bool RateLimiter::isIdle(const QDateTime& now) const
{
    // Every message lands in the message-day window, which outlives the others.
    return m_messagesDay.total(now.toMSecsSinceEpoch()) == 0;
}

void RateLimiter::prune(const QDateTime& now)
{
    const qint64 t = now.toMSecsSinceEpoch();
    m_messagesMinute.prune(t);
    m_recipientsMinute.prune(t);
    m_messagesDay.prune(t);
    m_recipientsDay.prune(t);
}

qsizetype RateLimiter::bucketCount() const
{
    return m_messagesMinute.bucketCount() + m_recipientsMinute.bucketCount() +
           m_messagesDay.bucketCount() + m_recipientsDay.bucketCount();
}

qsizetype RateLimiter::maxBucketCount() const
{
    return m_messagesMinute.maxBucketCount() + m_recipientsMinute.maxBucketCount() +
           m_messagesDay.maxBucketCount() + m_recipientsDay.maxBucketCount();
}

} // namespace RelayDesk::Queue
