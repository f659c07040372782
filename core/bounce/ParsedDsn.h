#pragma once

#include "DsnTypes.h"
#include "EnhancedStatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <optional>

namespace RelayDesk::Bounce {

/// One per-recipient block of a message/delivery-status part, as read.
/// Typed fields where the RFC gives a syntax, the raw text where issue 6's
/// classifier needs it, and every field for the extensions (X-...).
struct ParsedDsnRecipient
{
    QString finalRecipientType; ///< "rfc822" (lower case)
    QString finalRecipient;     ///< the address, without "<>"
    QString originalRecipientType;
    QString originalRecipient;
    QString actionText;              ///< lower case, as written ("failed")
    std::optional<DsnAction> action; ///< nullopt for unknown values
    QString statusText;              ///< as written ("5.1.1", sometimes "5.1.1 (text)")
    EnhancedStatus status;           ///< invalid when statusText holds no code
    QString remoteMtaType;           ///< "dns"
    QString remoteMta;
    QString diagnosticType;    ///< "smtp", "x-postfix", ...
    QString diagnosticCode;    ///< the text after "type;", unfolded
    QDateTime lastAttemptDate; ///< UTC; invalid when absent or unreadable
    QDateTime willRetryUntil;
    QString finalLogId;
    QList<QPair<QString, QString>> fields; ///< every field, in order

    /// The SMTP reply code at the start of an "smtp" diagnostic, or 0.
    int replyCode() const;
    /// The recipient's address: Final-Recipient, or Original-Recipient when
    /// a (non-conforming) MTA wrote only that.
    QString address() const
    {
        return finalRecipient.isEmpty() ? originalRecipient : finalRecipient;
    }
};

/// A DSN read back: the report's per-message fields, its recipients, the
/// human-readable text and what it says about the original message (for
/// matching an incoming bounce to the message it reports on).
struct ParsedDsn
{
    bool valid = false; ///< a message/delivery-status part was found and read
    QString error;      ///< why not, when !valid

    QString reportingMtaType;
    QString reportingMta;
    QString receivedFromMta;
    QString originalEnvelopeId;
    QDateTime arrivalDate;
    QList<QPair<QString, QString>> messageFields; ///< every per-message field
    QList<ParsedDsnRecipient> recipients;

    bool isMultipartReport = false; ///< top level multipart/report (RFC 6522)
    QString reportType;             ///< its report-type parameter
    QString subject;                ///< of the DSN itself
    QString from;
    QString humanReadable; ///< first text/plain part, decoded (best effort)

    QByteArray returnedHeaders; ///< header section of the returned message
    bool returnedFullMessage = false;
    QString originalMessageId; ///< from returnedHeaders
    QString originalSubject;
};

} // namespace RelayDesk::Bounce

Q_DECLARE_METATYPE(RelayDesk::Bounce::ParsedDsn)
