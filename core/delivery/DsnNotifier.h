#pragma once

#include "bounce/DsnBuilder.h"
#include "bounce/DsnTypes.h"
#include "queue/Clock.h"
#include "store/StoreTypes.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace RelayDesk::Store {
class StoreWorker;
}

namespace RelayDesk::Delivery {

/// Tells senders what became of their mail (RFC 3464 DSNs, issue 3). Lives
/// on the core thread, next to the DeliveryEngine.
///
/// - Failure: once every recipient of a message is final and at least one
///   Failed (a 5xx, or expiry with the last 4xx), one DSN lists every failed
///   recipient that asked for it (DsnPolicy::shouldSend). The store notes
///   that the report is due in the transaction that recorded the last
///   outcome and keeps the content for it; onAttemptsRecorded() asks for
///   these reports, and the periodic check catches any a restart left.
/// - Delay: once per message, when it is older than the delay threshold and
///   still has Deferred recipients that asked for it.
/// Each DSN is committed as a new message from the null sender to the
/// original sender (StoreWorker::commit, kind FailureReport/DelayReport,
/// reportsOn): the same transaction marks the original as reported, so a
/// report is made once, also across restarts. Never for a message from the
/// null sender (which includes our own DSNs): a report about a report loops.
class DsnNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DsnNotifier)

public:
    /// How often the delay warnings (and leftover failure reports) are checked.
    static constexpr int DefaultCheckIntervalMs = 60 * 1000;
    /// Messages read per store query; more are read in further queries.
    static constexpr int BatchSize = 50;
    static constexpr qint64 DefaultMaxAgeSeconds = 5 * 24 * 3600;

    /// `hostname` is the Reporting-MTA and the DSN's sender domain;
    /// `delayWarningSeconds` 0 disables delay warnings; `maxAgeSeconds`
    /// (the RetryPolicy's) gives a delay warning its Will-Retry-Until.
    DsnNotifier(Store::StoreWorker* store, const Queue::Clock* clock, QString hostname,
                qint64 delayWarningSeconds = Bounce::DsnPolicy::DefaultDelayWarningSeconds,
                qint64 maxAgeSeconds = DefaultMaxAgeSeconds, QObject* parent = nullptr);
    ~DsnNotifier() override;

    void setCheckInterval(int ms);
    /// Checks now, then every check interval.
    void start();
    void stop();
    /// True while store requests of the notifier are outstanding.
    bool isBusy() const { return m_outstanding > 0; }

public slots:
    /// Connect to DeliveryEngine::attemptsRecorded: a batch that made some
    /// recipient final may have completed a message with failures.
    void onAttemptsRecorded(const QVector<RelayDesk::Store::AttemptOutcome>& outcomes);
    /// Looks for due failure reports and delay warnings now.
    void checkNow();

signals:
    /// A DSN about message `messageId` was committed as `dsnMessageId`: wake
    /// the delivery engine.
    void dsnQueued(qint64 messageId, RelayDesk::Bounce::DsnKind kind, qint64 dsnMessageId);
    void storeErrorOccurred(const QString& error);
    /// Every store request the notifier made has been answered (tests, and
    /// a clean stop).
    void checkCompleted();

private:
    /// One kind of query that may be asked for again while it runs.
    struct Pass
    {
        bool running = false;
        bool again = false;
    };

    void requestFailureReports();
    void onFailureReports(const QVector<Store::DsnCandidate>& candidates, const QString& error);
    void requestDelayWarnings();
    void onDelayWarnings(const QVector<Store::DsnCandidate>& candidates, const QString& error);
    /// Builds and commits the DSN for `candidate` about `recipients`.
    void queueReport(const Store::DsnCandidate& candidate, Bounce::DsnKind kind,
                     const QList<Bounce::DsnRecipientReport>& recipients);
    Bounce::DsnRecipientReport recipientReport(const Store::DsnCandidateRecipient& recipient,
                                               Bounce::DsnAction action,
                                               const QDateTime& receivedAt) const;
    void requestStarted() { ++m_outstanding; }
    void requestFinished();

    Store::StoreWorker* m_store;
    const Queue::Clock* m_clock;
    Bounce::DsnBuilder m_builder;
    qint64 m_delayWarningSeconds;
    qint64 m_maxAgeSeconds;
    QTimer m_timer;
    Pass m_failurePass;
    Pass m_delayPass;
    /// Messages whose DSN is being committed: a query answered meanwhile
    /// still lists them.
    QSet<qint64> m_failureInProgress;
    QSet<qint64> m_delayInProgress;
    int m_outstanding = 0;
};

} // namespace RelayDesk::Delivery
