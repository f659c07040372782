#pragma once

#include "store/MessageStore.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace RelayDesk::Tests {

/// A real MessageStore with a gate in front of counts(): while the gate is
/// closed, the worker thread that runs counts() waits there. Tests use it to
/// let requests pile up behind a busy worker deterministically (group
/// commit, dropped completions) instead of hoping for a timing window.
class GatedStore final : public Store::MessageStore
{
public:
    struct Gate
    {
        std::mutex mutex;
        std::condition_variable changed;
        bool closed = false;
        bool entered = false;

        void close()
        {
            const std::lock_guard lock(mutex);
            closed = true;
            entered = false;
        }
        void open()
        {
            {
                const std::lock_guard lock(mutex);
                closed = false;
            }
            changed.notify_all();
        }
        /// True once the worker is held at the gate.
        bool waitUntilEntered(std::chrono::seconds timeout = std::chrono::seconds(30))
        {
            std::unique_lock lock(mutex);
            return changed.wait_for(lock, timeout, [this] { return entered; });
        }
        void pass()
        {
            std::unique_lock lock(mutex);
            entered = true;
            changed.notify_all();
            changed.wait(lock, [this] { return !closed; });
        }
    };

    GatedStore(std::unique_ptr<Store::MessageStore> inner, std::shared_ptr<Gate> gate)
        : m_inner(std::move(inner)), m_gate(std::move(gate))
    {}

    bool open(QString* error) override { return m_inner->open(error); }
    QVector<qint64> commitMessages(const QVector<Store::NewMessage>& messages,
                                   QString* error) override
    {
        return m_inner->commitMessages(messages, error);
    }
    int recoverInFlight(QString* error) override { return m_inner->recoverInFlight(error); }
    QVector<Store::DeliveryJob> claimDue(const QDateTime& now, int maxMessages,
                                         QString* error) override
    {
        return m_inner->claimDue(now, maxMessages, error);
    }
    bool recordOutcomes(const QVector<Store::AttemptOutcome>& outcomes, QString* error) override
    {
        return m_inner->recordOutcomes(outcomes, error);
    }
    int retryNow(const QDateTime& now, QString* error) override
    {
        return m_inner->retryNow(now, error);
    }
    int purgeFinal(const QDateTime& olderThan, QString* error) override
    {
        return m_inner->purgeFinal(olderThan, error);
    }
    std::optional<QDateTime> nextDue() override { return m_inner->nextDue(); }
    Store::QueueCounts counts() override
    {
        m_gate->pass();
        return m_inner->counts();
    }
    QVector<Store::PendingEnvelope> pendingEnvelopes(QString* error) override
    {
        return m_inner->pendingEnvelopes(error);
    }
    QVector<Store::DeliveryLogEntry> deliveryLog(qint64 messageId) override
    {
        return m_inner->deliveryLog(messageId);
    }

    QVector<Store::DsnCandidate> failureReportsDue(int maxMessages, QString* error) override
    {
        return m_inner->failureReportsDue(maxMessages, error);
    }
    bool markFailureReported(const QVector<qint64>& messageIds, QString* error) override
    {
        return m_inner->markFailureReported(messageIds, error);
    }
    QVector<Store::DsnCandidate> delayWarningsDue(const QDateTime& now, qint64 thresholdSeconds,
                                                  int maxMessages, QString* error) override
    {
        return m_inner->delayWarningsDue(now, thresholdSeconds, maxMessages, error);
    }
    bool markDelayWarned(const QVector<qint64>& messageIds, const QDateTime& at,
                         QString* error) override
    {
        return m_inner->markDelayWarned(messageIds, at, error);
    }
    Store::QueuePage queueRows(qint64 afterMessageId, int limit, QString* error) override
    {
        return m_inner->queueRows(afterMessageId, limit, error);
    }
    std::optional<Store::QueueActionCounts> setHeld(const QVector<qint64>& messageIds, bool held,
                                                    const QDateTime& now, QString* error) override
    {
        return m_inner->setHeld(messageIds, held, now, error);
    }
    std::optional<Store::QueueActionCounts>
    retryMessages(const QVector<qint64>& messageIds, const QDateTime& now, QString* error) override
    {
        return m_inner->retryMessages(messageIds, now, error);
    }
    std::optional<Store::QueueActionCounts> deleteMessages(const QVector<qint64>& messageIds,
                                                           QString* error) override
    {
        return m_inner->deleteMessages(messageIds, error);
    }
    Store::MessageRecord messageDetail(qint64 messageId, QString* error) override
    {
        return m_inner->messageDetail(messageId, error);
    }
    QByteArray messageContent(qint64 messageId, QString* error) override
    {
        return m_inner->messageContent(messageId, error);
    }
    QVector<Store::DeliveryLogRecord> queryDeliveryLog(const Store::DeliveryLogFilter& filter,
                                                       QString* error) override
    {
        return m_inner->queryDeliveryLog(filter, error);
    }
    QVector<Store::FailedEnvelope> failedRecipients(const QDateTime& since, int limit,
                                                    QString* error) override
    {
        return m_inner->failedRecipients(since, limit, error);
    }
    QVector<Store::HourlyAttempts> hourlyCounts(const QDateTime& now, QString* error) override
    {
        return m_inner->hourlyCounts(now, error);
    }
    std::optional<Store::DayCounts> todayCounts(const QDateTime& since, QString* error) override
    {
        return m_inner->todayCounts(since, error);
    }

private:
    std::unique_ptr<Store::MessageStore> m_inner;
    std::shared_ptr<Gate> m_gate;
};

} // namespace RelayDesk::Tests
