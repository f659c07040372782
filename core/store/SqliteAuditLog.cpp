#include "SqliteAuditLog.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace RelayDesk::Store {

namespace {

QAtomicInteger<quint64> s_instances;

// Times as milliseconds since the epoch: sortable, exact, no time zone.
const char* const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS audit_log ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " time_ms INTEGER NOT NULL,"
    " local_user TEXT NOT NULL,"
    " action TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " before_value TEXT NOT NULL,"
    " after_value TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log(time_ms)",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
};

QString describe(const char* what, const QSqlError& error)
{
    return QStringLiteral("audit log: %1: %2").arg(QLatin1String(what), error.text());
}

} // namespace

SqliteAuditLog::SqliteAuditLog()
    : m_connectionName(QStringLiteral("relaydesk-audit-%1").arg(++s_instances))
{}

SqliteAuditLog::~SqliteAuditLog()
{
    close();
}

bool SqliteAuditLog::open(const QString& databasePath, QString* error)
{
    close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(databasePath);
        if (!db.open()) {
            *error = describe("open", db.lastError());
        } else {
            QSqlQuery query(db);
            const char* const pragmas[] = {"PRAGMA busy_timeout = 5000",
                                           "PRAGMA journal_mode = WAL",
                                           "PRAGMA synchronous = FULL"};
            bool ok = true;
            for (const char* statement : pragmas) {
                if (!query.exec(QLatin1String(statement))) {
                    *error = describe(statement, query.lastError());
                    ok = false;
                    break;
                }
            }
            for (const char* statement : kSchema) {
                if (ok && !query.exec(QLatin1String(statement))) {
                    *error = describe("create table", query.lastError());
                    ok = false;
                }
            }
            if (ok)
                return true;
        }
    }
    close();
    return false;
}

void SqliteAuditLog::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteAuditLog::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) &&
           QSqlDatabase::database(m_connectionName, false).isOpen();
}

std::optional<qint64> SqliteAuditLog::append(const AuditEntry& entry, QString* error)
{
    if (!isOpen()) {
        *error = QStringLiteral("audit log: not open");
        return std::nullopt;
    }
    if (entry.action.isEmpty()) {
        *error = QStringLiteral("audit log: an entry needs an action");
        return std::nullopt;
    }
    const QDateTime time = entry.time.isValid() ? entry.time : QDateTime::currentDateTimeUtc();
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT INTO audit_log (time_ms, local_user, action, subject, "
                                 "before_value, after_value) VALUES (?, ?, ?, ?, ?, ?)"));
    // NOT NULL columns: a null QString would bind as NULL.
    query.addBindValue(time.toMSecsSinceEpoch());
    query.addBindValue(entry.localUser.isNull() ? QStringLiteral("") : entry.localUser);
    query.addBindValue(entry.action);
    query.addBindValue(entry.subject.isNull() ? QStringLiteral("") : entry.subject);
    query.addBindValue(entry.before.isNull() ? QStringLiteral("") : entry.before);
    query.addBindValue(entry.after.isNull() ? QStringLiteral("") : entry.after);
    if (!query.exec()) {
        *error = describe("append", query.lastError());
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

std::optional<QVector<AuditEntry>> SqliteAuditLog::query(const AuditFilter& filter,
                                                         QString* error) const
{
    if (!isOpen()) {
        *error = QStringLiteral("audit log: not open");
        return std::nullopt;
    }
    QStringList where;
    QVariantList values;
    if (filter.since.isValid()) {
        where << QStringLiteral("time_ms >= ?");
        values << filter.since.toMSecsSinceEpoch();
    }
    if (filter.until.isValid()) {
        where << QStringLiteral("time_ms < ?");
        values << filter.until.toMSecsSinceEpoch();
    }
    if (!filter.localUser.isEmpty()) {
        where << QStringLiteral("local_user = ?");
        values << filter.localUser;
    }
    if (filter.action.endsWith(QLatin1Char('.'))) {
        // A prefix, compared with substr so that '%' and '_' in it are literal.
        where << QStringLiteral("substr(action, 1, ?) = ?");
        values << int(filter.action.size()) << filter.action;
    } else if (!filter.action.isEmpty()) {
        where << QStringLiteral("action = ?");
        values << filter.action;
    }
    if (!filter.subjectContains.isEmpty()) {
        where << QStringLiteral("instr(subject, ?) > 0");
        values << filter.subjectContains;
    }
    QString sql = QStringLiteral("SELECT id, time_ms, local_user, action, subject, before_value, "
                                 "after_value FROM audit_log");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << std::clamp(filter.limit, 1, 100000);

    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant& value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        *error = describe("query", query.lastError());
        return std::nullopt;
    }
    QVector<AuditEntry> entries;
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.time = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC);
        entry.localUser = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.subject = query.value(4).toString();
        entry.before = query.value(5).toString();
        entry.after = query.value(6).toString();
        entries.append(entry);
    }
    return entries;
}

} // namespace RelayDesk::Store
