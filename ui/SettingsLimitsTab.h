#pragma once

#include "SettingsTab.h"

class QLineEdit;
class QSpinBox;

namespace RelayDesk::Ui {

/// Settings tab "Limits": message size, recipients, sessions, timeouts and
/// the per-client and per-account rates ([limits]). Sizes and durations are typed as in the file
/// ("25M", "5m").
class SettingsLimitsTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsLimitsTab)

public:
    explicit SettingsLimitsTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

private:
    QList<QSpinBox*> spinBoxes() const;

    QLineEdit* m_maxMessageSize = nullptr;
    QSpinBox* m_maxRecipients = nullptr;
    QSpinBox* m_maxSessions = nullptr;
    QSpinBox* m_maxSessionsPerClient = nullptr;
    QSpinBox* m_maxBadCommands = nullptr;
    QLineEdit* m_commandTimeout = nullptr;
    QLineEdit* m_dataTimeout = nullptr;
    QSpinBox* m_messagesPerMinute = nullptr;
    QSpinBox* m_recipientsPerHour = nullptr;
    QSpinBox* m_accountMessagesPerMinute = nullptr;
    QSpinBox* m_accountRecipientsPerHour = nullptr;
    QSpinBox* m_accountMaxSessions = nullptr;
};

} // namespace RelayDesk::Ui
