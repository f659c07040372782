#include "MainWindow.h"

#include "OverviewPage.h"
#include "service/RelayService.h"

#include <QCloseEvent>
#include <QSettings>
#include <QStatusBar>

namespace RelayDesk::Ui {

MainWindow::MainWindow(Service::RelayService* service, QWidget* parent)
    : QMainWindow(parent), m_service(service)
{
    setWindowTitle(tr("RelayDesk"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/relaydesk.svg")));
    m_overview = new OverviewPage(this);
    setCentralWidget(m_overview);
    connect(m_overview, &OverviewPage::flushRequested, m_service,
            &Service::RelayService::flushQueue);
    connect(m_service, &Service::RelayService::statusChanged, this, &MainWindow::showStatus);
    showStatus(m_service->lastStatus());

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(520, 480);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

void MainWindow::showStatus(const Service::RelayStatus& status)
{
    m_overview->showStatus(status);
    const auto& c = status.counts;
    statusBar()->showMessage(tr("%1 queued · %2 deferred · %3 failed · %4 delivered")
                                 .arg(c.queued + c.inFlight)
                                 .arg(c.deferred)
                                 .arg(c.failed)
                                 .arg(c.delivered));
}

} // namespace RelayDesk::Ui
