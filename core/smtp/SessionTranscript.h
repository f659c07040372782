#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace RelayDesk::Smtp {

/// The last lines of one SMTP conversation, for the GUI's session view and
/// for diagnosing a misbehaving device: commands and replies only, never
/// message content; AUTH payloads are masked before they get here. Bounded
/// in lines and line length, so a chatty client cannot grow it.
class SessionTranscript
{
public:
    enum class Direction { Client, Server, Note };

    struct Line
    {
        QDateTime at; ///< UTC
        Direction direction = Direction::Note;
        QString text;
    };

    explicit SessionTranscript(qsizetype maxLines = 200, qsizetype maxLineLength = 300);

    /// One entry per line of text (multi-line replies become several lines).
    void append(Direction direction, QByteArrayView text);

    QList<Line> lines() const { return m_lines; }
    /// "C: ..." / "S: ..." / "*: ..." lines, oldest first.
    QStringList toStringList() const;
    /// Lines dropped at the front because the transcript was full.
    qsizetype droppedLines() const { return m_dropped; }

private:
    QList<Line> m_lines;
    qsizetype m_maxLines;
    qsizetype m_maxLineLength;
    qsizetype m_dropped = 0;
};

} // namespace RelayDesk::Smtp
