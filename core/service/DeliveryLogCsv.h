#pragma once

#include "AdminTypes.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace RelayDesk::Service {

/// The Delivery log page's CSV export: RFC 4180 (comma separated, CRLF
/// line ends, fields with a comma, quote or line break quoted, quotes
/// doubled), UTF-8, a header row. A cell that a spreadsheet would run as a
/// formula (starting with = + - @, or a tab / carriage return) is prefixed
/// with an apostrophe, so that a crafted reply text or sender cannot run
/// anything on the admin's machine (CSV injection).
class DeliveryLogCsv final
{
public:
    static QByteArray header();
    static QByteArray row(const DeliveryLogRow& row);
    static QByteArray document(const QVector<DeliveryLogRow>& rows);
    /// One field, quoted and neutralised as needed.
    static QString cell(const QString& value);
    /// Writes `rows` to `path` atomically (QSaveFile, mode 0600: the log
    /// names senders and recipients). Empty on success, else the error.
    static QString write(const QString& path, const QVector<DeliveryLogRow>& rows);
};

} // namespace RelayDesk::Service
