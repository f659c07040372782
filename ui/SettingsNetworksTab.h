#pragma once

#include "SettingsTab.h"

class QLabel;
class QLineEdit;
class QListWidget;

namespace RelayDesk::Ui {

/// Settings tab "Allowed networks": the CIDR networks that may relay
/// without AUTH ([relay] allowed-networks). Entries are checked as CIDR when
/// added and again before the settings apply; an open relay is refused.
class SettingsNetworksTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsNetworksTab)

public:
    explicit SettingsNetworksTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

    QListWidget* list() const { return m_list; }

    /// Why `text` is not an allowed network; empty when it is one.
    static QString problemWith(const QString& text);

private:
    void addFromInput();

    QListWidget* m_list = nullptr;
    QLineEdit* m_input = nullptr;
    QLabel* m_inputError = nullptr;
};

} // namespace RelayDesk::Ui
