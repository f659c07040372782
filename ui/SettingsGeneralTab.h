#pragma once

#include "SettingsTab.h"

class QFormLayout;
class QLineEdit;

namespace RelayDesk::Ui {

/// Settings tab "General": the relay's SMTP name, data directory, DNS
/// server, and the TLS certificate and key every listener uses unless it
/// has its own ([general] and [tls]).
class SettingsGeneralTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsGeneralTab)

public:
    explicit SettingsGeneralTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

private:
    QLineEdit* addPath(QFormLayout* form, const QString& label, const QString& name,
                       const QString& filter);

    QLineEdit* m_hostname = nullptr;
    QLineEdit* m_dataDir = nullptr;
    QLineEdit* m_dnsServer = nullptr;
    QLineEdit* m_certFile = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QLineEdit* m_keyPassphraseRef = nullptr; ///< a credential reference, not the passphrase
};

} // namespace RelayDesk::Ui
