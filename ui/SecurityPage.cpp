#include "SecurityPage.h"

#include "AccountsPage.h"
#include "AuditPage.h"
#include "CertificatesPage.h"
#include "CredentialsPage.h"
#include "LockoutsPage.h"

#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString tabKey = QStringLiteral("security/tab");

} // namespace

SecurityPage::SecurityPage(Service::RelayService* relay, QWidget* parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("securityTabs"));
    m_credentials = new CredentialsPage(relay, m_tabs);
    m_credentials->setObjectName(QStringLiteral("credentials"));
    m_accounts = new AccountsPage(relay, m_tabs);
    m_accounts->setObjectName(QStringLiteral("accounts"));
    m_certificates = new CertificatesPage(relay, m_tabs);
    m_certificates->setObjectName(QStringLiteral("certificates"));
    m_lockouts = new LockoutsPage(relay, m_tabs);
    m_lockouts->setObjectName(QStringLiteral("lockouts"));
    m_audit = new AuditPage(relay, m_tabs);
    m_audit->setObjectName(QStringLiteral("audit"));
    m_tabs->addTab(m_credentials, QIcon(QStringLiteral(":/icons/credentials.svg")),
                   tr("&Credentials"));
    m_tabs->addTab(m_accounts, tr("&Accounts"));
    m_tabs->addTab(m_certificates, tr("Cer&tificates"));
    m_tabs->addTab(m_lockouts, tr("&Blocked clients"));
    m_tabs->addTab(m_audit, tr("Audit &log"));
    m_tabs->setCurrentIndex(QSettings().value(tabKey, 0).toInt());
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [](int index) { QSettings().setValue(tabKey, index); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

} // namespace RelayDesk::Ui
