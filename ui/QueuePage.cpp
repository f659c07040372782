#include "QueuePage.h"

#include "QueueFilterProxy.h"
#include "QueueModel.h"
#include "service/RelayService.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

using Store::RecipientState;

namespace {

/// Rows of the first queueBatch: a screenful and then some, so the page
/// shows rows at once; the core makes later batches larger.
constexpr int BatchSize = 1000;
constexpr int RefreshIntervalMs = 3000;
/// A refresh that got no last batch by then is given up (the core may have
/// been restarted); the next one starts a new generation.
constexpr int StaleLoadMs = 30000;
constexpr int FilterDelayMs = 150;
const QLatin1String HeaderKey("queue/header");

} // namespace

QueuePage::QueuePage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay), m_model(new QueueModel(this)),
      m_proxy(new QueueFilterProxy(this))
{
    // queueBatch goes to everyone who listens; a random start makes this
    // page's generations distinct from any other requester's.
    m_generation = QRandomGenerator::global()->generate64() & ~quint64(0xffffffff);
    m_proxy->setSourceModel(m_model);

    // Filter bar.
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("queueStateFilter"));
    using F = QueueFilterProxy::StateFilter;
    m_stateFilter->addItem(tr("All states"), int(F::All));
    m_stateFilter->addItem(tr("Queued"), int(F::Queued));
    m_stateFilter->addItem(tr("Deferred"), int(F::Deferred));
    m_stateFilter->addItem(tr("Held"), int(F::Held));
    m_stateFilter->addItem(tr("Being delivered"), int(F::InFlight));
    auto* stateLabel = new QLabel(tr("&State:"), this);
    stateLabel->setBuddy(m_stateFilter);

    m_textFilter = new QLineEdit(this);
    m_textFilter->setObjectName(QStringLiteral("queueFilter"));
    m_textFilter->setClearButtonEnabled(true);
    m_textFilter->setPlaceholderText(tr("Filter by sender, recipient, device, route or reply"));
    auto* filterLabel = new QLabel(tr("&Find:"), this);
    filterLabel->setBuddy(m_textFilter);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("queueCount"));

    auto* filterBar = new QHBoxLayout;
    filterBar->addWidget(stateLabel);
    filterBar->addWidget(m_stateFilter);
    filterBar->addSpacing(12);
    filterBar->addWidget(filterLabel);
    filterBar->addWidget(m_textFilter, 1);
    filterBar->addWidget(m_count);

    // Actions: buttons, the view's context menu and keyboard shortcuts all
    // trigger the same QAction.
    m_retry = makeAction("retryAction", tr("&Retry now"), QStringLiteral("retry"),
                         QKeySequence(Qt::CTRL | Qt::Key_R));
    m_hold = makeAction("holdAction", tr("&Hold"), QStringLiteral("hold"),
                        QKeySequence(Qt::CTRL | Qt::Key_H));
    m_release = makeAction("releaseAction", tr("Re&lease"), QStringLiteral("release"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_delete = makeAction("deleteAction", tr("&Delete…"), QStringLiteral("delete"),
                          QKeySequence(QKeySequence::Delete));
    m_flush = makeAction("flushAction", tr("&Flush all"), QStringLiteral("flush"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_refresh =
        makeAction("refreshAction", tr("Re&fresh"), QString(), QKeySequence(QKeySequence::Refresh));
    m_retry->setToolTip(tr("Try the selected messages again now"));
    m_hold->setToolTip(tr("Keep the selected messages from being delivered until released"));
    m_release->setToolTip(tr("Let held messages be delivered again"));
    m_delete->setToolTip(tr("Remove the selected messages from the queue"));
    m_flush->setToolTip(tr("Retry every deferred message now"));
    QAction* findAction =
        makeAction("findAction", tr("Find"), QString(), QKeySequence(QKeySequence::Find));
    connect(findAction, &QAction::triggered, this, [this] {
        m_textFilter->setFocus(Qt::ShortcutFocusReason);
        m_textFilter->selectAll();
    });
    connect(m_retry, &QAction::triggered, this, &QueuePage::retrySelected);
    connect(m_hold, &QAction::triggered, this, &QueuePage::holdSelected);
    connect(m_release, &QAction::triggered, this, &QueuePage::releaseSelected);
    connect(m_delete, &QAction::triggered, this, &QueuePage::confirmDelete);
    connect(m_flush, &QAction::triggered, this, &QueuePage::flushAll);
    connect(m_refresh, &QAction::triggered, this, &QueuePage::refresh);

    auto* buttons = new QHBoxLayout;
    const std::pair<QAction*, const char*> buttonActions[] = {
        {m_retry, "retryButton"},   {m_hold, "holdButton"},   {m_release, "releaseButton"},
        {m_delete, "deleteButton"}, {m_flush, "flushButton"}, {m_refresh, "refreshButton"},
    };
    for (const auto& [action, name] : buttonActions) {
        auto* button = new QToolButton(this);
        button->setObjectName(QLatin1String(name));
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setFocusPolicy(Qt::TabFocus);
        if (action == m_flush)
            buttons->addStretch(1);
        buttons->addWidget(button);
    }

    // The table, or the empty-state text in its place.
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QueueModel::TimeColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures 100,000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionsMovable(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_retry, m_hold, m_release});
    auto* separator = new QAction(m_view);
    separator->setSeparator(true);
    m_view->addActions({separator, m_delete});
    m_view->installEventFilter(this);
    const QByteArray header = QSettings().value(HeaderKey).toByteArray();
    if (header.isEmpty() || !m_view->horizontalHeader()->restoreState(header)) {
        m_view->setColumnWidth(QueueModel::TimeColumn, 130);
        m_view->setColumnWidth(QueueModel::SenderColumn, 200);
        m_view->setColumnWidth(QueueModel::RecipientsColumn, 220);
        m_view->setColumnWidth(QueueModel::DeviceColumn, 180);
        m_view->setColumnWidth(QueueModel::NextAttemptColumn, 130);
    }

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("queueEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("queueStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterBar);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    setTabOrder(m_stateFilter, m_textFilter);
    setTabOrder(m_textFilter, m_view);

    // Filtering 100,000 rows takes a moment: wait until typing pauses.
    auto* filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(FilterDelayMs);
    connect(m_textFilter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, [this] {
        m_proxy->setTextFilter(m_textFilter->text());
        updateEmptyState();
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(
            QueueFilterProxy::StateFilter(m_stateFilter->currentData().toInt()));
        updateEmptyState();
    });

    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.isValid())
            Q_EMIT messageActivated(index.data(QueueModel::MessageIdRole).toLongLong());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QueuePage::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &QueuePage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &QueuePage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &QueuePage::updateEmptyState);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(RefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &QueuePage::refresh);

    if (m_relay) {
        connect(m_relay, &Service::RelayService::queueBatch, this, &QueuePage::onQueueBatch);
        connect(m_relay, &Service::RelayService::actionDone, this, &QueuePage::onActionDone);
        connect(m_relay, &Service::RelayService::statusChanged, this, &QueuePage::onStatus);
    }
    updateActions();
    updateEmptyState();
}

QueuePage::~QueuePage()
{
    QSettings().setValue(HeaderKey, m_view->horizontalHeader()->saveState());
}

QAction* QueuePage::makeAction(const char* objectName, const QString& text, const QString& iconName,
                               const QKeySequence& shortcut)
{
    auto* action = new QAction(text, this);
    action->setObjectName(QLatin1String(objectName));
    if (!iconName.isEmpty())
        action->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(iconName)));
    action->setShortcut(shortcut);
    // Only while the page (or a child, e.g. the table) has focus, so other
    // pages can use the same keys.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(action);
    return action;
}

void QueuePage::refresh()
{
    if (!m_relay)
        return;
    if (m_loading && m_loadStarted.elapsed() < StaleLoadMs) {
        m_refreshAgain = true;
        return;
    }
    m_loading = true;
    m_refreshAgain = false;
    ++m_generation;
    m_loadStarted.start();
    m_model->beginRefresh();
    m_relay->requestQueue(m_generation, BatchSize);
}

void QueuePage::onQueueBatch(quint64 generation, const QVector<Service::QueueRow>& rows, bool last)
{
    if (!m_loading || generation != m_generation)
        return; // a stale answer, or someone else's
    m_model->applyBatch(rows, last);
    if (!last)
        return;
    m_loading = false;
    updateEmptyState();
    updateActions();
    if (m_refreshAgain && isVisible())
        refresh();
}

void QueuePage::onStatus(const Service::RelayStatus& status)
{
    const auto& c = status.counts;
    const int pending = c.queued + c.inFlight + c.deferred + c.held;
    if (pending == m_lastPending)
        return;
    m_lastPending = pending;
    if (isVisible())
        refresh();
}

void QueuePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void QueuePage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
}

bool QueuePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            activateCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void QueuePage::activateCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        Q_EMIT messageActivated(current.data(QueueModel::MessageIdRole).toLongLong());
}

QVector<qint64> QueuePage::selectedMessageIds() const
{
    QVector<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex& index : rows)
        ids.append(index.data(QueueModel::MessageIdRole).toLongLong());
    return ids;
}

void QueuePage::updateActions()
{
    bool any = false;
    bool anyHeld = false;
    bool anyNotHeld = false;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        any = true;
        const auto state = RecipientState(index.data(QueueModel::StateRole).toInt());
        (state == RecipientState::Held ? anyHeld : anyNotHeld) = true;
        if (anyHeld && anyNotHeld)
            break;
    }
    m_retry->setEnabled(anyNotHeld);
    m_hold->setEnabled(anyNotHeld);
    m_release->setEnabled(anyHeld);
    m_delete->setEnabled(any);
    m_flush->setEnabled(m_relay != nullptr);
    m_refresh->setEnabled(m_relay != nullptr);
}

void QueuePage::updateEmptyState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (total == 0) {
        m_empty->setText(m_model->hasLoaded()
                             ? tr("The queue is empty: every message has been handed on.")
                             : tr("Loading the queue…"));
        m_stack->setCurrentWidget(m_empty);
    } else if (shown == 0) {
        m_empty->setText(tr("No message in the queue matches the filter."));
        m_stack->setCurrentWidget(m_empty);
    } else {
        m_stack->setCurrentWidget(m_view);
    }
    m_count->setText(shown == total ? tr("%n message(s)", nullptr, total)
                                    : tr("%1 of %n message(s)", nullptr, total).arg(shown));
}

void QueuePage::retrySelected()
{
    const QVector<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || !m_relay)
        return;
    m_relay->retryMessages(ids);
    showStatusText(tr("Retrying %n message(s)…", nullptr, int(ids.size())));
}

void QueuePage::holdSelected()
{
    const QVector<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || !m_relay)
        return;
    m_relay->holdMessages(ids);
    showStatusText(tr("Holding %n message(s)…", nullptr, int(ids.size())));
}

void QueuePage::releaseSelected()
{
    const QVector<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || !m_relay)
        return;
    m_relay->releaseMessages(ids);
    showStatusText(tr("Releasing %n message(s)…", nullptr, int(ids.size())));
}

void QueuePage::confirmDelete()
{
    const QVector<qint64> ids = selectedMessageIds();
    if (ids.isEmpty() || !m_relay || m_confirmation)
        return;
    // Window-modal and opened, not exec()'d: no nested event loop, and the
    // queue keeps refreshing behind the question.
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete messages"),
        tr("Delete %n selected message(s) from the queue? They will not be delivered, "
           "and this cannot be undone.",
           nullptr, int(ids.size())),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->button(QMessageBox::Yes)->setText(tr("Delete %n message(s)", nullptr, int(ids.size())));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setWindowModality(Qt::WindowModal);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, ids] {
        m_confirmation = nullptr;
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_relay->deleteMessages(ids);
        showStatusText(tr("Deleting %n message(s)…", nullptr, int(ids.size())));
    });
    box->open();
}

void QueuePage::flushAll()
{
    if (!m_relay)
        return;
    m_relay->flushQueue();
    showStatusText(tr("Retrying every deferred message now."));
    refresh();
}

void QueuePage::onActionDone(const Service::ActionResult& result)
{
    const QString& action = result.action;
    QString name;
    QString done;
    if (action == QLatin1String("retry")) {
        name = tr("Retry");
        done = tr("%n recipient(s) will be retried now.", nullptr, result.affected);
    } else if (action == QLatin1String("hold")) {
        name = tr("Hold");
        done = tr("%n recipient(s) held.", nullptr, result.affected);
    } else if (action == QLatin1String("release")) {
        name = tr("Release");
        done = tr("%n recipient(s) released.", nullptr, result.affected);
    } else if (action == QLatin1String("delete")) {
        name = tr("Delete");
        done = tr("%n message(s) deleted.", nullptr, result.affected);
    } else if (action == QLatin1String("flush")) {
        name = tr("Flush");
        done = tr("%n deferred recipient(s) will be retried now.", nullptr, result.affected);
    } else {
        return; // not a queue action
    }
    showStatusText(result.error.isEmpty() ? done : tr("%1 failed: %2").arg(name, result.error));
    refresh();
}

void QueuePage::showStatusText(const QString& text)
{
    m_status->setText(text);
}

} // namespace RelayDesk::Ui
