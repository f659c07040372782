#include "SuppressionsTab.h"

#include "SuppressionModel.h"
#include "service/RelayService.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

constexpr int RefreshMs = 5000;
const QString HeaderKey = QStringLiteral("suppressions/header");

} // namespace

SuppressionsTab::SuppressionsTab(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("suppressionFilter"));
    m_filter->setPlaceholderText(tr("Search recipient, domain or reason (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);

    m_model = new SuppressionModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SuppressionModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("suppressionView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SuppressionModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->restoreState(QSettings().value(HeaderKey).toByteArray());
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this] { QSettings().setValue(HeaderKey, m_view->horizontalHeader()->saveState()); });

    m_recipient = new QLineEdit(this);
    m_recipient->setObjectName(QStringLiteral("suppressionRecipient"));
    m_recipient->setPlaceholderText(tr("recipient@example.com"));
    m_domain = new QLineEdit(this);
    m_domain->setObjectName(QStringLiteral("suppressionDomain"));
    m_domain->setPlaceholderText(tr("sender domain (empty: every sender)"));
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("suppressionAdd"));
    m_remove = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("suppressionRemove"));
    m_remove->setEnabled(false);
    m_retryHeld = new QCheckBox(tr("Retry held mail"), this);
    m_retryHeld->setObjectName(QStringLiteral("suppressionRetryHeld"));
    m_retryHeld->setChecked(true);
    m_retryHeld->setToolTip(tr("Release the messages held for a removed recipient"));
    m_export =
        new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("E&xport CSV…"), this);
    m_export->setObjectName(QStringLiteral("suppressionExport"));
    m_import = new QPushButton(tr("&Import CSV…"), this);
    m_import->setObjectName(QStringLiteral("suppressionImport"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("suppressionStatus"));
    m_status->setWordWrap(true);

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_recipient, 2);
    addRow->addWidget(m_domain, 1);
    addRow->addWidget(m_add);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_remove);
    actions->addWidget(m_retryHeld);
    actions->addStretch(1);
    actions->addWidget(m_export);
    actions->addWidget(m_import);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addLayout(actions);
    layout->addLayout(addRow);
    layout->addWidget(m_status);

    setTabOrder(m_filter, m_view);
    setTabOrder(m_view, m_remove);
    setTabOrder(m_remove, m_retryHeld);
    setTabOrder(m_retryHeld, m_export);
    setTabOrder(m_export, m_import);
    setTabOrder(m_import, m_recipient);
    setTabOrder(m_recipient, m_domain);
    setTabOrder(m_domain, m_add);

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_remove->setEnabled(m_view->selectionModel()->hasSelection()); });
    connect(m_add, &QPushButton::clicked, this, &SuppressionsTab::addEntry);
    connect(m_recipient, &QLineEdit::returnPressed, this, &SuppressionsTab::addEntry);
    connect(m_domain, &QLineEdit::returnPressed, this, &SuppressionsTab::addEntry);
    connect(m_remove, &QPushButton::clicked, this, &SuppressionsTab::removeSelected);
    connect(m_export, &QPushButton::clicked, this, &SuppressionsTab::exportList);
    connect(m_import, &QPushButton::clicked, this, &SuppressionsTab::importList);
    auto* find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] { m_filter->setFocus(); });
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshKey, &QShortcut::activated, this, &SuppressionsTab::refresh);
    auto* deleteKey = new QShortcut(QKeySequence::Delete, m_view);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &SuppressionsTab::confirmRemove);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(RefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &SuppressionsTab::refresh);

    connect(m_relay, &Service::RelayService::suppressionsReady, this,
            [this](const QVector<Service::SuppressionEntry>& entries, const QString& error) {
                // Answers come back in request order: only the latest counts.
                if (++m_answered != m_generation)
                    return;
                if (!error.isEmpty()) {
                    m_status->setText(error);
                    return;
                }
                m_model->setEntries(entries);
            });
    connect(m_relay, &Service::RelayService::suppressionsChanged, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(m_relay, &Service::RelayService::actionDone, this, &SuppressionsTab::actionDone);
    connect(m_relay, &Service::RelayService::suppressionsExported, this,
            [this](const QString& path, int rows, const QString& error) {
                m_status->setText(error.isEmpty()
                                      ? tr("Exported %n entries to %1.", nullptr, rows).arg(path)
                                      : error);
            });
    connect(m_relay, &Service::RelayService::suppressionsImported, this,
            [this](const QString& path, int rows, const QString& error) {
                m_status->setText(error.isEmpty()
                                      ? tr("Imported %n entries from %1.", nullptr, rows).arg(path)
                                      : tr("Nothing imported: %1").arg(error));
                refresh();
            });
}

void SuppressionsTab::refresh()
{
    ++m_generation;
    Service::SuppressionFilter filter;
    filter.includeExpired = true;
    m_relay->requestSuppressions(filter);
}

void SuppressionsTab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void SuppressionsTab::hideEvent(QHideEvent* event)
{
    m_refreshTimer->stop();
    QWidget::hideEvent(event);
}

void SuppressionsTab::addEntry()
{
    const QString recipient = m_recipient->text().trimmed();
    if (!recipient.contains(QLatin1Char('@'))) {
        m_status->setText(tr("Enter the recipient's address to suppress."));
        m_recipient->setFocus();
        return;
    }
    Service::SuppressionEntry entry;
    entry.recipient = recipient;
    entry.senderDomain = m_domain->text().trimmed();
    entry.reason = QStringLiteral("manual");
    entry.detail = tr("added by hand");
    m_relay->addSuppression(entry);
}

void SuppressionsTab::removeSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const Service::SuppressionEntry& e = m_model->entryAt(m_proxy->mapToSource(index).row());
        m_relay->removeSuppression(e.senderDomain, e.recipient, m_retryHeld->isChecked());
    }
}

void SuppressionsTab::confirmRemove()
{
    const int count = int(m_view->selectionModel()->selectedRows().size());
    if (count == 0)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Remove suppression"),
                                tr("Send to %n suppressed recipient(s) again?", nullptr, count),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("suppressionConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::accepted, this, &SuppressionsTab::removeSelected);
    box->open();
}

void SuppressionsTab::exportList()
{
    auto* dialog = new QFileDialog(this, tr("Export the suppression list"), QString(),
                                   tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("suppressionExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, m_relay,
            [this](const QString& path) { m_relay->exportSuppressions(path); });
    dialog->open();
}

void SuppressionsTab::importList()
{
    auto* dialog = new QFileDialog(this, tr("Import suppressions"), QString(),
                                   tr("CSV files (*.csv);;All files (*)"));
    dialog->setObjectName(QStringLiteral("suppressionImportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, m_relay,
            [this](const QString& path) { m_relay->importSuppressions(path); });
    dialog->open();
}

void SuppressionsTab::actionDone(const Service::ActionResult& result)
{
    if (result.action == QLatin1String("suppress")) {
        if (result.error.isEmpty()) {
            m_status->setText(tr("%1 is suppressed.").arg(m_recipient->text().trimmed()));
            m_recipient->clear();
        } else {
            m_status->setText(result.error);
        }
        refresh();
    } else if (result.action == QLatin1String("unsuppress")) {
        if (!result.error.isEmpty())
            m_status->setText(result.error);
        else if (result.affected > 1)
            m_status->setText(
                tr("Removed; %n held message(s) released.", nullptr, result.affected - 1));
        else
            m_status->setText(tr("Removed."));
        refresh();
    }
}

} // namespace RelayDesk::Ui
