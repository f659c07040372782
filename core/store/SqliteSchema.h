#pragma once

#include <QString>

class QSqlDatabase;

namespace RelayDesk::Store {

/// Prepares a freshly opened SQLite connection for the queue: the PRAGMAs
/// that make every commit durable (WAL, synchronous=FULL; see
/// docs/durability.md for the transactions that relax it) and the schema,
/// created on first use and versioned through PRAGMA user_version. New
/// schema versions add a migration step here.
class SqliteSchema final
{
public:
    /// The version this build creates and understands.
    static constexpr int Version = 4;

    /// Per-connection settings; must run before any transaction.
    static bool configure(const QSqlDatabase& db, QString* error);

    /// Creates the schema in an empty database, migrates an older one in one
    /// transaction, accepts the current one, and refuses a database written
    /// by a newer RelayDesk. `directory` is synced
    /// after the database file was created, so that its name is durable too.
    static bool ensure(const QSqlDatabase& db, const QString& directory, QString* error);
};

} // namespace RelayDesk::Store
