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

    /// Commits several messages in one durable transaction (group commit).
    /// Returns one id per message, in order, or an empty vector (and *error)
    /// when nothing was committed.
    virtual QVector<qint64> commitMessages(const QVector<NewMessage>& messages, QString* error) = 0;

    /// After a crash or restart: envelopes left InFlight go back to Queued
    /// (their attempt never finished). Returns how many, or -1 on error.
    virtual int recoverInFlight(QString* error) = 0;

    /// Claims up to maxMessages messages that have Queued or Deferred
    /// recipients due at or before `now`; those recipients become InFlight.
    virtual QVector<DeliveryJob> claimDue(const QDateTime& now, int maxMessages,
                                          QString* error) = 0;

    /// Records attempt outcomes in one transaction: updates each envelope,
    /// appends the delivery log, and drops the content of messages whose
    /// recipients are all final.
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

    /// Delivery log rows of one message, oldest first.
    virtual QVector<DeliveryLogEntry> deliveryLog(qint64 messageId) = 0;
};

} // namespace RelayDesk::Store
