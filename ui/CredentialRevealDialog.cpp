#include "CredentialRevealDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

CredentialRevealDialog::CredentialRevealDialog(const QString& reference, const QString& secret,
                                               int seconds, QWidget* parent)
    : QDialog(parent), m_secondsLeft(seconds)
{
    setObjectName(QStringLiteral("credentialRevealDialog"));
    setWindowTitle(tr("Secret of %1").arg(reference));
    m_secret = new QLineEdit(secret, this);
    m_secret->setObjectName(QStringLiteral("revealedSecret"));
    m_secret->setReadOnly(true);
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_countdown = new QLabel(this);
    m_countdown->setObjectName(QStringLiteral("revealCountdown"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_secret);
    layout->addWidget(m_countdown);
    layout->addWidget(buttons);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &CredentialRevealDialog::tick);
    m_timer->start();
    connect(this, &QDialog::finished, this, [this] {
        m_timer->stop();
        m_secret->clear();
    });
    m_countdown->setText(tr("Hidden again in %n second(s).", nullptr, m_secondsLeft));
}

CredentialRevealDialog::~CredentialRevealDialog()
{
    m_secret->clear();
}

QString CredentialRevealDialog::shownSecret() const
{
    return m_secret->text();
}

void CredentialRevealDialog::tick()
{
    if (--m_secondsLeft > 0) {
        m_countdown->setText(tr("Hidden again in %n second(s).", nullptr, m_secondsLeft));
        return;
    }
    m_secret->clear();
    reject();
}

} // namespace RelayDesk::Ui
