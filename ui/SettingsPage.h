#pragma once

#include "SettingsFieldError.h"
#include "SettingsFile.h"
#include "config/RelayConfig.h"
#include "service/AdminTypes.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class SettingsTab;

/// The Settings page: listeners, allowed networks, smarthosts (with the
/// provider presets), routes, limits, retry schedule and the TLS
/// certificate, edited as a form over the relay's relaydesk.ini.
///
/// Apply builds a RelayConfig from the form, checks it with the loader's
/// own rules (ConfigWriter text loaded back by ConfigLoader, off the GUI
/// thread), shows the first problem next to the field to blame, and only
/// then hands it to the running core (RelayService::applySettings, no
/// restart) and saves the file atomically, keeping the previous one as
/// .bak. Revert reloads the form from the file. Settings no tab shows pass
/// through unchanged.
class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    /// `configPath`: the file the app was started with; empty means the
    /// standard ~/.config/RelayDesk/relaydesk.ini. The form is loaded from
    /// it right away (off the GUI thread).
    explicit SettingsPage(Service::RelayService* relay, const QString& configPath = {},
                          QWidget* parent = nullptr);
    ~SettingsPage() override;

    QString configPath() const { return m_configPath; }
    bool isModified() const { return m_modified; }
    bool isBusy() const { return m_busy; }
    QTabWidget* tabs() const { return m_tabs; }
    /// The configuration the form started from (the file as last loaded
    /// or applied).
    const Config::RelayConfig& currentConfig() const { return m_base; }

    /// Checks, applies and saves the form (the Apply button).
    void apply();
    /// Reloads the form from the file, dropping unsaved changes (Revert).
    void revert();

Q_SIGNALS:
    /// The form was (re)loaded from the file; error empty on success.
    void configLoaded(const QString& error);
    /// Apply finished: error empty when the settings run and are saved.
    void applyFinished(const QString& error);
    void modifiedChanged(bool modified);

private:
    void fillTabs(const Config::RelayConfig& config);
    void onLoaded();
    void onChecked();
    void onActionDone(const Service::ActionResult& result);
    void onSaved();
    void setModified(bool modified);
    void setBusy(bool busy);
    void setStatus(const QString& text, bool problem = false);
    SettingsFieldError locate(const QString& section, const QString& key);
    void showFieldError(const SettingsFieldError& error);
    void hideFieldError();

    Service::RelayService* m_relay;
    QString m_configPath;
    Config::RelayConfig m_base;
    Config::RelayConfig m_pending;
    QString m_pendingText;
    QString m_runningDataDir; ///< the core's; it cannot change while running
    bool m_modified = false;
    bool m_busy = false;
    bool m_waitingForCore = false;
    QStringList m_plaintextSecrets; ///< in the loaded file; Apply waits for their move

    QTabWidget* m_tabs = nullptr;
    QList<SettingsTab*> m_tabList;
    QLabel* m_modifiedLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_bubble = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_revert = nullptr;

    QFutureWatcher<SettingsFile::Loaded> m_loadWatcher;
    QFutureWatcher<SettingsFile::Checked> m_checkWatcher;
    QFutureWatcher<QString> m_saveWatcher;
};

} // namespace RelayDesk::Ui
