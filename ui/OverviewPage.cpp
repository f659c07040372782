#include "OverviewPage.h"

#include "HourlyChart.h"
#include "RouteHealthModel.h"
#include "StateStyle.h"
#include "service/RelayService.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

QLabel* valueLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(QStringLiteral("–"), parent);
    label->setObjectName(QLatin1String(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

const QString headerKey = QStringLiteral("overview/header");

} // namespace

OverviewPage::OverviewPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    setObjectName(QStringLiteral("overview"));

    auto* relayBox = new QGroupBox(tr("Relay"), this);
    auto* relayForm = new QFormLayout(relayBox);
    m_state = valueLabel(relayBox, "state");
    m_state->setWordWrap(true);
    m_listeners = valueLabel(relayBox, "listeners");
    m_listeners->setWordWrap(true);
    m_upstream = valueLabel(relayBox, "upstream");
    m_upstream->setWordWrap(true);
    m_sessions = valueLabel(relayBox, "sessions");
    relayForm->addRow(tr("State:"), m_state);
    relayForm->addRow(tr("Listening on:"), m_listeners);
    relayForm->addRow(tr("Smarthost:"), m_upstream);
    relayForm->addRow(tr("Connections:"), m_sessions);

    auto* queueBox = new QGroupBox(tr("Queue"), this);
    auto* queueForm = new QFormLayout(queueBox);
    m_queued = valueLabel(queueBox, "queued");
    m_inFlight = valueLabel(queueBox, "inFlight");
    m_deferred = valueLabel(queueBox, "deferred");
    m_held = valueLabel(queueBox, "held");
    m_failed = valueLabel(queueBox, "failed");
    m_delivered = valueLabel(queueBox, "delivered");
    m_oldest = valueLabel(queueBox, "oldest");
    queueForm->addRow(tr("Queued:"), m_queued);
    queueForm->addRow(tr("Being delivered:"), m_inFlight);
    queueForm->addRow(tr("Deferred (will retry):"), m_deferred);
    queueForm->addRow(tr("Held:"), m_held);
    queueForm->addRow(tr("Failed today:"), m_failed);
    queueForm->addRow(tr("Delivered today:"), m_delivered);
    queueForm->addRow(tr("Oldest waiting:"), m_oldest);

    m_flush = new QPushButton(QIcon(QStringLiteral(":/icons/flush.svg")), tr("&Retry deferred now"),
                              this);
    m_flush->setObjectName(QStringLiteral("flush"));
    m_flush->setToolTip(tr("Try every deferred message again without waiting for its retry time"));
    connect(m_flush, &QPushButton::clicked, m_relay, &Service::RelayService::flushQueue);

    m_routes = new RouteHealthModel(this);
    m_routes->setPalette(palette());
    auto* routeProxy = new QSortFilterProxyModel(this);
    routeProxy->setSourceModel(m_routes);
    routeProxy->setSortRole(RouteHealthModel::SortRole);
    m_routeView = new QTableView(this);
    m_routeView->setObjectName(QStringLiteral("routeHealth"));
    m_routeView->setModel(routeProxy);
    m_routeView->setSortingEnabled(true);
    m_routeView->sortByColumn(RouteHealthModel::Name, Qt::AscendingOrder);
    m_routeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_routeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_routeView->setAlternatingRowColors(true);
    m_routeView->verticalHeader()->hide();
    m_routeView->horizontalHeader()->setStretchLastSection(true);
    m_routeView->horizontalHeader()->restoreState(QSettings().value(headerKey).toByteArray());
    auto* routeBox = new QGroupBox(tr("Routes"), this);
    auto* routeLayout = new QVBoxLayout(routeBox);
    routeLayout->addWidget(m_routeView);

    m_chart = new HourlyChart(this);
    m_chartTimer = new QTimer(this);
    m_chartTimer->setInterval(60 * 1000);
    connect(m_chartTimer, &QTimer::timeout, this, &OverviewPage::refreshChart);

    auto* top = new QHBoxLayout;
    top->addWidget(relayBox, 3);
    top->addWidget(queueBox, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_flush);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(routeBox, 1);
    layout->addWidget(m_chart, 2);

    connect(m_relay, &Service::RelayService::statusChanged, this, &OverviewPage::showStatus);
    connect(m_relay, &Service::RelayService::hourlyCountsReady, this,
            &OverviewPage::showHourlyCounts);
    showStatus(m_relay->lastStatus());
}

OverviewPage::~OverviewPage()
{
    QSettings().setValue(headerKey, m_routeView->horizontalHeader()->saveState());
}

void OverviewPage::refreshChart()
{
    m_relay->requestHourlyCounts();
}

void OverviewPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refreshChart();
    m_chartTimer->start();
}

void OverviewPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_chartTimer->stop();
}

void OverviewPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_routes->setPalette(palette());
}

void OverviewPage::showHourlyCounts(const QVector<Service::HourlyCount>& hours)
{
    m_chart->setCounts(hours);
}

void OverviewPage::showStatus(const Service::RelayStatus& status)
{
    using State = Service::RelayStatus::State;
    m_state->setText(relayStateText(status));
    // Anything but "Running" stands out: amber while paused, red when the
    // relay or an upstream is down.
    const QPalette pal = palette();
    QPalette statePalette = pal;
    bool upstreamDown = false;
    for (const auto& destination : status.destinations)
        upstreamDown = upstreamDown || destination.state == Queue::DestinationState::Paused;
    if (status.state == State::Failed || status.state == State::Stopped || upstreamDown)
        statePalette.setColor(QPalette::WindowText, stateColor(Store::RecipientState::Failed, pal));
    else if (status.state != State::Running || status.intakePaused)
        statePalette.setColor(QPalette::WindowText,
                              stateColor(Store::RecipientState::Deferred, pal));
    m_state->setPalette(statePalette);

    m_listeners->setText(status.listeners.isEmpty() ? tr("(none)")
                                                    : status.listeners.join(QLatin1Char('\n')));
    m_upstream->setText(status.smarthost.isEmpty()
                            ? tr("none configured — mail is kept in the queue")
                            : status.smarthost);
    m_sessions->setText(tr("%1 from clients, %2 to upstreams")
                            .arg(status.activeSessions)
                            .arg(status.activeDeliveries));
    const auto& c = status.counts;
    const QLocale locale;
    m_queued->setText(locale.toString(c.queued));
    m_inFlight->setText(locale.toString(c.inFlight));
    m_deferred->setText(locale.toString(c.deferred));
    m_held->setText(locale.toString(c.held));
    m_failed->setText(locale.toString(status.failedToday));
    m_delivered->setText(locale.toString(status.deliveredToday));
    const QDateTime now =
        status.takenAt.isValid() ? status.takenAt : QDateTime::currentDateTimeUtc();
    m_oldest->setText(oldestAgeText(c.oldestPending, now));
    m_flush->setEnabled(status.state == State::Running && c.deferred > 0);
    m_routes->setDestinations(status.destinations);

    // The chart is worth asking for again as soon as the relay is up.
    if (status.state == State::Running && m_lastState != State::Running && isVisible())
        refreshChart();
    m_lastState = status.state;
}

} // namespace RelayDesk::Ui
