#include "AlertMonitor.h"

namespace RelayDesk::Service {

namespace {

Alert make(Alert::Kind kind, const QString& subject, const QString& text, const QDateTime& now)
{
    Alert alert;
    alert.kind = kind;
    alert.subject = subject;
    alert.text = text;
    alert.raisedAt = now;
    return alert;
}

QString ageText(qint64 seconds)
{
    if (seconds >= 2 * 3600)
        return QStringLiteral("%1 hours").arg(seconds / 3600);
    return QStringLiteral("%1 minutes").arg(seconds / 60);
}

} // namespace

AlertMonitor::AlertMonitor(qint64 queueStuckSeconds) : m_queueStuckSeconds(queueStuckSeconds) {}

QVector<Alert> AlertMonitor::statusChanged(const RelayStatus& status, const QDateTime& now)
{
    QVector<Alert> alerts;

    // A restarted core counts from zero again.
    if (status.failedSinceStart < m_failedSeen)
        m_failedSeen = 0;
    if (status.failedSinceStart > m_failedSeen) {
        const qint64 count = status.failedSinceStart - m_failedSeen;
        m_failedSeen = status.failedSinceStart;
        alerts.append(make(Alert::Kind::MessageFailed, QString::number(count),
                           count == 1
                               ? QStringLiteral("1 recipient failed permanently")
                               : QStringLiteral("%1 recipients failed permanently").arg(count),
                           now));
    }

    const QDateTime oldest = status.counts.oldestPending;
    const bool stuck =
        m_queueStuckSeconds > 0 && oldest.isValid() && oldest.secsTo(now) > m_queueStuckSeconds;
    if (stuck && !m_stuck) {
        alerts.append(make(Alert::Kind::QueueStuck, oldest.toString(Qt::ISODate),
                           QStringLiteral("The oldest queued message has waited for %1")
                               .arg(ageText(oldest.secsTo(now))),
                           now));
    }
    m_stuck = stuck;

    QSet<QString> unreachable;
    for (const Queue::DestinationSnapshot& d : status.destinations) {
        if (d.state != Queue::DestinationState::Paused ||
            d.consecutiveFailures < UnreachableAfterFailures)
            continue;
        unreachable.insert(d.key);
        if (!m_unreachable.contains(d.key)) {
            alerts.append(make(Alert::Kind::UpstreamUnreachable, d.key,
                               QStringLiteral("%1 cannot be reached (%2 failures in a row): %3")
                                   .arg(d.key)
                                   .arg(d.consecutiveFailures)
                                   .arg(d.lastError),
                               now));
        }
    }
    m_unreachable = unreachable;
    return alerts;
}

QVector<Alert> AlertMonitor::devicesChecked(const QVector<DeviceInfo>& devices,
                                            const QDateTime& now)
{
    QVector<Alert> alerts;
    QSet<QString> quiet;
    for (const DeviceInfo& d : devices) {
        if (!d.quiet)
            continue;
        quiet.insert(d.address);
        if (!m_quiet.contains(d.address)) {
            const QString name = d.reverseName.isEmpty()
                                     ? d.address
                                     : QStringLiteral("%1 (%2)").arg(d.reverseName, d.address);
            alerts.append(make(Alert::Kind::DeviceQuiet, d.address,
                               QStringLiteral("%1 has sent no mail for more than %2 hours")
                                   .arg(name)
                                   .arg(d.expectEveryHours),
                               now));
        }
    }
    m_quiet = quiet;
    return alerts;
}

} // namespace RelayDesk::Service
