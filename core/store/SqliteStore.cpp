#include "SqliteStore.h"

#include "SqliteAdminQueries.h"
#include "SqliteDsnColumns.h"
#include "SqliteReports.h"
#include "SqliteSchema.h"
#include "SqliteStatements.h"
#include "SqliteTranscript.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <atomic>
#include <vector>

namespace RelayDesk::Store {

namespace {

Q_LOGGING_CATEGORY(lcStore, "relaydesk.store")

// Each store instance gets its own Qt Sql connection name, so several stores
// (tests, a later second backend) never share a connection by accident.
std::atomic<quint64> s_connectionCounter{0};

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

// SQLite's own message ("database or disk is full") is what an admin can act
// on; Qt's driver text ("Unable to fetch row") only when there is nothing else.
QString describe(const char* what, const QSqlError& sqlError)
{
    const QString reason =
        sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    return QStringLiteral("%1: %2").arg(QLatin1String(what), reason);
}

// Runs a prepared statement; on failure fills *error with what failed.
bool run(QSqlQuery& query, const char* what, QString* error)
{
    if (query.exec())
        return true;
    setError(error, describe(what, query.lastError()));
    return false;
}

qint64 toMs(const QDateTime& time)
{
    return time.isValid() ? time.toMSecsSinceEpoch()
                          : QDateTime::currentDateTimeUtc().toMSecsSinceEpoch();
}

QDateTime fromMs(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// A null QString binds as SQL NULL; NOT NULL text columns need "" instead.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

// Why claims and outcomes may skip the fsync (docs/durability.md has the
// long form). In WAL mode synchronous=NORMAL still writes the transaction's
// frames to the WAL before COMMIT returns; it only skips the fsync. So:
// - kill -9 / a crash of relaydeskd loses nothing: the frames are in the
//   kernel's page cache and SQLite recovers them from the WAL.
// - A power failure or kernel crash may lose the NORMAL transactions since
//   the last fsync, never a part of one (WAL frames carry cumulative
//   checksums, recovery stops at the first bad one), and never anything
//   before an fsync. A lost claim leaves its envelopes Queued: they are
//   claimed again. A lost outcome leaves its envelope InFlight (or Queued),
//   which recoverInFlight requeues: a duplicate delivery, which
//   at-least-once delivery allows. No message is lost and no 250 is given
//   early: commitMessages always runs at FULL, and its fsync of the WAL
//   also covers every frame written before it.
// The pragma is per connection and takes effect immediately; this class
// restores FULL before any other transaction can run on the connection.
class SqliteStore::RelaxedSync
{
public:
    explicit RelaxedSync(SqliteStore& store) : m_store(store) {}
    ~RelaxedSync() { m_store.restoreStrictSync(nullptr); }
    RelaxedSync(const RelaxedSync&) = delete;
    RelaxedSync& operator=(const RelaxedSync&) = delete;

    bool begin(QString* error)
    {
        if (!m_store.setSynchronous("NORMAL", error))
            return false;
        m_store.m_relaxed = true;
        return m_store.begin(error);
    }
    bool commit(QString* error) { return m_store.commit(error); }

private:
    SqliteStore& m_store;
};

bool SqliteStore::restoreStrictSync(QString* error)
{
    if (!m_relaxed)
        return true;
    QString reason;
    if (!setSynchronous("FULL", &reason)) {
        qCWarning(lcStore).noquote() << "cannot restore synchronous = FULL:" << reason;
        setError(error, reason);
        return false;
    }
    m_relaxed = false;
    return true;
}

bool SqliteStore::setSynchronous(const char* level, QString* error)
{
    QSqlQuery& query = m_statements->synchronous;
    if (query.exec(QStringLiteral("PRAGMA synchronous = %1").arg(QLatin1String(level))))
        return true;
    setError(error, describe("PRAGMA synchronous", query.lastError()));
    return false;
}

SqliteStore::SqliteStore(QString dataDirectory)
    : m_directory(std::move(dataDirectory)),
      m_connectionName(QStringLiteral("relaydesk-store-%1").arg(++s_connectionCounter))
{}

SqliteStore::~SqliteStore()
{
    close();
}

QString SqliteStore::databasePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("queue.db"));
}

bool SqliteStore::open(QString* error)
{
    if (m_statements)
        return true;
    if (!createDirectory(error))
        return false;

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(databasePath());
        if (!db.open()) {
            setError(error, describe("cannot open the queue database", db.lastError()));
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    if (!prepare(error)) {
        close();
        return false;
    }
    return true;
}

bool SqliteStore::prepare(QString* error)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    auto statements = std::make_unique<SqliteStatements>(db);
    if (!SqliteSchema::configure(db, error) || !SqliteSchema::ensure(db, m_directory, error) ||
        !statements->prepare(error))
        return false;
    m_statements = std::move(statements);
    return true;
}

bool SqliteStore::createDirectory(QString* error)
{
    const QFileInfo info(m_directory);
    if (info.isDir())
        return true;
    // The queue holds everyone's mail: only the service account may read it.
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent) ||
        !QDir(parent).mkdir(info.fileName(),
                            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        if (QFileInfo(m_directory).isDir()) // created concurrently
            return true;
        setError(error, QStringLiteral("cannot create the data directory %1").arg(m_directory));
        return false;
    }
    return true;
}

void SqliteStore::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    // Statements first: they hold references to the connection.
    m_statements.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteStore::requireOpen(QString* error) const
{
    if (m_statements)
        return true;
    setError(error, QStringLiteral("the queue database is not open"));
    return false;
}

bool SqliteStore::begin(QString* error)
{
    return run(m_statements->begin, "begin transaction", error);
}

bool SqliteStore::commit(QString* error)
{
    if (run(m_statements->commit, "commit", error))
        return true;
    rollback();
    return false;
}

void SqliteStore::rollback()
{
    // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled
    // back by itself, and this ROLLBACK fails harmlessly with "no transaction
    // is active". Either way the connection is clean for the next call.
    if (!m_statements->rollback.exec())
        qCDebug(lcStore) << "rollback:" << m_statements->rollback.lastError().text();
}

QVector<qint64> SqliteStore::commitMessages(const QVector<NewMessage>& messages, QString* error)
{
    if (!requireOpen(error))
        return {};
    if (messages.isEmpty()) {
        setError(error, QString());
        return {};
    }
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages[i].recipients.isEmpty()) {
            setError(error, QStringLiteral("message %1 of the batch has no recipients").arg(i));
            return {};
        }
    }

    // Never acknowledge mail on a commit without an fsync.
    if (!restoreStrictSync(error))
        return {};
    SqliteStatements& s = *m_statements;
    if (!begin(error))
        return {};
    QVector<qint64> ids;
    ids.reserve(messages.size());
    for (const NewMessage& message : messages) {
        const qint64 received = toMs(message.receivedAt);
        const bool isReport = message.kind != MessageKind::Relayed && message.reportsOn > 0;
        if (isReport) {
            // Made exactly once, also when the notifier asks twice.
            std::optional<qint64> earlier;
            if (!SqliteReports::earlierReport(s, message, &earlier, error)) {
                rollback();
                return {};
            }
            if (earlier) {
                ids.append(*earlier);
                continue;
            }
        }
        QSqlQuery& insert = s.insertMessage;
        insert.bindValue(QStringLiteral(":sender"), text(message.sender));
        insert.bindValue(QStringLiteral(":received"), received);
        insert.bindValue(QStringLiteral(":size"), qint64(message.content.size()));
        insert.bindValue(QStringLiteral(":helo"), message.heloName);
        insert.bindValue(QStringLiteral(":client"), message.clientAddress);
        insert.bindValue(QStringLiteral(":listener"), message.listener);
        insert.bindValue(QStringLiteral(":tls"), message.tlsVersion);
        insert.bindValue(QStringLiteral(":auth"), message.authUser);
        // Never NULL for a pending message: NULL content means "all final".
        insert.bindValue(QStringLiteral(":content"),
                         message.content.isNull() ? QByteArray("") : message.content);
        insert.bindValue(QStringLiteral(":kind"), int(message.kind));
        insert.bindValue(QStringLiteral(":reports"), message.reportsOn > 0
                                                         ? QVariant(message.reportsOn)
                                                         : QVariant(QMetaType::fromType<qint64>()));
        insert.bindValue(QStringLiteral(":ret"), SqliteDsnColumns::ret(message.dsn));
        insert.bindValue(QStringLiteral(":envid"), SqliteDsnColumns::envelopeId(message.dsn));
        if (!run(insert, "insert message", error)) {
            rollback();
            return {};
        }
        const qint64 id = insert.lastInsertId().toLongLong();
        ids.append(id);
        if (isReport && !SqliteReports::recordReport(s, message, id, received, error)) {
            rollback();
            return {};
        }

        QSqlQuery& recipient = s.insertRecipient;
        for (qsizetype i = 0; i < message.recipients.size(); ++i) {
            const Bounce::RecipientDsnRequest dsn = message.recipientDsn.value(i);
            recipient.bindValue(QStringLiteral(":message"), id);
            recipient.bindValue(QStringLiteral(":address"), text(message.recipients[i]));
            recipient.bindValue(QStringLiteral(":notify"), SqliteDsnColumns::notify(dsn));
            recipient.bindValue(QStringLiteral(":orcpt"), SqliteDsnColumns::originalRecipient(dsn));
            // A new envelope is due as soon as it was received.
            recipient.bindValue(QStringLiteral(":next"), received);
            recipient.bindValue(QStringLiteral(":updated"), received);
            if (!run(recipient, "insert recipient", error)) {
                rollback();
                return {};
            }
        }
    }
    if (!commit(error))
        return {};
    return ids;
}

int SqliteStore::recoverInFlight(QString* error)
{
    if (!requireOpen(error))
        return -1;
    SqliteStatements& s = *m_statements;
    if (!begin(error))
        return -1;
    s.recover.bindValue(QStringLiteral(":now"), toMs(QDateTime::currentDateTimeUtc()));
    if (!run(s.recover, "recover in-flight recipients", error)) {
        rollback();
        return -1;
    }
    const int recovered = s.recover.numRowsAffected();
    if (!commit(error))
        return -1;
    return recovered;
}

QVector<DeliveryJob> SqliteStore::claimDue(const QDateTime& now, int maxRecipients, QString* error)
{
    if (!requireOpen(error))
        return {};
    setError(error, QString());
    if (maxRecipients <= 0)
        return {};

    SqliteStatements& s = *m_statements;
    const qint64 nowMs = toMs(now);
    const qint64 updated = toMs(QDateTime::currentDateTimeUtc());
    RelaxedSync relaxed(*this);
    if (!relaxed.begin(error))
        return {};
    const auto fail = [this](QSqlQuery& query) {
        query.finish();
        rollback();
        return QVector<DeliveryJob>{};
    };

    struct Claimed
    {
        qint64 due;
        qint64 messageId;
        RecipientJob recipient;
    };
    std::vector<Claimed> claimed;
    const auto collect = [&claimed](QSqlQuery& query) {
        while (query.next()) {
            RecipientJob recipient;
            recipient.recipientId = query.value(0).toLongLong();
            recipient.address = query.value(2).toString();
            recipient.attempts = query.value(3).toInt();
            recipient.dsn = SqliteDsnColumns::recipientRequest(query.value(5), query.value(6));
            claimed.push_back(
                {query.value(4).toLongLong(), query.value(1).toLongLong(), std::move(recipient)});
        }
        query.finish();
    };

    s.claimRecipients.bindValue(QStringLiteral(":now"), nowMs);
    s.claimRecipients.bindValue(QStringLiteral(":limit"), maxRecipients);
    s.claimRecipients.bindValue(QStringLiteral(":updated"), updated);
    if (!run(s.claimRecipients, "claim due recipients", error))
        return fail(s.claimRecipients);
    collect(s.claimRecipients);
    if (claimed.empty()) {
        rollback(); // nothing changed; no commit to write
        return {};
    }

    // RETURNING gives no order: sort by the claim order, then group. A job
    // takes the place of its earliest due recipient.
    const auto byDue = [](const Claimed& a, const Claimed& b) {
        return a.due != b.due ? a.due < b.due : a.recipient.recipientId < b.recipient.recipientId;
    };
    std::sort(claimed.begin(), claimed.end(), byDue);
    QHash<qint64, qsizetype> jobOf;
    QVector<DeliveryJob> jobs;
    QByteArray ids = "[";
    for (Claimed& c : claimed) {
        auto it = jobOf.constFind(c.messageId);
        if (it == jobOf.cend()) {
            it = jobOf.insert(c.messageId, jobs.size());
            DeliveryJob job;
            job.messageId = c.messageId;
            jobs.append(std::move(job));
            if (ids.size() > 1)
                ids += ',';
            ids += QByteArray::number(c.messageId);
        }
        jobs[*it].recipients.append(std::move(c.recipient));
    }
    ids += ']';
    const QString idList = QString::fromLatin1(ids);

    // Only a claim that hit the limit can have left due recipients of its
    // messages behind.
    if (qsizetype(claimed.size()) >= maxRecipients) {
        claimed.clear();
        s.claimRestOfMessages.bindValue(QStringLiteral(":updated"), updated);
        s.claimRestOfMessages.bindValue(QStringLiteral(":ids"), idList);
        s.claimRestOfMessages.bindValue(QStringLiteral(":now"), nowMs);
        if (!run(s.claimRestOfMessages, "claim the rest of the claimed messages", error))
            return fail(s.claimRestOfMessages);
        collect(s.claimRestOfMessages);
        for (Claimed& c : claimed)
            jobs[jobOf.value(c.messageId)].recipients.append(std::move(c.recipient));
    }
    for (DeliveryJob& job : jobs) {
        std::sort(job.recipients.begin(), job.recipients.end(),
                  [](const RecipientJob& a, const RecipientJob& b) {
                      return a.recipientId < b.recipientId;
                  });
    }

    s.claimedMessages.bindValue(QStringLiteral(":ids"), idList);
    if (!run(s.claimedMessages, "select claimed messages", error))
        return fail(s.claimedMessages);
    qsizetype found = 0;
    while (s.claimedMessages.next()) {
        const auto it = jobOf.constFind(s.claimedMessages.value(0).toLongLong());
        if (it == jobOf.cend())
            continue;
        DeliveryJob& job = jobs[*it];
        job.sender = s.claimedMessages.value(1).toString();
        job.receivedAt = fromMs(s.claimedMessages.value(2));
        job.content = s.claimedMessages.value(3).toByteArray();
        job.clientAddress = s.claimedMessages.value(4).toString();
        job.authUser = s.claimedMessages.value(5).toString();
        job.listener = s.claimedMessages.value(6).toString();
        job.dsn = SqliteDsnColumns::request(s.claimedMessages.value(7), s.claimedMessages.value(8));
        job.kind = MessageKind(s.claimedMessages.value(9).toInt());
        ++found;
    }
    s.claimedMessages.finish();
    if (found != jobs.size()) {
        setError(error, QStringLiteral("%1 claimed messages have recipients but no row")
                            .arg(jobs.size() - found));
        rollback();
        return {};
    }
    if (!relaxed.commit(error))
        return {};
    return jobs;
}

bool SqliteStore::recordOutcomes(const QVector<AttemptOutcome>& outcomes, QString* error)
{
    if (!requireOpen(error))
        return false;
    for (const AttemptOutcome& outcome : outcomes) {
        if (outcome.newState == RecipientState::InFlight) {
            setError(error, QStringLiteral("outcome for recipient %1 has state InFlight")
                                .arg(outcome.recipientId));
            return false;
        }
    }
    if (outcomes.isEmpty())
        return true;

    SqliteStatements& s = *m_statements;
    RelaxedSync relaxed(*this);
    if (!relaxed.begin(error))
        return false;
    QSet<qint64> touched;
    for (const AttemptOutcome& outcome : outcomes) {
        const qint64 attemptedAt = toMs(outcome.attemptedAt);
        const int state = int(outcome.newState);
        const bool waits = outcome.newState == RecipientState::Deferred ||
                           outcome.newState == RecipientState::Queued;
        // SQL NULL keeps the previous next_attempt (final and held envelopes).
        const QVariant next =
            waits
                ? QVariant(outcome.nextAttempt.isValid() ? toMs(outcome.nextAttempt) : attemptedAt)
                : QVariant();
        const QVariant code = outcome.replyCode != 0 ? QVariant(outcome.replyCode) : QVariant();

        QSqlQuery& update = s.updateRecipient;
        update.bindValue(QStringLiteral(":state"), state);
        update.bindValue(QStringLiteral(":next"), next);
        update.bindValue(QStringLiteral(":code"), code);
        update.bindValue(QStringLiteral(":status"), outcome.enhancedStatus);
        update.bindValue(QStringLiteral(":text"), outcome.replyText);
        update.bindValue(QStringLiteral(":host"), outcome.upstreamHost);
        update.bindValue(QStringLiteral(":attempted"), attemptedAt);
        update.bindValue(QStringLiteral(":at"), attemptedAt);
        update.bindValue(QStringLiteral(":id"), outcome.recipientId);
        update.bindValue(QStringLiteral(":message"), outcome.messageId);
        if (!run(update, "update recipient", error)) {
            rollback();
            return false;
        }
        if (update.numRowsAffected() != 1) {
            // The admin may delete a message while it is in flight: the
            // engine's outcome for it then finds neither the recipient nor
            // the message, and is dropped without failing the other outcomes
            // of the batch. Any other mismatch is a caller's bug.
            QSqlQuery& exists = s.outcomeTargetExists;
            exists.bindValue(QStringLiteral(":id"), outcome.recipientId);
            exists.bindValue(QStringLiteral(":message"), outcome.messageId);
            if (!run(exists, "look up recipient", error)) {
                rollback();
                return false;
            }
            const bool vanished = exists.next() && !exists.value(0).toBool();
            exists.finish();
            if (vanished) {
                qCDebug(lcStore) << "outcome for deleted message" << outcome.messageId
                                 << "recipient" << outcome.recipientId << "dropped";
                continue;
            }
            setError(error, QStringLiteral("no recipient %1 in message %2")
                                .arg(outcome.recipientId)
                                .arg(outcome.messageId));
            rollback();
            return false;
        }

        QSqlQuery& log = s.insertLog;
        log.bindValue(QStringLiteral(":at"), attemptedAt);
        log.bindValue(QStringLiteral(":state"), state);
        log.bindValue(QStringLiteral(":host"), outcome.upstreamHost);
        log.bindValue(QStringLiteral(":code"), code);
        log.bindValue(QStringLiteral(":status"), outcome.enhancedStatus);
        log.bindValue(QStringLiteral(":text"), outcome.replyText);
        log.bindValue(QStringLiteral(":queueid"), outcome.upstreamQueueId);
        log.bindValue(QStringLiteral(":transcript"), SqliteTranscript::encode(outcome.transcript));
        log.bindValue(QStringLiteral(":id"), outcome.recipientId);
        if (!run(log, "append delivery log", error)) {
            rollback();
            return false;
        }
        touched.insert(outcome.messageId);
    }
    for (const qint64 messageId : std::as_const(touched)) {
        // Before dropContent, which keeps the content of a message whose
        // failure report this makes due.
        s.markFailureDue.bindValue(QStringLiteral(":id"), messageId);
        s.markFailureDue.bindValue(QStringLiteral(":message"), messageId);
        s.markFailureDue.bindValue(QStringLiteral(":others"), messageId);
        if (!run(s.markFailureDue, "note failure report", error)) {
            rollback();
            return false;
        }
        s.dropContent.bindValue(QStringLiteral(":id"), messageId);
        s.dropContent.bindValue(QStringLiteral(":message"), messageId);
        if (!run(s.dropContent, "drop delivered content", error)) {
            rollback();
            return false;
        }
    }
    return relaxed.commit(error);
}

int SqliteStore::retryNow(const QDateTime& now, QString* error)
{
    if (!requireOpen(error))
        return -1;
    SqliteStatements& s = *m_statements;
    if (!begin(error))
        return -1;
    const qint64 nowMs = toMs(now);
    s.retryDeferred.bindValue(QStringLiteral(":due"), nowMs);
    s.retryDeferred.bindValue(QStringLiteral(":updated"), nowMs);
    if (!run(s.retryDeferred, "retry deferred recipients", error)) {
        rollback();
        return -1;
    }
    const int retried = s.retryDeferred.numRowsAffected();
    if (!commit(error))
        return -1;
    setError(error, QString());
    return retried;
}

int SqliteStore::purgeFinal(const QDateTime& olderThan, QString* error)
{
    if (!requireOpen(error))
        return -1;
    if (!olderThan.isValid()) {
        // toMs() would read an invalid time as "now" and purge everything final.
        setError(error, QStringLiteral("purge needs a valid cut-off time"));
        return -1;
    }
    SqliteStatements& s = *m_statements;
    if (!begin(error))
        return -1;
    s.markPurgeable.bindValue(QStringLiteral(":before"), olderThan.toMSecsSinceEpoch());
    if (!run(s.clearPurgeable, "clear purge list", error) ||
        !run(s.markPurgeable, "select messages to purge", error)) {
        rollback();
        return -1;
    }
    const int removed = s.markPurgeable.numRowsAffected();
    const bool ok = run(s.purgeLog, "purge delivery log", error) &&
                    run(s.purgeRecipients, "purge recipients", error) &&
                    run(s.purgeMessages, "purge messages", error) &&
                    run(s.clearPurgeable, "clear purge list", error);
    if (!ok) {
        rollback();
        return -1;
    }
    if (!commit(error))
        return -1;
    setError(error, QString());
    return removed;
}

std::optional<QDateTime> SqliteStore::nextDue()
{
    QString error;
    if (!requireOpen(&error))
        return std::nullopt;
    QSqlQuery& query = m_statements->nextDue;
    std::optional<QDateTime> due;
    if (!run(query, "next due", &error))
        qCWarning(lcStore) << error;
    else if (query.next() && !query.value(0).isNull())
        due = fromMs(query.value(0));
    query.finish();
    return due;
}

QueueCounts SqliteStore::counts()
{
    QueueCounts counts;
    QString error;
    if (!requireOpen(&error))
        return counts;
    QSqlQuery& byState = m_statements->countByState;
    if (!run(byState, "count recipients", &error))
        qCWarning(lcStore) << error;
    while (byState.isActive() && byState.next()) {
        const int n = byState.value(1).toInt();
        switch (RecipientState(byState.value(0).toInt())) {
        case RecipientState::Queued:
            counts.queued = n;
            break;
        case RecipientState::InFlight:
            counts.inFlight = n;
            break;
        case RecipientState::Deferred:
            counts.deferred = n;
            break;
        case RecipientState::Delivered:
            counts.delivered = n;
            break;
        case RecipientState::Failed:
            counts.failed = n;
            break;
        case RecipientState::Held:
            counts.held = n;
            break;
        }
    }
    byState.finish();

    QSqlQuery& oldest = m_statements->oldestPending;
    if (!run(oldest, "oldest pending", &error))
        qCWarning(lcStore) << error;
    else if (oldest.next())
        counts.oldestPending = fromMs(oldest.value(0));
    oldest.finish();
    return counts;
}

QVector<PendingEnvelope> SqliteStore::pendingEnvelopes(QString* error)
{
    QVector<PendingEnvelope> envelopes;
    if (!requireOpen(error))
        return envelopes;
    QSqlQuery& query = m_statements->pendingEnvelopes;
    if (!run(query, "pending envelopes", error))
        return envelopes;
    while (query.next()) {
        PendingEnvelope envelope;
        envelope.recipientId = query.value(0).toLongLong();
        envelope.messageId = query.value(1).toLongLong();
        envelope.sender = query.value(2).toString();
        envelope.recipient = query.value(3).toString();
        envelope.clientAddress = query.value(4).toString();
        envelope.authUser = query.value(5).toString();
        envelope.listener = query.value(6).toString();
        envelopes.append(envelope);
    }
    query.finish();
    setError(error, QString());
    return envelopes;
}

QVector<DeliveryLogEntry> SqliteStore::deliveryLog(qint64 messageId)
{
    QVector<DeliveryLogEntry> rows;
    QString error;
    if (!requireOpen(&error))
        return rows;
    QSqlQuery& query = m_statements->logOfMessage;
    query.bindValue(QStringLiteral(":id"), messageId);
    if (!run(query, "delivery log", &error)) {
        qCWarning(lcStore) << error;
        return rows;
    }
    while (query.next()) {
        DeliveryLogEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.messageId = query.value(1).toLongLong();
        entry.recipient = query.value(2).toString();
        entry.attemptedAt = fromMs(query.value(3));
        entry.resultState = RecipientState(query.value(4).toInt());
        entry.upstreamHost = query.value(5).toString();
        entry.replyCode = query.value(6).toInt();
        entry.enhancedStatus = query.value(7).toString();
        entry.replyText = query.value(8).toString();
        entry.upstreamQueueId = query.value(9).toString();
        rows.append(entry);
    }
    query.finish();
    return rows;
}

QVector<DsnCandidate> SqliteStore::failureReportsDue(int maxMessages, QString* error)
{
    QVector<DsnCandidate> candidates;
    if (!requireOpen(error))
        return candidates;
    setError(error, QString());
    if (maxMessages <= 0)
        return candidates;
    return SqliteReports::failureReportsDue(*m_statements, maxMessages, error);
}

bool SqliteStore::markFailureReported(const QVector<qint64>& messageIds, QString* error)
{
    if (!requireOpen(error))
        return false;
    if (messageIds.isEmpty())
        return true;
    SqliteStatements& s = *m_statements;
    // Losing this to a power failure only means deciding again that no
    // report is needed (see docs/durability.md).
    RelaxedSync relaxed(*this);
    if (!relaxed.begin(error))
        return false;
    for (const qint64 id : messageIds) {
        if (!SqliteReports::markNoFailureReport(s, id, error)) {
            rollback();
            return false;
        }
    }
    return relaxed.commit(error);
}

QVector<DsnCandidate> SqliteStore::delayWarningsDue(const QDateTime& now, qint64 thresholdSeconds,
                                                    int maxMessages, QString* error)
{
    QVector<DsnCandidate> candidates;
    if (!requireOpen(error))
        return candidates;
    setError(error, QString());
    if (maxMessages <= 0 || thresholdSeconds < 0)
        return candidates;
    if (!now.isValid()) {
        setError(error, QStringLiteral("delay warnings need a valid time"));
        return candidates;
    }
    return SqliteReports::delayWarningsDue(
        *m_statements, now.toMSecsSinceEpoch() - thresholdSeconds * qint64(1000), maxMessages,
        error);
}

bool SqliteStore::markDelayWarned(const QVector<qint64>& messageIds, const QDateTime& at,
                                  QString* error)
{
    if (!requireOpen(error))
        return false;
    if (messageIds.isEmpty())
        return true;
    SqliteStatements& s = *m_statements;
    RelaxedSync relaxed(*this);
    if (!relaxed.begin(error))
        return false;
    for (const qint64 id : messageIds) {
        QSqlQuery& mark = s.recordDelayReport;
        mark.bindValue(QStringLiteral(":at"), toMs(at));
        mark.bindValue(QStringLiteral(":dsn"), 0);
        mark.bindValue(QStringLiteral(":id"), id);
        if (!run(mark, "mark delay warned", error)) {
            rollback();
            return false;
        }
    }
    return relaxed.commit(error);
}

template <typename Action>
std::optional<QueueActionCounts> SqliteStore::queueAction(const QVector<qint64>& messageIds,
                                                          const char* what, QString* error,
                                                          Action action)
{
    if (!requireOpen(error))
        return std::nullopt;
    setError(error, QString());
    if (messageIds.isEmpty())
        return QueueActionCounts();
    // The admin's change is durable when the GUI hears it is done.
    if (!restoreStrictSync(error) || !begin(error))
        return std::nullopt;
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QueueActionCounts counts;
    if (!action(db, &counts)) {
        qCWarning(lcStore).noquote() << what << "failed:" << (error ? *error : QString());
        rollback();
        return std::nullopt;
    }
    if (!commit(error))
        return std::nullopt;
    return counts;
}

QueuePage SqliteStore::queueRows(qint64 afterMessageId, int limit, QString* error)
{
    QueuePage page;
    if (!requireOpen(error))
        return page;
    setError(error, QString());
    if (!SqliteAdminQueries::queueRows(QSqlDatabase::database(m_connectionName, false),
                                       afterMessageId, limit, &page, error))
        page = QueuePage();
    return page;
}

std::optional<QueueActionCounts> SqliteStore::setHeld(const QVector<qint64>& messageIds, bool held,
                                                      const QDateTime& now, QString* error)
{
    const qint64 nowMs = toMs(now);
    return queueAction(messageIds, held ? "hold" : "release", error,
                       [&](const QSqlDatabase& db, QueueActionCounts* counts) {
                           return SqliteAdminQueries::setHeld(db, messageIds, held, nowMs, counts,
                                                              error);
                       });
}

std::optional<QueueActionCounts> SqliteStore::retryMessages(const QVector<qint64>& messageIds,
                                                            const QDateTime& now, QString* error)
{
    const qint64 nowMs = toMs(now);
    return queueAction(
        messageIds, "retry", error, [&](const QSqlDatabase& db, QueueActionCounts* counts) {
            return SqliteAdminQueries::retryMessages(db, messageIds, nowMs, counts, error);
        });
}

std::optional<QueueActionCounts> SqliteStore::deleteMessages(const QVector<qint64>& messageIds,
                                                             QString* error)
{
    return queueAction(messageIds, "delete", error,
                       [&](const QSqlDatabase& db, QueueActionCounts* counts) {
                           return SqliteAdminQueries::deleteMessages(db, messageIds, counts, error);
                       });
}

MessageRecord SqliteStore::messageDetail(qint64 messageId, QString* error)
{
    MessageRecord record;
    record.messageId = messageId;
    if (!requireOpen(error))
        return record;
    setError(error, QString());
    if (!SqliteAdminQueries::messageDetail(QSqlDatabase::database(m_connectionName, false),
                                           messageId, &record, error)) {
        record = MessageRecord();
        record.messageId = messageId;
    }
    return record;
}

QByteArray SqliteStore::messageContent(qint64 messageId, QString* error)
{
    QByteArray content;
    if (!requireOpen(error))
        return content;
    setError(error, QString());
    if (!SqliteAdminQueries::messageContent(QSqlDatabase::database(m_connectionName, false),
                                            messageId, &content, error))
        content.clear();
    return content;
}

QVector<DeliveryLogRecord> SqliteStore::queryDeliveryLog(const DeliveryLogFilter& filter,
                                                         QString* error)
{
    QVector<DeliveryLogRecord> rows;
    if (!requireOpen(error))
        return rows;
    setError(error, QString());
    if (!SqliteAdminQueries::queryDeliveryLog(QSqlDatabase::database(m_connectionName, false),
                                              filter, &rows, error))
        rows.clear();
    return rows;
}

QVector<FailedEnvelope> SqliteStore::failedRecipients(const QDateTime& since, int limit,
                                                      QString* error)
{
    QVector<FailedEnvelope> rows;
    if (!requireOpen(error))
        return rows;
    setError(error, QString());
    if (!SqliteAdminQueries::failedRecipients(QSqlDatabase::database(m_connectionName, false),
                                              since, limit, &rows, error))
        rows.clear();
    return rows;
}

QVector<HourlyAttempts> SqliteStore::hourlyCounts(const QDateTime& now, QString* error)
{
    QVector<HourlyAttempts> hours;
    if (!requireOpen(error))
        return hours;
    setError(error, QString());
    if (!SqliteAdminQueries::hourlyCounts(QSqlDatabase::database(m_connectionName, false), now,
                                          &hours, error))
        hours.clear();
    return hours;
}

std::optional<DayCounts> SqliteStore::todayCounts(const QDateTime& since, QString* error)
{
    if (!requireOpen(error))
        return std::nullopt;
    setError(error, QString());
    DayCounts counts;
    if (!SqliteAdminQueries::todayCounts(QSqlDatabase::database(m_connectionName, false), since,
                                         &counts, error))
        return std::nullopt;
    return counts;
}

} // namespace RelayDesk::Store
