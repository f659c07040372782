#pragma once

#include "SmarthostSettings.h"
#include "queue/Clock.h"
#include "queue/RetrySchedule.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <vector>

namespace RelayDesk::Store {
class StoreWorker;
}
namespace RelayDesk::Smtp {
struct ClientMessageResult;
struct ClientReply;
} // namespace RelayDesk::Smtp

namespace RelayDesk::Delivery {

class SmtpClientConnection;

/// Moves due mail from the store to the smarthost. Lives on the core thread.
///
/// Claims due messages in batches (StoreWorker::claimDue), hands them to a
/// pool of up to SmarthostSettings::maxConnections connections that are
/// reused for several messages, and records every recipient's outcome
/// through StoreWorker::recordOutcomes. Outcomes accumulate while a record
/// is in flight, and for a few milliseconds while other deliveries are
/// still running, and go out together (group commit). 2xx -> Delivered; 4xx,
/// connection failures and timeouts -> Deferred per the RetrySchedule (or
/// Failed once expired); 5xx -> Failed.
///
/// When nothing is due it sleeps until StoreWorker::nextDue (one timer);
/// wake() brings it back early. After a connection could not be set up the
/// upstream counts as down for reconnectDelay: what is claimed meanwhile is
/// deferred with the same reason instead of reconnecting in a tight loop.
/// stop() drops everything in flight; claimed but unrecorded recipients stay
/// InFlight in the store, which requeues them at its next start
/// (at-least-once).
class DeliveryEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryEngine)

public:
    DeliveryEngine(Store::StoreWorker* store, const Queue::Clock* clock, QObject* parent = nullptr);
    ~DeliveryEngine() override;

    /// Takes effect for new connections; open ones finish their session.
    void setSmarthost(const SmarthostSettings& settings);
    void setRetryPolicy(const Queue::RetryPolicy& policy);
    /// Recipients per claim (MessageStore::claimDue); default 200.
    void setClaimBatchSize(int recipients);
    void setReconnectDelay(int ms); ///< pause after a failed connection; default 10 s
    void setIdleTimeout(int ms);    ///< an idle connection is closed after this; default 5 s

    void start();
    void stop();
    /// New mail was committed: look for due work soon. Cheap and coalesced,
    /// meant to be called after every commit.
    void wake();

    bool isRunning() const { return m_running; }
    int activeConnections() const { return int(m_slots.size()); }

signals:
    /// Outcomes that are now on stable storage, one per recipient attempt.
    void attemptsRecorded(const QVector<RelayDesk::Store::AttemptOutcome>& outcomes);
    void activeConnectionsChanged(int count);
    /// A connection could not be set up (refused, timeout, TLS, AUTH).
    void connectionFailed(const QString& upstream, const QString& reason);
    /// The store refused a claim or a record; the engine retries.
    void storeErrorOccurred(const QString& error);
    /// Nothing claimed is left to deliver or record.
    void drained();

private:
    struct Slot;

    void scheduleClaim();
    void claim();
    void onClaimed(QVector<Store::DeliveryJob> jobs, const QString& error);
    void dispatch();
    void openConnection();
    void sendNext(Slot& slot);
    void onReady(SmtpClientConnection* connection);
    void onMessageCompleted(SmtpClientConnection* connection,
                            const Smtp::ClientMessageResult& result);
    void onClosed(SmtpClientConnection* connection, bool failed, const Smtp::ClientReply& reason);
    void addOutcomes(const Store::DeliveryJob& job, const Smtp::ClientMessageResult& result,
                     const QString& upstream);
    void deferPending(const Smtp::ClientReply& reason);
    /// Records what has accumulated; unless `now`, waits a little while
    /// more outcomes are on their way.
    void flushOutcomes(bool now = false);
    void queryNextDue();
    void armDueTimer(const QDateTime& when);
    void checkDrained();
    Slot* slotFor(SmtpClientConnection* connection);

    Store::StoreWorker* m_store;
    const Queue::Clock* m_clock;
    SmarthostSettings m_smarthost;
    QString m_upstream; ///< "host:port"
    Queue::RetrySchedule m_schedule;
    int m_batchSize = 200;
    int m_reconnectDelayMs = 10 * 1000;
    int m_idleTimeoutMs = 5 * 1000;

    bool m_running = false;
    bool m_claimScheduled = false;
    bool m_claimInFlight = false;
    bool m_moreDue = false; ///< a claim may find work
    bool m_wokenDuringClaim = false;
    bool m_recordInFlight = false;

    std::deque<Store::DeliveryJob> m_pending; ///< claimed, not yet handed to a connection
    std::vector<std::unique_ptr<Slot>> m_slots;
    QVector<Store::AttemptOutcome> m_outcomes; ///< waiting for the next record
    QDeadlineTimer m_down{0};                  ///< the upstream counts as down until this expires
    std::unique_ptr<Smtp::ClientReply> m_downReason;
    QTimer m_dueTimer;
    QDateTime m_dueTarget;
    QTimer m_retryTimer;  ///< store errors and the end of a down period
    QTimer m_recordTimer; ///< ends the wait for more outcomes
};

} // namespace RelayDesk::Delivery
