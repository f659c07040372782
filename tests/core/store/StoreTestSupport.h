#pragma once

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

/// Turns a current (version 3) database into the version 2 schema, as an
/// older RelayDesk left it: what version 3 added is removed.
inline bool downgradeToVersion2(const QString& databasePath)
{
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
