#include "AbuseGuard.h"

#include <QLoggingCategory>

namespace RelayDesk::Auth {

namespace {
Q_LOGGING_CATEGORY(lcAbuse, "relaydesk.abuse")

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
// Above this many entries, empty ones are swept before adding another.
constexpr qsizetype kPruneThreshold = 4096;
} // namespace

AbuseGuard::Counters::Counters() : messages(kMinuteMs, 1000), recipients(kHourMs, kMinuteMs) {}

AbuseGuard::AbuseGuard(const Queue::Clock& clock, RateLimits perClient, RateLimits perAccount)
    : m_clock(clock), m_clientLimits(perClient), m_accountLimits(perAccount)
{}

AbuseGuard::Verdict AbuseGuard::admitMessage(const QHostAddress& client, const QString& account,
                                             RateLimits accountOwn)
{
    return admit(Kind::Messages, client, account, accountOwn);
}

AbuseGuard::Verdict AbuseGuard::admitRecipient(const QHostAddress& client, const QString& account,
                                               RateLimits accountOwn)
{
    return admit(Kind::Recipients, client, account, accountOwn);
}

RateLimits AbuseGuard::effectiveAccountLimits(RateLimits own) const
{
    RateLimits limits = m_accountLimits;
    if (own.messagesPerMinute > 0)
        limits.messagesPerMinute = own.messagesPerMinute;
    if (own.recipientsPerHour > 0)
        limits.recipientsPerHour = own.recipientsPerHour;
    return limits;
}

bool AbuseGuard::fits(Counters& counters, Kind kind, qint64 nowMs, const RateLimits& limits)
{
    // A limit of 0 is unlimited; SlidingWindowCounter::fits() would let a
    // request over the limit into an empty window, which we do not want
    // for single events, but one event never exceeds a limit >= 1.
    if (kind == Kind::Messages)
        return counters.messages.fits(nowMs, 1, limits.messagesPerMinute);
    return counters.recipients.fits(nowMs, 1, limits.recipientsPerHour);
}

void AbuseGuard::count(Counters& counters, Kind kind, qint64 nowMs)
{
    (kind == Kind::Messages ? counters.messages : counters.recipients).add(nowMs, 1);
}

AbuseGuard::Verdict AbuseGuard::admit(Kind kind, const QHostAddress& client, const QString& account,
                                      RateLimits accountOwn)
{
    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    pruneIfLarge(nowMs);
    const QString address = client.toString();
    Counters& byClient = m_clients[address];
    if (!fits(byClient, kind, nowMs, m_clientLimits)) {
        const Verdict verdict =
            kind == Kind::Messages ? Verdict::ClientMessages : Verdict::ClientRecipients;
        logRefusal(byClient, verdict, QStringLiteral("client %1").arg(address), nowMs);
        return verdict;
    }
    Counters* byAccount = nullptr;
    if (!account.isEmpty()) {
        byAccount = &m_accounts[account];
        if (!fits(*byAccount, kind, nowMs, effectiveAccountLimits(accountOwn))) {
            const Verdict verdict =
                kind == Kind::Messages ? Verdict::AccountMessages : Verdict::AccountRecipients;
            logRefusal(*byAccount, verdict,
                       QStringLiteral("account %1 (client %2)").arg(account, address), nowMs);
            return verdict;
        }
    }
    // Counted only once admitted by both, so a refused attempt does not
    // push the window further out.
    count(byClient, kind, nowMs);
    if (byAccount)
        count(*byAccount, kind, nowMs);
    return Verdict::Allowed;
}

AbuseGuard::Verdict AbuseGuard::admitSession(const QString& account)
{
    if (m_accountSessionLimit > 0 && m_sessions.value(account) >= m_accountSessionLimit)
        return Verdict::AccountSessions;
    ++m_sessions[account];
    return Verdict::Allowed;
}

void AbuseGuard::releaseSession(const QString& account)
{
    const auto it = m_sessions.find(account);
    // An unmatched release must not hand the account a spare session.
    if (it == m_sessions.end())
        return;
    if (--it.value() <= 0)
        m_sessions.erase(it);
}

void AbuseGuard::logRefusal(Counters& counters, Verdict verdict, const QString& who, qint64 nowMs)
{
    // One line per offender and minute: a client hammering the limit must
    // not flood the log.
    if (counters.lastLoggedMs >= 0 && nowMs - counters.lastLoggedMs < kMinuteMs)
        return;
    counters.lastLoggedMs = nowMs;
    qCWarning(lcAbuse, "rate limit: %s: %s; refusing with a temporary error", qPrintable(who),
              qPrintable(describe(verdict)));
}

void AbuseGuard::pruneIfLarge(qint64 nowMs)
{
    if (trackedCount() < kPruneThreshold)
        return;
    for (QHash<QString, Counters>* map : {&m_clients, &m_accounts}) {
        for (auto it = map->begin(); it != map->end();) {
            it->messages.prune(nowMs);
            it->recipients.prune(nowMs);
            if (it->messages.total(nowMs) == 0 && it->recipients.total(nowMs) == 0)
                it = map->erase(it);
            else
                ++it;
        }
    }
}

QString AbuseGuard::describe(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allowed:
        return QStringLiteral("allowed");
    case Verdict::ClientMessages:
        return QStringLiteral("too many messages per minute from this client");
    case Verdict::ClientRecipients:
        return QStringLiteral("too many recipients per hour from this client");
    case Verdict::AccountMessages:
        return QStringLiteral("too many messages per minute for this account");
    case Verdict::AccountRecipients:
        return QStringLiteral("too many recipients per hour for this account");
    case Verdict::AccountSessions:
        return QStringLiteral("too many concurrent sessions for this account");
    }
    return {};
}

} // namespace RelayDesk::Auth
