#include "DestinationPool.h"

#include "MtaStsEnforcement.h"
#include "SmtpClientConnection.h"
#include "bounce/DsnParameters.h"
#include "queue/Clock.h"
#include "queue/DestinationScheduler.h"

#include <QLoggingCategory>
#include <algorithm>

Q_LOGGING_CATEGORY(lcPool, "relaydesk.delivery.pool")

namespace RelayDesk::Delivery {

using Queue::DestinationFailure;
using Smtp::ClientDisposition;
using Smtp::ClientMessageResult;
using Smtp::ClientReply;

namespace {

/// A 4xx that names a rate or connection limit (Microsoft 365 "4.7.0 ...
/// too many", Google "4.7.28 ... rate limited", Postfix "rate limit
/// exceeded"), as opposed to one about a mailbox (greylisting, full).
bool isThrottle(const ClientReply& reply)
{
    if (reply.disposition != ClientDisposition::Transient || reply.code < 400 || reply.code >= 500)
        return false;
    static const char* const phrases[] = {"too many",       "rate limit",       "throttl",
                                          "limit exceeded", "sending too fast", "slow down"};
    for (const char* phrase : phrases) {
        if (reply.text.contains(QLatin1String(phrase), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

/// One connection of the pool, the host it goes to and the job under way.
struct DestinationPool::Slot
{
    SmtpClientConnection* connection = nullptr;
    int host = -1;
    int generation = 0; ///< of m_hosts when opened; host is stale otherwise
    QString key;        ///< the host's scheduler key
    bool busy = false;
    bool closing = false; ///< QUIT sent: takes no more work
    int sent = 0;
    int maxMessages = 100;
    DestinationJob job;
    QStringList notes; ///< MTA-STS reports for every message of this session
    QTimer idleTimer;
};

DestinationPool::DestinationPool(QString key, Owner* owner, Queue::DestinationScheduler* scheduler,
                                 const Queue::Clock* clock, QObject* parent)
    : QObject(parent), m_key(std::move(key)), m_owner(owner), m_scheduler(scheduler), m_clock(clock)
{}

DestinationPool::~DestinationPool()
{
    stop();
}

void DestinationPool::setHosts(QVector<DestinationHost> hosts, const QDateTime& validUntil)
{
    m_hosts = std::move(hosts);
    m_hostFailedUntil = QVector<QDateTime>(m_hosts.size());
    m_hostsValidUntil = validUntil;
    m_hostsKnown = true;
    m_unavailable.reset();
    m_refusals.clear();
    ++m_generation;
}

void DestinationPool::setUnavailable(const ClientReply& reason, const QString& upstream,
                                     const QDateTime& validUntil)
{
    m_hosts.clear();
    m_hostFailedUntil.clear();
    m_hostsValidUntil = validUntil;
    m_hostsKnown = true;
    m_unavailable = reason;
    m_unavailableUpstream = upstream;
    ++m_generation;
}

bool DestinationPool::hasHosts(const QDateTime& now) const
{
    return m_hostsKnown && (!m_hostsValidUntil.isValid() || now < m_hostsValidUntil);
}

QString DestinationPool::primaryKey() const
{
    return m_hosts.isEmpty() ? m_key : m_hosts.first().key;
}

bool DestinationPool::isBusy() const
{
    return std::any_of(m_slots.begin(), m_slots.end(), [](const auto& s) { return s->busy; });
}

void DestinationPool::enqueue(DestinationJob job)
{
    // A job with more recipients than a recipient limit allows could never
    // pass it: split it into transactions that can.
    const int batch = m_scheduler->limits(m_key).recipientBatchLimit();
    if (batch > 0 && job.recipientCount() > batch) {
        const QVector<Store::RecipientJob> all = job.job.recipients;
        for (qsizetype i = 0; i < all.size(); i += batch) {
            DestinationJob part = job;
            part.job.recipients = all.mid(i, batch);
            m_queue.push_back(std::move(part));
        }
        return;
    }
    m_queue.push_back(std::move(job));
}

void DestinationPool::stop()
{
    for (auto& slot : m_slots) {
        slot->connection->disconnect(this);
        slot->connection->abort();
        slot->connection->deleteLater();
        m_scheduler->connectionClosed(slot->key);
    }
    m_slots.clear();
    m_queue.clear(); // still InFlight in the store: requeued at its next start
}

bool DestinationPool::isPaused(const QString& key, const QDateTime& now) const
{
    return m_scheduler->snapshot(key, now).state == Queue::DestinationState::Paused;
}

int DestinationPool::pickHost(const QDateTime& now) const
{
    for (int i = 0; i < m_hosts.size(); ++i) {
        const QDateTime& failed = m_hostFailedUntil.at(i);
        if (failed.isValid() && now < failed)
            continue;
        if (isPaused(m_hosts.at(i).key, now))
            continue;
        return i;
    }
    return -1;
}

void DestinationPool::pump()
{
    const QDateTime now = m_clock->now();
    if (m_queue.empty()) {
        m_waitingUntil = {};
        return;
    }
    if (!hasHosts(now))
        return; // the engine resolves (MX) and calls pump() again
    if (m_unavailable) {
        m_waitingUntil = {};
        returnAll(*m_unavailable, m_unavailableUpstream, {});
        return;
    }

    // Work for the sessions that are up and idle, as far as the rate
    // windows of their hosts allow.
    // By index: a message refused unsent completes inside sendNext(), and
    // what that triggers may open connections (m_slots grows).
    for (size_t i = 0; i < m_slots.size() && !m_queue.empty(); ++i) {
        Slot& slot = *m_slots[i];
        if (slot.busy || slot.closing || !slot.connection->isEstablished() ||
            !slot.connection->isIdle())
            continue;
        if (m_scheduler->canSendMessage(slot.key, now, m_queue.front().recipientCount()))
            sendNext(slot, now);
    }
    if (m_queue.empty()) {
        m_waitingUntil = {};
        return;
    }

    // Connections for what no existing one will take soon.
    qsizetype starting = 0;
    for (const auto& slot : m_slots) {
        if (!slot->closing && !slot->connection->isEstablished())
            ++starting;
    }
    qsizetype wanted = qsizetype(m_queue.size()) - starting;
    while (wanted > 0) {
        const int host = pickHost(now);
        if (host < 0 || !m_scheduler->canOpenConnection(m_hosts.at(host).key, now))
            break;
        openConnection(host, now);
        --wanted;
    }

    const bool working = std::any_of(m_slots.begin(), m_slots.end(), [](const auto& s) {
        return s->busy || (!s->closing && !s->connection->isEstablished());
    });
    if (!working && pickHost(now) < 0 && !throttled(now)) {
        // Every host failed or is paused: defer what is queued, no sooner
        // than the first pause ends. (A destination that only asked us to
        // slow down keeps its mail here, like a rate limit.)
        QDateTime resume;
        for (const DestinationHost& h : std::as_const(m_hosts)) {
            const QDateTime until = m_scheduler->snapshot(h.key, now).pausedUntil;
            if (until.isValid() && (!resume.isValid() || until < resume))
                resume = until;
        }
        ClientReply reason;
        QString upstream = m_lastFailureUpstream;
        if (m_lastFailure) {
            reason = *m_lastFailure;
        } else {
            reason = ClientReply::makeLocal(
                0, QString(),
                m_hosts.isEmpty()
                    ? QStringLiteral("no host to deliver to for %1").arg(m_key)
                    : QStringLiteral("%1 is paused after earlier failures").arg(m_key));
            upstream = m_key;
        }
        reason.disposition = ClientDisposition::Transient;
        m_waitingUntil = {};
        returnAll(reason, upstream, resume);
        return;
    }
    updateWaiting(now);
}

bool DestinationPool::throttled(const QDateTime& now) const
{
    if (m_hosts.isEmpty())
        return false;
    const Queue::DestinationSnapshot s = m_scheduler->snapshot(primaryKey(), now);
    return s.state == Queue::DestinationState::Paused &&
           s.lastFailure == DestinationFailure::Throttled;
}

void DestinationPool::updateWaiting(const QDateTime& now)
{
    // Waiting means: jobs are queued, nothing is starting or working, and
    // the rate windows (or a pause) keep them here.
    const bool working = std::any_of(m_slots.begin(), m_slots.end(), [](const auto& s) {
        return s->busy || (!s->closing && !s->connection->isEstablished());
    });
    if (m_queue.empty() || working) {
        m_waitingUntil = {};
        return;
    }
    const QString key = primaryKey();
    const int recipients = m_queue.front().recipientCount();
    QDateTime until = m_scheduler->nextEligibleTime(key, now, recipients);
    if (until <= now) {
        // Eligible, yet nothing started: the connection limit is reached by
        // sessions that are closing. Their close pumps again.
        m_waitingUntil = {};
        return;
    }
    const bool wasWaiting = m_waitingUntil.isValid();
    m_waitingUntil = until;
    const QString why = waitingReason(key, now);
    spill(now, why);
    if (!wasWaiting)
        m_owner->poolWaiting(m_key, until, why);
}

QString DestinationPool::waitingReason(const QString& key, const QDateTime& now) const
{
    const Queue::DestinationSnapshot s = m_scheduler->snapshot(key, now);
    if (s.state == Queue::DestinationState::Paused)
        return QStringLiteral("waiting: %1 is paused until %2 after: %3")
            .arg(key, s.pausedUntil.toString(Qt::ISODate), s.lastError);
    const Queue::DestinationLimits& l = s.limits;
    QStringList limits;
    if (l.messagesPerMinute > 0 && s.usage.messagesLastMinute >= l.messagesPerMinute)
        limits << QStringLiteral("%1/min").arg(l.messagesPerMinute);
    if (l.recipientsPerMinute > 0 && s.usage.recipientsLastMinute >= l.recipientsPerMinute)
        limits << QStringLiteral("%1 recipients/min").arg(l.recipientsPerMinute);
    if (l.messagesPerDay > 0 && s.usage.messagesLast24Hours >= l.messagesPerDay)
        limits << QStringLiteral("%1/day").arg(l.messagesPerDay);
    if (l.recipientsPerDay > 0 && s.usage.recipientsLast24Hours >= l.recipientsPerDay)
        limits << QStringLiteral("%1 recipients/day").arg(l.recipientsPerDay);
    if (limits.isEmpty())
        limits << QStringLiteral("window full");
    return QStringLiteral("waiting: rate limit %1 of %2")
        .arg(limits.join(QStringLiteral(", ")), key);
}

void DestinationPool::spill(const QDateTime& now, const QString& why)
{
    qsizetype recipients = 0;
    for (const DestinationJob& job : m_queue)
        recipients += job.recipientCount();
    if (recipients <= m_maxWaiting)
        return;
    // The store takes the excess back until about when its turn comes, so
    // that mail for other destinations behind it keeps being claimed.
    const Queue::DestinationLimits limits = m_scheduler->limits(primaryKey());
    const double perSecond = limits.messagesPerMinute > 0 ? limits.messagesPerMinute / 60.0 : 0.0;
    const ClientReply reason = ClientReply::makeLocal(0, QString(), why);
    const QDateTime base = m_waitingUntil.isValid() ? m_waitingUntil : now;
    qsizetype kept = 0;
    std::deque<DestinationJob> keep;
    qsizetype position = 0;
    while (!m_queue.empty()) {
        DestinationJob job = std::move(m_queue.front());
        m_queue.pop_front();
        if (kept + job.recipientCount() <= m_maxWaiting || keep.empty()) {
            kept += job.recipientCount();
            keep.push_back(std::move(job));
        } else {
            const qint64 delay = perSecond > 0 ? qint64(double(position) / perSecond) : 0;
            m_owner->jobReturned(job, reason, m_key, base.addSecs(delay), true);
        }
        ++position;
    }
    m_queue = std::move(keep);
}

void DestinationPool::returnAll(const ClientReply& reason, const QString& upstream,
                                const QDateTime& notBefore)
{
    std::deque<DestinationJob> jobs;
    jobs.swap(m_queue);
    for (const DestinationJob& job : jobs)
        m_owner->jobReturned(job, reason, upstream, notBefore, false);
}

void DestinationPool::openConnection(int host, const QDateTime& now)
{
    const DestinationHost& target = m_hosts.at(host);
    auto slot = std::make_unique<Slot>();
    auto* connection = new SmtpClientConnection(target.settings, this);
    if (!target.address.isNull())
        connection->setConnectAddress(target.address);
    slot->connection = connection;
    slot->host = host;
    slot->generation = m_generation;
    slot->key = target.key;
    slot->maxMessages = std::max(1, target.settings.maxMessagesPerConnection);
    slot->idleTimer.setSingleShot(true);
    connect(&slot->idleTimer, &QTimer::timeout, this, [this, connection] {
        if (Slot* s = slotFor(connection); s && !s->busy) {
            s->closing = true;
            connection->quit();
        }
    });
    connect(connection, &SmtpClientConnection::ready, this,
            [this, connection] { onReady(connection); });
    connect(connection, &SmtpClientConnection::messageCompleted, this,
            [this, connection](const ClientMessageResult& result) {
                onMessageCompleted(connection, result);
            });
    connect(connection, &SmtpClientConnection::closed, this,
            [this, connection](bool failed, const ClientReply& reason) {
                onClosed(connection, failed, reason);
            });
    m_scheduler->connectionOpened(target.key);
    m_slots.push_back(std::move(slot));
    Q_UNUSED(now);
    m_owner->connectionsChanged(+1);
    connection->open();
}

DestinationPool::Slot* DestinationPool::slotFor(SmtpClientConnection* connection)
{
    for (auto& slot : m_slots) {
        if (slot->connection == connection)
            return slot.get();
    }
    return nullptr;
}

void DestinationPool::sendNext(Slot& slot, const QDateTime& now)
{
    slot.idleTimer.stop();
    slot.busy = true;
    slot.job = std::move(m_queue.front());
    m_queue.pop_front();
    m_scheduler->messageSent(slot.key, now, slot.job.recipientCount());
    Smtp::ClientMessage message;
    message.sender = slot.job.job.sender;
    message.content = slot.job.job.content;
    message.mailParameters = Bounce::DsnParameters::formatMailParameters(slot.job.job.dsn);
    message.recipients.reserve(slot.job.job.recipients.size());
    message.rcptParameters.reserve(slot.job.job.recipients.size());
    for (const auto& r : std::as_const(slot.job.job.recipients)) {
        message.recipients.append(r.address);
        message.rcptParameters.append(Bounce::DsnParameters::formatRcptParameters(r.dsn));
    }
    SmtpClientConnection* connection = slot.connection;
    if (!connection->send(message)) {
        // Not idle after all (cannot happen while busy is tracked): put it back.
        if (Slot* s = slotFor(connection); s && s->busy) {
            m_queue.push_front(std::move(s->job));
            s->busy = false;
        }
    }
}

void DestinationPool::onReady(SmtpClientConnection* connection)
{
    Slot* slot = slotFor(connection);
    if (!slot)
        return;
    const QDateTime now = m_clock->now();
    if (slot->generation == m_generation && slot->host >= 0 && slot->host < m_hosts.size()) {
        const DestinationHost& host = m_hosts.at(slot->host);
        if (host.mtaSts) {
            const auto decision =
                MtaStsEnforcement::checkTls(host.mtaSts, host.domain, host.settings.host,
                                            connection->isEncrypted(), connection->tlsErrors());
            if (!decision.proceeds()) {
                // Not this host: the next one may satisfy the policy.
                slot->closing = true;
                m_refusals.append(decision.text);
                const ClientReply reason = ClientReply::makeLocal(
                    451, QStringLiteral("4.7.5"),
                    MtaStsEnforcement::deferralText(host.domain, m_refusals));
                hostFailed(slot->host, reason, connection->upstream(), false);
                connection->quit();
                return;
            }
            if (decision.verdict == MtaStsEnforcement::Verdict::ProceedAndReport)
                slot->notes.append(decision.text);
        }
    }
    m_scheduler->recordSuccess(slot->key, now);
    m_lastFailure.reset();
    if (!m_queue.empty() &&
        m_scheduler->canSendMessage(slot->key, now, m_queue.front().recipientCount()))
        sendNext(*slot, now);
    else
        slot->idleTimer.start(m_idleTimeoutMs);
    pump();
    m_owner->poolProgressed();
}

void DestinationPool::onMessageCompleted(SmtpClientConnection* connection,
                                         const ClientMessageResult& result)
{
    Slot* slot = slotFor(connection);
    if (!slot || !slot->busy)
        return;
    const QDateTime now = m_clock->now();
    slot->busy = false;
    ++slot->sent;
    DestinationJob job = std::move(slot->job);
    slot->job = DestinationJob{};
    job.notes += slot->notes;
    if (std::any_of(result.recipients.begin(), result.recipients.end(), [](const ClientReply& r) {
            return r.disposition == ClientDisposition::Delivered;
        })) {
        m_scheduler->recordSuccess(slot->key, now);
    } else if (!result.recipients.isEmpty() &&
               std::all_of(result.recipients.begin(), result.recipients.end(), isThrottle)) {
        // The upstream says we send too fast: pause the destination rather
        // than collect the same 4xx for everything queued behind.
        m_scheduler->recordFailure(slot->key, DestinationFailure::Throttled, now,
                                   result.recipients.constFirst().toString());
    }
    m_owner->jobCompleted(job, result, connection->upstream());

    if (!slot->closing && connection->isIdle()) {
        if (slot->sent >= slot->maxMessages) {
            slot->closing = true;
            connection->quit(); // a fresh connection picks up the rest
        } else if (!m_queue.empty() &&
                   m_scheduler->canSendMessage(slot->key, now, m_queue.front().recipientCount())) {
            sendNext(*slot, now);
        } else {
            slot->idleTimer.start(m_idleTimeoutMs);
        }
    }
    pump();
    m_owner->poolProgressed();
}

void DestinationPool::hostFailed(int host, const ClientReply& reason, const QString& upstream,
                                 bool mayPause)
{
    const QDateTime now = m_clock->now();
    m_lastFailure = reason;
    m_lastFailure->disposition = ClientDisposition::Transient;
    m_lastFailureUpstream = upstream;
    if (host < 0 || host >= m_hosts.size())
        return;
    const QString key = m_hosts.at(host).key;
    const Queue::BackoffSettings backoff = m_scheduler->limits(key).backoff;
    m_hostFailedUntil[host] = now.addSecs(std::max(1, backoff.initialSeconds));
    // Hosts that share the key (the MX hosts of one domain) fail over among
    // themselves first; the destination is paused once none is left.
    bool sameKeyLeft = false;
    for (int i = 0; i < m_hosts.size(); ++i) {
        const QDateTime& failed = m_hostFailedUntil.at(i);
        if (m_hosts.at(i).key == key && (!failed.isValid() || now >= failed))
            sameKeyLeft = true;
    }
    if (!mayPause || sameKeyLeft)
        return;
    const DestinationFailure kind = reason.code >= 400 && reason.code < 500
                                        ? DestinationFailure::GreetingRejected
                                        : DestinationFailure::ConnectFailed;
    m_scheduler->recordFailure(key, kind, now, reason.toString());
    // From now on the destination's pause governs its hosts.
    for (int i = 0; i < m_hosts.size(); ++i) {
        if (m_hosts.at(i).key == key)
            m_hostFailedUntil[i] = {};
    }
}

void DestinationPool::onClosed(SmtpClientConnection* connection, bool failed,
                               const ClientReply& reason)
{
    const auto it = std::find_if(m_slots.begin(), m_slots.end(), [connection](const auto& s) {
        return s->connection == connection;
    });
    if (it == m_slots.end())
        return;
    const bool established = connection->isEstablished();
    const QString upstream = connection->upstream();
    const int host = (*it)->generation == m_generation ? (*it)->host : -1;
    const QString key = (*it)->key;
    if ((*it)->busy) // the protocol settles the message first; kept as a safety net
        m_queue.push_front(std::move((*it)->job));
    m_slots.erase(it);
    connection->disconnect(this);
    connection->deleteLater();
    m_scheduler->connectionClosed(key);
    m_owner->connectionsChanged(-1);

    if (failed && !established) {
        qCWarning(lcPool).noquote()
            << "cannot deliver to" << upstream << "for" << m_key << ":" << reason.toString();
        m_owner->hostFailed(upstream, reason.toString());
        hostFailed(host, reason, upstream, true);
    } else if (failed && reason.code == 421) {
        // The upstream shut us out in the middle of a session.
        m_scheduler->recordFailure(key, DestinationFailure::ServiceClosing, m_clock->now(),
                                   reason.toString());
        m_lastFailure = reason;
        m_lastFailure->disposition = ClientDisposition::Transient;
        m_lastFailureUpstream = upstream;
    }
    pump();
    m_owner->poolProgressed();
}

} // namespace RelayDesk::Delivery
