#include "CertificateGenerateDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

QStringList nameLines(const QString& text)
{
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines << trimmed;
    }
    return lines;
}

bool isDnsName(const QString& name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    return name.size() <= 253 && pattern.match(name).hasMatch();
}

} // namespace

CertificateGenerateDialog::CertificateGenerateDialog(
    const QString& listener, const QString& directory,
    const Tls::CertificateGenerator::Options& defaults, QWidget* parent)
    : QDialog(parent), m_listener(listener)
{
    setObjectName(QStringLiteral("generateCertificateDialog"));
    setWindowTitle(tr("Generate a self-signed certificate for %1").arg(listener));
    m_keyType = new QComboBox(this);
    m_keyType->setObjectName(QStringLiteral("certificateKeyType"));
    m_keyType->addItem(tr("ECDSA P-256 (recommended)"),
                       int(Tls::CertificateGenerator::KeyType::Ecdsa));
    m_keyType->addItem(tr("RSA 3072 (for very old devices)"),
                       int(Tls::CertificateGenerator::KeyType::Rsa));
    m_keyType->setCurrentIndex(m_keyType->findData(int(defaults.keyType)));
    m_commonName = new QLineEdit(defaults.commonName, this);
    m_commonName->setObjectName(QStringLiteral("certificateCommonName"));
    QStringList names = defaults.dnsNames;
    for (const QHostAddress& address : defaults.addresses)
        names << address.toString();
    m_names = new QPlainTextEdit(names.join(QLatin1Char('\n')), this);
    m_names->setObjectName(QStringLiteral("certificateNames"));
    m_names->setTabChangesFocus(true);
    m_names->setToolTip(tr("One per line: more host names and IP addresses devices may use to "
                           "reach the relay."));
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("certificateDays"));
    m_days->setRange(1, Tls::CertificateGenerator::MaxValidityDays);
    m_days->setValue(defaults.validityDays);
    m_days->setSuffix(tr(" days"));
    m_directory = new QLineEdit(directory, this);
    m_directory->setObjectName(QStringLiteral("certificateDirectory"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Key type:"), m_keyType);
    form->addRow(tr("&Name (CN):"), m_commonName);
    form->addRow(tr("&Extra names:"), m_names);
    form->addRow(tr("&Valid for:"), m_days);
    form->addRow(tr("&Folder:"), m_directory);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("certificateProblem"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Generate"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_commonName, &QLineEdit::textChanged, this, &CertificateGenerateDialog::validate);
    connect(m_names, &QPlainTextEdit::textChanged, this, &CertificateGenerateDialog::validate);
    connect(m_directory, &QLineEdit::textChanged, this, &CertificateGenerateDialog::validate);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    validate();
}

Tls::CertificateGenerator::Options CertificateGenerateDialog::options() const
{
    Tls::CertificateGenerator::Options options;
    options.keyType = Tls::CertificateGenerator::KeyType(m_keyType->currentData().toInt());
    options.commonName = m_commonName->text().trimmed();
    for (const QString& name : nameLines(m_names->toPlainText())) {
        QHostAddress address;
        if (address.setAddress(name))
            options.addresses << address;
        else
            options.dnsNames << name;
    }
    options.validityDays = m_days->value();
    return options;
}

QString CertificateGenerateDialog::directory() const
{
    return m_directory->text().trimmed();
}

QString CertificateGenerateDialog::problem() const
{
    const QString cn = m_commonName->text().trimmed();
    if (!cn.isEmpty() && !isDnsName(cn) && QHostAddress(cn).isNull())
        return tr("\"%1\" is not a host name.").arg(cn);
    for (const QString& name : nameLines(m_names->toPlainText()))
        if (!isDnsName(name) && QHostAddress(name).isNull())
            return tr("\"%1\" is neither a host name nor an IP address.").arg(name);
    if (directory().isEmpty())
        return tr("Choose a folder for the certificate and key.");
    return {};
}

void CertificateGenerateDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace RelayDesk::Ui
