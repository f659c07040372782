#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace RelayDesk::Smtp {

/// Turns the octets a client sends after DATA (or in BDAT chunks) into
/// canonical message content: CRLF line ends, no dot-stuffing, lines of at
/// most 998 octets.
///
/// Framing is strict against SMTP smuggling: in DATA mode only CRLF "." CRLF
/// ends the message. A bare CR or bare LF never ends or splits anything; it
/// is normalised to CRLF inside the content and counted. Over-long lines are
/// folded with CRLF SP (as Postfix's smtp_line_length_limit does), so memory
/// stays bounded however long a line is.
///
/// The size limit applies to the message as the client sent it (RFC 1870 3:
/// CRLFs included, stuffing dots and the end marker not), not to what is
/// stored: normalising bare LFs and folding long lines must not push a
/// message the client sized correctly over the limit. The stored content is
/// at most twice that (a bare LF becomes CRLF) plus the folds, so memory
/// stays bounded. Content beyond the limit is discarded (and flagged) while
/// the decoder keeps looking for the end.
///
/// Works on spans, not bytes: the input is scanned for CR/LF and copied in
/// runs into a buffer reserved up front.
class ContentDecoder
{
public:
    enum class Mode {
        Data,   ///< dot-stuffed, ends at CRLF.CRLF
        Chunks, ///< BDAT: raw octets, the caller counts the chunk sizes
    };

    static constexpr qsizetype MaxLineLength = 998;

    /// Starts a new message. The prefix (the Received: header) is put in front
    /// of the content and does not count against maxSize.
    void begin(Mode mode, qint64 maxSize, const QByteArray& prefix, qsizetype reserveHint);

    /// Consumes input and returns how many octets it used. In Data mode it
    /// stops right after the end marker; the rest belongs to the next command.
    qsizetype feed(QByteArrayView input);

    /// Chunks mode: the last chunk was fed. Completes a line left open.
    void finishChunks();

    bool isComplete() const { return m_state == State::Done; }
    bool isOverflowed() const { return m_overflowed; }
    /// Message octets as the client sent them so far (RFC 1870 counting:
    /// before normalisation and folding, no stuffing dots, no end marker).
    qint64 size() const { return m_size; }
    int normalisedLineEnds() const { return m_normalisedLineEnds; }
    int foldedLongLines() const { return m_foldedLongLines; }

    /// Hands the content over and releases the buffer.
    QByteArray takeContent();

private:
    enum class State { LineStart, Middle, Cr, Dot, DotCr, Done };

    /// Counts octets the client sent against the limit.
    void count(qsizetype octets);
    void appendText(const char* data, qsizetype length);
    void appendLineEnd();
    void appendRaw(const char* data, qsizetype length);

    QByteArray m_content;
    Mode m_mode = Mode::Data;
    State m_state = State::LineStart;
    qint64 m_maxSize = 0;
    qint64 m_size = 0;
    qsizetype m_lineLength = 0;
    bool m_lineFolded = false;
    bool m_lineStartAfterCrlf = true; ///< the current line began after a real CRLF
    bool m_overflowed = false;
    int m_normalisedLineEnds = 0;
    int m_foldedLongLines = 0;
};

} // namespace RelayDesk::Smtp
