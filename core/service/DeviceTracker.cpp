#include "DeviceTracker.h"

#include "store/SqliteDevices.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QThreadPool>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace RelayDesk::Service {

Q_LOGGING_CATEGORY(lcDevices, "relaydesk.devices")

namespace {

/// How long destroying the tracker waits for reverse lookups in flight.
constexpr std::chrono::milliseconds LookupShutdownWait{2000};

/// The store's connection, on the worker thread; invalid for other stores.
QSqlDatabase databaseOf(Store::MessageStore& store)
{
    auto* sqlite = dynamic_cast<Store::SqliteStore*>(&store);
    return sqlite ? QSqlDatabase::database(sqlite->connectionName(), false) : QSqlDatabase();
}

/// Runs `done` on `context`'s thread unless the context is gone.
template <typename F> void postTo(const QPointer<DeviceTracker>& context, F done)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(done), Qt::QueuedConnection);
}

} // namespace

/// Shared by the tracker and its reverse lookups. Qt 6.4's own asynchronous
/// QHostInfo::lookupHost() leaks the callback of every lookup that is aborted
/// or still running when the thread or program ends, so the lookups run as
/// blocking QHostInfo::fromName() calls on the global pool and post their
/// answer here; `tracker` is null once the tracker is being destroyed, and
/// answers (and lookups not yet started) are then dropped.
struct DeviceTracker::LookupInbox
{
    std::mutex mutex;
    std::condition_variable idle;
    DeviceTracker* tracker = nullptr;
    int pending = 0; ///< lookups handed to the pool and not finished
};

DeviceTracker::DeviceTracker(Store::StoreWorker* store, const Queue::Clock* clock, QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock), m_inbox(std::make_shared<LookupInbox>())
{
    m_inbox->tracker = this;
    m_flushTimer.setParent(this);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &DeviceTracker::flush);
}

DeviceTracker::~DeviceTracker()
{
    // A lookup is one getnameinfo() call and cannot be cancelled: wait a
    // little so none outlives the core, but never let a hung resolver hold
    // up shutdown; one still running then finds no tracker and drops its answer.
    std::unique_lock lock(m_inbox->mutex);
    m_inbox->tracker = nullptr;
    if (!m_inbox->idle.wait_for(lock, LookupShutdownWait, [this] { return m_inbox->pending == 0; }))
        qCWarning(lcDevices) << m_inbox->pending << "reverse lookups still running at shutdown";
}

QString DeviceTracker::heloFromTranscript(const QStringList& transcript)
{
    QString helo;
    for (const QString& line : transcript) {
        if (line.startsWith(QLatin1String("C: EHLO "), Qt::CaseInsensitive) ||
            line.startsWith(QLatin1String("C: HELO "), Qt::CaseInsensitive))
            helo = line.mid(8).trimmed();
    }
    return helo;
}

QDateTime DeviceTracker::dayStart() const
{
    const QDate today = m_clock->now().toLocalTime().date();
    return today.startOfDay(Qt::LocalTime).toUTC();
}

void DeviceTracker::sessionFinished(const Smtp::SessionSummary& summary)
{
    if (summary.clientAddress.isEmpty())
        return;
    DeviceInfo d;
    d.address = summary.clientAddress;
    d.heloName = heloFromTranscript(summary.transcript);
    d.authUser = summary.authUser;
    d.lastSeen = summary.endedAt.isValid() ? summary.endedAt : m_clock->now();
    d.messagesToday = summary.messagesAccepted;
    d.errorsToday = summary.messagesRejected + (summary.refused ? 1 : 0);
    d.lastTranscript = summary.transcript;
    m_pending.append(d);
    if (!m_flushTimer.isActive())
        m_flushTimer.start(FlushIntervalMs);
    if (!m_reverseNames.contains(d.address))
        lookUp(d.address);
}

void DeviceTracker::lookUp(const QString& address)
{
    if (m_lookups.contains(address))
        return;
    m_lookups.insert(address);
    {
        const std::lock_guard lock(m_inbox->mutex);
        ++m_inbox->pending;
    }
    // Loopback resolves from /etc/hosts; others go to the system resolver,
    // once per address (the answer is cached, also when there is none).
    QThreadPool::globalInstance()->start([inbox = m_inbox, address] {
        QString name;
        bool wanted = false;
        {
            const std::lock_guard lock(inbox->mutex);
            wanted = inbox->tracker != nullptr;
        }
        if (wanted) {
            const QHostInfo info = QHostInfo::fromName(address);
            name = info.error() == QHostInfo::NoError ? info.hostName() : QString();
            if (name == address || !QHostAddress(name).isNull())
                name.clear(); // no PTR record: Qt answers with the address itself
        }
        const std::lock_guard lock(inbox->mutex);
        // Posted under the mutex: the tracker cannot be destroyed meanwhile,
        // and ~QObject discards the event if it is destroyed before delivery.
        if (DeviceTracker* tracker = inbox->tracker) {
            QMetaObject::invokeMethod(
                tracker, [tracker, address, name] { tracker->lookedUp(address, name); },
                Qt::QueuedConnection);
        }
        --inbox->pending;
        inbox->idle.notify_all();
    });
}

void DeviceTracker::lookedUp(const QString& address, const QString& name)
{
    m_lookups.remove(address);
    m_reverseNames.insert(address, name);
    if (name.isEmpty())
        return;
    flush(); // the row must exist before the name is set
    m_store->runOnStore([address, name](Store::MessageStore& store) {
        QString error;
        if (!Store::SqliteDevices::setReverseName(databaseOf(store), address, name, &error))
            qCWarning(lcDevices).noquote() << error;
    });
}

void DeviceTracker::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    QVector<DeviceInfo> sessions;
    sessions.swap(m_pending);
    const QDateTime day = dayStart();
    m_store->runOnStore([sessions, day](Store::MessageStore& store) {
        QSqlDatabase db = databaseOf(store);
        if (!db.isValid())
            return;
        QString error;
        db.transaction();
        for (const DeviceInfo& d : sessions) {
            if (!Store::SqliteDevices::recordSession(db, d, day, &error)) {
                qCWarning(lcDevices).noquote() << error;
                break;
            }
        }
        if (!db.commit())
            qCWarning(lcDevices).noquote() << "cannot record devices:" << db.lastError().text();
    });
}

void DeviceTracker::requestDevices(DevicesDone done)
{
    flush();
    const QDateTime day = dayStart();
    const QDateTime now = m_clock->now();
    const QPointer<DeviceTracker> self(this);
    m_store->runOnStore([self, day, now, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        QVector<DeviceInfo> devices =
            Store::SqliteDevices::devices(databaseOf(store), day, now, &error);
        postTo(self, [devices = std::move(devices), error, done] { done(devices, error); });
    });
}

void DeviceTracker::setExpectation(const QString& address, int hours, ExpectDone done)
{
    flush();
    const QPointer<DeviceTracker> self(this);
    m_store->runOnStore([self, address, hours, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        Store::SqliteDevices::setExpectation(databaseOf(store), address, hours, &error);
        postTo(self, [error, done] { done(error); });
    });
}

} // namespace RelayDesk::Service
