#include "SqliteSuppressions.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace RelayDesk::Store {

namespace {

bool fail(QString* error, const QString& what, const QSqlError& sqlError)
{
    if (error)
        *error = what + QStringLiteral(": ") + sqlError.text();
    return false;
}

QVariant msOrNull(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

/// SQLite gets '' for an empty domain: a null QString would bind as NULL.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QDateTime utc(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

const QString kColumns =
    QStringLiteral("sender_domain, recipient, reason, created, expires, source_message, detail");

SqliteSuppressions::Entry entryFrom(const QSqlQuery& q)
{
    SqliteSuppressions::Entry e;
    e.senderDomain = q.value(0).toString();
    e.recipient = q.value(1).toString();
    e.reason = q.value(2).toString();
    e.created = utc(q.value(3));
    e.expires = utc(q.value(4));
    e.sourceMessageId = q.value(5).toLongLong();
    e.detail = q.value(6).toString();
    return e;
}

// --- CSV (RFC 4180) ---

QString csvCell(QString value)
{
    // A cell starting like a formula would run in a spreadsheet.
    if (!value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.at(0)))
        value.prepend(QLatin1Char('\''));
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
        value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1String("\""), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

QString uncell(QString value)
{
    if (value.size() > 1 && value.at(0) == QLatin1Char('\'') &&
        QStringLiteral("=+-@\t\r").contains(value.at(1)))
        value.remove(0, 1);
    return value;
}

/// Splits CSV text into rows of fields; the line each row starts on goes
/// to `lines`. False when a quoted field is not closed.
bool parseCsv(const QString& text, QVector<QStringList>& rows, QVector<int>& lines)
{
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int rowLine = 1;
    const auto endRow = [&] {
        row << field;
        if (!(row.size() == 1 && row.constFirst().isEmpty() && !fieldStarted)) {
            rows << row;
            lines << rowLine;
        }
        row.clear();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            endRow();
            ++line;
            rowLine = line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return false;
    if (!field.isEmpty() || !row.isEmpty() || fieldStarted)
        endRow();
    return true;
}

} // namespace

QString SqliteSuppressions::domainOf(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : address.mid(at + 1).trimmed().toLower();
}

bool SqliteSuppressions::ensureTable(const QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    // Times are milliseconds since the epoch (UTC), like the queue's tables.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS suppressions ("
                               " sender_domain TEXT NOT NULL,"
                               " recipient TEXT NOT NULL,"
                               " reason TEXT NOT NULL,"
                               " created INTEGER NOT NULL,"
                               " expires INTEGER,"
                               " source_message INTEGER NOT NULL DEFAULT 0,"
                               " detail TEXT NOT NULL DEFAULT '',"
                               " PRIMARY KEY (recipient, sender_domain))")))
        return fail(error, QStringLiteral("cannot create the suppressions table"), q.lastError());
    return true;
}

bool SqliteSuppressions::add(const QSqlDatabase& db, const Entry& entry, QString* error)
{
    const QString recipient = entry.recipient.trimmed().toLower();
    if (!recipient.contains(QLatin1Char('@')) || recipient.startsWith(QLatin1Char('@')) ||
        recipient.endsWith(QLatin1Char('@'))) {
        if (error)
            *error = QStringLiteral("not an e-mail address: %1").arg(entry.recipient);
        return false;
    }
    if (!ensureTable(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO suppressions (") + kColumns +
        QStringLiteral(") VALUES (:domain, :recipient, :reason, :created, :expires,"
                       " :source, :detail) ON CONFLICT (recipient, sender_domain) DO UPDATE"
                       " SET reason = excluded.reason, created = excluded.created,"
                       " expires = excluded.expires, source_message = excluded.source_message,"
                       " detail = excluded.detail"));
    q.bindValue(QStringLiteral(":domain"), text(entry.senderDomain.trimmed().toLower()));
    q.bindValue(QStringLiteral(":recipient"), recipient);
    q.bindValue(QStringLiteral(":reason"),
                entry.reason.isEmpty() ? QStringLiteral("manual") : entry.reason);
    q.bindValue(QStringLiteral(":created"),
                (entry.created.isValid() ? entry.created : QDateTime::currentDateTimeUtc())
                    .toMSecsSinceEpoch());
    q.bindValue(QStringLiteral(":expires"), msOrNull(entry.expires));
    q.bindValue(QStringLiteral(":source"), entry.sourceMessageId);
    q.bindValue(QStringLiteral(":detail"), text(entry.detail));
    if (!q.exec())
        return fail(error, QStringLiteral("cannot add the suppression of %1").arg(recipient),
                    q.lastError());
    return true;
}

bool SqliteSuppressions::addAll(const QSqlDatabase& db, const QVector<Entry>& entries,
                                QString* error)
{
    if (!ensureTable(db, error))
        return false;
    QSqlDatabase connection = db;
    if (!connection.transaction())
        return fail(error, QStringLiteral("cannot start a transaction"), connection.lastError());
    for (const Entry& entry : entries) {
        if (!add(db, entry, error)) {
            connection.rollback();
            return false;
        }
    }
    if (!connection.commit()) {
        connection.rollback();
        return fail(error, QStringLiteral("cannot commit the suppressions"),
                    connection.lastError());
    }
    return true;
}

bool SqliteSuppressions::remove(const QSqlDatabase& db, const QString& senderDomain,
                                const QString& recipient, QString* error)
{
    if (error)
        error->clear();
    if (!ensureTable(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "DELETE FROM suppressions WHERE recipient = :recipient AND sender_domain = :domain"));
    q.bindValue(QStringLiteral(":recipient"), recipient.trimmed().toLower());
    q.bindValue(QStringLiteral(":domain"), text(senderDomain.trimmed().toLower()));
    if (!q.exec())
        return fail(error, QStringLiteral("cannot remove the suppression of %1").arg(recipient),
                    q.lastError());
    return q.numRowsAffected() > 0;
}

std::optional<SqliteSuppressions::Entry>
SqliteSuppressions::find(const QSqlDatabase& db, const QString& senderDomain,
                         const QString& recipient, const QDateTime& now, QString* error)
{
    if (error)
        error->clear();
    if (!ensureTable(db, error))
        return std::nullopt;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // The sender domain's own entry first (it is the more specific one).
    q.prepare(QStringLiteral("SELECT ") + kColumns +
              QStringLiteral(" FROM suppressions WHERE recipient = :recipient AND"
                             " sender_domain IN (:domain, '') AND (expires IS NULL OR"
                             " expires > :now) ORDER BY sender_domain = '' LIMIT 1"));
    q.bindValue(QStringLiteral(":recipient"), recipient.trimmed().toLower());
    q.bindValue(QStringLiteral(":domain"), text(senderDomain.trimmed().toLower()));
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    if (!q.exec()) {
        fail(error, QStringLiteral("cannot look up a suppression"), q.lastError());
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    return entryFrom(q);
}

QVector<SqliteSuppressions::Entry>
SqliteSuppressions::list(const QSqlDatabase& db, const Service::SuppressionFilter& filter,
                         const QDateTime& now, QString* error)
{
    QVector<Entry> out;
    if (error)
        error->clear();
    if (!ensureTable(db, error))
        return out;
    QString sql =
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM suppressions WHERE 1");
    if (!filter.includeExpired)
        sql += QStringLiteral(" AND (expires IS NULL OR expires > :now)");
    if (!filter.text.isEmpty())
        sql += QStringLiteral(" AND (instr(lower(recipient), :text) > 0 OR"
                              " instr(lower(sender_domain), :text) > 0 OR"
                              " instr(lower(reason), :text) > 0)");
    sql += QStringLiteral(" ORDER BY created DESC, recipient");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!filter.includeExpired)
        q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    if (!filter.text.isEmpty())
        q.bindValue(QStringLiteral(":text"), filter.text.toLower());
    if (!q.exec()) {
        fail(error, QStringLiteral("cannot read the suppressions"), q.lastError());
        return out;
    }
    while (q.next())
        out << entryFrom(q);
    return out;
}

int SqliteSuppressions::purgeExpired(const QSqlDatabase& db, const QDateTime& now, QString* error)
{
    if (!ensureTable(db, error))
        return -1;
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("DELETE FROM suppressions WHERE expires IS NOT NULL AND expires <= :now"));
    q.bindValue(QStringLiteral(":now"), now.toMSecsSinceEpoch());
    if (!q.exec()) {
        fail(error, QStringLiteral("cannot purge the suppressions"), q.lastError());
        return -1;
    }
    return q.numRowsAffected();
}

QByteArray SqliteSuppressions::toCsv(const QVector<Entry>& entries)
{
    QString out =
        QStringLiteral("sender_domain,recipient,reason,created,expires,source_message,detail\r\n");
    for (const Entry& e : entries) {
        const QStringList cells{csvCell(e.senderDomain),
                                csvCell(e.recipient),
                                csvCell(e.reason),
                                e.created.toUTC().toString(Qt::ISODate),
                                e.expires.isValid() ? e.expires.toUTC().toString(Qt::ISODate)
                                                    : QString(),
                                QString::number(e.sourceMessageId),
                                csvCell(e.detail)};
        out += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out.toUtf8();
}

QVector<SqliteSuppressions::Entry> SqliteSuppressions::fromCsv(const QByteArray& csv,
                                                               const QDateTime& now, QString* error)
{
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1); // a byte order mark written by spreadsheets
    QVector<QStringList> rows;
    QVector<int> lines;
    const auto bad = [error](int line, const QString& what) {
        if (error)
            *error = QStringLiteral("line %1: %2").arg(line).arg(what);
        return QVector<Entry>();
    };
    if (!parseCsv(text, rows, lines))
        return bad(int(lines.isEmpty() ? 1 : lines.constLast()), QStringLiteral("unclosed quote"));
    if (rows.isEmpty())
        return bad(1, QStringLiteral("no header row"));
    QHash<QString, int> column;
    for (int i = 0; i < rows.constFirst().size(); ++i)
        column.insert(rows.constFirst().at(i).trimmed().toLower(), i);
    if (!column.contains(QStringLiteral("recipient")))
        return bad(1, QStringLiteral("the header has no \"recipient\" column"));
    const auto cell = [&column](const QStringList& row, const char* name) {
        const int i = column.value(QLatin1String(name), -1);
        return i >= 0 && i < row.size() ? uncell(row.at(i).trimmed()) : QString();
    };
    QVector<Entry> out;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QStringList& row = rows.at(r);
        const int line = lines.at(r);
        Entry e;
        e.recipient = cell(row, "recipient").toLower();
        if (!e.recipient.contains(QLatin1Char('@')))
            return bad(line, QStringLiteral("not an e-mail address: \"%1\"").arg(e.recipient));
        e.senderDomain = cell(row, "sender_domain").toLower();
        if (e.senderDomain.contains(QLatin1Char('@')) || e.senderDomain.contains(QLatin1Char(' ')))
            return bad(line, QStringLiteral("not a domain: \"%1\"").arg(e.senderDomain));
        e.reason = cell(row, "reason");
        if (e.reason.isEmpty())
            e.reason = QStringLiteral("manual");
        const QString created = cell(row, "created");
        e.created = created.isEmpty() ? now : QDateTime::fromString(created, Qt::ISODate);
        if (!e.created.isValid())
            return bad(line, QStringLiteral("not a date: \"%1\"").arg(created));
        const QString expires = cell(row, "expires");
        if (!expires.isEmpty()) {
            e.expires = QDateTime::fromString(expires, Qt::ISODate);
            if (!e.expires.isValid())
                return bad(line, QStringLiteral("not a date: \"%1\"").arg(expires));
        }
        const QString source = cell(row, "source_message");
        bool ok = true;
        e.sourceMessageId = source.isEmpty() ? 0 : source.toLongLong(&ok);
        if (!ok || e.sourceMessageId < 0)
            return bad(line, QStringLiteral("not a message id: \"%1\"").arg(source));
        e.detail = cell(row, "detail");
        e.created = e.created.toUTC();
        e.expires = e.expires.toUTC();
        out << e;
    }
    if (error)
        error->clear();
    return out;
}

} // namespace RelayDesk::Store
