#pragma once

#include "MessageStore.h"

#include <QObject>
#include <QPointer>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace RelayDesk::Store {

/// Runs a MessageStore on a dedicated thread so that no fsync or SQLite call
/// ever blocks a session or the GUI. Requests from any thread are queued;
/// the worker drains everything queued so far and commits all pending new
/// messages in one transaction (group commit: one fsync for a batch from
/// many sessions). Each completion runs on the thread of its `context`
/// object (queued), and is dropped if `context` is destroyed meanwhile.
class StoreWorker final
{
public:
    explicit StoreWorker(std::unique_ptr<MessageStore> store);
    ~StoreWorker(); ///< finishes queued requests, then joins the thread
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    /// Opens the store on the worker thread and recovers in-flight
    /// envelopes; blocks the caller (start-up only).
    bool start(QString* error);

    using CommitDone = std::function<void(bool ok, qint64 messageId, QString error)>;
    void commit(NewMessage message, QObject* context, CommitDone done);

    using ClaimDone = std::function<void(QVector<DeliveryJob> jobs, QString error)>;
    /// See MessageStore::claimDue (the limit counts recipients).
    void claimDue(QDateTime now, int maxRecipients, QObject* context, ClaimDone done);

    using RecordDone = std::function<void(bool ok, QString error)>;
    void recordOutcomes(QVector<AttemptOutcome> outcomes, QObject* context, RecordDone done);

    /// See MessageStore::retryNow; count is -1 (and error set) on failure.
    using RetryDone = std::function<void(int count, QString error)>;
    void retryNow(QDateTime now, QObject* context, RetryDone done);

    /// See MessageStore::purgeFinal; removed is -1 (and error set) on failure.
    using PurgeDone = std::function<void(int removed, QString error)>;
    void purgeFinal(QDateTime olderThan, QObject* context, PurgeDone done);

    using NextDueDone = std::function<void(std::optional<QDateTime> due)>;
    void nextDue(QObject* context, NextDueDone done);

    using CountsDone = std::function<void(QueueCounts counts)>;
    void counts(QObject* context, CountsDone done);

    /// See MessageStore::pendingEnvelopes; on failure the list is empty and
    /// error set.
    using PendingDone = std::function<void(QVector<PendingEnvelope> envelopes, QString error)>;
    void pendingEnvelopes(QObject* context, PendingDone done);

    using LogDone = std::function<void(QVector<DeliveryLogEntry> rows)>;
    void deliveryLog(qint64 messageId, QObject* context, LogDone done);

    /// See MessageStore::failureReportsDue / delayWarningsDue; on failure
    /// the list is empty and error set.
    using CandidatesDone = std::function<void(QVector<DsnCandidate> candidates, QString error)>;
    void failureReportsDue(int maxMessages, QObject* context, CandidatesDone done);
    void delayWarningsDue(QDateTime now, qint64 thresholdSeconds, int maxMessages, QObject* context,
                          CandidatesDone done);

    /// See MessageStore::markFailureReported / markDelayWarned.
    using MarkDone = std::function<void(bool ok, QString error)>;
    void markFailureReported(QVector<qint64> messageIds, QObject* context, MarkDone done);
    void markDelayWarned(QVector<qint64> messageIds, QDateTime at, QObject* context, MarkDone done);

    // --- Admin (issue 4); see the MessageStore methods of the same names.
    // `error` is empty on success. ---

    using QueuePageDone = std::function<void(QueuePage page, QString error)>;
    void queueRows(qint64 afterMessageId, int limit, QObject* context, QueuePageDone done);

    /// On failure counts are zero and error is set.
    using ActionDone = std::function<void(QueueActionCounts counts, QString error)>;
    void setHeld(QVector<qint64> messageIds, bool held, QDateTime now, QObject* context,
                 ActionDone done);
    void retryMessages(QVector<qint64> messageIds, QDateTime now, QObject* context,
                       ActionDone done);
    void deleteMessages(QVector<qint64> messageIds, QObject* context, ActionDone done);

    /// An unknown id answers found=false with an empty error.
    using DetailDone = std::function<void(MessageRecord record, QString error)>;
    void messageDetail(qint64 messageId, QObject* context, DetailDone done);

    using ContentDone = std::function<void(QByteArray content, QString error)>;
    void messageContent(qint64 messageId, QObject* context, ContentDone done);

    using LogQueryDone = std::function<void(QVector<DeliveryLogRecord> rows, QString error)>;
    void queryDeliveryLog(DeliveryLogFilter filter, QObject* context, LogQueryDone done);

    using FailedDone = std::function<void(QVector<FailedEnvelope> rows, QString error)>;
    void failedRecipients(QDateTime since, int limit, QObject* context, FailedDone done);

    using HourlyDone = std::function<void(QVector<HourlyAttempts> hours, QString error)>;
    void hourlyCounts(QDateTime now, QObject* context, HourlyDone done);

    using DayCountsDone = std::function<void(DayCounts counts, QString error)>;
    void todayCounts(QDateTime since, QObject* context, DayCountsDone done);

    /// Runs `task` on the worker thread, in order with the other requests,
    /// with the opened store (skipped when it is not started): for tables
    /// kept beside the queue, e.g. SqliteDevices through
    /// SqliteStore::connectionName(). The task reports back itself.
    void runOnStore(std::function<void(MessageStore& store)> task);

    /// Largest number of messages committed in one transaction so far.
    int largestBatch() const;

private:
    // Implementation detail: a mutex-protected request queue drained by one
    // std::thread; see StoreWorker.cpp.
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace RelayDesk::Store
