#include "Notifier.h"

#include "queue/SystemClock.h"

#include <QTimer>
#include <algorithm>
#include <utility>

namespace RelayDesk::Ui {

using Service::Alert;

Notifier::Notifier(const Queue::Clock* clock, QObject* parent) : QObject(parent), m_clock(clock)
{
    if (!m_clock) {
        m_ownClock = std::make_unique<Queue::SystemClock>();
        m_clock = m_ownClock.get();
        // Held-back alerts are summarised once the budget allows; with an
        // injected clock the caller decides when (tests, no waiting).
        m_flushTimer = new QTimer(this);
        m_flushTimer->setInterval(60 * 1000);
        connect(m_flushTimer, &QTimer::timeout, this, &Notifier::flushPending);
        m_flushTimer->start();
    }
}

Notifier::~Notifier() = default;

void Notifier::setLimits(int perKindMinutes, int perHour)
{
    m_perKindMinutes = qMax(0, perKindMinutes);
    m_perHour = qMax(1, perHour);
}

QString Notifier::titleFor(Alert::Kind kind)
{
    switch (kind) {
    case Alert::Kind::MessageFailed:
        return tr("Message failed");
    case Alert::Kind::QueueStuck:
        return tr("Queue is stuck");
    case Alert::Kind::UpstreamUnreachable:
        return tr("Upstream unreachable");
    case Alert::Kind::DeviceQuiet:
        return tr("Device went quiet");
    case Alert::Kind::CertificateExpiring:
        return tr("Certificate expiring");
    case Alert::Kind::Abuse:
        return tr("Unusual sending volume");
    }
    return tr("RelayDesk");
}

bool Notifier::hourlyBudgetLeft()
{
    const QDateTime hourAgo = m_clock->now().addSecs(-3600);
    m_shownTimes.erase(std::remove_if(m_shownTimes.begin(), m_shownTimes.end(),
                                      [&](const QDateTime& t) { return t <= hourAgo; }),
                       m_shownTimes.end());
    return m_shownTimes.size() < m_perHour;
}

void Notifier::post(const Alert& alert)
{
    const QDateTime now = m_clock->now();
    const int kind = int(alert.kind);
    const auto last = m_lastShownByKind.constFind(kind);
    const bool kindAllowed =
        last == m_lastShownByKind.cend() || last->secsTo(now) >= qint64(m_perKindMinutes) * 60;
    if (!kindAllowed || !hourlyBudgetLeft()) {
        ++m_pending;
        return;
    }
    m_lastShownByKind.insert(kind, now);
    emitWithPending(titleFor(alert.kind), alert.text);
}

void Notifier::flushPending()
{
    if (m_pending == 0 || !hourlyBudgetLeft())
        return;
    const int pending = std::exchange(m_pending, 0);
    m_shownTimes.append(m_clock->now());
    Q_EMIT notificationReady(
        tr("RelayDesk"), tr("%n more alert(s) — see the Overview for details.", nullptr, pending));
}

void Notifier::emitWithPending(const QString& title, QString text)
{
    if (m_pending > 0) {
        text += QLatin1Char('\n') + tr("and %n more", nullptr, std::exchange(m_pending, 0));
    }
    m_shownTimes.append(m_clock->now());
    Q_EMIT notificationReady(title, text);
}

} // namespace RelayDesk::Ui
