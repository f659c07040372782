#pragma once

#include "DestinationHost.h"
#include "DestinationJob.h"
#include "smtp/ClientTypes.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace RelayDesk::Queue {
class Clock;
class DestinationScheduler;
} // namespace RelayDesk::Queue

namespace RelayDesk::Delivery {

class SmtpClientConnection;

/// The queue and the connections of one destination (a smarthost with its
/// fallbacks, or one recipient domain's MX hosts). Lives on the engine's
/// thread; the engine owns one per (destination, EHLO name).
///
/// Asks the shared Queue::DestinationScheduler before it opens a connection
/// or starts a message, and tells it what happened, so rate limits hold and
/// a sick host is paused without holding up any other destination. Hosts
/// are tried in order: a host whose connection fails, or that answers 4xx
/// at greeting/EHLO/AUTH, is skipped for the rest of this attempt and the
/// next one is tried; when none is left, everything queued is handed back
/// as deferred with the last failure. Jobs that only wait for a rate window
/// stay here (up to a bound) and go out when it opens; the excess is handed
/// back as "waiting" with the time the window opens.
class DestinationPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DestinationPool)

public:
    /// What the pool reports to its engine. Calls come from inside pool
    /// functions; implementations must not delete the pool from them.
    class Owner
    {
    public:
        virtual ~Owner() = default;
        /// A message was sent (or refused unsent); one reply per recipient.
        virtual void jobCompleted(const DestinationJob& job,
                                  const Smtp::ClientMessageResult& result,
                                  const QString& upstream) = 0;
        /// A job was not sent: `reason` says why (its disposition decides
        /// deferred or failed). `notBefore`: do not retry earlier. `waiting`:
        /// nothing failed, the job only waits for a rate window.
        virtual void jobReturned(const DestinationJob& job, const Smtp::ClientReply& reason,
                                 const QString& upstream, const QDateTime& notBefore,
                                 bool waiting) = 0;
        virtual void connectionsChanged(int delta) = 0;
        virtual void hostFailed(const QString& upstream, const QString& reason) = 0;
        /// Jobs stay queued until `until` (rate limit or pause).
        virtual void poolWaiting(const QString& key, const QDateTime& until,
                                 const QString& reason) = 0;
        /// Something finished: time to record, claim, check for drained.
        virtual void poolProgressed() = 0;
    };

    DestinationPool(QString key, Owner* owner, Queue::DestinationScheduler* scheduler,
                    const Queue::Clock* clock, QObject* parent = nullptr);
    ~DestinationPool() override;

    const QString& key() const { return m_key; }

    /// The hosts to try, in order; `validUntil` (invalid: forever) bounds
    /// how long they may be used (MX: the resolution is cached briefly).
    void setHosts(QVector<DestinationHost> hosts, const QDateTime& validUntil = {});
    /// No host can be used (smarthost not configured, DNS failure, no MX
    /// host allowed by MTA-STS): every job is returned with `reason` until
    /// `validUntil` (invalid: until setHosts()).
    void setUnavailable(const Smtp::ClientReply& reason, const QString& upstream,
                        const QDateTime& validUntil = {});
    /// Hosts (or a reason for having none) are known and not expired.
    bool hasHosts(const QDateTime& now) const;
    bool isResolving() const { return m_resolving; }
    void setResolving(bool resolving) { m_resolving = resolving; }

    void setIdleTimeout(int ms) { m_idleTimeoutMs = ms; }
    /// Recipients kept in memory while the destination is rate limited.
    void setMaxWaitingRecipients(int recipients) { m_maxWaiting = recipients; }

    void enqueue(DestinationJob job);
    /// Starts whatever may start now; returns jobs that cannot be sent.
    void pump();
    /// Drops connections and queued jobs without reporting them.
    void stop();

    qsizetype queuedJobs() const { return qsizetype(m_queue.size()); }
    /// Queued jobs that are not just waiting for a rate window or pause.
    qsizetype runnableJobs() const { return m_waitingUntil.isValid() ? 0 : queuedJobs(); }
    /// When queued jobs may go again; invalid when not waiting.
    QDateTime waitingUntil() const { return m_waitingUntil; }
    bool isBusy() const;
    int connectionCount() const { return int(m_slots.size()); }
    bool isIdle() const { return m_queue.empty() && m_slots.empty(); }

private:
    struct Slot;

    int pickHost(const QDateTime& now) const;
    bool isPaused(const QString& key, const QDateTime& now) const;
    /// The first host is paused because it said we send too fast.
    bool throttled(const QDateTime& now) const;
    void openConnection(int host, const QDateTime& now);
    void sendNext(Slot& slot, const QDateTime& now);
    void onReady(SmtpClientConnection* connection);
    void onMessageCompleted(SmtpClientConnection* connection,
                            const Smtp::ClientMessageResult& result);
    void onClosed(SmtpClientConnection* connection, bool failed, const Smtp::ClientReply& reason);
    void hostFailed(int host, const Smtp::ClientReply& reason, const QString& upstream,
                    bool mayPause);
    void returnAll(const Smtp::ClientReply& reason, const QString& upstream,
                   const QDateTime& notBefore);
    void updateWaiting(const QDateTime& now);
    void spill(const QDateTime& now, const QString& why);
    QString waitingReason(const QString& key, const QDateTime& now) const;
    Slot* slotFor(SmtpClientConnection* connection);
    /// The first host's key, whose limits decide when queued jobs may go.
    QString primaryKey() const;

    QString m_key;
    Owner* m_owner;
    Queue::DestinationScheduler* m_scheduler;
    const Queue::Clock* m_clock;
    QVector<DestinationHost> m_hosts;
    QVector<QDateTime> m_hostFailedUntil; ///< parallel to m_hosts: skipped until then
    int m_generation = 0; ///< counts setHosts(): a slot's host index is stale otherwise
    QDateTime m_hostsValidUntil;
    bool m_hostsKnown = false;
    bool m_resolving = false;
    std::optional<Smtp::ClientReply> m_unavailable;
    QString m_unavailableUpstream;
    std::optional<Smtp::ClientReply> m_lastFailure; ///< of the last host that failed
    QString m_lastFailureUpstream;
    QStringList m_refusals; ///< MTA-STS refusals since the last success
    int m_idleTimeoutMs = 5000;
    int m_maxWaiting = 1000;
    std::deque<DestinationJob> m_queue;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QDateTime m_waitingUntil;
};

} // namespace RelayDesk::Delivery
