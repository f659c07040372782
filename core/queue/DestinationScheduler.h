#pragma once

#include "DestinationBackoff.h"
#include "DestinationLimits.h"
#include "DestinationSnapshot.h"
#include "RateLimiter.h"
#include "SystemRandomSource.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Queue {

/// Per-destination pacing for the delivery engine: how many connections a
/// destination may have, whether a message may start now, and when the
/// next one may if not. A destination is a string key, e.g.
/// smarthostKey("m365") or mxKey("example.com"); each key has its own
/// limits, RateLimiter and DestinationBackoff, so one sick or busy
/// destination never holds up another.
///
/// Pure and single-threaded: no timers, no sockets, `now` comes from the
/// caller's Clock. The engine asks before it acts (canOpenConnection,
/// canSendMessage), reports what it did (connectionOpened/Closed,
/// messageSent) and what happened (recordFailure, recordSuccess), and arms
/// its timer for nextEligibleTime instead of drawing 4xx replies.
///
/// State is created on first use and can be forgotten again by prune()
/// once a destination has been idle for a day; configured limits stay.
class DestinationScheduler
{
public:
    /// Without a random source the process-wide generator supplies jitter.
    explicit DestinationScheduler(RandomSource* random = nullptr);
    DestinationScheduler(const DestinationScheduler&) = delete;
    DestinationScheduler& operator=(const DestinationScheduler&) = delete;

    static QString smarthostKey(const QString& name);
    /// Domains compare case-insensitively, so the key is lower case.
    static QString mxKey(const QString& domain);

    /// For destinations without limits of their own (typically MX domains).
    void setDefaultLimits(const DestinationLimits& limits);
    const DestinationLimits& defaultLimits() const { return m_defaultLimits; }
    /// Applies at once; what was already sent keeps counting.
    void setLimits(const QString& key, const DestinationLimits& limits);
    void clearLimits(const QString& key);
    DestinationLimits limits(const QString& key) const;

    /// Not paused, below maxConnections (just one connection, the probe,
    /// right after a pause), and room for at least one message: a
    /// connection we could not use yet would only sit idle at the upstream.
    bool canOpenConnection(const QString& key, const QDateTime& now) const;
    /// Not paused and the rate windows have room for this message.
    bool canSendMessage(const QString& key, const QDateTime& now, int recipients = 1) const;
    /// The earliest time >= now at which a message with `recipients` may
    /// start, the later of the end of a pause and the rate windows' answer.
    /// Connection slots are not time-bound: they free up on
    /// connectionClosed, which is the engine's cue to look again.
    QDateTime nextEligibleTime(const QString& key, const QDateTime& now, int recipients = 1) const;
    int openConnections(const QString& key) const;

    void connectionOpened(const QString& key);
    void connectionClosed(const QString& key);
    /// Call when a message is handed to a connection (see RateLimiter).
    void messageSent(const QString& key, const QDateTime& now, int recipients);
    void recordFailure(const QString& key, DestinationFailure kind, const QDateTime& now,
                       const QString& reason = QString());
    /// A connection was set up, or a message was accepted.
    void recordSuccess(const QString& key, const QDateTime& now);
    /// Ends a pause and forgets the failures at once: the admin changed the
    /// destination's settings, so the next connection tries the new ones.
    void resume(const QString& key);

    DestinationSnapshot snapshot(const QString& key, const QDateTime& now) const;
    /// Every destination with state, sorted by key.
    QVector<DestinationSnapshot> snapshots(const QDateTime& now) const;
    QStringList destinations() const; ///< sorted
    /// Forgets destinations with no connection, nothing sent in 24 h and no
    /// failure in the last 24 h, so that one-off MX domains don't pile up.
    void prune(const QDateTime& now);

private:
    struct Destination
    {
        RateLimiter limiter;
        DestinationBackoff backoff;
        int openConnections = 0;
    };

    Destination& stateFor(const QString& key);
    const Destination* find(const QString& key) const;
    static bool hasRoom(const Destination* d, const QDateTime& now, int recipients);

    SystemRandomSource m_systemRandom;
    RandomSource* m_random;
    DestinationLimits m_defaultLimits;
    QHash<QString, DestinationLimits> m_limits;
    QHash<QString, Destination> m_destinations;
};

} // namespace RelayDesk::Queue
