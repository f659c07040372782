#include "StoreTestSupport.h"
#include "store/SqliteAdminQueries.h"
#include "store/SqliteStore.h"
#include "store/SqliteTranscript.h"
#include "store/StoreWorker.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <memory>
#include <utility>

using namespace RelayDesk::Store;
using namespace RelayDesk::Tests;

namespace {

/// A message placed in the queue with its recipients in given states.
struct Placed
{
    qint64 messageId = 0;
    QVector<qint64> recipientIds;
};

AttemptOutcome outcomeFor(qint64 messageId, qint64 recipientId, RecipientState state,
                          const QDateTime& at)
{
    AttemptOutcome o;
    o.messageId = messageId;
    o.recipientId = recipientId;
    o.newState = state;
    o.attemptedAt = at;
    o.upstreamHost = QStringLiteral("127.0.0.1:2525");
    switch (state) {
    case RecipientState::Delivered:
        o.replyCode = 250;
        o.enhancedStatus = QStringLiteral("2.0.0");
        o.replyText = QStringLiteral("Ok: queued as 4F1A2B");
        o.upstreamQueueId = QStringLiteral("4F1A2B");
        break;
    case RecipientState::Deferred:
        o.replyCode = 451;
        o.enhancedStatus = QStringLiteral("4.7.1");
        o.replyText = QStringLiteral("Try again later");
        o.nextAttempt = at.addSecs(3600);
        break;
    case RecipientState::Failed:
        o.replyCode = 550;
        o.enhancedStatus = QStringLiteral("5.1.1");
        o.replyText = QStringLiteral("User unknown");
        break;
    default: // Queued: e.g. a connection that never got a reply
        o.replyText = QStringLiteral("connection refused");
        o.nextAttempt = at;
        break;
    }
    return o;
}

QVector<qint64> ids(std::initializer_list<qint64> list)
{
    return QVector<qint64>(list);
}

/// Every detail line of EXPLAIN QUERY PLAN for a statement, through a
/// separate connection.
QString plan(const QString& databasePath, const SqliteAdminQueries::Statement& statement)
{
    static int counter = 0;
    const QString name = QStringLiteral("test-plan-%1").arg(++counter);
    QStringList lines;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql);
            for (const auto& [placeholder, value] : statement.binds)
                query.bindValue(placeholder, value);
            if (!query.exec())
                qWarning() << "plan failed:" << query.lastError().text();
            while (query.next())
                lines.append(query.value(3).toString());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestStoreAdmin final : public QObject
{
    Q_OBJECT

public:
    TestStoreAdmin() = default;
    Q_DISABLE_COPY_MOVE(TestStoreAdmin)

private slots:
    void init();
    void cleanup();

    void migratesVersion3KeepingData();
    void queueRowsPageOldestFirstWithAggregates();
    void queueRowsOfEmptyQueueAndBadLimits();
    void actionsBySingleState_data();
    void actionsBySingleState();
    void holdAndReleaseLeaveInFlightAlone();
    void actionsIgnoreUnknownIdsAndEmptyLists();
    void deleteRemovesMessageEnvelopesAndLog();
    void outcomeOfDeletedInFlightRecipientIsHarmless();
    void messageDetailHasEverything();
    void messageDetailOfUnknownAndFinalMessages();
    void transcriptIsBounded_data();
    void transcriptIsBounded();
    void queryDeliveryLog_data();
    void queryDeliveryLog();
    void failedRecipientsNewestFirst();
    void hourlyCountsHave24Buckets();
    void todayCountsSince();
    void queriesUseIndexes();
    void workerAnswersOnContextThread();
    void workerBeforeStartReportsError();
    void pagesThrough100kMessages();

private:
    std::unique_ptr<SqliteStore> openStore();
    /// Commits a message received at `at` and brings its recipients into
    /// `states` (Held may not be mixed with Queued or Deferred). Recipients
    /// are claimed at `at`: place messages in time order.
    Placed place(SqliteStore& store, const QString& sender, const QStringList& recipients,
                 const QVector<RecipientState>& states, const QDateTime& at,
                 const QString& client = QStringLiteral("192.0.2.10"),
                 const QString& helo = QStringLiteral("printer.lan"));

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestStoreAdmin::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestStoreAdmin::cleanup()
{
    m_tmp.reset();
}

std::unique_ptr<SqliteStore> TestStoreAdmin::openStore()
{
    auto store = std::make_unique<SqliteStore>(m_tmp->filePath(QStringLiteral("data")));
    QString error;
    if (!store->open(&error)) {
        qWarning() << "open failed:" << error;
        return nullptr;
    }
    return store;
}

Placed TestStoreAdmin::place(SqliteStore& store, const QString& sender,
                             const QStringList& recipients, const QVector<RecipientState>& states,
                             const QDateTime& at, const QString& client, const QString& helo)
{
    Placed placed;
    NewMessage message = makeMessage(sender, recipients, at);
    message.clientAddress = client;
    message.heloName = helo;
    QString error;
    const QVector<qint64> committed = store.commitMessages({message}, &error);
    if (committed.size() != 1) {
        qWarning() << "commit failed:" << error;
        return placed;
    }
    placed.messageId = committed[0];
    const MessageRecord record = store.messageDetail(placed.messageId, &error);
    for (const RecipientRecord& r : record.recipients)
        placed.recipientIds.append(r.recipientId);
    if (std::all_of(states.cbegin(), states.cend(),
                    [](RecipientState s) { return s == RecipientState::Queued; }))
        return placed;

    const QVector<DeliveryJob> jobs = store.claimDue(at, 1000, &error);
    if (jobs.size() != 1 || jobs[0].messageId != placed.messageId) {
        qWarning() << "claim took" << jobs.size() << "jobs; place messages in time order";
        return {};
    }
    QVector<AttemptOutcome> outcomes;
    bool hold = false;
    for (qsizetype i = 0; i < states.size(); ++i) {
        RecipientState state = states[i];
        if (state == RecipientState::InFlight)
            continue;
        if (state == RecipientState::Held) {
            hold = true;
            state = RecipientState::Deferred;
        }
        outcomes.append(outcomeFor(placed.messageId, placed.recipientIds[i], state, at));
    }
    if (!store.recordOutcomes(outcomes, &error)) {
        qWarning() << "outcomes failed:" << error;
        return {};
    }
    if (hold && !store.setHeld({placed.messageId}, true, at, &error)) {
        qWarning() << "hold failed:" << error;
        return {};
    }
    return placed;
}

void TestStoreAdmin::migratesVersion3KeepingData()
{
    QString path;
    Placed pending;
    {
        auto store = openStore();
        QVERIFY(store);
        path = store->databasePath();
        pending = place(*store, QStringLiteral("a@lan"),
                        {QStringLiteral("x@example.org"), QStringLiteral("y@example.org")},
                        {RecipientState::Delivered, RecipientState::Deferred}, baseTime());
        QVERIFY(pending.messageId > 0);
    }
    // What a version 3 RelayDesk left behind: no transcript column, no
    // admin indexes.
    QVERIFY(downgradeToVersion3(path));
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('delivery_log') "
                                         "WHERE name = 'transcript'"))
                 .toInt(),
             0);

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(scalar(path, QStringLiteral("PRAGMA user_version")).toInt(),
             SqliteStore::SchemaVersion);
    QCOMPARE(SqliteStore::SchemaVersion, 4);
    for (const char* index : {"delivery_log_time", "recipients_pending"}) {
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                             "'index' AND name = '%1'")
                                  .arg(QLatin1String(index)))
                     .toInt(),
                 1);
    }
    // The old rows are all there and read without transcripts.
    QString error;
    const MessageRecord record = store->messageDetail(pending.messageId, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(record.found);
    QCOMPARE(record.attempts.size(), 2);
    QVERIFY(record.attempts[0].transcript.isEmpty());
    const QueuePage page = store->queueRows(0, 10, &error);
    QCOMPARE(page.rows.size(), 1);
    QCOMPARE(page.rows[0].messageId, pending.messageId);
    QCOMPARE(page.rows[0].state, RecipientState::Deferred);
    QVERIFY(countsMatchTable(*store));
    // And new rows get one.
    AttemptOutcome o = outcomeFor(pending.messageId, pending.recipientIds[1],
                                  RecipientState::Delivered, baseTime().addSecs(7200));
    o.transcript = {QStringLiteral("S: 220 ready"), QStringLiteral("C: QUIT")};
    QVERIFY(store->claimDue(baseTime().addSecs(7200), 10, &error).size() == 1);
    QVERIFY2(store->recordOutcomes({o}, &error), qPrintable(error));
    QCOMPARE(store->messageDetail(pending.messageId, &error).attempts.last().transcript,
             o.transcript);
}

void TestStoreAdmin::queueRowsPageOldestFirstWithAggregates()
{
    auto store = openStore();
    QVERIFY(store);
    const QDateTime t = baseTime();
    const Placed deferred =
        place(*store, QStringLiteral("a@lan"),
              {QStringLiteral("x@example.org"), QStringLiteral("y@example.org")},
              {RecipientState::Delivered, RecipientState::Deferred}, t);
    const Placed delivered =
        place(*store, QStringLiteral("b@lan"), {QStringLiteral("z@example.org")},
              {RecipientState::Delivered}, t.addSecs(10));
    const Placed held = place(*store, QStringLiteral("c@lan"), {QStringLiteral("h@example.org")},
                              {RecipientState::Held}, t.addSecs(20));
    const Placed mixed =
        place(*store, QStringLiteral("d@lan"),
              {QStringLiteral("1@example.org"), QStringLiteral("2@example.org"),
               QStringLiteral("3@example.org")},
              {RecipientState::InFlight, RecipientState::Deferred, RecipientState::Failed},
              t.addSecs(30));
    // Never claimed: received after every claim above.
    const Placed queued = place(*store, QStringLiteral(""), {QStringLiteral("q@example.org")},
                                {RecipientState::Queued}, t.addSecs(40));
    for (const Placed& p : {deferred, delivered, held, mixed, queued})
        QVERIFY(p.messageId > 0);

    QString error;
    QueuePage first = store->queueRows(0, 2, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(first.rows.size(), 2);
    QVERIFY(first.hasMore);
    QCOMPARE(first.rows[0].messageId, deferred.messageId);
    QCOMPARE(first.rows[1].messageId, held.messageId); // the delivered one is not listed

    const QueueRowData& d = first.rows[0];
    QCOMPARE(d.sender, QStringLiteral("a@lan"));
    QCOMPARE(d.receivedAt, t);
    QCOMPARE(d.recipients, QStringList{QStringLiteral("y@example.org")});
    QCOMPARE(d.totalRecipients, 2);
    QCOMPARE(d.size, qint64(1024));
    QCOMPARE(d.clientAddress, QStringLiteral("192.0.2.10"));
    QCOMPARE(d.heloName, QStringLiteral("printer.lan"));
    QCOMPARE(d.authUser, QStringLiteral("scanner"));
    QCOMPARE(d.listener, QStringLiteral("lan"));
    QCOMPARE(d.state, RecipientState::Deferred);
    QCOMPARE(d.attempts, 1);
    QCOMPARE(d.nextAttempt, t.addSecs(3600));
    // The newest log row of the message: the deferral (written after the delivery).
    QCOMPARE(d.lastCode, 451);
    QCOMPARE(d.lastStatus, QStringLiteral("4.7.1"));
    QCOMPARE(d.lastReply, QStringLiteral("451 4.7.1 Try again later"));

    QCOMPARE(first.rows[1].state, RecipientState::Held);
    QVERIFY(!first.rows[1].nextAttempt.isValid()); // held: nothing scheduled

    const QueuePage second = store->queueRows(first.rows.last().messageId, 2, &error);
    QCOMPARE(second.rows.size(), 2);
    QVERIFY(!second.hasMore);
    const QueueRowData& m = second.rows[0];
    QCOMPARE(m.messageId, mixed.messageId);
    QCOMPARE(m.state, RecipientState::InFlight); // InFlight beats Deferred
    QCOMPARE(m.recipients,
             (QStringList{QStringLiteral("1@example.org"), QStringLiteral("2@example.org")}));
    QCOMPARE(m.totalRecipients, 3);
    QCOMPARE(m.nextAttempt, t.addSecs(30 + 3600)); // of the deferred one only
    const QueueRowData& q = second.rows[1];
    QCOMPARE(q.messageId, queued.messageId);
    QCOMPARE(q.sender, QString());
    QCOMPARE(q.state, RecipientState::Queued);
    QCOMPARE(q.attempts, 0);
    QCOMPARE(q.lastCode, 0);
    QVERIFY(q.lastReply.isEmpty());
    QCOMPARE(q.nextAttempt, t.addSecs(40));

    const QueuePage beyond = store->queueRows(queued.messageId, 2, &error);
    QVERIFY(beyond.rows.isEmpty());
    QVERIFY(!beyond.hasMore);
    // Exactly a page's worth left: no extra empty round trip.
    const QueuePage exact = store->queueRows(held.messageId, 2, &error);
    QCOMPARE(exact.rows.size(), 2);
    QVERIFY(!exact.hasMore);
}

void TestStoreAdmin::queueRowsOfEmptyQueueAndBadLimits()
{
    auto store = openStore();
    QVERIFY(store);
    QString error = QStringLiteral("stale");
    QueuePage page = store->queueRows(0, 100, &error);
    QVERIFY(page.rows.isEmpty());
    QVERIFY(!page.hasMore);
    QVERIFY(error.isEmpty());

    QVERIFY(place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@example.org")},
                  {RecipientState::Queued}, baseTime())
                .messageId > 0);
    for (const int limit : {0, -5}) {
        page = store->queueRows(0, limit, &error);
        QVERIFY(page.rows.isEmpty());
        QVERIFY(error.isEmpty());
    }
    page = store->queueRows(-100, 100, &error);
    QCOMPARE(page.rows.size(), 1);

    SqliteStore closed(m_tmp->filePath(QStringLiteral("never-opened")));
    page = closed.queueRows(0, 10, &error);
    QVERIFY(page.rows.isEmpty());
    QVERIFY(error.contains(QLatin1String("not open")));
}

void TestStoreAdmin::actionsBySingleState_data()
{
    QTest::addColumn<int>("initial");
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("changed");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<int>("after");
    QTest::addColumn<bool>("dueNow");

    using S = RecipientState;
    const struct
    {
        const char* name;
        S initial;
        const char* action;
        int changed;
        int inFlight;
        S after;
        bool dueNow;
    } rows[] = {
        {"queued/hold", S::Queued, "hold", 1, 0, S::Held, false},
        {"deferred/hold", S::Deferred, "hold", 1, 0, S::Held, false},
        {"inflight/hold", S::InFlight, "hold", 0, 1, S::InFlight, false},
        {"held/hold", S::Held, "hold", 0, 0, S::Held, false},
        {"delivered/hold", S::Delivered, "hold", 0, 0, S::Delivered, false},
        {"failed/hold", S::Failed, "hold", 0, 0, S::Failed, false},
        {"held/release", S::Held, "release", 1, 0, S::Queued, true},
        {"queued/release", S::Queued, "release", 0, 0, S::Queued, true},
        {"deferred/release", S::Deferred, "release", 0, 0, S::Deferred, false},
        {"inflight/release", S::InFlight, "release", 0, 1, S::InFlight, false},
        {"deferred/retry", S::Deferred, "retry", 1, 0, S::Deferred, true},
        {"queued/retry", S::Queued, "retry", 1, 0, S::Queued, true},
        {"held/retry", S::Held, "retry", 0, 0, S::Held, false},
        {"inflight/retry", S::InFlight, "retry", 0, 1, S::InFlight, false},
        {"delivered/retry", S::Delivered, "retry", 0, 0, S::Delivered, false},
        {"deferred/delete", S::Deferred, "delete", 1, 0, S::Queued, false},
        {"inflight/delete", S::InFlight, "delete", 1, 1, S::Queued, false},
        {"delivered/delete", S::Delivered, "delete", 1, 0, S::Queued, false},
    };
    for (const auto& row : rows)
        QTest::newRow(row.name) << int(row.initial) << QString::fromLatin1(row.action)
                                << row.changed << row.inFlight << int(row.after) << row.dueNow;
}

void TestStoreAdmin::actionsBySingleState()
{
    QFETCH(int, initial);
    QFETCH(QString, action);
    QFETCH(int, changed);
    QFETCH(int, inFlight);
    QFETCH(int, after);
    QFETCH(bool, dueNow);

    auto store = openStore();
    QVERIFY(store);
    const Placed p = place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@example.org")},
                           {RecipientState(initial)}, baseTime());
    QVERIFY(p.messageId > 0);
    QVERIFY(countsMatchTable(*store));

    const QDateTime now = baseTime().addSecs(60);
    QString error;
    std::optional<QueueActionCounts> counts;
    if (action == QLatin1String("hold") || action == QLatin1String("release"))
        counts = store->setHeld({p.messageId}, action == QLatin1String("hold"), now, &error);
    else if (action == QLatin1String("retry"))
        counts = store->retryMessages({p.messageId}, now, &error);
    else
        counts = store->deleteMessages({p.messageId}, &error);
    QVERIFY2(counts, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(counts->messages, 1);
    QCOMPARE(counts->changed, changed);
    QCOMPARE(counts->inFlight, inFlight);
    QVERIFY(countsMatchTable(*store));

    const MessageRecord record = store->messageDetail(p.messageId, &error);
    if (action == QLatin1String("delete")) {
        QVERIFY(!record.found);
        return;
    }
    QCOMPARE(record.recipients.value(0).state, RecipientState(after));
    // Due now exactly when the action made (or left) it due at `now`.
    const QVector<DeliveryJob> jobs = store->claimDue(now, 10, &error);
    QCOMPARE(jobs.size(), dueNow ? 1 : 0);
    QVERIFY(countsMatchTable(*store));
}

void TestStoreAdmin::holdAndReleaseLeaveInFlightAlone()
{
    auto store = openStore();
    QVERIFY(store);
    const QDateTime t = baseTime();
    const Placed p =
        place(*store, QStringLiteral("a@lan"),
              {QStringLiteral("1@example.org"), QStringLiteral("2@example.org"),
               QStringLiteral("3@example.org")},
              {RecipientState::Deferred, RecipientState::InFlight, RecipientState::Deferred}, t);
    QVERIFY(p.messageId > 0);
    QString error;
    auto held = store->setHeld({p.messageId}, true, t.addSecs(1), &error);
    QVERIFY2(held, qPrintable(error));
    QCOMPARE(held->changed, 2);
    QCOMPARE(held->inFlight, 1);
    QCOMPARE(store->counts().held, 2);
    QCOMPARE(store->counts().inFlight, 1);
    QVERIFY(countsMatchTable(*store));
    // The queue row still shows the attempt in progress.
    QCOMPARE(store->queueRows(0, 10, &error).rows.value(0).state, RecipientState::InFlight);

    // The in-flight attempt ends; the held ones stay held.
    QVERIFY(store->recordOutcomes(
        {outcomeFor(p.messageId, p.recipientIds[1], RecipientState::Deferred, t.addSecs(2))},
        &error));
    QCOMPARE(store->queueRows(0, 10, &error).rows.value(0).state, RecipientState::Deferred);
    QVERIFY(store->claimDue(t.addSecs(10 * 3600), 10, &error).value(0).recipients.size() == 1);

    auto released = store->setHeld({p.messageId}, false, t.addSecs(3), &error);
    QVERIFY2(released, qPrintable(error));
    QCOMPARE(released->changed, 2);
    QCOMPARE(released->inFlight, 1);
    QCOMPARE(store->counts().queued, 2);
    QVERIFY(countsMatchTable(*store));
    // Released recipients are due at once.
    const QVector<DeliveryJob> jobs = store->claimDue(t.addSecs(3), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].recipients.size(), 2);
    QVERIFY(countsMatchTable(*store));
}

void TestStoreAdmin::actionsIgnoreUnknownIdsAndEmptyLists()
{
    auto store = openStore();
    QVERIFY(store);
    const Placed p = place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@example.org")},
                           {RecipientState::Queued}, baseTime());
    QString error;
    for (const QVector<qint64>& list : {QVector<qint64>{}, ids({424242, -1})}) {
        const auto hold = store->setHeld(list, true, baseTime(), &error);
        QVERIFY2(hold, qPrintable(error));
        QCOMPARE(hold->messages, 0);
        QCOMPARE(hold->changed, 0);
        const auto retry = store->retryMessages(list, baseTime(), &error);
        QVERIFY(retry && retry->changed == 0);
        const auto removed = store->deleteMessages(list, &error);
        QVERIFY(removed && removed->changed == 0);
        QVERIFY(error.isEmpty());
    }
    // A known id among unknown ones is acted on.
    const auto hold =
        store->setHeld(ids({424242, p.messageId, p.messageId}), true, baseTime(), &error);
    QVERIFY(hold);
    QCOMPARE(hold->messages, 1);
    QCOMPARE(hold->changed, 1);
    QCOMPARE(store->counts().held, 1);
    QVERIFY(countsMatchTable(*store));

    SqliteStore closed(m_tmp->filePath(QStringLiteral("never-opened")));
    QVERIFY(!closed.setHeld({1}, true, baseTime(), &error));
    QVERIFY(error.contains(QLatin1String("not open")));
    QVERIFY(!closed.deleteMessages({1}, &error));
    QVERIFY(!closed.todayCounts(baseTime(), &error));
}

void TestStoreAdmin::deleteRemovesMessageEnvelopesAndLog()
{
    auto store = openStore();
    QVERIFY(store);
    const Placed gone = place(*store, QStringLiteral("a@lan"),
                              {QStringLiteral("x@example.org"), QStringLiteral("y@example.org")},
                              {RecipientState::Delivered, RecipientState::Deferred}, baseTime());
    const Placed kept = place(*store, QStringLiteral("b@lan"), {QStringLiteral("z@example.org")},
                              {RecipientState::Deferred}, baseTime().addSecs(5));
    QString error;
    const auto removed = store->deleteMessages({gone.messageId}, &error);
    QVERIFY2(removed, qPrintable(error));
    QCOMPARE(removed->changed, 1);
    const QString path = store->databasePath();
    const std::pair<const char*, const char*> tables[] = {
        {"messages", "id"}, {"recipients", "message_id"}, {"delivery_log", "message_id"}};
    for (const auto& [table, column] : tables)
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = %3")
                                  .arg(QLatin1String(table), QLatin1String(column))
                                  .arg(gone.messageId))
                     .toInt(),
                 0);
    QCOMPARE(store->counts().delivered, 0);
    QCOMPARE(store->counts().deferred, 1);
    QVERIFY(countsMatchTable(*store));
    const QueuePage page = store->queueRows(0, 10, &error);
    QCOMPARE(page.rows.size(), 1);
    QCOMPARE(page.rows[0].messageId, kept.messageId);
    QCOMPARE(store->queryDeliveryLog(DeliveryLogFilter(), &error).size(), 1);
    QVERIFY(store->messageContent(gone.messageId, &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("no message")));
}

void TestStoreAdmin::outcomeOfDeletedInFlightRecipientIsHarmless()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> committed =
        store->commitMessages({makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime()),
                               makeMessage("b@lan", {"z@example.org"}, baseTime())},
                              &error);
    QCOMPARE(committed.size(), 2);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(store->counts().inFlight, 3);

    const auto removed = store->deleteMessages({committed[0]}, &error);
    QVERIFY2(removed, qPrintable(error));
    QCOMPARE(removed->changed, 1);
    QCOMPARE(removed->inFlight, 2);
    QCOMPARE(store->counts().inFlight, 1);
    QVERIFY(countsMatchTable(*store));

    // The engine finishes all three attempts in one batch: the vanished
    // ones are dropped, the other one is recorded.
    QVector<AttemptOutcome> outcomes;
    for (const DeliveryJob& job : jobs)
        for (const RecipientJob& r : job.recipients)
            outcomes.append(
                outcomeFor(job.messageId, r.recipientId, RecipientState::Delivered, baseTime()));
    QVERIFY2(store->recordOutcomes(outcomes, &error), qPrintable(error));
    QCOMPARE(store->counts().delivered, 1);
    QCOMPARE(store->counts().inFlight, 0);
    QVERIFY(countsMatchTable(*store));
    QCOMPARE(scalar(store->databasePath(),
                    QStringLiteral("SELECT COUNT(*) FROM delivery_log WHERE message_id = %1")
                        .arg(committed[0]))
                 .toInt(),
             0);
    QVERIFY(!store->messageDetail(committed[0], &error).found);
    QCOMPARE(store->messageDetail(committed[1], &error).attempts.size(), 1);
}

void TestStoreAdmin::messageDetailHasEverything()
{
    auto store = openStore();
    QVERIFY(store);
    NewMessage message = makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime(), 4000);
    message.dsn.ret = RelayDesk::Bounce::DsnReturn::Headers;
    message.dsn.envelopeId = QStringLiteral("env-42");
    message.dsn.hasEnvelopeId = true;
    RelayDesk::Bounce::RecipientDsnRequest notify;
    notify.notifyGiven = true;
    notify.notify =
        RelayDesk::Bounce::NotifyCondition::Failure | RelayDesk::Bounce::NotifyCondition::Delay;
    notify.originalRecipient = {QStringLiteral("rfc822"), QStringLiteral("X@Example.org")};
    message.recipientDsn = {notify};
    QString error;
    const qint64 id = store->commitMessages({message}, &error).value(0);
    QVERIFY(id > 0);
    const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    AttemptOutcome first =
        outcomeFor(id, job.recipients[0].recipientId, RecipientState::Deferred, baseTime());
    first.transcript = {QStringLiteral("S: 220 upstream ESMTP"), QStringLiteral("C: EHLO relay"),
                        QStringLiteral("C: AUTH PLAIN ****"), QStringLiteral("S: 451 4.7.1 later")};
    AttemptOutcome second =
        outcomeFor(id, job.recipients[1].recipientId, RecipientState::Delivered, baseTime());
    QVERIFY(store->recordOutcomes({first, second}, &error));

    const MessageRecord r = store->messageDetail(id, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(r.found);
    QCOMPARE(r.messageId, id);
    QCOMPARE(r.sender, QStringLiteral("a@lan"));
    QCOMPARE(r.receivedAt, baseTime());
    QCOMPARE(r.size, qint64(4000));
    QVERIFY(r.contentAvailable);
    QCOMPARE(r.headers, QByteArray("From: <a@lan>\r\nSubject: test\r\n\r\n"));
    QCOMPARE(r.heloName, QStringLiteral("printer.lan"));
    QCOMPARE(r.clientAddress, QStringLiteral("192.0.2.10"));
    QCOMPARE(r.listener, QStringLiteral("lan"));
    QCOMPARE(r.tlsVersion, QStringLiteral("TLSv1.3"));
    QCOMPARE(r.authUser, QStringLiteral("scanner"));
    QCOMPARE(r.envid, QStringLiteral("env-42"));
    QCOMPARE(r.ret, QStringLiteral("HDRS"));
    QCOMPARE(r.kind, MessageKind::Relayed);
    QCOMPARE(r.recipients.size(), 2);
    QCOMPARE(r.recipients[0].address, QStringLiteral("x@example.org"));
    QCOMPARE(r.recipients[0].state, RecipientState::Deferred);
    QCOMPARE(r.recipients[0].attempts, 1);
    QCOMPARE(r.recipients[0].nextAttempt, baseTime().addSecs(3600));
    QCOMPARE(r.recipients[0].lastAttempt, baseTime());
    QCOMPARE(r.recipients[0].notify, QStringLiteral("FAILURE,DELAY"));
    QCOMPARE(r.recipients[0].orcpt, QStringLiteral("rfc822;X@Example.org"));
    QVERIFY(r.recipients[1].notify.isEmpty());
    QVERIFY(r.recipients[1].orcpt.isEmpty());
    QCOMPARE(r.recipients[1].state, RecipientState::Delivered);
    QCOMPARE(r.attempts.size(), 2);
    QCOMPARE(r.attempts[0].transcript, first.transcript);
    QCOMPARE(r.attempts[0].replyCode, 451);
    QCOMPARE(r.attempts[0].recipient, QStringLiteral("x@example.org"));
    QVERIFY(r.attempts[1].transcript.isEmpty());
    QCOMPARE(r.attempts[1].upstreamQueueId, QStringLiteral("4F1A2B"));

    const QByteArray content = store->messageContent(id, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(content, message.content);
    // Bulk log queries leave transcripts out.
    const QVector<DeliveryLogRecord> log = store->queryDeliveryLog(DeliveryLogFilter(), &error);
    QCOMPARE(log.size(), 2);
    QVERIFY(log[0].entry.transcript.isEmpty() && log[1].entry.transcript.isEmpty());
}

void TestStoreAdmin::messageDetailOfUnknownAndFinalMessages()
{
    auto store = openStore();
    QVERIFY(store);
    QString error = QStringLiteral("stale");
    MessageRecord unknown = store->messageDetail(777, &error);
    QVERIFY(!unknown.found);
    QCOMPARE(unknown.messageId, qint64(777));
    QVERIFY(error.isEmpty());
    QVERIFY(store->messageContent(777, &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("no message 777")));

    // Delivered: the envelope stays, the content is gone.
    const Placed done = place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@example.org")},
                              {RecipientState::Delivered}, baseTime());
    const MessageRecord r = store->messageDetail(done.messageId, &error);
    QVERIFY(r.found);
    QVERIFY(!r.contentAvailable);
    QVERIFY(r.headers.isEmpty());
    QCOMPARE(r.size, qint64(1024));
    QVERIFY(store->messageContent(done.messageId, &error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("no longer stored")), qPrintable(error));

    // A message without a blank line is all header section.
    NewMessage headerOnly = makeMessage("b@lan", {"y@example.org"}, baseTime().addSecs(9));
    headerOnly.content = "Subject: no body\r\n";
    const qint64 id = store->commitMessages({headerOnly}, &error).value(0);
    QCOMPARE(store->messageDetail(id, &error).headers, headerOnly.content);
}

void TestStoreAdmin::transcriptIsBounded_data()
{
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("lineLength");
    QTest::addColumn<bool>("truncated");

    QTest::newRow("short") << 20 << 40 << false;
    QTest::newRow("exactly max lines") << int(SqliteTranscript::MaxLines) << 40 << false;
    QTest::newRow("too many lines") << 1000 << 40 << true;
    QTest::newRow("too many bytes") << 150 << 1500 << true;
    QTest::newRow("overlong lines") << 3 << 100000 << false;
}

void TestStoreAdmin::transcriptIsBounded()
{
    QFETCH(int, lines);
    QFETCH(int, lineLength);
    QFETCH(bool, truncated);

    QStringList transcript;
    for (int i = 0; i < lines; ++i) {
        QString line = QStringLiteral("S: 250-line %1 ").arg(i);
        line += QString(std::max<qsizetype>(0, lineLength - line.size()), QLatin1Char('x'));
        transcript.append(line);
    }
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const qint64 id =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error)
            .value(0);
    const DeliveryJob job = store->claimDue(baseTime(), 10, &error).value(0);
    AttemptOutcome o =
        outcomeFor(id, job.recipients[0].recipientId, RecipientState::Failed, baseTime());
    o.transcript = transcript;
    QVERIFY2(store->recordOutcomes({o}, &error), qPrintable(error));

    const QStringList stored = store->messageDetail(id, &error).attempts.value(0).transcript;
    QVERIFY(stored.size() <= SqliteTranscript::MaxLines);
    QVERIFY(stored.join(QLatin1Char('\n')).toUtf8().size() <= SqliteTranscript::MaxBytes);
    for (const QString& line : stored)
        QVERIFY(line.size() <= SqliteTranscript::MaxLineChars + 10);
    QCOMPARE(
        stored.first(),
        transcript.first().left(SqliteTranscript::MaxLineChars) +
            (lineLength > SqliteTranscript::MaxLineChars ? QStringLiteral(" [cut]") : QString()));
    if (!truncated) {
        QCOMPARE(stored.size(), transcript.size());
        return;
    }
    // The start and the end of the session survive; the middle is counted.
    QCOMPARE(stored.last(), transcript.last());
    const qsizetype markerAt =
        stored.indexOf(SqliteTranscript::omittedMarker(transcript.size() - (stored.size() - 1)));
    QVERIFY2(markerAt > 0, qPrintable(stored.join(QLatin1Char('\n')).left(2000)));
    QCOMPARE(stored.mid(0, markerAt), transcript.mid(0, markerAt));
}

void TestStoreAdmin::queryDeliveryLog_data()
{
    QTest::addColumn<int>("fromMinute"); ///< -1: no bound
    QTest::addColumn<int>("toMinute");
    QTest::addColumn<QList<int>>("states");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("reply");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected"); ///< recipients, newest first

    const QList<int> none;
    const QStringList all{"e@x.org", "d@x.org", "c@x.org", "b@x.org", "a@x.org"};
    QTest::newRow("everything") << -1 << -1 << none << ""
                                << ""
                                << ""
                                << "" << 100 << all;
    QTest::newRow("limit") << -1 << -1 << none << ""
                           << ""
                           << ""
                           << "" << 2 << QStringList{"e@x.org", "d@x.org"};
    QTest::newRow("zero limit") << -1 << -1 << none << ""
                                << ""
                                << ""
                                << "" << 0 << QStringList();
    QTest::newRow("from inclusive") << 2 << -1 << none << ""
                                    << ""
                                    << ""
                                    << "" << 100 << QStringList{"e@x.org", "d@x.org", "c@x.org"};
    QTest::newRow("to exclusive") << -1 << 2 << none << ""
                                  << ""
                                  << ""
                                  << "" << 100 << QStringList{"b@x.org", "a@x.org"};
    QTest::newRow("range") << 1 << 3 << none << ""
                           << ""
                           << ""
                           << "" << 100 << QStringList{"c@x.org", "b@x.org"};
    QTest::newRow("failed") << -1 << -1 << QList<int>{int(RecipientState::Failed)} << ""
                            << ""
                            << ""
                            << "" << 100 << QStringList{"e@x.org", "c@x.org"};
    QTest::newRow("delivered or deferred")
        << -1 << -1 << QList<int>{int(RecipientState::Delivered), int(RecipientState::Deferred)}
        << ""
        << ""
        << ""
        << "" << 100 << QStringList{"d@x.org", "b@x.org", "a@x.org"};
    QTest::newRow("sender any case") << -1 << -1 << none << "SCAN"
                                     << ""
                                     << ""
                                     << "" << 100 << QStringList{"b@x.org", "a@x.org"};
    QTest::newRow("underscore is literal") << -1 << -1 << none << "a_b"
                                           << ""
                                           << ""
                                           << "" << 100 << QStringList{"c@x.org"};
    QTest::newRow("recipient") << -1 << -1 << none << ""
                               << "D@X"
                               << ""
                               << "" << 100 << QStringList{"d@x.org"};
    QTest::newRow("device by address") << -1 << -1 << none << ""
                                       << ""
                                       << "192.0.2.7"
                                       << "" << 100 << QStringList{"e@x.org", "d@x.org"};
    QTest::newRow("device by helo") << -1 << -1 << none << ""
                                    << ""
                                    << "copier"
                                    << "" << 100 << QStringList{"c@x.org"};
    QTest::newRow("reply code and status") << -1 << -1 << none << ""
                                           << ""
                                           << ""
                                           << "451 4.7.1" << 100 << QStringList{"b@x.org"};
    QTest::newRow("reply text") << -1 << -1 << none << ""
                                << ""
                                << ""
                                << "user UNKNOWN" << 100 << QStringList{"c@x.org"};
    QTest::newRow("percent is literal") << -1 << -1 << none << ""
                                        << ""
                                        << ""
                                        << "100%" << 100 << QStringList{"e@x.org"};
    QTest::newRow("backslash is literal") << -1 << -1 << none << ""
                                          << ""
                                          << ""
                                          << "\\d" << 100 << QStringList{"d@x.org"};
    QTest::newRow("combined") << -1 << -1 << QList<int>{int(RecipientState::Failed)} << ""
                              << ""
                              << "192.0.2.7"
                              << "" << 100 << QStringList{"e@x.org"};
    QTest::newRow("no match") << -1 << -1 << none << "nobody"
                              << ""
                              << ""
                              << "" << 100 << QStringList();
}

void TestStoreAdmin::queryDeliveryLog()
{
    QFETCH(int, fromMinute);
    QFETCH(int, toMinute);
    QFETCH(QList<int>, states);
    QFETCH(QString, sender);
    QFETCH(QString, recipient);
    QFETCH(QString, device);
    QFETCH(QString, reply);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);

    auto store = openStore();
    QVERIFY(store);
    // One attempt per minute, a@ first. Replies chosen so that LIKE
    // wildcards would over-match: "1000 messages" vs "100% full",
    // "a_b" vs "axb", "\d" vs "d".
    const struct
    {
        const char* sender;
        const char* recipient;
        const char* client;
        const char* helo;
        RecipientState state;
        int code;
        const char* status;
        const char* text;
    } attempts[] = {
        {"scanner@lan", "a@x.org", "192.0.2.10", "printer.lan", RecipientState::Delivered, 250,
         "2.0.0", "Ok 1000 messages today"},
        {"Scanner2@lan", "b@x.org", "192.0.2.10", "printer.lan", RecipientState::Deferred, 451,
         "4.7.1", "Try again later"},
        {"a_b@lan", "c@x.org", "192.0.2.11", "copier.lan", RecipientState::Failed, 550, "5.1.1",
         "User unknown"},
        {"axb@lan", "d@x.org", "192.0.2.7", "nas.lan", RecipientState::Delivered, 250, "2.0.0",
         "queued \\d as 1"},
        {"app@lan", "e@x.org", "192.0.2.7", "nas.lan", RecipientState::Failed, 552, "5.2.2",
         "Mailbox 100% full"},
    };
    QString error;
    int minute = 0;
    for (const auto& a : attempts) {
        const QDateTime at = baseTime().addSecs(60 * minute++);
        NewMessage message =
            makeMessage(QString::fromLatin1(a.sender), {QString::fromLatin1(a.recipient)}, at);
        message.clientAddress = QString::fromLatin1(a.client);
        message.heloName = QString::fromLatin1(a.helo);
        const qint64 id = store->commitMessages({message}, &error).value(0);
        const DeliveryJob job = store->claimDue(at, 10, &error).value(0);
        QCOMPARE(job.messageId, id);
        AttemptOutcome o = outcomeFor(id, job.recipients[0].recipientId, a.state, at);
        o.replyCode = a.code;
        o.enhancedStatus = QString::fromLatin1(a.status);
        o.replyText = QString::fromLatin1(a.text);
        QVERIFY2(store->recordOutcomes({o}, &error), qPrintable(error));
    }

    DeliveryLogFilter filter;
    if (fromMinute >= 0)
        filter.from = baseTime().addSecs(60 * fromMinute);
    if (toMinute >= 0)
        filter.to = baseTime().addSecs(60 * toMinute);
    for (const int state : states)
        filter.states.append(RecipientState(state));
    filter.sender = sender;
    filter.recipient = recipient;
    filter.device = device;
    filter.reply = reply;
    filter.limit = limit;
    error = QStringLiteral("stale");
    const QVector<DeliveryLogRecord> rows = store->queryDeliveryLog(filter, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList got;
    for (const DeliveryLogRecord& row : rows)
        got.append(row.entry.recipient);
    QCOMPARE(got, expected);
    for (const DeliveryLogRecord& row : rows) {
        QVERIFY(!row.sender.isEmpty());
        QVERIFY(!row.clientAddress.isEmpty());
        QVERIFY(!row.heloName.isEmpty());
        QVERIFY(row.entry.messageId > 0);
        QVERIFY(row.entry.attemptedAt.isValid());
    }
}

void TestStoreAdmin::failedRecipientsNewestFirst()
{
    auto store = openStore();
    QVERIFY(store);
    const QDateTime t = baseTime();
    const Placed old = place(*store, QStringLiteral("a@lan"), {QStringLiteral("old@x.org")},
                             {RecipientState::Failed}, t);
    const Placed mixed = place(
        *store, QStringLiteral("b@lan"),
        {QStringLiteral("ok@x.org"), QStringLiteral("bad@x.org"), QStringLiteral("later@x.org")},
        {RecipientState::Delivered, RecipientState::Failed, RecipientState::Deferred},
        t.addSecs(600), QStringLiteral("192.0.2.99"));
    QString error;
    QVector<FailedEnvelope> rows = store->failedRecipients(QDateTime(), 100, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].recipient, QStringLiteral("bad@x.org"));
    QCOMPARE(rows[0].messageId, mixed.messageId);
    QCOMPARE(rows[0].recipientId, mixed.recipientIds[1]);
    QCOMPARE(rows[0].failedAt, t.addSecs(600));
    QCOMPARE(rows[0].sender, QStringLiteral("b@lan"));
    QCOMPARE(rows[0].clientAddress, QStringLiteral("192.0.2.99"));
    QCOMPARE(rows[0].replyCode, 550);
    QCOMPARE(rows[0].enhancedStatus, QStringLiteral("5.1.1"));
    QCOMPARE(rows[0].replyText, QStringLiteral("User unknown"));
    QCOMPARE(rows[0].upstreamHost, QStringLiteral("127.0.0.1:2525"));
    QCOMPARE(rows[1].recipientId, old.recipientIds[0]);

    // Deferred first, failed at the next attempt: one row, the last one.
    QVERIFY(store->claimDue(t.addSecs(4 * 3600), 10, &error).size() == 1);
    QVERIFY(store->recordOutcomes({outcomeFor(mixed.messageId, mixed.recipientIds[2],
                                              RecipientState::Failed, t.addSecs(4 * 3600))},
                                  &error));
    rows = store->failedRecipients(t.addSecs(1), 100, &error);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].recipient, QStringLiteral("later@x.org"));
    QCOMPARE(rows[1].recipient, QStringLiteral("bad@x.org"));
    QCOMPARE(store->failedRecipients(QDateTime(), 1, &error).size(), 1);
    QVERIFY(store->failedRecipients(QDateTime(), 0, &error).isEmpty());
    QVERIFY(store->failedRecipients(t.addDays(1), 10, &error).isEmpty());
}

void TestStoreAdmin::hourlyCountsHave24Buckets()
{
    auto store = openStore();
    QVERIFY(store);
    const QDateTime now = baseTime().addSecs(30 * 60); // 12:30 UTC
    const struct
    {
        int minutesBeforeNow;
        RecipientState state;
    } attempts[] = {
        {25 * 60, RecipientState::Delivered},      // 11:30 yesterday: too old
        {23 * 60 + 31, RecipientState::Failed},    // 12:59 yesterday: too old
        {23 * 60 + 30, RecipientState::Delivered}, // 13:00 yesterday: first bucket
        {120, RecipientState::Deferred},           // 10:30
        {119, RecipientState::Delivered},          // 10:31
        {100, RecipientState::Deferred},           // 10:50
        {10, RecipientState::Failed},              // 12:20, current hour
    };
    QString error;
    for (const auto& a : attempts) {
        const QDateTime at = now.addSecs(-60 * a.minutesBeforeNow);
        const Placed p = place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@example.org")},
                               {a.state}, at);
        QVERIFY(p.messageId > 0);
        // Out of the way of the next placement's claim; its log row stays.
        if (a.state == RecipientState::Deferred)
            QVERIFY(store->setHeld({p.messageId}, true, at, &error));
    }
    error = QStringLiteral("stale");
    const QVector<HourlyAttempts> hours = store->hourlyCounts(now, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(hours.size(), 24);
    const QDateTime firstHour(QDate(2024, 2, 29), QTime(13, 0), Qt::UTC);
    for (int i = 0; i < 24; ++i)
        QCOMPARE(hours[i].hourStart, firstHour.addSecs(3600 * i));
    QCOMPARE(hours[23].hourStart, QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC));
    int delivered = 0, deferred = 0, failed = 0;
    for (const HourlyAttempts& h : hours) {
        delivered += h.delivered;
        deferred += h.deferred;
        failed += h.failed;
    }
    QCOMPARE(delivered, 2);
    QCOMPARE(deferred, 2);
    QCOMPARE(failed, 1);
    QCOMPARE(hours[0].delivered, 1);
    QCOMPARE(hours[21].deferred, 2); // 10:00-11:00
    QCOMPARE(hours[21].delivered, 1);
    QCOMPARE(hours[23].failed, 1);
    QCOMPARE(hours[22].delivered + hours[22].deferred + hours[22].failed, 0);

    QVERIFY(store->hourlyCounts(QDateTime(), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestStoreAdmin::todayCountsSince()
{
    auto store = openStore();
    QVERIFY(store);
    const QDateTime midnight(QDate(2024, 3, 1), QTime(0, 0), Qt::UTC);
    QString error;
    auto counts = store->todayCounts(midnight, &error);
    QVERIFY2(counts, qPrintable(error));
    QCOMPARE(counts->delivered, 0);
    QCOMPARE(counts->failed, 0);

    place(*store, QStringLiteral("a@lan"), {QStringLiteral("y@x.org")}, {RecipientState::Failed},
          midnight.addSecs(-1));
    place(*store, QStringLiteral("a@lan"), {QStringLiteral("x@x.org"), QStringLiteral("z@x.org")},
          {RecipientState::Delivered, RecipientState::Deferred}, midnight);
    QVERIFY(place(*store, QStringLiteral("a@lan"), {QStringLiteral("w@x.org")},
                  {RecipientState::Failed}, midnight.addSecs(1800))
                .messageId > 0);
    counts = store->todayCounts(midnight, &error);
    QVERIFY2(counts, qPrintable(error));
    QCOMPARE(counts->delivered, 1);
    QCOMPARE(counts->failed, 1);
    QVERIFY(!store->todayCounts(QDateTime(), &error));
    QVERIFY(!error.isEmpty());
}

void TestStoreAdmin::queriesUseIndexes()
{
    QString path;
    {
        auto store = openStore();
        QVERIFY(store);
        path = store->databasePath();
    }
    const QString queuePage = plan(path, SqliteAdminQueries::queuePageStatement(0, 100));
    QVERIFY2(queuePage.contains(QLatin1String("COVERING INDEX recipients_pending")),
             qPrintable(queuePage));
    QVERIFY2(!queuePage.contains(QLatin1String("TEMP B-TREE")), qPrintable(queuePage));

    DeliveryLogFilter ranged;
    ranged.from = baseTime();
    ranged.to = baseTime().addDays(1);
    ranged.sender = QStringLiteral("x");
    DeliveryLogFilter unfiltered;
    for (const DeliveryLogFilter& filter : {ranged, unfiltered}) {
        const QString log = plan(path, SqliteAdminQueries::deliveryLogStatement(filter));
        QVERIFY2(log.contains(QLatin1String("INDEX delivery_log_time")), qPrintable(log));
        QVERIFY2(log.contains(QLatin1String("m USING INTEGER PRIMARY KEY")), qPrintable(log));
    }
    const QString ranged2 = plan(path, SqliteAdminQueries::deliveryLogStatement(ranged));
    QVERIFY2(ranged2.contains(QLatin1String("attempted_at>? AND attempted_at<?")),
             qPrintable(ranged2));

    const QString hourly = plan(path, SqliteAdminQueries::hourlyStatement(0, 3600000));
    QVERIFY2(hourly.contains(QLatin1String("COVERING INDEX delivery_log_time")),
             qPrintable(hourly));
    const QString today = plan(path, SqliteAdminQueries::todayStatement(0));
    QVERIFY2(today.contains(QLatin1String("COVERING INDEX delivery_log_time")), qPrintable(today));
    const QString failed = plan(path, SqliteAdminQueries::failedStatement(0, 10));
    QVERIFY2(failed.contains(QLatin1String("INDEX delivery_log_time")), qPrintable(failed));
}

void TestStoreAdmin::workerAnswersOnContextThread()
{
    StoreWorker worker(std::make_unique<SqliteStore>(m_tmp->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(worker.start(&error), qPrintable(error));
    QObject context;

    qint64 id = 0;
    worker.commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                  [&](bool ok, qint64 messageId, const QString&) { id = ok ? messageId : -1; });
    QTRY_VERIFY_WITH_TIMEOUT(id != 0, 30000);
    QVERIFY(id > 0);

    QThread* const testThread = QThread::currentThread();
    bool onThread = true;
    const auto check = [&] { onThread = onThread && QThread::currentThread() == testThread; };

    QueuePage page;
    worker.queueRows(0, 10, &context, [&](QueuePage p, QString e) {
        check();
        page = p;
        error = e;
    });
    QTRY_COMPARE_WITH_TIMEOUT(page.rows.size(), 1, 30000);
    QVERIFY(error.isEmpty());

    std::optional<QueueActionCounts> held;
    worker.setHeld({id}, true, baseTime(), &context, [&](QueueActionCounts c, QString e) {
        check();
        held = c;
        error = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(held.has_value(), 30000);
    QCOMPARE(held->changed, 1);

    std::optional<QueueActionCounts> retried;
    worker.retryMessages({id}, baseTime(), &context, [&](QueueActionCounts c, QString) {
        check();
        retried = c;
    });
    QTRY_VERIFY_WITH_TIMEOUT(retried.has_value(), 30000);
    QCOMPARE(retried->changed, 0); // held

    MessageRecord record;
    worker.messageDetail(id, &context, [&](MessageRecord r, QString) {
        check();
        record = r;
    });
    QTRY_VERIFY_WITH_TIMEOUT(record.found, 30000);
    QCOMPARE(record.recipients.value(0).state, RecipientState::Held);

    QByteArray content;
    worker.messageContent(id, &context, [&](QByteArray c, QString) {
        check();
        content = c;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!content.isEmpty(), 30000);

    QString contentError;
    worker.messageContent(999, &context, [&](QByteArray, QString e) {
        check();
        contentError = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!contentError.isEmpty(), 30000);

    bool logAnswered = false, failedAnswered = false;
    worker.queryDeliveryLog(DeliveryLogFilter(), &context,
                            [&](QVector<DeliveryLogRecord> rows, QString e) {
                                check();
                                logAnswered = rows.isEmpty() && e.isEmpty();
                            });
    worker.failedRecipients(QDateTime(), 10, &context,
                            [&](QVector<FailedEnvelope> rows, QString e) {
                                check();
                                failedAnswered = rows.isEmpty() && e.isEmpty();
                            });
    QVector<HourlyAttempts> hours;
    worker.hourlyCounts(baseTime(), &context, [&](QVector<HourlyAttempts> h, QString) {
        check();
        hours = h;
    });
    std::optional<DayCounts> today;
    worker.todayCounts(baseTime(), &context, [&](DayCounts c, QString) {
        check();
        today = c;
    });
    QString storeThreadConnection;
    worker.runOnStore([&](MessageStore& store) {
        if (auto* sqlite = dynamic_cast<SqliteStore*>(&store))
            storeThreadConnection = sqlite->connectionName();
    });
    std::optional<QueueActionCounts> removed;
    worker.deleteMessages({id}, &context, [&](QueueActionCounts c, QString) {
        check();
        removed = c;
    });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 30000);
    // Requests run in order: everything before the delete has answered.
    QVERIFY(logAnswered);
    QVERIFY(failedAnswered);
    QCOMPARE(hours.size(), 24);
    QVERIFY(today.has_value());
    QVERIFY(storeThreadConnection.startsWith(QLatin1String("relaydesk-store-")));
    QCOMPARE(removed->changed, 1);
    QVERIFY(onThread);
}

void TestStoreAdmin::workerBeforeStartReportsError()
{
    StoreWorker worker(std::make_unique<SqliteStore>(m_tmp->filePath(QStringLiteral("data"))));
    QObject context;
    QString error;
    bool answered = false;
    worker.queueRows(0, 10, &context, [&](QueuePage page, QString e) {
        answered = page.rows.isEmpty();
        error = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
    QVERIFY(error.contains(QLatin1String("not started")));
    bool ran = false;
    worker.runOnStore([&](MessageStore&) { ran = true; });
    QString deleteError;
    worker.deleteMessages({1}, &context, [&](QueueActionCounts, QString e) { deleteError = e; });
    QTRY_VERIFY_WITH_TIMEOUT(!deleteError.isEmpty(), 30000);
    QVERIFY(!ran);
}

void TestStoreAdmin::pagesThrough100kMessages()
{
    auto store = openStore();
    QVERIFY(store);
    constexpr int Messages = 100000;
    constexpr int Batch = 2000;
    QElapsedTimer timer;
    timer.start();
    QString error;
    for (int done = 0; done < Messages; done += Batch) {
        QVector<NewMessage> batch;
        for (int i = 0; i < Batch; ++i) {
            batch.append(makeMessage(QStringLiteral("scanner%1@lan").arg((done + i) % 7),
                                     {QStringLiteral("user%1@example.org").arg(done + i)},
                                     baseTime().addSecs(done + i), 300));
        }
        QCOMPARE(store->commitMessages(batch, &error).size(), Batch);
    }
    // Some history and some variety: 2,000 delivered, 2,000 deferred.
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(3999), 4000, &error);
    QCOMPARE(jobs.size(), 4000);
    QVector<AttemptOutcome> outcomes;
    for (qsizetype i = 0; i < jobs.size(); ++i)
        outcomes.append(outcomeFor(jobs[i].messageId, jobs[i].recipients[0].recipientId,
                                   i % 2 ? RecipientState::Deferred : RecipientState::Delivered,
                                   baseTime().addSecs(4000)));
    QVERIFY(store->recordOutcomes(outcomes, &error));
    qInfo() << "built" << Messages << "messages in" << timer.elapsed() << "ms";

    timer.restart();
    qint64 after = 0;
    int rows = 0;
    int pages = 0;
    qint64 slowestPage = 0;
    QueuePage page;
    do {
        QElapsedTimer pageTimer;
        pageTimer.start();
        page = store->queueRows(after, 5000, &error);
        slowestPage = std::max(slowestPage, pageTimer.elapsed());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const QueueRowData& row : page.rows) {
            QVERIFY(row.messageId > after);
            after = row.messageId;
        }
        rows += int(page.rows.size());
        ++pages;
    } while (page.hasMore);
    qInfo() << "paged" << rows << "queue rows in" << pages << "pages of 5000:" << timer.elapsed()
            << "ms, slowest page" << slowestPage << "ms";
    QCOMPARE(rows, Messages - 2000);

    QVector<qint64> some;
    for (int i = 0; i < 5000; ++i)
        some.append(jobs[0].messageId + 10000 + i);
    timer.restart();
    const auto held = store->setHeld(some, true, baseTime().addSecs(5000), &error);
    QVERIFY2(held, qPrintable(error));
    QCOMPARE(held->changed, 5000);
    const auto released = store->setHeld(some, false, baseTime().addSecs(5000), &error);
    QCOMPARE(released->changed, 5000);
    qInfo() << "held and released 5000 messages in" << timer.elapsed() << "ms";

    timer.restart();
    DeliveryLogFilter filter;
    filter.reply = QStringLiteral("4.7.1");
    QCOMPARE(store->queryDeliveryLog(filter, &error).size(), 2000);
    const auto today = store->todayCounts(baseTime(), &error);
    QCOMPARE(today->delivered, 2000);
    QCOMPARE(store->hourlyCounts(baseTime().addSecs(4000), &error).size(), 24);
    qInfo() << "log query, today's and hourly counts in" << timer.elapsed() << "ms";
    timer.restart();
    const QueueCounts counts = store->counts();
    qInfo() << "counts() in" << timer.nsecsElapsed() / 1000 << "us";
    QCOMPARE(counts.queued, Messages - 4000);
    QCOMPARE(counts.deferred, 2000);
    QVERIFY(countsMatchTable(*store));
}

QTEST_GUILESS_MAIN(TestStoreAdmin)
#include "TestStoreAdmin.moc"
