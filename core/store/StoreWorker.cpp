#include "StoreWorker.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <atomic>
#include <future>
#include <utility>
#include <variant>
#include <vector>

namespace RelayDesk::Store {

namespace {
Q_LOGGING_CATEGORY(lcWorker, "relaydesk.store.worker")
} // namespace

struct StoreWorker::Private
{
    /// Hands one result back to the thread of the caller's context object.
    /// The context can be destroyed on its own thread at any moment, also
    /// while the worker is posting to it; a QPointer alone cannot close that
    /// race. So destroyed() clears `context` under `mutex`, and the worker
    /// posts under the same mutex: the context is alive while we touch it,
    /// and ~QObject then discards the event we posted. No QPointer is made
    /// here: ~QObject frees the object's weak-reference block before it emits
    /// destroyed(), so taking one on this thread could revive freed memory
    /// (a double free under ASan); the discarded event makes it unnecessary.
    class Completion
    {
    public:
        explicit Completion(QObject* context) : m_shared(std::make_shared<Shared>())
        {
            m_shared->context = context;
            if (context) {
                m_connection = QObject::connect(context, &QObject::destroyed, [shared = m_shared] {
                    const std::lock_guard lock(shared->mutex);
                    shared->context = nullptr;
                });
            }
        }
        ~Completion() { QObject::disconnect(m_connection); }
        Completion(const Completion&) = delete;
        Completion& operator=(const Completion&) = delete;

        template <typename F> void post(F call)
        {
            const std::lock_guard lock(m_shared->mutex);
            if (!m_shared->context)
                return;
            QMetaObject::invokeMethod(m_shared->context, std::move(call), Qt::QueuedConnection);
        }

    private:
        struct Shared
        {
            std::mutex mutex;
            QObject* context = nullptr;
        };
        std::shared_ptr<Shared> m_shared;
        QMetaObject::Connection m_connection;
    };

    struct CommitRequest
    {
        NewMessage message;
        std::shared_ptr<Completion> completion;
        CommitDone done;
    };
    using Task = std::function<void()>; ///< anything else; runs on the worker thread
    using Request = std::variant<CommitRequest, Task>;

    void enqueue(Request request)
    {
        {
            const std::lock_guard lock(mutex);
            queue.push_back(std::move(request));
        }
        wake.notify_one();
    }

    /// Runs `work(store, &error)` on the worker thread and hands the result
    /// and the error (empty on success) to `done` on the context's thread.
    template <typename Result, typename Work>
    void ask(QObject* context, const char* what, Work work,
             std::function<void(Result, QString)> done)
    {
        auto completion = std::make_shared<Completion>(context);
        enqueue(Task([this, what, completion, work = std::move(work), done = std::move(done)] {
            QString error = QStringLiteral("the store is not started");
            Result result{};
            if (opened) {
                error.clear();
                result = work(*store, &error);
            }
            if (!error.isEmpty())
                qCWarning(lcWorker).noquote() << what << "failed:" << error;
            if (done)
                completion->post(
                    [done, result = std::move(result), error] { done(result, error); });
        }));
    }

    void run();
    void process(std::deque<Request>& batch);
    void commitBatch(std::vector<CommitRequest>& commits);

    std::unique_ptr<MessageStore> store;
    bool opened = false; ///< worker thread only

    std::mutex mutex; ///< guards queue and stopping
    std::condition_variable wake;
    std::deque<Request> queue;
    bool stopping = false;

    std::atomic<int> largestBatch{0};
    std::thread thread; ///< last: starts after everything above exists
};

void StoreWorker::Private::run()
{
    for (;;) {
        std::deque<Request> batch;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return stopping || !queue.empty(); });
            if (queue.empty())
                break; // stopping, and everything queued has been handled
            // Take everything: commits that piled up while the previous fsync
            // ran become one transaction.
            batch.swap(queue);
        }
        process(batch);
    }
    // The SQL connection belongs to this thread; close it here.
    store.reset();
}

void StoreWorker::Private::process(std::deque<Request>& batch)
{
    std::vector<CommitRequest> commits;
    for (Request& request : batch) {
        if (auto* commit = std::get_if<CommitRequest>(&request))
            commits.push_back(std::move(*commit));
    }
    // The batch is committed where its first commit request stood, so every
    // request queued after any of those commits sees them.
    bool committed = false;
    for (Request& request : batch) {
        if (std::holds_alternative<CommitRequest>(request)) {
            if (!committed) {
                commitBatch(commits);
                committed = true;
            }
            continue;
        }
        std::get<Task>(request)();
    }
}

void StoreWorker::Private::commitBatch(std::vector<CommitRequest>& commits)
{
    const auto report = [](CommitRequest& request, bool ok, qint64 id, const QString& error) {
        if (request.done)
            request.completion->post([done = request.done, ok, id, error] { done(ok, id, error); });
    };

    // A malformed message must not take the well-formed ones down with it.
    QVector<NewMessage> messages;
    std::vector<CommitRequest*> included;
    for (CommitRequest& request : commits) {
        if (request.message.recipients.isEmpty()) {
            report(request, false, 0, QStringLiteral("message has no recipients"));
            continue;
        }
        messages.append(std::move(request.message));
        included.push_back(&request);
    }
    if (messages.isEmpty())
        return;

    QString error;
    const QVector<qint64> ids =
        opened ? store->commitMessages(messages, &error) : QVector<qint64>{};
    if (!opened)
        error = QStringLiteral("the store is not started");
    if (ids.size() != messages.size()) {
        // Nothing of this batch was committed: every sender hears so.
        if (error.isEmpty())
            error = QStringLiteral("commit returned %1 ids for %2 messages")
                        .arg(ids.size())
                        .arg(messages.size());
        qCWarning(lcWorker) << "commit of" << messages.size() << "messages failed:" << error;
        for (CommitRequest* request : included)
            report(*request, false, 0, error);
        return;
    }

    int largest = largestBatch.load();
    const int size = int(messages.size());
    while (size > largest && !largestBatch.compare_exchange_weak(largest, size)) {
    }
    for (size_t i = 0; i < included.size(); ++i)
        report(*included[i], true, ids[qsizetype(i)], QString());
}

StoreWorker::StoreWorker(std::unique_ptr<MessageStore> store) : d(std::make_unique<Private>())
{
    d->store = std::move(store);
    d->thread = std::thread([p = d.get()] { p->run(); });
}

StoreWorker::~StoreWorker()
{
    {
        const std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->wake.notify_one();
    d->thread.join();
}

bool StoreWorker::start(QString* error)
{
    std::promise<std::pair<bool, QString>> result;
    auto future = result.get_future();
    Private* p = d.get();
    d->enqueue(Private::Task([p, &result] {
        if (p->opened) {
            result.set_value({true, QString()});
            return;
        }
        if (!p->store) {
            result.set_value({false, QStringLiteral("no store")});
            return;
        }
        QString openError;
        if (!p->store->open(&openError)) {
            result.set_value({false, openError});
            return;
        }
        const int recovered = p->store->recoverInFlight(&openError);
        if (recovered < 0) {
            result.set_value({false, openError});
            return;
        }
        if (recovered > 0)
            qCInfo(lcWorker) << recovered << "interrupted deliveries are queued again";
        p->opened = true;
        result.set_value({true, QString()});
    }));
    const auto [ok, message] = future.get();
    if (!ok && error)
        *error = message;
    return ok;
}

void StoreWorker::commit(NewMessage message, QObject* context, CommitDone done)
{
    d->enqueue(Private::CommitRequest{
        std::move(message), std::make_shared<Private::Completion>(context), std::move(done)});
}

void StoreWorker::claimDue(QDateTime now, int maxRecipients, QObject* context, ClaimDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, now, maxRecipients, completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        QVector<DeliveryJob> jobs;
        if (p->opened)
            jobs = p->store->claimDue(now, maxRecipients, &error);
        if (done)
            completion->post([done, jobs, error] { done(jobs, error); });
    }));
}

void StoreWorker::recordOutcomes(QVector<AttemptOutcome> outcomes, QObject* context,
                                 RecordDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, outcomes = std::move(outcomes), completion,
                              done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        const bool ok = p->opened && p->store->recordOutcomes(outcomes, &error);
        if (!ok)
            qCWarning(lcWorker) << "recording" << outcomes.size() << "outcomes failed:" << error;
        else
            error.clear();
        if (done)
            completion->post([done, ok, error] { done(ok, error); });
    }));
}

void StoreWorker::retryNow(QDateTime now, QObject* context, RetryDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, now, completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        const int count = p->opened ? p->store->retryNow(now, &error) : -1;
        if (count < 0)
            qCWarning(lcWorker) << "retrying deferred recipients failed:" << error;
        else
            error.clear();
        if (done)
            completion->post([done, count, error] { done(count, error); });
    }));
}

void StoreWorker::purgeFinal(QDateTime olderThan, QObject* context, PurgeDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, olderThan, completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        const int removed = p->opened ? p->store->purgeFinal(olderThan, &error) : -1;
        if (removed < 0)
            qCWarning(lcWorker) << "purging final messages failed:" << error;
        else
            error.clear();
        if (done)
            completion->post([done, removed, error] { done(removed, error); });
    }));
}

void StoreWorker::nextDue(QObject* context, NextDueDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, completion, done = std::move(done)] {
        const std::optional<QDateTime> due = p->opened ? p->store->nextDue() : std::nullopt;
        if (done)
            completion->post([done, due] { done(due); });
    }));
}

void StoreWorker::counts(QObject* context, CountsDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, completion, done = std::move(done)] {
        const QueueCounts counts = p->opened ? p->store->counts() : QueueCounts{};
        if (done)
            completion->post([done, counts] { done(counts); });
    }));
}

void StoreWorker::pendingEnvelopes(QObject* context, PendingDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        QVector<PendingEnvelope> envelopes;
        if (p->opened)
            envelopes = p->store->pendingEnvelopes(&error);
        if (!error.isEmpty())
            qCWarning(lcWorker) << "reading pending envelopes failed:" << error;
        if (done)
            completion->post([done, envelopes, error] { done(envelopes, error); });
    }));
}

void StoreWorker::deliveryLog(qint64 messageId, QObject* context, LogDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, messageId, completion, done = std::move(done)] {
        const QVector<DeliveryLogEntry> rows =
            p->opened ? p->store->deliveryLog(messageId) : QVector<DeliveryLogEntry>{};
        if (done)
            completion->post([done, rows] { done(rows); });
    }));
}

void StoreWorker::failureReportsDue(int maxMessages, QObject* context, CandidatesDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, maxMessages, completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        QVector<DsnCandidate> candidates;
        if (p->opened)
            candidates = p->store->failureReportsDue(maxMessages, &error);
        if (!error.isEmpty())
            qCWarning(lcWorker) << "reading due failure reports failed:" << error;
        if (done)
            completion->post([done, candidates, error] { done(candidates, error); });
    }));
}

void StoreWorker::delayWarningsDue(QDateTime now, qint64 thresholdSeconds, int maxMessages,
                                   QObject* context, CandidatesDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(
        Private::Task([p, now, thresholdSeconds, maxMessages, completion, done = std::move(done)] {
            QString error = QStringLiteral("the store is not started");
            QVector<DsnCandidate> candidates;
            if (p->opened)
                candidates = p->store->delayWarningsDue(now, thresholdSeconds, maxMessages, &error);
            if (!error.isEmpty())
                qCWarning(lcWorker) << "reading due delay warnings failed:" << error;
            if (done)
                completion->post([done, candidates, error] { done(candidates, error); });
        }));
}

void StoreWorker::markFailureReported(QVector<qint64> messageIds, QObject* context, MarkDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(Private::Task([p, ids = std::move(messageIds), completion, done = std::move(done)] {
        QString error = QStringLiteral("the store is not started");
        const bool ok = p->opened && p->store->markFailureReported(ids, &error);
        if (!ok)
            qCWarning(lcWorker) << "marking failure reports failed:" << error;
        else
            error.clear();
        if (done)
            completion->post([done, ok, error] { done(ok, error); });
    }));
}

void StoreWorker::markDelayWarned(QVector<qint64> messageIds, QDateTime at, QObject* context,
                                  MarkDone done)
{
    auto completion = std::make_shared<Private::Completion>(context);
    Private* p = d.get();
    d->enqueue(
        Private::Task([p, ids = std::move(messageIds), at, completion, done = std::move(done)] {
            QString error = QStringLiteral("the store is not started");
            const bool ok = p->opened && p->store->markDelayWarned(ids, at, &error);
            if (!ok)
                qCWarning(lcWorker) << "marking delay warnings failed:" << error;
            else
                error.clear();
            if (done)
                completion->post([done, ok, error] { done(ok, error); });
        }));
}

void StoreWorker::queueRows(qint64 afterMessageId, int limit, QObject* context, QueuePageDone done)
{
    d->ask<QueuePage>(
        context, "reading the queue",
        [afterMessageId, limit](MessageStore& store, QString* error) {
            return store.queueRows(afterMessageId, limit, error);
        },
        std::move(done));
}

void StoreWorker::setHeld(QVector<qint64> messageIds, bool held, QDateTime now, QObject* context,
                          ActionDone done)
{
    d->ask<QueueActionCounts>(
        context, held ? "holding messages" : "releasing messages",
        [ids = std::move(messageIds), held, now](MessageStore& store, QString* error) {
            return store.setHeld(ids, held, now, error).value_or(QueueActionCounts{});
        },
        std::move(done));
}

void StoreWorker::retryMessages(QVector<qint64> messageIds, QDateTime now, QObject* context,
                                ActionDone done)
{
    d->ask<QueueActionCounts>(
        context, "retrying messages",
        [ids = std::move(messageIds), now](MessageStore& store, QString* error) {
            return store.retryMessages(ids, now, error).value_or(QueueActionCounts{});
        },
        std::move(done));
}

void StoreWorker::deleteMessages(QVector<qint64> messageIds, QObject* context, ActionDone done)
{
    d->ask<QueueActionCounts>(
        context, "deleting messages",
        [ids = std::move(messageIds)](MessageStore& store, QString* error) {
            return store.deleteMessages(ids, error).value_or(QueueActionCounts{});
        },
        std::move(done));
}

void StoreWorker::messageDetail(qint64 messageId, QObject* context, DetailDone done)
{
    d->ask<MessageRecord>(
        context, "reading a message",
        [messageId](MessageStore& store, QString* error) {
            return store.messageDetail(messageId, error);
        },
        std::move(done));
}

void StoreWorker::messageContent(qint64 messageId, QObject* context, ContentDone done)
{
    d->ask<QByteArray>(
        context, "reading message content",
        [messageId](MessageStore& store, QString* error) {
            return store.messageContent(messageId, error);
        },
        std::move(done));
}

void StoreWorker::queryDeliveryLog(DeliveryLogFilter filter, QObject* context, LogQueryDone done)
{
    d->ask<QVector<DeliveryLogRecord>>(
        context, "querying the delivery log",
        [filter = std::move(filter)](MessageStore& store, QString* error) {
            return store.queryDeliveryLog(filter, error);
        },
        std::move(done));
}

void StoreWorker::failedRecipients(QDateTime since, int limit, QObject* context, FailedDone done)
{
    d->ask<QVector<FailedEnvelope>>(
        context, "reading failed recipients",
        [since, limit](MessageStore& store, QString* error) {
            return store.failedRecipients(since, limit, error);
        },
        std::move(done));
}

void StoreWorker::hourlyCounts(QDateTime now, QObject* context, HourlyDone done)
{
    d->ask<QVector<HourlyAttempts>>(
        context, "counting attempts per hour",
        [now](MessageStore& store, QString* error) { return store.hourlyCounts(now, error); },
        std::move(done));
}

void StoreWorker::todayCounts(QDateTime since, QObject* context, DayCountsDone done)
{
    d->ask<DayCounts>(
        context, "counting today's attempts",
        [since](MessageStore& store, QString* error) {
            return store.todayCounts(since, error).value_or(DayCounts{});
        },
        std::move(done));
}

void StoreWorker::runOnStore(std::function<void(MessageStore& store)> task)
{
    Private* p = d.get();
    d->enqueue(Private::Task([p, task = std::move(task)] {
        if (p->opened && task)
            task(*p->store);
    }));
}

int StoreWorker::largestBatch() const
{
    return d->largestBatch.load();
}

} // namespace RelayDesk::Store
