#include "DeliveryEngine.h"

#include "SmtpClientConnection.h"
#include "store/StoreWorker.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEngine, "relaydesk.delivery")

namespace RelayDesk::Delivery {

using Smtp::ClientDisposition;
using Smtp::ClientMessageResult;
using Smtp::ClientReply;
using Store::AttemptOutcome;
using Store::DeliveryJob;
using Store::RecipientState;

namespace {
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
} // namespace

/// One connection of the pool and the message it is working on.
struct DeliveryEngine::Slot
{
    SmtpClientConnection* connection = nullptr;
    bool busy = false;
    bool closing = false; ///< QUIT sent (limit reached or idle): takes no more work
    int sent = 0;
    DeliveryJob job;
    QTimer idleTimer;
};

DeliveryEngine::DeliveryEngine(Store::StoreWorker* store, const Queue::Clock* clock,
                               QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock)
{
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, [this] {
        m_dueTarget = {};
        m_moreDue = true;
        claim();
    });
    m_recordTimer.setSingleShot(true);
    connect(&m_recordTimer, &QTimer::timeout, this, [this] { flushOutcomes(true); });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        flushOutcomes(true);
        claim();
        dispatch();
    });
}

DeliveryEngine::~DeliveryEngine()
{
    stop();
}

void DeliveryEngine::setSmarthost(const SmarthostSettings& settings)
{
    m_smarthost = settings;
    m_upstream = settings.host + QLatin1Char(':') + QString::number(settings.port);
    m_down = QDeadlineTimer(0); // new settings deserve a fresh try
    wake();
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
    m_reconnectDelayMs = std::max(0, ms);
}

void DeliveryEngine::setIdleTimeout(int ms)
{
    m_idleTimeoutMs = std::max(0, ms);
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
    if (!m_running && m_slots.empty())
        return;
    m_running = false;
    m_dueTimer.stop();
    m_retryTimer.stop();
    m_recordTimer.stop();
    for (auto& slot : m_slots) {
        slot->connection->disconnect(this);
        slot->connection->abort();
        slot->connection->deleteLater();
    }
    const bool hadConnections = !m_slots.empty();
    m_slots.clear();
    m_pending.clear();   // still InFlight in the store: requeued at its next start
    flushOutcomes(true); // what is known is still worth recording
    if (hadConnections)
        emit activeConnectionsChanged(0);
}

void DeliveryEngine::wake()
{
    if (!m_running)
        return;
    m_moreDue = true;
    if (m_claimInFlight) {
        m_wokenDuringClaim = true;
        return;
    }
    scheduleClaim();
}

void DeliveryEngine::scheduleClaim()
{
    if (m_claimScheduled)
        return;
    m_claimScheduled = true;
    // Coalesces a burst of wake() calls (one per committed message) into
    // one claim from the event loop.
    QTimer::singleShot(0, this, [this] {
        m_claimScheduled = false;
        claim();
    });
}

void DeliveryEngine::claim()
{
    if (!m_running || m_claimInFlight || !m_moreDue || m_smarthost.host.isEmpty())
        return;
    // Keep about one batch ahead of the connections, no more: what sits in
    // m_pending is InFlight in the store and invisible to everyone else.
    if (qsizetype(m_pending.size()) >= std::max(1, m_batchSize / 2))
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
    // The batch size limits recipients (MessageStore::claimDue): a full
    // batch of them means more may be due.
    qsizetype recipients = 0;
    for (DeliveryJob& job : jobs) {
        recipients += job.recipients.size();
        m_pending.push_back(std::move(job));
    }
    m_moreDue = recipients >= m_batchSize || m_wokenDuringClaim;
    dispatch();
    if (m_moreDue)
        claim();
    else
        queryNextDue();
    checkDrained();
}

void DeliveryEngine::dispatch()
{
    if (!m_running)
        return;
    int starting = 0;
    bool anyReady = false;
    for (auto& slot : m_slots) {
        if (slot->closing)
            continue;
        if (!slot->connection->isEstablished()) {
            ++starting;
            continue;
        }
        anyReady = true;
        if (!slot->busy && !m_pending.empty() && slot->connection->isIdle())
            sendNext(*slot);
    }
    if (m_pending.empty())
        return;
    if (!m_down.hasExpired()) {
        // The upstream just failed: don't hammer it. Without a working
        // connection, what is claimed is deferred now with the same reason.
        if (!anyReady && starting == 0 && m_downReason)
            deferPending(*m_downReason);
        else if (!m_retryTimer.isActive())
            m_retryTimer.start(int(std::max<qint64>(1, m_down.remainingTime())));
        return;
    }
    // Open connections for what no existing one will take soon.
    qsizetype wanted = qsizetype(m_pending.size()) - starting;
    while (wanted > 0 && int(m_slots.size()) < std::max(1, m_smarthost.maxConnections)) {
        openConnection();
        --wanted;
    }
}

void DeliveryEngine::openConnection()
{
    auto slot = std::make_unique<Slot>();
    auto* connection = new SmtpClientConnection(m_smarthost, this);
    slot->connection = connection;
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
    m_slots.push_back(std::move(slot));
    emit activeConnectionsChanged(int(m_slots.size()));
    connection->open();
}

DeliveryEngine::Slot* DeliveryEngine::slotFor(SmtpClientConnection* connection)
{
    for (auto& slot : m_slots) {
        if (slot->connection == connection)
            return slot.get();
    }
    return nullptr;
}

void DeliveryEngine::sendNext(Slot& slot)
{
    slot.idleTimer.stop();
    slot.busy = true;
    slot.job = std::move(m_pending.front());
    m_pending.pop_front();
    Smtp::ClientMessage message;
    message.sender = slot.job.sender;
    message.content = slot.job.content;
    message.recipients.reserve(slot.job.recipients.size());
    for (const auto& r : std::as_const(slot.job.recipients))
        message.recipients.append(r.address);
    SmtpClientConnection* connection = slot.connection;
    if (!connection->send(message)) {
        // Not idle after all (cannot happen while busy is tracked): put it back.
        if (Slot* s = slotFor(connection); s && s->busy) {
            m_pending.push_front(std::move(s->job));
            s->busy = false;
        }
    }
}

void DeliveryEngine::onReady(SmtpClientConnection* connection)
{
    m_down = QDeadlineTimer(0);
    m_downReason.reset();
    if (Slot* slot = slotFor(connection); slot && !m_pending.empty())
        sendNext(*slot);
    else if (slot)
        slot->idleTimer.start(m_idleTimeoutMs);
    dispatch();
}

void DeliveryEngine::onMessageCompleted(SmtpClientConnection* connection,
                                        const ClientMessageResult& result)
{
    Slot* slot = slotFor(connection);
    if (!slot || !slot->busy)
        return;
    slot->busy = false;
    ++slot->sent;
    const DeliveryJob job = std::move(slot->job);
    slot->job = DeliveryJob{};
    addOutcomes(job, result, connection->upstream()); // its settings may predate setSmarthost()

    if (!slot->closing && connection->isIdle()) {
        if (slot->sent >= std::max(1, m_smarthost.maxMessagesPerConnection)) {
            slot->closing = true;
            connection->quit(); // a fresh connection picks up the rest
        } else if (!m_pending.empty()) {
            sendNext(*slot);
        } else {
            slot->idleTimer.start(m_idleTimeoutMs);
        }
    }
    dispatch();
    flushOutcomes(); // after dispatch: it waits only if some delivery is running
    claim();
    checkDrained();
}

void DeliveryEngine::onClosed(SmtpClientConnection* connection, bool failed,
                              const ClientReply& reason)
{
    const auto it = std::find_if(m_slots.begin(), m_slots.end(), [connection](const auto& s) {
        return s->connection == connection;
    });
    if (it == m_slots.end())
        return;
    const bool established = connection->isEstablished();
    if ((*it)->busy) // the protocol settles the message first; kept as a safety net
        m_pending.push_front(std::move((*it)->job));
    m_slots.erase(it);
    connection->disconnect(this);
    connection->deleteLater();
    emit activeConnectionsChanged(int(m_slots.size()));

    if (failed && !established) {
        qCWarning(lcEngine).noquote()
            << "cannot deliver to" << m_upstream << ":" << reason.toString();
        emit connectionFailed(m_upstream, reason.toString());
        m_down = QDeadlineTimer(m_reconnectDelayMs);
        m_downReason = std::make_unique<ClientReply>(reason);
        m_downReason->disposition = ClientDisposition::Transient;
    }
    dispatch();
    claim();
    checkDrained();
}

void DeliveryEngine::deferPending(const ClientReply& reason)
{
    Smtp::ClientMessageResult result;
    while (!m_pending.empty()) {
        const DeliveryJob job = std::move(m_pending.front());
        m_pending.pop_front();
        result.recipients = QVector<ClientReply>(job.recipients.size(), reason);
        addOutcomes(job, result, m_upstream);
    }
    flushOutcomes(true);
}

void DeliveryEngine::addOutcomes(const DeliveryJob& job, const ClientMessageResult& result,
                                 const QString& upstream)
{
    const QDateTime now = m_clock->now();
    for (qsizetype i = 0; i < job.recipients.size(); ++i) {
        const Store::RecipientJob& recipient = job.recipients.at(i);
        const ClientReply reply =
            i < result.recipients.size() ? result.recipients.at(i) : ClientReply{};
        AttemptOutcome outcome;
        outcome.messageId = job.messageId;
        outcome.recipientId = recipient.recipientId;
        outcome.attemptedAt = now;
        outcome.upstreamHost = upstream;
        outcome.replyCode = reply.code;
        outcome.enhancedStatus = reply.enhancedStatus;
        outcome.replyText = reply.text;
        outcome.upstreamQueueId = reply.upstreamQueueId;
        switch (reply.disposition) {
        case ClientDisposition::Delivered:
            outcome.newState = RecipientState::Delivered;
            break;
        case ClientDisposition::Permanent:
            outcome.newState = RecipientState::Failed;
            break;
        case ClientDisposition::Transient:
            if (const auto next =
                    m_schedule.nextAttempt(recipient.attempts + 1, job.receivedAt, now)) {
                outcome.newState = RecipientState::Deferred;
                outcome.nextAttempt = *next;
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
    const bool moreComing =
        std::any_of(m_slots.begin(), m_slots.end(), [](const auto& s) { return s->busy; });
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

void DeliveryEngine::checkDrained()
{
    if (m_pending.empty() && m_outcomes.isEmpty() && !m_recordInFlight && !m_claimInFlight &&
        std::none_of(m_slots.begin(), m_slots.end(), [](const auto& s) { return s->busy; }))
        emit drained();
}

} // namespace RelayDesk::Delivery
