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
    /// :sender :received :size :helo :client :listener :tls :auth :content
    /// :kind :reports :ret :envid
    QSqlQuery insertMessage;
    QSqlQuery insertRecipient; ///< :message :address :next :updated :notify :orcpt
    QSqlQuery recover;         ///< :now
    /// Runs PRAGMA synchronous (claims and outcomes, see SqliteStore).
    /// Deliberately not prepared: SQLite applies this pragma while compiling
    /// it, so a prepared copy would act at prepare() time and then only
    /// again on re-executions; exec(sql) compiles and applies it each time.
    QSqlQuery synchronous;
    /// :now :limit :updated -> id, message_id, address, attempts, next_attempt,
    /// dsn_notify, dsn_orcpt
    QSqlQuery claimRecipients;
    /// :ids (JSON array of message ids) :now :updated -> like claimRecipients
    QSqlQuery claimRestOfMessages;
    /// :ids (JSON array) -> id, sender, received_at, content, client_addr,
    /// auth_user, listener, dsn_ret, dsn_envid, kind
    QSqlQuery claimedMessages;
    /// :state :next :code :status :text :host :attempted :at :id :message
    QSqlQuery updateRecipient;
    /// :at :state :host :code :status :text :queueid :transcript :id
    QSqlQuery insertLog;
    /// :id :message -> 1 when the recipient or the message still exists
    /// (an outcome for neither is for a message the admin deleted).
    QSqlQuery outcomeTargetExists;
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
    /// -> recipient id, message id, sender, address, client_addr, auth_user,
    /// listener of every recipient not final
    QSqlQuery pendingEnvelopes;
    /// :id :message :others: the message's failure report becomes due when
    /// its last recipient is final and one of them Failed.
    QSqlQuery markFailureDue;
    /// :id -> failure_dsn, failure_dsn_id, delay_warned_at, delay_dsn_id
    QSqlQuery reportState;
    QSqlQuery recordFailureReport; ///< :dsn :id: a failure DSN was made (or none needed)
    QSqlQuery recordDelayReport;   ///< :at :dsn :id: the delay warning was made
    /// :limit -> id, sender, received_at, content, dsn_ret, dsn_envid
    QSqlQuery failureReportsDue;
    /// :cutoff :limit -> like failureReportsDue, with the header section only
    QSqlQuery delayWarningsDue;
    /// :ids (JSON array) -> id, message_id, address, state, attempts,
    /// last_code, last_status, last_text, last_host, last_attempt_at,
    /// next_attempt, dsn_notify, dsn_orcpt
    QSqlQuery candidateRecipients;
};

} // namespace RelayDesk::Store
