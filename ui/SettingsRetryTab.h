#pragma once

#include "SettingsTab.h"

class QLineEdit;

namespace RelayDesk::Ui {

/// Settings tab "Retry": the delays between delivery attempts, when a
/// message is given up, and when the sender hears it is delayed ([retry]).
class SettingsRetryTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsRetryTab)

public:
    explicit SettingsRetryTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

private:
    QLineEdit* m_schedule = nullptr;
    QLineEdit* m_maxAge = nullptr;
    QLineEdit* m_delayWarning = nullptr;
};

} // namespace RelayDesk::Ui
