#pragma once

#include "CoreSettings.h"
#include "RelayStatus.h"
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
}
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

    // Smtp::SessionHost
    bool isRelayAllowed(const QHostAddress& client) const override;
    void authenticate(const QString& user, const QString& password,
                      std::function<void(bool ok)> done) override;
    void submit(const Smtp::ReceivedMessage& message,
                std::function<void(Smtp::SubmitResult)> done) override;

Q_SIGNALS:
    void statusChanged(const RelayDesk::Service::RelayStatus& status);
    void stopped();
    void routePreviewReady(const RelayDesk::Delivery::RoutePreview& preview);
    void routePreviewFailed(const QString& error);

private:
    bool startListeners(QString* error);
    void resolvePasswordThenDeliver();
    void resolveNextPassword();
    void startDelivery();
    void fail(const QString& error);
    /// Closes listeners and sessions, stops delivery, drains and closes the store.
    void tearDown();
    void refreshStatus();
    void purgeOldMessages();
    /// The configured routes plus the default route, as delivery uses them.
    static Delivery::RouteTable routeTable(const QVector<Delivery::Route>& routes);
    void publish();
    void finishStop();

    CoreSettings m_settings;
    Queue::SystemClock m_clock;
    std::unique_ptr<Store::StoreWorker> m_store;
    std::unique_ptr<Auth::AccountStore> m_accounts;
    std::vector<Smtp::Listener*> m_listeners;          ///< children of this
    Delivery::DeliveryEngine* m_delivery = nullptr;    ///< child of this
    Delivery::DsnNotifier* m_dsn = nullptr;            ///< child of this
    Auth::CredentialResolver* m_credentials = nullptr; ///< child of this
    QThreadPool m_authPool;
    /// Smarthost name ("" = default) and password reference still to resolve.
    QList<QPair<QString, Config::CredentialReference>> m_pendingPasswords;
    QTimer m_statusTimer;
    QTimer m_stopGrace;
    QTimer m_purgeTimer;
    RelayStatus m_status;
    int m_pendingCommits = 0;
    int m_pendingAuths = 0;
    bool m_countsRequested = false;
};

} // namespace RelayDesk::Service
