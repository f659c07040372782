#pragma once

#include "RateLimits.h"
#include "queue/Clock.h"
#include "queue/SlidingWindowCounter.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace RelayDesk::Auth {

/// Rate limits per client address and per AUTH account: messages per minute
/// (counted at MAIL FROM) and recipients per hour (counted at RCPT TO).
/// Both the client's and the account's limits apply; an account's own
/// limits (AccountPolicy) replace the account defaults. Also the number of
/// sessions an account has logged in at once (counted at a successful AUTH,
/// released when that session ends; the per-address connection cap is the
/// listener's). A rate refusal is logged
/// (category relaydesk.abuse, once per client or account and minute) and
/// turned by the caller into a temporary reply, never a silent drop.
///
/// Not thread-safe: lives on the core thread with the sessions. Memory is
/// bounded: idle entries are dropped once their windows are empty.
class AbuseGuard
{
public:
    enum class Verdict {
        Allowed,
        ClientMessages,    ///< the client address sent too many messages this minute
        ClientRecipients,  ///< ... too many recipients this hour
        AccountMessages,   ///< the account sent too many messages this minute
        AccountRecipients, ///< ... too many recipients this hour
        AccountSessions,   ///< the account is logged in on too many sessions at once
    };

    AbuseGuard(const Queue::Clock& clock, RateLimits perClient = {}, RateLimits perAccount = {});

    void setClientLimits(RateLimits limits) { m_clientLimits = limits; }
    /// Defaults for every account without limits of its own.
    void setAccountLimits(RateLimits limits) { m_accountLimits = limits; }
    RateLimits clientLimits() const { return m_clientLimits; }
    RateLimits accountLimits() const { return m_accountLimits; }
    /// Sessions one account may have authenticated at once; 0 is unlimited.
    /// A lower limit applies to new logins only (no session is cut off).
    void setAccountSessionLimit(int limit) { m_accountSessionLimit = limit; }
    int accountSessionLimit() const { return m_accountSessionLimit; }

    /// MAIL FROM: checks and, when allowed, counts one message. account is
    /// empty for a client that did not authenticate; accountOwn holds that
    /// account's own limits (0 fields: the defaults apply).
    Verdict admitMessage(const QHostAddress& client, const QString& account = {},
                         RateLimits accountOwn = {});
    /// RCPT TO: the same for one recipient.
    Verdict admitRecipient(const QHostAddress& client, const QString& account = {},
                           RateLimits accountOwn = {});

    /// A successful AUTH: admits and counts one more session of the account
    /// (Allowed), or AccountSessions when it has the limit already. Every
    /// Allowed must be matched by exactly one releaseSession() when that
    /// session ends, or the account stays locked out.
    Verdict admitSession(const QString& account);
    void releaseSession(const QString& account);
    /// Sessions of the account counted now.
    int sessionCount(const QString& account) const { return m_sessions.value(account); }

    /// Entries kept now (for tests of the memory bound).
    qsizetype trackedCount() const { return m_clients.size() + m_accounts.size(); }

    static QString describe(Verdict verdict);

private:
    struct Counters
    {
        Queue::SlidingWindowCounter messages;
        Queue::SlidingWindowCounter recipients;
        qint64 lastLoggedMs = -1;
        Counters();
    };
    enum class Kind { Messages, Recipients };

    Verdict admit(Kind kind, const QHostAddress& client, const QString& account,
                  RateLimits accountOwn);
    RateLimits effectiveAccountLimits(RateLimits own) const;
    static bool fits(Counters& counters, Kind kind, qint64 nowMs, const RateLimits& limits);
    static void count(Counters& counters, Kind kind, qint64 nowMs);
    void logRefusal(Counters& counters, Verdict verdict, const QString& who, qint64 nowMs);
    void pruneIfLarge(qint64 nowMs);

    const Queue::Clock& m_clock;
    RateLimits m_clientLimits;
    RateLimits m_accountLimits;
    int m_accountSessionLimit = 0;
    QHash<QString, Counters> m_clients; ///< by textual address
    QHash<QString, Counters> m_accounts;
    /// Authenticated sessions per account; an entry goes with its last session.
    QHash<QString, int> m_sessions;
};

} // namespace RelayDesk::Auth
