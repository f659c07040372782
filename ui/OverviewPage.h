#pragma once

#include "service/AdminTypes.h"
#include "service/RelayStatus.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class HourlyChart;
class RouteHealthModel;

/// The overview: relay state, listeners, upstream, counts by state, the
/// oldest queued message's age, each destination's health and a chart of the
/// last 24 hours. Fed by RelayStatus snapshots and requestHourlyCounts (every
/// minute while visible); never calls into the core directly.
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)

public:
    explicit OverviewPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~OverviewPage() override;

    void showStatus(const RelayDesk::Service::RelayStatus& status);
    /// Asks the core for the last 24 hours (the answer fills the chart).
    void refreshChart();

    HourlyChart* chart() const { return m_chart; }
    RouteHealthModel* routeHealth() const { return m_routes; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showHourlyCounts(const QVector<RelayDesk::Service::HourlyCount>& hours);

    Service::RelayService* m_relay;
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
    QTableView* m_routeView = nullptr;
    RouteHealthModel* m_routes = nullptr;
    HourlyChart* m_chart = nullptr;
    QTimer* m_chartTimer = nullptr;
    Service::RelayStatus::State m_lastState = Service::RelayStatus::State::Stopped;
};

} // namespace RelayDesk::Ui
