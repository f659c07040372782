#pragma once

#include <QList>
#include <QString>

namespace RelayDesk::Config {

/// Reads the layout of an INI file: which sections and keys are on which
/// line. QSettings parses the values but knows no line numbers and silently
/// skips malformed lines, so the loader scans the file itself to point the
/// admin at the exact line and to reject what QSettings would ignore.
class IniFileScanner
{
public:
    struct Section
    {
        QString name; ///< as written between the brackets ("general" lower-cased)
        int line = 0;
    };
    struct Entry
    {
        QString section;
        QString key;
        QString value; ///< as written, surrounding quotes removed
        int line = 0;
    };

    /// Scans the file. Fails with "FILE:LINE: what" on a line that is neither
    /// blank, comment, [section] nor key = value; on a key outside any
    /// section; on a repeated section or key.
    bool scan(const QString& path, QString* error);

    const QList<Section>& sections() const { return m_sections; }
    const QList<Entry>& entries() const { return m_entries; }
    /// 0 when absent.
    int lineOf(const QString& section, const QString& key) const;
    int lineOfSection(const QString& section) const;

private:
    QList<Section> m_sections;
    QList<Entry> m_entries;
};

} // namespace RelayDesk::Config
