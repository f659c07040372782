#include "SettingsPage.h"

#include "SettingsBackground.h"
#include "SettingsGeneralTab.h"
#include "SettingsLimitsTab.h"
#include "SettingsListenersTab.h"
#include "SettingsNetworksTab.h"
#include "SettingsRetryTab.h"
#include "SettingsRoutesTab.h"
#include "SettingsSmarthostsTab.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"

#include <QAbstractItemView>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

SettingsPage::SettingsPage(Service::RelayService* relay, const QString& configPath, QWidget* parent)
    : QWidget(parent), m_relay(relay),
      m_configPath(configPath.isEmpty() ? SettingsFile::standardPath() : configPath)
{
    // The page name for --page and the "last page shown" setting.
    setObjectName(QStringLiteral("settings"));
    auto* layout = new QVBoxLayout(this);

    auto* path = new QLabel(tr("Configuration file: %1").arg(m_configPath), this);
    path->setObjectName(QStringLiteral("settingsPath"));
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(path);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    const auto addTab = [this](SettingsTab* tab, const QString& title, const char* name) {
        tab->setObjectName(QLatin1String(name));
        m_tabs->addTab(tab, title);
        m_tabList.append(tab);
        connect(tab, &SettingsTab::edited, this, [this] {
            hideFieldError();
            setModified(true);
        });
    };
    // General first: the listeners inherit its certificate when applied.
    addTab(new SettingsGeneralTab(m_tabs), tr("&General"), "settingsGeneralTab");
    addTab(new SettingsListenersTab(m_tabs), tr("&Listeners"), "settingsListenersTab");
    addTab(new SettingsNetworksTab(m_tabs), tr("Allowed &networks"), "settingsNetworksTab");
    addTab(new SettingsSmarthostsTab(m_tabs), tr("Smarth&osts"), "settingsSmarthostsTab");
    addTab(new SettingsRoutesTab(m_tabs), tr("Ro&utes"), "settingsRoutesTab");
    addTab(new SettingsLimitsTab(m_tabs), tr("Li&mits"), "settingsLimitsTab");
    addTab(new SettingsRetryTab(m_tabs), tr("Re&try"), "settingsRetryTab");
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, &SettingsPage::hideFieldError);

    auto* bar = new QHBoxLayout;
    m_modifiedLabel = new QLabel(tr("● Unsaved changes"), this);
    m_modifiedLabel->setObjectName(QStringLiteral("settingsModified"));
    m_modifiedLabel->setForegroundRole(QPalette::Link);
    m_modifiedLabel->hide();
    bar->addWidget(m_modifiedLabel);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("settingsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_status, 1);
    m_revert = new QPushButton(tr("R&evert"), this);
    m_revert->setObjectName(QStringLiteral("revertSettingsButton"));
    m_revert->setToolTip(tr("Reload the form from the configuration file"));
    m_apply = new QPushButton(tr("&Apply"), this);
    m_apply->setObjectName(QStringLiteral("applySettingsButton"));
    m_apply->setToolTip(tr("Check the settings, apply them to the running relay and save them "
                           "(Ctrl+S)"));
    m_apply->setDefault(true);
    bar->addWidget(m_revert);
    bar->addWidget(m_apply);
    layout->addLayout(bar);

    // The problem is shown as a bubble under the field to blame.
    m_bubble = new QLabel(this);
    m_bubble->setObjectName(QStringLiteral("settingsFieldError"));
    m_bubble->setWordWrap(true);
    m_bubble->setMargin(6);
    m_bubble->setAutoFillBackground(true);
    m_bubble->setBackgroundRole(QPalette::ToolTipBase);
    m_bubble->setForegroundRole(QPalette::ToolTipText);
    m_bubble->setFrameShape(QFrame::Box);
    m_bubble->hide();

    connect(m_apply, &QPushButton::clicked, this, &SettingsPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &SettingsPage::revert);
    auto* save = new QShortcut(QKeySequence::Save, this);
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, &SettingsPage::apply);

    connect(&m_loadWatcher, &QFutureWatcherBase::finished, this, &SettingsPage::onLoaded);
    connect(&m_checkWatcher, &QFutureWatcherBase::finished, this, &SettingsPage::onChecked);
    connect(&m_saveWatcher, &QFutureWatcherBase::finished, this, &SettingsPage::onSaved);
    connect(m_relay, &Service::RelayService::actionDone, this, &SettingsPage::onActionDone);

    setModified(false);
    revert();
}

SettingsPage::~SettingsPage()
{
    // Results still being computed are dropped; the workers only hold
    // their promises.
    m_loadWatcher.disconnect(this);
    m_checkWatcher.disconnect(this);
    m_saveWatcher.disconnect(this);
}

void SettingsPage::fillTabs(const Config::RelayConfig& config)
{
    for (SettingsTab* tab : std::as_const(m_tabList))
        tab->setConfig(config);
}

void SettingsPage::revert()
{
    if (m_busy)
        return;
    hideFieldError();
    setBusy(true);
    setStatus(tr("Loading %1…").arg(m_configPath));
    const QString path = m_configPath;
    m_loadWatcher.setFuture(runInBackground([path] { return SettingsFile::load(path); }));
}

void SettingsPage::onLoaded()
{
    setBusy(false);
    const SettingsFile::Loaded loaded = m_loadWatcher.result();
    if (!loaded.config) {
        setStatus(tr("The configuration could not be loaded: %1").arg(loaded.error), true);
        Q_EMIT configLoaded(loaded.error);
        return;
    }
    m_base = *loaded.config;
    if (m_runningDataDir.isEmpty())
        m_runningDataDir = m_base.general.dataDir;
    fillTabs(m_base);
    setModified(false);
    m_plaintextSecrets = loaded.plaintextSecrets;
    if (!m_plaintextSecrets.isEmpty())
        setStatus(tr("The file holds secrets in plain text (%1). Move them into the keychain "
                     "(Security › Credentials) before you apply changes here: the file is "
                     "written without them.")
                      .arg(m_plaintextSecrets.join(QStringLiteral(", "))),
                  true);
    else
        setStatus(loaded.missing ? tr("No configuration file yet: the form shows the built-in "
                                      "defaults; Apply creates it.")
                                 : tr("Loaded from the configuration file."));
    Q_EMIT configLoaded({});
}

void SettingsPage::apply()
{
    if (m_busy)
        return;
    hideFieldError();
    if (!m_plaintextSecrets.isEmpty()) {
        // Writing the file now would drop those secrets before they are
        // anywhere else.
        const QString error =
            tr("Not applied: move the plain-text secrets (%1) into the keychain first "
               "(Security › Credentials).")
                .arg(m_plaintextSecrets.join(QStringLiteral(", ")));
        setStatus(error, true);
        Q_EMIT applyFinished(error);
        return;
    }
    Config::RelayConfig config = m_base;
    for (SettingsTab* tab : std::as_const(m_tabList)) {
        SettingsFieldError error;
        if (!tab->applyTo(&config, &error)) {
            showFieldError(error);
            setStatus(tr("Not applied: %1").arg(error.message), true);
            Q_EMIT applyFinished(error.message);
            return;
        }
    }
    setBusy(true);
    setStatus(tr("Checking the settings…"));
    m_checkWatcher.setFuture(runInBackground([config] { return SettingsFile::check(config); }));
}

void SettingsPage::onChecked()
{
    const SettingsFile::Checked checked = m_checkWatcher.result();
    if (!checked.config) {
        setBusy(false);
        SettingsFieldError error = locate(checked.section, checked.key);
        error.message = checked.message;
        showFieldError(error);
        setStatus(tr("Not applied: %1").arg(checked.message), true);
        Q_EMIT applyFinished(checked.message);
        return;
    }
    m_pending = *checked.config;
    m_pending.sourceFile = m_configPath;
    m_pendingText = checked.text;
    Service::CoreSettings settings = Service::coreSettingsFromConfig(m_pending);
    // The running core keeps its data directory; a new one is saved and
    // used from the next start.
    if (!m_runningDataDir.isEmpty())
        settings.dataDir = m_runningDataDir;
    m_waitingForCore = true;
    setStatus(tr("Applying to the running relay…"));
    m_relay->applySettings(settings);
}

void SettingsPage::onActionDone(const Service::ActionResult& result)
{
    if (!m_waitingForCore || result.action != QLatin1String("apply-settings"))
        return;
    m_waitingForCore = false;
    if (!result.error.isEmpty()) {
        setBusy(false);
        setStatus(tr("Not applied, the relay keeps its previous settings: %1").arg(result.error),
                  true);
        Q_EMIT applyFinished(result.error);
        return;
    }
    // Saved only once the core took it, so the file always holds settings
    // that ran.
    setStatus(tr("Applied; saving…"));
    const QString path = m_configPath;
    const QString text = m_pendingText;
    m_saveWatcher.setFuture(
        runInBackground([path, text] { return SettingsFile::save(path, text); }));
}

void SettingsPage::onSaved()
{
    setBusy(false);
    const QString error = m_saveWatcher.result();
    m_base = m_pending;
    fillTabs(m_base);
    if (!error.isEmpty()) {
        setModified(true); // still to be saved
        setStatus(tr("Applied without restart, but not saved (the change is lost when RelayDesk "
                     "restarts): %1")
                      .arg(error),
                  true);
        Q_EMIT applyFinished(error);
        return;
    }
    setModified(false);
    QString text = tr("Applied without restart and saved.");
    if (m_base.general.dataDir != m_runningDataDir)
        text += QLatin1Char(' ') +
                tr("The new data directory is used from the next start of RelayDesk.");
    setStatus(text);
    Q_EMIT applyFinished({});
}

void SettingsPage::setModified(bool modified)
{
    const bool changed = modified != m_modified;
    m_modified = modified;
    m_modifiedLabel->setVisible(modified);
    m_apply->setEnabled(modified && !m_busy);
    m_revert->setEnabled(!m_busy);
    if (changed)
        Q_EMIT modifiedChanged(modified);
}

void SettingsPage::setBusy(bool busy)
{
    m_busy = busy;
    m_tabs->setEnabled(!busy);
    m_apply->setEnabled(m_modified && !busy);
    m_revert->setEnabled(!busy);
}

void SettingsPage::setStatus(const QString& text, bool problem)
{
    m_status->setText(text);
    m_status->setForegroundRole(problem ? QPalette::Link : QPalette::WindowText);
}

SettingsFieldError SettingsPage::locate(const QString& section, const QString& key)
{
    if (section.isEmpty())
        return {};
    for (SettingsTab* tab : std::as_const(m_tabList)) {
        const SettingsFieldError found = tab->reveal(section, key);
        if (found.field)
            return found;
    }
    return {};
}

void SettingsPage::showFieldError(const SettingsFieldError& error)
{
    QWidget* field = error.field;
    if (!field)
        return;
    QWidget* tab = field;
    while (tab && m_tabs->indexOf(tab) < 0)
        tab = tab->parentWidget();
    if (!tab)
        return;
    m_tabs->setCurrentWidget(tab);
    QRect target = field->rect();
    QWidget* anchor = field;
    if (auto* table = qobject_cast<QTableWidget*>(field); table && error.row >= 0) {
        const int column = error.column >= 0 ? error.column : 0;
        table->setCurrentCell(error.row, column);
        if (QTableWidgetItem* item = table->item(error.row, column)) {
            table->scrollToItem(item);
            target = table->visualItemRect(item);
            anchor = table->viewport();
        }
    } else if (auto* list = qobject_cast<QListWidget*>(field); list && error.row >= 0) {
        list->setCurrentRow(error.row);
        if (QListWidgetItem* item = list->item(error.row)) {
            list->scrollToItem(item);
            target = list->visualItemRect(item);
            anchor = list->viewport();
        }
    }
    field->setFocus(Qt::OtherFocusReason);
    m_bubble->setParent(tab);
    m_bubble->setText(error.message);
    m_bubble->setMaximumWidth(qMax(200, tab->width() - 20));
    m_bubble->adjustSize();
    QPoint at = anchor->mapTo(tab, target.bottomLeft() + QPoint(0, 2));
    at.setX(qBound(0, at.x(), qMax(0, tab->width() - m_bubble->width())));
    at.setY(qBound(0, at.y(), qMax(0, tab->height() - m_bubble->height())));
    m_bubble->move(at);
    m_bubble->raise();
    m_bubble->show();
}

void SettingsPage::hideFieldError()
{
    m_bubble->hide();
}

} // namespace RelayDesk::Ui
