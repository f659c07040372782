#include "BouncesPage.h"

#include "BounceDropArea.h"
#include "BounceGroupModel.h"
#include "BounceRecipientModel.h"
#include "SuppressionsTab.h"
#include "service/RelayService.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSettings>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString groupHeaderKey = QStringLiteral("bounces/header");
const QString recipientHeaderKey = QStringLiteral("bounces/recipientsHeader");
const QString splitterKey = QStringLiteral("bounces/splitter");
constexpr int refreshMs = 10000;
constexpr qint64 staleRequestMs = 30000;

/// Column widths from the content, once, when no saved layout exists; a
/// long reply must not push the other columns out of sight.
void fitColumns(QTableView* view)
{
    view->resizeColumnsToContents();
    const int widest = view->fontMetrics().averageCharWidth() * 48;
    for (int c = 0; c < view->model()->columnCount() - 1; ++c)
        view->setColumnWidth(c, qMin(view->columnWidth(c), widest));
}

QTableView* tableView(QWidget* parent, const char* name, QSortFilterProxyModel* proxy)
{
    auto* view = new QTableView(parent);
    view->setObjectName(QLatin1String(name));
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

BouncesPage::BouncesPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_since = new QComboBox(this);
    m_since->setObjectName(QStringLiteral("bounceSince"));
    m_since->addItem(tr("Last 24 hours"), 1);
    m_since->addItem(tr("Last 7 days"), 7);
    m_since->addItem(tr("Last 30 days"), 30);
    m_since->setCurrentIndex(1);
    auto* sinceLabel = new QLabel(tr("&Failures in the:"), this);
    sinceLabel->setBuddy(m_since);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("bounceSummary"));

    m_groups = new BounceGroupModel(this);
    m_groupProxy = new QSortFilterProxyModel(this);
    m_groupProxy->setSourceModel(m_groups);
    m_groupProxy->setSortRole(BounceGroupModel::SortRole);
    m_groupView = tableView(this, "bounceGroupsView", m_groupProxy);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->sortByColumn(BounceGroupModel::CountColumn, Qt::DescendingOrder);
    m_groupColumnsFitted = m_groupView->horizontalHeader()->restoreState(
        QSettings().value(groupHeaderKey).toByteArray());

    m_recipients = new BounceRecipientModel(this);
    m_recipientProxy = new QSortFilterProxyModel(this);
    m_recipientProxy->setSourceModel(m_recipients);
    m_recipientProxy->setSortRole(BounceRecipientModel::SortRole);
    m_recipientView = tableView(this, "bounceRecipientsView", m_recipientProxy);
    m_recipientView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_recipientView->sortByColumn(BounceRecipientModel::TimeColumn, Qt::DescendingOrder);
    m_recipientColumnsFitted = m_recipientView->horizontalHeader()->restoreState(
        QSettings().value(recipientHeaderKey).toByteArray());
    connect(m_recipientView, &QTableView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT messageActivated(index.data(BounceRecipientModel::MessageIdRole).toLongLong());
    });

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("bounceTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_explanation = new QTextBrowser(this);
    m_explanation->setObjectName(QStringLiteral("bounceExplanation"));
    m_explanation->setOpenExternalLinks(false);
    auto* affected = new QLabel(tr("Affected recipients:"), this);

    auto* detail = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_explanation, 1);
    detailLayout->addWidget(affected);
    detailLayout->addWidget(m_recipientView, 2);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("bounceSplitter"));
    m_splitter->addWidget(m_groupView);
    m_splitter->addWidget(detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->restoreState(QSettings().value(splitterKey).toByteArray());

    // Issue 6 adds the suppression list and a dropped-.eml classifier as
    // further tabs here.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("bounceTabs"));
    m_tabs->addTab(m_splitter, tr("&Reasons"));
    m_tabs->addTab(new SuppressionsTab(relay, m_tabs), tr("&Suppressions"));
    m_tabs->addTab(new BounceDropArea(relay, m_tabs), tr("Classify a &bounce"));

    auto* top = new QHBoxLayout;
    top->addWidget(sinceLabel);
    top->addWidget(m_since);
    top->addSpacing(12);
    top->addWidget(m_summary, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    setTabOrder(m_since, m_groupView);
    setTabOrder(m_groupView, m_explanation);
    setTabOrder(m_explanation, m_recipientView);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, [this] {
        // Don't pile requests up behind a slow answer, but don't wait for
        // one forever either (the core may have been restarted meanwhile).
        if (m_awaiting > 0 && m_sentAt.isValid() && m_sentAt.elapsed() < staleRequestMs)
            return;
        m_awaiting = 0;
        refresh();
    });
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &BouncesPage::refresh);

    connect(m_since, &QComboBox::currentIndexChanged, this, &BouncesPage::refresh);
    connect(m_groupView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BouncesPage::selectionChanged);
    connect(m_relay, &Service::RelayService::bounceGroupsReady, this, &BouncesPage::showGroups);
    connect(m_relay, &Service::RelayService::statusChanged, this, &BouncesPage::statusChanged);
    showSelectedGroup();
}

BouncesPage::~BouncesPage()
{
    QSettings settings;
    settings.setValue(groupHeaderKey, m_groupView->horizontalHeader()->saveState());
    settings.setValue(recipientHeaderKey, m_recipientView->horizontalHeader()->saveState());
    settings.setValue(splitterKey, m_splitter->saveState());
}

void BouncesPage::refresh()
{
    const int days = m_since->currentData().toInt();
    ++m_awaiting;
    m_sentAt.start();
    m_relay->requestBounceGroups(QDateTime::currentDateTimeUtc().addDays(-days));
}

void BouncesPage::showGroups(const QVector<Service::BounceGroup>& groups)
{
    if (m_awaiting > 0 && --m_awaiting > 0)
        return; // a newer request is on its way
    const QString keep = m_selectedReason;
    m_groups->setGroups(groups);
    if (!m_groupColumnsFitted && !groups.isEmpty()) {
        fitColumns(m_groupView);
        m_groupColumnsFitted = true;
    }
    int recipients = 0;
    for (const auto& group : groups)
        recipients += int(group.recipients.size());
    m_summary->setText(groups.isEmpty()
                           ? tr("No failed deliveries in this period.")
                           : tr("%1 in %2", "recipients in groups")
                                 .arg(tr("%Ln failed recipient(s)", nullptr, recipients),
                                      tr("%Ln reason group(s)", nullptr, int(groups.size()))));
    if (!keep.isEmpty() && m_groups->rowOf(keep) >= 0)
        selectReason(keep);
    else if (m_groupProxy->rowCount() > 0)
        selectReason(m_groupProxy->index(0, 0).data(BounceGroupModel::ReasonRole).toString());
    showSelectedGroup();
}

void BouncesPage::selectReason(const QString& reason)
{
    const int row = m_groups->rowOf(reason);
    if (row < 0)
        return;
    const QModelIndex index = m_groupProxy->mapFromSource(m_groups->index(row, 0));
    if (m_groupView->selectionModel()->isRowSelected(index.row(), {}))
        return;
    m_groupView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
}

void BouncesPage::selectionChanged()
{
    const QModelIndexList rows = m_groupView->selectionModel()->selectedRows();
    m_selectedReason =
        rows.isEmpty() ? QString() : rows.first().data(BounceGroupModel::ReasonRole).toString();
    showSelectedGroup();
}

void BouncesPage::showSelectedGroup()
{
    const int row = m_selectedReason.isEmpty() ? -1 : m_groups->rowOf(m_selectedReason);
    if (row < 0) {
        m_title->setText(m_groups->rowCount() == 0 ? tr("Nothing bounced") : tr("Select a reason"));
        m_explanation->setHtml(
            m_groups->rowCount() == 0
                ? tr("<p>No message failed permanently in this period.</p>")
                : tr("<p>Select a reason on the left to see what it means and how to fix "
                     "it.</p>"));
        m_recipients->setRecipients({});
        m_shownHtml.clear();
        return;
    }
    const auto& group = m_groups->groupAt(row);
    m_title->setText(group.title.isEmpty() ? group.reason : group.title);
    const auto paragraph = [](const QString& text) {
        return QStringLiteral("<p>%1</p>")
            .arg(text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    };
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("What happened").toHtmlEscaped()) +
                   paragraph(group.explanation.isEmpty() ? tr("No explanation is known.")
                                                         : group.explanation) +
                   QStringLiteral("<h3>%1</h3>").arg(tr("What to do").toHtmlEscaped()) +
                   paragraph(group.fix.isEmpty() ? tr("No suggestion is known.") : group.fix) +
                   QStringLiteral("<p><i>%1</i></p>")
                       .arg((group.hard ? tr("Permanent failure: the message was returned to "
                                             "its sender and will not be retried.")
                                        : tr("Temporary failure that lasted too long: the "
                                             "message was given up on."))
                                .toHtmlEscaped());
    if (html != m_shownHtml) {
        m_shownHtml = html;
        m_explanation->setHtml(html);
    }
    m_recipients->setRecipients(group.recipients);
    if (!m_recipientColumnsFitted && !group.recipients.isEmpty()) {
        fitColumns(m_recipientView);
        m_recipientColumnsFitted = true;
    }
}

void BouncesPage::statusChanged(const Service::RelayStatus& status)
{
    if (status.failedSinceStart == m_lastFailedTotal)
        return;
    m_lastFailedTotal = status.failedSinceStart;
    if (isVisible() && m_awaiting == 0)
        refresh();
}

void BouncesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void BouncesPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
}

} // namespace RelayDesk::Ui
