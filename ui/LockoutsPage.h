#pragma once

#include "auth/LockedOutClient.h"
#include "service/AdminTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class LockoutModel;

/// The Blocked clients page: client addresses locked out after too many
/// failed logins, with an Unblock action. Refreshes while visible (a
/// lockout can start at any moment, and ends by itself).
class LockoutsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockoutsPage)

public:
    explicit LockoutsPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~LockoutsPage() override;

    void refresh();
    /// Lifts the lockout of the selected address.
    void unblockSelected();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showClients(const QVector<Auth::LockedOutClient>& clients);
    void actionDone(const Service::ActionResult& result);
    QString selectedAddress() const;
    void updateButtons();

    Service::RelayService* m_relay;
    LockoutModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_unblock = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QString m_pendingUnblock;
};

} // namespace RelayDesk::Ui
