#pragma once

#include "CoreSettings.h"
#include "RelayStatus.h"
#include "delivery/RoutePreview.h"

#include <QObject>
#include <QThread>

namespace RelayDesk::Service {

class RelayCore;

/// The one door into the relay for the GUI and the daemon. It owns the core
/// thread; every request is posted to the core (never a direct call across
/// threads) and every result comes back as a value snapshot through a queued
/// signal, so the caller's thread never waits on disk, network or the core.
/// Kept narrow and serialisable so that a later "GUI attached to a running
/// daemon over a local socket" mode can implement the same surface.
class RelayService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayService)

public:
    explicit RelayService(CoreSettings settings, QObject* parent = nullptr);
    ~RelayService() override; ///< stops the core (if running) and joins its thread

    /// Starts listeners and delivery on the core thread. Emits statusChanged
    /// with Running, or Failed with the reason.
    void start();

    /// Stops accepting, lets sessions that are committing a message finish,
    /// stops delivery, flushes the store; emits stopped() when done.
    void stop();

    /// Retries every deferred message now.
    void flushQueue();

    /// What replacing the routes by `newRoutes` would do to the queued mail
    /// (the engine routes again at each attempt, so queued mail follows a
    /// change at its next attempt). Emits routePreviewReady, or
    /// routePreviewFailed when the queue cannot be read (e.g. not started).
    void previewRoutes(QVector<RelayDesk::Delivery::Route> newRoutes);

    RelayStatus lastStatus() const { return m_lastStatus; }

Q_SIGNALS:
    void statusChanged(const RelayDesk::Service::RelayStatus& status);
    void stopped();
    void routePreviewReady(const RelayDesk::Delivery::RoutePreview& preview);
    void routePreviewFailed(const QString& error);

private:
    void onStatus(const RelayStatus& status);

    QThread m_thread;
    RelayCore* m_core = nullptr; ///< lives on m_thread
    RelayStatus m_lastStatus;
    bool m_stopping = false;
};

} // namespace RelayDesk::Service
