#pragma once

#include "store/StoreTypes.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Service {

/// Value snapshots the admin GUI asks the core for (issue 4). All are plain
/// values copied across threads; none holds a pointer into the core.

/// One message that is not final yet, as a row of the Queue page. Its
/// state is the "most interesting" state of its pending recipients
/// (InFlight > Deferred > Queued > Held).
struct QueueRow
{
    qint64 messageId = 0;
    QDateTime receivedAt;   ///< UTC
    QString sender;         ///< empty = null sender
    QStringList recipients; ///< pending (not final) recipients
    int totalRecipients = 0;
    qint64 size = 0;       ///< octets of the stored content
    QString clientAddress; ///< the device that sent it
    QString heloName;
    QString authUser;
    QString route; ///< route name of the first pending recipient ("default", "mx", ...)
    Store::RecipientState state = Store::RecipientState::Queued;
    int attempts = 0;      ///< highest attempt count among pending recipients
    QDateTime nextAttempt; ///< earliest next attempt among pending recipients (UTC)
    int lastCode = 0;      ///< last reply code, 0 when none yet
    QString lastReply;     ///< "451 4.7.1 Try again later" (code, status, text)
};

/// One recipient of a message in the detail view.
struct RecipientDetail
{
    qint64 recipientId = 0;
    QString address;
    Store::RecipientState state = Store::RecipientState::Queued;
    int attempts = 0;
    QDateTime nextAttempt;
    QString route;  ///< route it takes now (for pending) or took (for final)
    QString notify; ///< RFC 3461 NOTIFY as given, or empty
    QString orcpt;  ///< RFC 3461 ORCPT as given, or empty
};

/// One delivery attempt with the upstream's full reply and the SMTP
/// transcript of the client session that made it.
struct AttemptDetail
{
    Store::DeliveryLogEntry entry;
    QStringList transcript; ///< "C: ..." / "S: ..." / "*: ..." lines; AUTH secrets masked
};

/// Everything the Message detail view shows.
struct MessageDetail
{
    qint64 messageId = 0;
    bool found = false;
    QDateTime receivedAt;
    QString sender;
    qint64 size = 0;
    bool contentAvailable = false; ///< false once dropped after final delivery
    QByteArray headers;            ///< the header section as stored (with our Received:)
    QString heloName;
    QString clientAddress;
    QString listener;
    QString tlsVersion;
    QString authUser;
    QString envid;
    QString ret;
    Store::MessageKind kind = Store::MessageKind::Relayed;
    QVector<RecipientDetail> recipients;
    QVector<AttemptDetail> attempts; ///< oldest first
};

/// What the Delivery log page filters by; empty / invalid fields do not filter.
struct DeliveryLogQuery
{
    QDateTime from;                        ///< UTC, inclusive
    QDateTime to;                          ///< UTC, exclusive
    QVector<Store::RecipientState> states; ///< result states (Delivered, Deferred, Failed)
    QString sender;                        ///< substring, case-insensitive
    QString recipient;                     ///< substring, case-insensitive
    QString device;                        ///< client address or HELO name substring
    QString reply;                         ///< substring of code, enhanced status or reply text
    int limit = 10000;                     ///< newest first, at most this many rows
};

/// One row of the Delivery log page: the attempt plus its message's envelope.
struct DeliveryLogRow
{
    Store::DeliveryLogEntry entry;
    QString sender;
    QString clientAddress;
    QString heloName;
};

/// One failed recipient, for the Bounces page.
struct FailedRecipient
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

/// A reason group of the Bounces page, from Bounce::FailureClassifier.
struct BounceGroup
{
    QString reason;      ///< taxonomy name ("userunknown", "authfailure", ...)
    QString title;       ///< plain-language name of the reason
    QString explanation; ///< plain language
    QString fix;         ///< suggested fix
    bool hard = true;    ///< some recipient was refused for good (5xx), not only expired
    QVector<FailedRecipient> recipients; ///< newest first
};

/// A client that has sent through the relay (keyed by address).
struct DeviceInfo
{
    QString address;
    QString reverseName; ///< PTR name, empty when none / not resolved yet
    QString heloName;    ///< of the last session
    QString authUser;    ///< of the last session
    QDateTime firstSeen;
    QDateTime lastSeen;
    int messagesToday = 0;
    int errorsToday = 0; ///< rejected messages and refused sessions today
    qint64 messagesTotal = 0;
    int expectEveryHours = 0; ///< 0 = no expectation; else alert when quiet longer
    bool quiet = false;       ///< the expectation is currently violated
    QStringList lastTranscript;
};

/// Delivered / deferred / failed attempts in one hour, for the Overview chart.
struct HourlyCount
{
    QDateTime hourStart; ///< UTC, on the hour
    int delivered = 0;
    int deferred = 0;
    int failed = 0;
};

/// Something the tray should tell the admin about. The core raises each
/// condition once when it starts (not per message); the tray throttles.
struct Alert
{
    enum class Kind {
        MessageFailed,       ///< a message failed permanently
        QueueStuck,          ///< the oldest queued message is older than the threshold
        UpstreamUnreachable, ///< a destination cannot be reached
        DeviceQuiet,         ///< a device sent nothing for longer than expected
        CertificateExpiring, ///< a listener certificate expires soon (issue 5)
        Abuse,               ///< a device or account sends far above its usual volume (issue 5)
    };
    Kind kind = Kind::MessageFailed;
    QString subject; ///< the message id, destination, device address ...
    QString text;    ///< one plain-language line
    QDateTime raisedAt;
};

/// The result of an admin action on queued messages.
struct ActionResult
{
    QString action;   ///< "retry", "hold", "release", "delete", "flush", "pause", "resume",
                      ///< "apply-settings"
    int affected = 0; ///< recipients (or messages for delete) changed
    QString error;    ///< empty on success
};

} // namespace RelayDesk::Service

Q_DECLARE_METATYPE(RelayDesk::Service::QueueRow)
Q_DECLARE_METATYPE(RelayDesk::Service::MessageDetail)
Q_DECLARE_METATYPE(RelayDesk::Service::DeliveryLogQuery)
Q_DECLARE_METATYPE(RelayDesk::Service::DeliveryLogRow)
Q_DECLARE_METATYPE(RelayDesk::Service::BounceGroup)
Q_DECLARE_METATYPE(RelayDesk::Service::DeviceInfo)
Q_DECLARE_METATYPE(RelayDesk::Service::HourlyCount)
Q_DECLARE_METATYPE(RelayDesk::Service::Alert)
Q_DECLARE_METATYPE(RelayDesk::Service::ActionResult)
