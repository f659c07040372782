#pragma once

#include "DestinationPool.h"
#include "DestinationRouter.h"
#include "MxDeliverySettings.h"
#include "SmarthostSettings.h"
#include "queue/BackoffSettings.h"
#include "queue/Clock.h"
#include "queue/DestinationSnapshot.h"
#include "queue/RetrySchedule.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <map>
#include <memory>

namespace RelayDesk::Store {
class StoreWorker;
}
namespace RelayDesk::Queue {
class DestinationScheduler;
class RandomSource;
} // namespace RelayDesk::Queue

namespace RelayDesk::Delivery {

class MxDeliveryPlanner;

/// Moves due mail from the store to its destinations. Lives on the core
/// thread.
///
/// Claims due messages in batches (StoreWorker::claimDue), routes every
/// recipient (DestinationRouter over the RouteTable; without routes all
/// mail takes the default smarthost), and hands each (destination, route)
/// part to the DestinationPool of that destination: smarthost:NAME (the
/// smarthost and its fallbacks, tried in order) or mx:domain (the domain's
/// MX hosts from MxDeliveryPlanner, with MTA-STS). One
/// Queue::DestinationScheduler paces them all: connection limits, messages
/// per minute and recipients per day per destination, and a backoff pause
/// for a destination that failed as a whole, which holds up no other.
///
/// Every recipient's outcome is recorded through StoreWorker::recordOutcomes;
/// outcomes accumulate while a record is in flight, and for a few
/// milliseconds while other deliveries are still running, and go out
/// together (group commit). 2xx -> Delivered; 4xx, connection failures and
/// timeouts -> Deferred per the RetrySchedule (not before a paused
/// destination resumes), or Failed once expired; 5xx and permanent DNS
/// failures (NXDOMAIN, null MX) -> Failed. What a route's rewriting did, and
/// MTA-STS testing-mode findings, are appended to the reply text as lines
/// of their own ("route NAME: ...").
///
/// Mail that only waits for a rate window stays in memory (up to
/// setMaxWaitingRecipients per destination) and goes out when the window
/// opens; the excess is deferred in the store until about its turn, with a
/// reply text like "waiting: rate limit 30/min of smarthost:m365". The
/// store counts that as an attempt (it has no other way to postpone). A
/// destination paused because it said we send too fast (a 4xx naming a
/// rate limit) keeps its mail the same way; one paused because it is down
/// (connection refused, 421 greeting on every host) has its mail deferred
/// at once with the failure, not before the pause ends. drained() is not
/// emitted while mail waits in memory.
///
/// When nothing is due it sleeps until StoreWorker::nextDue (one timer);
/// wake() brings it back early (and re-checks waiting destinations against
/// the clock). stop() drops everything in flight; claimed but unrecorded
/// recipients stay InFlight in the store, which requeues them at its next
/// start (at-least-once).
class DeliveryEngine final : public QObject, private DestinationPool::Owner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryEngine)

public:
    /// `random` (optional) supplies the backoff jitter; tests pin it down.
    DeliveryEngine(Store::StoreWorker* store, const Queue::Clock* clock, QObject* parent = nullptr,
                   Queue::RandomSource* random = nullptr);
    ~DeliveryEngine() override;

    /// The default smarthost ([smarthost], named "default"). Takes effect
    /// for new connections; open ones finish their session.
    void setSmarthost(const SmarthostSettings& settings);
    /// Every smarthost by name; "" or "default" is the default one. Replaces
    /// the previous set (including the default).
    void setSmarthosts(const QHash<QString, SmarthostSettings>& smarthosts);
    /// Routes apply from the next claim on (queued mail is routed again at
    /// its next attempt). Without a call everything takes the default smarthost.
    void setRoutes(const RouteTable& routes);
    void setMxSettings(const MxDeliverySettings& settings);
    void setMxPort(quint16 port); ///< shorthand for MxDeliverySettings::port; default 25
    /// Our host name: right side of Message-IDs added by header rewriting.
    void setHostname(const QString& hostname);
    void setRetryPolicy(const Queue::RetryPolicy& policy);
    /// Recipients per claim (MessageStore::claimDue); default 200.
    void setClaimBatchSize(int recipients);
    /// First pause of a destination after it failed (doubling from there,
    /// see Queue::BackoffSettings); default 30 s.
    void setReconnectDelay(int ms);
    void setIdleTimeout(int ms); ///< an idle connection is closed after this; default 5 s
    /// Recipients kept in memory per rate-limited destination; default 1000.
    void setMaxWaitingRecipients(int recipients);

    void start();
    void stop();
    /// New mail was committed, or the clock moved: look for due work soon.
    /// Cheap and coalesced, meant to be called after every commit.
    void wake();

    bool isRunning() const { return m_running; }
    int activeConnections() const { return m_connections; }
    /// Every destination's state (rate usage, pause, connections) for the GUI.
    QVector<Queue::DestinationSnapshot> destinations() const;

signals:
    /// Outcomes that are now on stable storage, one per recipient attempt.
    void attemptsRecorded(const QVector<RelayDesk::Store::AttemptOutcome>& outcomes);
    void activeConnectionsChanged(int count);
    /// A connection could not be set up (refused, timeout, TLS, AUTH, 4xx
    /// greeting); the next host of the destination is tried, if any.
    void connectionFailed(const QString& upstream, const QString& reason);
    /// A destination holds mail back until `until` (rate limit or pause).
    void destinationWaiting(const QString& destination, const QDateTime& until,
                            const QString& reason);
    /// The store refused a claim or a record; the engine retries.
    void storeErrorOccurred(const QString& error);
    /// Nothing claimed is left to deliver or record.
    void drained();

private:
    struct PoolEntry
    {
        std::unique_ptr<DestinationPool> pool;
        QString smarthost; ///< smarthost destinations
        QString domain;    ///< mx destinations
        QString heloName;  ///< the route's EHLO name; empty: the transport's
    };

    // DestinationPool::Owner
    void jobCompleted(const DestinationJob& job, const Smtp::ClientMessageResult& result,
                      const QString& upstream) override;
    void jobReturned(const DestinationJob& job, const Smtp::ClientReply& reason,
                     const QString& upstream, const QDateTime& notBefore, bool waiting) override;
    void connectionsChanged(int delta) override;
    void hostFailed(const QString& upstream, const QString& reason) override;
    void poolWaiting(const QString& key, const QDateTime& until, const QString& reason) override;
    void poolProgressed() override;

    void scheduleClaim();
    void claim();
    void onClaimed(QVector<Store::DeliveryJob> jobs, const QString& error);
    PoolEntry& poolFor(const DestinationJob& job);
    void configureSmarthostPool(PoolEntry& entry);
    void resolveIfNeeded(PoolEntry& entry);
    void pumpAll();
    void prunePools();
    void applySmarthostLimits();
    qsizetype runnableJobs() const;
    bool hasDestination() const;
    /// `transcript`: the SMTP client transcript of the attempt, when one was made.
    void addOutcomes(const DestinationJob& job, const QVector<Smtp::ClientReply>& replies,
                     const QString& upstream, const QDateTime& notBefore, bool waiting,
                     const QStringList& transcript = {});
    /// Records what has accumulated; unless `now`, waits a little while
    /// more outcomes are on their way.
    void flushOutcomes(bool now = false);
    void queryNextDue();
    void armDueTimer(const QDateTime& when);
    void armWaitTimer();
    void checkDrained();
    MxDeliveryPlanner* planner();

    Store::StoreWorker* m_store;
    const Queue::Clock* m_clock;
    std::unique_ptr<Queue::DestinationScheduler> m_scheduler;
    QHash<QString, SmarthostSettings> m_smarthosts; ///< by name; "default" is [smarthost]
    DestinationRouter m_router;
    MxDeliverySettings m_mx;
    MxDeliveryPlanner* m_planner = nullptr; ///< created on first MX delivery
    Queue::RetrySchedule m_schedule;
    Queue::BackoffSettings m_backoff;
    int m_batchSize = 200;
    int m_idleTimeoutMs = 5 * 1000;
    int m_maxWaiting = 1000;
    int m_connections = 0;

    bool m_routesSet = false;
    bool m_running = false;
    bool m_claimScheduled = false;
    bool m_claimInFlight = false;
    bool m_moreDue = false; ///< a claim may find work
    bool m_wokenDuringClaim = false;
    bool m_recordInFlight = false;

    std::map<QString, PoolEntry> m_pools;      ///< by destination key + '\n' + EHLO name
    QVector<Store::AttemptOutcome> m_outcomes; ///< waiting for the next record
    QTimer m_dueTimer;
    QDateTime m_dueTarget;
    QTimer m_waitTimer;   ///< the earliest end of a destination's rate wait or pause
    QTimer m_retryTimer;  ///< store errors
    QTimer m_recordTimer; ///< ends the wait for more outcomes
};

} // namespace RelayDesk::Delivery
