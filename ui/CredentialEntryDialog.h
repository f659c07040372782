#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace RelayDesk::Ui {

/// Asks for a secret to store under a credential reference: a new
/// reference (keychain: or local: plus a name) or a given one to replace.
/// The secret is typed twice in password fields and never shown.
class CredentialEntryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialEntryDialog)

public:
    /// An empty `reference` asks for a new one; otherwise it replaces that one.
    explicit CredentialEntryDialog(const QString& reference = {}, QWidget* parent = nullptr);
    ~CredentialEntryDialog() override;

    /// Preselects the daemon's file store (after the admin chose it).
    void setLocalDefault();
    /// "keychain:NAME" or "local:NAME".
    QString reference() const;
    QString secret() const;
    /// Why OK is disabled; empty when the input is valid.
    QString problem() const;

private:
    void validate();

    QString m_fixedReference;
    QComboBox* m_backend = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_secret = nullptr;
    QLineEdit* m_repeat = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace RelayDesk::Ui
