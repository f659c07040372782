#pragma once

#include "MessageStore.h"
#include "SqliteSchema.h"

#include <QString>
#include <memory>

namespace RelayDesk::Store {

struct SqliteStatements;

/// The embedded MessageStore: one SQLite database (`queue.db`, WAL,
/// synchronous=FULL) in the data directory, reached through Qt Sql's QSQLITE
/// driver. Message content lives in the database and is dropped once every
/// recipient is final; the envelopes and the delivery log stay.
///
/// Not thread-safe: the connection belongs to the thread that called open()
/// and every later call (and the destructor) must come from that thread.
/// StoreWorker arranges that.
class SqliteStore final : public MessageStore
{
public:
    /// Schema version written to PRAGMA user_version.
    static constexpr int SchemaVersion = SqliteSchema::Version;

    /// `dataDirectory` is created (mode 0700) by open() when missing.
    explicit SqliteStore(QString dataDirectory);
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    /// Full path of the database file.
    QString databasePath() const;

    bool open(QString* error) override;
    QVector<qint64> commitMessages(const QVector<NewMessage>& messages, QString* error) override;
    int recoverInFlight(QString* error) override;
    QVector<DeliveryJob> claimDue(const QDateTime& now, int maxMessages, QString* error) override;
    bool recordOutcomes(const QVector<AttemptOutcome>& outcomes, QString* error) override;
    int retryNow(const QDateTime& now, QString* error) override;
    int purgeFinal(const QDateTime& olderThan, QString* error) override;
    std::optional<QDateTime> nextDue() override;
    QueueCounts counts() override;
    QVector<DeliveryLogEntry> deliveryLog(qint64 messageId) override;

private:
    bool createDirectory(QString* error);
    bool prepare(QString* error); ///< schema and statements on the open connection
    bool begin(QString* error);
    bool commit(QString* error);
    void rollback();
    bool requireOpen(QString* error) const;
    void close();

    QString m_directory;
    QString m_connectionName;
    std::unique_ptr<SqliteStatements> m_statements; ///< null until open() succeeded
};

} // namespace RelayDesk::Store
