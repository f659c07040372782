#include "HourlyChart.h"

#include "StateStyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>

namespace RelayDesk::Ui {

// The chart is handed to the base constructor: QChartView(QWidget*) makes a
// default chart of its own, and setChart() would only take it out of the scene,
// never delete it.
HourlyChart::HourlyChart(QWidget* parent) : QChartView(new QChart, parent)
{
    setObjectName(QStringLiteral("hourlyChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);

    QChart* chart = this->chart();
    chart->setTitle(tr("Last 24 hours"));
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);

    m_delivered = new QBarSet(tr("Delivered"));
    m_deferred = new QBarSet(tr("Deferred"));
    m_failed = new QBarSet(tr("Failed"));
    m_series = new QStackedBarSeries;
    m_series->append(m_delivered);
    m_series->append(m_deferred);
    m_series->append(m_failed);
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);

    m_hoursAxis = new QBarCategoryAxis;
    m_hoursAxis->setTitleText(tr("Hour"));
    m_countAxis = new QValueAxis;
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setRange(0, 4);
    m_countAxis->setTickCount(5);
    chart->addAxis(m_hoursAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    m_series->attachAxis(m_hoursAxis);
    m_series->attachAxis(m_countAxis);
    applyPalette();
}

void HourlyChart::setCounts(const QVector<Service::HourlyCount>& hours)
{
    QStringList categories;
    QList<qreal> delivered, deferred, failed;
    int highest = 0;
    for (const auto& hour : hours) {
        // Labels unique per bar: a repeated category would merge two bars.
        categories << hour.hourStart.toLocalTime().toString(QStringLiteral("HH"));
        delivered << hour.delivered;
        deferred << hour.deferred;
        failed << hour.failed;
        highest = qMax(highest, hour.delivered + hour.deferred + hour.failed);
    }
    m_categories = categories;
    m_delivered->remove(0, m_delivered->count());
    m_deferred->remove(0, m_deferred->count());
    m_failed->remove(0, m_failed->count());
    m_delivered->append(delivered);
    m_deferred->append(deferred);
    m_failed->append(failed);
    m_hoursAxis->setCategories(categories);
    // Whole-number ticks: round the top up to a multiple of 4 (5 ticks).
    const int top = qMax(4, (highest + 3) / 4 * 4);
    m_countAxis->setRange(0, top);
}

void HourlyChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void HourlyChart::applyPalette()
{
    const QPalette pal = palette();
    QChart* c = chart();
    c->setBackgroundBrush(pal.brush(QPalette::Base));
    c->setBackgroundPen(QPen(pal.color(QPalette::Mid)));
    c->setTitleBrush(pal.brush(QPalette::Text));
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis* axis :
         {static_cast<QAbstractAxis*>(m_hoursAxis), static_cast<QAbstractAxis*>(m_countAxis)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.brush(QPalette::Text));
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(pal.color(QPalette::Midlight));
    }
    m_delivered->setColor(stateColor(Store::RecipientState::Delivered, pal));
    m_deferred->setColor(stateColor(Store::RecipientState::Deferred, pal));
    m_failed->setColor(stateColor(Store::RecipientState::Failed, pal));
    for (QBarSet* set : {m_delivered, m_deferred, m_failed})
        set->setBorderColor(pal.color(QPalette::Base));
}

} // namespace RelayDesk::Ui
