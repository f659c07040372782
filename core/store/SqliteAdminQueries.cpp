#include "SqliteAdminQueries.h"

#include "SqliteDsnColumns.h"
#include "SqliteTranscript.h"
#include "bounce/DsnParameters.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace RelayDesk::Store {

namespace {

constexpr int Queued = int(RecipientState::Queued);
constexpr int InFlight = int(RecipientState::InFlight);
constexpr int Deferred = int(RecipientState::Deferred);
constexpr int Delivered = int(RecipientState::Delivered);
constexpr int Failed = int(RecipientState::Failed);
constexpr int Held = int(RecipientState::Held);

// Verbatim the WHERE of the partial index recipients_pending (schema
// version 4): SQLite uses a partial index only for a query that repeats it.
const char* const PendingCondition = "state IN (0, 1, 2, 5)";
static_assert(Queued == 0 && InFlight == 1 && Deferred == 2 && Held == 5);

// A header section is small; a message without a blank line (all header, or
// a broken one) must not bring megabytes into the detail view.
constexpr int MaxHeaderBytes = 256 * 1024;

constexpr qint64 HourMs = 3600 * 1000;

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

bool fail(QSqlQuery& query, const char* what, QString* error)
{
    const QSqlError e = query.lastError();
    setError(error, QStringLiteral("%1: %2").arg(QLatin1String(what), e.databaseText().isEmpty()
                                                                          ? e.text()
                                                                          : e.databaseText()));
    return false;
}

// Prepares and runs one statement; forward-only, since nothing here goes back.
bool run(QSqlQuery& query, const SqliteAdminQueries::Statement& statement, const char* what,
         QString* error)
{
    query.setForwardOnly(true);
    if (!query.prepare(statement.sql))
        return fail(query, what, error);
    for (const auto& [name, value] : statement.binds)
        query.bindValue(name, value);
    if (!query.exec())
        return fail(query, what, error);
    return true;
}

QDateTime fromMs(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString jsonIds(const QVector<qint64>& ids)
{
    QByteArray json = "[";
    for (const qint64 id : ids) {
        if (json.size() > 1)
            json += ',';
        json += QByteArray::number(id);
    }
    json += ']';
    return QString::fromLatin1(json);
}

// "451 4.7.1 Try again later"; whatever parts there are.
QString formatReply(int code, const QString& status, const QString& text)
{
    QStringList parts;
    if (code != 0)
        parts.append(QString::number(code));
    if (!status.isEmpty())
        parts.append(status);
    if (!text.isEmpty()) // a multi-line reply shows on one line
        parts.append(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    return parts.join(QLatin1Char(' '));
}

// Which pending state a queue row shows: the one the admin most needs to see.
int rank(RecipientState state)
{
    switch (state) {
    case RecipientState::InFlight:
        return 4;
    case RecipientState::Deferred:
        return 3;
    case RecipientState::Queued:
        return 2;
    case RecipientState::Held:
        return 1;
    default:
        return 0;
    }
}

bool isPending(RecipientState state)
{
    return rank(state) > 0;
}

DeliveryLogEntry readLogEntry(const QSqlQuery& query, int first)
{
    DeliveryLogEntry entry;
    entry.id = query.value(first).toLongLong();
    entry.messageId = query.value(first + 1).toLongLong();
    entry.recipient = query.value(first + 2).toString();
    entry.attemptedAt = fromMs(query.value(first + 3));
    entry.resultState = RecipientState(query.value(first + 4).toInt());
    entry.upstreamHost = query.value(first + 5).toString();
    entry.replyCode = query.value(first + 6).toInt();
    entry.enhancedStatus = query.value(first + 7).toString();
    entry.replyText = query.value(first + 8).toString();
    entry.upstreamQueueId = query.value(first + 9).toString();
    return entry;
}

const char* const LogColumns =
    "l.id, l.message_id, l.recipient, l.attempted_at, l.result_state, l.upstream_host, "
    "l.reply_code, l.enhanced_status, l.reply_text, l.upstream_queue_id";

// Runs `statement` and hands each result row to `row(query)`.
template <typename RowFn>
bool forEachRow(const QSqlDatabase& db, const SqliteAdminQueries::Statement& statement,
                const char* what, QString* error, RowFn&& row)
{
    QSqlQuery query(db);
    if (!run(query, statement, what, error))
        return false;
    while (query.next())
        row(query);
    query.finish();
    return true;
}

// One integer per row of a COUNT query.
bool scalarInt(const QSqlDatabase& db, const SqliteAdminQueries::Statement& statement,
               const char* what, int* value, QString* error)
{
    QSqlQuery query(db);
    if (!run(query, statement, what, error))
        return false;
    *value = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    return true;
}

// How many of the messages exist, and how many of their recipients are in flight.
bool countTargets(const QSqlDatabase& db, const QString& ids, QueueActionCounts* counts,
                  QString* error)
{
    return scalarInt(db,
                     {QStringLiteral("SELECT COUNT(*) FROM messages WHERE id IN (SELECT value "
                                     "FROM json_each(:ids))"),
                      {{QStringLiteral(":ids"), ids}}},
                     "count messages", &counts->messages, error) &&
           scalarInt(db,
                     {QStringLiteral("SELECT COUNT(*) FROM recipients INDEXED BY "
                                     "recipients_message WHERE message_id IN (SELECT value FROM "
                                     "json_each(:ids)) AND state = %1")
                          .arg(InFlight),
                      {{QStringLiteral(":ids"), ids}}},
                     "count in-flight recipients", &counts->inFlight, error);
}

bool updateRecipients(const QSqlDatabase& db, const SqliteAdminQueries::Statement& statement,
                      const char* what, int* changed, QString* error)
{
    QSqlQuery query(db);
    if (!run(query, statement, what, error))
        return false;
    *changed = query.numRowsAffected();
    return true;
}

} // namespace

QString SqliteAdminQueries::likePattern(const QString& text)
{
    QString escaped;
    escaped.reserve(text.size() + 2);
    escaped += QLatin1Char('%');
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    escaped += QLatin1Char('%');
    return escaped;
}

SqliteAdminQueries::Statement SqliteAdminQueries::queuePageStatement(qint64 afterMessageId,
                                                                     int limit)
{
    // INDEXED BY: without statistics the planner prefers recipients_due and
    // sorts every pending envelope for each page.
    return {QStringLiteral("SELECT DISTINCT message_id FROM recipients INDEXED BY "
                           "recipients_pending WHERE %1 AND message_id > :after ORDER BY "
                           "message_id LIMIT :limit")
                .arg(QLatin1String(PendingCondition)),
            {{QStringLiteral(":after"), afterMessageId}, {QStringLiteral(":limit"), limit}}};
}

bool SqliteAdminQueries::queueRows(const QSqlDatabase& db, qint64 afterMessageId, int limit,
                                   QueuePage* page, QString* error)
{
    *page = QueuePage();
    if (limit <= 0)
        return true;

    // One more than asked tells whether another page follows.
    QVector<qint64> ids;
    if (!forEachRow(db, queuePageStatement(afterMessageId, limit + 1), "queue page", error,
                    [&](const QSqlQuery& query) { ids.append(query.value(0).toLongLong()); }))
        return false;
    if (ids.size() > limit) {
        ids.resize(limit);
        page->hasMore = true;
    }
    if (ids.isEmpty())
        return true;
    const QString idList = jsonIds(ids);

    QHash<qint64, qsizetype> rowOf;
    page->rows.resize(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i) {
        rowOf.insert(ids[i], i);
        page->rows[i].messageId = ids[i];
    }

    const QList<QPair<QString, QVariant>> idBinds{{QStringLiteral(":ids"), idList}};
    // The page row that a result row's first column (a message id) belongs to.
    const auto rowIndex = [&](const QSqlQuery& query) -> qsizetype {
        return rowOf.value(query.value(0).toLongLong(), -1);
    };

    // Everything but the content (size is stored apart from it).
    if (!forEachRow(db,
                    {QStringLiteral("SELECT id, received_at, sender, size, client_addr, helo, "
                                    "auth_user, listener FROM messages WHERE id IN (SELECT "
                                    "value FROM json_each(:ids))"),
                     idBinds},
                    "queue page messages", error, [&](const QSqlQuery& query) {
                        const qsizetype i = rowIndex(query);
                        if (i < 0)
                            return;
                        QueueRowData* row = &page->rows[i];
                        row->receivedAt = fromMs(query.value(1));
                        row->sender = query.value(2).toString();
                        row->size = query.value(3).toLongLong();
                        row->clientAddress = query.value(4).toString();
                        row->heloName = query.value(5).toString();
                        row->authUser = query.value(6).toString();
                        row->listener = query.value(7).toString();
                    }))
        return false;

    // Every recipient of the page's messages (total and pending), id order.
    QVector<int> best(ids.size(), 0);
    if (!forEachRow(
            db,
            {QStringLiteral("SELECT message_id, address, state, attempts, next_attempt FROM "
                            "recipients INDEXED BY recipients_message WHERE message_id IN "
                            "(SELECT value FROM json_each(:ids)) ORDER BY message_id, id"),
             idBinds},
            "queue page recipients", error, [&](const QSqlQuery& query) {
                const qsizetype i = rowIndex(query);
                if (i < 0)
                    return;
                QueueRowData* row = &page->rows[i];
                ++row->totalRecipients;
                const RecipientState state = RecipientState(query.value(2).toInt());
                if (!isPending(state))
                    return;
                row->recipients.append(query.value(1).toString());
                row->attempts = std::max(row->attempts, query.value(3).toInt());
                if (rank(state) > best[i]) {
                    best[i] = rank(state);
                    row->state = state;
                }
                // Only a waiting envelope has a meaningful next attempt.
                if (state == RecipientState::Queued || state == RecipientState::Deferred) {
                    const QDateTime next = fromMs(query.value(4));
                    if (!row->nextAttempt.isValid() || next < row->nextAttempt)
                        row->nextAttempt = next;
                }
            }))
        return false;

    // The newest log row of each message: one index probe each.
    return forEachRow(db,
                      {QStringLiteral("SELECT message_id, reply_code, enhanced_status, "
                                      "reply_text FROM delivery_log WHERE id IN (SELECT (SELECT "
                                      "MAX(id) FROM delivery_log WHERE message_id = j.value) "
                                      "FROM json_each(:ids) AS j)"),
                       idBinds},
                      "queue page replies", error, [&](const QSqlQuery& query) {
                          const qsizetype i = rowIndex(query);
                          if (i < 0)
                              return;
                          QueueRowData* row = &page->rows[i];
                          row->lastCode = query.value(1).toInt();
                          row->lastStatus = query.value(2).toString();
                          row->lastReply = formatReply(row->lastCode, row->lastStatus,
                                                       query.value(3).toString());
                      });
}

bool SqliteAdminQueries::setHeld(const QSqlDatabase& db, const QVector<qint64>& messageIds,
                                 bool held, qint64 nowMs, QueueActionCounts* counts, QString* error)
{
    *counts = QueueActionCounts();
    const QString ids = jsonIds(messageIds);
    if (!countTargets(db, ids, counts, error))
        return false;
    // INDEXED BY: the state condition would lure the planner onto
    // recipients_due, a scan of every queued envelope.
    const Statement hold{QStringLiteral("UPDATE recipients INDEXED BY recipients_message SET "
                                        "state = %1, updated_at = :now WHERE message_id IN "
                                        "(SELECT value FROM json_each(:ids)) AND state IN (%2, "
                                        "%3)")
                             .arg(Held)
                             .arg(Queued)
                             .arg(Deferred),
                         {{QStringLiteral(":now"), nowMs}, {QStringLiteral(":ids"), ids}}};
    // Released mail is due at once, like new mail.
    const Statement release{QStringLiteral("UPDATE recipients INDEXED BY recipients_message SET "
                                           "state = %1, next_attempt = :next, updated_at = :now "
                                           "WHERE message_id IN (SELECT value FROM "
                                           "json_each(:ids)) AND state = %2")
                                .arg(Queued)
                                .arg(Held),
                            {{QStringLiteral(":next"), nowMs},
                             {QStringLiteral(":now"), nowMs},
                             {QStringLiteral(":ids"), ids}}};
    return updateRecipients(db, held ? hold : release,
                            held ? "hold recipients" : "release recipients", &counts->changed,
                            error);
}

bool SqliteAdminQueries::retryMessages(const QSqlDatabase& db, const QVector<qint64>& messageIds,
                                       qint64 nowMs, QueueActionCounts* counts, QString* error)
{
    *counts = QueueActionCounts();
    const QString ids = jsonIds(messageIds);
    if (!countTargets(db, ids, counts, error))
        return false;
    // MIN keeps a recipient that was already due in its place in the claim order.
    return updateRecipients(
        db,
        {QStringLiteral("UPDATE recipients INDEXED BY recipients_message SET next_attempt = "
                        "MIN(next_attempt, :due), updated_at = :now WHERE message_id IN (SELECT "
                        "value FROM json_each(:ids)) AND state IN (%1, %2)")
             .arg(Queued)
             .arg(Deferred),
         {{QStringLiteral(":due"), nowMs},
          {QStringLiteral(":now"), nowMs},
          {QStringLiteral(":ids"), ids}}},
        "retry recipients", &counts->changed, error);
}

bool SqliteAdminQueries::deleteMessages(const QSqlDatabase& db, const QVector<qint64>& messageIds,
                                        QueueActionCounts* counts, QString* error)
{
    *counts = QueueActionCounts();
    const QString ids = jsonIds(messageIds);
    if (!countTargets(db, ids, counts, error))
        return false;
    // Children first, explicitly, as purgeFinal does; the state counters
    // follow through the recipients' delete trigger. In-flight envelopes go
    // too: the engine's outcome for them is dropped (recordOutcomes).
    const QList<QPair<QString, QVariant>> binds{{QStringLiteral(":ids"), ids}};
    int ignored = 0;
    return updateRecipients(db,
                            {QStringLiteral("DELETE FROM delivery_log WHERE message_id IN "
                                            "(SELECT value FROM json_each(:ids))"),
                             binds},
                            "delete log rows", &ignored, error) &&
           updateRecipients(db,
                            {QStringLiteral("DELETE FROM recipients WHERE message_id IN (SELECT "
                                            "value FROM json_each(:ids))"),
                             binds},
                            "delete recipients", &ignored, error) &&
           updateRecipients(db,
                            {QStringLiteral("DELETE FROM messages WHERE id IN (SELECT value FROM "
                                            "json_each(:ids))"),
                             binds},
                            "delete messages", &counts->changed, error);
}

bool SqliteAdminQueries::messageDetail(const QSqlDatabase& db, qint64 messageId,
                                       MessageRecord* record, QString* error)
{
    *record = MessageRecord();
    record->messageId = messageId;
    const QList<QPair<QString, QVariant>> binds{{QStringLiteral(":id"), messageId}};
    {
        QSqlQuery query(db);
        if (!run(query,
                 {QStringLiteral(
                      "SELECT received_at, sender, size, content IS NOT NULL, CASE WHEN content "
                      "IS NULL THEN NULL WHEN instr(content, X'0D0A0D0A') > 0 THEN "
                      "substr(content, 1, MIN(instr(content, X'0D0A0D0A') + 3, %1)) ELSE "
                      "substr(content, 1, %1) END, helo, client_addr, listener, tls_version, "
                      "auth_user, dsn_ret, dsn_envid, kind FROM messages WHERE id = :id")
                      .arg(MaxHeaderBytes),
                  binds},
                 "message detail", error))
            return false;
        if (!query.next())
            return true; // unknown: found stays false
        record->found = true;
        record->receivedAt = fromMs(query.value(0));
        record->sender = query.value(1).toString();
        record->size = query.value(2).toLongLong();
        record->contentAvailable = query.value(3).toBool();
        record->headers = query.value(4).toByteArray();
        record->heloName = query.value(5).toString();
        record->clientAddress = query.value(6).toString();
        record->listener = query.value(7).toString();
        record->tlsVersion = query.value(8).toString();
        record->authUser = query.value(9).toString();
        const Bounce::DsnRequest dsn = SqliteDsnColumns::request(query.value(10), query.value(11));
        if (dsn.ret == Bounce::DsnReturn::Full)
            record->ret = QStringLiteral("FULL");
        else if (dsn.ret == Bounce::DsnReturn::Headers)
            record->ret = QStringLiteral("HDRS");
        record->envid = dsn.envelopeId;
        record->kind = MessageKind(query.value(12).toInt());
        query.finish();
    }
    const auto readRecipient = [&](const QSqlQuery& query) {
        RecipientRecord r;
        r.recipientId = query.value(0).toLongLong();
        r.address = query.value(1).toString();
        r.state = RecipientState(query.value(2).toInt());
        r.attempts = query.value(3).toInt();
        r.nextAttempt = fromMs(query.value(4));
        r.lastAttempt = fromMs(query.value(5));
        const Bounce::RecipientDsnRequest dsn =
            SqliteDsnColumns::recipientRequest(query.value(6), query.value(7));
        if (dsn.notifyGiven)
            r.notify = QString::fromLatin1(Bounce::DsnParameters::formatNotify(dsn.notify));
        if (!dsn.originalRecipient.isEmpty())
            r.orcpt = dsn.originalRecipient.addressType + QLatin1Char(';') +
                      dsn.originalRecipient.address;
        record->recipients.append(r);
    };
    return forEachRow(db,
                      {QStringLiteral("SELECT id, address, state, attempts, next_attempt, "
                                      "last_attempt_at, dsn_notify, dsn_orcpt FROM recipients "
                                      "WHERE message_id = :id ORDER BY id"),
                       binds},
                      "message recipients", error, readRecipient) &&
           forEachRow(db,
                      {QStringLiteral("SELECT %1, l.transcript FROM delivery_log AS l WHERE "
                                      "l.message_id = :id ORDER BY l.id")
                           .arg(QLatin1String(LogColumns)),
                       binds},
                      "message attempts", error, [&](const QSqlQuery& query) {
                          DeliveryLogEntry entry = readLogEntry(query, 0);
                          entry.transcript = SqliteTranscript::decode(query.value(10));
                          record->attempts.append(std::move(entry));
                      });
}

bool SqliteAdminQueries::messageContent(const QSqlDatabase& db, qint64 messageId,
                                        QByteArray* content, QString* error)
{
    content->clear();
    QSqlQuery query(db);
    if (!run(query,
             {QStringLiteral("SELECT content FROM messages WHERE id = :id"),
              {{QStringLiteral(":id"), messageId}}},
             "message content", error))
        return false;
    if (!query.next()) {
        setError(error, QStringLiteral("no message %1 in the queue").arg(messageId));
        return false;
    }
    if (query.value(0).isNull()) {
        setError(error, QStringLiteral("the content of message %1 is no longer stored (it "
                                       "was dropped after final delivery)")
                            .arg(messageId));
        return false;
    }
    *content = query.value(0).toByteArray();
    query.finish();
    return true;
}

SqliteAdminQueries::Statement
SqliteAdminQueries::deliveryLogStatement(const DeliveryLogFilter& filter)
{
    // Built per query so that absent filters cost nothing and the time range
    // stays a plain range on delivery_log_time (an ":x IS NULL OR ..."
    // condition would keep SQLite from using the index).
    Statement statement;
    QStringList where;
    if (filter.from.isValid()) {
        where.append(QStringLiteral("l.attempted_at >= :from"));
        statement.binds.append({QStringLiteral(":from"), filter.from.toMSecsSinceEpoch()});
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("l.attempted_at < :to"));
        statement.binds.append({QStringLiteral(":to"), filter.to.toMSecsSinceEpoch()});
    }
    if (!filter.states.isEmpty()) {
        QStringList states;
        for (const RecipientState state : filter.states)
            states.append(QString::number(int(state)));
        where.append(QStringLiteral("l.result_state IN (%1)").arg(states.join(QLatin1Char(','))));
    }
    const auto like = [&](const QString& text, const QString& placeholder, const QString& sql) {
        if (text.isEmpty())
            return;
        where.append(sql);
        statement.binds.append({placeholder, likePattern(text)});
    };
    like(filter.sender, QStringLiteral(":sender"),
         QStringLiteral("m.sender LIKE :sender ESCAPE '\\'"));
    like(filter.recipient, QStringLiteral(":recipient"),
         QStringLiteral("l.recipient LIKE :recipient ESCAPE '\\'"));
    if (!filter.device.isEmpty()) {
        where.append(QStringLiteral("(m.client_addr LIKE :client ESCAPE '\\' OR m.helo LIKE "
                                    ":helo ESCAPE '\\')"));
        statement.binds.append({QStringLiteral(":client"), likePattern(filter.device)});
        statement.binds.append({QStringLiteral(":helo"), likePattern(filter.device)});
    }
    // As the GUI shows it, so that "451 4.7.1" matches across the parts.
    like(filter.reply, QStringLiteral(":reply"),
         QStringLiteral("(COALESCE(l.reply_code, '') || ' ' || COALESCE(l.enhanced_status, '') "
                        "|| ' ' || COALESCE(l.reply_text, '')) LIKE :reply ESCAPE '\\'"));
    statement.sql = QStringLiteral("SELECT %1, m.sender, m.client_addr, m.helo FROM delivery_log "
                                   "AS l JOIN messages AS m ON m.id = l.message_id")
                        .arg(QLatin1String(LogColumns));
    if (!where.isEmpty())
        statement.sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    statement.sql += QStringLiteral(" ORDER BY l.attempted_at DESC, l.id DESC LIMIT :limit");
    statement.binds.append({QStringLiteral(":limit"), std::max(filter.limit, 0)});
    return statement;
}

bool SqliteAdminQueries::queryDeliveryLog(const QSqlDatabase& db, const DeliveryLogFilter& filter,
                                          QVector<DeliveryLogRecord>* rows, QString* error)
{
    rows->clear();
    if (filter.limit <= 0)
        return true;
    return forEachRow(db, deliveryLogStatement(filter), "delivery log query", error,
                      [&](const QSqlQuery& query) {
                          DeliveryLogRecord record;
                          record.entry = readLogEntry(query, 0);
                          record.sender = query.value(10).toString();
                          record.clientAddress = query.value(11).toString();
                          record.heloName = query.value(12).toString();
                          rows->append(std::move(record));
                      });
}

SqliteAdminQueries::Statement SqliteAdminQueries::failedStatement(qint64 sinceMs, int limit)
{
    // A Failed envelope is final: its Failed log row is its last one.
    return {QStringLiteral("SELECT l.message_id, l.recipient_id, l.attempted_at, m.sender, "
                           "l.recipient, m.client_addr, l.reply_code, l.enhanced_status, "
                           "l.reply_text, l.upstream_host FROM delivery_log AS l JOIN messages "
                           "AS m ON m.id = l.message_id WHERE l.attempted_at >= :since AND "
                           "l.result_state = %1 ORDER BY l.attempted_at DESC, l.id DESC LIMIT "
                           ":limit")
                .arg(Failed),
            {{QStringLiteral(":since"), sinceMs}, {QStringLiteral(":limit"), limit}}};
}

bool SqliteAdminQueries::failedRecipients(const QSqlDatabase& db, const QDateTime& since, int limit,
                                          QVector<FailedEnvelope>* rows, QString* error)
{
    rows->clear();
    if (limit <= 0)
        return true;
    // An invalid `since`: the whole history.
    const auto readRow = [&](const QSqlQuery& query) {
        FailedEnvelope row;
        row.messageId = query.value(0).toLongLong();
        row.recipientId = query.value(1).toLongLong();
        row.failedAt = fromMs(query.value(2));
        row.sender = query.value(3).toString();
        row.recipient = query.value(4).toString();
        row.clientAddress = query.value(5).toString();
        row.replyCode = query.value(6).toInt();
        row.enhancedStatus = query.value(7).toString();
        row.replyText = query.value(8).toString();
        row.upstreamHost = query.value(9).toString();
        rows->append(std::move(row));
    };
    return forEachRow(db, failedStatement(since.isValid() ? since.toMSecsSinceEpoch() : 0, limit),
                      "failed recipients", error, readRow);
}

SqliteAdminQueries::Statement SqliteAdminQueries::hourlyStatement(qint64 fromMs, qint64 toMs)
{
    return {QStringLiteral("SELECT (attempted_at - :origin) / %1, result_state, COUNT(*) FROM "
                           "delivery_log WHERE attempted_at >= :from AND attempted_at < :to "
                           "GROUP BY 1, 2")
                .arg(HourMs),
            {{QStringLiteral(":origin"), fromMs},
             {QStringLiteral(":from"), fromMs},
             {QStringLiteral(":to"), toMs}}};
}

bool SqliteAdminQueries::hourlyCounts(const QSqlDatabase& db, const QDateTime& now,
                                      QVector<HourlyAttempts>* hours, QString* error)
{
    hours->clear();
    if (!now.isValid()) {
        setError(error, QStringLiteral("hourly counts need a valid time"));
        return false;
    }
    // The current hour (so far) is the last of 24 buckets.
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 end = (nowMs - (nowMs % HourMs + HourMs) % HourMs) + HourMs;
    const qint64 start = end - 24 * HourMs;
    hours->resize(24);
    for (int i = 0; i < 24; ++i)
        (*hours)[i].hourStart = QDateTime::fromMSecsSinceEpoch(start + i * HourMs, Qt::UTC);

    const auto addRow = [&](const QSqlQuery& query) {
        const int bucket = query.value(0).toInt();
        if (bucket < 0 || bucket >= 24)
            return;
        const int n = query.value(2).toInt();
        HourlyAttempts& hour = (*hours)[bucket];
        switch (query.value(1).toInt()) {
        case Delivered:
            hour.delivered += n;
            break;
        case Deferred:
            hour.deferred += n;
            break;
        case Failed:
            hour.failed += n;
            break;
        default:
            break;
        }
    };
    if (!forEachRow(db, hourlyStatement(start, end), "hourly counts", error, addRow)) {
        hours->clear();
        return false;
    }
    return true;
}

SqliteAdminQueries::Statement SqliteAdminQueries::todayStatement(qint64 sinceMs)
{
    return {QStringLiteral("SELECT result_state, COUNT(*) FROM delivery_log WHERE attempted_at "
                           ">= :since AND result_state IN (%1, %2) GROUP BY result_state")
                .arg(Delivered)
                .arg(Failed),
            {{QStringLiteral(":since"), sinceMs}}};
}

bool SqliteAdminQueries::todayCounts(const QSqlDatabase& db, const QDateTime& since,
                                     DayCounts* counts, QString* error)
{
    *counts = DayCounts();
    if (!since.isValid()) {
        setError(error, QStringLiteral("today's counts need a valid start time"));
        return false;
    }
    return forEachRow(db, todayStatement(since.toMSecsSinceEpoch()), "today's counts", error,
                      [&](const QSqlQuery& query) {
                          if (query.value(0).toInt() == Delivered)
                              counts->delivered = query.value(1).toInt();
                          else
                              counts->failed = query.value(1).toInt();
                      });
}

} // namespace RelayDesk::Store
