#pragma once

#include "AuditEntry.h"

#include <QString>
#include <QVector>
#include <optional>

namespace RelayDesk::Store {

/// The append-only audit log of admin actions, in table audit_log of an
/// SQLite database (normally the queue's queue.db: open a second instance
/// on the same path; WAL mode and a busy timeout let it share the file with
/// the store). Append-only is enforced by the database itself: triggers
/// abort any UPDATE or DELETE on the table, so neither a bug nor a later
/// code path can rewrite history (dropping the whole table is the only way
/// out, and is not done by any code).
///
/// One instance per thread (it owns a QSqlDatabase connection); calls are
/// synchronous and cheap (one INSERT with synchronous=FULL).
class SqliteAuditLog
{
public:
    SqliteAuditLog();
    ~SqliteAuditLog();
    SqliteAuditLog(const SqliteAuditLog&) = delete;
    SqliteAuditLog& operator=(const SqliteAuditLog&) = delete;

    /// Opens (creating when missing) the database file and the table and
    /// triggers.
    bool open(const QString& databasePath, QString* error);
    void close();
    bool isOpen() const;

    /// Stores the entry; returns its id, or nullopt with *error. An entry
    /// without a valid time gets the current time; action must not be empty.
    std::optional<qint64> append(const AuditEntry& entry, QString* error);
    /// Newest first. nullopt with *error on a database failure.
    std::optional<QVector<AuditEntry>> query(const AuditFilter& filter, QString* error) const;

    /// The connection's name, for tests that try to get around the log.
    QString connectionName() const { return m_connectionName; }

private:
    QString m_connectionName;
};

} // namespace RelayDesk::Store
