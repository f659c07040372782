#pragma once

#include "SettingsFieldError.h"
#include "config/RelayConfig.h"

#include <QWidget>

namespace RelayDesk::Ui {

/// One tab of the Settings page. A tab shows part of a RelayConfig and
/// writes only that part back, so settings no tab shows (and keys added to
/// the configuration later) pass through the page unchanged.
class SettingsTab : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// Fills the widgets from the configuration.
    virtual void setConfig(const Config::RelayConfig& config) = 0;
    /// Writes the widgets into *config. On a value that cannot be part of a
    /// configuration (an invalid network, port, name...) returns false and
    /// says where in *error (selecting the row it is in).
    virtual bool applyTo(Config::RelayConfig* config, SettingsFieldError* error) = 0;
    /// The widget for a problem the loader reported as [section] key (key
    /// may be empty); selects the row it is in. An unset error when the
    /// setting is not on this tab.
    virtual SettingsFieldError reveal(const QString& section, const QString& key) = 0;

Q_SIGNALS:
    /// The admin changed something on this tab.
    void edited();
};

} // namespace RelayDesk::Ui
