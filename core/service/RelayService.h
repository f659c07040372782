#pragma once

#include "AdminTypes.h"
#include "CoreSettings.h"
#include "RelayStatus.h"
#include "SecurityTypes.h"
#include "SuppressionTypes.h"
#include "delivery/RoutePreview.h"

#include <QObject>
#include <QThread>

namespace RelayDesk::Service {

class RelayCore;

/// The one door into the relay for the GUI and the daemon. It owns the core
/// thread; every request is posted to the core (never a direct call across
/// threads) and every result comes back as a value snapshot through a queued
/// signal, so the caller's thread never waits on disk, network or the core.
/// Kept narrow and serialisable so that a later "GUI attached to a running
/// daemon over a local socket" mode can implement the same surface.
class RelayService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RelayService)

public:
    explicit RelayService(CoreSettings settings, QObject* parent = nullptr);
    ~RelayService() override; ///< stops the core (if running) and joins its thread

    /// Starts listeners and delivery on the core thread. Emits statusChanged
    /// with Running, or Failed with the reason.
    void start();

    /// Stops accepting, lets sessions that are committing a message finish,
    /// stops delivery, flushes the store; emits stopped() when done.
    void stop();

    /// Retries every deferred message now.
    void flushQueue();

    /// What replacing the routes by `newRoutes` would do to the queued mail
    /// (the engine routes again at each attempt, so queued mail follows a
    /// change at its next attempt). Emits routePreviewReady, or
    /// routePreviewFailed when the queue cannot be read (e.g. not started).
    void previewRoutes(QVector<RelayDesk::Delivery::Route> newRoutes);

    RelayStatus lastStatus() const { return m_lastStatus; }

    // --- Admin API (issue 4). Each request answers with one signal. ---

    /// Pauses or resumes intake: while paused, new SMTP sessions get
    /// "421 4.3.2 intake paused" and delivery goes on. Answers actionDone
    /// ("pause"/"resume") and the next status has intakePaused set.
    void setIntakePaused(bool paused);

    /// Streams every non-final message as QueueRow batches, oldest first:
    /// queueBatch(generation, rows, last). The first batch holds at most
    /// `batchSize` rows (what a view needs to show something at once); each
    /// later one up to four times the one before, capped at
    /// max(batchSize, 16384) rows, so a large queue takes few round trips.
    /// `generation` is returned as given so the caller can drop stale batches.
    void requestQueue(quint64 generation, int batchSize = 5000);

    /// Queue actions on messages (all their pending recipients). Each answers
    /// actionDone with the action name ("retry", "hold", "release", "delete").
    void retryMessages(QVector<qint64> messageIds);
    void holdMessages(QVector<qint64> messageIds);
    void releaseMessages(QVector<qint64> messageIds);
    /// Removes the messages with all their envelopes, content and log rows.
    void deleteMessages(QVector<qint64> messageIds);

    /// Answers messageDetailReady (found=false when the id is unknown).
    void requestMessageDetail(qint64 messageId);
    /// Writes the stored content as an .eml file on the core side; answers
    /// messageSaved with an empty error on success.
    void saveMessage(qint64 messageId, QString path);

    /// Answers deliveryLogReady(query, rows), newest first.
    void queryDeliveryLog(DeliveryLogQuery query);
    /// Writes the rows of `query` as CSV (RFC 4180, UTF-8, header row);
    /// answers deliveryLogExported(path, rows, error).
    void exportDeliveryLog(DeliveryLogQuery query, QString path);

    /// Failed recipients since `since`, grouped by classified reason;
    /// answers bounceGroupsReady.
    void requestBounceGroups(QDateTime since);

    /// Answers devicesReady.
    void requestDevices();
    /// Sets a device's "expect mail at least every N hours" (0 = none);
    /// answers actionDone("expect") and the next devicesReady shows it.
    void setDeviceExpectation(QString address, int hours);

    /// Last 24 hours of attempts per hour, oldest first; answers hourlyCountsReady.
    void requestHourlyCounts();

    /// Applies new settings to the running core: listeners are rebound only
    /// if they changed, delivery picks up smarthosts/routes/limits/retry at
    /// once; the queue and sessions in progress are kept. Answers
    /// actionDone("apply-settings") with an error when something could not
    /// be applied (the previous settings then stay in force).
    void applySettings(CoreSettings settings);

    // --- Suppression list and bounces (issue 6; SuppressionApi.cpp). ---

    /// Answers suppressionsReady(entries, error), newest first.
    void requestSuppressions(SuppressionFilter filter = {});
    /// Adds or renews an entry (a missing expiry: [bounces] suppress-expiry
    /// from now); answers actionDone("suppress").
    void addSuppression(SuppressionEntry entry);
    /// Removes an entry; with `retryHeld`, messages held for it are released
    /// (due now). Answers actionDone("unsuppress", 1 + messages released).
    void removeSuppression(QString senderDomain, QString recipient, bool retryHeld = true);
    /// CSV of every entry (written on the core side); answers
    /// suppressionsExported(path, rows, error).
    void exportSuppressions(QString path);
    /// Adds the entries of a CSV file (all or none); answers
    /// suppressionsImported(path, rows, error).
    void importSuppressions(QString path);
    /// Reads a bounce message (.eml) off the caller's thread and classifies
    /// each recipient; answers bounceFileClassified(path, recipients, error).
    /// Works whether or not the relay runs.
    void classifyBounceFile(QString path);

    // --- Security (issue 5; SecurityAdmin.cpp). Every admin action above and
    // below appends an audit entry (time, local user, action, subject,
    // before/after where not secret). ---

    /// Client addresses locked out after AUTH failures; answers lockoutsReady.
    void requestLockouts();
    /// Lifts a lockout (and forgets the failures); answers actionDone("unblock").
    void unblockClient(QString address);
    /// Newest first; answers auditLogReady(entries, error).
    void requestAuditLog(RelayDesk::Store::AuditFilter filter = {});

    /// Local SMTP AUTH accounts; answers accountsReady(accounts, error).
    /// These work whether or not the relay runs (hashing runs on the auth
    /// thread pool, never on the caller's thread).
    void requestAccounts();
    /// With `generate`, `password` is ignored and a strong one is made and
    /// returned once in accountAdded(name, generatedPassword, error).
    void addAccount(QString name, QString password, bool generate,
                    RelayDesk::Auth::AccountPolicy policy = {});
    /// Each answers actionDone("account-policy" / "account-password" / "account-delete").
    void setAccountPolicy(QString name, RelayDesk::Auth::AccountPolicy policy);
    void setAccountPassword(QString name, QString password);
    void deleteAccount(QString name);

    /// The credential references the settings use, with whether a secret is
    /// stored for each; answers credentialsReady.
    void requestCredentials();
    /// Writes / removes the secret behind a keychain: or local: reference;
    /// answer actionDone("credential-store" / "credential-delete").
    void storeCredential(QString reference, QString secret);
    void deleteCredential(QString reference);
    /// The secret itself (the GUI asks for confirmation first); answers
    /// credentialRevealed(reference, secret, error). Audited.
    void revealCredential(QString reference);
    /// Connects to the named smarthost ("" = default): EHLO, STARTTLS as
    /// configured, AUTH, QUIT, no mail; answers credentialTested(name, ok,
    /// the upstream's AUTH reply or the failure).
    void testCredential(QString smarthostName);
    /// Answers keychainStatusReady("available") or a message saying what to
    /// install or start.
    void requestKeychainStatus();
    /// Moves secrets written in plain text in the INI file into the keychain
    /// and rewrites each line as a password-ref (keeping configPath + ".bak");
    /// answers plaintextSecretsMigrated(configPath, moved, error).
    void migratePlaintextSecrets(QString configPath);

    /// Answers certificatesReady.
    void requestCertificates();
    /// Generates a self-signed certificate into `dir` (cert.pem, key.pem);
    /// with a listener name, that listener uses it from the next apply.
    /// Answers certificateChanged(listener, info, error).
    void generateCertificate(RelayDesk::Tls::CertificateGenerator::Options options, QString dir,
                             QString listener = {});
    /// Imports PEM (certPath + keyPath) or PKCS#12 (certPath ending .p12/.pfx,
    /// keyPath empty) into `dir`; answers certificateChanged.
    void importCertificate(QString certPath, QString keyPath, QString password, QString dir,
                           QString listener = {});

Q_SIGNALS:
    void statusChanged(const RelayDesk::Service::RelayStatus& status);
    void stopped();
    void routePreviewReady(const RelayDesk::Delivery::RoutePreview& preview);
    void routePreviewFailed(const QString& error);

    void queueBatch(quint64 generation, const QVector<RelayDesk::Service::QueueRow>& rows,
                    bool last);
    void actionDone(const RelayDesk::Service::ActionResult& result);
    void messageDetailReady(const RelayDesk::Service::MessageDetail& detail);
    void messageSaved(qint64 messageId, const QString& path, const QString& error);
    void deliveryLogReady(const RelayDesk::Service::DeliveryLogQuery& query,
                          const QVector<RelayDesk::Service::DeliveryLogRow>& rows);
    void deliveryLogExported(const QString& path, int rows, const QString& error);
    void bounceGroupsReady(const QVector<RelayDesk::Service::BounceGroup>& groups);
    void devicesReady(const QVector<RelayDesk::Service::DeviceInfo>& devices);
    void hourlyCountsReady(const QVector<RelayDesk::Service::HourlyCount>& hours);
    /// A condition the tray should notify about (raised once per condition).
    void alertRaised(const RelayDesk::Service::Alert& alert);
    void suppressionsReady(const QVector<RelayDesk::Service::SuppressionEntry>& entries,
                           const QString& error);
    /// Entries were added or removed (also by the relay itself).
    void suppressionsChanged();
    void suppressionsExported(const QString& path, int rows, const QString& error);
    void suppressionsImported(const QString& path, int rows, const QString& error);
    void bounceFileClassified(const QString& path,
                              const QVector<RelayDesk::Service::BounceFileRecipient>& recipients,
                              const QString& error);

    // Security (issue 5).
    void lockoutsReady(const QVector<RelayDesk::Auth::LockedOutClient>& clients);
    void auditLogReady(const QVector<RelayDesk::Store::AuditEntry>& entries, const QString& error);
    void accountsReady(const QVector<RelayDesk::Service::AccountInfo>& accounts,
                       const QString& error);
    /// generatedPassword is non-empty only when asked to generate; show it once.
    void accountAdded(const QString& name, const QString& generatedPassword, const QString& error);
    void credentialsReady(const QVector<RelayDesk::Service::CredentialInfo>& credentials);
    void credentialRevealed(const QString& reference, const QString& secret, const QString& error);
    void credentialTested(const QString& smarthostName, bool ok, const QString& text);
    void keychainStatusReady(const QString& status);
    void plaintextSecretsMigrated(const QString& configPath,
                                  const QVector<RelayDesk::Service::MigratedSecret>& moved,
                                  const QString& error);
    void certificatesReady(const QVector<RelayDesk::Service::ListenerCertificate>& certificates);
    void certificateChanged(const QString& listener, const RelayDesk::Tls::CertificateInfo& info,
                            const QString& error);

private:
    void connectSuppressions();
    void connectSecurity();
    void onStatus(const RelayStatus& status);

    QThread m_thread;
    RelayCore* m_core = nullptr; ///< lives on m_thread
    RelayStatus m_lastStatus;
    bool m_stopping = false;
};

} // namespace RelayDesk::Service
