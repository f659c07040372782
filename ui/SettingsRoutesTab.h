#pragma once

#include "SettingsTab.h"

class QTableWidget;

namespace RelayDesk::Ui {

/// Settings tab "Routes": the ordered [route.NAME] table (the first route
/// whose conditions hold picks the transport) with add, remove, move up and
/// move down. Lists are comma separated in their cells.
class SettingsRoutesTab final : public SettingsTab
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsRoutesTab)

public:
    enum Column {
        NameColumn,
        SendersColumn,
        RecipientDomainsColumn,
        ClientNetworksColumn,
        AuthUsersColumn,
        ListenersColumn,
        TransportColumn,
        HeloNameColumn,
        FromAddressColumn,
        FromNameColumn,
        FixFromNameColumn,
        AddDateColumn,
        AddMessageIdColumn,
        EnvelopeSenderColumn,
        ColumnCount
    };

    explicit SettingsRoutesTab(QWidget* parent = nullptr);

    void setConfig(const Config::RelayConfig& config) override;
    bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) override;
    SettingsFieldError reveal(const QString& section, const QString& key) override;

    QTableWidget* table() const { return m_table; }
    /// Appends a route; returns its row.
    int addRoute(const Config::RouteConfig& route);
    /// Moves the current route one place up (-1) or down (+1).
    void moveCurrent(int delta);

private:
    struct Row
    {
        QStringList texts; ///< one per column; unused for the combo and checks
        int fix = 0;
        bool addDate = false;
        bool addMessageId = false;
    };
    Row readRow(int row) const;
    void writeRow(int row, const Row& data);

    QTableWidget* m_table = nullptr;
    bool m_filling = false;
};

} // namespace RelayDesk::Ui
