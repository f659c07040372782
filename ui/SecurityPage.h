#pragma once

#include <QWidget>

class QTabWidget;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class AccountsPage;
class AuditPage;
class CertificatesPage;
class CredentialsPage;
class LockoutsPage;

/// The Security page: one sidebar entry with tabs for Credentials,
/// Accounts, Certificates, Blocked clients and the Audit log (issue 5).
/// Each tab is its own page class and refreshes only while it is shown.
class SecurityPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecurityPage)

public:
    explicit SecurityPage(Service::RelayService* relay, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    CredentialsPage* credentials() const { return m_credentials; }
    AccountsPage* accounts() const { return m_accounts; }
    CertificatesPage* certificates() const { return m_certificates; }
    LockoutsPage* lockouts() const { return m_lockouts; }
    AuditPage* audit() const { return m_audit; }

private:
    QTabWidget* m_tabs = nullptr;
    CredentialsPage* m_credentials = nullptr;
    AccountsPage* m_accounts = nullptr;
    CertificatesPage* m_certificates = nullptr;
    LockoutsPage* m_lockouts = nullptr;
    AuditPage* m_audit = nullptr;
};

} // namespace RelayDesk::Ui
