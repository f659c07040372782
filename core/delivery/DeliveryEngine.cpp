#include "DeliveryEngine.h"

#include "MxDeliveryPlanner.h"
#include "queue/DestinationScheduler.h"
#include "store/StoreWorker.h"

#include <QLoggingCategory>
#include <QPointer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcEngine, "relaydesk.delivery")

namespace RelayDesk::Delivery {

using Smtp::ClientDisposition;
using Smtp::ClientMessageResult;
using Smtp::ClientReply;
using Store::AttemptOutcome;
using Store::DeliveryJob;
using Store::RecipientState;

namespace {

/// Whether two settings of a smarthost reach it the same way.
bool sameConnection(const SmarthostSettings& a, const SmarthostSettings& b)
{
    return a.host == b.host && a.port == b.port && a.tls == b.tls && a.verifyPeer == b.verifyPeer &&
           a.caFile == b.caFile && a.username == b.username && a.password == b.password &&
           a.heloName == b.heloName && a.fallbacks == b.fallbacks;
}
constexpr int storeRetryMs = 1000; ///< after a failed claim or record
// While other deliveries are still running, outcomes wait up to this long
// (or until there are recordBatchOutcomes of them) before they are recorded:
// each record is one transaction whose cost is mostly per page written, not
// per row, and a busy engine finishes a message every fraction of a
// millisecond. Measured (relaydeskd under callgrind, 2000 x 1 KiB into
// smtp-sink, 4 connections): 559 records without the wait, 166 with it.
constexpr int recordLingerMs = 10;
constexpr int recordBatchOutcomes = 100;
constexpr qint64 maxTimerMs = 60 * 60 * 1000; ///< re-check at least hourly (clock jumps)
const QString defaultName = QStringLiteral("default");

} // namespace

DeliveryEngine::DeliveryEngine(Store::StoreWorker* store, const Queue::Clock* clock,
                               QObject* parent, Queue::RandomSource* random)
    : QObject(parent), m_store(store), m_clock(clock),
      m_scheduler(std::make_unique<Queue::DestinationScheduler>(random))
{
    Queue::DestinationLimits mxLimits;
    mxLimits.maxConnections = m_mx.maxConnectionsPerDomain;
    m_scheduler->setDefaultLimits(mxLimits);

    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, [this] {
        m_dueTarget = {};
        m_moreDue = true;
        claim();
    });
    m_waitTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, [this] {
        pumpAll();
        flushOutcomes();
        claim();
        armWaitTimer();
        checkDrained();
    });
    m_recordTimer.setSingleShot(true);
    connect(&m_recordTimer, &QTimer::timeout, this, [this] { flushOutcomes(true); });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        flushOutcomes(true);
        claim();
        pumpAll();
    });
}

DeliveryEngine::~DeliveryEngine()
{
    stop();
    m_pools.clear();
}

void DeliveryEngine::setSmarthost(const SmarthostSettings& settings)
{
    m_smarthosts.insert(defaultName, settings);
    applySmarthostLimits();
    wake();
}

void DeliveryEngine::setSmarthosts(const QHash<QString, SmarthostSettings>& smarthosts)
{
    const QHash<QString, SmarthostSettings> previous = m_smarthosts;
    m_smarthosts.clear();
    for (auto it = smarthosts.begin(); it != smarthosts.end(); ++it) {
        const QString name = DestinationRouter::smarthostName(it.key());
        m_smarthosts.insert(name, it.value());
        // Changed settings (the admin fixed a port or a password) end a
        // pause the old ones caused: queued mail tries them at once.
        const auto old = previous.constFind(name);
        if (old != previous.constEnd() && !sameConnection(*old, it.value()))
            m_scheduler->resume(Queue::DestinationScheduler::smarthostKey(name));
    }
    applySmarthostLimits();
    wake();
}

void DeliveryEngine::applySmarthostLimits()
{
    for (auto it = m_smarthosts.cbegin(); it != m_smarthosts.cend(); ++it) {
        Queue::DestinationLimits limits;
        limits.maxConnections = std::max(1, it->maxConnections);
        limits.messagesPerMinute = it->messagesPerMinute;
        limits.recipientsPerDay = it->recipientsPerDay;
        limits.backoff = m_backoff;
        m_scheduler->setLimits(Queue::DestinationScheduler::smarthostKey(it.key()), limits);
    }
    // New settings deserve a fresh try: the pools forget which hosts failed.
    for (auto& [id, entry] : m_pools) {
        if (!entry.smarthost.isEmpty())
            configureSmarthostPool(entry);
    }
}

void DeliveryEngine::setRoutes(const RouteTable& routes)
{
    m_router.setRoutes(routes);
    m_routesSet = true;
    wake();
}

void DeliveryEngine::setMxSettings(const MxDeliverySettings& settings)
{
    m_mx = settings;
    Queue::DestinationLimits limits = m_scheduler->defaultLimits();
    limits.maxConnections = std::max(1, settings.maxConnectionsPerDomain);
    limits.backoff = m_backoff;
    m_scheduler->setDefaultLimits(limits);
    if (m_planner)
        m_planner->setSettings(settings);
}

void DeliveryEngine::setMxPort(quint16 port)
{
    MxDeliverySettings s = m_mx;
    s.port = port;
    setMxSettings(s);
}

void DeliveryEngine::setHostname(const QString& hostname)
{
    m_router.setHostname(hostname);
}

void DeliveryEngine::setRetryPolicy(const Queue::RetryPolicy& policy)
{
    m_schedule = Queue::RetrySchedule(policy);
}

void DeliveryEngine::setClaimBatchSize(int recipients)
{
    m_batchSize = std::max(1, recipients);
}

void DeliveryEngine::setReconnectDelay(int ms)
{
    m_backoff.initialSeconds = std::max(1, ms / 1000);
    m_backoff.maxSeconds = std::max(m_backoff.maxSeconds, m_backoff.initialSeconds);
    applySmarthostLimits();
    setMxSettings(m_mx);
}

void DeliveryEngine::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = std::max(0, ms);
    for (auto& [id, entry] : m_pools)
        entry.pool->setIdleTimeout(m_idleTimeoutMs);
}

void DeliveryEngine::setMaxWaitingRecipients(int recipients)
{
    m_maxWaiting = std::max(1, recipients);
    for (auto& [id, entry] : m_pools)
        entry.pool->setMaxWaitingRecipients(m_maxWaiting);
}

MxDeliveryPlanner* DeliveryEngine::planner()
{
    if (!m_planner) {
        m_planner = new MxDeliveryPlanner(m_clock, this);
        m_planner->setSettings(m_mx);
    }
    return m_planner;
}

QVector<Queue::DestinationSnapshot> DeliveryEngine::destinations() const
{
    return m_scheduler->snapshots(m_clock->now());
}

void DeliveryEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_moreDue = true;
    scheduleClaim();
}

void DeliveryEngine::stop()
{
    if (!m_running && m_connections == 0)
        return;
    m_running = false;
    m_dueTimer.stop();
    m_waitTimer.stop();
    m_retryTimer.stop();
    m_recordTimer.stop();
    for (auto& [id, entry] : m_pools)
        entry.pool->stop(); // queued jobs stay InFlight in the store: requeued at its next start
    const bool hadConnections = m_connections > 0;
    m_connections = 0;
    flushOutcomes(true); // what is known is still worth recording
    if (hadConnections)
        emit activeConnectionsChanged(0);
}

void DeliveryEngine::wake()
{
    if (!m_running)
        return;
    m_moreDue = true;
    if (m_claimInFlight)
        m_wokenDuringClaim = true;
    scheduleClaim();
}

void DeliveryEngine::scheduleClaim()
{
    if (m_claimScheduled)
        return;
    m_claimScheduled = true;
    // Coalesces a burst of wake() calls (one per committed message) into
    // one claim from the event loop. The clock may have moved too: waiting
    // destinations look again.
    QTimer::singleShot(0, this, [this] {
        m_claimScheduled = false;
        pumpAll();
        flushOutcomes();
        claim();
        armWaitTimer();
    });
}

bool DeliveryEngine::hasDestination() const
{
    if (m_routesSet)
        return true;
    const auto it = m_smarthosts.constFind(defaultName);
    return it != m_smarthosts.constEnd() && !it->host.isEmpty();
}

qsizetype DeliveryEngine::runnableJobs() const
{
    qsizetype jobs = 0;
    for (const auto& [id, entry] : m_pools)
        jobs += entry.pool->runnableJobs();
    return jobs;
}

void DeliveryEngine::claim()
{
    if (!m_running || m_claimInFlight || !m_moreDue || !hasDestination())
        return;
    // Keep about one batch ahead of the connections, no more: what sits in
    // the pools is InFlight in the store and invisible to everyone else.
    // Mail waiting for a rate window does not count, so that other
    // destinations keep getting theirs.
    if (runnableJobs() >= std::max(1, m_batchSize / 2))
        return;
    m_claimInFlight = true;
    m_wokenDuringClaim = false;
    m_store->claimDue(
        m_clock->now(), m_batchSize, this,
        [this](QVector<DeliveryJob> jobs, QString error) { onClaimed(std::move(jobs), error); });
}

void DeliveryEngine::onClaimed(QVector<DeliveryJob> jobs, const QString& error)
{
    m_claimInFlight = false;
    if (!m_running)
        return; // claimed envelopes stay InFlight until the store's next start
    if (!error.isEmpty()) {
        qCWarning(lcEngine).noquote() << "claiming due mail failed:" << error;
        emit storeErrorOccurred(error);
        m_retryTimer.start(storeRetryMs);
        return;
    }
    prunePools();
    // The batch size limits recipients (MessageStore::claimDue): a full
    // batch of them means more may be due.
    qsizetype recipients = 0;
    std::vector<DestinationPool*> touched;
    for (const DeliveryJob& job : std::as_const(jobs)) {
        recipients += job.recipients.size();
        for (DestinationJob& part : m_router.split(job)) {
            PoolEntry& entry = poolFor(part);
            entry.pool->enqueue(std::move(part));
            if (std::find(touched.begin(), touched.end(), entry.pool.get()) == touched.end())
                touched.push_back(entry.pool.get());
        }
    }
    m_moreDue = recipients >= m_batchSize || m_wokenDuringClaim;
    for (auto& [id, entry] : m_pools) {
        if (std::find(touched.begin(), touched.end(), entry.pool.get()) == touched.end())
            continue;
        resolveIfNeeded(entry);
        entry.pool->pump();
    }
    flushOutcomes();
    if (m_moreDue)
        claim();
    else
        queryNextDue();
    armWaitTimer();
    checkDrained();
}

DeliveryEngine::PoolEntry& DeliveryEngine::poolFor(const DestinationJob& job)
{
    const QString id = job.destination + QLatin1Char('\n') + job.heloName;
    auto it = m_pools.find(id);
    if (it != m_pools.end())
        return it->second;
    PoolEntry entry;
    DestinationPool::Owner* owner = this; // a private base: convertible here only
    entry.pool =
        std::make_unique<DestinationPool>(job.destination, owner, m_scheduler.get(), m_clock, this);
    entry.pool->setIdleTimeout(m_idleTimeoutMs);
    entry.pool->setMaxWaitingRecipients(m_maxWaiting);
    entry.smarthost = job.smarthost;
    entry.domain = job.domain;
    entry.heloName = job.heloName;
    if (!entry.smarthost.isEmpty())
        configureSmarthostPool(entry);
    return m_pools.emplace(id, std::move(entry)).first->second;
}

void DeliveryEngine::configureSmarthostPool(PoolEntry& entry)
{
    const auto primary = m_smarthosts.constFind(entry.smarthost);
    if (primary == m_smarthosts.constEnd() || primary->host.isEmpty()) {
        entry.pool->setUnavailable(
            ClientReply::makeLocal(
                451, QStringLiteral("4.3.5"),
                QStringLiteral("no smarthost %1 is configured").arg(entry.smarthost),
                ClientDisposition::Transient),
            Queue::DestinationScheduler::smarthostKey(entry.smarthost));
        return;
    }
    QVector<DestinationHost> hosts;
    const auto add = [&](const QString& name, const SmarthostSettings& settings) {
        DestinationHost host;
        host.key = Queue::DestinationScheduler::smarthostKey(name);
        host.settings = settings;
        if (!entry.heloName.isEmpty())
            host.settings.heloName = entry.heloName;
        hosts.append(std::move(host));
    };
    add(entry.smarthost, *primary);
    for (const QString& fallback : primary->fallbacks) {
        const QString name = DestinationRouter::smarthostName(fallback);
        const auto it = m_smarthosts.constFind(name);
        if (it == m_smarthosts.constEnd() || it->host.isEmpty() || name == entry.smarthost) {
            qCWarning(lcEngine).noquote()
                << "smarthost" << entry.smarthost << ": fallback" << name << "is not configured";
            continue;
        }
        add(name, *it);
    }
    entry.pool->setHosts(std::move(hosts));
}

void DeliveryEngine::resolveIfNeeded(PoolEntry& entry)
{
    if (entry.domain.isEmpty() && entry.smarthost.isEmpty()) {
        // An mx route for an address without a domain.
        entry.pool->setUnavailable(ClientReply::makeLocal(550, QStringLiteral("5.1.3"),
                                                          QStringLiteral("no domain to deliver to"),
                                                          ClientDisposition::Permanent),
                                   entry.pool->key());
        return;
    }
    if (entry.domain.isEmpty() || entry.pool->isResolving() || entry.pool->hasHosts(m_clock->now()))
        return;
    entry.pool->setResolving(true);
    QPointer<DestinationPool> pool = entry.pool.get();
    const QString helo = entry.heloName;
    planner()->plan(entry.domain, pool.data(), [this, pool, helo](const MxDeliveryPlan& plan) {
        if (!pool)
            return;
        pool->setResolving(false);
        MxDeliveryPlanner::apply(plan, m_mx, helo, m_clock->now(), *pool);
        if (!m_running)
            return;
        pool->pump();
        poolProgressed();
    });
}

void DeliveryEngine::pumpAll()
{
    if (!m_running)
        return;
    // A pool may report outcomes from pump(), never remove pools: iterating is safe.
    for (auto& [id, entry] : m_pools) {
        if (entry.pool->queuedJobs() == 0)
            continue;
        resolveIfNeeded(entry);
        entry.pool->pump();
    }
}

void DeliveryEngine::prunePools()
{
    // One-off MX domains must not pile up; smarthost pools are few and stay.
    for (auto it = m_pools.begin(); it != m_pools.end();) {
        const PoolEntry& entry = it->second;
        if (!entry.domain.isEmpty() && entry.pool->isIdle() && !entry.pool->isResolving())
            it = m_pools.erase(it);
        else
            ++it;
    }
    m_scheduler->prune(m_clock->now());
}

// DestinationPool::Owner

void DeliveryEngine::jobCompleted(const DestinationJob& job, const ClientMessageResult& result,
                                  const QString& upstream)
{
    addOutcomes(job, result.recipients, upstream, {}, false, result.transcript);
}

void DeliveryEngine::jobReturned(const DestinationJob& job, const ClientReply& reason,
                                 const QString& upstream, const QDateTime& notBefore, bool waiting)
{
    addOutcomes(job, QVector<ClientReply>(job.job.recipients.size(), reason), upstream, notBefore,
                waiting);
}

void DeliveryEngine::connectionsChanged(int delta)
{
    m_connections = std::max(0, m_connections + delta);
    emit activeConnectionsChanged(m_connections);
}

void DeliveryEngine::hostFailed(const QString& upstream, const QString& reason)
{
    emit connectionFailed(upstream, reason);
}

void DeliveryEngine::poolWaiting(const QString& key, const QDateTime& until, const QString& reason)
{
    qCInfo(lcEngine).noquote() << reason << "until" << until.toString(Qt::ISODate);
    emit destinationWaiting(key, until, reason);
}

void DeliveryEngine::poolProgressed()
{
    if (!m_running)
        return;
    flushOutcomes(); // it waits only if some delivery is running
    claim();
    armWaitTimer();
    checkDrained();
}

void DeliveryEngine::addOutcomes(const DestinationJob& job, const QVector<ClientReply>& replies,
                                 const QString& upstream, const QDateTime& notBefore, bool waiting,
                                 const QStringList& transcript)
{
    const QDateTime now = m_clock->now();
    const QString notes =
        job.notes.isEmpty() ? QString() : QLatin1Char('\n') + job.notes.join(QLatin1Char('\n'));
    for (qsizetype i = 0; i < job.job.recipients.size(); ++i) {
        const Store::RecipientJob& recipient = job.job.recipients.at(i);
        const ClientReply reply = i < replies.size() ? replies.at(i) : ClientReply{};
        AttemptOutcome outcome;
        outcome.messageId = job.job.messageId;
        outcome.recipientId = recipient.recipientId;
        outcome.attemptedAt = now;
        outcome.upstreamHost = upstream;
        outcome.replyCode = reply.code;
        outcome.enhancedStatus = reply.enhancedStatus;
        outcome.replyText = reply.text + notes;
        outcome.upstreamQueueId = reply.upstreamQueueId;
        outcome.transcript = transcript; // implicitly shared between the recipients
        switch (reply.disposition) {
        case ClientDisposition::Delivered:
            outcome.newState = RecipientState::Delivered;
            break;
        case ClientDisposition::Permanent:
            outcome.newState = RecipientState::Failed;
            break;
        case ClientDisposition::Transient:
            if (const auto next =
                    m_schedule.nextAttempt(recipient.attempts + 1, job.job.receivedAt, now)) {
                outcome.newState = RecipientState::Deferred;
                // Waiting for a rate window is no failure: back exactly when
                // the window opens. A failure keeps its retry delay, but not
                // before a paused destination resumes.
                outcome.nextAttempt = waiting ? std::max(notBefore, now) : *next;
                if (!waiting && notBefore.isValid() && notBefore > outcome.nextAttempt)
                    outcome.nextAttempt = notBefore;
            } else {
                outcome.newState = RecipientState::Failed;
                outcome.replyText += QStringLiteral(" (gave up: queued for longer than %1 h)")
                                         .arg(m_schedule.policy().maxAgeSeconds / 3600.0);
            }
            break;
        }
        m_outcomes.append(std::move(outcome));
    }
}

void DeliveryEngine::flushOutcomes(bool now)
{
    if (m_recordInFlight || m_outcomes.isEmpty())
        return;
    // Linger only while more outcomes are on their way; the last delivery
    // of a burst (or a lone message) is recorded at once.
    const bool moreComing = std::any_of(m_pools.begin(), m_pools.end(),
                                        [](const auto& p) { return p.second.pool->isBusy(); });
    if (!now && moreComing && m_outcomes.size() < recordBatchOutcomes) {
        if (!m_recordTimer.isActive())
            m_recordTimer.start(recordLingerMs);
        return;
    }
    m_recordTimer.stop();
    m_recordInFlight = true;
    QVector<AttemptOutcome> batch;
    batch.swap(m_outcomes);
    m_store->recordOutcomes(batch, this, [this, batch](bool ok, QString error) {
        m_recordInFlight = false;
        if (!ok) {
            // Keep them: a later record may succeed. If we are stopped or
            // killed first, the envelopes stay InFlight and are retried.
            qCWarning(lcEngine).noquote() << "recording delivery outcomes failed:" << error;
            m_outcomes = batch + m_outcomes;
            m_recordTimer.stop(); // the retry timer flushes them
            emit storeErrorOccurred(error);
            m_retryTimer.start(storeRetryMs);
            return;
        }
        QDateTime earliest;
        for (const AttemptOutcome& o : batch) {
            if (o.newState == RecipientState::Deferred &&
                (!earliest.isValid() || o.nextAttempt < earliest))
                earliest = o.nextAttempt;
        }
        if (earliest.isValid())
            armDueTimer(earliest);
        emit attemptsRecorded(batch);
        flushOutcomes();
        claim();
        checkDrained();
    });
}

void DeliveryEngine::queryNextDue()
{
    m_store->nextDue(this, [this](std::optional<QDateTime> due) {
        if (due && m_running)
            armDueTimer(*due);
    });
}

void DeliveryEngine::armDueTimer(const QDateTime& when)
{
    if (!m_running)
        return;
    if (m_dueTimer.isActive() && m_dueTarget.isValid() && m_dueTarget <= when)
        return;
    m_dueTarget = when;
    const qint64 ms = std::clamp<qint64>(m_clock->now().msecsTo(when), 0, maxTimerMs);
    m_dueTimer.start(int(ms));
}

void DeliveryEngine::armWaitTimer()
{
    if (!m_running)
        return;
    QDateTime earliest;
    for (const auto& [id, entry] : m_pools) {
        const QDateTime until = entry.pool->waitingUntil();
        if (until.isValid() && entry.pool->queuedJobs() > 0 &&
            (!earliest.isValid() || until < earliest))
            earliest = until;
    }
    if (!earliest.isValid()) {
        m_waitTimer.stop();
        return;
    }
    // At least 50 ms: a window that opens "now" by the clock but not yet by
    // the rate limiter's bucket rounding must not spin.
    const qint64 ms = std::clamp<qint64>(m_clock->now().msecsTo(earliest), 50, maxTimerMs);
    m_waitTimer.start(int(ms));
}

void DeliveryEngine::checkDrained()
{
    if (!m_outcomes.isEmpty() || m_recordInFlight || m_claimInFlight)
        return;
    for (const auto& [id, entry] : m_pools) {
        if (entry.pool->queuedJobs() > 0 || entry.pool->isBusy() || entry.pool->isResolving())
            return;
    }
    emit drained();
}

} // namespace RelayDesk::Delivery
