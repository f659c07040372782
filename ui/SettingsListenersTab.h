#pragma once

#include "SettingsTab.h"

class QLabel;
class QTableWidget;

namespace RelayDesk::Ui {

/// Settings tab "Listeners": one row per [listener.NAME] with address,
/// port, TLS mode (plain, STARTTLS, implicit TLS), AUTH required and the
/// legacy TLS 1.0/1.1 switch, which shows a warning while it is on.
class SettingsListenersTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsListenersTab)

public:
    enum Column { NameColumn, AddressColumn, PortColumn, TlsColumn, AuthColumn, LegacyColumn };
    enum TlsChoice { Plain, StartTls, ImplicitTls };

    explicit SettingsListenersTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

    QTableWidget* table() const { return m_table; }
    /// Appends a row (also the "Add" button); returns its index.
    int addListener(const Config::ListenerConfig& listener, TlsChoice tls);

private:
    void updateWarning();

    QTableWidget* m_table = nullptr;
    QLabel* m_legacyWarning = nullptr;
    bool m_filling = false;
};

} // namespace RelayDesk::Ui
