#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace RelayDesk::Smtp {

/// Cuts command lines (and SASL response lines) out of the client's byte
/// stream with bounded memory. A line longer than the limit is not kept: the
/// reader skips to its LF and reports it once, so a client sending megabytes
/// without a line end costs nothing.
///
/// A line that arrived in one piece is returned as a view into the input (no
/// copy); one that arrived in pieces is assembled in the reader's buffer.
/// Either view is valid until the next call.
class LineReader
{
public:
    enum class Status {
        Incomplete, ///< all input taken, no LF yet
        Line,       ///< a complete line (without its CRLF or LF)
        TooLong,    ///< a line over the limit ended; it was dropped
    };

    struct Step
    {
        Status status = Status::Incomplete;
        QByteArrayView line;    ///< with Status::Line
        qsizetype consumed = 0; ///< octets of the input used, up to the LF
    };

    explicit LineReader(qsizetype reserve) { m_line.reserve(reserve); }

    /// Reads up to and including the next LF. limit counts the CRLF too.
    Step read(QByteArrayView bytes, qsizetype limit);
    /// Forgets a partial line (STARTTLS: nothing sent before it may count).
    void clear();

private:
    QByteArray m_line;
    bool m_discarding = false;
    bool m_lineTaken = false; ///< m_line holds the line returned last time
};

} // namespace RelayDesk::Smtp
