#pragma once

#include "service/RelayStatus.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace RelayDesk::Ui {

/// The overview: relay state, listeners, upstream and live queue counts.
/// Fed with RelayStatus snapshots; never calls into the core.
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)

public:
    explicit OverviewPage(QWidget* parent = nullptr);

    void showStatus(const Service::RelayStatus& status);

Q_SIGNALS:
    void flushRequested();

private:
    QLabel* m_state = nullptr;
    QLabel* m_listeners = nullptr;
    QLabel* m_upstream = nullptr;
    QLabel* m_queued = nullptr;
    QLabel* m_inFlight = nullptr;
    QLabel* m_deferred = nullptr;
    QLabel* m_held = nullptr;
    QLabel* m_failed = nullptr;
    QLabel* m_delivered = nullptr;
    QLabel* m_oldest = nullptr;
    QLabel* m_sessions = nullptr;
    QPushButton* m_flush = nullptr;
};

} // namespace RelayDesk::Ui
