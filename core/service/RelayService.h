#pragma once

#include "AdminTypes.h"
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

    // --- Admin API (issue 4). Each request answers with one signal. ---

    /// Pauses or resumes intake: while paused, new SMTP sessions get
    /// "421 4.3.2 intake paused" and delivery goes on. Answers actionDone
    /// ("pause"/"resume") and the next status has intakePaused set.
    void setIntakePaused(bool paused);

    /// Streams every non-final message as QueueRow batches of at most
    /// `batchSize` rows, oldest first: queueBatch(generation, rows, last).
    /// `generation` is returned as given so the caller can drop stale batches.
    void requestQueue(quint64 generation, int batchSize = 5000);

    /// Queue actions on messages (all their pending recipients). Each answers
    /// actionDone with the action name ("retry", "hold", "release", "delete").
    void retryMessages(QVector<qint64> messageIds);
    void holdMessages(QVector<qint64> messageIds);
    void releaseMessages(QVector<qint64> messageIds);
    /// Removes the messages with all their envelopes, content and log rows.
    void deleteMessages(QVector<qint64> messageIds);

    /// Answers messageDetailReady (found=false when the id is unknown).
    void requestMessageDetail(qint64 messageId);
    /// Writes the stored content as an .eml file on the core side; answers
    /// messageSaved with an empty error on success.
    void saveMessage(qint64 messageId, QString path);

    /// Answers deliveryLogReady(query, rows), newest first.
    void queryDeliveryLog(DeliveryLogQuery query);
    /// Writes the rows of `query` as CSV (RFC 4180, UTF-8, header row);
    /// answers deliveryLogExported(path, rows, error).
    void exportDeliveryLog(DeliveryLogQuery query, QString path);

    /// Failed recipients since `since`, grouped by classified reason;
    /// answers bounceGroupsReady.
    void requestBounceGroups(QDateTime since);

    /// Answers devicesReady.
    void requestDevices();
    /// Sets a device's "expect mail at least every N hours" (0 = none);
    /// answers actionDone("expect") and the next devicesReady shows it.
    void setDeviceExpectation(QString address, int hours);

    /// Last 24 hours of attempts per hour, oldest first; answers hourlyCountsReady.
    void requestHourlyCounts();

    /// Applies new settings to the running core: listeners are rebound only
    /// if they changed, delivery picks up smarthosts/routes/limits/retry at
    /// once; the queue and sessions in progress are kept. Answers
    /// actionDone("apply-settings") with an error when something could not
    /// be applied (the previous settings then stay in force).
    void applySettings(CoreSettings settings);

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
    /// A condition the tray should notify about (raised once per condition).
    void alertRaised(const RelayDesk::Service::Alert& alert);

private:
    void onStatus(const RelayStatus& status);

    QThread m_thread;
    RelayCore* m_core = nullptr; ///< lives on m_thread
    RelayStatus m_lastStatus;
    bool m_stopping = false;
};

} // namespace RelayDesk::Service
