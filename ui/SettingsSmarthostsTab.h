#pragma once

#include "SettingsPresetDialog.h"
#include "SettingsTab.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace RelayDesk::Ui {

/// Settings tab "Smarthosts": the default upstream ([smarthost]) and the
/// named ones ([smarthost.NAME]) that routes and fallbacks refer to. A list
/// on the left, the selected smarthost's settings on the right, and
/// "From preset…" to start from a provider preset. Passwords are only
/// referenced (keychain:NAME, file:/path); the Credentials page keeps them.
class SettingsSmarthostsTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsSmarthostsTab)

public:
    explicit SettingsSmarthostsTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

    QListWidget* list() const { return m_list; }
    /// Selects a smarthost: 0 is [smarthost], then the named ones in order.
    void select(int index);
    /// Fills the selected smarthost from a preset (what "From preset…" does
    /// when its dialog is accepted); host empty keeps the current host.
    void applyPreset(const Config::ProviderPreset& preset, const QString& host);

Q_SIGNALS:
    /// "From preset…" opened its dialog (for tests and screenshots).
    void presetDialogOpened(RelayDesk::Ui::SettingsPresetDialog* dialog);

private:
    /// What the editor shows of one smarthost; the texts that may not parse
    /// are kept as typed until the settings apply.
    struct Entry
    {
        Config::SmarthostConfig config;
        QString passwordRef;
        QString fallbacks;
    };

    void showEntry(int index);
    void storeEntry();
    void updatePresetNote();
    QString itemText(const Entry& entry) const;

    QList<Entry> m_entries;
    int m_current = -1;
    bool m_filling = false;

    QListWidget* m_list = nullptr;
    QPushButton* m_remove = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QComboBox* m_tls = nullptr;
    QCheckBox* m_verify = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_passwordRef = nullptr;
    QLineEdit* m_heloName = nullptr;
    QSpinBox* m_maxConnections = nullptr;
    QSpinBox* m_messagesPerConnection = nullptr;
    QSpinBox* m_messagesPerMinute = nullptr;
    QSpinBox* m_recipientsPerDay = nullptr;
    QLineEdit* m_fallbacks = nullptr;
    QLabel* m_presetNote = nullptr;
};

} // namespace RelayDesk::Ui
