#include "DestinationScheduler.h"

#include <algorithm>

namespace RelayDesk::Queue {

namespace {
constexpr qint64 staleFailureSeconds = 24 * 60 * 60; ///< prune() forgets older failures
} // namespace

DestinationScheduler::DestinationScheduler(RandomSource* random)
    : m_random(random ? random : &m_systemRandom)
{}

QString DestinationScheduler::smarthostKey(const QString& name)
{
    return QStringLiteral("smarthost:") + name;
}

QString DestinationScheduler::mxKey(const QString& domain)
{
    return QStringLiteral("mx:") + domain.toLower();
}

void DestinationScheduler::setDefaultLimits(const DestinationLimits& limits)
{
    m_defaultLimits = limits;
    for (auto it = m_destinations.begin(); it != m_destinations.end(); ++it) {
        if (!m_limits.contains(it.key())) {
            it->limiter.setLimits(limits);
            it->backoff.setSettings(limits.backoff);
        }
    }
}

void DestinationScheduler::setLimits(const QString& key, const DestinationLimits& limits)
{
    m_limits.insert(key, limits);
    if (const auto it = m_destinations.find(key); it != m_destinations.end()) {
        it->limiter.setLimits(limits);
        it->backoff.setSettings(limits.backoff);
    }
}

void DestinationScheduler::clearLimits(const QString& key)
{
    m_limits.remove(key);
    if (const auto it = m_destinations.find(key); it != m_destinations.end()) {
        it->limiter.setLimits(m_defaultLimits);
        it->backoff.setSettings(m_defaultLimits.backoff);
    }
}

DestinationLimits DestinationScheduler::limits(const QString& key) const
{
    return m_limits.value(key, m_defaultLimits);
}

DestinationScheduler::Destination& DestinationScheduler::stateFor(const QString& key)
{
    auto it = m_destinations.find(key);
    if (it == m_destinations.end()) {
        const DestinationLimits l = limits(key);
        it = m_destinations.insert(
            key, Destination{RateLimiter(l), DestinationBackoff(l.backoff, m_random), 0});
    }
    return *it;
}

const DestinationScheduler::Destination* DestinationScheduler::find(const QString& key) const
{
    const auto it = m_destinations.constFind(key);
    return it == m_destinations.constEnd() ? nullptr : &*it;
}

bool DestinationScheduler::hasRoom(const Destination* d, const QDateTime& now, int recipients)
{
    // Without state nothing was sent yet, and empty windows admit any one message.
    return !d || d->limiter.maySend(now, recipients);
}

bool DestinationScheduler::canOpenConnection(const QString& key, const QDateTime& now) const
{
    const Destination* d = find(key);
    const int open = d ? d->openConnections : 0;
    if (d && d->backoff.isPaused(now))
        return false;
    if (d && d->backoff.isRecovering(now))
        return open == 0; // one probe; the rest follow once it succeeded
    const int max = limits(key).maxConnections;
    if (max > 0 && open >= max)
        return false;
    return hasRoom(d, now, 1);
}

bool DestinationScheduler::canSendMessage(const QString& key, const QDateTime& now,
                                          int recipients) const
{
    const Destination* d = find(key);
    if (d && d->backoff.isPaused(now))
        return false;
    return hasRoom(d, now, recipients);
}

QDateTime DestinationScheduler::nextEligibleTime(const QString& key, const QDateTime& now,
                                                 int recipients) const
{
    const Destination* d = find(key);
    if (!d)
        return now;
    QDateTime when = d->limiter.earliestAllowed(now, recipients);
    if (d->backoff.isPaused(now) && d->backoff.resumeAt() > when)
        when = d->backoff.resumeAt();
    return when;
}

int DestinationScheduler::openConnections(const QString& key) const
{
    const Destination* d = find(key);
    return d ? d->openConnections : 0;
}

void DestinationScheduler::connectionOpened(const QString& key)
{
    ++stateFor(key).openConnections;
}

void DestinationScheduler::connectionClosed(const QString& key)
{
    const auto it = m_destinations.find(key);
    if (it != m_destinations.end() && it->openConnections > 0)
        --it->openConnections; // an unmatched close must not free a slot we never had
}

void DestinationScheduler::messageSent(const QString& key, const QDateTime& now, int recipients)
{
    stateFor(key).limiter.recordSent(now, recipients);
}

void DestinationScheduler::recordFailure(const QString& key, DestinationFailure kind,
                                         const QDateTime& now, const QString& reason)
{
    stateFor(key).backoff.recordFailure(kind, now, reason);
}

void DestinationScheduler::recordSuccess(const QString& key, const QDateTime& now)
{
    if (const auto it = m_destinations.find(key); it != m_destinations.end())
        it->backoff.recordSuccess(now);
    // Unknown destinations are healthy already; no state needed.
}

void DestinationScheduler::resume(const QString& key)
{
    if (const auto it = m_destinations.find(key); it != m_destinations.end())
        it->backoff = DestinationBackoff(it->backoff.settings(), m_random);
}

DestinationSnapshot DestinationScheduler::snapshot(const QString& key, const QDateTime& now) const
{
    DestinationSnapshot s;
    s.key = key;
    s.limits = limits(key);
    const Destination* d = find(key);
    if (!d)
        return s;
    s.openConnections = d->openConnections;
    s.usage = d->limiter.usage(now);
    const QDateTime eligible = nextEligibleTime(key, now, 1);
    if (eligible > now)
        s.eligibleAt = eligible;
    s.consecutiveFailures = d->backoff.consecutiveFailures();
    s.lastError = d->backoff.lastError();
    s.lastErrorAt = d->backoff.lastFailureAt();
    s.lastFailure = d->backoff.lastFailureKind();
    if (d->backoff.isPaused(now)) {
        s.state = DestinationState::Paused;
        s.pausedUntil = d->backoff.resumeAt();
    } else if (d->backoff.isRecovering(now)) {
        s.state = DestinationState::Probing;
    } else if (!d->limiter.maySend(now, 1)) {
        s.state = DestinationState::RateLimited;
    } else if (d->openConnections > 0) {
        s.state = DestinationState::Active;
    }
    return s;
}

QVector<DestinationSnapshot> DestinationScheduler::snapshots(const QDateTime& now) const
{
    QVector<DestinationSnapshot> result;
    const QStringList keys = destinations();
    result.reserve(keys.size());
    for (const QString& key : keys)
        result.append(snapshot(key, now));
    return result;
}

QStringList DestinationScheduler::destinations() const
{
    QStringList keys = m_destinations.keys();
    keys.sort();
    return keys;
}

void DestinationScheduler::prune(const QDateTime& now)
{
    for (auto it = m_destinations.begin(); it != m_destinations.end();) {
        Destination& d = *it;
        d.limiter.prune(now);
        const bool failedRecently = d.backoff.consecutiveFailures() > 0 &&
                                    d.backoff.resumeAt().secsTo(now) < staleFailureSeconds;
        if (d.openConnections == 0 && d.limiter.isIdle(now) && !failedRecently)
            it = m_destinations.erase(it);
        else
            ++it;
    }
}

} // namespace RelayDesk::Queue
