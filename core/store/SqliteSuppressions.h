#pragma once

#include "service/SuppressionTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVector>
#include <optional>

namespace RelayDesk::Store {

/// The `suppressions` table beside the queue (issue 6): recipients that
/// must not be sent to again, per sender domain, with why and until when.
/// Used on the store worker's thread (StoreWorker::runOnStore) with the
/// store's own connection, like SqliteDevices; the table is created on
/// first use. One row per (sender domain, recipient): adding again renews
/// the entry. Expired rows stay (the GUI can show them) until purged.
///
/// Also reads and writes the list as CSV (RFC 4180, UTF-8, CRLF, header
/// row), the format of the GUI's export and import.
class SqliteSuppressions final
{
public:
    using Entry = Service::SuppressionEntry;

    /// Longest CSV file importSuppressions reads (bytes).
    static constexpr qint64 MaxCsvBytes = 16 * 1024 * 1024;

    static bool ensureTable(const QSqlDatabase& db, QString* error);

    /// Adds or renews the entry for (senderDomain, recipient); both are
    /// stored in lower case. False with *error for an address without "@".
    static bool add(const QSqlDatabase& db, const Entry& entry, QString* error);
    /// Adds every entry in one transaction (all or none).
    static bool addAll(const QSqlDatabase& db, const QVector<Entry>& entries, QString* error);

    /// Removes the entry; false with an empty *error when there was none.
    static bool remove(const QSqlDatabase& db, const QString& senderDomain,
                       const QString& recipient, QString* error);

    /// The entry in force at `now` for mail from a sender of `senderDomain`
    /// to `recipient`: the domain's own entry, else an every-sender entry.
    static std::optional<Entry> find(const QSqlDatabase& db, const QString& senderDomain,
                                     const QString& recipient, const QDateTime& now,
                                     QString* error);

    /// Entries matching `filter`, newest first.
    static QVector<Entry> list(const QSqlDatabase& db, const Service::SuppressionFilter& filter,
                               const QDateTime& now, QString* error);

    /// Removes entries that expired before `now`; returns how many, -1 on error.
    static int purgeExpired(const QSqlDatabase& db, const QDateTime& now, QString* error);

    /// The CSV text of `entries` (header row first). Cells that a
    /// spreadsheet would run as a formula get a leading "'".
    static QByteArray toCsv(const QVector<Entry>& entries);
    /// Reads CSV written by toCsv (or by hand: only `recipient` is
    /// required; columns by header name, any order). A missing `created`
    /// is `now`, a missing `reason` "manual", an empty `expires` never.
    /// Empty result with *error naming the line on the first bad row.
    static QVector<Entry> fromCsv(const QByteArray& csv, const QDateTime& now, QString* error);

    /// "example.com" from "Someone@Example.com"; empty for the null sender.
    static QString domainOf(const QString& address);
};

} // namespace RelayDesk::Store
