#pragma once

#include "AdminTypes.h"
#include "queue/Clock.h"
#include "smtp/SessionSummary.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>

namespace RelayDesk::Store {
class StoreWorker;
}

namespace RelayDesk::Service {

/// The Devices page's bookkeeping on the core thread: every finished SMTP
/// session updates its client's row in Store::SqliteDevices (batched, one
/// transaction per second, so a busy relay does not pay an fsync per
/// session), and each address's reverse name is looked up once (on a pool
/// thread, cached).
class DeviceTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceTracker)

public:
    /// `store` must outlive the tracker's last request (RelayCore deletes
    /// the tracker after the store worker has drained).
    DeviceTracker(Store::StoreWorker* store, const Queue::Clock* clock, QObject* parent = nullptr);
    ~DeviceTracker() override;

    void sessionFinished(const Smtp::SessionSummary& summary);

    using DevicesDone = std::function<void(QVector<DeviceInfo> devices, QString error)>;
    /// Writes what is buffered, then reads every device; `done` runs on this thread.
    void requestDevices(DevicesDone done);
    using ExpectDone = std::function<void(QString error)>;
    void setExpectation(const QString& address, int hours, ExpectDone done);

    /// Writes the buffered sessions now (also done every FlushIntervalMs).
    void flush();

    /// The EHLO/HELO name a session transcript shows, or empty.
    static QString heloFromTranscript(const QStringList& transcript);

    static constexpr int FlushIntervalMs = 1000;

private:
    struct LookupInbox;

    void lookUp(const QString& address);
    void lookedUp(const QString& address, const QString& name);
    QDateTime dayStart() const;

    Store::StoreWorker* m_store;
    const Queue::Clock* m_clock;
    QVector<DeviceInfo> m_pending; ///< finished sessions not written yet
    QHash<QString, QString> m_reverseNames;
    QSet<QString> m_lookups; ///< addresses being looked up
    std::shared_ptr<LookupInbox> m_inbox;
    QTimer m_flushTimer;
};

} // namespace RelayDesk::Service
