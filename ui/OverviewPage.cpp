#include "OverviewPage.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
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

QString stateText(Service::RelayStatus::State state)
{
    using State = Service::RelayStatus::State;
    switch (state) {
    case State::Stopped:
        return OverviewPage::tr("Stopped");
    case State::Starting:
        return OverviewPage::tr("Starting…");
    case State::Running:
        return OverviewPage::tr("Running");
    case State::Stopping:
        return OverviewPage::tr("Stopping…");
    case State::Failed:
        return OverviewPage::tr("Failed");
    }
    return {};
}

QString ageText(const QDateTime& since, const QDateTime& now)
{
    if (!since.isValid())
        return OverviewPage::tr("none waiting");
    const qint64 secs = qMax<qint64>(0, since.secsTo(now));
    if (secs < 120)
        return OverviewPage::tr("%n second(s)", nullptr, int(secs));
    if (secs < 2 * 3600)
        return OverviewPage::tr("%n minute(s)", nullptr, int(secs / 60));
    return OverviewPage::tr("%n hour(s)", nullptr, int(secs / 3600));
}

} // namespace

OverviewPage::OverviewPage(QWidget* parent) : QWidget(parent)
{
    auto* relayBox = new QGroupBox(tr("Relay"), this);
    auto* relayForm = new QFormLayout(relayBox);
    m_state = valueLabel(relayBox, "state");
    m_listeners = valueLabel(relayBox, "listeners");
    m_listeners->setWordWrap(true);
    m_upstream = valueLabel(relayBox, "upstream");
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
    queueForm->addRow(tr("Failed:"), m_failed);
    queueForm->addRow(tr("Delivered:"), m_delivered);
    queueForm->addRow(tr("Oldest waiting:"), m_oldest);

    m_flush = new QPushButton(tr("&Retry deferred now"), this);
    m_flush->setObjectName(QStringLiteral("flush"));
    m_flush->setToolTip(tr("Try every deferred message again without waiting for its retry time"));
    connect(m_flush, &QPushButton::clicked, this, &OverviewPage::flushRequested);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_flush);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(relayBox);
    layout->addWidget(queueBox);
    layout->addLayout(buttons);
    layout->addStretch();
}

void OverviewPage::showStatus(const Service::RelayStatus& status)
{
    QString state = stateText(status.state);
    if (!status.error.isEmpty())
        state += QStringLiteral(" — ") + status.error;
    m_state->setText(state);
    m_listeners->setText(status.listeners.isEmpty() ? tr("(none)")
                                                    : status.listeners.join(QLatin1Char('\n')));
    m_upstream->setText(status.smarthost.isEmpty()
                            ? tr("none configured — mail is kept in the queue")
                            : status.smarthost);
    m_sessions->setText(tr("%1 from clients, %2 to the smarthost")
                            .arg(status.activeSessions)
                            .arg(status.activeDeliveries));
    const auto& c = status.counts;
    m_queued->setText(QString::number(c.queued));
    m_inFlight->setText(QString::number(c.inFlight));
    m_deferred->setText(QString::number(c.deferred));
    m_held->setText(QString::number(c.held));
    m_failed->setText(QString::number(c.failed));
    m_delivered->setText(QString::number(c.delivered));
    m_oldest->setText(ageText(c.oldestPending, status.takenAt));
    m_flush->setEnabled(status.state == Service::RelayStatus::State::Running && c.deferred > 0);
}

} // namespace RelayDesk::Ui
