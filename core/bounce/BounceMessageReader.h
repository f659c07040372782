#pragma once

#include "BounceReport.h"

#include <QByteArrayView>

namespace RelayDesk::Bounce {

class MimeEntity;

/// Reads a bounce message into a BounceReport: RFC 3464 DSNs (through
/// DsnParser), ARF feedback reports, RFC 3834 auto-replies, and the
/// human-readable layouts of MTAs that send no DSN (qmail "<addr>:" blocks,
/// Exim "The following address(es) failed:", Sendmail transcripts, Exchange
/// "did not reach the following recipient(s)", OpenSMTPD "addr: reply", ...).
/// Stateless; bounded by DsnParser's and MimeEntity's limits.
class BounceMessageReader
{
public:
    static BounceReport read(QByteArrayView message);

    /// The explanation of a human-readable bounce: the text parts outside any
    /// attached message, cut where the returned copy of the message begins.
    static QString humanText(const MimeEntity& root);

    /// Splits a human-readable bounce text into one entry per recipient
    /// address (in order of first mention as a block start).
    static QList<BounceEntry> splitByRecipient(const QString& text);
};

} // namespace RelayDesk::Bounce
