#pragma once

#include "AdminTypes.h"
#include "RelayStatus.h"

#include <QDateTime>
#include <QSet>
#include <QVector>

namespace RelayDesk::Service {

/// Decides which tray alerts to raise from the core's status snapshots and
/// the device list. Each condition is raised once when it starts and again
/// only after it has cleared: a stuck queue is one alert, not one per tick.
/// Failed messages are counted, so that a burst of failures becomes one
/// alert per status tick naming how many. A value-like helper of RelayCore
/// (no timers, no I/O), so the rules are tested directly.
class AlertMonitor final
{
public:
    /// A destination is reported unreachable once it is paused after at
    /// least this many consecutive failures.
    static constexpr int UnreachableAfterFailures = 3;

    /// `queueStuckSeconds`: the oldest pending message's age that counts as stuck.
    explicit AlertMonitor(qint64 queueStuckSeconds = 3600);

    void setQueueStuckSeconds(qint64 seconds) { m_queueStuckSeconds = seconds; }

    /// Alerts for a new status snapshot (MessageFailed, QueueStuck,
    /// UpstreamUnreachable).
    QVector<Alert> statusChanged(const RelayStatus& status, const QDateTime& now);
    /// Alerts for the device list (DeviceQuiet).
    QVector<Alert> devicesChecked(const QVector<DeviceInfo>& devices, const QDateTime& now);

private:
    qint64 m_queueStuckSeconds;
    qint64 m_failedSeen = 0; ///< failedSinceStart already alerted about
    bool m_stuck = false;
    QSet<QString> m_unreachable; ///< destination keys currently alerted
    QSet<QString> m_quiet;       ///< device addresses currently alerted
};

} // namespace RelayDesk::Service
