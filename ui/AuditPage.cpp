#include "AuditPage.h"

#include "AuditModel.h"
#include "ListView.h"
#include "service/RelayService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("audit/header");
constexpr int refreshMs = 5000;
constexpr int filterDelayMs = 300;
constexpr int shownLimit = 5000;

} // namespace

AuditPage::AuditPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new AuditModel(this);
    m_proxy = sortedProxy(m_model, AuditModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("auditView"),
                           .sortColumn = AuditModel::TimeColumn,
                           .sortOrder = Qt::DescendingOrder,
                           .selection = QAbstractItemView::ExtendedSelection,
                           .wordWrap = false,
                           .headerKey = headerKey},
                          this);

    const QDateTime now = QDateTime::currentDateTime();
    m_useSince = new QCheckBox(tr("&From"), this);
    m_useSince->setObjectName(QStringLiteral("auditUseSince"));
    m_since = new QDateTimeEdit(now.addDays(-7), this);
    m_since->setObjectName(QStringLiteral("auditSince"));
    m_since->setCalendarPopup(true);
    m_since->setEnabled(false);
    m_useUntil = new QCheckBox(tr("&To"), this);
    m_useUntil->setObjectName(QStringLiteral("auditUseUntil"));
    m_until = new QDateTimeEdit(now.addDays(1), this);
    m_until->setObjectName(QStringLiteral("auditUntil"));
    m_until->setCalendarPopup(true);
    m_until->setEnabled(false);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("auditUser"));
    m_user->setPlaceholderText(tr("User"));
    m_user->setClearButtonEnabled(true);
    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->setEditable(true);
    // Families end in '.': the log matches them as prefixes.
    m_action->addItem(tr("All actions"), QString());
    for (const char* family : {"config.", "credential.", "account.", "queue.", "auth.", "cert."})
        m_action->addItem(QString::fromLatin1(family), QString::fromLatin1(family));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("auditFilter"));
    m_text->setPlaceholderText(tr("Text in subject (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_useSince);
    filters->addWidget(m_since);
    filters->addWidget(m_useUntil);
    filters->addWidget(m_until);
    filters->addWidget(m_user);
    filters->addWidget(m_action);
    filters->addWidget(m_text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(filterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &AuditPage::refresh);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &AuditPage::refresh);

    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_useSince, &QCheckBox::toggled, this, &AuditPage::filterEdited);
    connect(m_useUntil, &QCheckBox::toggled, this, &AuditPage::filterEdited);
    connect(m_since, &QDateTimeEdit::dateTimeChanged, this, &AuditPage::filterEdited);
    connect(m_until, &QDateTimeEdit::dateTimeChanged, this, &AuditPage::filterEdited);
    connect(m_user, &QLineEdit::textChanged, this, &AuditPage::filterEdited);
    connect(m_action, &QComboBox::currentTextChanged, this, &AuditPage::filterEdited);
    connect(m_text, &QLineEdit::textChanged, this, &AuditPage::filterEdited);

    auto* findKey = new QShortcut(QKeySequence::Find, this);
    findKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findKey, &QShortcut::activated, this, [this] {
        m_text->setFocus();
        m_text->selectAll();
    });
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &AuditPage::refresh);
    connect(m_relay, &Service::RelayService::auditLogReady, this, &AuditPage::showEntries);
}

AuditPage::~AuditPage()
{
    saveListViewHeader(m_view, headerKey);
}

Store::AuditFilter AuditPage::filter() const
{
    Store::AuditFilter filter;
    if (m_useSince->isChecked())
        filter.since = m_since->dateTime().toUTC();
    if (m_useUntil->isChecked())
        filter.until = m_until->dateTime().toUTC();
    filter.localUser = m_user->text().trimmed();
    const int index = m_action->findText(m_action->currentText());
    filter.action =
        index >= 0 ? m_action->itemData(index).toString() : m_action->currentText().trimmed();
    filter.subjectContains = m_text->text().trimmed();
    filter.limit = shownLimit;
    return filter;
}

void AuditPage::refresh()
{
    ++m_requested;
    m_relay->requestAuditLog(filter());
}

void AuditPage::filterEdited()
{
    m_filterDelay->start();
}

void AuditPage::showEntries(const QVector<Store::AuditEntry>& entries, const QString& error)
{
    // Answers come in request order, and others may ask too: only the
    // answer to our newest request shows the current filter.
    if (m_answered < m_requested)
        ++m_answered;
    if (m_answered != m_requested)
        return;
    if (!error.isEmpty()) {
        m_status->setText(tr("The audit log could not be read: %1").arg(error));
        return;
    }
    m_model->setEntries(entries);
    m_status->setText(entries.size() >= shownLimit
                          ? tr("Showing the newest %n entries; narrow the filter to see older "
                               "ones.",
                               nullptr, int(entries.size()))
                          : tr("%n entries.", nullptr, int(entries.size())));
}

void AuditPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void AuditPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
}

} // namespace RelayDesk::Ui
