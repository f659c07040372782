#pragma once

#include "DsnTypes.h"

#include <QDateTime>
#include <QString>

namespace RelayDesk::Bounce {

/// When RelayDesk sends a DSN and what it returns. Pure decisions, so the
/// delivery engine and the tests share one set of rules:
///
/// - Never to the null sender (a DSN about a DSN would loop; RFC 5321
///   section 4.5.5, RFC 3461 section 6.2).
/// - NOTIFY=NEVER: never. A NOTIFY list: only for the conditions listed.
/// - No NOTIFY: RFC 3461 section 4.1 lets the MTA treat its absence as
///   FAILURE or FAILURE,DELAY. We use FAILURE,DELAY (as Sendmail and Postfix
///   do), since an office user whose printer mail is stuck wants to know
///   before it is given up; success reports only on an explicit SUCCESS.
/// - One failure DSN per message listing every failed recipient, and one
///   delay warning per message, after delayWarningSeconds (4 hours by
///   default); the store remembers that the warning was sent.
/// - Returned content (RFC 3461 section 4.3 applies RET to failure DSNs
///   only): a failure DSN returns the full message for RET=FULL and, like
///   Postfix, when RET is absent, so the sender can resend it; RET=HDRS
///   returns the headers. A full message above maxReturnedBytes (1 MiB)
///   falls back to the headers, saying so in the text. Delay and success
///   reports always return the headers only.
class DsnPolicy
{
public:
    /// What the third part of a DSN carries.
    enum class Returned {
        FullMessage, ///< message/rfc822
        Headers,     ///< text/rfc822-headers
    };

    static constexpr qint64 DefaultDelayWarningSeconds = 4 * 3600;
    static constexpr qint64 DefaultMaxReturnedBytes = 1024 * 1024;

    explicit DsnPolicy(qint64 delayWarningSeconds = DefaultDelayWarningSeconds,
                       qint64 maxReturnedBytes = DefaultMaxReturnedBytes);

    /// The NOTIFY conditions in force for a recipient (the default applied).
    static NotifyConditions effectiveNotify(const RecipientDsnRequest& request);

    /// Whether a DSN of `kind` goes to `sender` (empty: the null sender) for
    /// a recipient with `request`.
    static bool shouldSend(const QString& sender, const RecipientDsnRequest& request, DsnKind kind);

    /// Whether the delay warning for a message is due now: not yet sent,
    /// still undelivered, and older than delayWarningSeconds. 0 disables.
    bool isDelayWarningDue(const QDateTime& arrival, const QDateTime& now,
                           bool alreadyWarned) const;

    /// What a DSN of `kind` returns for a message of `contentSize` octets,
    /// and whether the full message was wanted but too large.
    Returned returnedContent(DsnKind kind, DsnReturn ret, qint64 contentSize,
                             bool* truncatedForSize = nullptr) const;

    qint64 delayWarningSeconds() const { return m_delayWarningSeconds; }
    qint64 maxReturnedBytes() const { return m_maxReturnedBytes; }

private:
    qint64 m_delayWarningSeconds;
    qint64 m_maxReturnedBytes;
};

} // namespace RelayDesk::Bounce
