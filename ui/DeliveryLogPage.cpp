#include "DeliveryLogPage.h"

#include "DeliveryLogModel.h"
#include "service/RelayService.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("deliveryLog/header");
constexpr int debounceMs = 300;
constexpr int refreshMs = 5000;
/// A query that was not answered within this time no longer blocks the
/// periodic refresh (the core may have been restarted in between).
constexpr qint64 staleQueryMs = 30000;
/// Export writes every matching row, not only what the table shows.
constexpr int exportLimit = 10'000'000;

bool sameQuery(const Service::DeliveryLogQuery& a, const Service::DeliveryLogQuery& b)
{
    return a.from == b.from && a.to == b.to && a.states == b.states && a.sender == b.sender &&
           a.recipient == b.recipient && a.device == b.device && a.reply == b.reply &&
           a.limit == b.limit;
}

/// Column widths from the content, once, when no saved layout exists; a
/// long reply must not push the other columns out of sight.
void fitColumns(QTableView* view)
{
    view->resizeColumnsToContents();
    const int widest = view->fontMetrics().averageCharWidth() * 48;
    for (int c = 0; c < view->model()->columnCount() - 1; ++c)
        view->setColumnWidth(c, qMin(view->columnWidth(c), widest));
}

QLineEdit* filterEdit(QWidget* parent, const char* name, const QString& placeholder)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

DeliveryLogPage::DeliveryLogPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new DeliveryLogModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DeliveryLogModel::SortRole);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DeliveryLogModel::TimeColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_columnsFitted =
        m_view->horizontalHeader()->restoreState(QSettings().value(headerKey).toByteArray());
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT messageActivated(index.data(DeliveryLogModel::MessageIdRole).toLongLong());
    });

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &DeliveryLogPage::refresh);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &DeliveryLogPage::periodicRefresh);

    buildFilterBar();

    m_rowCount = new QLabel(this);
    m_rowCount->setObjectName(QStringLiteral("rowCountLabel"));
    m_exportStatus = new QLabel(this);
    m_exportStatus->setObjectName(QStringLiteral("exportStatus"));
    m_exportStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export =
        new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setToolTip(tr("Save the rows that match the filter as a CSV file"));
    connect(m_export, &QPushButton::clicked, this, &DeliveryLogPage::chooseExportPath);

    auto* footer = new QHBoxLayout;
    footer->addWidget(m_rowCount);
    footer->addSpacing(12);
    footer->addWidget(m_exportStatus, 1);
    footer->addWidget(m_export);

    auto* filters = new QVBoxLayout;
    auto* timeRow = new QHBoxLayout;
    auto* rangeLabel = new QLabel(tr("&Time:"), this);
    rangeLabel->setBuddy(m_range);
    timeRow->addWidget(rangeLabel);
    timeRow->addWidget(m_range);
    timeRow->addWidget(m_from);
    auto* dash = new QLabel(tr("to"), this);
    timeRow->addWidget(dash);
    timeRow->addWidget(m_to);
    timeRow->addSpacing(12);
    auto* stateLabel = new QLabel(tr("&Result:"), this);
    stateLabel->setBuddy(m_state);
    timeRow->addWidget(stateLabel);
    timeRow->addWidget(m_state);
    timeRow->addStretch();
    auto* textRow = new QHBoxLayout;
    textRow->addWidget(m_sender);
    textRow->addWidget(m_recipient);
    textRow->addWidget(m_device);
    textRow->addWidget(m_reply);
    filters->addLayout(timeRow);
    filters->addLayout(textRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(footer);

    setTabOrder(m_range, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_state);
    setTabOrder(m_state, m_sender);
    setTabOrder(m_sender, m_recipient);
    setTabOrder(m_recipient, m_device);
    setTabOrder(m_device, m_reply);
    setTabOrder(m_reply, m_view);
    setTabOrder(m_view, m_export);

    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &DeliveryLogPage::refresh);
    auto* findKey = new QShortcut(QKeySequence::Find, this);
    findKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findKey, &QShortcut::activated, this, [this] {
        m_recipient->setFocus(Qt::ShortcutFocusReason);
        m_recipient->selectAll();
    });

    connect(m_relay, &Service::RelayService::deliveryLogReady, this, &DeliveryLogPage::showRows);
    connect(m_relay, &Service::RelayService::deliveryLogExported, this,
            &DeliveryLogPage::showExportResult);
    connect(m_relay, &Service::RelayService::statusChanged, this, &DeliveryLogPage::statusChanged);
}

DeliveryLogPage::~DeliveryLogPage()
{
    QSettings().setValue(headerKey, m_view->horizontalHeader()->saveState());
}

void DeliveryLogPage::buildFilterBar()
{
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("timeRange"));
    m_range->addItem(tr("Last hour"), int(Range::LastHour));
    m_range->addItem(tr("Today"), int(Range::Today));
    m_range->addItem(tr("Last 24 hours"), int(Range::Last24Hours));
    m_range->addItem(tr("Last 7 days"), int(Range::Last7Days));
    m_range->addItem(tr("Custom…"), int(Range::Custom));
    m_range->setCurrentIndex(m_range->findData(int(Range::Last24Hours)));

    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-1), this);
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_from->setToolTip(tr("From (inclusive)"));
    m_to = new QDateTimeEdit(now.addSecs(3600), this);
    m_to->setObjectName(QStringLiteral("toEdit"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_to->setToolTip(tr("To (exclusive)"));

    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_state->addItem(tr("All"), -1);
    m_state->addItem(tr("Delivered"), int(Store::RecipientState::Delivered));
    m_state->addItem(tr("Deferred"), int(Store::RecipientState::Deferred));
    m_state->addItem(tr("Failed"), int(Store::RecipientState::Failed));

    m_sender = filterEdit(this, "senderFilter", tr("Sender"));
    m_recipient = filterEdit(this, "recipientFilter", tr("Recipient"));
    m_device = filterEdit(this, "deviceFilter", tr("Device (address or name)"));
    m_reply = filterEdit(this, "replyFilter", tr("Reply text or code"));

    rangeChanged();
    connect(m_range, &QComboBox::currentIndexChanged, this, &DeliveryLogPage::rangeChanged);
    connect(m_state, &QComboBox::currentIndexChanged, this, &DeliveryLogPage::filtersEdited);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &DeliveryLogPage::filtersEdited);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &DeliveryLogPage::filtersEdited);
    for (QLineEdit* edit : {m_sender, m_recipient, m_device, m_reply}) {
        connect(edit, &QLineEdit::textChanged, this, &DeliveryLogPage::filtersEdited);
        // Enter asks at once instead of waiting for the debounce.
        connect(edit, &QLineEdit::returnPressed, this, &DeliveryLogPage::refresh);
    }
}

Service::DeliveryLogQuery DeliveryLogPage::currentQuery(const QDateTime& now) const
{
    Service::DeliveryLogQuery query;
    const QDateTime utcNow = now.toUTC();
    switch (Range(m_range->currentData().toInt())) {
    case Range::LastHour:
        query.from = utcNow.addSecs(-3600);
        break;
    case Range::Today:
        query.from = QDateTime(now.toLocalTime().date(), QTime(0, 0)).toUTC();
        break;
    case Range::Last24Hours:
        query.from = utcNow.addDays(-1);
        break;
    case Range::Last7Days:
        query.from = utcNow.addDays(-7);
        break;
    case Range::Custom:
        query.from = m_from->dateTime().toUTC();
        query.to = m_to->dateTime().toUTC();
        break;
    }
    const int state = m_state->currentData().toInt();
    if (state >= 0)
        query.states = {Store::RecipientState(state)};
    query.sender = m_sender->text().trimmed();
    query.recipient = m_recipient->text().trimmed();
    query.device = m_device->text().trimmed();
    query.reply = m_reply->text().trimmed();
    return query;
}

void DeliveryLogPage::rangeChanged()
{
    const bool custom = Range(m_range->currentData().toInt()) == Range::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    filtersEdited();
}

void DeliveryLogPage::filtersEdited()
{
    // Restarting the timer on every keystroke: one query once typing pauses.
    // A hidden page asks when it is shown again.
    if (isVisible())
        m_debounce->start();
}

void DeliveryLogPage::refresh()
{
    m_debounce->stop();
    m_lastQuery = currentQuery(QDateTime::currentDateTime());
    m_awaiting = true;
    m_sentAt.start();
    m_relay->queryDeliveryLog(m_lastQuery);
}

void DeliveryLogPage::periodicRefresh()
{
    // While a query is out, don't pile up more behind it.
    if (m_awaiting && m_sentAt.isValid() && m_sentAt.elapsed() < staleQueryMs)
        return;
    refresh();
}

void DeliveryLogPage::showRows(const Service::DeliveryLogQuery& query,
                               const QVector<Service::DeliveryLogRow>& rows)
{
    if (!sameQuery(query, m_lastQuery))
        return; // an older query (or someone else's)
    m_awaiting = false;
    m_model->setRows(rows);
    if (!m_columnsFitted && !rows.isEmpty()) {
        fitColumns(m_view);
        m_columnsFitted = true;
    }
    const QLocale locale;
    if (rows.isEmpty())
        m_rowCount->setText(tr("No delivery attempts match the filter."));
    else if (query.limit > 0 && rows.size() >= query.limit)
        m_rowCount->setText(
            tr("%1 rows, limited to %2 — narrow the filter to see older ones")
                .arg(locale.toString(qsizetype(rows.size())), locale.toString(query.limit)));
    else
        m_rowCount->setText(tr("%Ln row(s)", nullptr, int(rows.size())));
}

void DeliveryLogPage::chooseExportPath()
{
    auto* dialog = new QFileDialog(this, tr("Export delivery log"));
    dialog->setObjectName(QStringLiteral("exportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!dir.isEmpty())
        dialog->setDirectory(dir);
    dialog->selectFile(QStringLiteral("delivery-log-%1.csv")
                           .arg(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"))));
    connect(dialog, &QFileDialog::fileSelected, this, &DeliveryLogPage::exportTo);
    // open(), not exec(): the GUI thread keeps running its own event loop.
    dialog->open();
}

void DeliveryLogPage::exportTo(const QString& path)
{
    if (path.isEmpty())
        return;
    auto query = currentQuery(QDateTime::currentDateTime());
    query.limit = exportLimit;
    m_pendingExport = path;
    m_export->setEnabled(false);
    m_exportStatus->setText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    m_relay->exportDeliveryLog(query, path);
}

void DeliveryLogPage::showExportResult(const QString& path, int rows, const QString& error)
{
    if (m_pendingExport.isEmpty() || path != m_pendingExport)
        return;
    m_pendingExport.clear();
    m_export->setEnabled(true);
    const QString shown = QDir::toNativeSeparators(path);
    if (!error.isEmpty())
        m_exportStatus->setText(tr("Export to %1 failed: %2").arg(shown, error));
    else
        m_exportStatus->setText(tr("Exported %Ln row(s) to %1", nullptr, rows).arg(shown));
}

void DeliveryLogPage::statusChanged(const Service::RelayStatus& status)
{
    const qint64 total =
        status.deliveredSinceStart + status.deferredSinceStart + status.failedSinceStart;
    if (total == m_lastAttemptTotal)
        return;
    m_lastAttemptTotal = total;
    // New attempts were logged: show them soon, but batch a burst.
    if (isVisible() && !m_debounce->isActive())
        m_debounce->start();
}

void DeliveryLogPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void DeliveryLogPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
    m_debounce->stop();
}

} // namespace RelayDesk::Ui
