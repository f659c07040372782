#pragma once

#include "bounce/DsnTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Store {

/// Delivery state of one envelope (one recipient of one message).
enum class RecipientState : int {
    Queued = 0,    ///< waiting for its first attempt
    InFlight = 1,  ///< claimed by the delivery engine
    Deferred = 2,  ///< failed temporarily; waits for nextAttempt
    Delivered = 3, ///< the upstream answered 2xx (final)
    Failed = 4,    ///< permanent failure or expired (final)
    Held = 5,      ///< set aside by the admin; not delivered until released
};

/// What a stored message is: mail we relay, or a delivery status
/// notification (RFC 3464) we generated about another message.
enum class MessageKind : int {
    Relayed = 0,       ///< accepted over SMTP
    FailureReport = 1, ///< our failure DSN ("Undelivered Mail Returned to Sender")
    DelayReport = 2,   ///< our delay warning DSN
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
    /// RFC 3461 RET and ENVID from MAIL FROM.
    Bounce::DsnRequest dsn;
    /// RFC 3461 NOTIFY and ORCPT per recipient, in the order of recipients.
    /// May be empty or shorter: a missing entry means "no parameters given".
    QVector<Bounce::RecipientDsnRequest> recipientDsn;
    /// A DSN we generated (sender empty) names the message it reports on in
    /// reportsOn; commitMessages then records, in the same transaction, that
    /// this report was made (see MessageStore::commitMessages).
    MessageKind kind = MessageKind::Relayed;
    qint64 reportsOn = 0;
};

/// One recipient of a claimed message.
struct RecipientJob
{
    qint64 recipientId = 0;
    QString address;
    int attempts = 0;                ///< attempts made before this one
    Bounce::RecipientDsnRequest dsn; ///< NOTIFY and ORCPT as given at RCPT TO
};

/// A message claimed for delivery, with the recipients that are due.
struct DeliveryJob
{
    qint64 messageId = 0;
    QString sender;
    QDateTime receivedAt;
    QByteArray content;
    QVector<RecipientJob> recipients;
    // What routes match on (issue 3), as recorded at intake.
    QString clientAddress;
    QString authUser;
    QString listener;
    Bounce::DsnRequest dsn; ///< RET and ENVID as given at MAIL FROM
    MessageKind kind = MessageKind::Relayed;
};

/// The result of one delivery attempt for one recipient. Recorded in the
/// envelope (new state) and appended to the delivery log.
struct AttemptOutcome
{
    qint64 messageId = 0;
    qint64 recipientId = 0;
    RecipientState newState = RecipientState::Deferred;
    QDateTime attemptedAt;   ///< UTC
    QDateTime nextAttempt;   ///< UTC; only for Deferred
    QString upstreamHost;    ///< "host:port" that answered (or that we tried)
    int replyCode = 0;       ///< SMTP reply code; 0 when no reply (connection failure)
    QString enhancedStatus;  ///< "x.y.z" or empty
    QString replyText;       ///< full reply text, or the connection error
    QString upstreamQueueId; ///< from "queued as ..." when the reply carries one
};

/// One recipient of a message a DSN may be due for, with what the DSN
/// reports about it.
struct DsnCandidateRecipient
{
    qint64 recipientId = 0;
    QString address;
    RecipientState state = RecipientState::Queued;
    int attempts = 0;
    int lastCode = 0;      ///< reply code of the last attempt; 0: none
    QString lastStatus;    ///< enhanced status of the last attempt ("5.1.1"), or empty
    QString lastText;      ///< reply text (or our error) of the last attempt
    QString lastHost;      ///< "host:port" of the last attempt, or empty
    QDateTime lastAttempt; ///< UTC; invalid when no attempt was made
    QDateTime nextAttempt; ///< UTC; for Queued and Deferred
    Bounce::RecipientDsnRequest dsn;
};

/// A message a failure report or a delay warning may be due for: what
/// DsnBuilder needs to write it. `content` is the whole message for a
/// failure report (RET may return it), only the header section for a delay
/// warning (which never returns more).
struct DsnCandidate
{
    qint64 messageId = 0;
    QString sender;
    QDateTime receivedAt;
    QByteArray content;
    Bounce::DsnRequest dsn;
    QVector<DsnCandidateRecipient> recipients; ///< all of them, in id order
};

/// One not yet final recipient (Queued, InFlight, Deferred or Held) with
/// what routing looks at, as recorded at intake: the service routes a queue
/// snapshot under other routes to preview a route change (issue 3).
struct PendingEnvelope
{
    qint64 messageId = 0;
    qint64 recipientId = 0;
    QString sender; ///< empty = null sender
    QString recipient;
    QString clientAddress;
    QString authUser;
    QString listener;
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
