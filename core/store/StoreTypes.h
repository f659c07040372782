#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Store {

/// Delivery state of one envelope (one recipient of one message).
enum class RecipientState : int {
    Queued = 0, ///< waiting for its first attempt
    InFlight = 1, ///< claimed by the delivery engine
    Deferred = 2, ///< failed temporarily; waits for nextAttempt
    Delivered = 3, ///< the upstream answered 2xx (final)
    Failed = 4, ///< permanent failure or expired (final)
    Held = 5, ///< set aside by the admin; not delivered until released
};

/// A message to commit: envelope, canonical content and intake metadata.
struct NewMessage
{
    QString sender; ///< empty = null sender
    QStringList recipients;
    QByteArray content;
    QString heloName;
    QString clientAddress;
    QString listener;
    QString tlsVersion;
    QString authUser;
    QDateTime receivedAt; ///< UTC
};

/// One recipient of a claimed message.
struct RecipientJob
{
    qint64 recipientId = 0;
    QString address;
    int attempts = 0; ///< attempts made before this one
};

/// A message claimed for delivery, with the recipients that are due.
struct DeliveryJob
{
    qint64 messageId = 0;
    QString sender;
    QDateTime receivedAt;
    QByteArray content;
    QVector<RecipientJob> recipients;
};

/// The result of one delivery attempt for one recipient. Recorded in the
/// envelope (new state) and appended to the delivery log.
struct AttemptOutcome
{
    qint64 messageId = 0;
    qint64 recipientId = 0;
    RecipientState newState = RecipientState::Deferred;
    QDateTime attemptedAt; ///< UTC
    QDateTime nextAttempt; ///< UTC; only for Deferred
    QString upstreamHost; ///< "host:port" that answered (or that we tried)
    int replyCode = 0; ///< SMTP reply code; 0 when no reply (connection failure)
    QString enhancedStatus; ///< "x.y.z" or empty
    QString replyText; ///< full reply text, or the connection error
    QString upstreamQueueId; ///< from "queued as ..." when the reply carries one
};

/// One row of the delivery log.
struct DeliveryLogEntry
{
    qint64 id = 0;
    qint64 messageId = 0;
    QString recipient;
    QDateTime attemptedAt;
    RecipientState resultState = RecipientState::Deferred;
    QString upstreamHost;
    int replyCode = 0;
    QString enhancedStatus;
    QString replyText;
    QString upstreamQueueId;
};

/// Envelope counts by state, for the GUI and the daemon's status line.
struct QueueCounts
{
    int queued = 0;
    int inFlight = 0;
    int deferred = 0;
    int held = 0;
    int failed = 0;
    int delivered = 0;
    QDateTime oldestPending; ///< receivedAt of the oldest non-final message; invalid when none
};

} // namespace RelayDesk::Store

Q_DECLARE_METATYPE(RelayDesk::Store::QueueCounts)
