#pragma once

#include <QFlags>
#include <QMetaType>
#include <QString>

namespace RelayDesk::Bounce {

/// RET (RFC 3461 section 4.3): how much of the message a failure DSN returns.
enum class DsnReturn {
    Unspecified, ///< no RET parameter: our default applies (see DsnPolicy)
    Full,        ///< RET=FULL: the whole message
    Headers,     ///< RET=HDRS: the header section only
};

/// One NOTIFY condition (RFC 3461 section 4.1).
enum class NotifyCondition : unsigned {
    Success = 0x1,
    Failure = 0x2,
    Delay = 0x4,
};
Q_DECLARE_FLAGS(NotifyConditions, NotifyCondition)
Q_DECLARE_OPERATORS_FOR_FLAGS(NotifyConditions)

/// The kind of report a DSN is; decides the subject, the returned content
/// and which NOTIFY condition must be set.
enum class DsnKind {
    Failure, ///< permanent failure or expiry ("failed")
    Delay,   ///< delay warning ("delayed"), while we keep retrying
    Success, ///< "delivered" / "relayed" / "expanded" (only on NOTIFY=SUCCESS)
};

/// RFC 3464 section 2.3.3 Action values.
enum class DsnAction {
    Failed,
    Delayed,
    Delivered,
    Relayed,
    Expanded,
};

/// ORCPT (RFC 3461 section 4.2): the recipient as the original sender gave
/// it, before aliasing or forwarding. Stored decoded.
struct OriginalRecipient
{
    QString addressType; ///< "rfc822" (or "utf-8", RFC 6533), as given
    QString address;     ///< xtext-decoded
    bool isEmpty() const { return addressType.isEmpty(); }
    friend bool operator==(const OriginalRecipient&, const OriginalRecipient&) = default;
};

/// The DSN parameters of one message, recorded at MAIL FROM (RET, ENVID).
struct DsnRequest
{
    DsnReturn ret = DsnReturn::Unspecified;
    QString envelopeId; ///< ENVID, xtext-decoded; empty when not given
    bool hasEnvelopeId = false;
    friend bool operator==(const DsnRequest&, const DsnRequest&) = default;
};

/// The DSN parameters of one recipient, recorded at RCPT TO (NOTIFY, ORCPT).
struct RecipientDsnRequest
{
    bool notifyGiven = false;  ///< false: no NOTIFY, the RFC 3461 default applies
    NotifyConditions notify{}; ///< empty with notifyGiven: NOTIFY=NEVER
    OriginalRecipient originalRecipient;

    bool isNever() const { return notifyGiven && !notify; }
    friend bool operator==(const RecipientDsnRequest&, const RecipientDsnRequest&) = default;
};

} // namespace RelayDesk::Bounce

Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnRequest)
Q_DECLARE_METATYPE(RelayDesk::Bounce::RecipientDsnRequest)
