#pragma once

#include "service/RelayStatus.h"

#include <QMainWindow>
#include <concepts>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class OverviewPage;

/// The manager's main window: a sidebar of pages (each page its own class),
/// menus for the relay's actions and a status bar. It only arranges pages and
/// opens message details; the tray is a separate class. Closing the window
/// can hide it instead (the relay keeps running in the tray); quitting is an
/// explicit request, answered by whoever owns the relay.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Service::RelayService* relay, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Adds a page to the sidebar (and the View menu) and returns its index.
    /// A page that declares `messageActivated(qint64)` gets it connected to
    /// the message detail. The page's objectName keys the "last page shown"
    /// setting.
    template <typename Page>
    requires std::derived_from<Page, QWidget>
    int addPage(Page* page, const QIcon& icon, const QString& title)
    {
        const int index = insertPage(page, icon, title);
        if constexpr (requires { &Page::messageActivated; })
            connect(page, &Page::messageActivated, this, &MainWindow::openMessage);
        return index;
    }

    int pageCount() const;
    int currentPageIndex() const;
    QWidget* currentPage() const;
    void setCurrentPage(int index);
    OverviewPage* overview() const { return m_overview; }
    QListWidget* sidebar() const { return m_sidebar; }
    QSplitter* splitter() const { return m_splitter; }

    /// With a tray, closing the window only hides it (the relay keeps
    /// running); without one, closing means quitting.
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }
    bool hideOnClose() const { return m_hideOnClose; }

    /// Geometry, window state, splitter and current page into QSettings.
    void saveLayout() const;

    /// Shows the window in front (from the tray, or a second launch).
    void bringToFront();

    /// Opens the detail of a message (from any page).
    void openMessage(qint64 messageId);

Q_SIGNALS:
    /// The admin chose Quit: the owner stops the relay, then quits.
    void quitRequested();
    /// A message's detail was asked for (also when no detail view exists).
    void messageOpened(qint64 messageId);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    int insertPage(QWidget* page, const QIcon& icon, const QString& title);
    /// `icon` with a selected-mode pixmap in the highlighted-text colour.
    static QIcon selectableIcon(const QIcon& icon, const QPalette& palette);
    void createMenus();
    void addKnownPages();
    void showStatus(const Service::RelayStatus& status);
    void setDarkTheme(bool dark);
    void setStartAtLogin(bool enabled);
    void showAbout();

    Service::RelayService* m_relay;
    OverviewPage* m_overview = nullptr;
    QSplitter* m_splitter = nullptr;
    QListWidget* m_sidebar = nullptr;
    QStackedWidget* m_pages = nullptr;
    QMenu* m_viewMenu = nullptr;
    QActionGroup* m_pageActions = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_flushAction = nullptr;
    QAction* m_autostartAction = nullptr;
    QLabel* m_statusState = nullptr;
    QLabel* m_statusCounts = nullptr;
    QString m_savedPage;
    bool m_hideOnClose = false;
};

} // namespace RelayDesk::Ui
