#include "LockoutsPage.h"

#include "ListView.h"
#include "LockoutModel.h"
#include "service/RelayService.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("lockouts/header");
constexpr int refreshMs = 3000;

} // namespace

LockoutsPage::LockoutsPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new LockoutModel(this);
    m_proxy = sortedProxy(m_model, LockoutModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("lockoutsView"),
                           .sortColumn = LockoutModel::UntilColumn,
                           .sortOrder = Qt::DescendingOrder,
                           .selection = QAbstractItemView::SingleSelection,
                           .headerKey = headerKey},
                          this);

    auto* intro = new QLabel(tr("Addresses that failed to log in too often are blocked from "
                                "logging in for a while. Unblock one you trust (e.g. after "
                                "fixing a device's password)."),
                             this);
    intro->setWordWrap(true);
    m_unblock = new QPushButton(tr("&Unblock"), this);
    m_unblock->setObjectName(QStringLiteral("unblockButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("lockoutsStatus"));
    m_status->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_unblock);
    buttons->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &LockoutsPage::refresh);
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &LockoutsPage::refresh);
    connect(m_unblock, &QPushButton::clicked, this, &LockoutsPage::unblockSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LockoutsPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LockoutsPage::updateButtons);
    connect(m_relay, &Service::RelayService::lockoutsReady, this, &LockoutsPage::showClients);
    connect(m_relay, &Service::RelayService::actionDone, this, &LockoutsPage::actionDone);
    updateButtons();
}

LockoutsPage::~LockoutsPage()
{
    saveListViewHeader(m_view, headerKey);
}

void LockoutsPage::refresh()
{
    m_relay->requestLockouts();
}

QString LockoutsPage::selectedAddress() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(LockoutModel::AddressRole).toString();
}

void LockoutsPage::updateButtons()
{
    m_unblock->setEnabled(!selectedAddress().isEmpty() && m_pendingUnblock.isEmpty());
}

void LockoutsPage::showClients(const QVector<Auth::LockedOutClient>& clients)
{
    const QString selected = selectedAddress();
    m_model->setClients(clients);
    int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    if (row < 0 && m_model->rowCount() > 0)
        row = m_proxy->mapToSource(m_proxy->index(0, 0)).row();
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                                  QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
    // An unblock's result stays readable; otherwise say when the list is empty.
    if (clients.isEmpty() && m_pendingUnblock.isEmpty() && m_status->text().isEmpty())
        m_status->setText(tr("No client is blocked."));
    else if (!clients.isEmpty() && m_status->text() == tr("No client is blocked."))
        m_status->clear();
    updateButtons();
}

void LockoutsPage::unblockSelected()
{
    const QString address = selectedAddress();
    if (address.isEmpty() || !m_pendingUnblock.isEmpty())
        return;
    m_pendingUnblock = address;
    m_status->setText(tr("Unblocking %1…").arg(address));
    updateButtons();
    m_relay->unblockClient(address);
}

void LockoutsPage::actionDone(const Service::ActionResult& result)
{
    if (result.action != QLatin1String("unblock") || m_pendingUnblock.isEmpty())
        return;
    const QString address = m_pendingUnblock;
    m_pendingUnblock.clear();
    if (!result.error.isEmpty())
        m_status->setText(tr("%1 was not unblocked: %2").arg(address, result.error));
    else if (result.affected == 0)
        m_status->setText(tr("%1 was no longer blocked.").arg(address));
    else
        m_status->setText(tr("%1 unblocked.").arg(address));
    updateButtons();
    refresh();
}

void LockoutsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void LockoutsPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
}

} // namespace RelayDesk::Ui
