#pragma once

#include "service/AdminTypes.h"

#include <QChartView>
#include <QStringList>

class QBarCategoryAxis;
class QBarSet;
class QStackedBarSeries;
class QValueAxis;

namespace RelayDesk::Ui {

/// The Overview's chart of the last 24 hours: delivered / deferred / failed
/// attempts per hour as stacked bars (local hours on the axis). Colours follow
/// the widget's palette, so it reads in light and dark themes.
class HourlyChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HourlyChart)

public:
    explicit HourlyChart(QWidget* parent = nullptr);

    void setCounts(const QVector<RelayDesk::Service::HourlyCount>& hours);

    QStackedBarSeries* series() const { return m_series; }
    QBarSet* deliveredSet() const { return m_delivered; }
    QBarSet* deferredSet() const { return m_deferred; }
    QBarSet* failedSet() const { return m_failed; }
    QStringList categories() const { return m_categories; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QStackedBarSeries* m_series = nullptr;
    QBarSet* m_delivered = nullptr;
    QBarSet* m_deferred = nullptr;
    QBarSet* m_failed = nullptr;
    QBarCategoryAxis* m_hoursAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QStringList m_categories;
};

} // namespace RelayDesk::Ui
