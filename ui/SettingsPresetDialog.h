#pragma once

#include "config/ProviderPreset.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace RelayDesk::Ui {

/// "From preset…": picks a built-in provider preset (Config::ProviderPresets),
/// shows its notes (how to log in) and documented limits with their sources,
/// and asks for the preset's parameters (SES region, Microsoft 365 tenant).
/// Accepting it checks the parameters; the caller then reads preset() and
/// host().
class SettingsPresetDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPresetDialog)

public:
    explicit SettingsPresetDialog(QWidget* parent = nullptr);

    /// Selects a preset by id (e.g. "amazon-ses"); false when unknown.
    bool selectPreset(const QString& id);
    const Config::ProviderPreset* preset() const;
    /// The preset's host with its parameters filled in; empty for a preset
    /// without a host (generic).
    QString host() const { return m_host; }

    void accept() override;

private:
    void showPreset();

    QComboBox* m_combo = nullptr;
    QLabel* m_details = nullptr;
    QFormLayout* m_parameterForm = nullptr;
    QHash<QString, QLineEdit*> m_parameters;
    QLabel* m_error = nullptr;
    QString m_host;
};

} // namespace RelayDesk::Ui
