#pragma once

#include <QSqlQuery>

class QSqlDatabase;

namespace RelayDesk::Store {

/// The SQL of SqliteStore, prepared once per connection and reused for
/// every call, so that SQLite parses each statement once instead of once
/// per message. Bound parameters are named after the columns they fill.
struct SqliteStatements
{
    explicit SqliteStatements(const QSqlDatabase& db);

    /// Prepares every statement; false with *error naming the failing one.
    bool prepare(QString* error);

    QSqlQuery begin;
    QSqlQuery commit;
    QSqlQuery rollback;
    QSqlQuery
        insertMessage; ///< :sender :received :size :helo :client :listener :tls :auth :content
    QSqlQuery insertRecipient; ///< :message :address :next :updated
    QSqlQuery recover;         ///< :now
    /// Runs PRAGMA synchronous (claims and outcomes, see SqliteStore).
    /// Deliberately not prepared: SQLite applies this pragma while compiling
    /// it, so a prepared copy would act at prepare() time and then only
    /// again on re-executions; exec(sql) compiles and applies it each time.
    QSqlQuery synchronous;
    /// :now :limit :updated -> id, message_id, address, attempts, next_attempt
    QSqlQuery claimRecipients;
    /// :ids (JSON array of message ids) :now :updated -> like claimRecipients
    QSqlQuery claimRestOfMessages;
    QSqlQuery claimedMessages; ///< :ids (JSON array) -> id, sender, received_at, content
    QSqlQuery updateRecipient; ///< :state :next :code :status :text :at :id :message
    QSqlQuery insertLog;       ///< :at :state :host :code :status :text :queueid :id
    QSqlQuery dropContent;     ///< :id :message
    QSqlQuery retryDeferred;   ///< :due :updated
    QSqlQuery markPurgeable;   ///< :before; fills temp.purge_ids
    QSqlQuery purgeLog;        ///< the log rows of temp.purge_ids
    QSqlQuery purgeRecipients; ///< their envelopes
    QSqlQuery purgeMessages;   ///< the messages themselves
    QSqlQuery clearPurgeable;  ///< empties temp.purge_ids
    QSqlQuery nextDue;         ///< -> due or NULL
    QSqlQuery countByState;    ///< -> state, count
    QSqlQuery oldestPending;   ///< -> received_at or NULL
    QSqlQuery logOfMessage;    ///< :id -> delivery_log columns
};

} // namespace RelayDesk::Store
