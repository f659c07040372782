#include "RelayCore.h"

#include "CoreSecrets.h"
#include "DeviceTracker.h"
#include "SecurityAdmin.h"
#include "SuppressionManager.h"
#include "auth/AccountStore.h"
#include "auth/CredentialResolver.h"
#include "delivery/DeliveryEngine.h"
#include "delivery/DsnNotifier.h"
#include "delivery/RouteTable.h"
#include "queue/DestinationScheduler.h"
#include "smtp/Listener.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QDir>
#include <QLoggingCategory>
#include <algorithm>

namespace RelayDesk::Service {

Q_LOGGING_CATEGORY(lcCore, "relaydesk.core")

namespace {

/// How long stop() waits for sessions that are committing a message.
constexpr int StopGraceMs = 10 * 1000;
/// How often delivered/failed messages past the retention time are removed.
constexpr int PurgeIntervalMs = 60 * 60 * 1000;
/// The first purge after start: once the first status and Queue page are out.
constexpr int StartPurgeDelayMs = 5 * 1000;
/// How often devices are checked against their "expect mail every N hours".
constexpr int DeviceCheckIntervalMs = 60 * 1000;

QString describe(const Smtp::ListenerSettings& l)
{
    const QString host = l.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(l.address.toString())
                             : l.address.toString();
    QString mode = l.mode == Smtp::ListenerSettings::Mode::ImplicitTls
                       ? QStringLiteral("TLS")
                       : (l.certificateFile.isEmpty() ? QStringLiteral("plain")
                                                      : QStringLiteral("plain, STARTTLS"));
    if (l.requireAuth)
        mode += QStringLiteral(", AUTH required");
    return QStringLiteral("%1:%2 (%3)").arg(host).arg(l.port).arg(mode);
}

/// An IPv4 client seen on a dual-stack socket arrives as ::ffff:a.b.c.d;
/// allowed networks are written in IPv4, so compare in IPv4.
QHostAddress canonical(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

RelayCore::RelayCore(CoreSettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings))
{
    m_status.smarthost =
        m_settings.smarthost.host.isEmpty()
            ? QString()
            : QStringLiteral("%1:%2").arg(m_settings.smarthost.host).arg(m_settings.smarthost.port);
    m_statusTimer.setParent(this);
    m_stopGrace.setParent(this);
    m_stopGrace.setSingleShot(true);
    connect(&m_statusTimer, &QTimer::timeout, this, &RelayCore::refreshStatus);
    connect(&m_stopGrace, &QTimer::timeout, this, &RelayCore::finishStop);
    m_purgeTimer.setParent(this);
    connect(&m_purgeTimer, &QTimer::timeout, this, &RelayCore::purgeOldMessages);
    m_deviceTimer.setParent(this);
    connect(&m_deviceTimer, &QTimer::timeout, this, &RelayCore::checkDevices);
    m_alerts.setQueueStuckSeconds(m_settings.queueStuckSeconds);
    // scrypt verifications run here, never on the thread serving all sessions.
    m_authPool.setMaxThreadCount(2);
    m_security = new SecurityAdmin(m_clock, m_settings, this);
    connect(m_security, &SecurityAdmin::alertRaised, this, &RelayCore::alertRaised);
    connect(m_security, &SecurityAdmin::actionDone, this, &RelayCore::actionDone);
}

RelayCore::~RelayCore()
{
    tearDown();
}

void RelayCore::tearDown()
{
    m_stopGrace.stop();
    m_statusTimer.stop();
    m_purgeTimer.stop();
    m_deviceTimer.stop();
    if (m_security)
        m_security->stopExpiryChecks();
    // Sessions go first (they hold completions into us), then delivery, then
    // the store worker, whose destructor finishes every queued commit.
    for (auto* listener : m_listeners)
        delete listener;
    m_listeners.clear();
    for (auto* listener : m_retiring)
        delete listener;
    m_retiring.clear();
    delete m_dsn;
    m_dsn = nullptr;
    delete m_delivery;
    m_delivery = nullptr;
    m_authPool.waitForDone();
    if (m_devices)
        m_devices->flush();
    m_store.reset();  // drains queued store requests, joins the worker thread
    delete m_devices; // after the store: its completions point into it
    m_devices = nullptr;
    delete m_suppressions;
    m_suppressions = nullptr;
    m_status.listeners.clear();
}

void RelayCore::start()
{
    if (m_status.state == RelayStatus::State::Running ||
        m_status.state == RelayStatus::State::Starting)
        return;
    const QString smarthost = m_status.smarthost;
    m_status = RelayStatus{};
    m_status.smarthost = smarthost;
    m_status.state = RelayStatus::State::Starting;
    publish();

    QString error;
    if (!QDir().mkpath(m_settings.dataDir)) {
        fail(tr("cannot create the data directory %1").arg(m_settings.dataDir));
        return;
    }
    m_store = std::make_unique<Store::StoreWorker>(
        std::make_unique<Store::SqliteStore>(m_settings.dataDir));
    if (!m_store->start(&error)) {
        fail(tr("cannot open the queue in %1: %2").arg(m_settings.dataDir, error));
        return;
    }
    m_devices = new DeviceTracker(m_store.get(), &m_clock, this);
    m_suppressions = new SuppressionManager(m_store.get(), &m_clock, m_settings.suppression, this);
    connect(m_suppressions, &SuppressionManager::changed, this, &RelayCore::suppressionsChanged);
    m_suppressions->start();
    // Settings applied while stopped reach the security policy now.
    m_security->configure(m_settings);
    m_security->restoreLockouts();
    m_accounts = m_security->accounts();
    if (!m_accounts->reload(&error)) {
        fail(tr("cannot read the local accounts: %1").arg(error));
        return;
    }
    resolveSecretsThenRun();
}

void RelayCore::resolveSecretsThenRun()
{
    // Every secret first (listeners' key passphrases, smarthost passwords),
    // so that a missing one stops the start with a clear error before any
    // port is open. A fresh resolver drops answers meant for an earlier start.
    delete m_credentials;
    m_credentials = new Auth::CredentialResolver(m_settings.dataDir, this);
    auto resolved = std::make_shared<CoreSettings>(m_settings);
    QList<CoreSecret> todo = secretsToResolve(resolved.get());
    const quint64 generation = ++m_settingsGeneration;
    auto proceed = [this, resolved, generation](const QString& error) {
        // Settings applied meanwhile have started a new round (and this
        // answer belongs to the old one).
        if (m_status.state != RelayStatus::State::Starting || generation != m_settingsGeneration)
            return;
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        m_settings = *resolved;
        run();
    };
    if (todo.isEmpty())
        proceed(QString()); // nothing to wait for: running on return, as before
    else
        resolveSecrets(m_credentials, resolved, std::move(todo), proceed);
}

void RelayCore::run()
{
    QString error;
    if (!startListeners(&error)) {
        fail(error);
        return;
    }

    m_status.state = RelayStatus::State::Running;
    m_statusTimer.start(m_settings.statusIntervalMs);
    m_purgeTimer.start(PurgeIntervalMs);
    m_deviceTimer.start(DeviceCheckIntervalMs);
    m_security->startExpiryChecks();
    // Not before the first status and Queue page: the store thread answers
    // in order, and a purge scan of a large store would come first.
    QTimer::singleShot(StartPurgeDelayMs, this, &RelayCore::purgeOldMessages);
    qCInfo(lcCore).noquote() << "relay running; listening on"
                             << m_status.listeners.join(QStringLiteral(", "));
    if (m_settings.smarthost.host.isEmpty() && m_settings.routes.isEmpty())
        qCWarning(lcCore) << "no smarthost configured: accepted mail stays queued until one is set";
    else
        startDelivery();
    refreshStatus();
}

bool RelayCore::startListeners(QString* error)
{
    if (m_settings.listeners.isEmpty()) {
        *error = tr("no listener configured");
        return false;
    }
    for (const auto& settings : m_settings.listeners) {
        auto* listener = new Smtp::Listener(settings, m_settings.limits, this, this);
        QString listenError;
        if (!listener->listen(&listenError)) {
            *error = tr("listener %1: %2").arg(describe(settings), listenError);
            delete listener;
            return false;
        }
        connectListener(listener);
        m_listeners.push_back(listener);
        m_status.listeners.append(describe(settings));
    }
    return true;
}

void RelayCore::startDelivery()
{
    m_delivery = new Delivery::DeliveryEngine(m_store.get(), &m_clock, this);
    if (m_suppressions)
        connect(m_delivery, &Delivery::DeliveryEngine::attemptsRecorded, m_suppressions,
                &SuppressionManager::attemptsRecorded);
    QHash<QString, Delivery::SmarthostSettings> smarthosts = m_settings.namedSmarthosts;
    if (!m_settings.smarthost.host.isEmpty())
        smarthosts.insert(QString(), m_settings.smarthost);
    m_delivery->setSmarthosts(smarthosts);
    m_delivery->setRoutes(routeTable(m_settings.routes));
    m_delivery->setMxSettings(m_settings.mx);
    m_delivery->setHostname(m_settings.limits.hostname);
    m_delivery->setRetryPolicy(m_settings.retry);
    connect(m_delivery, &Delivery::DeliveryEngine::activeConnectionsChanged, this,
            [this](int count) { m_status.activeDeliveries = count; });
    connect(m_delivery, &Delivery::DeliveryEngine::attemptsRecorded, this,
            [this](const QVector<Store::AttemptOutcome>& outcomes) {
                for (const auto& o : outcomes) {
                    switch (o.newState) {
                    case Store::RecipientState::Delivered:
                        ++m_status.deliveredSinceStart;
                        qCDebug(lcCore).noquote() << "delivered message" << o.messageId << "via"
                                                  << o.upstreamHost << o.replyCode << o.replyText;
                        break;
                    case Store::RecipientState::Failed:
                        ++m_status.failedSinceStart;
                        qCWarning(lcCore).noquote()
                            << "message" << o.messageId << "failed permanently:" << o.replyCode
                            << o.replyText;
                        break;
                    default:
                        ++m_status.deferredSinceStart;
                        qCInfo(lcCore).noquote() << "message" << o.messageId << "deferred until"
                                                 << o.nextAttempt.toString(Qt::ISODate) << ":"
                                                 << o.replyCode << o.replyText;
                        break;
                    }
                }
            });
    connect(m_delivery, &Delivery::DeliveryEngine::connectionFailed, this,
            [](const QString& upstream, const QString& reason) {
                qCWarning(lcCore).noquote() << "upstream" << upstream << "unreachable:" << reason;
            });
    connect(m_delivery, &Delivery::DeliveryEngine::storeErrorOccurred, this,
            [](const QString& error) { qCWarning(lcCore).noquote() << "store:" << error; });
    m_delivery->start();

    startDsn();
    qCInfo(lcCore).noquote() << "delivering through" << m_status.smarthost;
}

void RelayCore::fail(const QString& error)
{
    qCCritical(lcCore).noquote() << error;
    tearDown();
    m_status.state = RelayStatus::State::Failed;
    m_status.error = error;
    publish();
}

void RelayCore::stop()
{
    if (m_status.state != RelayStatus::State::Running &&
        m_status.state != RelayStatus::State::Starting) {
        finishStop();
        return;
    }
    m_status.state = RelayStatus::State::Stopping;
    publish();
    // Stop accepting first; sessions that are committing a message get their
    // reply before the sockets close, so nothing that got a 250 is in doubt.
    for (auto* listener : m_listeners)
        listener->close();
    if (m_delivery)
        m_delivery->stop();
    if (m_pendingCommits == 0)
        finishStop();
    else
        m_stopGrace.start(StopGraceMs);
}

void RelayCore::finishStop()
{
    if (m_status.state == RelayStatus::State::Stopped) {
        // Never started (or stopped already): still answer, so that a GUI
        // that quits after stop() does not wait forever.
        Q_EMIT stopped();
        return;
    }
    tearDown();
    m_status.state = RelayStatus::State::Stopped;
    m_status.activeSessions = 0;
    m_status.activeDeliveries = 0;
    publish();
    qCInfo(lcCore) << "relay stopped";
    Q_EMIT stopped();
}

void RelayCore::flushQueue()
{
    if (!m_store)
        return;
    m_store->retryNow(m_clock.now(), this, [this](int count, const QString& error) {
        if (count < 0) {
            qCWarning(lcCore).noquote() << "retry now failed:" << error;
            return;
        }
        qCInfo(lcCore) << "retrying" << count << "deferred envelope(s) now";
        m_security->audit(QStringLiteral("queue.flush"), QStringLiteral("deferred mail"), {},
                          QStringLiteral("%1 retried").arg(count));
        if (m_delivery)
            m_delivery->wake();
        refreshStatus();
    });
}

void RelayCore::previewRoutes(const QVector<Delivery::Route>& newRoutes)
{
    if (!m_store) {
        Q_EMIT routePreviewFailed(QStringLiteral("the relay is not running"));
        return;
    }
    m_store->pendingEnvelopes(
        this,
        [this, newRoutes](const QVector<Store::PendingEnvelope>& pending, const QString& error) {
            if (!error.isEmpty()) {
                qCWarning(lcCore).noquote() << "route preview failed:" << error;
                Q_EMIT routePreviewFailed(error);
                return;
            }
            // Converted as DestinationRouter does for a claimed message, so the
            // preview routes exactly what the next attempt will.
            QVector<Delivery::RouteEnvelope> envelopes;
            envelopes.reserve(pending.size());
            for (const Store::PendingEnvelope& p : pending) {
                Delivery::RouteEnvelope envelope;
                envelope.messageId = p.messageId;
                envelope.recipientId = p.recipientId;
                envelope.sender = p.sender;
                envelope.recipient = p.recipient;
                envelope.clientAddress = QHostAddress(p.clientAddress);
                envelope.authUser = p.authUser;
                envelope.listener = p.listener;
                envelopes.append(envelope);
            }
            Q_EMIT routePreviewReady(Delivery::RouteTable::preview(
                routeTable(m_settings.routes), routeTable(newRoutes), envelopes));
        });
}

Delivery::RouteTable RelayCore::routeTable(const QVector<Delivery::Route>& routes)
{
    // What no route matches goes to the default smarthost.
    Delivery::Route defaultRoute;
    defaultRoute.name = QStringLiteral("default");
    return Delivery::RouteTable(routes, defaultRoute);
}

void RelayCore::purgeOldMessages()
{
    if (!m_store)
        return;
    const QDateTime cutoff = m_clock.now().addDays(-m_settings.retentionDays);
    m_store->purgeFinal(cutoff, this, [](int removed, const QString& error) {
        if (removed < 0)
            qCWarning(lcCore).noquote() << "purging old messages failed:" << error;
        else if (removed > 0)
            qCInfo(lcCore) << "removed" << removed << "delivered/failed message(s) past retention";
    });
}

bool RelayCore::isRelayAllowed(const QHostAddress& client) const
{
    const QHostAddress address = canonical(client);
    for (const auto& [network, prefix] : m_settings.allowedNetworks) {
        if (address.isInSubnet(network, prefix))
            return true;
    }
    return false;
}

void RelayCore::authenticate(const QString& user, const QString& password,
                             std::function<void(bool ok)> done)
{
    std::shared_ptr<Auth::AccountStore> accounts = m_accounts;
    if (!accounts) {
        QMetaObject::invokeMethod(
            this, [done] { done(false); }, Qt::QueuedConnection);
        return;
    }
    m_authPool.start([this, accounts, user, password, done = std::move(done)] {
        const bool ok = accounts->verify(user, password);
        // A user name that is no account is not logged: it may be the
        // password, typed into the name field.
        const bool known = ok || accounts->contains(user);
        // Posted to the core thread; dropped by Qt if we are gone meanwhile
        // (the destructor waits for this pool first, so `this` is alive here).
        QMetaObject::invokeMethod(
            this,
            [ok, known, user, done] {
                if (!ok && known)
                    qCWarning(lcCore).noquote() << "AUTH failed for user" << user;
                else if (!ok)
                    qCWarning(lcCore).noquote() << "AUTH failed for a user name that is no "
                                                   "account (the name is not logged)";
                done(ok);
            },
            Qt::QueuedConnection);
    });
}

void RelayCore::submit(const Smtp::ReceivedMessage& message,
                       std::function<void(Smtp::SubmitResult)> done)
{
    if (!m_store) {
        QMetaObject::invokeMethod(
            this,
            [done] {
                Smtp::SubmitResult result;
                result.error = QStringLiteral("queue is not open");
                done(result);
            },
            Qt::QueuedConnection);
        return;
    }
    Store::NewMessage m;
    m.sender = message.sender;
    m.recipients = message.recipients;
    m.content = message.content;
    m.heloName = message.heloName;
    m.clientAddress = message.clientAddress;
    m.listener = message.listener;
    m.tlsVersion = message.tlsVersion;
    m.authUser = message.authUser;
    m.receivedAt = message.receivedAt;
    m.dsn = message.dsn;
    m.recipientDsn = message.recipientDsn;
    ++m_pendingCommits;
    m_security->messageSubmitted(message.clientAddress, message.authUser);
    auto committed = [this, done = std::move(done)](bool ok, qint64 id, const QString& error) {
        --m_pendingCommits;
        Smtp::SubmitResult result;
        result.ok = ok;
        if (ok) {
            result.queueId = QString::number(id);
            ++m_status.acceptedSinceStart;
            if (m_delivery)
                m_delivery->wake();
        } else {
            result.temporary = true;
            result.error = error;
            qCWarning(lcCore).noquote() << "could not queue a message (answered 4xx):" << error;
        }
        done(result);
        if (m_status.state == RelayStatus::State::Stopping && m_pendingCommits == 0)
            QMetaObject::invokeMethod(this, &RelayCore::finishStop, Qt::QueuedConnection);
    };
    // Incoming bounces and suppressed recipients (issue 6): an in-memory
    // lookup; only such messages leave the group-commit path.
    if (m_suppressions && m_suppressions->takeOver(m, committed))
        return;
    m_store->commit(std::move(m), this, std::move(committed));
}

void RelayCore::refreshStatus()
{
    if (!m_store || m_countsRequested)
        return;
    m_countsRequested = true;
    refreshTodayCounts();
    m_store->counts(this, [this](const Store::QueueCounts& counts) {
        m_countsRequested = false;
        m_status.counts = counts;
        m_status.intakePaused = m_intakePaused;
        m_status.destinations = destinationSnapshots();
        publish();
        if (m_status.state == RelayStatus::State::Running)
            raise(m_alerts.statusChanged(m_status, m_clock.now()));
    });
}

QVector<Queue::DestinationSnapshot> RelayCore::destinationSnapshots() const
{
    QVector<Queue::DestinationSnapshot> result =
        m_delivery ? m_delivery->destinations() : QVector<Queue::DestinationSnapshot>();
    // The engine forgets destinations that went idle; the Overview and the
    // tray still want every configured smarthost listed, healthy or not.
    QStringList configured;
    if (!m_settings.smarthost.host.isEmpty())
        configured.append(Queue::DestinationScheduler::smarthostKey(QString()));
    for (auto it = m_settings.namedSmarthosts.cbegin(); it != m_settings.namedSmarthosts.cend();
         ++it)
        configured.append(Queue::DestinationScheduler::smarthostKey(it.key()));
    for (const QString& key : std::as_const(configured)) {
        const bool known = std::any_of(result.cbegin(), result.cend(),
                                       [&](const auto& d) { return d.key == key; });
        if (!known) {
            Queue::DestinationSnapshot idle;
            idle.key = key;
            result.append(idle);
        }
    }
    std::sort(result.begin(), result.end(),
              [](const auto& a, const auto& b) { return a.key < b.key; });
    return result;
}

void RelayCore::publish()
{
    m_status.takenAt = QDateTime::currentDateTimeUtc();
    Q_EMIT statusChanged(m_status);
}

} // namespace RelayDesk::Service
