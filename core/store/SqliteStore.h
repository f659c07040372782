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
/// commitMessages (and the admin's changes) commit with synchronous=FULL:
/// the WAL is fsynced before they return. claimDue and recordOutcomes commit
/// with synchronous=NORMAL, without an fsync of their own; the next FULL
/// commit (or checkpoint) makes them durable along with everything before
/// it. What that means after kill -9 and after a power failure is explained
/// in docs/durability.md.
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
    QVector<DeliveryJob> claimDue(const QDateTime& now, int maxRecipients, QString* error) override;
    bool recordOutcomes(const QVector<AttemptOutcome>& outcomes, QString* error) override;
    int retryNow(const QDateTime& now, QString* error) override;
    int purgeFinal(const QDateTime& olderThan, QString* error) override;
    std::optional<QDateTime> nextDue() override;
    QueueCounts counts() override;
    QVector<PendingEnvelope> pendingEnvelopes(QString* error) override;
    QVector<DeliveryLogEntry> deliveryLog(qint64 messageId) override;
    QVector<DsnCandidate> failureReportsDue(int maxMessages, QString* error) override;
    bool markFailureReported(const QVector<qint64>& messageIds, QString* error) override;
    QVector<DsnCandidate> delayWarningsDue(const QDateTime& now, qint64 thresholdSeconds,
                                           int maxMessages, QString* error) override;
    bool markDelayWarned(const QVector<qint64>& messageIds, const QDateTime& at,
                         QString* error) override;
    QueuePage queueRows(qint64 afterMessageId, int limit, QString* error) override;
    std::optional<QueueActionCounts> setHeld(const QVector<qint64>& messageIds, bool held,
                                             const QDateTime& now, QString* error) override;
    std::optional<QueueActionCounts> retryMessages(const QVector<qint64>& messageIds,
                                                   const QDateTime& now, QString* error) override;
    std::optional<QueueActionCounts> deleteMessages(const QVector<qint64>& messageIds,
                                                    QString* error) override;
    MessageRecord messageDetail(qint64 messageId, QString* error) override;
    QByteArray messageContent(qint64 messageId, QString* error) override;
    QVector<DeliveryLogRecord> queryDeliveryLog(const DeliveryLogFilter& filter,
                                                QString* error) override;
    QVector<FailedEnvelope> failedRecipients(const QDateTime& since, int limit,
                                             QString* error) override;
    QVector<HourlyAttempts> hourlyCounts(const QDateTime& now, QString* error) override;
    std::optional<DayCounts> todayCounts(const QDateTime& since, QString* error) override;

    /// The Qt Sql connection name of the open database (worker thread only):
    /// for tables kept beside the queue (SqliteDevices), reached with
    /// QSqlDatabase::database(connectionName(), false).
    QString connectionName() const { return m_connectionName; }

private:
    /// One claimDue or recordOutcomes transaction at synchronous=NORMAL;
    /// FULL again when it goes out of scope, whatever happened.
    class RelaxedSync;
    bool restoreStrictSync(QString* error);
    bool setSynchronous(const char* level, QString* error); ///< "FULL" or "NORMAL"

    bool createDirectory(QString* error);
    bool prepare(QString* error); ///< schema and statements on the open connection
    bool begin(QString* error);
    bool commit(QString* error);
    void rollback();
    bool requireOpen(QString* error) const;
    /// Runs one admin action as a durable transaction (synchronous=FULL).
    template <typename Action>
    std::optional<QueueActionCounts> queueAction(const QVector<qint64>& messageIds,
                                                 const char* what, QString* error, Action action);
    void close();

    QString m_directory;
    QString m_connectionName;
    std::unique_ptr<SqliteStatements> m_statements; ///< null until open() succeeded
    bool m_relaxed = false;                         ///< the connection is at synchronous=NORMAL
};

} // namespace RelayDesk::Store
