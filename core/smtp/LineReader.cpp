#include "LineReader.h"

namespace RelayDesk::Smtp {

LineReader::Step LineReader::read(QByteArrayView bytes, qsizetype limit)
{
    if (m_lineTaken) {
        m_line.resize(0); // keeps the capacity
        m_lineTaken = false;
    }
    const qsizetype lf = bytes.indexOf('\n');
    const QByteArrayView part = lf < 0 ? bytes : bytes.first(lf);
    const qsizetype consumed = lf < 0 ? bytes.size() : lf + 1;
    // +1: the LF counts against the limit too.
    if (!m_discarding && m_line.size() + part.size() + 1 > limit) {
        m_discarding = true; // bounded memory: drop until the next LF
        m_line.resize(0);
    }
    if (lf < 0) {
        if (!m_discarding)
            m_line.append(part);
        return {Status::Incomplete, {}, consumed};
    }
    if (m_discarding) {
        m_discarding = false;
        return {Status::TooLong, {}, consumed};
    }
    QByteArrayView line = part;
    if (!m_line.isEmpty()) {
        m_line.append(part);
        m_lineTaken = true;
        line = m_line;
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return {Status::Line, line, consumed};
}

void LineReader::clear()
{
    m_line.resize(0);
    m_discarding = false;
    m_lineTaken = false;
}

} // namespace RelayDesk::Smtp
