#include "store/SqliteAuditLog.h"
#include "store/SqliteStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Store;

namespace {
AuditEntry entry(const QString& user, const QString& action, const QString& subject,
                 const QDateTime& time = {})
{
    AuditEntry e;
    e.localUser = user;
    e.action = action;
    e.subject = subject;
    e.time = time;
    return e;
}

const QDateTime kT0(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
} // namespace

/// The append-only audit log (table audit_log, triggers against change).
class TestSqliteAuditLog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void appendAndQuery();
    void filters_data();
    void filters();
    void updateAndDeleteAreRefused_data();
    void updateAndDeleteAreRefused();
    void sharesQueueDbWithTheStore();
    void survivesReopen();
    void errors();

private:
    void fill(SqliteAuditLog& log);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSqliteAuditLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSqliteAuditLog::fill(SqliteAuditLog& log)
{
    QString error;
    const QVector<AuditEntry> entries{
        entry("alice", "config.change", "limits/max-recipients", kT0),
        entry("bob", "queue.delete", "messages 12, 13", kT0.addSecs(60)),
        entry("alice", "queue.hold", "message 14", kT0.addSecs(120)),
        entry("alice", "credential.replace", "keychain:smarthost", kT0.addSecs(180)),
        entry("root", "auth.unblock", "192.168.1.66", kT0.addSecs(240)),
        entry("bob", "queue_x", "literal underscore", kT0.addSecs(300)),
    };
    for (const AuditEntry& e : entries)
        QVERIFY2(log.append(e, &error), qPrintable(error));
}

void TestSqliteAuditLog::appendAndQuery()
{
    SqliteAuditLog log;
    QString error;
    QVERIFY2(log.open(m_dir->filePath(QStringLiteral("queue.db")), &error), qPrintable(error));
    AuditEntry change = entry("alice", "config.change", "limits/max-recipients", kT0);
    change.before = QStringLiteral("100");
    change.after = QStringLiteral("50");
    const auto first = log.append(change, &error);
    QVERIFY2(first, qPrintable(error));
    const QDateTime beforeAppend = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const auto second = log.append(entry("bob", "queue.delete", "message 7"), &error);
    QVERIFY(second);
    QVERIFY(*second > *first);

    const auto rows = log.query({}, &error);
    QVERIFY2(rows, qPrintable(error));
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).id, *second);         // newest first
    QVERIFY(rows->at(0).time >= beforeAppend); // no time given: now
    QCOMPARE(rows->at(0).before, QString());
    const AuditEntry& stored = rows->at(1);
    QCOMPARE(stored.time, kT0);
    QCOMPARE(stored.localUser, QStringLiteral("alice"));
    QCOMPARE(stored.action, QStringLiteral("config.change"));
    QCOMPARE(stored.subject, QStringLiteral("limits/max-recipients"));
    QCOMPARE(stored.before, QStringLiteral("100"));
    QCOMPARE(stored.after, QStringLiteral("50"));
}

void TestSqliteAuditLog::filters_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<QStringList>("subjects");
    QTest::newRow("all") << AuditFilter{}
                         << QStringList{"literal underscore", "192.168.1.66",
                                        "keychain:smarthost", "message 14",
                                        "messages 12, 13",    "limits/max-recipients"};
    AuditFilter user;
    user.localUser = QStringLiteral("alice");
    QTest::newRow("user") << user
                          << QStringList{"keychain:smarthost", "message 14",
                                         "limits/max-recipients"};
    AuditFilter prefix;
    prefix.action = QStringLiteral("queue.");
    QTest::newRow("action prefix, _ is literal")
        << prefix << QStringList{"message 14", "messages 12, 13"};
    AuditFilter exact;
    exact.action = QStringLiteral("queue.hold");
    QTest::newRow("action exact") << exact << QStringList{"message 14"};
    AuditFilter range;
    range.since = kT0.addSecs(60);
    range.until = kT0.addSecs(180);
    QTest::newRow("time range") << range << QStringList{"message 14", "messages 12, 13"};
    AuditFilter subject;
    subject.subjectContains = QStringLiteral("%");
    QTest::newRow("subject % is literal") << subject << QStringList{};
    subject.subjectContains = QStringLiteral("message");
    subject.limit = 1;
    QTest::newRow("subject with limit") << subject << QStringList{"message 14"};
}

void TestSqliteAuditLog::filters()
{
    QFETCH(AuditFilter, filter);
    QFETCH(QStringList, subjects);
    SqliteAuditLog log;
    QString error;
    QVERIFY(log.open(m_dir->filePath(QStringLiteral("queue.db")), &error));
    fill(log);
    const auto rows = log.query(filter, &error);
    QVERIFY2(rows, qPrintable(error));
    QStringList got;
    for (const AuditEntry& e : *rows)
        got << e.subject;
    QCOMPARE(got, subjects);
}

void TestSqliteAuditLog::updateAndDeleteAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::newRow("update one") << "UPDATE audit_log SET after_value = 'x' WHERE id = 1";
    QTest::newRow("update all") << "UPDATE audit_log SET local_user = 'nobody'";
    QTest::newRow("delete one") << "DELETE FROM audit_log WHERE id = 2";
    QTest::newRow("delete all") << "DELETE FROM audit_log";
    QTest::newRow("replace (delete + insert)")
        << "INSERT OR REPLACE INTO audit_log (id, time_ms, local_user, action, subject, "
           "before_value, after_value) VALUES (1, 0, 'evil', 'x', 'x', '', '')";
}

void TestSqliteAuditLog::updateAndDeleteAreRefused()
{
    QFETCH(QString, sql);
    const QString path = m_dir->filePath(QStringLiteral("queue.db"));
    {
        SqliteAuditLog log;
        QString error;
        QVERIFY(log.open(path, &error));
        fill(log);
    }
    // Another connection, as a bug or a careless tool would use: the
    // database itself refuses.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "tamper");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        // REPLACE deletes through the conflict resolution, which runs
        // delete triggers only with recursive_triggers on.
        QVERIFY(query.exec(QStringLiteral("PRAGMA recursive_triggers = ON")));
        QVERIFY(!query.exec(sql));
        QVERIFY2(query.lastError().text().contains(QStringLiteral("append-only")),
                 qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    SqliteAuditLog log;
    QString error;
    QVERIFY(log.open(path, &error));
    const auto rows = log.query({}, &error);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 6);
    QCOMPARE(rows->last().localUser, QStringLiteral("alice"));
    QCOMPARE(rows->last().after, QString());
}

void TestSqliteAuditLog::sharesQueueDbWithTheStore()
{
    SqliteStore store(m_dir->path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    SqliteAuditLog log;
    QVERIFY2(log.open(store.databasePath(), &error), qPrintable(error));
    QVERIFY(log.append(entry("alice", "queue.delete", "message 1"), &error));
    NewMessage message;
    message.sender = QStringLiteral("a@example.com");
    message.recipients = {QStringLiteral("b@example.com")};
    message.content = "Subject: x\r\n\r\nbody\r\n";
    message.receivedAt = kT0;
    QCOMPARE(store.commitMessages({message}, &error).size(), 1);
    QVERIFY(log.append(entry("alice", "queue.hold", "message 2"), &error));
    QCOMPARE(log.query({}, &error)->size(), 2);
    QCOMPARE(store.counts().queued, 1);
}

void TestSqliteAuditLog::survivesReopen()
{
    const QString path = m_dir->filePath(QStringLiteral("queue.db"));
    QString error;
    {
        SqliteAuditLog log;
        QVERIFY(log.open(path, &error));
        fill(log);
    }
    SqliteAuditLog log;
    QVERIFY(log.open(path, &error)); // IF NOT EXISTS: schema created once
    QVERIFY(log.append(entry("alice", "config.change", "again"), &error));
    QCOMPARE(log.query({}, &error)->size(), 7);
}

void TestSqliteAuditLog::errors()
{
    SqliteAuditLog log;
    QString error;
    QVERIFY(!log.append(entry("a", "b", "c"), &error));
    QVERIFY(error.contains(QStringLiteral("not open")));
    QVERIFY(!log.query({}, &error));
    QVERIFY(!log.open(m_dir->filePath(QStringLiteral("missing/dir/queue.db")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!log.isOpen());
    QVERIFY(log.open(m_dir->filePath(QStringLiteral("queue.db")), &error));
    QVERIFY(!log.append(entry("alice", "", "no action"), &error));
    QVERIFY(error.contains(QStringLiteral("action")));
}

QTEST_GUILESS_MAIN(TestSqliteAuditLog)
#include "TestSqliteAuditLog.moc"
