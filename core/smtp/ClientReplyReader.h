#pragma once

#include "ClientTypes.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace RelayDesk::Smtp {

/// Splits the upstream's byte stream into complete SMTP replies
/// (RFC 5321 4.2), multi-line aware. Every buffer is bounded: a line longer
/// than the limit or a reply with too many lines is an error, so a hostile
/// or broken upstream cannot make us buffer without end.
class ClientReplyReader
{
public:
    ClientReplyReader(int maxLineLength, int maxLines);

    /// Appends bytes and moves every complete reply into `out`. Returns false
    /// (with *error) on a malformed or oversized reply; the reader is then
    /// unusable for this connection.
    bool feed(const QByteArray& data, QVector<ClientReply>& out, QString* error);

    /// Drops buffered input, e.g. whatever arrived after "220" to STARTTLS
    /// (it must not be trusted once TLS is up: CVE-2011-0411 style injection).
    void clear();
    bool hasBufferedInput() const { return !m_buffer.isEmpty() || !m_lines.isEmpty(); }

    /// RFC 3463 status at the start of `text` ("2.0.0 Ok" -> "2.0.0"), only
    /// when its class matches the reply code's first digit.
    static QString parseEnhancedStatus(int code, const QString& text);

    /// The upstream's id for an accepted message, from the common formats:
    /// Postfix/SendGrid "queued as X", Exim "id=X", Exchange/Microsoft 365
    /// "[InternalId=X", Gmail "OK <ts> X - gsmtp", Amazon SES "Ok X",
    /// Sendmail "X Message accepted for delivery". Empty when none found.
    static QString parseQueueId(const QString& text);

private:
    bool takeLine(const QByteArray& line, QVector<ClientReply>& out, QString* error);

    QByteArray m_buffer;
    QStringList m_lines; ///< text of the lines of the reply being read
    int m_code = 0;
    int m_maxLineLength;
    int m_maxLines;
};

} // namespace RelayDesk::Smtp
