#pragma once

#include "DsnPolicy.h"
#include "DsnReport.h"

#include <QDateTime>
#include <QString>

namespace RelayDesk::Bounce {

/// Builds delivery status notifications (RFC 3464): a multipart/report;
/// report-type=delivery-status message with
///   1. a plain-language text/plain explanation (what happened to each
///      recipient and what the sender can do; see DsnExplanation),
///   2. the message/delivery-status part (Reporting-MTA, Arrival-Date,
///      Original-Envelope-Id, and per recipient Final-/Original-Recipient,
///      Action, Status, Remote-MTA, Diagnostic-Code with the upstream's full
///      reply, Last-Attempt-Date, Will-Retry-Until),
///   3. the returned message/rfc822 or text/rfc822-headers (DsnPolicy).
/// The DSN comes from "MAILER-DAEMON@<reportingMta>", carries
/// Auto-Submitted: auto-replied (RFC 3834) and is sent with MAIL FROM:<>.
///
/// An expiry is reported as Action: failed with the last temporary status
/// (4.X.X, as RFC 3463 asks for the actual problem rather than 4.4.7 where
/// known); a permanent failure has a 5.X.X status. The class is forced to
/// agree with the action (delayed 4, delivered/relayed/expanded 2).
class DsnBuilder
{
public:
    explicit DsnBuilder(QString reportingMta, DsnPolicy policy = DsnPolicy());

    /// The DSN for `report` (at least one recipient); `now` is its Date.
    DsnMessage build(const DsnReport& report, const QDateTime& now) const;

    /// Failure if any recipient failed, else Delay if any is delayed, else Success.
    static DsnKind kindOf(const QList<DsnRecipientReport>& recipients);
    /// The Status: the builder writes for a recipient (see DsnRecipientReport::status).
    static EnhancedStatus effectiveStatus(const DsnRecipientReport& recipient);
    /// "smtp; 550-5.1.1 first line 550 5.1.1 last line" for a reply, or
    /// "X-RelayDesk; <text>" for our own error (replyCode 0); empty when
    /// there is nothing to say. Non-ASCII and control characters are replaced.
    static QString diagnosticCode(int replyCode, const QString& replyText);
    /// "mx.example.com" from "mx.example.com:25", "::1" from "[::1]:25".
    static QString hostFromUpstream(const QString& hostAndPort);
    /// "Undelivered Mail Returned to Sender", "Delayed Mail (still being
    /// retried)", "Successful Mail Delivery Report".
    static QString subject(DsnKind kind);
    /// RFC 3464 Action value ("failed", ...).
    static QString actionName(DsnAction action);

    const QString& reportingMta() const { return m_reportingMta; }
    const DsnPolicy& policy() const { return m_policy; }

private:
    QString m_reportingMta;
    DsnPolicy m_policy;
};

} // namespace RelayDesk::Bounce
