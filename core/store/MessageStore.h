#pragma once

#include "StoreTypes.h"

#include <optional>

namespace RelayDesk::Store {

/// The durable queue: message content plus one envelope per recipient, and
/// the delivery log. Synchronous and single-threaded: StoreWorker owns an
/// instance on its own thread. SqliteStore is the embedded implementation;
/// the interface leaves room for a PostgreSQL one (claimDue maps onto
/// SELECT ... FOR UPDATE SKIP LOCKED).
///
/// Every mutating call is one transaction: it is either entirely on stable
/// storage when it returns true, or has left nothing behind.
class MessageStore
{
public:
    virtual ~MessageStore() = default;

    /// Opens or creates the store. False with *error set on failure.
    virtual bool open(QString* error) = 0;

    /// Commits several messages in one durable transaction (group commit):
    /// on stable storage when it returns, also across a power failure.
    /// Returns one id per message, in order, or an empty vector (and *error)
    /// when nothing was committed.
    ///
    /// A DSN (kind FailureReport or DelayReport, reportsOn set) also marks
    /// the message it reports on as reported, in the same transaction, so a
    /// report is made exactly once: when that message is already marked, the
    /// DSN is not stored again and its id is the earlier report's (0 when
    /// the earlier decision was "no report needed").
    virtual QVector<qint64> commitMessages(const QVector<NewMessage>& messages, QString* error) = 0;

    /// After a crash or restart: envelopes left InFlight go back to Queued
    /// (their attempt never finished). Returns how many, or -1 on error.
    virtual int recoverInFlight(QString* error) = 0;

    /// Claims Queued or Deferred recipients due at or before `now`, oldest
    /// due first; they become InFlight. The limit counts recipients, not
    /// messages (so that a claim costs the same however large the backlog):
    /// the first `maxRecipients` due recipients are taken, plus the other
    /// due recipients of the messages they belong to, so a message is never
    /// split across claims. The result is grouped per message (at most
    /// maxRecipients messages), ordered by each message's earliest due
    /// recipient; recipients in id order. A claim that returns fewer than
    /// maxRecipients recipients has left nothing due behind.
    virtual QVector<DeliveryJob> claimDue(const QDateTime& now, int maxRecipients,
                                          QString* error) = 0;

    /// Records attempt outcomes in one transaction: updates each envelope,
    /// appends the delivery log, and drops the content of messages whose
    /// recipients are all final.
    ///
    /// Claims and outcomes may be made durable lazily (SqliteStore: at the
    /// next commitMessages): after a power failure one that returned may be
    /// missing, which redelivers the message (at-least-once). A crash of the
    /// process alone loses neither.
    virtual bool recordOutcomes(const QVector<AttemptOutcome>& outcomes, QString* error) = 0;

    /// The admin's "retry deferred now": every Deferred recipient becomes
    /// due at `now` (one already due earlier keeps its time). Queued, held,
    /// in-flight and final envelopes are not touched. Returns how many
    /// recipients, or -1 on error.
    virtual int retryNow(const QDateTime& now, QString* error) = 0;

    /// Retention: removes, in one transaction, every message whose
    /// recipients are all final (Delivered or Failed) and were last updated
    /// before `olderThan`, together with its envelopes and delivery-log
    /// rows. Returns how many messages, or -1 on error.
    virtual int purgeFinal(const QDateTime& olderThan, QString* error) = 0;

    /// Earliest time a Queued or Deferred recipient becomes due, if any.
    virtual std::optional<QDateTime> nextDue() = 0;

    /// Envelopes by state. Cheap however long the history is: the GUI
    /// status line asks once a second.
    virtual QueueCounts counts() = 0;

    /// Every recipient that is not final (Queued, InFlight, Deferred or
    /// Held), with its message's envelope and intake metadata, in message
    /// and recipient id order. Empty with *error set on failure.
    virtual QVector<PendingEnvelope> pendingEnvelopes(QString* error) = 0;

    /// Delivery log rows of one message, oldest first.
    virtual QVector<DeliveryLogEntry> deliveryLog(qint64 messageId) = 0;

    /// Messages that need a failure report (RFC 3464 DSN): every recipient
    /// is final, at least one Failed, the sender is not the null sender and
    /// no report was made yet. recordOutcomes notes this in the transaction
    /// that makes the last recipient final and keeps the content until the
    /// report is made (commitMessages of the DSN) or found unnecessary
    /// (markFailureReported). At most `maxMessages`, oldest first, with all
    /// recipients and the whole content. Cheap when there are none.
    virtual QVector<DsnCandidate> failureReportsDue(int maxMessages, QString* error) = 0;

    /// Marks messages of failureReportsDue as reported without a DSN (no
    /// failed recipient asked for one) and drops their content. Messages
    /// not awaiting a report are left alone.
    virtual bool markFailureReported(const QVector<qint64>& messageIds, QString* error) = 0;

    /// Messages received at or before `now` - `thresholdSeconds` that still
    /// have a Deferred recipient, whose sender is not the null sender and
    /// that were not warned yet: at most `maxMessages`, oldest first, with
    /// all recipients and the header section of the content.
    virtual QVector<DsnCandidate> delayWarningsDue(const QDateTime& now, qint64 thresholdSeconds,
                                                   int maxMessages, QString* error) = 0;

    /// Marks messages as warned at `at` (none of their delayed recipients
    /// asked for a warning, or the warning was made elsewhere). Messages
    /// already warned keep their first time.
    virtual bool markDelayWarned(const QVector<qint64>& messageIds, const QDateTime& at,
                                 QString* error) = 0;

    // --- Admin (issue 4). Queries return an empty result and set *error on
    // failure (*error is cleared on success); actions are one transaction,
    // committed durably, and return nullopt (with *error) on failure. ---

    /// Up to `limit` messages that are not final, with a message id above
    /// `afterMessageId`, lowest id (oldest) first: keyset pagination, each
    /// page costs the same however long the queue and the history.
    virtual QueuePage queueRows(qint64 afterMessageId, int limit, QString* error) = 0;

    /// Hold: the Queued and Deferred recipients of the messages become Held
    /// (never claimed until released). Release: Held recipients become
    /// Queued, due at `now`. In-flight recipients are left alone either way
    /// (counted in inFlight); unknown ids are ignored.
    virtual std::optional<QueueActionCounts> setHeld(const QVector<qint64>& messageIds, bool held,
                                                     const QDateTime& now, QString* error) = 0;

    /// The Queued and Deferred recipients of the messages become due at
    /// `now` (one due earlier keeps its time). Held and in-flight ones are
    /// left alone.
    virtual std::optional<QueueActionCounts>
    retryMessages(const QVector<qint64>& messageIds, const QDateTime& now, QString* error) = 0;

    /// Removes the messages with their envelopes, content and log rows, also
    /// while a recipient is in flight: the engine's later outcome for it is
    /// dropped by recordOutcomes.
    virtual std::optional<QueueActionCounts> deleteMessages(const QVector<qint64>& messageIds,
                                                            QString* error) = 0;

    /// Envelope, intake metadata, header section, recipients and every log
    /// row with its transcript; found=false (no error) for an unknown id.
    virtual MessageRecord messageDetail(qint64 messageId, QString* error) = 0;

    /// The whole stored content; empty with *error when the message is
    /// unknown or its content was dropped after final delivery.
    virtual QByteArray messageContent(qint64 messageId, QString* error) = 0;

    /// Delivery log rows matching `filter`, newest first, with their
    /// messages' sender, client and HELO (no transcripts).
    virtual QVector<DeliveryLogRecord> queryDeliveryLog(const DeliveryLogFilter& filter,
                                                        QString* error) = 0;

    /// The last log row of each Failed recipient that failed at or after
    /// `since` (invalid: ever), newest first, at most `limit`.
    virtual QVector<FailedEnvelope> failedRecipients(const QDateTime& since, int limit,
                                                     QString* error) = 0;

    /// Delivered / deferred / failed attempts per UTC hour: 24 buckets,
    /// oldest first, the last one the hour `now` is in; empty hours present.
    virtual QVector<HourlyAttempts> hourlyCounts(const QDateTime& now, QString* error) = 0;

    /// Delivered and failed attempts at or after `since` (the status line
    /// passes local midnight in UTC). A range count over an index: ask every
    /// few seconds, not per message.
    virtual std::optional<DayCounts> todayCounts(const QDateTime& since, QString* error) = 0;
};

} // namespace RelayDesk::Store
