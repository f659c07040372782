#pragma once

#include "service/AdminTypes.h"

#include <QHash>
#include <QObject>
#include <QVector>
#include <memory>

class QTimer;

namespace RelayDesk::Queue {
class Clock;
}

namespace RelayDesk::Ui {

/// Turns the core's alerts into desktop notifications without flooding the
/// admin: at most one notification per alert kind every `perKindMinutes`,
/// and at most `perHour` in any hour. Alerts held back are counted and
/// mentioned with the next notification ("and 4 more"), or in a summary
/// once the budget allows. Time comes from an injectable clock so the
/// throttling is tested without waiting.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    /// `clock` is not owned; nullptr uses the wall clock.
    explicit Notifier(const Queue::Clock* clock = nullptr, QObject* parent = nullptr);
    ~Notifier() override;

    void setLimits(int perKindMinutes, int perHour);
    int perKindMinutes() const { return m_perKindMinutes; }
    int perHour() const { return m_perHour; }

    /// Shows `alert` now, or holds it back when a limit is reached.
    void post(const RelayDesk::Service::Alert& alert);

    /// Emits a summary of held-back alerts when the hourly budget allows.
    /// Called by a timer every minute; tests call it directly.
    void flushPending();

    /// Alerts held back and not yet mentioned in any notification.
    int pendingCount() const { return m_pending; }

    /// The notification title for an alert kind ("Message failed", ...).
    static QString titleFor(RelayDesk::Service::Alert::Kind kind);

Q_SIGNALS:
    /// A notification to show (tray balloon or desktop notification).
    void notificationReady(const QString& title, const QString& text);

private:
    bool hourlyBudgetLeft();
    void emitWithPending(const QString& title, QString text);

    std::unique_ptr<Queue::Clock> m_ownClock;
    const Queue::Clock* m_clock;
    QTimer* m_flushTimer = nullptr;
    int m_perKindMinutes = 15;
    int m_perHour = 6;
    QHash<int, QDateTime> m_lastShownByKind;
    QVector<QDateTime> m_shownTimes; ///< notifications within the last hour
    int m_pending = 0;
};

} // namespace RelayDesk::Ui
