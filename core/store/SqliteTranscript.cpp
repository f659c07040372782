#include "SqliteTranscript.h"

#include <QChar>

namespace RelayDesk::Store {

namespace {

// A line break inside a line would split it in two on reading.
QString sanitized(const QString& line)
{
    QString result = line.left(SqliteTranscript::MaxLineChars);
    if (line.size() > SqliteTranscript::MaxLineChars)
        result += QStringLiteral(" [cut]");
    for (QChar& c : result) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    }
    return result;
}

qsizetype octets(const QString& line)
{
    return line.toUtf8().size() + 1; // with its "\n"
}

} // namespace

QString SqliteTranscript::omittedMarker(qsizetype lines)
{
    return QStringLiteral("*: [%1 transcript lines omitted]").arg(lines);
}

QVariant SqliteTranscript::encode(const QStringList& lines)
{
    if (lines.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    QStringList clean;
    clean.reserve(lines.size());
    qsizetype total = 0;
    for (const QString& line : lines) {
        clean.append(sanitized(line));
        total += octets(clean.last());
    }
    if (clean.size() <= MaxLines && total <= MaxBytes)
        return clean.join(QLatin1Char('\n'));

    // Keep a head and a tail of equal budgets; the marker takes one line and
    // at most ~40 octets of the total.
    const qsizetype lineBudget = (MaxLines - 1) / 2;
    const qsizetype byteBudget = (MaxBytes - 64) / 2;
    qsizetype head = 0;
    qsizetype headBytes = 0;
    while (head < clean.size() && head < lineBudget &&
           headBytes + octets(clean[head]) <= byteBudget)
        headBytes += octets(clean[head++]);
    qsizetype tail = 0;
    qsizetype tailBytes = 0;
    while (head + tail < clean.size() && tail < lineBudget &&
           tailBytes + octets(clean[clean.size() - 1 - tail]) <= byteBudget)
        tailBytes += octets(clean[clean.size() - 1 - tail++]);

    QStringList kept = clean.mid(0, head);
    kept.append(omittedMarker(clean.size() - head - tail));
    kept.append(clean.mid(clean.size() - tail));
    return kept.join(QLatin1Char('\n'));
}

QStringList SqliteTranscript::decode(const QVariant& column)
{
    if (column.isNull())
        return {};
    const QString text = column.toString();
    if (text.isEmpty())
        return {};
    return text.split(QLatin1Char('\n'));
}

} // namespace RelayDesk::Store
