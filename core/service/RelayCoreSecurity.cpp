// The security part of the core (issue 5): RelayCore's SessionHost policy
// hooks, handed over to SecurityAdmin, and RelayService's security requests,
// posted to the SecurityAdmin on the core thread.

#include "RelayCore.h"
#include "RelayService.h"
#include "SecurityAdmin.h"

namespace RelayDesk::Service {

// --- RelayCore (core thread) ---------------------------------------------------

std::optional<Smtp::ServerReply> RelayCore::checkAuth(const QHostAddress& client)
{
    return m_security->checkAuth(client);
}

void RelayCore::authenticateClient(const QHostAddress& client, const QString& user,
                                   const QString& password, std::function<void(bool ok)> done)
{
    authenticate(user, password, [this, client, done = std::move(done)](bool ok) {
        m_security->authenticated(client, ok, done);
    });
}

std::optional<Smtp::ServerReply>
RelayCore::checkMail(const QHostAddress& client, const QString& authUser, const QString& sender)
{
    return m_security->checkMail(client, authUser, sender);
}

std::optional<Smtp::ServerReply> RelayCore::checkRcpt(const QHostAddress& client,
                                                      const QString& authUser)
{
    return m_security->checkRcpt(client, authUser);
}

std::optional<Smtp::ServerReply> RelayCore::admitAccountSession(const QHostAddress& client,
                                                                const QString& user)
{
    return m_security->admitAccountSession(client, user);
}

void RelayCore::accountSessionEnded(const QString& user)
{
    m_security->accountSessionEnded(user);
}

// --- RelayService (caller's thread) ----------------------------------------------

void RelayService::connectSecurity()
{
    qRegisterMetaType<Store::AuditFilter>();
    qRegisterMetaType<Auth::AccountPolicy>();
    qRegisterMetaType<QVector<MigratedSecret>>();
    SecurityAdmin* security = m_core->security();
    connect(security, &SecurityAdmin::lockoutsReady, this, &RelayService::lockoutsReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::auditLogReady, this, &RelayService::auditLogReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::accountsReady, this, &RelayService::accountsReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::accountAdded, this, &RelayService::accountAdded,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::credentialsReady, this, &RelayService::credentialsReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::credentialRevealed, this, &RelayService::credentialRevealed,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::keychainStatusReady, this, &RelayService::keychainStatusReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::certificatesReady, this, &RelayService::certificatesReady,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::certificateChanged, this, &RelayService::certificateChanged,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::credentialTested, this, &RelayService::credentialTested,
            Qt::QueuedConnection);
    connect(security, &SecurityAdmin::plaintextSecretsMigrated, this,
            &RelayService::plaintextSecretsMigrated, Qt::QueuedConnection);
}

namespace {

/// Runs `call` on the core's SecurityAdmin, on the core thread.
template <typename Call> void post(RelayCore* core, Call call)
{
    QMetaObject::invokeMethod(
        core, [core, call = std::move(call)] { call(core->security()); }, Qt::QueuedConnection);
}

} // namespace

void RelayService::requestLockouts()
{
    post(m_core, [](SecurityAdmin* s) { s->requestLockouts(); });
}

void RelayService::unblockClient(QString address)
{
    post(m_core, [address](SecurityAdmin* s) { s->unblockClient(address); });
}

void RelayService::requestAuditLog(Store::AuditFilter filter)
{
    post(m_core, [filter](SecurityAdmin* s) { s->requestAuditLog(filter); });
}

void RelayService::requestAccounts()
{
    post(m_core, [](SecurityAdmin* s) { s->requestAccounts(); });
}

void RelayService::addAccount(QString name, QString password, bool generate,
                              Auth::AccountPolicy policy)
{
    post(m_core, [name, password, generate, policy](SecurityAdmin* s) {
        s->addAccount(name, password, generate, policy);
    });
}

void RelayService::setAccountPolicy(QString name, Auth::AccountPolicy policy)
{
    post(m_core, [name, policy](SecurityAdmin* s) { s->setAccountPolicy(name, policy); });
}

void RelayService::setAccountPassword(QString name, QString password)
{
    post(m_core, [name, password](SecurityAdmin* s) { s->setAccountPassword(name, password); });
}

void RelayService::deleteAccount(QString name)
{
    post(m_core, [name](SecurityAdmin* s) { s->deleteAccount(name); });
}

void RelayService::requestCredentials()
{
    post(m_core, [](SecurityAdmin* s) { s->requestCredentials(); });
}

void RelayService::storeCredential(QString reference, QString secret)
{
    post(m_core, [reference, secret](SecurityAdmin* s) { s->storeCredential(reference, secret); });
}

void RelayService::deleteCredential(QString reference)
{
    post(m_core, [reference](SecurityAdmin* s) { s->deleteCredential(reference); });
}

void RelayService::revealCredential(QString reference)
{
    post(m_core, [reference](SecurityAdmin* s) { s->revealCredential(reference); });
}

void RelayService::testCredential(QString smarthostName)
{
    post(m_core, [smarthostName](SecurityAdmin* s) { s->testCredential(smarthostName); });
}

void RelayService::requestKeychainStatus()
{
    post(m_core, [](SecurityAdmin* s) { s->requestKeychainStatus(); });
}

void RelayService::migratePlaintextSecrets(QString configPath)
{
    post(m_core, [configPath](SecurityAdmin* s) { s->migratePlaintextSecrets(configPath); });
}

void RelayService::requestCertificates()
{
    post(m_core, [](SecurityAdmin* s) { s->requestCertificates(); });
}

void RelayService::generateCertificate(Tls::CertificateGenerator::Options options, QString dir,
                                       QString listener)
{
    post(m_core, [options, dir, listener](SecurityAdmin* s) {
        s->generateCertificate(options, dir, listener);
    });
}

void RelayService::importCertificate(QString certPath, QString keyPath, QString password,
                                     QString dir, QString listener)
{
    post(m_core, [certPath, keyPath, password, dir, listener](SecurityAdmin* s) {
        s->importCertificate(certPath, keyPath, password, dir, listener);
    });
}

} // namespace RelayDesk::Service
