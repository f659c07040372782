#include "IniFileScanner.h"

#include <QFile>

namespace RelayDesk::Config {

bool IniFileScanner::scan(const QString& path, QString* error)
{
    m_sections.clear();
    m_entries.clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return false;
    }
    // Configuration files are small; a huge one is a mistake (wrong path).
    constexpr qint64 maxSize = 1024 * 1024;
    if (file.size() > maxSize) {
        *error = QStringLiteral("%1: larger than 1 MiB, not a configuration file").arg(path);
        return false;
    }
    QByteArray content = file.readAll();
    if (content.startsWith("\xEF\xBB\xBF")) // UTF-8 BOM from Windows editors
        content.remove(0, 3);
    const QList<QByteArray> lines = content.split('\n');
    QString section;
    for (int index = 0; index < lines.size(); ++index) {
        const int lineNumber = index + 1;
        const QString line = QString::fromUtf8(lines.at(index)).trimmed();
        const auto fail = [&](const QString& what) {
            *error = QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(what);
            return false;
        };
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) ||
            line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']')))
                return fail(QStringLiteral("malformed section header %1").arg(line));
            section = line.mid(1, line.size() - 2).trimmed();
            // QSettings treats [General] (any case) as the top level.
            if (section.compare(QLatin1String("general"), Qt::CaseInsensitive) == 0)
                section = QStringLiteral("general");
            if (section.isEmpty())
                return fail(QStringLiteral("empty section name"));
            const int previous = lineOfSection(section);
            if (previous != 0)
                return fail(QStringLiteral("[%1] repeats the section of line %2")
                                .arg(section)
                                .arg(previous));
            m_sections.append({section, lineNumber});
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            return fail(QStringLiteral("\"%1\": expected key = value").arg(line));
        const QString key = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (key.isEmpty())
            return fail(QStringLiteral("missing key before '='"));
        if (section.isEmpty())
            return fail(
                QStringLiteral("%1: key outside a section (start with e.g. [general])").arg(key));
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) &&
            value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        const int previous = lineOf(section, key);
        if (previous != 0)
            return fail(QStringLiteral("[%1] %2: repeats the key of line %3")
                            .arg(section, key)
                            .arg(previous));
        m_entries.append({section, key, value, lineNumber});
    }
    return true;
}

int IniFileScanner::lineOf(const QString& section, const QString& key) const
{
    for (const Entry& entry : m_entries) {
        if (entry.section == section && entry.key == key)
            return entry.line;
    }
    return 0;
}

int IniFileScanner::lineOfSection(const QString& section) const
{
    for (const Section& entry : m_sections) {
        if (entry.name == section)
            return entry.line;
    }
    return 0;
}

} // namespace RelayDesk::Config
