#pragma once

#include "tls/CertificateGenerator.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace RelayDesk::Ui {

/// Options for a new self-signed listener certificate: key type (ECDSA
/// P-256 or RSA 3072), the name devices use, extra names and addresses
/// (one per line) and where the files go. Prefilled with the machine's
/// names and addresses.
class CertificateGenerateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateGenerateDialog)

public:
    CertificateGenerateDialog(const QString& listener, const QString& directory,
                              const Tls::CertificateGenerator::Options& defaults,
                              QWidget* parent = nullptr);

    QString listener() const { return m_listener; }
    Tls::CertificateGenerator::Options options() const;
    QString directory() const;
    /// Why OK is disabled; empty when the input is valid.
    QString problem() const;

private:
    void validate();

    QString m_listener;
    QComboBox* m_keyType = nullptr;
    QLineEdit* m_commonName = nullptr;
    QPlainTextEdit* m_names = nullptr;
    QSpinBox* m_days = nullptr;
    QLineEdit* m_directory = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace RelayDesk::Ui
