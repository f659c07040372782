#include "TrayIcon.h"

#include "Notifier.h"
#include "StateStyle.h"
#include "service/RelayService.h"

#include <QAction>
#include <QMenu>
#include <QSystemTrayIcon>

namespace RelayDesk::Ui {

using Service::RelayStatus;

TrayIcon::TrayIcon(Service::RelayService* relay, Notifier* notifier, QObject* parent)
    : QObject(parent), m_relay(relay), m_notifier(notifier ? notifier : new Notifier(nullptr, this))
{
    m_notifier->setParent(this);
    m_menu = new QMenu;
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_open =
        m_menu->addAction(QIcon(QStringLiteral(":/icons/relaydesk.svg")), tr("&Open RelayDesk"));
    m_open->setObjectName(QStringLiteral("trayOpen"));
    m_menu->addSeparator();
    m_pause = m_menu->addAction(QIcon(QStringLiteral(":/icons/pause.svg")), tr("&Pause intake"));
    m_pause->setObjectName(QStringLiteral("trayPause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("New connections are refused with a temporary error; queued mail "
                           "keeps being delivered"));
    m_flush = m_menu->addAction(QIcon(QStringLiteral(":/icons/flush.svg")), tr("&Flush queue"));
    m_flush->setObjectName(QStringLiteral("trayFlush"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit RelayDesk"));
    m_quit->setObjectName(QStringLiteral("trayQuit"));

    connect(m_open, &QAction::triggered, this, &TrayIcon::openRequested);
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_pause, &QAction::triggered, m_relay, &Service::RelayService::setIntakePaused);
    connect(m_flush, &QAction::triggered, m_relay, &Service::RelayService::flushQueue);

    m_tray = new QSystemTrayIcon(this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT openRequested();
            });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openRequested);

    connect(m_notifier, &Notifier::notificationReady, this, &TrayIcon::showNotification);
    connect(m_relay, &Service::RelayService::alertRaised, m_notifier, &Notifier::post);
    connect(m_relay, &Service::RelayService::statusChanged, this, &TrayIcon::showStatus);
    showStatus(m_relay->lastStatus());
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

TrayIcon::Level TrayIcon::levelFor(const RelayStatus& status)
{
    if (status.state != RelayStatus::State::Running)
        return status.state == RelayStatus::State::Starting ? Level::Warning : Level::Error;
    Level level = Level::Ok;
    for (const auto& destination : status.destinations) {
        if (destination.state == Queue::DestinationState::Paused)
            return Level::Error;
        if (destination.state == Queue::DestinationState::Probing ||
            destination.state == Queue::DestinationState::RateLimited)
            level = Level::Warning;
    }
    if (status.counts.deferred > 0 || status.intakePaused)
        level = Level::Warning;
    return level;
}

QString TrayIcon::iconPath(Level level)
{
    switch (level) {
    case Level::Ok:
        return QStringLiteral(":/icons/tray-ok.svg");
    case Level::Warning:
        return QStringLiteral(":/icons/tray-warn.svg");
    case Level::Error:
        return QStringLiteral(":/icons/tray-error.svg");
    }
    return {};
}

QString TrayIcon::toolTipFor(const RelayStatus& status)
{
    const auto& c = status.counts;
    const QDateTime now =
        status.takenAt.isValid() ? status.takenAt : QDateTime::currentDateTimeUtc();
    QStringList lines;
    lines << tr("RelayDesk — %1").arg(relayStateText(status));
    lines << tr("%1 queued · %2 deferred · %3 held")
                 .arg(c.queued + c.inFlight)
                 .arg(c.deferred)
                 .arg(c.held);
    lines
        << tr("Today: %1 delivered · %2 failed").arg(status.deliveredToday).arg(status.failedToday);
    lines << tr("Oldest waiting: %1").arg(oldestAgeText(c.oldestPending, now));
    return lines.join(QLatin1Char('\n'));
}

bool TrayIcon::showIfAvailable()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray->show();
    return true;
}

bool TrayIcon::isVisible() const
{
    return m_tray->isVisible();
}

void TrayIcon::showStatus(const RelayStatus& status)
{
    const Level level = levelFor(status);
    if (level != m_level || m_icon.isNull()) {
        m_level = level;
        m_icon = QIcon(iconPath(level));
        m_tray->setIcon(m_icon);
    }
    m_toolTip = toolTipFor(status);
    m_tray->setToolTip(m_toolTip);

    const bool running = status.state == RelayStatus::State::Running;
    m_pause->setEnabled(running);
    m_pause->setChecked(status.intakePaused);
    m_pause->setText(status.intakePaused ? tr("Resume &intake") : tr("&Pause intake"));
    m_pause->setIcon(QIcon(status.intakePaused ? QStringLiteral(":/icons/resume.svg")
                                               : QStringLiteral(":/icons/pause.svg")));
    m_flush->setEnabled(running);
}

void TrayIcon::showNotification(const QString& title, const QString& text)
{
    if (m_tray->isVisible())
        m_tray->showMessage(title, text,
                            m_level == Level::Error ? QSystemTrayIcon::Warning
                                                    : QSystemTrayIcon::Information);
    Q_EMIT notified(title, text);
}

} // namespace RelayDesk::Ui
