#include "CredentialEntryDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

CredentialEntryDialog::CredentialEntryDialog(const QString& reference, QWidget* parent)
    : QDialog(parent), m_fixedReference(reference)
{
    setObjectName(QStringLiteral("credentialEntryDialog"));
    setWindowTitle(reference.isEmpty() ? tr("Add credential") : tr("Replace credential"));
    auto* form = new QFormLayout;
    if (reference.isEmpty()) {
        m_backend = new QComboBox(this);
        m_backend->setObjectName(QStringLiteral("credentialBackend"));
        m_backend->addItem(tr("Keychain (recommended)"), QStringLiteral("keychain"));
        m_backend->addItem(tr("Daemon file store (0600 file)"), QStringLiteral("local"));
        form->addRow(tr("&Store in:"), m_backend);
        m_name = new QLineEdit(this);
        m_name->setObjectName(QStringLiteral("credentialName"));
        m_name->setPlaceholderText(tr("e.g. smarthost"));
        form->addRow(tr("&Name:"), m_name);
        connect(m_name, &QLineEdit::textChanged, this, &CredentialEntryDialog::validate);
    } else {
        auto* fixed = new QLabel(reference, this);
        fixed->setObjectName(QStringLiteral("credentialReference"));
        fixed->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("Reference:"), fixed);
    }
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("credentialSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    form->addRow(tr("S&ecret:"), m_secret);
    m_repeat = new QLineEdit(this);
    m_repeat->setObjectName(QStringLiteral("credentialSecretRepeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat:"), m_repeat);
    connect(m_secret, &QLineEdit::textChanged, this, &CredentialEntryDialog::validate);
    connect(m_repeat, &QLineEdit::textChanged, this, &CredentialEntryDialog::validate);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("credentialProblem"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Store"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    validate();
}

CredentialEntryDialog::~CredentialEntryDialog()
{
    // Not left in freed memory longer than needed.
    m_secret->clear();
    m_repeat->clear();
}

void CredentialEntryDialog::setLocalDefault()
{
    if (m_backend)
        m_backend->setCurrentIndex(m_backend->findData(QStringLiteral("local")));
}

QString CredentialEntryDialog::reference() const
{
    if (!m_fixedReference.isEmpty())
        return m_fixedReference;
    return m_backend->currentData().toString() + QLatin1Char(':') + m_name->text().trimmed();
}

QString CredentialEntryDialog::secret() const
{
    return m_secret->text();
}

QString CredentialEntryDialog::problem() const
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (m_name && !namePattern.match(m_name->text().trimmed()).hasMatch())
        return tr("A name is 1 to 64 letters, digits or . _ -");
    if (m_secret->text().isEmpty())
        return tr("Enter the secret.");
    if (m_secret->text() != m_repeat->text())
        return tr("The two entries differ.");
    return {};
}

void CredentialEntryDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace RelayDesk::Ui
