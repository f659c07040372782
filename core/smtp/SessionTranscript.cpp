#include "SessionTranscript.h"

#include <QStringList>

namespace RelayDesk::Smtp {

SessionTranscript::SessionTranscript(qsizetype maxLines, qsizetype maxLineLength)
    : m_maxLines(maxLines), m_maxLineLength(maxLineLength)
{}

void SessionTranscript::append(Direction direction, QByteArrayView text)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (!text.isEmpty()) {
        qsizetype end = text.indexOf('\n');
        QByteArrayView line = end < 0 ? text : text.first(end);
        text = end < 0 ? QByteArrayView() : text.sliced(end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        Line entry;
        entry.at = now;
        entry.direction = direction;
        if (line.size() > m_maxLineLength) {
            entry.text = QString::fromUtf8(line.first(m_maxLineLength)) + QStringLiteral("...");
        } else {
            entry.text = QString::fromUtf8(line);
        }
        if (m_lines.size() >= m_maxLines) {
            m_lines.removeFirst();
            ++m_dropped;
        }
        m_lines.append(entry);
    }
}

QStringList SessionTranscript::toStringList() const
{
    QStringList out;
    out.reserve(m_lines.size());
    for (const Line& line : m_lines) {
        const char* prefix = line.direction == Direction::Client   ? "C: "
                             : line.direction == Direction::Server ? "S: "
                                                                   : "*: ";
        out.append(QLatin1String(prefix) + line.text);
    }
    return out;
}

} // namespace RelayDesk::Smtp
