#pragma once

#include "AdminTypes.h"
#include "AlertMonitor.h"
#include "CoreSettings.h"
#include "RelayStatus.h"
#include "SuppressionTypes.h"
#include "delivery/RoutePreview.h"
#include "queue/SystemClock.h"
#include "smtp/SessionHost.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <vector>

namespace RelayDesk::Store {
class StoreWorker;
}
namespace RelayDesk::Smtp {
class Listener;
struct SessionSummary;
} // namespace RelayDesk::Smtp
namespace RelayDesk::Delivery {
class DeliveryEngine;
class DsnNotifier;
class RouteTable;
} // namespace RelayDesk::Delivery
namespace RelayDesk::Auth {
class AccountStore;
class CredentialResolver;
} // namespace RelayDesk::Auth

namespace RelayDesk::Service {

class DeviceTracker;
class SecurityAdmin;
class SuppressionManager;

/// The object graph of a running relay, living on the core thread: the store
/// worker, the local accounts, the listeners and the delivery engine. It is
/// the SMTP sessions' SessionHost (relay policy, AUTH, durable submit) and
/// publishes RelayStatus snapshots. Only RelayService talks to it, through
/// queued calls.
class RelayCore final : public QObject, public Smtp::SessionHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayCore)

public:
    explicit RelayCore(CoreSettings settings, QObject* parent = nullptr);
    ~RelayCore() override;

    void start();
    void stop();
    void flushQueue();
    /// Reads the queue and routes it under the current routes and under
    /// `newRoutes`; emits routePreviewReady or routePreviewFailed.
    void previewRoutes(const QVector<Delivery::Route>& newRoutes);

    // Admin API (issue 4); see RelayService for what each one answers.
    void setIntakePaused(bool paused);
    void requestQueue(quint64 generation, int batchSize);
    void retryMessages(const QVector<qint64>& messageIds);
    void holdMessages(const QVector<qint64>& messageIds);
    void releaseMessages(const QVector<qint64>& messageIds);
    void deleteMessages(const QVector<qint64>& messageIds);
    void requestMessageDetail(qint64 messageId);
    void saveMessage(qint64 messageId, const QString& path);
    void queryDeliveryLog(const DeliveryLogQuery& query);
    void exportDeliveryLog(const DeliveryLogQuery& query, const QString& path);
    void requestBounceGroups(const QDateTime& since);
    void requestDevices();
    void setDeviceExpectation(const QString& address, int hours);
    void requestHourlyCounts();
    void applySettings(const CoreSettings& settings);
    // Suppression list (issue 6; SuppressionApi.cpp).
    void requestSuppressions(const SuppressionFilter& filter);
    void addSuppression(const SuppressionEntry& entry);
    void removeSuppression(const QString& senderDomain, const QString& recipient, bool retryHeld);
    void exportSuppressions(const QString& path);
    void importSuppressions(const QString& path);

    // Smtp::SessionHost
    bool isRelayAllowed(const QHostAddress& client) const override;
    void authenticate(const QString& user, const QString& password,
                      std::function<void(bool ok)> done) override;
    void submit(const Smtp::ReceivedMessage& message,
                std::function<void(Smtp::SubmitResult)> done) override;
    // Abuse protection (issue 5): handed over to SecurityAdmin.
    std::optional<Smtp::ServerReply> checkAuth(const QHostAddress& client) override;
    void authenticateClient(const QHostAddress& client, const QString& user,
                            const QString& password, std::function<void(bool ok)> done) override;
    std::optional<Smtp::ServerReply> checkMail(const QHostAddress& client, const QString& authUser,
                                               const QString& sender) override;
    std::optional<Smtp::ServerReply> checkRcpt(const QHostAddress& client,
                                               const QString& authUser) override;
    std::optional<Smtp::ServerReply> admitAccountSession(const QHostAddress& client,
                                                         const QString& user) override;
    void accountSessionEnded(const QString& user) override;

    /// Security policy, audit log and security admin requests (issue 5);
    /// a child of this, so it lives on the core thread too.
    SecurityAdmin* security() const { return m_security; }

Q_SIGNALS:
    void statusChanged(const RelayDesk::Service::RelayStatus& status);
    void stopped();
    void routePreviewReady(const RelayDesk::Delivery::RoutePreview& preview);
    void routePreviewFailed(const QString& error);

    void queueBatch(quint64 generation, const QVector<RelayDesk::Service::QueueRow>& rows,
                    bool last);
    void actionDone(const RelayDesk::Service::ActionResult& result);
    void messageDetailReady(const RelayDesk::Service::MessageDetail& detail);
    void messageSaved(qint64 messageId, const QString& path, const QString& error);
    void deliveryLogReady(const RelayDesk::Service::DeliveryLogQuery& query,
                          const QVector<RelayDesk::Service::DeliveryLogRow>& rows);
    void deliveryLogExported(const QString& path, int rows, const QString& error);
    void bounceGroupsReady(const QVector<RelayDesk::Service::BounceGroup>& groups);
    void devicesReady(const QVector<RelayDesk::Service::DeviceInfo>& devices);
    void hourlyCountsReady(const QVector<RelayDesk::Service::HourlyCount>& hours);
    void alertRaised(const RelayDesk::Service::Alert& alert);
    void suppressionsReady(const QVector<RelayDesk::Service::SuppressionEntry>& entries,
                           const QString& error);
    void suppressionsChanged();
    void suppressionsExported(const QString& path, int rows, const QString& error);
    void suppressionsImported(const QString& path, int rows, const QString& error);

private:
    bool startListeners(QString* error);
    /// Reads every secret the settings refer to, then run()s (or fails).
    void resolveSecretsThenRun();
    /// Opens the listeners and starts delivery: the end of start().
    void run();
    void startDelivery();
    void fail(const QString& error);
    /// Closes listeners and sessions, stops delivery, drains and closes the store.
    void tearDown();
    void refreshStatus();
    void purgeOldMessages();
    /// The configured routes plus the default route, as delivery uses them.
    static Delivery::RouteTable routeTable(const QVector<Delivery::Route>& routes);
    /// What the engine reports, plus every configured smarthost it forgot
    /// while idle; sorted by key.
    QVector<Queue::DestinationSnapshot> destinationSnapshots() const;
    void publish();
    void finishStop();

    // Admin support (RelayCoreAdmin.cpp).
    void connectListener(Smtp::Listener* listener);
    void onSessionFinished(Smtp::Listener* listener, const Smtp::SessionSummary& summary);
    void startDsn();
    void requestQueuePage(quint64 generation, qint64 after, int batchSize);
    void queueAction(const QString& action, const QVector<qint64>& messageIds);
    void refreshTodayCounts();
    void checkDevices();
    void raise(const QVector<Alert>& alerts);
    /// Empty when `settings` can be applied to the running core, else why not.
    QString validate(const CoreSettings& settings) const;
    bool rebindListeners(const CoreSettings& settings, QString* error);
    void applyResolved(CoreSettings settings);
    void retireListener(Smtp::Listener* listener);

    CoreSettings m_settings;
    Queue::SystemClock m_clock;
    std::unique_ptr<Store::StoreWorker> m_store;
    std::shared_ptr<Auth::AccountStore> m_accounts;    ///< SecurityAdmin's, from start()
    std::vector<Smtp::Listener*> m_listeners;          ///< children of this
    Delivery::DeliveryEngine* m_delivery = nullptr;    ///< child of this
    Delivery::DsnNotifier* m_dsn = nullptr;            ///< child of this
    Auth::CredentialResolver* m_credentials = nullptr; ///< child of this
    QThreadPool m_authPool;
    /// Counts settings changes; a start whose secrets were read for older
    /// settings reads them again.
    quint64 m_settingsGeneration = 0;
    QTimer m_statusTimer;
    QTimer m_stopGrace;
    QTimer m_purgeTimer;
    RelayStatus m_status;
    DeviceTracker* m_devices = nullptr;           ///< child of this; deleted after the store
    SuppressionManager* m_suppressions = nullptr; ///< child of this; deleted after the store
    SecurityAdmin* m_security = nullptr;          ///< child of this
    AlertMonitor m_alerts;
    QTimer m_deviceTimer; ///< quiet-device check, once a minute
    QDateTime m_todayAskedAt;
    bool m_todayRequested = false;
    bool m_intakePaused = false;
    bool m_applying = false;                 ///< an applySettings waits for passwords
    std::vector<Smtp::Listener*> m_retiring; ///< closed, waiting for their sessions
    int m_pendingCommits = 0;
    int m_pendingAuths = 0;
    bool m_countsRequested = false;
};

} // namespace RelayDesk::Service
