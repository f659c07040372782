#include "AccountDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

constexpr int maxRate = 1000000;
constexpr int minPasswordLength = 12;

QStringList senderLines(const QString& text)
{
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            lines << trimmed;
    }
    return lines;
}

} // namespace

AccountDialog::AccountDialog(Mode mode, const QString& name, const Auth::AccountPolicy& policy,
                             QWidget* parent)
    : QDialog(parent), m_mode(mode)
{
    setObjectName(QStringLiteral("accountDialog"));
    auto* form = new QFormLayout;

    m_name = new QLineEdit(name, this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setReadOnly(mode != Mode::Add);
    m_name->setPlaceholderText(tr("e.g. scanner or crm-app"));
    form->addRow(tr("&Name:"), m_name);

    if (mode != Mode::EditPolicy) {
        m_generate = new QRadioButton(tr("&Generate a strong password (recommended)"), this);
        m_generate->setObjectName(QStringLiteral("generatePassword"));
        m_type = new QRadioButton(tr("&Type a password"), this);
        m_type->setObjectName(QStringLiteral("typePassword"));
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("accountPassword"));
        m_password->setEchoMode(QLineEdit::Password);
        m_repeat = new QLineEdit(this);
        m_repeat->setObjectName(QStringLiteral("accountPasswordRepeat"));
        m_repeat->setEchoMode(QLineEdit::Password);
        if (mode == Mode::Add) {
            form->addRow(QString(), m_generate);
            form->addRow(QString(), m_type);
            m_generate->setChecked(true);
        } else {
            // A new password is typed; the old one cannot be shown.
            m_generate->hide();
            m_type->hide();
            m_type->setChecked(true);
        }
        form->addRow(tr("&Password:"), m_password);
        form->addRow(tr("&Repeat:"), m_repeat);
        const auto typed = [this] {
            const bool typing = m_type->isChecked();
            m_password->setEnabled(typing);
            m_repeat->setEnabled(typing);
            validate();
        };
        connect(m_type, &QRadioButton::toggled, this, typed);
        connect(m_password, &QLineEdit::textChanged, this, &AccountDialog::validate);
        connect(m_repeat, &QLineEdit::textChanged, this, &AccountDialog::validate);
        typed();
    }

    if (mode != Mode::SetPassword) {
        m_senders = new QPlainTextEdit(this);
        m_senders->setObjectName(QStringLiteral("allowedSenders"));
        m_senders->setTabChangesFocus(true);
        m_senders->setPlainText(policy.allowedSenders.join(QLatin1Char('\n')));
        m_senders->setToolTip(tr("One per line: an address (app@example.com), a domain "
                                 "(@example.com) or * for any sender."));
        form->addRow(tr("Allowed &senders:"), m_senders);
        m_rate = new QSpinBox(this);
        m_rate->setObjectName(QStringLiteral("accountRate"));
        m_rate->setRange(0, maxRate);
        m_rate->setSpecialValueText(tr("relay default"));
        m_rate->setSuffix(tr(" messages/min"));
        m_rate->setValue(policy.messagesPerMinute);
        form->addRow(tr("&Messages:"), m_rate);
        m_rcptRate = new QSpinBox(this);
        m_rcptRate->setObjectName(QStringLiteral("accountRecipientRate"));
        m_rcptRate->setRange(0, maxRate);
        m_rcptRate->setSpecialValueText(tr("relay default"));
        m_rcptRate->setSuffix(tr(" recipients/h"));
        m_rcptRate->setValue(policy.recipientsPerHour);
        form->addRow(tr("R&ecipients:"), m_rcptRate);
        connect(m_senders, &QPlainTextEdit::textChanged, this, &AccountDialog::validate);
    }

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("accountProblem"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &AccountDialog::validate);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    switch (mode) {
    case Mode::Add:
        setWindowTitle(tr("Add account"));
        break;
    case Mode::EditPolicy:
        setWindowTitle(tr("Edit account %1").arg(name));
        break;
    case Mode::SetPassword:
        setWindowTitle(tr("Set password of %1").arg(name));
        break;
    }
    validate();
}

QString AccountDialog::name() const
{
    return m_name->text().trimmed();
}

bool AccountDialog::generatePassword() const
{
    return m_generate && m_generate->isChecked();
}

QString AccountDialog::password() const
{
    return m_password && !generatePassword() ? m_password->text() : QString();
}

Auth::AccountPolicy AccountDialog::policy() const
{
    Auth::AccountPolicy policy;
    if (!m_senders)
        return policy;
    const QStringList lines = senderLines(m_senders->toPlainText());
    policy.allowedSenders = lines.isEmpty() ? QStringList{QStringLiteral("*")} : lines;
    policy.messagesPerMinute = m_rate->value();
    policy.recipientsPerHour = m_rcptRate->value();
    return policy;
}

QString AccountDialog::problem() const
{
    // The accounts file is "name:hash[:policy]": no ':' or blanks in a name.
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._@+-]{1,64}$"));
    if (!namePattern.match(name()).hasMatch())
        return tr("A name is 1 to 64 letters, digits or . _ @ + -");
    if (m_password && !generatePassword()) {
        if (m_password->text().size() < minPasswordLength)
            return tr("The password needs at least %n characters.", nullptr, minPasswordLength);
        if (m_password->text() != m_repeat->text())
            return tr("The passwords differ.");
    }
    if (m_senders)
        for (const QString& line : senderLines(m_senders->toPlainText()))
            if (!Auth::AccountPolicy::isValidSenderPattern(line))
                return tr("\"%1\" is not an address, @domain or *.").arg(line);
    return {};
}

void AccountDialog::validate()
{
    if (!m_buttons) // still being built
        return;
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace RelayDesk::Ui
