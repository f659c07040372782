#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QTimer;

namespace RelayDesk::Ui {

/// Shows a revealed secret for a limited time (30 s by default), then
/// wipes it and closes, so a secret is not left on screen.
class CredentialRevealDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialRevealDialog)

public:
    static constexpr int DefaultSeconds = 30;

    CredentialRevealDialog(const QString& reference, const QString& secret,
                           int seconds = DefaultSeconds, QWidget* parent = nullptr);
    ~CredentialRevealDialog() override;

    QString shownSecret() const;
    int secondsLeft() const { return m_secondsLeft; }

private:
    void tick();

    QLineEdit* m_secret = nullptr;
    QLabel* m_countdown = nullptr;
    QTimer* m_timer = nullptr;
    int m_secondsLeft = 0;
};

} // namespace RelayDesk::Ui
