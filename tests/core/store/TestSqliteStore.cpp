#include "StoreTestSupport.h"
#include "TmpfsMount.h"
#include "store/SqliteStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace RelayDesk::Store;
using namespace RelayDesk::Tests;

namespace {

/// One recipient row as text, to see whether a call touched it.
QString recipientRow(const QString& databasePath, qint64 recipientId)
{
    return scalar(databasePath,
                  QStringLiteral("SELECT state || ',' || attempts || ',' || next_attempt || ',' || "
                                 "updated_at FROM recipients WHERE id = %1")
                      .arg(recipientId))
        .toString();
}

/// PRAGMA synchronous of the store's own connection (2 = FULL, 1 = NORMAL).
/// The connection belongs to this thread, so the test may ask it directly.
int storeSynchronous()
{
    const QStringList names = QSqlDatabase::connectionNames();
    const auto it = std::find_if(names.cbegin(), names.cend(), [](const QString& name) {
        return name.startsWith(QLatin1String("relaydesk-store-"));
    });
    if (it == names.cend())
        return -1;
    QSqlQuery query(QSqlDatabase::database(*it, false));
    return query.exec(QStringLiteral("PRAGMA synchronous")) && query.next() ? query.value(0).toInt()
                                                                            : -1;
}

int rowsOf(const QString& databasePath, const char* table, const char* column, qint64 id)
{
    return scalar(databasePath, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = %3")
                                    .arg(QLatin1String(table), QLatin1String(column))
                                    .arg(id))
        .toInt();
}

} // namespace

class TestSqliteStore final : public QObject
{
    Q_OBJECT

public:
    TestSqliteStore() = default;
    Q_DISABLE_COPY_MOVE(TestSqliteStore)

private slots:
    void init();
    void cleanup();

    void openCreatesPrivateDirectoryAndSchema();
    void openIsIdempotentAndKeepsExistingData();
    void openRejectsNewerSchema();
    void openMigratesVersion1Database();
    void openMigratesVersion2Database();
    void openFailsWhenDirectoryCannotBeCreated();
    void callsBeforeOpenFail();
    void commitSurvivesReopen();
    void commitOfEmptyBatchDoesNothing();
    void commitRejectsBatchWithMessageWithoutRecipients();
    void failedBatchLeavesNothingBehind();
    void claimDueReturnsOnlyDueRecipients();
    void claimDueRespectsLimitAndOrder();
    void claimDueWithoutLimitClaimsNothing_data();
    void claimDueWithoutLimitClaimsNothing();
    void claimDueLimitCountsRecipientsAndKeepsMessagesWhole();
    void claimDueFollowsDueOrderAcrossStates_data();
    void claimDueFollowsDueOrderAcrossStates();
    void claimsAndOutcomesLeaveTheConnectionAtFullSync_data();
    void claimsAndOutcomesLeaveTheConnectionAtFullSync();
    void relaxedTransactionsSurviveReopen();
    void recoverInFlightAfterCrash();
    void recordOutcomes_data();
    void recordOutcomes();
    void contentDroppedWhenLastRecipientBecomesFinal();
    void recordOutcomesRejectsBadInputAtomically_data();
    void recordOutcomesRejectsBadInputAtomically();
    void countsAndOldestPending();
    void nextDueFollowsQueueAndDeferrals();
    void deliveryLogIsOldestFirst();
    void pendingEnvelopesExcludeFinalRecipients_data();
    void pendingEnvelopesExcludeFinalRecipients();
    void retryNowTouchesOnlyDeferred_data();
    void retryNowTouchesOnlyDeferred();
    void retryNowKeepsEarlierDueTimes();
    void retryNowFailureChangesNothing();
    void purgeFinal_data();
    void purgeFinal();
    void purgeFinalFailureRemovesNothing();
    void purgeFinalRejectsInvalidCutoff();
    void diskFullFailsThenRecovers();
    void commitThroughput();
    void countsStayCheapWithLongHistory();

private:
    QString dataDir() const { return m_tmp->filePath(QStringLiteral("data")); }
    std::unique_ptr<SqliteStore> openStore();
    AttemptOutcome outcome(const DeliveryJob& job, int recipient, RecipientState state,
                           const QDateTime& at) const;

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestSqliteStore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestSqliteStore::cleanup()
{
    m_tmp.reset();
}

std::unique_ptr<SqliteStore> TestSqliteStore::openStore()
{
    auto store = std::make_unique<SqliteStore>(dataDir());
    QString error;
    if (!store->open(&error)) {
        qWarning() << "open failed:" << error;
        return nullptr;
    }
    return store;
}

AttemptOutcome TestSqliteStore::outcome(const DeliveryJob& job, int recipient, RecipientState state,
                                        const QDateTime& at) const
{
    AttemptOutcome o;
    o.messageId = job.messageId;
    o.recipientId = job.recipients.at(recipient).recipientId;
    o.newState = state;
    o.attemptedAt = at;
    o.upstreamHost = QStringLiteral("127.0.0.1:2525");
    switch (state) {
    case RecipientState::Delivered:
        o.replyCode = 250;
        o.enhancedStatus = QStringLiteral("2.0.0");
        o.replyText = QStringLiteral("250 2.0.0 Ok: queued as 4F1A2B");
        o.upstreamQueueId = QStringLiteral("4F1A2B");
        break;
    case RecipientState::Deferred:
        o.replyCode = 451;
        o.enhancedStatus = QStringLiteral("4.7.1");
        o.replyText = QStringLiteral("451 4.7.1 Try again later");
        o.nextAttempt = at.addSecs(5 * 60);
        break;
    case RecipientState::Failed:
        o.replyCode = 550;
        o.enhancedStatus = QStringLiteral("5.1.1");
        o.replyText = QStringLiteral("550 5.1.1 No such user");
        break;
    default:
        o.replyText = QStringLiteral("held by the admin");
        break;
    }
    return o;
}

void TestSqliteStore::openCreatesPrivateDirectoryAndSchema()
{
    const QString nested = m_tmp->filePath(QStringLiteral("a/b/spool"));
    SqliteStore store(nested);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));

    const QFileInfo dir(nested);
    QVERIFY(dir.isDir());
    QCOMPARE(dir.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                  QFile::ReadOther | QFile::WriteOther | QFile::ExeOther),
             QFile::Permissions());
    QCOMPARE(store.databasePath(), QDir(nested).filePath(QStringLiteral("queue.db")));
    QVERIFY(QFileInfo::exists(store.databasePath()));
    QCOMPARE(scalar(store.databasePath(), QStringLiteral("PRAGMA user_version")).toInt(),
             SqliteStore::SchemaVersion);
    QCOMPARE(scalar(store.databasePath(), QStringLiteral("PRAGMA journal_mode")).toString(),
             QStringLiteral("wal"));
    for (const char* table : {"messages", "recipients", "delivery_log", "state_counts"}) {
        QCOMPARE(scalar(store.databasePath(),
                        QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                       "AND name = '%1'")
                            .arg(QLatin1String(table)))
                     .toInt(),
                 1);
    }
    // claimDue must not scan the whole table.
    QCOMPARE(scalar(store.databasePath(),
                    QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                                   "name = 'recipients_due'"))
                 .toInt(),
             1);
}

void TestSqliteStore::openIsIdempotentAndKeepsExistingData()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    QCOMPARE(
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error).size(),
        1);
    QVERIFY(store->open(&error)); // second call on an open store is harmless
    store.reset();
    store = openStore(); // existing schema: no re-creation, data kept
    QVERIFY(store);
    QCOMPARE(store->counts().queued, 1);
}

void TestSqliteStore::openRejectsNewerSchema()
{
    {
        auto store = openStore();
        QVERIFY(store);
    }
    const QString path = QDir(dataDir()).filePath(QStringLiteral("queue.db"));
    QVERIFY(execute(path, QStringLiteral("PRAGMA user_version = 99")));

    SqliteStore store(dataDir());
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(QLatin1String("99")), qPrintable(error));
    // A failed open leaves the store closed, not half-usable.
    QVERIFY(store.commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error)
                .isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestSqliteStore::openMigratesVersion1Database()
{
    // A version 1 database with history: the version 2 schema minus what
    // version 2 added.
    QString path;
    {
        auto store = openStore();
        QVERIFY(store);
        path = store->databasePath();
        QString error;
        store->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime()),
                               makeMessage("b@lan", {"z@example.org"}, baseTime())},
                              &error);
        const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 1, &error);
        QCOMPARE(jobs.size(), 1);
        QVERIFY(store->recordOutcomes({outcome(jobs[0], 0, RecipientState::Delivered, baseTime()),
                                       outcome(jobs[0], 1, RecipientState::Deferred, baseTime())},
                                      &error));
    }
    QVERIFY(downgradeToVersion2(path));
    for (const char* sql :
         {"DROP TRIGGER recipients_counted_insert", "DROP TRIGGER recipients_counted_delete",
          "DROP TRIGGER recipients_counted_update", "DROP TABLE state_counts",
          "DROP INDEX delivery_log_recipient", "PRAGMA user_version = 1"})
        QVERIFY(execute(path, QString::fromLatin1(sql)));

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")).toInt(),
             SqliteStore::SchemaVersion);
    const QueueCounts counts = store->counts();
    QCOMPARE(counts.delivered, 1);
    QCOMPARE(counts.deferred, 1);
    QCOMPARE(counts.queued, 1);
    // The counters follow every later change.
    QString error;
    QCOMPARE(store->claimDue(baseTime(), 10, &error).size(), 1);
    QCOMPARE(store->counts().inFlight, 1);
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::openMigratesVersion2Database()
{
    // A version 2 queue: one message final with a failure (content already
    // dropped, before DSNs existed), one still pending with a failure.
    QString path;
    qint64 finalId = 0;
    qint64 pendingId = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        path = store->databasePath();
        QString error;
        const QVector<qint64> ids = store->commitMessages(
            {makeMessage("a@lan", {"x@example.org"}, baseTime()),
             makeMessage("b@lan", {"y@example.org", "z@example.org"}, baseTime().addSecs(1))},
            &error);
        QCOMPARE(ids.size(), 2);
        finalId = ids[0];
        pendingId = ids[1];
        const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(5), 10, &error);
        QCOMPARE(jobs.size(), 2);
        QVERIFY(store->recordOutcomes(
            {outcome(jobs[0], 0, RecipientState::Failed, baseTime().addSecs(5)),
             outcome(jobs[1], 0, RecipientState::Failed, baseTime().addSecs(5)),
             outcome(jobs[1], 1, RecipientState::Deferred, baseTime().addSecs(5))},
            &error));
    }
    QVERIFY(downgradeToVersion2(path));
    // As a version 2 RelayDesk did: the final message's content is gone.
    QVERIFY(execute(
        path, QStringLiteral("UPDATE messages SET content = NULL WHERE id = %1").arg(finalId)));
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('messages') "
                                         "WHERE name = 'dsn_ret'"))
                 .toInt(),
             0);

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")).toInt(),
             SqliteStore::SchemaVersion);
    QString error;
    // Old rows read as "no DSN parameters given" and nothing reported yet;
    // the message that was final before the upgrade gets no late report.
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(store->counts().deferred, 1);

    // The pending one completes after the upgrade: its report is due.
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(3600), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].messageId, pendingId);
    QCOMPARE(jobs[0].dsn, RelayDesk::Bounce::DsnRequest());
    QCOMPARE(jobs[0].recipients.at(0).dsn, RelayDesk::Bounce::RecipientDsnRequest());
    QCOMPARE(jobs[0].clientAddress, QStringLiteral("192.0.2.10"));
    QCOMPARE(jobs[0].kind, MessageKind::Relayed);
    QVERIFY(store->recordOutcomes(
        {outcome(jobs[0], 0, RecipientState::Delivered, baseTime().addSecs(3600))}, &error));
    const QVector<DsnCandidate> due = store->failureReportsDue(10, &error);
    QCOMPARE(due.size(), 1);
    QCOMPARE(due[0].messageId, pendingId);
    QCOMPARE(due[0].recipients.size(), 2);
    QCOMPARE(due[0].recipients[0].state, RecipientState::Failed);
    // Recorded before the upgrade: no host column then.
    QVERIFY(due[0].recipients[0].lastHost.isEmpty());
    QCOMPARE(due[0].recipients[0].lastCode, 550);
    QCOMPARE(due[0].recipients[1].lastHost, QStringLiteral("127.0.0.1:2525"));
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::openFailsWhenDirectoryCannotBeCreated()
{
    const QString file = m_tmp->filePath(QStringLiteral("plain-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();

    SqliteStore store(file + QStringLiteral("/data"));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY(!error.isEmpty());
}

void TestSqliteStore::callsBeforeOpenFail()
{
    SqliteStore store(dataDir());
    QString error;
    QVERIFY(store.commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error)
                .isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QCOMPARE(store.recoverInFlight(&error), -1);
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(store.claimDue(baseTime(), 10, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!store.recordOutcomes({}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QCOMPARE(store.retryNow(baseTime(), &error), -1);
    QVERIFY(!error.isEmpty());
    error.clear();
    QCOMPARE(store.purgeFinal(baseTime(), &error), -1);
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(store.pendingEnvelopes(&error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(!store.nextDue().has_value());
    QCOMPARE(store.counts().queued, 0);
    QVERIFY(store.deliveryLog(1).isEmpty());
    QVERIFY(!QFileInfo::exists(dataDir())); // nothing was created behind our back
}

void TestSqliteStore::commitSurvivesReopen()
{
    const NewMessage first =
        makeMessage("scanner@office.lan", {"alice@example.org", "bob@example.org"}, baseTime());
    NewMessage bounce = makeMessage("", {"carol@example.org"}, baseTime().addSecs(1), 3000);
    QVector<qint64> ids;
    {
        auto store = openStore();
        QVERIFY(store);
        QString error;
        ids = store->commitMessages({first, bounce}, &error);
        QCOMPARE(ids.size(), 2);
        QVERIFY(ids[0] > 0);
        QVERIFY(ids[1] > ids[0]);
    }

    auto store = openStore(); // a new instance: only what is on disk
    QVERIFY(store);
    QCOMPARE(store->counts().queued, 3);
    QString error;
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(1), 10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[0].messageId, ids[0]);
    QCOMPARE(jobs[0].sender, first.sender);
    QCOMPARE(jobs[0].receivedAt, first.receivedAt);
    QCOMPARE(jobs[0].content, first.content);
    QCOMPARE(jobs[0].recipients.size(), 2);
    QCOMPARE(jobs[0].recipients[0].address, QStringLiteral("alice@example.org"));
    QCOMPARE(jobs[0].recipients[1].address, QStringLiteral("bob@example.org"));
    QCOMPARE(jobs[0].recipients[0].attempts, 0);
    QCOMPARE(jobs[1].messageId, ids[1]);
    QCOMPARE(jobs[1].sender, QString()); // null sender stays empty
    QCOMPARE(jobs[1].content, bounce.content);

    const QString path = store->databasePath();
    const QString row = QStringLiteral("SELECT %2 FROM messages WHERE id = %1").arg(ids[0]);
    QCOMPARE(scalar(path, row.arg("helo")).toString(), first.heloName);
    QCOMPARE(scalar(path, row.arg("client_addr")).toString(), first.clientAddress);
    QCOMPARE(scalar(path, row.arg("listener")).toString(), first.listener);
    QCOMPARE(scalar(path, row.arg("tls_version")).toString(), first.tlsVersion);
    QCOMPARE(scalar(path, row.arg("auth_user")).toString(), first.authUser);
    QCOMPARE(scalar(path, row.arg("size")).toLongLong(), qint64(first.content.size()));
    QCOMPARE(scalar(path, row.arg("received_at")).toLongLong(),
             first.receivedAt.toMSecsSinceEpoch());
}

void TestSqliteStore::commitOfEmptyBatchDoesNothing()
{
    auto store = openStore();
    QVERIFY(store);
    QString error = QStringLiteral("stale");
    QVERIFY(store->commitMessages({}, &error).isEmpty());
    QVERIFY(error.isEmpty());
    QCOMPARE(store->counts().queued, 0);
}

void TestSqliteStore::commitRejectsBatchWithMessageWithoutRecipients()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage("a@lan", {"x@example.org"}, baseTime()), makeMessage("b@lan", {}, baseTime())},
        &error);
    QVERIFY(ids.isEmpty());
    QVERIFY(error.contains(QLatin1String("no recipients")));
    QCOMPARE(store->counts().queued, 0);
}

void TestSqliteStore::failedBatchLeavesNothingBehind()
{
    auto store = openStore();
    QVERIFY(store);
    // A real SQL failure in the middle of a batch: the third message's
    // recipient is refused by a trigger after two messages were inserted.
    QVERIFY(execute(store->databasePath(),
                    QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON recipients WHEN "
                                   "NEW.address = 'poison@example.org' BEGIN SELECT RAISE(ABORT, "
                                   "'poisoned recipient'); END")));
    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage("a@lan", {"x@example.org"}, baseTime()),
         makeMessage("b@lan", {"y@example.org"}, baseTime()),
         makeMessage("c@lan", {"z@example.org", "poison@example.org"}, baseTime())},
        &error);
    QVERIFY(ids.isEmpty());
    QVERIFY2(error.contains(QLatin1String("poisoned recipient")), qPrintable(error));
    QCOMPARE(store->counts().queued, 0);
    QCOMPARE(scalar(store->databasePath(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(),
             0);

    // The connection is not stuck in the failed transaction.
    const QVector<qint64> next =
        store->commitMessages({makeMessage("d@lan", {"x@example.org"}, baseTime())}, &error);
    QCOMPARE(next.size(), 1);
    QCOMPARE(store->counts().queued, 1);
}

void TestSqliteStore::claimDueReturnsOnlyDueRecipients()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               makeMessage("b@lan", {"y@example.org"}, baseTime().addSecs(10)),
                               makeMessage("c@lan", {"z@example.org"}, baseTime().addSecs(20))},
                              &error);
    QCOMPARE(ids.size(), 3);

    QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(10), 10, &error);
    QCOMPARE(jobs.size(), 2); // due "at or before now"
    QCOMPARE(jobs[0].messageId, ids[0]);
    QCOMPARE(jobs[1].messageId, ids[1]);
    QueueCounts counts = store->counts();
    QCOMPARE(counts.inFlight, 2);
    QCOMPARE(counts.queued, 1);

    // Claimed envelopes are not handed out twice.
    QVERIFY(store->claimDue(baseTime().addSecs(15), 10, &error).isEmpty());
    QVERIFY(error.isEmpty());

    // Within one message only the due recipients are claimed: defer one
    // recipient far, the other near.
    const QVector<qint64> two = store->commitMessages(
        {makeMessage("d@lan", {"p@example.org", "q@example.org"}, baseTime().addSecs(30))}, &error);
    jobs = store->claimDue(baseTime().addSecs(30), 10, &error);
    QCOMPARE(jobs.size(), 2); // c and d
    const DeliveryJob d = jobs[1];
    QCOMPARE(d.messageId, two[0]);
    QCOMPARE(d.recipients.size(), 2);
    AttemptOutcome nearOutcome = outcome(d, 0, RecipientState::Deferred, baseTime().addSecs(40));
    nearOutcome.nextAttempt = baseTime().addSecs(100);
    AttemptOutcome farOutcome = outcome(d, 1, RecipientState::Deferred, baseTime().addSecs(40));
    farOutcome.nextAttempt = baseTime().addSecs(1000);
    QVERIFY2(store->recordOutcomes({nearOutcome, farOutcome}, &error), qPrintable(error));

    QVERIFY(store->claimDue(baseTime().addSecs(99), 10, &error).isEmpty());
    jobs = store->claimDue(baseTime().addSecs(100), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].recipients.size(), 1);
    QCOMPARE(jobs[0].recipients[0].address, QStringLiteral("p@example.org"));
    QCOMPARE(jobs[0].recipients[0].attempts, 1);
    counts = store->counts();
    QCOMPARE(counts.inFlight, 4);
    QCOMPARE(counts.deferred, 1);
}

void TestSqliteStore::claimDueRespectsLimitAndOrder()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    // Committed newest first: claim order follows due time, not id.
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime().addSecs(3)),
                               makeMessage("b@lan", {"y@example.org"}, baseTime().addSecs(2)),
                               makeMessage("c@lan", {"z@example.org"}, baseTime().addSecs(1))},
                              &error);
    QCOMPARE(ids.size(), 3);
    QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(10), 2, &error);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[0].messageId, ids[2]);
    QCOMPARE(jobs[1].messageId, ids[1]);
    jobs = store->claimDue(baseTime().addSecs(10), 2, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].messageId, ids[0]);
}

void TestSqliteStore::claimDueWithoutLimitClaimsNothing_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -5;
}

void TestSqliteStore::claimDueWithoutLimitClaimsNothing()
{
    QFETCH(int, limit);
    auto store = openStore();
    QVERIFY(store);
    QString error;
    QCOMPARE(
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error).size(),
        1);
    QVERIFY(store->claimDue(baseTime(), limit, &error).isEmpty());
    QVERIFY(error.isEmpty());
    QCOMPARE(store->counts().queued, 1);
}

void TestSqliteStore::recoverInFlightAfterCrash()
{
    qint64 id = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        QString error;
        id = store
                 ->commitMessages(
                     {makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime()),
                      makeMessage("b@lan", {"z@example.org"}, baseTime().addSecs(60))},
                     &error)
                 .value(0);
        QCOMPARE(store->claimDue(baseTime(), 10, &error).size(), 1);
        QCOMPARE(store->counts().inFlight, 2);
        // The instance goes away without recording anything: a crash as far
        // as the database is concerned.
    }

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->counts().inFlight, 2);
    QString error;
    QCOMPARE(store->recoverInFlight(&error), 2);
    QueueCounts counts = store->counts();
    QCOMPARE(counts.inFlight, 0);
    QCOMPARE(counts.queued, 3);
    QCOMPARE(store->recoverInFlight(&error), 0); // nothing left to recover

    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].messageId, id);
    QCOMPARE(jobs[0].recipients.size(), 2);
    QCOMPARE(jobs[0].recipients[0].attempts, 0); // the interrupted try does not count
}

void TestSqliteStore::recordOutcomes_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");
    QTest::addColumn<bool>("contentDropped");
    QTest::addColumn<int>("delivered");
    QTest::addColumn<int>("deferred");
    QTest::addColumn<int>("failed");
    QTest::addColumn<int>("held");

    const int delivered = int(RecipientState::Delivered);
    const int deferred = int(RecipientState::Deferred);
    const int failed = int(RecipientState::Failed);
    const int held = int(RecipientState::Held);
    QTest::newRow("both delivered") << delivered << delivered << true << 2 << 0 << 0 << 0;
    // Final with a failure: the content waits for the failure report, which
    // may return it (TestSqliteStoreDsn covers when it goes).
    QTest::newRow("both failed") << failed << failed << false << 0 << 0 << 2 << 0;
    QTest::newRow("delivered + failed") << delivered << failed << false << 1 << 0 << 1 << 0;
    QTest::newRow("delivered + deferred") << delivered << deferred << false << 1 << 1 << 0 << 0;
    QTest::newRow("both deferred") << deferred << deferred << false << 0 << 2 << 0 << 0;
    QTest::newRow("failed + held") << failed << held << false << 0 << 0 << 1 << 1;
}

void TestSqliteStore::recordOutcomes()
{
    QFETCH(int, first);
    QFETCH(int, second);
    QFETCH(bool, contentDropped);
    QFETCH(int, delivered);
    QFETCH(int, deferred);
    QFETCH(int, failed);
    QFETCH(int, held);

    auto store = openStore();
    QVERIFY(store);
    QString error;
    const qint64 id =
        store
            ->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())},
                             &error)
            .value(0);
    QVERIFY(id > 0);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 1);

    const QDateTime at = baseTime().addSecs(30);
    const QVector<AttemptOutcome> outcomes{outcome(jobs[0], 0, RecipientState(first), at),
                                           outcome(jobs[0], 1, RecipientState(second), at)};
    QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));

    const QueueCounts counts = store->counts();
    QCOMPARE(counts.delivered, delivered);
    QCOMPARE(counts.deferred, deferred);
    QCOMPARE(counts.failed, failed);
    QCOMPARE(counts.held, held);
    QCOMPARE(counts.inFlight, 0);
    QCOMPARE(counts.queued, 0);

    QCOMPARE(scalar(store->databasePath(),
                    QStringLiteral("SELECT content IS NULL FROM messages WHERE id = %1").arg(id))
                 .toBool(),
             contentDropped);
    QCOMPARE(
        scalar(store->databasePath(),
               QStringLiteral("SELECT MAX(attempts) FROM recipients WHERE message_id = %1").arg(id))
            .toInt(),
        1);

    const QVector<DeliveryLogEntry> log = store->deliveryLog(id);
    QCOMPARE(log.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const AttemptOutcome& o = outcomes[i];
        QCOMPARE(log[i].messageId, id);
        QCOMPARE(log[i].recipient, jobs[0].recipients[i].address);
        QCOMPARE(log[i].attemptedAt, at);
        QCOMPARE(log[i].resultState, o.newState);
        QCOMPARE(log[i].upstreamHost, o.upstreamHost);
        QCOMPARE(log[i].replyCode, o.replyCode);
        QCOMPARE(log[i].enhancedStatus, o.enhancedStatus);
        QCOMPARE(log[i].replyText, o.replyText);
        QCOMPARE(log[i].upstreamQueueId, o.upstreamQueueId);
    }

    // Deferred envelopes come back at their nextAttempt, and not before;
    // final and held ones never.
    QVERIFY(store->claimDue(at.addSecs(5 * 60 - 1), 10, &error).isEmpty());
    const QVector<DeliveryJob> retry = store->claimDue(at.addSecs(5 * 60), 10, &error);
    QCOMPARE(retry.isEmpty(), deferred == 0);
    if (!retry.isEmpty()) {
        QCOMPARE(retry[0].recipients.size(), deferred);
        QCOMPARE(retry[0].recipients[0].attempts, 1);
        QCOMPARE(retry[0].content.isEmpty(), false);
    }
}

void TestSqliteStore::contentDroppedWhenLastRecipientBecomesFinal()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const qint64 id =
        store
            ->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())},
                             &error)
            .value(0);
    const QString contentIsNull =
        QStringLiteral("SELECT content IS NULL FROM messages WHERE id = %1").arg(id);
    DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    QVERIFY(store->recordOutcomes({outcome(job, 0, RecipientState::Delivered, baseTime()),
                                   outcome(job, 1, RecipientState::Deferred, baseTime())},
                                  &error));
    QCOMPARE(scalar(store->databasePath(), contentIsNull).toBool(), false);

    job = store->claimDue(baseTime().addSecs(5 * 60), 10, &error).value(0);
    QCOMPARE(job.recipients.size(), 1);
    QVERIFY(store->recordOutcomes(
        {outcome(job, 0, RecipientState::Delivered, baseTime().addSecs(5 * 60))}, &error));
    QCOMPARE(scalar(store->databasePath(), contentIsNull).toBool(), true);
    // The envelopes and the whole history stay for the GUI's log.
    QCOMPARE(store->deliveryLog(id).size(), 3);
    QCOMPARE(store->counts().delivered, 2);
}

void TestSqliteStore::recordOutcomesRejectsBadInputAtomically_data()
{
    QTest::addColumn<qint64>("recipientOffset");
    QTest::addColumn<qint64>("messageOffset");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("unknown recipient")
        << qint64(1000) << qint64(0) << int(RecipientState::Delivered)
        << QStringLiteral("no recipient");
    QTest::newRow("recipient of another message")
        << qint64(0) << qint64(1000) << int(RecipientState::Delivered)
        << QStringLiteral("no recipient");
    QTest::newRow("in-flight is no outcome")
        << qint64(0) << qint64(0) << int(RecipientState::InFlight) << QStringLiteral("InFlight");
}

void TestSqliteStore::recordOutcomesRejectsBadInputAtomically()
{
    QFETCH(qint64, recipientOffset);
    QFETCH(qint64, messageOffset);
    QFETCH(int, state);
    QFETCH(QString, errorPart);

    auto store = openStore();
    QVERIFY(store);
    QString error;
    store->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())},
                          &error);
    const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    QCOMPARE(job.recipients.size(), 2);

    AttemptOutcome bad = outcome(job, 1, RecipientState(state), baseTime());
    bad.recipientId += recipientOffset;
    bad.messageId += messageOffset;
    QVERIFY(!store->recordOutcomes({outcome(job, 0, RecipientState::Delivered, baseTime()), bad},
                                   &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));

    // The good outcome in the same call was rolled back with the bad one.
    QCOMPARE(store->counts().inFlight, 2);
    QCOMPARE(store->counts().delivered, 0);
    QVERIFY(store->deliveryLog(job.messageId).isEmpty());
    // And the store is usable afterwards.
    QVERIFY2(
        store->recordOutcomes({outcome(job, 0, RecipientState::Delivered, baseTime())}, &error),
        qPrintable(error));
    QCOMPARE(store->counts().delivered, 1);
}

void TestSqliteStore::countsAndOldestPending()
{
    auto store = openStore();
    QVERIFY(store);
    QueueCounts counts = store->counts();
    QVERIFY(!counts.oldestPending.isValid());
    QCOMPARE(counts.queued, 0);

    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage("a@lan", {"x@example.org"}, baseTime()),
         makeMessage("b@lan", {"y@example.org", "z@example.org"}, baseTime().addSecs(60))},
        &error);
    QCOMPARE(ids.size(), 2);
    counts = store->counts();
    QCOMPARE(counts.queued, 3);
    QCOMPARE(counts.oldestPending, baseTime());

    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 1, &error);
    QCOMPARE(jobs.size(), 1);
    counts = store->counts();
    QCOMPARE(counts.queued, 2);
    QCOMPARE(counts.inFlight, 1);
    QCOMPARE(counts.oldestPending, baseTime()); // in flight is still pending

    QVERIFY(store->recordOutcomes({outcome(jobs[0], 0, RecipientState::Delivered, baseTime())},
                                  &error));
    counts = store->counts();
    QCOMPARE(counts.delivered, 1);
    QCOMPARE(counts.queued, 2);
    QCOMPARE(counts.oldestPending, baseTime().addSecs(60));

    const DeliveryJob second = store->claimDue(baseTime().addSecs(60), 10, &error).value(0);
    QVERIFY(
        store->recordOutcomes({outcome(second, 0, RecipientState::Failed, baseTime().addSecs(61)),
                               outcome(second, 1, RecipientState::Held, baseTime().addSecs(61))},
                              &error));
    counts = store->counts();
    QCOMPARE(counts.failed, 1);
    QCOMPARE(counts.held, 1);
    QCOMPARE(counts.oldestPending, baseTime().addSecs(60)); // held is not final
}

void TestSqliteStore::nextDueFollowsQueueAndDeferrals()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(!store->nextDue().has_value());
    QString error;
    store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime().addSecs(5)),
                           makeMessage("b@lan", {"y@example.org"}, baseTime().addSecs(7))},
                          &error);
    QCOMPARE(store->nextDue(), std::optional<QDateTime>(baseTime().addSecs(5)));

    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(10), 10, &error);
    QCOMPARE(jobs.size(), 2);
    QVERIFY(!store->nextDue().has_value()); // in flight is not "due"

    AttemptOutcome late = outcome(jobs[0], 0, RecipientState::Deferred, baseTime().addSecs(10));
    late.nextAttempt = baseTime().addSecs(900);
    AttemptOutcome early = outcome(jobs[1], 0, RecipientState::Deferred, baseTime().addSecs(10));
    early.nextAttempt = baseTime().addSecs(300);
    QVERIFY(store->recordOutcomes({late, early}, &error));
    QCOMPARE(store->nextDue(), std::optional<QDateTime>(baseTime().addSecs(300)));

    QVERIFY(store->recordOutcomes(
        {outcome(jobs[1], 0, RecipientState::Failed, baseTime().addSecs(20))}, &error));
    QCOMPARE(store->nextDue(), std::optional<QDateTime>(baseTime().addSecs(900)));
}

void TestSqliteStore::deliveryLogIsOldestFirst()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               makeMessage("b@lan", {"y@example.org"}, baseTime())},
                              &error);
    QDateTime now = baseTime();
    for (int round = 0; round < 3; ++round) {
        const QVector<DeliveryJob> jobs = store->claimDue(now, 10, &error);
        QCOMPARE(jobs.size(), 2);
        QVERIFY(store->recordOutcomes({outcome(jobs[0], 0, RecipientState::Deferred, now),
                                       outcome(jobs[1], 0, RecipientState::Deferred, now)},
                                      &error));
        now = now.addSecs(5 * 60);
    }
    const QVector<DeliveryLogEntry> log = store->deliveryLog(ids[0]);
    QCOMPARE(log.size(), 3);
    QVERIFY(log[0].id < log[1].id && log[1].id < log[2].id);
    QCOMPARE(log[0].attemptedAt, baseTime());
    QCOMPARE(log[2].attemptedAt, baseTime().addSecs(10 * 60));
    for (const DeliveryLogEntry& entry : log)
        QCOMPARE(entry.messageId, ids[0]);
    QVERIFY(store->deliveryLog(ids[1] + 100).isEmpty());
}

void TestSqliteStore::pendingEnvelopesExcludeFinalRecipients_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("pending");
    QTest::newRow("queued") << int(RecipientState::Queued) << true;
    QTest::newRow("in flight") << int(RecipientState::InFlight) << true;
    QTest::newRow("deferred") << int(RecipientState::Deferred) << true;
    QTest::newRow("held") << int(RecipientState::Held) << true;
    QTest::newRow("delivered") << int(RecipientState::Delivered) << false;
    QTest::newRow("failed") << int(RecipientState::Failed) << false;
}

void TestSqliteStore::pendingEnvelopesExcludeFinalRecipients()
{
    QFETCH(int, state);
    QFETCH(bool, pending);
    auto store = openStore();
    QVERIFY(store);
    QString error;
    // The first recipient takes `state`; the second one stays Queued, so a
    // message is listed by recipient, not as a whole.
    const qint64 id =
        store
            ->commitMessages({makeMessage("a@lan", {"x@a.example", "y@b.example"}, baseTime())},
                             &error)
            .value(0);
    QVERIFY2(id > 0, qPrintable(error));
    if (RecipientState(state) != RecipientState::Queued) {
        const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
        QCOMPARE(job.recipients.size(), 2);
        QVector<AttemptOutcome> outcomes;
        if (RecipientState(state) != RecipientState::InFlight)
            outcomes.append(outcome(job, 0, RecipientState(state), baseTime().addSecs(10)));
        // The second recipient is deferred: still pending.
        outcomes.append(outcome(job, 1, RecipientState::Deferred, baseTime().addSecs(10)));
        QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));
    }

    const QVector<PendingEnvelope> envelopes = store->pendingEnvelopes(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList recipients;
    for (const PendingEnvelope& envelope : envelopes) {
        recipients.append(envelope.recipient);
        QCOMPARE(envelope.messageId, id);
        QVERIFY(envelope.recipientId > 0);
        QCOMPARE(envelope.sender, QStringLiteral("a@lan"));
        QCOMPARE(envelope.clientAddress, QStringLiteral("192.0.2.10"));
        QCOMPARE(envelope.authUser, QStringLiteral("scanner"));
        QCOMPARE(envelope.listener, QStringLiteral("lan"));
    }
    const QStringList expected =
        pending ? QStringList{QStringLiteral("x@a.example"), QStringLiteral("y@b.example")}
                : QStringList{QStringLiteral("y@b.example")};
    QCOMPARE(recipients, expected);
}

void TestSqliteStore::retryNowTouchesOnlyDeferred_data()
{
    QTest::addColumn<int>("state");
    QTest::newRow("queued") << int(RecipientState::Queued);
    QTest::newRow("in flight") << int(RecipientState::InFlight);
    QTest::newRow("deferred") << int(RecipientState::Deferred);
    QTest::newRow("held") << int(RecipientState::Held);
    QTest::newRow("delivered") << int(RecipientState::Delivered);
    QTest::newRow("failed") << int(RecipientState::Failed);
}

void TestSqliteStore::retryNowTouchesOnlyDeferred()
{
    QFETCH(int, state);
    auto store = openStore();
    QVERIFY(store);
    const QString path = store->databasePath();
    QString error;
    const qint64 id =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error)
            .value(0);
    QVERIFY(id > 0);
    const qint64 recipientId =
        scalar(path, QStringLiteral("SELECT id FROM recipients WHERE message_id = %1").arg(id))
            .toLongLong();
    if (RecipientState(state) != RecipientState::Queued) {
        const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
        QCOMPARE(job.recipients.size(), 1);
        if (RecipientState(state) != RecipientState::InFlight) {
            AttemptOutcome o = outcome(job, 0, RecipientState(state), baseTime().addSecs(10));
            o.nextAttempt = baseTime().addSecs(3600);
            QVERIFY2(store->recordOutcomes({o}, &error), qPrintable(error));
        }
    }
    const bool deferred = RecipientState(state) == RecipientState::Deferred;
    const QDateTime now = baseTime().addSecs(60);
    if (RecipientState(state) != RecipientState::Queued)
        QVERIFY(store->claimDue(now, 10, &error).isEmpty()); // nothing due before the flush
    const QString before = recipientRow(path, recipientId);

    QCOMPARE(store->retryNow(now, &error), deferred ? 1 : 0);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QString after = recipientRow(path, recipientId);
    if (!deferred) {
        QCOMPARE(after, before);
    } else {
        const QString nowMs = QString::number(now.toMSecsSinceEpoch());
        QCOMPARE(after, QStringLiteral("%1,1,%2,%2").arg(state).arg(nowMs));
        QCOMPARE(store->nextDue(), std::optional<QDateTime>(now));
        const QVector<DeliveryJob> jobs = store->claimDue(now, 10, &error);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs[0].recipients.value(0).recipientId, recipientId);
        QCOMPARE(jobs[0].recipients.value(0).attempts, 1); // a retry, not a fresh message
    }
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::retryNowKeepsEarlierDueTimes()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("late@lan", {"x@example.org"}, baseTime()),
                               makeMessage("overdue@lan", {"y@example.org"}, baseTime()),
                               makeMessage("held@lan", {"z@example.org"}, baseTime())},
                              &error);
    QCOMPARE(ids.size(), 3);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 3);
    AttemptOutcome late = outcome(jobs[0], 0, RecipientState::Deferred, baseTime());
    late.nextAttempt = baseTime().addSecs(3600);
    AttemptOutcome overdue = outcome(jobs[1], 0, RecipientState::Deferred, baseTime());
    overdue.nextAttempt = baseTime().addSecs(30);
    QVERIFY(store->recordOutcomes(
        {late, overdue, outcome(jobs[2], 0, RecipientState::Held, baseTime())}, &error));

    const QDateTime now = baseTime().addSecs(60);
    QCOMPARE(store->retryNow(now, &error), 2);
    // The overdue one keeps its place ahead of the one made due just now.
    const QVector<DeliveryJob> retried = store->claimDue(now, 10, &error);
    QCOMPARE(retried.size(), 2);
    QCOMPARE(retried[0].messageId, ids[1]);
    QCOMPARE(retried[1].messageId, ids[0]);
    QCOMPARE(store->counts().held, 1);
    // Nothing is deferred any more: a second flush finds nothing.
    QCOMPARE(store->retryNow(now, &error), 0);
}

void TestSqliteStore::retryNowFailureChangesNothing()
{
    auto store = openStore();
    QVERIFY(store);
    const QString path = store->databasePath();
    QString error;
    store->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())},
                          &error);
    const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    QVERIFY(store->recordOutcomes({outcome(job, 0, RecipientState::Deferred, baseTime()),
                                   outcome(job, 1, RecipientState::Deferred, baseTime())},
                                  &error));
    // A real SQL failure on the second row, after the first was updated.
    QVERIFY(execute(path, QStringLiteral("CREATE TRIGGER poison BEFORE UPDATE ON recipients WHEN "
                                         "OLD.id = %1 BEGIN SELECT RAISE(ABORT, 'poisoned "
                                         "retry'); END")
                              .arg(job.recipients[1].recipientId)));
    const QString first = recipientRow(path, job.recipients[0].recipientId);
    const QString second = recipientRow(path, job.recipients[1].recipientId);

    QCOMPARE(store->retryNow(baseTime().addSecs(1), &error), -1);
    QVERIFY2(error.contains(QLatin1String("poisoned retry")), qPrintable(error));
    QCOMPARE(recipientRow(path, job.recipients[0].recipientId), first);
    QCOMPARE(recipientRow(path, job.recipients[1].recipientId), second);

    QVERIFY(execute(path, QStringLiteral("DROP TRIGGER poison")));
    QCOMPARE(store->retryNow(baseTime().addSecs(1), &error), 2);
}

void TestSqliteStore::purgeFinal_data()
{
    QTest::addColumn<int>("second");
    QTest::addColumn<qint64>("secondAgeMs"); ///< how long before the cut-off it was updated
    QTest::addColumn<bool>("purged");

    const qint64 hour = 3600 * 1000;
    const int delivered = int(RecipientState::Delivered);
    const int failed = int(RecipientState::Failed);
    QTest::newRow("delivered + delivered") << delivered << hour << true;
    QTest::newRow("delivered + failed") << failed << hour << true;
    QTest::newRow("last update 1 ms before the cut-off") << delivered << qint64(1) << true;
    QTest::newRow("last update at the cut-off") << delivered << qint64(0) << false;
    QTest::newRow("last update after the cut-off") << failed << qint64(-hour) << false;
    QTest::newRow("delivered + deferred") << int(RecipientState::Deferred) << hour << false;
    QTest::newRow("delivered + held") << int(RecipientState::Held) << hour << false;
    QTest::newRow("delivered + in flight") << int(RecipientState::InFlight) << hour << false;
    QTest::newRow("delivered + queued") << int(RecipientState::Queued) << hour << false;
}

void TestSqliteStore::purgeFinal()
{
    QFETCH(int, second);
    QFETCH(qint64, secondAgeMs);
    QFETCH(bool, purged);

    auto store = openStore();
    QVERIFY(store);
    const QString path = store->databasePath();
    const QDateTime cutoff = baseTime().addDays(30);
    const QDateTime old = baseTime().addSecs(60);
    QString error;

    // The message under test, next to one that is old and delivered (always
    // purged) and one that was never tried (never purged).
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime()),
                               makeMessage("old@lan", {"z@example.org"}, baseTime())},
                              &error);
    QCOMPARE(ids.size(), 2);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 2);
    const qint64 pending =
        store->commitMessages({makeMessage("pending@lan", {"p@example.org"}, baseTime())}, &error)
            .value(0);
    QVERIFY(pending > 0);

    QVector<AttemptOutcome> outcomes{outcome(jobs[0], 0, RecipientState::Delivered, old),
                                     outcome(jobs[1], 0, RecipientState::Delivered, old)};
    const RecipientState secondState = RecipientState(second);
    const bool recorded =
        secondState != RecipientState::InFlight && secondState != RecipientState::Queued;
    if (recorded)
        outcomes.append(outcome(jobs[0], 1, secondState, cutoff.addMSecs(-secondAgeMs)));
    QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));
    if (secondState == RecipientState::Queued)
        QCOMPARE(store->recoverInFlight(&error), 1);
    // A message that failed is kept until its failure report was made
    // (TestSqliteStoreDsn); here the report is settled as unnecessary.
    QVERIFY2(store->markFailureReported({ids[0]}, &error), qPrintable(error));
    const int logRows = recorded ? 2 : 1;
    QCOMPARE(rowsOf(path, "delivery_log", "message_id", ids[0]), logRows);

    QCOMPARE(store->purgeFinal(cutoff, &error), purged ? 2 : 1);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // The message under test: all of it, or nothing of it.
    QCOMPARE(rowsOf(path, "messages", "id", ids[0]), purged ? 0 : 1);
    QCOMPARE(rowsOf(path, "recipients", "message_id", ids[0]), purged ? 0 : 2);
    QCOMPARE(rowsOf(path, "delivery_log", "message_id", ids[0]), purged ? 0 : logRows);
    QCOMPARE(store->deliveryLog(ids[0]).size(), purged ? 0 : logRows);
    // The old delivered one is gone with its history, the pending one untouched.
    QCOMPARE(rowsOf(path, "messages", "id", ids[1]), 0);
    QCOMPARE(rowsOf(path, "recipients", "message_id", ids[1]), 0);
    QCOMPARE(rowsOf(path, "delivery_log", "message_id", ids[1]), 0);
    QCOMPARE(rowsOf(path, "recipients", "message_id", pending), 1);
    QVERIFY(countsMatchTable(*store));
    QCOMPARE(store->counts().oldestPending, baseTime()); // the pending message

    QCOMPARE(store->purgeFinal(cutoff, &error), 0); // nothing more to do
    // Work goes on, and a purged id is never handed out again.
    const qint64 next =
        store->commitMessages({makeMessage("next@lan", {"n@example.org"}, baseTime())}, &error)
            .value(0);
    QVERIFY(next > pending);
    const QVector<DeliveryJob> claimed = store->claimDue(baseTime(), 10, &error);
    QVERIFY(std::any_of(claimed.cbegin(), claimed.cend(),
                        [&](const DeliveryJob& job) { return job.messageId == pending; }));
}

void TestSqliteStore::purgeFinalFailureRemovesNothing()
{
    auto store = openStore();
    QVERIFY(store);
    const QString path = store->databasePath();
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               makeMessage("b@lan", {"y@example.org"}, baseTime()),
                               makeMessage("c@lan", {"z@example.org"}, baseTime())},
                              &error);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 3);
    QVERIFY(store->recordOutcomes({outcome(jobs[0], 0, RecipientState::Delivered, baseTime()),
                                   outcome(jobs[1], 0, RecipientState::Failed, baseTime()),
                                   outcome(jobs[2], 0, RecipientState::Delivered, baseTime())},
                                  &error));
    QVERIFY(store->markFailureReported({ids[1]}, &error)); // no report to wait for
    // The second message cannot be deleted, after the first one was.
    QVERIFY(execute(path, QStringLiteral("CREATE TRIGGER poison BEFORE DELETE ON messages WHEN "
                                         "OLD.id = %1 BEGIN SELECT RAISE(ABORT, 'poisoned "
                                         "purge'); END")
                              .arg(ids[1])));

    const QDateTime cutoff = baseTime().addDays(1);
    QCOMPARE(store->purgeFinal(cutoff, &error), -1);
    QVERIFY2(error.contains(QLatin1String("poisoned purge")), qPrintable(error));
    for (const qint64 id : ids) {
        QCOMPARE(rowsOf(path, "messages", "id", id), 1);
        QCOMPARE(rowsOf(path, "recipients", "message_id", id), 1);
        QCOMPARE(rowsOf(path, "delivery_log", "message_id", id), 1);
    }
    QCOMPARE(store->counts().delivered, 2);
    QVERIFY(countsMatchTable(*store));

    QVERIFY(execute(path, QStringLiteral("DROP TRIGGER poison")));
    QCOMPARE(store->purgeFinal(cutoff, &error), 3);
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM delivery_log")).toInt(), 0);
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::purgeFinalRejectsInvalidCutoff()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error);
    const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    QVERIFY(
        store->recordOutcomes({outcome(job, 0, RecipientState::Delivered, baseTime())}, &error));

    QCOMPARE(store->purgeFinal(QDateTime(), &error), -1);
    QVERIFY2(error.contains(QLatin1String("cut-off")), qPrintable(error));
    QCOMPARE(store->deliveryLog(job.messageId).size(), 1);
    QCOMPARE(store->counts().delivered, 1);
}

void TestSqliteStore::diskFullFailsThenRecovers()
{
    TmpfsMount mount(QStringLiteral("1m"));
    if (!mount.isMounted())
        QSKIP(
            qPrintable(QStringLiteral("cannot mount a tmpfs here (needs root): ") + mount.error()));
    const QString dir = QDir(mount.path()).filePath(QStringLiteral("data"));
    const QVector<NewMessage> batch{
        makeMessage("a@lan", {"x@example.org"}, baseTime()),
        makeMessage("b@lan", {"y@example.org"}, baseTime(), 300 * 1024)};
    {
        SqliteStore store(dir);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(
            store.commitMessages({makeMessage("first@lan", {"x@example.org"}, baseTime())}, &error)
                .size(),
            1);

        QVERIFY(mount.fill() > 0);
        for (int attempt = 0; attempt < 2; ++attempt) {
            error.clear();
            QVERIFY(store.commitMessages(batch, &error).isEmpty());
            QVERIFY(!error.isEmpty());
            // Failing again the same way shows that no transaction was left open.
            QVERIFY2(!error.contains(QLatin1String("within a transaction")), qPrintable(error));
        }
        qDebug() << "commit on a full disk failed with:" << error;
        QCOMPARE(store.counts().queued, 1);

        QVERIFY(mount.release());
        const QVector<qint64> ids = store.commitMessages(batch, &error);
        QVERIFY2(ids.size() == 2, qPrintable(error));
        QCOMPARE(store.counts().queued, 3);
        const QVector<DeliveryJob> jobs = store.claimDue(baseTime(), 10, &error);
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(jobs[2].content, batch[1].content);
    }
    // What was acknowledged is on disk; what failed left nothing.
    SqliteStore reopened(dir);
    QString error;
    QVERIFY2(reopened.open(&error), qPrintable(error));
    QCOMPARE(reopened.recoverInFlight(&error), 3);
    QCOMPARE(reopened.counts().queued, 3);
}

void TestSqliteStore::commitThroughput()
{
    // On the build's disk rather than /tmp, for a fsync that costs something.
    QTemporaryDir dir(QDir::current().filePath(QStringLiteral("store-bench-XXXXXX")));
    QVERIFY(dir.isValid());
    SqliteStore store(dir.path());
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));

    constexpr int total = 1000;
    constexpr int batchSize = 20;
    QVector<NewMessage> batch;
    for (int i = 0; i < batchSize; ++i)
        batch.append(
            makeMessage(QStringLiteral("dev%1@lan").arg(i), {"x@example.org"}, baseTime(), 1024));
    QElapsedTimer timer;
    timer.start();
    for (int done = 0; done < total; done += batchSize)
        QCOMPARE(store.commitMessages(batch, &error).size(), batchSize);
    const qint64 ms = timer.elapsed();
    qDebug("committed %d x 1 KiB messages in batches of %d in %lld ms (%.0f messages/s)", total,
           batchSize, ms, ms > 0 ? total * 1000.0 / double(ms) : 0.0);
    QCOMPARE(store.counts().queued, total);
}

void TestSqliteStore::claimDueLimitCountsRecipientsAndKeepsMessagesWhole()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage("a@lan", {"a1@example.org", "a2@example.org", "a3@example.org"}, baseTime()),
         makeMessage("b@lan", {"b1@example.org"}, baseTime().addSecs(1)),
         makeMessage("c@lan", {"c1@example.org", "c2@example.org"}, baseTime().addSecs(2))},
        &error);
    QCOMPARE(ids.size(), 3);
    const QDateTime now = baseTime().addSecs(10);

    // The limit (2 recipients) cuts through a's recipients; the rest of a
    // comes along rather than being left for another delivery.
    QVector<DeliveryJob> jobs = store->claimDue(now, 2, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].messageId, ids[0]);
    QCOMPARE(jobs[0].recipients.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(jobs[0].recipients[i].address, QStringLiteral("a%1@example.org").arg(i + 1));
    QCOMPARE(jobs[0].sender, QStringLiteral("a@lan"));
    QCOMPARE(jobs[0].receivedAt, baseTime());
    QCOMPARE(jobs[0].content, makeMessage("a@lan", {"x"}, baseTime()).content);

    jobs = store->claimDue(now, 2, &error);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[0].messageId, ids[1]);
    QCOMPARE(jobs[0].recipients.size(), 1);
    QCOMPARE(jobs[1].messageId, ids[2]);
    QCOMPARE(jobs[1].recipients.size(), 2);
    QCOMPARE(jobs[1].recipients[0].address, QStringLiteral("c1@example.org"));
    QCOMPARE(jobs[1].recipients[1].address, QStringLiteral("c2@example.org"));

    QVERIFY(store->claimDue(now, 2, &error).isEmpty());
    QVERIFY(error.isEmpty());
    QCOMPARE(store->counts().inFlight, 6);
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::claimDueFollowsDueOrderAcrossStates_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("one at a time") << 1;
    QTest::newRow("a few") << 7;
    QTest::newRow("all at once") << 10000;
}

void TestSqliteStore::claimDueFollowsDueOrderAcrossStates()
{
    // A backlog of Queued and Deferred recipients whose due times
    // interleave, committed out of order, some not due yet: claims in
    // chunks of any size return every due recipient exactly once, oldest
    // due first, whichever state it is in.
    QFETCH(int, limit);
    auto store = openStore();
    QVERIFY(store);
    QString error;
    constexpr int messages = 300;
    QVector<NewMessage> batch;
    for (int i = 0; i < messages; ++i) {
        // received 0..299 s after baseTime, in a scrambled order
        const int second = (i * 37) % messages;
        batch.append(makeMessage(QStringLiteral("m%1@lan").arg(second),
                                 {QStringLiteral("r%1@example.org").arg(second)},
                                 baseTime().addSecs(second), 64));
    }
    QCOMPARE(store->commitMessages(batch, &error).size(), messages);

    // Defer every third message's recipient to a new due time in between.
    const QVector<DeliveryJob> first =
        store->claimDue(baseTime().addSecs(messages), messages, &error);
    QCOMPARE(first.size(), messages);
    QVector<AttemptOutcome> outcomes;
    QMap<qint64, QDateTime> dueOf; // recipient id -> when it is due
    for (const DeliveryJob& job : first) {
        const int second = int(baseTime().secsTo(job.receivedAt));
        AttemptOutcome o = outcome(job, 0, RecipientState::Queued, baseTime());
        if (second % 3 == 0) {
            o.newState = RecipientState::Deferred;
            o.nextAttempt = baseTime().addSecs((second * 7) % (messages + 100)).addMSecs(500);
        } else {
            o.nextAttempt = job.receivedAt; // back in the queue as it was
        }
        dueOf.insert(o.recipientId, o.nextAttempt);
        outcomes.append(o);
    }
    QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));

    const QDateTime now = baseTime().addSecs(messages - 1);
    QVector<qint64> expected;
    QVector<std::pair<QDateTime, qint64>> due;
    for (auto it = dueOf.cbegin(); it != dueOf.cend(); ++it) {
        if (it.value() <= now)
            due.append({it.value(), it.key()});
    }
    std::sort(due.begin(), due.end());
    for (const auto& [when, id] : due)
        expected.append(id);
    QVERIFY(expected.size() < messages); // some are not due yet

    QVector<qint64> claimed;
    for (int round = 0; round <= messages; ++round) {
        const QVector<DeliveryJob> jobs = store->claimDue(now, limit, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (jobs.isEmpty())
            break;
        QVERIFY(jobs.size() <= limit);
        for (const DeliveryJob& job : jobs) {
            QCOMPARE(job.recipients.size(), 1);
            claimed.append(job.recipients[0].recipientId);
        }
    }
    QCOMPARE(claimed, expected);
    QCOMPARE(store->counts().inFlight, expected.size());
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::claimsAndOutcomesLeaveTheConnectionAtFullSync_data()
{
    QTest::addColumn<QString>("call");
    QTest::newRow("claim") << "claim";
    QTest::newRow("claim, nothing due") << "claim-none";
    QTest::newRow("record") << "record";
    QTest::newRow("record rejected") << "record-bad";
}

void TestSqliteStore::claimsAndOutcomesLeaveTheConnectionAtFullSync()
{
    // Claims and outcomes commit at synchronous=NORMAL; whatever happens,
    // the next commit of new mail must find FULL again (no 250 before the
    // WAL is fsynced).
    QFETCH(QString, call);
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(storeSynchronous(), 2);
    QString error;
    QCOMPARE(
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error).size(),
        1);
    if (call == QLatin1String("claim")) {
        QCOMPARE(store->claimDue(baseTime(), 10, &error).size(), 1);
    } else if (call == QLatin1String("claim-none")) {
        QVERIFY(store->claimDue(baseTime().addSecs(-1), 10, &error).isEmpty());
    } else {
        const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
        QCOMPARE(jobs.size(), 1);
        AttemptOutcome o = outcome(jobs[0], 0, RecipientState::Delivered, baseTime());
        if (call == QLatin1String("record-bad"))
            o.recipientId += 1000;
        QCOMPARE(store->recordOutcomes({o}, &error), call == QLatin1String("record"));
    }
    QCOMPARE(storeSynchronous(), 2);
    QCOMPARE(
        store->commitMessages({makeMessage("b@lan", {"y@example.org"}, baseTime())}, &error).size(),
        1);
    QVERIFY(countsMatchTable(*store));
}

void TestSqliteStore::relaxedTransactionsSurviveReopen()
{
    // Without an fsync of their own, claims and outcomes are still
    // committed: a closed and reopened store (or another process) sees them.
    QString path;
    qint64 delivered = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        path = store->databasePath();
        QString error;
        QCOMPARE(store
                     ->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                                       makeMessage("b@lan", {"y@example.org"}, baseTime())},
                                      &error)
                     .size(),
                 2);
        const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
        QCOMPARE(jobs.size(), 2);
        delivered = jobs[0].messageId;
        QVERIFY(store->recordOutcomes({outcome(jobs[0], 0, RecipientState::Delivered, baseTime())},
                                      &error));
        // Another connection sees both before this one is closed.
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM recipients WHERE state = %1")
                                  .arg(int(RecipientState::InFlight)))
                     .toInt(),
                 1);
    }
    auto store = openStore();
    QVERIFY(store);
    const QueueCounts counts = store->counts();
    QCOMPARE(counts.delivered, 1);
    QCOMPARE(counts.inFlight, 1);
    QCOMPARE(store->deliveryLog(delivered).size(), 1);
    QVERIFY(
        scalar(path,
               QStringLiteral("SELECT content IS NULL FROM messages WHERE id = %1").arg(delivered))
            .toBool());
}

void TestSqliteStore::countsStayCheapWithLongHistory()
{
    // Information only (no timing assertion): counts() runs once a second
    // for the GUI's status line, so it must not grow with the history.
    constexpr int delivered = 100000;
    constexpr int queued = 1000;
    constexpr int batchSize = 1000;
    auto store = openStore();
    QVERIFY(store);
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVector<NewMessage> batch;
    for (int i = 0; i < batchSize; ++i)
        batch.append(
            makeMessage(QStringLiteral("dev%1@lan").arg(i), {"x@example.org"}, baseTime(), 256));
    const QDateTime at = baseTime().addSecs(10);
    for (int done = 0; done < delivered; done += batchSize) {
        QCOMPARE(store->commitMessages(batch, &error).size(), batchSize);
        const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), batchSize, &error);
        QCOMPARE(jobs.size(), batchSize);
        QVector<AttemptOutcome> outcomes;
        outcomes.reserve(batchSize);
        for (const DeliveryJob& job : jobs)
            outcomes.append(outcome(job, 0, RecipientState::Delivered, at));
        QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));
    }
    // The live queue: received later, so none of it is due at baseTime().
    for (NewMessage& message : batch)
        message.receivedAt = baseTime().addSecs(3600);
    QCOMPARE(store->commitMessages(batch.mid(0, queued), &error).size(), queued);
    qDebug("built %d delivered + %d queued envelopes in %lld ms", delivered, queued,
           timer.elapsed());

    QueueCounts counts = store->counts(); // warm the page cache
    constexpr int rounds = 100;
    qint64 worstNs = 0;
    timer.restart();
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer one;
        one.start();
        counts = store->counts();
        worstNs = std::max(worstNs, one.nsecsElapsed());
    }
    const double averageMs = double(timer.nsecsElapsed()) / rounds / 1e6;
    qDebug("counts() with %d delivered + %d queued: average %.3f ms, worst %.3f ms", delivered,
           queued, averageMs, double(worstNs) / 1e6);

    // For comparison, on the same data and machine load: what counts() cost
    // before the counters (schema version 1), a count over the state index.
    {
        const QString name = QStringLiteral("test-full-count");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(store->databasePath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            query.setForwardOnly(true);
            QVERIFY(query.prepare(
                QStringLiteral("SELECT state, COUNT(*) FROM recipients GROUP BY state")));
            int counted = 0;
            timer.restart();
            for (int i = 0; i < rounds; ++i) {
                QVERIFY(query.exec());
                counted = 0;
                while (query.next())
                    counted += query.value(1).toInt();
                query.finish();
            }
            qDebug("the same counts by a full index count: average %.3f ms",
                   double(timer.nsecsElapsed()) / rounds / 1e6);
            QCOMPARE(counted, delivered + queued);
        }
        QSqlDatabase::removeDatabase(name);
    }
    QCOMPARE(counts.delivered, delivered);
    QCOMPARE(counts.queued, queued);
    QCOMPARE(counts.oldestPending, baseTime().addSecs(3600));

    // Retention over the same history: one transaction for all of it.
    timer.restart();
    QCOMPARE(store->purgeFinal(at.addSecs(1), &error), delivered);
    qDebug("purgeFinal() removed %d messages with their envelopes and log rows in %lld ms",
           delivered, timer.elapsed());
    counts = store->counts();
    QCOMPARE(counts.delivered, 0);
    QCOMPARE(counts.queued, queued);
    QCOMPARE(
        scalar(store->databasePath(), QStringLiteral("SELECT COUNT(*) FROM delivery_log")).toInt(),
        0);
    QVERIFY(countsMatchTable(*store));
}

QTEST_GUILESS_MAIN(TestSqliteStore)
#include "TestSqliteStore.moc"
