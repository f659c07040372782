#include "AuthThrottle.h"

#include <QLoggingCategory>
#include <algorithm>

namespace RelayDesk::Auth {

namespace {
Q_LOGGING_CATEGORY(lcAbuse, "relaydesk.abuse")
constexpr qsizetype kPruneThreshold = 4096;
} // namespace

AuthThrottle::AuthThrottle(const Queue::Clock& clock) : AuthThrottle(clock, Settings{}) {}

AuthThrottle::AuthThrottle(const Queue::Clock& clock, Settings settings)
    : m_clock(clock), m_settings(settings)
{}

QString AuthThrottle::key(const QHostAddress& client)
{
    // An IPv4-mapped IPv6 address is the same client as its IPv4 form.
    bool isV4 = false;
    const quint32 v4 = client.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : client.toString();
}

qint64 AuthThrottle::nowMs() const
{
    return m_clock.now().toMSecsSinceEpoch();
}

void AuthThrottle::expire(Record& record, qint64 now) const
{
    if (record.lockedUntilMs != 0 && record.lockedUntilMs <= now) {
        // A lockout that ran out starts the address afresh.
        record.lockedUntilMs = 0;
        record.lockoutFailures = 0;
        record.failureTimesMs.clear();
    }
    const qint64 windowStart = now - qint64(m_settings.windowSeconds) * 1000;
    auto& times = record.failureTimesMs;
    times.erase(times.begin(), std::find_if(times.begin(), times.end(),
                                            [windowStart](qint64 t) { return t > windowStart; }));
}

bool AuthThrottle::isLockedOut(const QHostAddress& client) const
{
    const auto it = m_clients.constFind(key(client));
    return it != m_clients.cend() && it->lockedUntilMs > nowMs();
}

int AuthThrottle::failures(const QHostAddress& client) const
{
    auto it = m_clients.constFind(key(client));
    if (it == m_clients.cend())
        return 0;
    Record copy = *it;
    expire(copy, nowMs());
    return int(copy.failureTimesMs.size());
}

qint64 AuthThrottle::recordFailure(const QHostAddress& client)
{
    const qint64 now = nowMs();
    pruneIfLarge(now);
    const QString address = key(client);
    Record& record = m_clients[address];
    expire(record, now);
    record.failureTimesMs.append(now);
    const int count = int(record.failureTimesMs.size());
    // Bounded: past the lockout threshold (and well past the delay cap)
    // older failures add nothing.
    if (record.failureTimesMs.size() > std::max(m_settings.maxFailures, 32))
        record.failureTimesMs.removeFirst();
    if (m_settings.maxFailures > 0 && count >= m_settings.maxFailures &&
        record.lockedUntilMs <= now) {
        record.lockedUntilMs = now + qint64(m_settings.lockoutSeconds) * 1000;
        record.lockoutFailures = count;
        qCWarning(lcAbuse, "AUTH: client %s locked out for %d s after %d failed logins within %d s",
                  qPrintable(address), m_settings.lockoutSeconds, count, m_settings.windowSeconds);
    }
    // 1st failure: base, 2nd: 2x base, ... capped.
    const int doublings = std::min(count - 1, 30);
    return std::min(m_settings.baseDelayMs << doublings, m_settings.maxDelayMs);
}

void AuthThrottle::recordSuccess(const QHostAddress& client)
{
    auto it = m_clients.find(key(client));
    if (it != m_clients.end() && it->lockedUntilMs <= nowMs())
        m_clients.erase(it);
}

QVector<LockedOutClient> AuthThrottle::lockedOut() const
{
    const qint64 now = nowMs();
    QVector<LockedOutClient> result;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->lockedUntilMs > now)
            result.append({it.key(), it->lockoutFailures,
                           QDateTime::fromMSecsSinceEpoch(it->lockedUntilMs, Qt::UTC)});
    }
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
        return a.until != b.until ? a.until < b.until : a.address < b.address;
    });
    return result;
}

bool AuthThrottle::unblock(const QHostAddress& client)
{
    const QString address = key(client);
    auto it = m_clients.find(address);
    if (it == m_clients.end() || it->lockedUntilMs <= nowMs())
        return false;
    m_clients.erase(it);
    qCInfo(lcAbuse, "AUTH: client %s unblocked by the admin", qPrintable(address));
    return true;
}

int AuthThrottle::restore(const QVector<LockedOutClient>& lockouts)
{
    const qint64 now = nowMs();
    int taken = 0;
    for (const LockedOutClient& lockout : lockouts) {
        const QHostAddress address(lockout.address);
        const qint64 until = lockout.until.isValid() ? lockout.until.toMSecsSinceEpoch() : 0;
        if (address.isNull() || until <= now)
            continue;
        Record& record = m_clients[key(address)];
        record.lockedUntilMs = std::max(record.lockedUntilMs, until);
        record.lockoutFailures = lockout.failures;
        ++taken;
    }
    return taken;
}

void AuthThrottle::pruneIfLarge(qint64 now)
{
    if (m_clients.size() < kPruneThreshold)
        return;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        expire(*it, now);
        if (it->lockedUntilMs == 0 && it->failureTimesMs.isEmpty())
            it = m_clients.erase(it);
        else
            ++it;
    }
}

} // namespace RelayDesk::Auth
