#include "AccountPasswordDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

AccountPasswordDialog::AccountPasswordDialog(const QString& account, const QString& password,
                                             QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("generatedPasswordDialog"));
    setWindowTitle(tr("Password of %1").arg(account));
    auto* intro = new QLabel(tr("The account <b>%1</b> was created with this password. Enter it "
                                "in the app or device now.")
                                 .arg(account.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_password = new QLineEdit(password, this);
    m_password->setObjectName(QStringLiteral("generatedPassword"));
    m_password->setReadOnly(true);
    m_password->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_password->setMinimumWidth(m_password->fontMetrics().horizontalAdvance(password) + 24);
    auto* copy = new QPushButton(tr("&Copy"), this);
    copy->setObjectName(QStringLiteral("copyPassword"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_password->text()); });
    auto* warning = new QLabel(tr("⚠ This password will not be shown again: RelayDesk keeps "
                                  "only a hash of it. If it is lost, set a new one."),
                               this);
    warning->setObjectName(QStringLiteral("passwordWarning"));
    warning->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);

    auto* row = new QHBoxLayout;
    row->addWidget(m_password, 1);
    row->addWidget(copy);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(warning);
    layout->addWidget(buttons);
    connect(this, &QDialog::finished, this, [this] { m_password->clear(); });
}

AccountPasswordDialog::~AccountPasswordDialog()
{
    m_password->clear();
}

QString AccountPasswordDialog::password() const
{
    return m_password->text();
}

} // namespace RelayDesk::Ui
