#pragma once

#include "LockedOutClient.h"
#include "queue/Clock.h"

#include <QHash>
#include <QHostAddress>
#include <QVector>

namespace RelayDesk::Auth {

/// Slows down and then stops password guessing, per client address: each
/// failed AUTH is answered after a growing delay (base, 2x base, 4x base ...
/// up to maxDelayMs), and `maxFailures` failures within `windowSeconds` lock
/// the address out for `lockoutSeconds`. While locked out, AUTH is refused
/// with 454 4.7.0 before any password is checked, so guessing on gains
/// nothing. A success clears the address's failures. The admin sees the
/// locked-out addresses (lockedOut()) and can lift a lockout (unblock()).
///
/// Not thread-safe: lives on the core thread. Times come from the clock,
/// so tests need no sleeping.
class AuthThrottle
{
public:
    struct Settings
    {
        int maxFailures = 10;      ///< [security] auth-failures; 0: never lock out
        int windowSeconds = 900;   ///< [security] auth-window
        int lockoutSeconds = 900;  ///< [security] lockout-duration
        qint64 baseDelayMs = 1000; ///< delay after the first failure
        qint64 maxDelayMs = 16000; ///< [security] auth-max-delay
    };

    explicit AuthThrottle(const Queue::Clock& clock);
    AuthThrottle(const Queue::Clock& clock, Settings settings);

    void setSettings(Settings settings) { m_settings = settings; }
    Settings settings() const { return m_settings; }

    bool isLockedOut(const QHostAddress& client) const;
    /// Records a failed AUTH; returns how long to wait before answering it.
    /// Logs (relaydesk.abuse) when this failure starts a lockout.
    qint64 recordFailure(const QHostAddress& client);
    void recordSuccess(const QHostAddress& client);
    /// Failures still inside the window.
    int failures(const QHostAddress& client) const;

    /// Addresses locked out now, soonest expiry first.
    QVector<LockedOutClient> lockedOut() const;
    /// Lifts a lockout and forgets the failures; false when the address was
    /// not locked out.
    bool unblock(const QHostAddress& client);
    /// Lockouts saved by an earlier run (lockedOut()); those that have
    /// ended meanwhile, and addresses that are none, are skipped. Returns
    /// how many were taken.
    int restore(const QVector<LockedOutClient>& lockouts);

    qsizetype trackedCount() const { return m_clients.size(); }

private:
    struct Record
    {
        QVector<qint64> failureTimesMs; ///< inside the window, oldest first
        qint64 lockedUntilMs = 0;
        int lockoutFailures = 0;
    };

    static QString key(const QHostAddress& client);
    qint64 nowMs() const;
    void expire(Record& record, qint64 nowMs) const;
    void pruneIfLarge(qint64 nowMs);

    const Queue::Clock& m_clock;
    Settings m_settings;
    QHash<QString, Record> m_clients;
};

} // namespace RelayDesk::Auth
