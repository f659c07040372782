#pragma once

#include <QStringList>
#include <QVariant>

namespace RelayDesk::Store {

/// How the SMTP transcript of a delivery attempt is kept with its delivery-log
/// row (schema version 4): one TEXT column, lines joined by "\n", bounded so
/// that a chatty or hostile upstream cannot grow the log without limit. When
/// the bounds are hit, the middle is dropped (the greeting and the end of the
/// session are what an admin shows the provider) and a marker line says how
/// many lines are missing.
class SqliteTranscript final
{
public:
    static constexpr qsizetype MaxLines = 200;       ///< including the marker
    static constexpr qsizetype MaxBytes = 64 * 1024; ///< UTF-8 octets of the joined text
    static constexpr qsizetype MaxLineChars = 2048;  ///< longer lines are cut

    /// The column value: SQL NULL for no transcript.
    static QVariant encode(const QStringList& lines);
    static QStringList decode(const QVariant& column);

    /// The marker that replaces dropped lines.
    static QString omittedMarker(qsizetype lines);
};

} // namespace RelayDesk::Store
