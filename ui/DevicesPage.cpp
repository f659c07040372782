#include "DevicesPage.h"

#include "DeviceModel.h"
#include "ListView.h"
#include "service/RelayService.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("devices/header");
const QString splitterKey = QStringLiteral("devices/splitter");
constexpr int refreshMs = 5000;
constexpr int maxExpectHours = 24 * 31;

/// Column widths from the content, once, when no saved layout exists; a
/// long reply must not push the other columns out of sight.
void fitColumns(QTableView* view)
{
    view->resizeColumnsToContents();
    const int widest = view->fontMetrics().averageCharWidth() * 48;
    for (int c = 0; c < view->model()->columnCount() - 1; ++c)
        view->setColumnWidth(c, qMin(view->columnWidth(c), widest));
}

} // namespace

DevicesPage::DevicesPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new DeviceModel(this);
    m_proxy = sortedProxy(m_model, DeviceModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("devicesView"),
                           .sortColumn = DeviceModel::LastSeenColumn,
                           .sortOrder = Qt::DescendingOrder,
                           .wordWrap = false,
                           .headerKey = headerKey},
                          this, &m_columnsFitted);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("deviceTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("deviceSummary"));
    m_summary->setWordWrap(true);
    m_hint = new QLabel(tr("<b>Test my printer:</b> send a test scan or e-mail from the device, "
                           "then look here. Below is the device's last SMTP session with the "
                           "relay, word for word; it is refreshed each time the device sends."),
                        this);
    m_hint->setObjectName(QStringLiteral("testPrinterHint"));
    m_hint->setWordWrap(true);

    m_transcript = new QPlainTextEdit(this);
    m_transcript->setObjectName(QStringLiteral("deviceTranscript"));
    m_transcript->setReadOnly(true);
    m_transcript->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_transcript->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_transcript->setPlaceholderText(tr("No session recorded for this device yet."));

    m_expectHours = new QSpinBox(this);
    m_expectHours->setObjectName(QStringLiteral("expectHours"));
    m_expectHours->setRange(0, maxExpectHours);
    m_expectHours->setSpecialValueText(tr("off"));
    m_expectHours->setToolTip(tr("Raise an alert when this device sends nothing for longer. "
                                 "0 turns the check off."));
    auto* expectLabel = new QLabel(tr("E&xpect mail at least every"), this);
    expectLabel->setBuddy(m_expectHours);
    auto* hoursLabel = new QLabel(tr("hours"), this);
    m_apply = new QPushButton(tr("&Apply"), this);
    m_apply->setObjectName(QStringLiteral("applyExpectation"));
    m_expectStatus = new QLabel(this);
    m_expectStatus->setObjectName(QStringLiteral("expectationStatus"));
    connect(m_expectHours, &QSpinBox::valueChanged, this, [this] { m_expectEdited = true; });
    connect(m_apply, &QPushButton::clicked, this, &DevicesPage::applyExpectation);

    auto* expectRow = new QHBoxLayout;
    expectRow->addWidget(expectLabel);
    expectRow->addWidget(m_expectHours);
    expectRow->addWidget(hoursLabel);
    expectRow->addWidget(m_apply);
    expectRow->addSpacing(12);
    expectRow->addWidget(m_expectStatus, 1);

    auto* detail = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_title);
    detailLayout->addWidget(m_summary);
    detailLayout->addLayout(expectRow);
    detailLayout->addWidget(m_hint);
    detailLayout->addWidget(m_transcript, 1);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("devicesSplitter"));
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->restoreState(QSettings().value(splitterKey).toByteArray());
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_splitter);

    setTabOrder(m_view, m_expectHours);
    setTabOrder(m_expectHours, m_apply);
    setTabOrder(m_apply, m_transcript);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setInterval(refreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &DevicesPage::refresh);
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &DevicesPage::refresh);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DevicesPage::selectionChanged);
    connect(m_relay, &Service::RelayService::devicesReady, this, &DevicesPage::showDevices);
    connect(m_relay, &Service::RelayService::actionDone, this, &DevicesPage::actionDone);
    connect(m_relay, &Service::RelayService::statusChanged, this, &DevicesPage::statusChanged);
    showSelectedDevice(true);
}

DevicesPage::~DevicesPage()
{
    QSettings settings;
    settings.setValue(headerKey, m_view->horizontalHeader()->saveState());
    settings.setValue(splitterKey, m_splitter->saveState());
}

void DevicesPage::refresh()
{
    m_relay->requestDevices();
}

void DevicesPage::showDevices(const QVector<Service::DeviceInfo>& devices)
{
    // Every answer is a complete, current list (answers arrive in order), so
    // whoever asked, the newest one is the one to show.
    m_model->setDevices(devices);
    if (!m_columnsFitted && !devices.isEmpty()) {
        fitColumns(m_view);
        m_columnsFitted = true;
    }
    if (m_selectedAddress.isEmpty() && m_proxy->rowCount() > 0)
        m_view->selectionModel()->setCurrentIndex(
            m_proxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showSelectedDevice(false);
}

void DevicesPage::selectionChanged()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const QString address =
        rows.isEmpty() ? QString() : rows.first().data(DeviceModel::AddressRole).toString();
    if (address == m_selectedAddress)
        return;
    m_selectedAddress = address;
    m_expectEdited = false;
    m_expectStatus->clear();
    showSelectedDevice(true);
}

void DevicesPage::showSelectedDevice(bool selectionMoved)
{
    const int row = m_selectedAddress.isEmpty() ? -1 : m_model->rowOf(m_selectedAddress);
    m_apply->setEnabled(row >= 0);
    m_expectHours->setEnabled(row >= 0);
    if (row < 0) {
        m_title->setText(m_model->rowCount() == 0 ? tr("No device has sent mail yet.")
                                                  : tr("Select a device."));
        m_summary->clear();
        m_transcript->clear();
        m_shownTranscript.clear();
        return;
    }
    const auto& d = m_model->deviceAt(row);
    QStringList names;
    for (const QString& name : {d.reverseName, d.heloName})
        if (!name.isEmpty() && !names.contains(name) && name != d.address)
            names << name;
    m_title->setText(names.isEmpty() ? d.address
                                     : tr("%1 — %2").arg(d.address, names.join(tr(", "))));
    const QLocale locale;
    const auto when = [](const QDateTime& t) {
        return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                           : tr("never");
    };
    QString summary =
        tr("First seen %1 · last seen %2 · %3 message(s) in total")
            .arg(when(d.firstSeen), when(d.lastSeen), locale.toString(d.messagesTotal));
    if (d.quiet)
        summary += QLatin1Char('\n') +
                   tr("⚠ Quiet: no mail for more than %n hour(s).", nullptr, d.expectEveryHours);
    m_summary->setText(summary);
    if (d.lastTranscript != m_shownTranscript) {
        m_shownTranscript = d.lastTranscript;
        m_transcript->setPlainText(d.lastTranscript.join(QLatin1Char('\n')));
    }
    if (selectionMoved || !m_expectEdited) {
        const QSignalBlocker blocker(m_expectHours);
        m_expectHours->setValue(d.expectEveryHours);
        m_expectEdited = false;
    }
}

void DevicesPage::applyExpectation()
{
    if (m_selectedAddress.isEmpty())
        return;
    m_pendingExpectation = m_selectedAddress;
    m_apply->setEnabled(false);
    m_expectStatus->setText(tr("Saving…"));
    m_relay->setDeviceExpectation(m_selectedAddress, m_expectHours->value());
}

void DevicesPage::actionDone(const Service::ActionResult& result)
{
    if (result.action != QLatin1String("expect") || m_pendingExpectation.isEmpty())
        return;
    const bool sameDevice = m_pendingExpectation == m_selectedAddress;
    m_pendingExpectation.clear();
    m_apply->setEnabled(!m_selectedAddress.isEmpty());
    if (!result.error.isEmpty()) {
        if (sameDevice)
            m_expectStatus->setText(tr("Not saved: %1").arg(result.error));
        return;
    }
    if (sameDevice) {
        m_expectStatus->setText(tr("Saved."));
        m_expectEdited = false;
    }
    refresh();
}

void DevicesPage::statusChanged(const Service::RelayStatus& status)
{
    // A finished session updates a device; sessions ending or messages
    // arriving are the cheap signs of that in the status.
    if (status.acceptedSinceStart == m_lastAcceptedTotal && status.activeSessions == m_lastSessions)
        return;
    m_lastAcceptedTotal = status.acceptedSinceStart;
    m_lastSessions = status.activeSessions;
    if (isVisible())
        refresh();
}

void DevicesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
    m_refreshTimer->start();
}

void DevicesPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer->stop();
}

} // namespace RelayDesk::Ui
