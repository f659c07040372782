#include "SqliteStatements.h"

#include "StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace RelayDesk::Store {

namespace {

constexpr int Queued = int(RecipientState::Queued);
constexpr int InFlight = int(RecipientState::InFlight);
constexpr int Deferred = int(RecipientState::Deferred);
constexpr int Delivered = int(RecipientState::Delivered);
constexpr int Failed = int(RecipientState::Failed);
constexpr int Held = int(RecipientState::Held);

} // namespace

SqliteStatements::SqliteStatements(const QSqlDatabase& db)
    : begin(db), commit(db), rollback(db), insertMessage(db), insertRecipient(db), recover(db),
      synchronous(db), claimRecipients(db), claimRestOfMessages(db), claimedMessages(db),
      updateRecipient(db), insertLog(db), outcomeTargetExists(db), dropContent(db),
      retryDeferred(db), markPurgeable(db), purgeLog(db), purgeRecipients(db), purgeMessages(db),
      clearPurgeable(db), nextDue(db), countByState(db), oldestPending(db), logOfMessage(db),
      pendingEnvelopes(db), markFailureDue(db), reportState(db), recordFailureReport(db),
      recordDelayReport(db), failureReportsDue(db), delayWarningsDue(db), candidateRecipients(db)
{
    // Selects (and RETURNING) are forward-only: no client-side row cache for content blobs.
    for (QSqlQuery* query :
         {&claimRecipients, &claimRestOfMessages, &claimedMessages, &nextDue, &countByState,
          &oldestPending, &logOfMessage, &pendingEnvelopes, &outcomeTargetExists, &reportState,
          &failureReportsDue, &delayWarningsDue, &candidateRecipients})
        query->setForwardOnly(true);
}

bool SqliteStatements::prepare(QString* error)
{
    const QString pending = QStringLiteral("state IN (%1, %2)").arg(Queued).arg(Deferred);
    const struct
    {
        QSqlQuery* query;
        QString sql;
    } statements[] = {
        // IMMEDIATE takes the write lock up front, so a transaction never
        // fails half-way on a lock upgrade when another process reads.
        {&begin, QStringLiteral("BEGIN IMMEDIATE")},
        {&commit, QStringLiteral("COMMIT")},
        {&rollback, QStringLiteral("ROLLBACK")},
        {&insertMessage,
         QStringLiteral("INSERT INTO messages (sender, received_at, size, helo, client_addr, "
                        "listener, tls_version, auth_user, content, kind, reports_on, dsn_ret, "
                        "dsn_envid) VALUES (:sender, :received, :size, :helo, :client, "
                        ":listener, :tls, :auth, :content, :kind, :reports, :ret, :envid)")},
        {&insertRecipient,
         QStringLiteral("INSERT INTO recipients (message_id, address, state, attempts, "
                        "next_attempt, updated_at, dsn_notify, dsn_orcpt) VALUES (:message, "
                        ":address, %1, 0, :next, :updated, :notify, :orcpt)")
             .arg(Queued)},
        {&recover, QStringLiteral("UPDATE recipients SET state = %1, updated_at = :now WHERE "
                                  "state = %2")
                       .arg(Queued)
                       .arg(InFlight)},
        // The first :limit due recipients, oldest due first, become InFlight
        // in one statement. Each pending state is one range scan of the
        // (state, next_attempt) index that stops after :limit entries; its
        // order (next_attempt, then rowid) is the index order, so nothing
        // but the at most 2 * :limit candidates is ever sorted, however
        // long the backlog. (A "state IN (...) GROUP BY message_id" visits
        // and sorts every due row on every claim instead.)
        {&claimRecipients,
         QStringLiteral(
             "WITH due (id, due) AS (SELECT id, next_attempt FROM (SELECT id, next_attempt "
             "FROM recipients WHERE state = %1 AND next_attempt <= :now ORDER BY next_attempt, "
             "id LIMIT :limit) UNION ALL SELECT id, next_attempt FROM (SELECT id, next_attempt "
             "FROM recipients WHERE state = %2 AND next_attempt <= :now ORDER BY next_attempt, "
             "id LIMIT :limit)) UPDATE recipients SET state = %3, updated_at = :updated WHERE id "
             "IN (SELECT id FROM due ORDER BY due, id LIMIT :limit) RETURNING id, message_id, "
             "address, attempts, next_attempt, dsn_notify, dsn_orcpt")
             .arg(Queued)
             .arg(Deferred)
             .arg(InFlight)},
        // The due recipients the limit cut off from messages already
        // claimed, so that a message is never split across two claims.
        // INDEXED BY: left alone, the planner takes recipients_due and
        // scans every due row once per message.
        {&claimRestOfMessages,
         QStringLiteral("UPDATE recipients INDEXED BY recipients_message SET state = %1, "
                        "updated_at = :updated WHERE message_id IN (SELECT value FROM "
                        "json_each(:ids)) AND %2 AND next_attempt <= :now RETURNING id, "
                        "message_id, address, attempts, next_attempt, dsn_notify, dsn_orcpt")
             .arg(InFlight)
             .arg(pending)},
        {&claimedMessages,
         QStringLiteral("SELECT id, sender, received_at, content, client_addr, auth_user, "
                        "listener, dsn_ret, dsn_envid, kind FROM messages WHERE id IN (SELECT "
                        "value FROM json_each(:ids))")},
        // A NULL :next keeps next_attempt (final and held envelopes).
        {&updateRecipient,
         QStringLiteral("UPDATE recipients SET state = :state, attempts = attempts + 1, "
                        "next_attempt = COALESCE(:next, next_attempt), last_code = :code, "
                        "last_status = :status, last_text = :text, last_host = :host, "
                        "last_attempt_at = :attempted, updated_at = :at WHERE id = :id AND "
                        "message_id = :message")},
        {&insertLog,
         QStringLiteral("INSERT INTO delivery_log (message_id, recipient_id, recipient, "
                        "attempted_at, result_state, upstream_host, reply_code, enhanced_status, "
                        "reply_text, upstream_queue_id, transcript) SELECT message_id, id, "
                        "address, :at, :state, :host, :code, :status, :text, :queueid, "
                        ":transcript FROM recipients WHERE id = :id")},
        {&outcomeTargetExists,
         QStringLiteral("SELECT EXISTS (SELECT 1 FROM recipients WHERE id = :id) OR EXISTS "
                        "(SELECT 1 FROM messages WHERE id = :message)")},
        // A message awaiting its failure report keeps its content: the
        // report may return it (RET).
        {&dropContent, QStringLiteral("UPDATE messages SET content = NULL WHERE id = :id AND "
                                      "content IS NOT NULL AND failure_dsn <> 1 AND NOT EXISTS "
                                      "(SELECT 1 FROM recipients WHERE message_id = :message "
                                      "AND state NOT IN (%1, %2))")
                           .arg(Delivered)
                           .arg(Failed)},
        // Never for the null sender (a report about a report would loop).
        {&markFailureDue,
         QStringLiteral("UPDATE messages SET failure_dsn = 1 WHERE id = :id AND failure_dsn = 0 "
                        "AND sender <> '' AND EXISTS (SELECT 1 FROM recipients WHERE message_id "
                        "= :message AND state = %1) AND NOT EXISTS (SELECT 1 FROM recipients "
                        "WHERE message_id = :others AND state NOT IN (%2, %1))")
             .arg(Failed)
             .arg(Delivered)},
        // MIN keeps a recipient that was already due in its place in the
        // claim order (oldest due first).
        {&retryDeferred, QStringLiteral("UPDATE recipients SET next_attempt = "
                                        "MIN(next_attempt, :due), updated_at = :updated WHERE "
                                        "state = %1")
                             .arg(Deferred)},
        // Checks every recipient rather than trusting "content IS NULL":
        // retention must never remove a message that still has work to do.
        // The ids are collected once, then each table is purged in one
        // statement rather than three statements per message.
        {&markPurgeable,
         QStringLiteral("INSERT INTO temp.purge_ids (id) SELECT id FROM messages AS m WHERE "
                        "EXISTS (SELECT 1 FROM recipients WHERE message_id = m.id) AND NOT "
                        "EXISTS (SELECT 1 FROM recipients WHERE message_id = m.id AND (state NOT "
                        "IN (%1, %2) OR updated_at >= :before)) AND m.failure_dsn <> 1")
             .arg(Delivered)
             .arg(Failed)},
        // Children first, explicitly: the result does not depend on the
        // foreign_keys setting, and a PostgreSQL backend can do the same.
        {&purgeLog, QStringLiteral("DELETE FROM delivery_log WHERE message_id IN (SELECT id "
                                   "FROM temp.purge_ids)")},
        {&purgeRecipients, QStringLiteral("DELETE FROM recipients WHERE message_id IN (SELECT "
                                          "id FROM temp.purge_ids)")},
        {&purgeMessages,
         QStringLiteral("DELETE FROM messages WHERE id IN (SELECT id FROM temp.purge_ids)")},
        {&clearPurgeable, QStringLiteral("DELETE FROM temp.purge_ids")},
        // Two MIN() lookups on the (state, next_attempt) index instead of a scan.
        {&nextDue, QStringLiteral("SELECT MIN(due) FROM (SELECT MIN(next_attempt) AS due FROM "
                                  "recipients WHERE state = %1 UNION ALL SELECT "
                                  "MIN(next_attempt) FROM recipients WHERE state = %2)")
                       .arg(Queued)
                       .arg(Deferred)},
        // Kept by triggers (schema version 2): a few rows, however long the history.
        {&countByState, QStringLiteral("SELECT state, envelopes FROM state_counts")},
        // Content is kept exactly while some recipient is not final, so the
        // partial index messages_pending answers this without a scan.
        {&oldestPending,
         QStringLiteral("SELECT MIN(received_at) FROM messages WHERE content IS NOT NULL")},
        {&logOfMessage,
         QStringLiteral("SELECT id, message_id, recipient, attempted_at, result_state, "
                        "upstream_host, reply_code, enhanced_status, reply_text, "
                        "upstream_queue_id FROM delivery_log WHERE message_id = :id ORDER BY id")},
        // Each listed state is a range of the (state, next_attempt) index,
        // so the final history is never visited.
        {&pendingEnvelopes,
         QStringLiteral("SELECT r.id, r.message_id, m.sender, r.address, m.client_addr, "
                        "m.auth_user, m.listener FROM recipients AS r JOIN messages AS m ON "
                        "m.id = r.message_id WHERE r.state IN (%1, %2, %3, %4) ORDER BY "
                        "r.message_id, r.id")
             .arg(Queued)
             .arg(InFlight)
             .arg(Deferred)
             .arg(Held)},
        {&reportState, QStringLiteral("SELECT failure_dsn, failure_dsn_id, delay_warned_at, "
                                      "delay_dsn_id FROM messages WHERE id = :id")},
        {&recordFailureReport, QStringLiteral("UPDATE messages SET failure_dsn = 2, "
                                              "failure_dsn_id = :dsn WHERE id = :id AND "
                                              "failure_dsn <> 2")},
        {&recordDelayReport, QStringLiteral("UPDATE messages SET delay_warned_at = :at, "
                                            "delay_dsn_id = :dsn WHERE id = :id AND "
                                            "delay_warned_at IS NULL")},
        // The partial index messages_failure_dsn_due holds exactly these.
        {&failureReportsDue,
         QStringLiteral("SELECT id, sender, received_at, content, dsn_ret, dsn_envid FROM "
                        "messages WHERE failure_dsn = 1 ORDER BY id LIMIT :limit")},
        // The WHERE repeats messages_delay_unwarned's condition so that the
        // planner takes that index. A delay warning returns the header
        // section only (DsnPolicy), so only that leaves the database.
        {&delayWarningsDue,
         QStringLiteral("SELECT id, sender, received_at, CASE WHEN instr(content, "
                        "X'0D0A0D0A') > 0 THEN substr(content, 1, instr(content, X'0D0A0D0A') "
                        "+ 3) ELSE content END, dsn_ret, dsn_envid FROM messages AS m WHERE "
                        "content IS NOT NULL AND delay_warned_at IS NULL AND sender <> '' AND "
                        "received_at <= :cutoff AND EXISTS (SELECT 1 FROM recipients WHERE "
                        "message_id = m.id AND state = %1) ORDER BY received_at, id LIMIT :limit")
             .arg(Deferred)},
        {&candidateRecipients,
         QStringLiteral("SELECT id, message_id, address, state, attempts, last_code, "
                        "last_status, last_text, last_host, last_attempt_at, next_attempt, "
                        "dsn_notify, dsn_orcpt FROM recipients WHERE message_id IN (SELECT value "
                        "FROM json_each(:ids)) ORDER BY message_id, id")},
    };
    for (const auto& statement : statements) {
        if (!statement.query->prepare(statement.sql)) {
            if (error)
                *error = QStringLiteral("prepare \"%1\": %2")
                             .arg(statement.sql, statement.query->lastError().text());
            return false;
        }
    }
    return true;
}

} // namespace RelayDesk::Store
