#include "MainWindow.h"

#include "AppPreferences.h"
#include "Autostart.h"
#include "BouncesPage.h"
#include "DeliveryLogPage.h"
#include "DevicesPage.h"
#include "MessageDetailDialog.h"
#include "OverviewPage.h"
#include "QueuePage.h"
#include "SecurityPage.h"
#include "StateStyle.h"
#include "service/RelayService.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>

namespace RelayDesk::Ui {

MainWindow::MainWindow(Service::RelayService* relay, QWidget* parent)
    : QMainWindow(parent), m_relay(relay)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("RelayDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/relaydesk.svg")));

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setFocusPolicy(Qt::StrongFocus);
    m_sidebar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sidebar->setUniformItemSizes(true);
    m_sidebar->setSpacing(2);
    m_sidebar->setMinimumWidth(140);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({170, 730});
    setCentralWidget(m_splitter);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_statusState = new QLabel(this);
    m_statusState->setObjectName(QStringLiteral("statusState"));
    m_statusCounts = new QLabel(this);
    m_statusCounts->setObjectName(QStringLiteral("statusCounts"));
    statusBar()->addWidget(m_statusState);
    statusBar()->addPermanentWidget(m_statusCounts);

    createMenus();

    const AppPreferences prefs;
    m_savedPage = prefs.currentPage();
    m_overview = new OverviewPage(m_relay, this);
    addPage(m_overview, QIcon(QStringLiteral(":/icons/overview.svg")), tr("Overview"));
    addKnownPages();

    connect(m_relay, &Service::RelayService::statusChanged, this, &MainWindow::showStatus);
    showStatus(m_relay->lastStatus());

    if (!restoreGeometry(prefs.windowGeometry()))
        resize(900, 640);
    restoreState(prefs.windowState());
    m_splitter->restoreState(prefs.splitterState());
}

MainWindow::~MainWindow() = default;

namespace {

/// Names a page for the "last page shown" setting unless it named itself.
template <typename Page> Page* named(Page* page, const char* name)
{
    if (page->objectName().isEmpty())
        page->setObjectName(QLatin1String(name));
    return page;
}

} // namespace

void MainWindow::addKnownPages()
{
    addPage(named(new QueuePage(m_relay, this), "queue"),
            QIcon(QStringLiteral(":/icons/queue.svg")), tr("Queue"));
    addPage(named(new DeliveryLogPage(m_relay, this), "log"),
            QIcon(QStringLiteral(":/icons/log.svg")), tr("Delivery Log"));
    addPage(named(new BouncesPage(m_relay, this), "bounces"),
            QIcon(QStringLiteral(":/icons/bounces.svg")), tr("Bounces"));
    addPage(named(new DevicesPage(m_relay, this), "devices"),
            QIcon(QStringLiteral(":/icons/devices.svg")), tr("Devices"));
    addPage(named(new SecurityPage(m_relay, this), "security"),
            QIcon(QStringLiteral(":/icons/credentials.svg")), tr("Security"));
}

QIcon MainWindow::selectableIcon(const QIcon& icon, const QPalette& palette)
{
    // The style's own selected-mode pixmap blends the icon with the
    // highlight, which makes a dark icon vanish on a dark highlight. Drawn
    // in the highlighted-text colour instead, it reads like the title.
    QIcon result;
    for (const int size : {16, 24, 32, 48}) {
        const QPixmap normal = icon.pixmap(QSize(size, size));
        if (normal.isNull())
            continue;
        QPixmap selected(normal.size());
        selected.setDevicePixelRatio(normal.devicePixelRatio());
        selected.fill(Qt::transparent);
        QPainter painter(&selected);
        painter.drawPixmap(0, 0, normal);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(selected.rect(), palette.color(QPalette::HighlightedText));
        painter.end();
        result.addPixmap(normal, QIcon::Normal);
        result.addPixmap(selected, QIcon::Selected);
    }
    return result;
}

int MainWindow::insertPage(QWidget* page, const QIcon& icon, const QString& title)
{
    const int index = m_pages->addWidget(page);
    auto* item = new QListWidgetItem(selectableIcon(icon, m_sidebar->palette()), title, m_sidebar);
    item->setToolTip(title);
    auto* action = m_viewMenu->addAction(icon, title);
    action->setCheckable(true);
    action->setObjectName(QStringLiteral("viewPage%1").arg(index));
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    m_pageActions->addAction(action);
    connect(action, &QAction::triggered, this, [this, index] { setCurrentPage(index); });
    connect(m_sidebar, &QListWidget::currentRowChanged, action,
            [action, index](int row) { action->setChecked(row == index); });

    // The first page, or the one shown when the window was last closed.
    if (m_sidebar->currentRow() < 0 ||
        (!m_savedPage.isEmpty() && page->objectName() == m_savedPage))
        setCurrentPage(index);
    return index;
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

int MainWindow::currentPageIndex() const
{
    return m_pages->currentIndex();
}

QWidget* MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::setCurrentPage(int index)
{
    if (index >= 0 && index < m_pages->count())
        m_sidebar->setCurrentRow(index);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_autostartAction = file->addAction(tr("Start at &Login (minimised)"));
    m_autostartAction->setObjectName(QStringLiteral("autostartAction"));
    m_autostartAction->setCheckable(true);
    m_autostartAction->setChecked(Autostart().isEnabled());
    connect(m_autostartAction, &QAction::triggered, this, &MainWindow::setStartAtLogin);
    file->addSeparator();
    QAction* close = file->addAction(tr("&Close Window"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QAction* quit = file->addAction(tr("&Quit"), this, &MainWindow::quitRequested);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* relay = menuBar()->addMenu(tr("&Relay"));
    m_pauseAction =
        relay->addAction(QIcon(QStringLiteral(":/icons/pause.svg")), tr("&Pause Intake"));
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pauseAction->setStatusTip(
        tr("Refuse new mail with a temporary error; queued mail keeps being delivered"));
    connect(m_pauseAction, &QAction::triggered, m_relay, &Service::RelayService::setIntakePaused);
    m_flushAction =
        relay->addAction(QIcon(QStringLiteral(":/icons/flush.svg")), tr("&Flush Queue"));
    m_flushAction->setObjectName(QStringLiteral("flushAction"));
    m_flushAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_flushAction->setStatusTip(tr("Retry every deferred message now"));
    connect(m_flushAction, &QAction::triggered, m_relay, &Service::RelayService::flushQueue);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_pageActions = new QActionGroup(this);
    m_pageActions->setExclusive(true);
    QMenu* appearance = menuBar()->addMenu(tr("&Settings"));
    QAction* dark = appearance->addAction(tr("&Dark Theme"));
    dark->setObjectName(QStringLiteral("darkThemeAction"));
    dark->setCheckable(true);
    dark->setChecked(AppPreferences().darkTheme());
    connect(dark, &QAction::triggered, this, &MainWindow::setDarkTheme);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About RelayDesk"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showStatus(const Service::RelayStatus& status)
{
    m_statusState->setText(relayStateText(status));
    const auto& c = status.counts;
    m_statusCounts->setText(tr("%1 queued · %2 deferred · %3 held · %4 failed today · "
                               "%5 delivered today")
                                .arg(c.queued + c.inFlight)
                                .arg(c.deferred)
                                .arg(c.held)
                                .arg(status.failedToday)
                                .arg(status.deliveredToday));
    const bool running = status.state == Service::RelayStatus::State::Running;
    m_pauseAction->setEnabled(running);
    m_pauseAction->setChecked(status.intakePaused);
    m_pauseAction->setIcon(QIcon(status.intakePaused ? QStringLiteral(":/icons/resume.svg")
                                                     : QStringLiteral(":/icons/pause.svg")));
    m_pauseAction->setText(status.intakePaused ? tr("Resume &Intake") : tr("&Pause Intake"));
    m_flushAction->setEnabled(running);
}

void MainWindow::saveLayout() const
{
    AppPreferences prefs;
    prefs.setWindowGeometry(saveGeometry());
    prefs.setWindowState(saveState());
    prefs.setSplitterState(m_splitter->saveState());
    if (QWidget* page = currentPage())
        prefs.setCurrentPage(page->objectName());
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::openMessage(qint64 messageId)
{
    MessageDetailDialog::show(m_relay, messageId, this);
    Q_EMIT messageOpened(messageId);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    if (m_hideOnClose) {
        // The relay keeps running; the tray brings the window back.
        hide();
        event->ignore();
        return;
    }
    event->accept();
    Q_EMIT quitRequested();
}

void MainWindow::setDarkTheme(bool dark)
{
    AppPreferences().setDarkTheme(dark);
    if (dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(fusionDarkPalette());
    } else {
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

void MainWindow::setStartAtLogin(bool enabled)
{
    QString error;
    if (Autostart().setEnabled(enabled, &error))
        return;
    m_autostartAction->setChecked(!enabled);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("RelayDesk"),
                                tr("The login start could not be changed:\n\n%1").arg(error),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("About RelayDesk"),
        tr("<b>RelayDesk %1</b><p>The office mail relay: accepts mail from printers, scanners "
           "and applications on the LAN, keeps every message safe on disk and forwards it to "
           "your mail provider.</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped()),
        QMessageBox::Ok, this);
    box->setIconPixmap(QIcon(QStringLiteral(":/icons/relaydesk.svg")).pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace RelayDesk::Ui
