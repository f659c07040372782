#pragma once

#include <QtGlobal>
#include <deque>

namespace RelayDesk::Queue {

/// Counts events in a rolling time window with bounded memory: events are
/// summed into buckets of bucketMs, so at most windowMs / bucketMs + 1
/// buckets are alive however many events there are.
///
/// Rounding is conservative: an event is filed under the end of its bucket
/// (bucket k holds the times in ((k-1)*bucketMs, k*bucketMs]) and counts
/// until that end plus windowMs. An event on a bucket boundary therefore
/// leaves the window exactly windowMs later; one between boundaries stays up
/// to one bucket longer than it must, never shorter, so a limit built on
/// this counter is never exceeded.
///
/// Times are milliseconds since the epoch (from a Queue::Clock). If the
/// clock steps back, new events join the newest bucket rather than an older
/// one, which again errs on the side of counting them longer.
class SlidingWindowCounter
{
public:
    SlidingWindowCounter(qint64 windowMs, qint64 bucketMs);

    void add(qint64 nowMs, qint64 count);
    /// Events that still count at nowMs.
    qint64 total(qint64 nowMs) const;
    /// Whether `extra` more events fit under `limit` at nowMs. A limit <= 0
    /// is unlimited. A request larger than the limit fits only into an
    /// empty window, so that it is delayed rather than refused forever.
    bool fits(qint64 nowMs, qint64 extra, qint64 limit) const;
    /// The earliest time >= nowMs at which fits() holds, if nothing is added
    /// meanwhile.
    qint64 earliestFit(qint64 nowMs, qint64 extra, qint64 limit) const;
    /// Drops buckets that no longer count.
    void prune(qint64 nowMs);

    qsizetype bucketCount() const { return qsizetype(m_buckets.size()); }
    qsizetype maxBucketCount() const { return qsizetype(m_windowMs / m_bucketMs + 1); }

private:
    struct Bucket
    {
        qint64 index = 0; ///< the bucket ends at index * bucketMs
        qint64 count = 0;
    };

    qint64 expiresAt(const Bucket& bucket) const { return bucket.index * m_bucketMs + m_windowMs; }

    qint64 m_windowMs;
    qint64 m_bucketMs;
    std::deque<Bucket> m_buckets; ///< ascending index
};

} // namespace RelayDesk::Queue
