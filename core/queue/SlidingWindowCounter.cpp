#include "SlidingWindowCounter.h"

#include <algorithm>

namespace RelayDesk::Queue {

namespace {
/// ceil(a / b) for b > 0, also for negative a (times before the epoch).
qint64 ceilDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
}
} // namespace

SlidingWindowCounter::SlidingWindowCounter(qint64 windowMs, qint64 bucketMs)
    : m_windowMs(std::max<qint64>(1, windowMs)),
      m_bucketMs(std::clamp<qint64>(bucketMs, 1, std::max<qint64>(1, windowMs)))
{}

void SlidingWindowCounter::add(qint64 nowMs, qint64 count)
{
    if (count <= 0)
        return;
    prune(nowMs);
    const qint64 index = ceilDiv(nowMs, m_bucketMs);
    if (!m_buckets.empty() && m_buckets.back().index >= index)
        m_buckets.back().count += count; // same bucket, or the clock stepped back
    else
        m_buckets.push_back({index, count});
}

qint64 SlidingWindowCounter::total(qint64 nowMs) const
{
    qint64 sum = 0;
    for (const Bucket& bucket : m_buckets) {
        if (expiresAt(bucket) > nowMs)
            sum += bucket.count;
    }
    return sum;
}

bool SlidingWindowCounter::fits(qint64 nowMs, qint64 extra, qint64 limit) const
{
    if (limit <= 0)
        return true;
    const qint64 used = total(nowMs);
    return used + extra <= limit || used == 0;
}

qint64 SlidingWindowCounter::earliestFit(qint64 nowMs, qint64 extra, qint64 limit) const
{
    if (fits(nowMs, extra, limit))
        return nowMs;
    // Buckets leave the window oldest first; walk them until enough room is
    // free (or, for an oversize request, until the window is empty).
    qint64 used = total(nowMs);
    qint64 when = nowMs;
    for (const Bucket& bucket : m_buckets) {
        const qint64 expiry = expiresAt(bucket);
        if (expiry <= nowMs)
            continue;
        used -= bucket.count;
        when = expiry;
        if (used + extra <= limit || used == 0)
            break;
    }
    return when;
}

void SlidingWindowCounter::prune(qint64 nowMs)
{
    while (!m_buckets.empty() && expiresAt(m_buckets.front()) <= nowMs)
        m_buckets.pop_front();
}

} // namespace RelayDesk::Queue
