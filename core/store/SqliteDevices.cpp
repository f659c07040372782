#include "SqliteDevices.h"

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

qint64 ms(const QDateTime& time)
{
    return time.toMSecsSinceEpoch();
}

/// Qt binds a null QString as SQL NULL; the text columns are NOT NULL.
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

} // namespace

bool SqliteDevices::ensureTable(const QSqlDatabase& db, QString* error)
{
    QSqlQuery q(db);
    // Times are milliseconds since the epoch (UTC), like the queue's tables.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS devices ("
                               " address TEXT PRIMARY KEY,"
                               " reverse_name TEXT NOT NULL DEFAULT '',"
                               " helo TEXT NOT NULL DEFAULT '',"
                               " auth_user TEXT NOT NULL DEFAULT '',"
                               " first_seen INTEGER NOT NULL,"
                               " last_seen INTEGER NOT NULL,"
                               " last_message INTEGER,"
                               " day_start INTEGER NOT NULL,"
                               " messages_today INTEGER NOT NULL DEFAULT 0,"
                               " errors_today INTEGER NOT NULL DEFAULT 0,"
                               " messages_total INTEGER NOT NULL DEFAULT 0,"
                               " expect_hours INTEGER NOT NULL DEFAULT 0,"
                               " last_transcript TEXT NOT NULL DEFAULT '')")))
        return fail(error, QStringLiteral("cannot create the devices table"), q.lastError());
    return true;
}

QStringList SqliteDevices::bounded(QStringList transcript)
{
    if (transcript.size() > MaxTranscriptLines) {
        const qsizetype omitted = transcript.size() - MaxTranscriptLines;
        const qsizetype head = MaxTranscriptLines / 2;
        QStringList kept = transcript.mid(0, head);
        kept.append(QStringLiteral("*: [%1 transcript lines omitted]").arg(omitted));
        kept += transcript.mid(transcript.size() - (MaxTranscriptLines - head));
        transcript = kept;
    }
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < transcript.size(); ++i) {
        bytes += transcript.at(i).toUtf8().size() + 1;
        if (bytes > MaxTranscriptBytes) {
            const qsizetype omitted = transcript.size() - i;
            transcript.resize(i);
            transcript.append(QStringLiteral("*: [%1 transcript lines omitted]").arg(omitted));
            break;
        }
    }
    return transcript;
}

bool SqliteDevices::recordSession(const QSqlDatabase& db, const Service::DeviceInfo& session,
                                  const QDateTime& dayStart, QString* error)
{
    if (!ensureTable(db, error))
        return false;
    QSqlQuery q(db);
    // In DO UPDATE every unqualified column is the row's value before the
    // update, so the day check below sees the stored day.
    q.prepare(QStringLiteral(
        "INSERT INTO devices (address, helo, auth_user, first_seen, last_seen, last_message,"
        " day_start, messages_today, errors_today, messages_total, last_transcript)"
        " VALUES (:address, :helo, :auth, :seen, :seen, :lastMessage, :day, :messages, :errors,"
        " :messages, :transcript)"
        " ON CONFLICT (address) DO UPDATE SET"
        " helo = CASE WHEN excluded.helo <> '' THEN excluded.helo ELSE helo END,"
        " auth_user = excluded.auth_user,"
        " last_seen = MAX(last_seen, excluded.last_seen),"
        " last_message = COALESCE(excluded.last_message, last_message),"
        " messages_today = CASE WHEN day_start = excluded.day_start THEN messages_today ELSE 0"
        " END + excluded.messages_today,"
        " errors_today = CASE WHEN day_start = excluded.day_start THEN errors_today ELSE 0"
        " END + excluded.errors_today,"
        " day_start = excluded.day_start,"
        " messages_total = messages_total + excluded.messages_total,"
        " last_transcript = CASE WHEN excluded.last_transcript <> '' THEN"
        " excluded.last_transcript ELSE last_transcript END"));
    const QDateTime seen =
        session.lastSeen.isValid() ? session.lastSeen : QDateTime::currentDateTimeUtc();
    q.bindValue(QStringLiteral(":address"), session.address);
    q.bindValue(QStringLiteral(":helo"), text(session.heloName));
    q.bindValue(QStringLiteral(":auth"), text(session.authUser));
    q.bindValue(QStringLiteral(":seen"), ms(seen));
    q.bindValue(QStringLiteral(":lastMessage"), session.messagesToday > 0
                                                    ? QVariant(ms(seen))
                                                    : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(QStringLiteral(":day"), ms(dayStart));
    q.bindValue(QStringLiteral(":messages"), session.messagesToday);
    q.bindValue(QStringLiteral(":errors"), session.errorsToday);
    q.bindValue(QStringLiteral(":transcript"),
                text(bounded(session.lastTranscript).join(QLatin1Char('\n'))));
    if (!q.exec())
        return fail(error, QStringLiteral("cannot record the device %1").arg(session.address),
                    q.lastError());
    return true;
}

QVector<Service::DeviceInfo> SqliteDevices::devices(const QSqlDatabase& db,
                                                    const QDateTime& dayStart, const QDateTime& now,
                                                    QString* error)
{
    QVector<Service::DeviceInfo> out;
    if (!ensureTable(db, error))
        return out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT address, reverse_name, helo, auth_user, first_seen, last_seen, last_message,"
            " day_start, messages_today, errors_today, messages_total, expect_hours,"
            " last_transcript FROM devices ORDER BY last_seen DESC, address"))) {
        fail(error, QStringLiteral("cannot read the devices"), q.lastError());
        return out;
    }
    const qint64 today = ms(dayStart);
    while (q.next()) {
        Service::DeviceInfo d;
        d.address = q.value(0).toString();
        d.reverseName = q.value(1).toString();
        d.heloName = q.value(2).toString();
        d.authUser = q.value(3).toString();
        d.firstSeen = utc(q.value(4));
        d.lastSeen = utc(q.value(5));
        const QDateTime lastMessage = utc(q.value(6));
        const bool sameDay = q.value(7).toLongLong() == today;
        d.messagesToday = sameDay ? q.value(8).toInt() : 0;
        d.errorsToday = sameDay ? q.value(9).toInt() : 0;
        d.messagesTotal = q.value(10).toLongLong();
        d.expectEveryHours = q.value(11).toInt();
        const QString transcript = q.value(12).toString();
        if (!transcript.isEmpty())
            d.lastTranscript = transcript.split(QLatin1Char('\n'));
        if (d.expectEveryHours > 0) {
            const QDateTime since = lastMessage.isValid() ? lastMessage : d.firstSeen;
            d.quiet = since.secsTo(now) > qint64(d.expectEveryHours) * 3600;
        }
        out.append(d);
    }
    return out;
}

bool SqliteDevices::setExpectation(const QSqlDatabase& db, const QString& address, int hours,
                                   QString* error)
{
    if (hours < 0) {
        if (error)
            *error = QStringLiteral("the expected interval must not be negative");
        return false;
    }
    if (!ensureTable(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE devices SET expect_hours = :hours WHERE address = :address"));
    q.bindValue(QStringLiteral(":hours"), hours);
    q.bindValue(QStringLiteral(":address"), address);
    if (!q.exec())
        return fail(error, QStringLiteral("cannot update the device %1").arg(address),
                    q.lastError());
    if (q.numRowsAffected() < 1) {
        if (error)
            *error = QStringLiteral("unknown device %1").arg(address);
        return false;
    }
    return true;
}

bool SqliteDevices::setReverseName(const QSqlDatabase& db, const QString& address,
                                   const QString& name, QString* error)
{
    if (!ensureTable(db, error))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE devices SET reverse_name = :name WHERE address = :address"));
    q.bindValue(QStringLiteral(":name"), text(name));
    q.bindValue(QStringLiteral(":address"), address);
    if (!q.exec())
        return fail(error, QStringLiteral("cannot update the device %1").arg(address),
                    q.lastError());
    return true;
}

} // namespace RelayDesk::Store
