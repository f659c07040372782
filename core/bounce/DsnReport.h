#pragma once

#include "DsnTypes.h"
#include "EnhancedStatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace RelayDesk::Bounce {

/// What happened to one recipient, as the delivery engine knows it. Fill it
/// from the recipient's last Store::AttemptOutcome and its RecipientDsnRequest.
struct DsnRecipientReport
{
    QString finalRecipient;              ///< the envelope recipient we delivered to
    OriginalRecipient originalRecipient; ///< from ORCPT; empty: not given
    DsnAction action = DsnAction::Failed;
    /// The enhanced code; when invalid the builder takes it from the reply
    /// text, else from the reply code (EnhancedStatus::fromReplyCode), else
    /// 4.4.1 (delayed) / 4.4.7 (failed after expiry without a reply).
    EnhancedStatus status;
    QString remoteMta; ///< host that answered, without port; empty: none reached
    int replyCode = 0; ///< SMTP reply code; 0: no reply (connection failure, local)
    /// AttemptOutcome::replyText: the reply lines without their codes joined
    /// by '\n', or our own error text when replyCode is 0.
    QString replyText;
    QDateTime lastAttempt;    ///< UTC; invalid: no attempt was made
    QDateTime willRetryUntil; ///< UTC; for Delayed: when we will give up
};

/// One DSN to build: the original message and the recipients it reports on.
struct DsnReport
{
    QString originalSender;     ///< envelope sender of the original: the DSN goes here
    DsnRequest request;         ///< RET and ENVID from the original MAIL FROM
    QDateTime arrivalDate;      ///< when we accepted the original (UTC)
    QByteArray originalContent; ///< canonical content (CRLF), as stored
    QString queueId;            ///< our id of the original, for X-RelayDesk-Queue-ID; may be empty
    QList<DsnRecipientReport> recipients;
};

/// A built DSN, ready to be queued like any message with MAIL FROM:<>.
struct DsnMessage
{
    QString recipient; ///< the original sender: RCPT TO of the DSN
    DsnKind kind = DsnKind::Failure;
    QByteArray content; ///< canonical: CRLF line ends, lines of at most 998 octets
    QString messageId;  ///< with angle brackets
    /// The returned message or headers contain 8-bit octets: the DSN needs
    /// an upstream with 8BITMIME (BODY=8BITMIME), like the original did.
    bool eightBit = false;
    bool returnedFullMessage = false; ///< message/rfc822 (else text/rfc822-headers)
    bool fellBackToHeaders = false;   ///< the full message was wanted but too large
};

} // namespace RelayDesk::Bounce

Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnMessage)
