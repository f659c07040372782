#pragma once

#include "service/AdminTypes.h"
#include "service/SecurityTypes.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QMessageBox;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class AccountDialog;
class AccountModel;

/// The Accounts page: local SMTP AUTH accounts for apps and devices, with
/// their allowed senders and own rate limits. Adds accounts (a generated
/// password by default, shown once), edits policies, sets passwords and
/// deletes accounts (with confirmation), all through RelayService.
class AccountsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPage)

public:
    explicit AccountsPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~AccountsPage() override;

    void refresh();
    /// Name of the selected account, empty when none.
    QString selectedName() const;

    void addAccount();
    void editPolicy();
    void setPassword();
    void confirmDelete();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showAccounts(const QVector<Service::AccountInfo>& accounts, const QString& error);
    void accountAdded(const QString& name, const QString& password, const QString& error);
    void actionDone(const Service::ActionResult& result);
    void updateButtons();
    void openDialog(AccountDialog* dialog);

    Service::RelayService* m_relay;
    AccountModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_password = nullptr;
    QPushButton* m_delete = nullptr;
    QLabel* m_status = nullptr;
    QPointer<AccountDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
    QString m_pendingAdd; ///< the account being added (its answer is ours)
};

} // namespace RelayDesk::Ui
