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
    /// The SMTP client transcript of the attempt ("C: ..." / "S: ..." /
    /// "*: ..." lines, secrets already masked). Stored with the log row,
    /// bounded to SqliteTranscript::MaxLines lines and MaxBytes octets.
    QStringList transcript;
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
    /// The attempt's SMTP transcript: filled only by MessageStore::messageDetail
    /// (bulk log queries leave it empty to stay cheap).
    QStringList transcript;
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

// --- Admin queries (issue 4). The service maps these onto the GUI's
// Service::AdminTypes (adding what needs routing); the store stays below it.

/// One message that is not final yet (a row of the Queue page). Its state
/// is the "most interesting" state of its pending recipients (InFlight >
/// Deferred > Queued > Held).
struct QueueRowData
{
    qint64 messageId = 0;
    QDateTime receivedAt;   ///< UTC
    QString sender;         ///< empty = null sender
    QStringList recipients; ///< pending (not final) recipients, in id order
    int totalRecipients = 0;
    qint64 size = 0; ///< octets of the content as received
    QString clientAddress;
    QString heloName;
    QString authUser;
    QString listener; ///< with sender, client and auth: what routing matches on
    RecipientState state = RecipientState::Queued;
    int attempts = 0; ///< highest attempt count among pending recipients
    QDateTime
        nextAttempt;  ///< earliest next attempt among Queued/Deferred recipients; invalid when none
    int lastCode = 0; ///< reply code of the message's newest log row, 0 when none
    QString lastStatus; ///< its enhanced status, or empty
    QString lastReply;  ///< "451 4.7.1 Try again later" (code, status, text), empty when none
};

/// One page of QueueRowData, oldest message (lowest id) first.
struct QueuePage
{
    QVector<QueueRowData> rows;
    bool hasMore = false; ///< more rows after the last one: ask again with its messageId
};

/// What an admin action on messages did.
struct QueueActionCounts
{
    int messages = 0; ///< of the given ids, how many messages exist
    int changed = 0;  ///< recipients changed (hold/release/retry), messages removed (delete)
    int inFlight = 0; ///< in-flight recipients: left alone (hold/release/retry), removed (delete)
};

/// One recipient of a message, for the Message detail view.
struct RecipientRecord
{
    qint64 recipientId = 0;
    QString address;
    RecipientState state = RecipientState::Queued;
    int attempts = 0;
    QDateTime nextAttempt; ///< UTC
    QDateTime lastAttempt; ///< UTC; invalid when no attempt yet
    QString notify;        ///< "SUCCESS,FAILURE" / "NEVER" as given, empty when not given
    QString orcpt;         ///< "rfc822;user@example.org" as given, empty when not given
};

/// Everything stored about one message except the body.
struct MessageRecord
{
    qint64 messageId = 0;
    bool found = false; ///< false: no such message (never was, purged or deleted)
    QDateTime receivedAt;
    QString sender;
    qint64 size = 0;
    bool contentAvailable = false; ///< false once dropped after final delivery
    QByteArray headers;            ///< header section incl. the blank line, when available
    QString heloName;
    QString clientAddress;
    QString listener;
    QString tlsVersion;
    QString authUser;
    QString envid; ///< ENVID as given (decoded), empty when none
    QString ret;   ///< "FULL", "HDRS" or empty
    MessageKind kind = MessageKind::Relayed;
    QVector<RecipientRecord> recipients; ///< id order
    QVector<DeliveryLogEntry> attempts;  ///< oldest first, with transcripts
};

/// Filter of MessageStore::queryDeliveryLog; empty / invalid fields do not
/// filter. Text filters are case-insensitive substrings (ASCII case only;
/// "%" and "_" match literally).
struct DeliveryLogFilter
{
    QDateTime from;                 ///< UTC, inclusive
    QDateTime to;                   ///< UTC, exclusive
    QVector<RecipientState> states; ///< result states
    QString sender;
    QString recipient;
    QString device;    ///< client address or HELO name
    QString reply;     ///< "code status text" of the reply
    int limit = 10000; ///< newest first, at most this many (<= 0: none)
};

/// One delivery-log row with its message's envelope.
struct DeliveryLogRecord
{
    DeliveryLogEntry entry; ///< without transcript
    QString sender;
    QString clientAddress;
    QString heloName;
};

/// The last log row of a Failed recipient (Bounces page).
struct FailedEnvelope
{
    qint64 messageId = 0;
    qint64 recipientId = 0;
    QDateTime failedAt;
    QString sender;
    QString recipient;
    QString clientAddress;
    int replyCode = 0;
    QString enhancedStatus;
    QString replyText;
    QString upstreamHost;
};

/// Attempts of one hour of the delivery log.
struct HourlyAttempts
{
    QDateTime hourStart; ///< UTC, on the hour
    int delivered = 0;
    int deferred = 0;
    int failed = 0;
};

/// Delivered and failed attempts since a point in time (e.g. local midnight).
struct DayCounts
{
    int delivered = 0;
    int failed = 0;
};

} // namespace RelayDesk::Store

Q_DECLARE_METATYPE(RelayDesk::Store::QueueCounts)
