#pragma once

#include "service/RelayStatus.h"

#include <QIcon>
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class Notifier;

/// The tray icon: the relay's state at a glance (all good / something
/// deferred / failing or stopped), counts in the tooltip, a menu to open the
/// window, pause intake, flush the queue and quit, and throttled
/// notifications for the core's alerts. Without a system tray (offscreen,
/// some desktops) it still keeps its state, tooltip and actions, so the rest
/// of the application and the tests can use it the same way.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    enum class Level { Ok, Warning, Error };
    Q_ENUM(Level)

    /// `notifier` may be nullptr (then one with the wall clock is created);
    /// it is reparented to the tray.
    explicit TrayIcon(Service::RelayService* relay, Notifier* notifier = nullptr,
                      QObject* parent = nullptr);
    ~TrayIcon() override;

    /// Error: stopped, failed or an upstream unreachable. Warning: mail
    /// deferred, intake paused, or an upstream recovering/rate limited.
    static Level levelFor(const Service::RelayStatus& status);
    /// The resource path of the icon for `level` (":/icons/tray-ok.svg" ...).
    static QString iconPath(Level level);
    /// State, counts and the oldest queued message's age.
    static QString toolTipFor(const Service::RelayStatus& status);

    /// Shows the icon when the desktop has a tray; returns whether it does.
    bool showIfAvailable();
    bool isVisible() const;

    Level level() const { return m_level; }
    QIcon icon() const { return m_icon; }
    QString toolTip() const { return m_toolTip; }
    QMenu* menu() const { return m_menu; }
    QAction* openAction() const { return m_open; }
    QAction* pauseAction() const { return m_pause; }
    QAction* flushAction() const { return m_flush; }
    QAction* quitAction() const { return m_quit; }
    Notifier* notifier() const { return m_notifier; }

    void showStatus(const Service::RelayStatus& status);

Q_SIGNALS:
    void openRequested();
    void quitRequested();
    /// A notification was shown (or would have been, without a tray).
    void notified(const QString& title, const QString& text);

private:
    void showNotification(const QString& title, const QString& text);

    Service::RelayService* m_relay;
    Notifier* m_notifier;
    QMenu* m_menu = nullptr; ///< owned; QMenu cannot have a QObject parent
    QSystemTrayIcon* m_tray = nullptr;
    QAction* m_open = nullptr;
    QAction* m_pause = nullptr;
    QAction* m_flush = nullptr;
    QAction* m_quit = nullptr;
    Level m_level = Level::Error;
    QIcon m_icon;
    QString m_toolTip;
};

} // namespace RelayDesk::Ui
