#include "SqliteSchema.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <iterator>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace RelayDesk::Store {

namespace {

bool exec(QSqlQuery& query, const QString& sql, const char* what, QString* error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(QLatin1String(what), query.lastError().text());
    return false;
}

// Makes a newly created file's directory entry durable. SQLite already does
// this for its WAL and journal files, but not for the main database file.
bool syncDirectory(const QString& path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const int rc = ::fsync(fd);
    ::close(fd);
    return rc == 0;
#else
    Q_UNUSED(path);
    return true;
#endif
}

// Timestamps are integer milliseconds since the epoch, UTC. States are
// RecipientState values. Content is NULL once every recipient is final, so
// "content IS NOT NULL" means "still pending" (see the partial index).
const char* const schemaVersion1[] = {
    R"(CREATE TABLE messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sender TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        size INTEGER NOT NULL,
        helo TEXT,
        client_addr TEXT,
        listener TEXT,
        tls_version TEXT,
        auth_user TEXT,
        content BLOB))",
    "CREATE INDEX messages_pending ON messages (received_at) WHERE content IS NOT NULL",
    R"(CREATE TABLE recipients (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        state INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL,
        last_code INTEGER,
        last_status TEXT,
        last_text TEXT,
        updated_at INTEGER NOT NULL))",
    // claimDue and nextDue search by state and due time.
    "CREATE INDEX recipients_due ON recipients (state, next_attempt)",
    "CREATE INDEX recipients_message ON recipients (message_id)",
    R"(CREATE TABLE delivery_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        recipient_id INTEGER REFERENCES recipients (id) ON DELETE SET NULL,
        recipient TEXT NOT NULL,
        attempted_at INTEGER NOT NULL,
        result_state INTEGER NOT NULL,
        upstream_host TEXT,
        reply_code INTEGER,
        enhanced_status TEXT,
        reply_text TEXT,
        upstream_queue_id TEXT))",
    "CREATE INDEX delivery_log_message ON delivery_log (message_id, id)",
};

// Version 2: retention and a status line that stays cheap with a long history.
const char* const schemaVersion2[] = {
    // Envelopes per state, kept by triggers in the transaction that changes
    // the envelopes: counts() reads six rows instead of counting an index
    // that grows with every message ever delivered (measured: ~5 ms at
    // 100,000 delivered envelopes, and linear).
    R"(CREATE TABLE state_counts (
        state INTEGER PRIMARY KEY,
        envelopes INTEGER NOT NULL))",
    R"(INSERT INTO state_counts (state, envelopes)
        SELECT state, COUNT(*) FROM recipients GROUP BY state)",
    R"(CREATE TRIGGER recipients_counted_insert AFTER INSERT ON recipients BEGIN
        INSERT INTO state_counts (state, envelopes) VALUES (NEW.state, 1)
            ON CONFLICT (state) DO UPDATE SET envelopes = envelopes + 1;
    END)",
    R"(CREATE TRIGGER recipients_counted_delete AFTER DELETE ON recipients BEGIN
        UPDATE state_counts SET envelopes = envelopes - 1 WHERE state = OLD.state;
    END)",
    R"(CREATE TRIGGER recipients_counted_update AFTER UPDATE OF state ON recipients
        WHEN OLD.state IS NOT NEW.state BEGIN
        UPDATE state_counts SET envelopes = envelopes - 1 WHERE state = OLD.state;
        INSERT INTO state_counts (state, envelopes) VALUES (NEW.state, 1)
            ON CONFLICT (state) DO UPDATE SET envelopes = envelopes + 1;
    END)",
    // Deleting a recipient looks up its log rows for ON DELETE SET NULL;
    // without this index purgeFinal would scan the whole log per recipient.
    "CREATE INDEX delivery_log_recipient ON delivery_log (recipient_id)",
};

// Version 3: DSNs (RFC 3461/3464, issue 3). The DSN parameters given at
// intake, what the last attempt of each recipient answered, and which reports
// were made, so that each is made once.
const char* const schemaVersion3[] = {
    // MessageKind: 0 relayed mail, 1 our failure report, 2 our delay warning;
    // reports_on is the message a report is about (no foreign key: retention
    // may remove either first).
    "ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN reports_on INTEGER",
    // Bounce::DsnReturn; ENVID decoded, NULL when not given.
    "ALTER TABLE messages ADD COLUMN dsn_ret INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN dsn_envid TEXT",
    // 0: no failure report due (yet); 1: due (set by recordOutcomes when the
    // last recipient became final and one Failed, content kept for it);
    // 2: made, with the DSN's id (0: none was needed) in failure_dsn_id.
    "ALTER TABLE messages ADD COLUMN failure_dsn INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE messages ADD COLUMN failure_dsn_id INTEGER",
    "ALTER TABLE messages ADD COLUMN delay_warned_at INTEGER",
    "ALTER TABLE messages ADD COLUMN delay_dsn_id INTEGER",
    // NOTIFY as Bounce::NotifyConditions bits (0 = NEVER), NULL when not
    // given; ORCPT as "addr-type;address" (decoded), NULL when not given.
    "ALTER TABLE recipients ADD COLUMN dsn_notify INTEGER",
    "ALTER TABLE recipients ADD COLUMN dsn_orcpt TEXT",
    // The DSN's Remote-MTA and Last-Attempt-Date (updated_at also moves on
    // recovery and retry-now).
    "ALTER TABLE recipients ADD COLUMN last_host TEXT",
    "ALTER TABLE recipients ADD COLUMN last_attempt_at INTEGER",
    // The notifier asks after every batch of outcomes: a lookup in an index
    // that holds only the messages awaiting their report.
    "CREATE INDEX messages_failure_dsn_due ON messages (id) WHERE failure_dsn = 1",
    // Pending, not yet warned, not from the null sender: old messages that
    // were warned (or can never be) drop out, so the periodic check reads
    // only candidates however long the backlog.
    R"(CREATE INDEX messages_delay_unwarned ON messages (received_at)
        WHERE content IS NOT NULL AND delay_warned_at IS NULL AND sender <> '')",
};

// Version 4: the admin GUI (issue 4). The SMTP transcript of each attempt,
// and the indexes its queries page and count with.
const char* const schemaVersion4[] = {
    // Lines joined by "\n", bounded by SqliteTranscript; NULL when none.
    "ALTER TABLE delivery_log ADD COLUMN transcript TEXT",
    // The delivery log page (newest first, by time range), the hourly chart
    // and today's counts: range scans, the counts covered by the index.
    "CREATE INDEX delivery_log_time ON delivery_log (attempted_at, result_state)",
    // The queue page pages by message id over the messages that are not
    // final: only their envelopes are in this index, so a page costs the
    // same however long the history. (state is in the key so the index
    // covers the query; queries must repeat the WHERE verbatim and name the
    // index, see SqliteAdminQueries.)
    R"(CREATE INDEX recipients_pending ON recipients (message_id, state)
        WHERE state IN (0, 1, 2, 5))",
};

struct Migration
{
    int version; ///< the version this step produces
    const char* const* begin;
    const char* const* end;
};

const Migration migrations[] = {
    {1, std::begin(schemaVersion1), std::end(schemaVersion1)},
    {2, std::begin(schemaVersion2), std::end(schemaVersion2)},
    {3, std::begin(schemaVersion3), std::end(schemaVersion3)},
    {4, std::begin(schemaVersion4), std::end(schemaVersion4)},
};
static_assert(std::size(migrations) == SqliteSchema::Version);

} // namespace

bool SqliteSchema::configure(const QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("PRAGMA busy_timeout = 5000"), "busy_timeout", error) ||
        !exec(query, QStringLiteral("PRAGMA journal_mode = WAL"), "journal_mode", error))
        return false;
    const QString mode = query.next() ? query.value(0).toString() : QString();
    query.finish();
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        if (error)
            *error =
                QStringLiteral("the queue database cannot use WAL mode (got \"%1\")").arg(mode);
        return false;
    }
    // FULL: a commit returns only after the WAL is fsynced (no 250 before durable).
    return exec(query, QStringLiteral("PRAGMA synchronous = FULL"), "synchronous", error) &&
           exec(query, QStringLiteral("PRAGMA foreign_keys = ON"), "foreign_keys", error)
           // Keeps the WAL from staying huge after one burst of large messages.
           && exec(query, QStringLiteral("PRAGMA journal_size_limit = 67108864"),
                   "journal_size_limit", error)
           // Debian builds SQLite with secure_delete on: dropping a delivered
           // message's content would zero and rewrite every one of its pages
           // (WAL and checkpoint), doubling the writes per message. FAST still
           // clears deleted rows within b-tree pages, not freed overflow pages.
           // Measured, 2000 x 100 KiB relayed: 806 -> 414 MiB written.
           && exec(query, QStringLiteral("PRAGMA secure_delete = FAST"), "secure_delete", error)
           // Checkpoint every ~16 MiB of WAL instead of ~4 MiB: a page of a
           // message delivered before the checkpoint is copied once, not once
           // per generation. Measured as above: 414 -> ~310 MiB written; 16000
           // pages saved more writes but kept ~75 MiB of WAL, for no speed.
           && exec(query, QStringLiteral("PRAGMA wal_autocheckpoint = 4000"), "wal_autocheckpoint",
                   error)
           // Per connection, never on disk: the ids purgeFinal collects.
           && exec(query,
                   QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id INTEGER "
                                  "PRIMARY KEY)"),
                   "purge table", error);
}

bool SqliteSchema::ensure(const QSqlDatabase& db, const QString& directory, QString* error)
{
    QSqlQuery query(db);
    if (!exec(query, QStringLiteral("PRAGMA user_version"), "user_version", error))
        return false;
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    if (version == Version)
        return true;
    if (version > Version) {
        if (error)
            *error = QStringLiteral("the queue database has schema version %1; this RelayDesk "
                                    "understands up to %2")
                         .arg(version)
                         .arg(Version);
        return false;
    }

    // Every step from the current version up, all of it or nothing: a crash
    // leaves the previous version, which the next start migrates again.
    if (!exec(query, QStringLiteral("BEGIN IMMEDIATE"), "begin", error))
        return false;
    bool ok = true;
    for (const Migration& migration : migrations) {
        if (migration.version <= version)
            continue;
        for (auto statement = migration.begin; ok && statement != migration.end; ++statement)
            ok = exec(query, QString::fromLatin1(*statement), "migrate schema", error);
    }
    ok = ok &&
         exec(query, QStringLiteral("PRAGMA user_version = %1").arg(Version), "user_version",
              error) &&
         exec(query, QStringLiteral("COMMIT"), "commit schema", error);
    if (!ok) {
        query.exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!syncDirectory(directory)) {
        if (error)
            *error = QStringLiteral("cannot sync the data directory %1").arg(directory);
        return false;
    }
    return true;
}

} // namespace RelayDesk::Store
