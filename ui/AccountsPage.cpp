#include "AccountsPage.h"

#include "AccountDialog.h"
#include "AccountModel.h"
#include "AccountPasswordDialog.h"
#include "ListView.h"
#include "service/RelayService.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("accounts/header");

} // namespace

AccountsPage::AccountsPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new AccountModel(this);
    m_proxy = sortedProxy(m_model, AccountModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("accountsView"),
                           .sortColumn = AccountModel::NameColumn,
                           .sortOrder = Qt::AscendingOrder,
                           .selection = QAbstractItemView::SingleSelection,
                           .headerKey = headerKey},
                          this);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    auto* intro = new QLabel(tr("Accounts let apps and devices log in (SMTP AUTH) to send "
                                "through the relay. Each may only use its allowed senders."),
                             this);
    intro->setWordWrap(true);
    m_add = new QPushButton(tr("&Add…"), this);
    m_add->setObjectName(QStringLiteral("addAccount"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_edit->setObjectName(QStringLiteral("editAccount"));
    m_password = new QPushButton(tr("Set &password…"), this);
    m_password->setObjectName(QStringLiteral("setAccountPassword"));
    m_delete = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteAccount"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("accountsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_password);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setTabOrder(m_view, m_add);
    setTabOrder(m_add, m_edit);
    setTabOrder(m_edit, m_password);
    setTabOrder(m_password, m_delete);

    connect(m_add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsPage::editPolicy);
    connect(m_password, &QPushButton::clicked, this, &AccountsPage::setPassword);
    connect(m_delete, &QPushButton::clicked, this, &AccountsPage::confirmDelete);
    connect(m_view, &QTableView::activated, this, &AccountsPage::editPolicy);
    auto* deleteKey = new QShortcut(QKeySequence::Delete, m_view);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &AccountsPage::confirmDelete);
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &AccountsPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccountsPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &AccountsPage::updateButtons);

    connect(m_relay, &Service::RelayService::accountsReady, this, &AccountsPage::showAccounts);
    connect(m_relay, &Service::RelayService::accountAdded, this, &AccountsPage::accountAdded);
    connect(m_relay, &Service::RelayService::actionDone, this, &AccountsPage::actionDone);
    updateButtons();
}

AccountsPage::~AccountsPage()
{
    saveListViewHeader(m_view, headerKey);
}

void AccountsPage::refresh()
{
    m_relay->requestAccounts();
}

QString AccountsPage::selectedName() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AccountModel::NameRole).toString();
}

void AccountsPage::showAccounts(const QVector<Service::AccountInfo>& accounts, const QString& error)
{
    if (!error.isEmpty()) {
        m_status->setText(tr("The accounts could not be read: %1").arg(error));
        return;
    }
    // Every answer is the complete list; keep the selection by name.
    const QString selected = selectedName();
    m_model->setAccounts(accounts);
    const int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                                  QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
    if (accounts.isEmpty() && m_status->text().isEmpty())
        m_status->setText(tr("No accounts yet. Devices on the allowed networks can send without "
                             "one; add an account for an app that must log in."));
    updateButtons();
}

void AccountsPage::updateButtons()
{
    const bool selected = !selectedName().isEmpty();
    m_edit->setEnabled(selected);
    m_password->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void AccountsPage::openDialog(AccountDialog* dialog)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AccountsPage::addAccount()
{
    auto* dialog = new AccountDialog(AccountDialog::Mode::Add, {}, {}, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_pendingAdd = dialog->name();
        m_status->setText(tr("Adding %1…").arg(m_pendingAdd));
        m_relay->addAccount(dialog->name(), dialog->password(), dialog->generatePassword(),
                            dialog->policy());
    });
    openDialog(dialog);
}

void AccountsPage::editPolicy()
{
    const QString name = selectedName();
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    auto* dialog = new AccountDialog(AccountDialog::Mode::EditPolicy, name,
                                     m_model->accountAt(row).policy, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_status->setText(tr("Saving %1…").arg(dialog->name()));
        m_relay->setAccountPolicy(dialog->name(), dialog->policy());
    });
    openDialog(dialog);
}

void AccountsPage::setPassword()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    auto* dialog = new AccountDialog(AccountDialog::Mode::SetPassword, name, {}, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_status->setText(tr("Setting the password of %1…").arg(dialog->name()));
        m_relay->setAccountPassword(dialog->name(), dialog->password());
    });
    openDialog(dialog);
}

void AccountsPage::confirmDelete()
{
    const QString name = selectedName();
    if (name.isEmpty() || m_confirmation)
        return;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete account"),
        tr("Delete the account \"%1\"? Apps using it can no longer log in.").arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteAccountConfirmation"));
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, name] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_status->setText(tr("Deleting %1…").arg(name));
        m_relay->deleteAccount(name);
    });
    box->open();
}

void AccountsPage::accountAdded(const QString& name, const QString& password, const QString& error)
{
    if (name != m_pendingAdd)
        return;
    m_pendingAdd.clear();
    if (!error.isEmpty()) {
        m_status->setText(tr("%1 was not added: %2").arg(name, error));
        return;
    }
    m_status->setText(tr("Account %1 added.").arg(name));
    if (!password.isEmpty()) {
        auto* shown = new AccountPasswordDialog(name, password, this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
    }
    refresh();
}

void AccountsPage::actionDone(const Service::ActionResult& result)
{
    static const QStringList ours{QStringLiteral("account-policy"),
                                  QStringLiteral("account-password"),
                                  QStringLiteral("account-delete")};
    if (!ours.contains(result.action))
        return;
    if (!result.error.isEmpty())
        m_status->setText(tr("Not done: %1").arg(result.error));
    else if (result.action == ours.at(0))
        m_status->setText(tr("Policy saved."));
    else if (result.action == ours.at(1))
        m_status->setText(tr("Password set."));
    else
        m_status->setText(tr("Account deleted."));
    refresh();
}

void AccountsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace RelayDesk::Ui
