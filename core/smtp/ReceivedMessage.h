#pragma once

#include "bounce/DsnTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Smtp {

/// One message as the SMTP server hands it over for queueing: the envelope,
/// the canonical content (CRLF line ends, lines of at most 998 octets, the
/// Received: header already prepended, no dot-stuffing) and what we know of
/// the client that sent it. A value type: it crosses threads.
struct ReceivedMessage
{
    QString sender; ///< reverse-path without brackets; empty for the null sender <>
    QStringList recipients; ///< forward-paths without brackets, in RCPT order
    QByteArray content;
    QString heloName; ///< the client's EHLO/HELO argument
    QString clientAddress; ///< textual IP address of the client
    quint16 clientPort = 0;
    QString listener; ///< name of the listener that accepted it
    QString tlsVersion; ///< e.g. "TLSv1.3"; empty when the session was plain
    QString authUser; ///< AUTH identity; empty when not authenticated
    bool eightBitMime = false; ///< BODY=8BITMIME was given
    bool smtpUtf8 = false; ///< SMTPUTF8 was given
    QDateTime receivedAt; ///< UTC
    int normalisedLineEnds = 0; ///< bare CR/LF turned into CRLF (logged)
    int foldedLongLines = 0; ///< lines over 998 octets that were split
    /// RFC 3461 RET and ENVID from MAIL FROM; Unspecified / no ENVID when
    /// the client gave none.
    Bounce::DsnRequest dsn;
    /// RFC 3461 NOTIFY and ORCPT from each RCPT TO: one entry per recipient,
    /// same order and size as recipients (a default entry when none given).
    QVector<Bounce::RecipientDsnRequest> recipientDsn;
};

/// Result of queueing a ReceivedMessage, reported back to the SMTP session.
struct SubmitResult
{
    bool ok = false;
    QString queueId; ///< our id, shown in the 250 reply ("queued as ...")
    bool temporary = true; ///< when !ok: 4xx (store full/failing) vs 5xx
    QString error; ///< when !ok: human-readable reason for the log
};

} // namespace RelayDesk::Smtp

Q_DECLARE_METATYPE(RelayDesk::Smtp::ReceivedMessage)
Q_DECLARE_METATYPE(RelayDesk::Smtp::SubmitResult)
