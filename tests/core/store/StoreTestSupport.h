#pragma once

#include "store/SqliteStore.h"
#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>
#include <atomic>

namespace RelayDesk::Tests {

/// A fixed point in time, so that tests do not depend on the wall clock.
inline QDateTime baseTime()
{
    return QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
}

inline Store::NewMessage makeMessage(const QString& sender, const QStringList& recipients,
                                     const QDateTime& receivedAt, qsizetype contentSize = 1024)
{
    Store::NewMessage message;
    message.sender = sender;
    message.recipients = recipients;
    QByteArray content = "From: <" + sender.toUtf8() + ">\r\nSubject: test\r\n\r\n";
    while (content.size() < contentSize)
        content += "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrs\r\n";
    content.truncate(contentSize);
    message.content = content;
    message.heloName = QStringLiteral("printer.lan");
    message.clientAddress = QStringLiteral("192.0.2.10");
    message.listener = QStringLiteral("lan");
    message.tlsVersion = QStringLiteral("TLSv1.3");
    message.authUser = QStringLiteral("scanner");
    message.receivedAt = receivedAt;
    return message;
}

/// Reads one value through a separate SQLite connection: what another
/// process (or the store after a restart) would see on disk.
inline QVariant scalar(const QString& databasePath, const QString& sql)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("test-inspect-%1").arg(++counter);
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
            else
                qWarning() << "inspect failed:" << sql << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

/// Runs one statement through a separate connection (test set-up only).
inline bool execute(const QString& databasePath, const QString& sql)
{
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("test-execute-%1").arg(++counter);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning() << "execute failed:" << sql << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

/// True when counts() (maintained counters) agrees with a full count of the
/// recipients table, read through a separate connection.
inline bool countsMatchTable(Store::SqliteStore& store)
{
    const Store::QueueCounts counts = store.counts();
    const auto scanned = [&](Store::RecipientState state) {
        return scalar(store.databasePath(),
                      QStringLiteral("SELECT COUNT(*) FROM recipients WHERE state = %1")
                          .arg(int(state)))
            .toInt();
    };
    const struct
    {
        Store::RecipientState state;
        int counted;
    } expected[] = {
        {Store::RecipientState::Queued, counts.queued},
        {Store::RecipientState::InFlight, counts.inFlight},
        {Store::RecipientState::Deferred, counts.deferred},
        {Store::RecipientState::Delivered, counts.delivered},
        {Store::RecipientState::Failed, counts.failed},
        {Store::RecipientState::Held, counts.held},
    };
    bool match = true;
    for (const auto& row : expected) {
        if (scanned(row.state) != row.counted) {
            qWarning() << "state" << int(row.state) << "counted" << row.counted << "in table"
                       << scanned(row.state);
            match = false;
        }
    }
    return match;
}

/// Turns a current (version 4) database into the version 3 schema, as an
/// older RelayDesk left it: what version 4 added is removed.
inline bool downgradeToVersion3(const QString& databasePath)
{
    for (const char* sql :
         {"DROP INDEX delivery_log_time", "DROP INDEX recipients_pending",
          "ALTER TABLE delivery_log DROP COLUMN transcript", "PRAGMA user_version = 3"}) {
        if (!execute(databasePath, QString::fromLatin1(sql)))
            return false;
    }
    return true;
}

/// Turns a current database into the version 2 schema, as an older
/// RelayDesk left it: what versions 3 and 4 added is removed.
inline bool downgradeToVersion2(const QString& databasePath)
{
    if (!downgradeToVersion3(databasePath))
        return false;
    for (const char* sql :
         {"DROP INDEX messages_failure_dsn_due", "DROP INDEX messages_delay_unwarned",
          "ALTER TABLE messages DROP COLUMN kind", "ALTER TABLE messages DROP COLUMN reports_on",
          "ALTER TABLE messages DROP COLUMN dsn_ret", "ALTER TABLE messages DROP COLUMN dsn_envid",
          "ALTER TABLE messages DROP COLUMN failure_dsn",
          "ALTER TABLE messages DROP COLUMN failure_dsn_id",
          "ALTER TABLE messages DROP COLUMN delay_warned_at",
          "ALTER TABLE messages DROP COLUMN delay_dsn_id",
          "ALTER TABLE recipients DROP COLUMN dsn_notify",
          "ALTER TABLE recipients DROP COLUMN dsn_orcpt",
          "ALTER TABLE recipients DROP COLUMN last_host",
          "ALTER TABLE recipients DROP COLUMN last_attempt_at", "PRAGMA user_version = 2"}) {
        if (!execute(databasePath, QString::fromLatin1(sql)))
            return false;
    }
    return true;
}

} // namespace RelayDesk::Tests
