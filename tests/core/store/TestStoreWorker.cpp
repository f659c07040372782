#include "GatedStore.h"
#include "StoreTestSupport.h"
#include "TmpfsMount.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace RelayDesk::Store;
using namespace RelayDesk::Tests;

namespace {
constexpr int Timeout = 30000; // ms; generous for a loaded CI machine
}

class TestStoreWorker final : public QObject
{
    Q_OBJECT

public:
    TestStoreWorker() = default;
    Q_DISABLE_COPY_MOVE(TestStoreWorker)

private slots:
    void init();
    void cleanup();

    void startOpensStoreAndRecoversInFlight();
    void startFailsWithUsefulError();
    void requestsBeforeStartFail();
    void commitsFromSeveralThreadsAreGroupCommitted();
    void concurrentCommitsAllSucceed();
    void completionRunsOnContextThread();
    void completionDroppedWhenContextDeleted();
    void messageWithoutRecipientsFailsAlone();
    void requestsRunInOrder();
    void retryNowAndPurgeFinalRunInOrder();
    void maintenanceFailuresAreReported();
    void destructorFinishesQueuedRequests();
    void diskFullReportsEveryMessageOfBatch();

private:
    QString dataDir() const { return m_tmp->filePath(QStringLiteral("data")); }
    /// A started worker over a real SqliteStore in `directory`, optionally
    /// behind a gate.
    static std::unique_ptr<StoreWorker>
    startWorker(const QString& directory, std::shared_ptr<GatedStore::Gate> gate = nullptr);
    /// Holds the worker thread inside a counts() call until gate->open().
    static bool holdWorker(StoreWorker& worker, GatedStore::Gate& gate, QObject* context);

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestStoreWorker::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestStoreWorker::cleanup()
{
    m_tmp.reset();
}

std::unique_ptr<StoreWorker> TestStoreWorker::startWorker(const QString& directory,
                                                          std::shared_ptr<GatedStore::Gate> gate)
{
    std::unique_ptr<MessageStore> store = std::make_unique<SqliteStore>(directory);
    if (gate)
        store = std::make_unique<GatedStore>(std::move(store), std::move(gate));
    auto worker = std::make_unique<StoreWorker>(std::move(store));
    QString error;
    if (!worker->start(&error)) {
        qWarning() << "start failed:" << error;
        return nullptr;
    }
    return worker;
}

bool TestStoreWorker::holdWorker(StoreWorker& worker, GatedStore::Gate& gate, QObject* context)
{
    gate.close();
    worker.counts(context, [](QueueCounts) {});
    return gate.waitUntilEntered();
}

void TestStoreWorker::startOpensStoreAndRecoversInFlight()
{
    {
        SqliteStore store(dataDir());
        QString error;
        QVERIFY(store.open(&error));
        QCOMPARE(
            store
                .commitMessages(
                    {makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())}, &error)
                .size(),
            1);
        QCOMPARE(store.claimDue(baseTime(), 10, &error).size(), 1);
    } // "crashed" with two envelopes in flight

    auto worker = startWorker(dataDir());
    QVERIFY(worker);
    QString error;
    QVERIFY(worker->start(&error)); // a second start is harmless

    QObject context;
    std::optional<QueueCounts> counts;
    worker->counts(&context, [&](QueueCounts c) { counts = c; });
    QTRY_VERIFY_WITH_TIMEOUT(counts.has_value(), Timeout);
    QCOMPARE(counts->inFlight, 0);
    QCOMPARE(counts->queued, 2);
}

void TestStoreWorker::startFailsWithUsefulError()
{
    const QString file = m_tmp->filePath(QStringLiteral("plain-file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();

    StoreWorker worker(std::make_unique<SqliteStore>(file + QStringLiteral("/data")));
    QString error;
    QVERIFY(!worker.start(&error));
    QVERIFY2(error.contains(QLatin1String("data directory")), qPrintable(error));

    QObject context;
    bool called = false;
    worker.commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                  [&](bool ok, qint64 id, const QString& commitError) {
                      called = true;
                      QVERIFY(!ok);
                      QCOMPARE(id, qint64(0));
                      QVERIFY(!commitError.isEmpty());
                  });
    QTRY_VERIFY_WITH_TIMEOUT(called, Timeout);
}

void TestStoreWorker::requestsBeforeStartFail()
{
    StoreWorker worker(std::make_unique<SqliteStore>(dataDir()));
    QObject context;
    int answered = 0;
    worker.commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                  [&](bool ok, qint64, const QString& error) {
                      ++answered;
                      QVERIFY(!ok);
                      QVERIFY(error.contains(QLatin1String("not started")));
                  });
    worker.claimDue(baseTime(), 10, &context, [&](QVector<DeliveryJob> jobs, const QString& error) {
        ++answered;
        QVERIFY(jobs.isEmpty());
        QVERIFY(!error.isEmpty());
    });
    worker.recordOutcomes({}, &context, [&](bool ok, const QString& error) {
        ++answered;
        QVERIFY(!ok);
        QVERIFY(!error.isEmpty());
    });
    worker.nextDue(&context, [&](std::optional<QDateTime> due) {
        ++answered;
        QVERIFY(!due);
    });
    worker.counts(&context, [&](QueueCounts counts) {
        ++answered;
        QCOMPARE(counts.queued, 0);
    });
    worker.deliveryLog(1, &context, [&](QVector<DeliveryLogEntry> rows) {
        ++answered;
        QVERIFY(rows.isEmpty());
    });
    worker.retryNow(baseTime(), &context, [&](int count, const QString& error) {
        ++answered;
        QCOMPARE(count, -1);
        QVERIFY(error.contains(QLatin1String("not started")));
    });
    worker.purgeFinal(baseTime(), &context, [&](int removed, const QString& error) {
        ++answered;
        QCOMPARE(removed, -1);
        QVERIFY(error.contains(QLatin1String("not started")));
    });
    worker.failureReportsDue(10, &context,
                             [&](QVector<DsnCandidate> candidates, const QString& error) {
                                 ++answered;
                                 QVERIFY(candidates.isEmpty());
                                 QVERIFY(error.contains(QLatin1String("not started")));
                             });
    worker.delayWarningsDue(baseTime(), 60, 10, &context,
                            [&](QVector<DsnCandidate> candidates, const QString& error) {
                                ++answered;
                                QVERIFY(candidates.isEmpty());
                                QVERIFY(error.contains(QLatin1String("not started")));
                            });
    worker.markFailureReported({1}, &context, [&](bool ok, const QString& error) {
        ++answered;
        QVERIFY(!ok);
        QVERIFY(error.contains(QLatin1String("not started")));
    });
    worker.markDelayWarned({1}, baseTime(), &context, [&](bool ok, const QString& error) {
        ++answered;
        QVERIFY(!ok);
        QVERIFY(error.contains(QLatin1String("not started")));
    });
    worker.pendingEnvelopes(&context,
                            [&](QVector<PendingEnvelope> envelopes, const QString& error) {
                                ++answered;
                                QVERIFY(envelopes.isEmpty());
                                QVERIFY(error.contains(QLatin1String("not started")));
                            });
    QTRY_COMPARE_WITH_TIMEOUT(answered, 13, Timeout);
    QVERIFY(!QFileInfo::exists(dataDir()));
}

void TestStoreWorker::commitsFromSeveralThreadsAreGroupCommitted()
{
    auto gate = std::make_shared<GatedStore::Gate>();
    auto worker = startWorker(dataDir(), gate);
    QVERIFY(worker);
    QObject context;
    QVERIFY(holdWorker(*worker, *gate, &context));

    // While the worker is busy, four threads submit 25 messages each.
    constexpr int threadCount = 4;
    constexpr int perThread = 25;
    int completed = 0;
    int failures = 0;
    int wrongThread = 0;
    QSet<qint64> ids;
    std::vector<std::thread> submitters;
    for (int t = 0; t < threadCount; ++t) {
        submitters.emplace_back([&, t] {
            for (int i = 0; i < perThread; ++i) {
                worker->commit(makeMessage(QStringLiteral("dev%1@lan").arg(t),
                                           {QStringLiteral("r%1@example.org").arg(i)}, baseTime()),
                               &context, [&](bool ok, qint64 id, const QString&) {
                                   // Runs on the context's thread: no locking needed.
                                   if (QThread::currentThread() != context.thread())
                                       ++wrongThread;
                                   if (!ok)
                                       ++failures;
                                   ids.insert(id);
                                   ++completed;
                               });
            }
        });
    }
    for (std::thread& submitter : submitters)
        submitter.join();
    QCOMPARE(completed, 0); // nothing is acknowledged before its commit
    gate->open();

    QTRY_COMPARE_WITH_TIMEOUT(completed, threadCount * perThread, Timeout);
    QCOMPARE(failures, 0);
    QCOMPARE(wrongThread, 0);
    QCOMPARE(ids.size(), threadCount * perThread);
    // Everything that piled up went into one transaction.
    QCOMPARE(worker->largestBatch(), threadCount * perThread);

    std::optional<QueueCounts> counts;
    worker->counts(&context, [&](QueueCounts c) { counts = c; });
    QTRY_VERIFY_WITH_TIMEOUT(counts.has_value(), Timeout);
    QCOMPARE(counts->queued, threadCount * perThread);
}

void TestStoreWorker::concurrentCommitsAllSucceed()
{
    // No gate: batching depends on timing here, so only correctness is checked.
    auto worker = startWorker(dataDir());
    QVERIFY(worker);
    QObject context;
    constexpr int threadCount = 4;
    constexpr int perThread = 50;
    int completed = 0;
    int failures = 0;
    QSet<qint64> ids;
    std::vector<std::thread> submitters;
    for (int t = 0; t < threadCount; ++t) {
        submitters.emplace_back([&] {
            for (int i = 0; i < perThread; ++i) {
                worker->commit(makeMessage("dev@lan", {"x@example.org"}, baseTime()), &context,
                               [&](bool ok, qint64 id, const QString&) {
                                   failures += ok ? 0 : 1;
                                   ids.insert(id);
                                   ++completed;
                               });
            }
        });
    }
    for (std::thread& submitter : submitters)
        submitter.join();
    QTRY_COMPARE_WITH_TIMEOUT(completed, threadCount * perThread, Timeout);
    QCOMPARE(failures, 0);
    QCOMPARE(ids.size(), threadCount * perThread);
    QVERIFY(worker->largestBatch() >= 1);
    qDebug() << "largest batch without a gate:" << worker->largestBatch();
}

void TestStoreWorker::completionRunsOnContextThread()
{
    auto worker = startWorker(dataDir());
    QVERIFY(worker);

    QThread thread;
    thread.start();
    auto* context = new QObject;
    context->moveToThread(&thread);

    std::atomic<QThread*> commitThread{nullptr};
    std::atomic<QThread*> countsThread{nullptr};
    std::atomic<bool> committed{false};
    worker->commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), context,
                   [&](bool ok, qint64, const QString&) {
                       commitThread = QThread::currentThread();
                       committed = ok;
                   });
    worker->counts(context, [&](QueueCounts) { countsThread = QThread::currentThread(); });
    QTRY_VERIFY_WITH_TIMEOUT(countsThread.load() != nullptr, Timeout);
    QVERIFY(committed.load());
    QCOMPARE(commitThread.load(), &thread);
    QCOMPARE(countsThread.load(), &thread);

    // And a context on this thread gets its answer here.
    QObject local;
    QThread* localThread = nullptr;
    worker->nextDue(&local,
                    [&](std::optional<QDateTime>) { localThread = QThread::currentThread(); });
    QTRY_VERIFY_WITH_TIMEOUT(localThread != nullptr, Timeout);
    QCOMPARE(localThread, QThread::currentThread());

    QObject::connect(&thread, &QThread::finished, context, &QObject::deleteLater);
    thread.quit();
    QVERIFY(thread.wait(Timeout));
}

void TestStoreWorker::completionDroppedWhenContextDeleted()
{
    auto gate = std::make_shared<GatedStore::Gate>();
    auto worker = startWorker(dataDir(), gate);
    QVERIFY(worker);
    QObject keeper;
    QVERIFY(holdWorker(*worker, *gate, &keeper));

    auto* doomed = new QObject;
    bool called = false;
    worker->commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), doomed,
                   [&](bool, qint64, const QString&) { called = true; });
    worker->claimDue(baseTime(), 10, doomed, [&](QVector<DeliveryJob>, QString) { called = true; });
    delete doomed; // e.g. the SMTP session went away while its commit waited
    gate->open();

    // Requests run in order, so once this answer is here, the two above have
    // been executed and their (dropped) answers would have been posted first.
    std::optional<QueueCounts> counts;
    worker->counts(&keeper, [&](QueueCounts c) { counts = c; });
    QTRY_VERIFY_WITH_TIMEOUT(counts.has_value(), Timeout);
    QCoreApplication::processEvents();
    QVERIFY(!called);
    // The work itself was done: the message is stored and was claimed.
    QCOMPARE(counts->inFlight, 1);
}

void TestStoreWorker::messageWithoutRecipientsFailsAlone()
{
    auto gate = std::make_shared<GatedStore::Gate>();
    auto worker = startWorker(dataDir(), gate);
    QVERIFY(worker);
    QObject context;
    QVERIFY(holdWorker(*worker, *gate, &context));

    QVector<int> results(3, -1); // -1 pending, 0 failed, 1 ok
    QString badError;
    const QVector<NewMessage> messages{makeMessage("a@lan", {"x@example.org"}, baseTime()),
                                       makeMessage("b@lan", {}, baseTime()),
                                       makeMessage("c@lan", {"y@example.org"}, baseTime())};
    for (int i = 0; i < messages.size(); ++i) {
        worker->commit(messages[i], &context, [&, i](bool ok, qint64, const QString& error) {
            results[i] = ok ? 1 : 0;
            if (!ok)
                badError = error;
        });
    }
    gate->open();
    QTRY_VERIFY_WITH_TIMEOUT(!results.contains(-1), Timeout);
    QCOMPARE(results, QVector<int>({1, 0, 1}));
    QVERIFY2(badError.contains(QLatin1String("no recipients")), qPrintable(badError));
    QCOMPARE(worker->largestBatch(), 2);
}

void TestStoreWorker::requestsRunInOrder()
{
    auto worker = startWorker(dataDir());
    QVERIFY(worker);
    QObject context;
    QStringList order;

    // Queued back to back, without waiting: each request sees the ones before.
    qint64 messageId = 0;
    QVector<DeliveryJob> jobs;
    std::optional<QueueCounts> counts;
    bool nextDueAnswered = false;
    std::optional<QDateTime> due;
    worker->commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                   [&](bool ok, qint64 id, const QString&) {
                       order << QStringLiteral("commit");
                       QVERIFY(ok);
                       messageId = id;
                   });
    worker->claimDue(baseTime(), 10, &context, [&](QVector<DeliveryJob> claimed, const QString&) {
        order << QStringLiteral("claim");
        jobs = claimed;
    });
    worker->counts(&context, [&](QueueCounts c) {
        order << QStringLiteral("counts");
        counts = c;
    });
    QVector<PendingEnvelope> pending;
    worker->pendingEnvelopes(&context,
                             [&](QVector<PendingEnvelope> envelopes, const QString& error) {
                                 order << QStringLiteral("pending");
                                 QVERIFY2(error.isEmpty(), qPrintable(error));
                                 pending = envelopes;
                             });
    worker->nextDue(&context, [&](std::optional<QDateTime> d) {
        order << QStringLiteral("nextDue");
        due = d;
        nextDueAnswered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(nextDueAnswered, Timeout);
    QCOMPARE(order, QStringList({"commit", "claim", "counts", "pending", "nextDue"}));
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].messageId, messageId);
    QCOMPARE(counts->inFlight, 1);
    QCOMPARE(pending.size(), 1); // in flight is not final
    QCOMPARE(pending[0].messageId, messageId);
    QCOMPARE(pending[0].recipient, QStringLiteral("x@example.org"));
    QVERIFY(!due.has_value());

    AttemptOutcome outcome;
    outcome.messageId = messageId;
    outcome.recipientId = jobs[0].recipients[0].recipientId;
    outcome.newState = RecipientState::Deferred;
    outcome.attemptedAt = baseTime().addSecs(1);
    outcome.nextAttempt = baseTime().addSecs(301);
    outcome.upstreamHost = QStringLiteral("127.0.0.1:2525");
    outcome.replyCode = 421;
    outcome.enhancedStatus = QStringLiteral("4.3.2");
    outcome.replyText = QStringLiteral("421 4.3.2 Service shutting down");

    order.clear();
    bool recorded = false;
    QVector<DeliveryLogEntry> log;
    nextDueAnswered = false;
    worker->recordOutcomes({outcome}, &context, [&](bool ok, const QString& error) {
        order << QStringLiteral("record");
        recorded = ok;
        QVERIFY2(ok, qPrintable(error));
    });
    worker->deliveryLog(messageId, &context, [&](QVector<DeliveryLogEntry> rows) {
        order << QStringLiteral("log");
        log = rows;
    });
    worker->nextDue(&context, [&](std::optional<QDateTime> d) {
        order << QStringLiteral("nextDue");
        due = d;
        nextDueAnswered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(nextDueAnswered, Timeout);
    QCOMPARE(order, QStringList({"record", "log", "nextDue"}));
    QVERIFY(recorded);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].replyCode, 421);
    QCOMPARE(log[0].recipient, QStringLiteral("x@example.org"));
    QCOMPARE(due, std::optional<QDateTime>(baseTime().addSecs(301)));
}

void TestStoreWorker::retryNowAndPurgeFinalRunInOrder()
{
    auto worker = startWorker(dataDir());
    QVERIFY(worker);
    QObject context;

    // One message delivered, one deferred for an hour.
    QVector<qint64> ids;
    for (const char* sender : {"done@lan", "later@lan"}) {
        worker->commit(makeMessage(QLatin1String(sender), {"x@example.org"}, baseTime()), &context,
                       [&](bool ok, qint64 id, const QString&) {
                           QVERIFY(ok);
                           ids.append(id);
                       });
    }
    QVector<DeliveryJob> jobs;
    bool claimed = false;
    worker->claimDue(baseTime(), 10, &context, [&](QVector<DeliveryJob> claimedJobs, QString) {
        jobs = claimedJobs;
        claimed = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(claimed, Timeout);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(ids.size(), 2);
    const auto attempt = [](const DeliveryJob& job, RecipientState state) {
        AttemptOutcome o;
        o.messageId = job.messageId;
        o.recipientId = job.recipients.value(0).recipientId;
        o.newState = state;
        o.attemptedAt = baseTime().addSecs(1);
        o.nextAttempt = baseTime().addSecs(3600);
        o.replyCode = state == RecipientState::Delivered ? 250 : 451;
        return o;
    };

    // Queued back to back: each request sees the ones before it.
    QStringList order;
    int retried = -2;
    int removed = -2;
    QVector<DeliveryJob> retriedJobs;
    QVector<DeliveryLogEntry> log{DeliveryLogEntry{}};
    std::optional<QueueCounts> counts;
    worker->recordOutcomes(
        {attempt(jobs[0], RecipientState::Delivered), attempt(jobs[1], RecipientState::Deferred)},
        &context, [&](bool ok, const QString& error) {
            order << QStringLiteral("record");
            QVERIFY2(ok, qPrintable(error));
        });
    worker->retryNow(baseTime().addSecs(60), &context, [&](int count, const QString& error) {
        order << QStringLiteral("retry");
        QVERIFY2(error.isEmpty(), qPrintable(error));
        retried = count;
    });
    worker->claimDue(baseTime().addSecs(60), 10, &context,
                     [&](QVector<DeliveryJob> claimedJobs, QString) {
                         order << QStringLiteral("claim");
                         retriedJobs = claimedJobs;
                     });
    worker->purgeFinal(baseTime().addDays(1), &context, [&](int count, const QString& error) {
        order << QStringLiteral("purge");
        QVERIFY2(error.isEmpty(), qPrintable(error));
        removed = count;
    });
    worker->deliveryLog(jobs[0].messageId, &context, [&](QVector<DeliveryLogEntry> rows) {
        order << QStringLiteral("log");
        log = rows;
    });
    worker->counts(&context, [&](QueueCounts c) {
        order << QStringLiteral("counts");
        counts = c;
    });
    QTRY_VERIFY_WITH_TIMEOUT(counts.has_value(), Timeout);
    QCOMPARE(order, QStringList({"record", "retry", "claim", "purge", "log", "counts"}));
    QCOMPARE(retried, 1);
    QCOMPARE(retriedJobs.size(), 1);
    QCOMPARE(retriedJobs[0].messageId, jobs[1].messageId);
    QCOMPARE(removed, 1);
    QVERIFY(log.isEmpty());
    QCOMPARE(counts->delivered, 0);
    QCOMPARE(counts->inFlight, 1);
    QCOMPARE(counts->deferred, 0);
}

void TestStoreWorker::maintenanceFailuresAreReported()
{
    auto worker = startWorker(dataDir());
    QVERIFY(worker);
    QObject context;
    bool committed = false;
    worker->commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                   [&](bool ok, qint64, const QString&) { committed = ok; });
    QTRY_VERIFY_WITH_TIMEOUT(committed, Timeout);
    bool deferred = false;
    worker->claimDue(baseTime(), 10, &context, [&](QVector<DeliveryJob> jobs, QString) {
        AttemptOutcome o;
        o.messageId = jobs.value(0).messageId;
        o.recipientId = jobs.value(0).recipients.value(0).recipientId;
        o.newState = RecipientState::Deferred;
        o.attemptedAt = baseTime();
        o.nextAttempt = baseTime().addSecs(3600);
        worker->recordOutcomes({o}, &context, [&](bool ok, QString) { deferred = ok; });
    });
    QTRY_VERIFY_WITH_TIMEOUT(deferred, Timeout);
    // A real SQL failure: any change to an envelope is refused.
    QVERIFY(execute(QDir(dataDir()).filePath(QStringLiteral("queue.db")),
                    QStringLiteral("CREATE TRIGGER poison BEFORE UPDATE ON recipients BEGIN "
                                   "SELECT RAISE(ABORT, 'poisoned update'); END")));

    int retried = 0;
    QString retryError;
    int removed = 0;
    QString purgeError;
    worker->retryNow(baseTime(), &context, [&](int count, const QString& error) {
        retried = count;
        retryError = error;
    });
    worker->purgeFinal(QDateTime(), &context, [&](int count, const QString& error) {
        removed = count;
        purgeError = error;
    });
    QTRY_COMPARE_WITH_TIMEOUT(removed, -1, Timeout);
    QCOMPARE(retried, -1);
    QVERIFY2(retryError.contains(QLatin1String("poisoned update")), qPrintable(retryError));
    QVERIFY2(purgeError.contains(QLatin1String("cut-off")), qPrintable(purgeError));
}

void TestStoreWorker::destructorFinishesQueuedRequests()
{
    auto gate = std::make_shared<GatedStore::Gate>();
    auto worker = startWorker(dataDir(), gate);
    QVERIFY(worker);
    QObject context;
    QVERIFY(holdWorker(*worker, *gate, &context));

    constexpr int count = 50;
    int completed = 0;
    for (int i = 0; i < count; ++i) {
        worker->commit(makeMessage("a@lan", {"x@example.org"}, baseTime()), &context,
                       [&](bool ok, qint64, const QString&) { completed += ok ? 1 : 0; });
    }
    gate->open();
    worker.reset(); // drains the queue, then joins
    QTRY_COMPARE_WITH_TIMEOUT(completed, count, Timeout);

    SqliteStore store(dataDir());
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.counts().queued, count);
}

void TestStoreWorker::diskFullReportsEveryMessageOfBatch()
{
    TmpfsMount mount(QStringLiteral("1m"));
    if (!mount.isMounted())
        QSKIP(
            qPrintable(QStringLiteral("cannot mount a tmpfs here (needs root): ") + mount.error()));
    const QString dir = QDir(mount.path()).filePath(QStringLiteral("data"));
    auto gate = std::make_shared<GatedStore::Gate>();
    auto worker = startWorker(dir, gate);
    QVERIFY(worker);
    QObject context;

    bool firstOk = false;
    worker->commit(makeMessage("first@lan", {"x@example.org"}, baseTime()), &context,
                   [&](bool ok, qint64, const QString&) { firstOk = ok; });
    QTRY_VERIFY_WITH_TIMEOUT(firstOk, Timeout);

    QVERIFY(mount.fill() > 0);
    QVERIFY(holdWorker(*worker, *gate, &context));
    QVector<int> results(3, -1);
    QStringList errors;
    for (int i = 0; i < 3; ++i) {
        worker->commit(makeMessage(QStringLiteral("m%1@lan").arg(i), {"x@example.org"}, baseTime(),
                                   i == 1 ? 300 * 1024 : 1024),
                       &context, [&, i](bool ok, qint64 id, const QString& error) {
                           results[i] = ok ? 1 : 0;
                           QCOMPARE(id, qint64(0));
                           errors << error;
                       });
    }
    gate->open();
    QTRY_VERIFY_WITH_TIMEOUT(!results.contains(-1), Timeout);
    // One failed transaction: every message of it hears so (a 4xx for the client).
    QCOMPARE(results, QVector<int>({0, 0, 0}));
    for (const QString& error : std::as_const(errors))
        QVERIFY(!error.isEmpty());
    qDebug() << "batch on a full disk failed with:" << errors.value(0);
    QCOMPARE(worker->largestBatch(), 1);

    QVERIFY(mount.release());
    bool retried = false;
    worker->commit(makeMessage("big@lan", {"x@example.org"}, baseTime(), 300 * 1024), &context,
                   [&](bool ok, qint64, const QString& error) {
                       QVERIFY2(ok, qPrintable(error));
                       retried = true;
                   });
    QTRY_VERIFY_WITH_TIMEOUT(retried, Timeout);
    std::optional<QueueCounts> counts;
    worker->counts(&context, [&](QueueCounts c) { counts = c; });
    QTRY_VERIFY_WITH_TIMEOUT(counts.has_value(), Timeout);
    QCOMPARE(counts->queued, 2);
    worker.reset(); // closes the database before the mount goes away
}

QTEST_GUILESS_MAIN(TestStoreWorker)
#include "TestStoreWorker.moc"
