#pragma once

#include "AdminTypes.h"
#include "CoreSettings.h"
#include "SecurityTypes.h"
#include "auth/AbuseGuard.h"
#include "auth/AccountStore.h"
#include "auth/AuthThrottle.h"
#include "auth/VolumeMonitor.h"
#include "smtp/ServerReply.h"
#include "store/SqliteAuditLog.h"

#include <QHostAddress>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <optional>

namespace RelayDesk::Auth {
class CredentialResolver;
}

namespace RelayDesk::Service {

/// The security half of the core (issue 5), living on the core thread next
/// to RelayCore: the per-session abuse policy (AUTH lockout, allowed
/// senders, rate limits, unusual volume) that RelayCore's SessionHost
/// methods hand over to, the audit log every admin action writes to, and
/// the admin requests for lockouts, accounts, credentials and certificates.
/// Accounts, credentials and certificates work whether or not the relay
/// runs; scrypt and OpenSSL work runs on a private thread pool.
class SecurityAdmin final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecurityAdmin)

public:
    SecurityAdmin(const Queue::Clock& clock, const CoreSettings& settings,
                  QObject* parent = nullptr);
    ~SecurityAdmin() override;

    /// Takes new limits and references (start, applySettings).
    void configure(const CoreSettings& settings);
    /// Takes the lockouts that were in force when the relay last stopped
    /// (<dataDir>/lockouts), so that a restart does not reset a guesser.
    void restoreLockouts();
    /// The local accounts of the data dir: the one store that both the
    /// admin requests and the core's AUTH checks use (thread-safe).
    std::shared_ptr<Auth::AccountStore> accounts() const { return m_accounts; }
    /// Certificate expiry check now and then daily (started with the relay).
    void startExpiryChecks();
    void stopExpiryChecks();

    // --- Session policy (called by RelayCore's SessionHost methods). ---
    std::optional<Smtp::ServerReply> checkAuth(const QHostAddress& client);
    /// Answers a failed check after AuthThrottle's delay; clears failures on success.
    void authenticated(const QHostAddress& client, bool ok, std::function<void(bool)> done);
    std::optional<Smtp::ServerReply> checkMail(const QHostAddress& client, const QString& authUser,
                                               const QString& sender);
    std::optional<Smtp::ServerReply> checkRcpt(const QHostAddress& client, const QString& authUser);
    /// A right password: counts the login against [limits]
    /// account-max-sessions, or refuses it (454 4.7.0, logged).
    std::optional<Smtp::ServerReply> admitAccountSession(const QHostAddress& client,
                                                         const QString& user);
    /// The session counted by admitAccountSession() ended.
    void accountSessionEnded(const QString& user);
    /// A message was accepted: feeds the volume monitor (may raise Abuse).
    void messageSubmitted(const QString& clientAddress, const QString& authUser);

    /// Appends an audit entry as the local OS user; never pass a secret.
    void audit(const QString& action, const QString& subject, const QString& before = {},
               const QString& after = {});
    /// The OS user running this process (getpwuid(geteuid())).
    static QString localUser();
    /// "12, 13, 20" for an audit subject (at most 50 ids, then "...").
    static QString idList(const QVector<qint64>& ids);

    // --- Admin requests (see RelayService). ---
    void requestLockouts();
    void unblockClient(const QString& address);
    void requestAuditLog(const Store::AuditFilter& filter);
    void requestAccounts();
    void addAccount(const QString& name, const QString& password, bool generate,
                    const Auth::AccountPolicy& policy);
    void setAccountPolicy(const QString& name, const Auth::AccountPolicy& policy);
    void setAccountPassword(const QString& name, const QString& password);
    void deleteAccount(const QString& name);
    void requestCredentials();
    void storeCredential(const QString& reference, const QString& secret);
    void deleteCredential(const QString& reference);
    void revealCredential(const QString& reference);
    void requestKeychainStatus();
    /// EHLO, STARTTLS as configured, AUTH, QUIT against the named smarthost
    /// ("" = default) with its stored password; no mail is sent.
    void testCredential(const QString& smarthostName);
    /// Moves secrets written in plain text in the INI file into the keychain
    /// (keychain:<section>), rewrites each such line as password-ref (the
    /// original kept as configPath.bak, 0600). Nothing is rewritten unless
    /// every secret was stored.
    void migratePlaintextSecrets(const QString& configPath);
    void requestCertificates();
    void generateCertificate(const Tls::CertificateGenerator::Options& options, const QString& dir,
                             const QString& listener);
    void importCertificate(const QString& certPath, const QString& keyPath, const QString& password,
                           const QString& dir, const QString& listener);

    /// The message the GUI and log show when no Secret Service answers.
    static QString keychainMissingText();

Q_SIGNALS:
    void actionDone(const RelayDesk::Service::ActionResult& result);
    void alertRaised(const RelayDesk::Service::Alert& alert);
    void lockoutsReady(const QVector<RelayDesk::Auth::LockedOutClient>& clients);
    void auditLogReady(const QVector<RelayDesk::Store::AuditEntry>& entries, const QString& error);
    void accountsReady(const QVector<RelayDesk::Service::AccountInfo>& accounts,
                       const QString& error);
    void accountAdded(const QString& name, const QString& generatedPassword, const QString& error);
    void credentialsReady(const QVector<RelayDesk::Service::CredentialInfo>& credentials);
    void credentialRevealed(const QString& reference, const QString& secret, const QString& error);
    void keychainStatusReady(const QString& status);
    void credentialTested(const QString& smarthostName, bool ok, const QString& text);
    void plaintextSecretsMigrated(const QString& configPath,
                                  const QVector<RelayDesk::Service::MigratedSecret>& moved,
                                  const QString& error);
    void certificatesReady(const QVector<RelayDesk::Service::ListenerCertificate>& certificates);
    void certificateChanged(const QString& listener, const RelayDesk::Tls::CertificateInfo& info,
                            const QString& error);

private:
    /// Writes the lockouts in force to <dataDir>/lockouts (start or end of one).
    void saveLockouts();
    QString lockoutsPath() const;
    /// Runs `work` on the pool and `then` with its result back on this thread.
    template <typename Work, typename Then> void offThread(Work work, Then then);
    void accountDone(const QString& action, const QString& name, const QString& error,
                     const QString& after = {});
    void checkCertificates();
    Auth::CredentialResolver* resolver();
    bool openAuditLog(QString* error);
    /// Rewrites the file once the secrets are in the keychain.
    QString rewriteConfig(const QString& configPath, const QVector<MigratedSecret>& moved);

    const Queue::Clock& m_clock;
    CoreSettings m_settings;
    Auth::AuthThrottle m_throttle;
    Auth::AbuseGuard m_guard;
    Auth::VolumeMonitor m_volume;
    std::shared_ptr<Auth::AccountStore> m_accounts; ///< shared with pool tasks and the core
    Store::SqliteAuditLog m_audit;
    Auth::CredentialResolver* m_resolver = nullptr; ///< child; created on first use
    QThreadPool m_pool;
    QTimer m_expiryTimer;
};

} // namespace RelayDesk::Service
