#pragma once

#include "service/RelayStatus.h"

#include <QMainWindow>

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class OverviewPage;

/// The manager's main window. Pages are their own classes; the window only
/// arranges them and forwards the service's snapshots.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Service::RelayService* service, QWidget* parent = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void showStatus(const Service::RelayStatus& status);

    Service::RelayService* m_service;
    OverviewPage* m_overview = nullptr;
};

} // namespace RelayDesk::Ui
