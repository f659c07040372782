#include "ContentDecoder.h"

#include <algorithm>

namespace RelayDesk::Smtp {

void ContentDecoder::begin(Mode mode, qint64 maxSize, const QByteArray& prefix,
                           qsizetype reserveHint)
{
    m_mode = mode;
    m_state = State::LineStart;
    m_lineStartAfterCrlf = true; // the CRLF that ended the DATA command
    m_maxSize = maxSize;
    m_size = 0;
    m_lineLength = 0;
    m_lineFolded = false;
    m_overflowed = false;
    m_normalisedLineEnds = 0;
    m_foldedLongLines = 0;
    m_content.clear();
    m_content.reserve(prefix.size() + reserveHint);
    m_content.append(prefix);
}

qsizetype ContentDecoder::feed(QByteArrayView input)
{
    const char* p = input.data();
    const char* const end = p + input.size();
    while (p < end) {
        switch (m_state) {
        case State::LineStart:
            if (m_mode == Mode::Data && *p == '.') {
                // Not counted yet: a stuffing dot or the end marker.
                m_state = State::Dot;
                ++p;
            } else {
                m_state = State::Middle;
            }
            break;
        case State::Middle: {
            const char* q = p;
            while (q < end && *q != '\r' && *q != '\n')
                ++q;
            if (q > p) {
                count(q - p);
                appendText(p, q - p);
            }
            p = q;
            if (p == end)
                break;
            count(1);
            if (*p == '\r') {
                m_state = State::Cr;
            } else { // bare LF
                appendLineEnd();
                ++m_normalisedLineEnds;
                m_lineStartAfterCrlf = false;
                m_state = State::LineStart;
            }
            ++p;
            break;
        }
        case State::Cr:
            appendLineEnd();
            if (*p == '\n') {
                count(1);
                ++p;
                m_lineStartAfterCrlf = true;
            } else { // bare CR: the octet after it starts a new line
                ++m_normalisedLineEnds;
                m_lineStartAfterCrlf = false;
            }
            m_state = State::LineStart;
            break;
        case State::Dot:
            if (*p == '\r') {
                m_state = State::DotCr;
                ++p;
            } else if (*p == '\n') {
                // "\r\n.\n" is not the end. Keep the dot so that the line is
                // re-stuffed on the way out instead of vanishing.
                count(2);
                appendText(".", 1);
                appendLineEnd();
                ++m_normalisedLineEnds;
                m_lineStartAfterCrlf = false;
                m_state = State::LineStart;
                ++p;
            } else {
                // The stuffing dot is dropped and, as RFC 1870 says, not counted.
                m_state = State::Middle;
            }
            break;
        case State::DotCr:
            // Only a line begun after a real CRLF can end the message:
            // "\n.\r\n" and "\r.\r\n" are content.
            if (*p == '\n' && m_lineStartAfterCrlf) {
                m_state = State::Done;
                return p + 1 - input.data();
            }
            count(*p == '\n' ? 3 : 2);
            appendText(".", 1);
            appendLineEnd();
            if (*p == '\n') {
                ++p;
                m_lineStartAfterCrlf = true;
            } else {
                // "\r\n.\r" + anything but LF: a bare CR.
                ++m_normalisedLineEnds;
                m_lineStartAfterCrlf = false;
            }
            m_state = State::LineStart;
            break;
        case State::Done:
            return p - input.data();
        }
    }
    return input.size();
}

void ContentDecoder::finishChunks()
{
    if (m_state == State::Cr) {
        appendLineEnd();
        ++m_normalisedLineEnds;
    } else if (m_state == State::Middle && (m_lineLength > 0 || m_lineFolded)) {
        appendLineEnd(); // canonical content ends with a line end
    }
    m_state = State::Done;
}

QByteArray ContentDecoder::takeContent()
{
    QByteArray content = std::move(m_content);
    m_content = QByteArray();
    return content;
}

void ContentDecoder::appendText(const char* data, qsizetype length)
{
    while (length > 0) {
        if (m_lineLength == MaxLineLength) {
            appendRaw("\r\n ", 3);
            m_lineLength = 1;
            if (!m_lineFolded) {
                m_lineFolded = true;
                ++m_foldedLongLines;
            }
        }
        const qsizetype take = std::min(length, MaxLineLength - m_lineLength);
        appendRaw(data, take);
        m_lineLength += take;
        data += take;
        length -= take;
    }
}

void ContentDecoder::appendLineEnd()
{
    appendRaw("\r\n", 2);
    m_lineLength = 0;
    m_lineFolded = false;
}

void ContentDecoder::count(qsizetype octets)
{
    m_size += octets;
    if (!m_overflowed && m_size > m_maxSize) {
        // Keep reading to the end of the message but stop storing it.
        m_overflowed = true;
        m_content = QByteArray();
    }
}

void ContentDecoder::appendRaw(const char* data, qsizetype length)
{
    if (!m_overflowed)
        m_content.append(data, length);
}

} // namespace RelayDesk::Smtp
