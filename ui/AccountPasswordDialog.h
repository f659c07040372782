#pragma once

#include <QDialog>

class QLineEdit;

namespace RelayDesk::Ui {

/// Shows a generated account password once, with a copy button and a
/// warning that it cannot be shown again (only its hash is stored). The
/// text is wiped when the dialog closes.
class AccountPasswordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountPasswordDialog)

public:
    AccountPasswordDialog(const QString& account, const QString& password,
                          QWidget* parent = nullptr);
    ~AccountPasswordDialog() override;

    /// The password as shown (for the copy button and tests).
    QString password() const;

private:
    QLineEdit* m_password = nullptr;
};

} // namespace RelayDesk::Ui
