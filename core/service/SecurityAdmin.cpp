#include "SecurityAdmin.h"

#include "auth/CredentialResolver.h"
#include "auth/PasswordGenerator.h"
#include "auth/PrivateFile.h"
#include "config/ConfigLoader.h"
#include "config/IniFileScanner.h"
#include "delivery/SmtpClientConnection.h"
#include "tls/CertificateImporter.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <pwd.h>
#include <unistd.h>

namespace RelayDesk::Service {

namespace {

Q_LOGGING_CATEGORY(lcSecurity, "relaydesk.abuse")

/// Warn this long before a listener certificate expires.
constexpr int ExpiryWarningDays = 30;
constexpr int DayMs = 24 * 60 * 60 * 1000;

/// The probe name requestKeychainStatus reads: a miss proves the service answers.
const QString KeychainProbe = QStringLiteral("relaydesk-keychain-probe");

Smtp::ServerReply policyReply(int code, const char* enhanced, const QString& text)
{
    return {code, enhanced, text.toUtf8(), false};
}

/// Why a file: or systemd: secret cannot be written here, and where it is.
QString readOnlyText(const Config::CredentialReference& ref, const QString& verb)
{
    if (ref.scheme == Config::CredentialReference::Scheme::Systemd)
        return QStringLiteral("%1 is a systemd credential: %2 it in the relaydeskd unit "
                              "(LoadCredential=)")
            .arg(ref.toString(), verb);
    return QStringLiteral("%1 is a password file: %2 the file itself").arg(ref.toString(), verb);
}

QString backendName(Config::CredentialReference::Scheme scheme)
{
    switch (scheme) {
    case Config::CredentialReference::Scheme::Keychain:
        return QStringLiteral("keychain");
    case Config::CredentialReference::Scheme::Local:
        return QStringLiteral("local");
    case Config::CredentialReference::Scheme::File:
        return QStringLiteral("file");
    case Config::CredentialReference::Scheme::Systemd:
        return QStringLiteral("systemd");
    case Config::CredentialReference::Scheme::None:
        break;
    }
    return {};
}

} // namespace

SecurityAdmin::SecurityAdmin(const Queue::Clock& clock, const CoreSettings& settings,
                             QObject* parent)
    : QObject(parent), m_clock(clock), m_settings(settings),
      m_throttle(clock, settings.authThrottle),
      m_guard(clock, settings.clientRateLimits, settings.accountRateLimits),
      m_volume(clock, settings.volume),
      m_accounts(std::make_shared<Auth::AccountStore>(settings.dataDir))
{
    qRegisterMetaType<QVector<Auth::LockedOutClient>>();
    qRegisterMetaType<QVector<Store::AuditEntry>>();
    qRegisterMetaType<QVector<AccountInfo>>();
    qRegisterMetaType<QVector<CredentialInfo>>();
    qRegisterMetaType<QVector<ListenerCertificate>>();
    qRegisterMetaType<Tls::CertificateInfo>();
    m_guard.setAccountSessionLimit(settings.accountRateLimits.concurrentSessions);
    m_pool.setMaxThreadCount(1);
    // Parented so that it moves to the core thread with this object.
    m_expiryTimer.setParent(this);
    m_expiryTimer.setInterval(DayMs);
    connect(&m_expiryTimer, &QTimer::timeout, this, &SecurityAdmin::checkCertificates);
}

SecurityAdmin::~SecurityAdmin()
{
    // Pool tasks post back to `this`; none may outlive it.
    m_pool.waitForDone();
}

void SecurityAdmin::configure(const CoreSettings& settings)
{
    // A new data dir (applied while stopped) has its own accounts file.
    if (settings.dataDir != m_settings.dataDir)
        m_accounts = std::make_shared<Auth::AccountStore>(settings.dataDir);
    m_settings = settings;
    m_throttle.setSettings(settings.authThrottle);
    m_guard.setClientLimits(settings.clientRateLimits);
    m_guard.setAccountLimits(settings.accountRateLimits);
    m_guard.setAccountSessionLimit(settings.accountRateLimits.concurrentSessions);
    m_volume.setSettings(settings.volume);
}

void SecurityAdmin::startExpiryChecks()
{
    checkCertificates();
    m_expiryTimer.start();
}

void SecurityAdmin::stopExpiryChecks()
{
    m_expiryTimer.stop();
}

template <typename Work, typename Then> void SecurityAdmin::offThread(Work work, Then then)
{
    m_pool.start([this, work = std::move(work), then = std::move(then)]() mutable {
        auto result = work();
        // The destructor waits for the pool, so `this` is alive here; Qt
        // drops the call if the object is gone when it would run.
        QMetaObject::invokeMethod(
            this, [then = std::move(then), result = std::move(result)]() mutable { then(result); },
            Qt::QueuedConnection);
    });
}

// --- Session policy ------------------------------------------------------------

std::optional<Smtp::ServerReply> SecurityAdmin::checkAuth(const QHostAddress& client)
{
    if (!m_throttle.isLockedOut(client))
        return std::nullopt;
    qCWarning(lcSecurity).noquote()
        << "AUTH refused: client" << client.toString() << "is locked out after failed logins";
    return policyReply(454, "4.7.0",
                       QStringLiteral("Error: too many failed logins from your address, "
                                      "try again later"));
}

void SecurityAdmin::authenticated(const QHostAddress& client, bool ok,
                                  std::function<void(bool)> done)
{
    if (ok) {
        m_throttle.recordSuccess(client);
        done(true);
        return;
    }
    const bool wasLockedOut = m_throttle.isLockedOut(client);
    const qint64 delayMs = m_throttle.recordFailure(client);
    if (!wasLockedOut && m_throttle.isLockedOut(client))
        saveLockouts();
    qCWarning(lcSecurity).noquote()
        << "AUTH failed from" << client.toString() << "(" << m_throttle.failures(client)
        << "failures); answering in" << delayMs << "ms";
    QTimer::singleShot(std::chrono::milliseconds(delayMs), this,
                       [done = std::move(done)] { done(false); });
}

std::optional<Smtp::ServerReply>
SecurityAdmin::checkMail(const QHostAddress& client, const QString& authUser, const QString& sender)
{
    Auth::RateLimits own;
    if (!authUser.isEmpty()) {
        const auto policy = m_accounts->policy(authUser);
        if (!policy || !policy->allowsSender(sender)) {
            qCWarning(lcSecurity).noquote()
                << "MAIL refused: account" << authUser << "from" << client.toString()
                << "may not send as" << (sender.isEmpty() ? QStringLiteral("<>") : sender);
            return policyReply(
                550, "5.7.60",
                QStringLiteral("Error: account %1 may not send as <%2>").arg(authUser, sender));
        }
        own = {policy->messagesPerMinute, policy->recipientsPerHour};
    }
    const auto verdict = m_guard.admitMessage(client, authUser, own);
    if (verdict == Auth::AbuseGuard::Verdict::Allowed)
        return std::nullopt;
    return policyReply(451, "4.7.1",
                       QStringLiteral("Error: rate limit reached (%1), try again later")
                           .arg(Auth::AbuseGuard::describe(verdict)));
}

std::optional<Smtp::ServerReply> SecurityAdmin::checkRcpt(const QHostAddress& client,
                                                          const QString& authUser)
{
    Auth::RateLimits own;
    if (!authUser.isEmpty()) {
        if (const auto policy = m_accounts->policy(authUser))
            own = {policy->messagesPerMinute, policy->recipientsPerHour};
    }
    const auto verdict = m_guard.admitRecipient(client, authUser, own);
    if (verdict == Auth::AbuseGuard::Verdict::Allowed)
        return std::nullopt;
    return policyReply(452, "4.5.3",
                       QStringLiteral("Error: too many recipients (%1), try again later")
                           .arg(Auth::AbuseGuard::describe(verdict)));
}

std::optional<Smtp::ServerReply> SecurityAdmin::admitAccountSession(const QHostAddress& client,
                                                                    const QString& user)
{
    if (m_guard.admitSession(user) == Auth::AbuseGuard::Verdict::Allowed)
        return std::nullopt;
    const int limit = m_guard.accountSessionLimit();
    // Every refusal is logged: unlike a rate, it ends at most one login
    // attempt per connection, so it cannot flood the log faster than AUTH.
    qCWarning(lcSecurity).noquote()
        << QStringLiteral("AUTH refused: account %1 from %2 is logged in on %3 sessions "
                          "already (account-max-sessions: limit %4); answered 454 4.7.0")
               .arg(user, client.toString())
               .arg(m_guard.sessionCount(user))
               .arg(limit);
    return policyReply(454, "4.7.0",
                       QStringLiteral("Error: too many concurrent sessions for this account "
                                      "(limit %1), try again later")
                           .arg(limit));
}

void SecurityAdmin::accountSessionEnded(const QString& user)
{
    m_guard.releaseSession(user);
}

void SecurityAdmin::messageSubmitted(const QString& clientAddress, const QString& authUser)
{
    const QString device = authUser.isEmpty() ? clientAddress : authUser;
    const auto alert = m_volume.record(device);
    if (!alert)
        return;
    Alert a;
    a.kind = Alert::Kind::Abuse;
    a.subject = device;
    a.text = QStringLiteral("%1 sent %2 messages this hour, usually about %3: a compromised "
                            "app or a mail loop?")
                 .arg(device)
                 .arg(alert->messagesThisHour)
                 .arg(alert->usualPerHour, 0, 'f', 1);
    a.raisedAt = m_clock.now();
    qCWarning(lcSecurity).noquote() << a.text;
    Q_EMIT alertRaised(a);
}

// --- Audit log -------------------------------------------------------------------

QString SecurityAdmin::localUser()
{
    if (const passwd* pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return QString::number(geteuid());
}

QString SecurityAdmin::idList(const QVector<qint64>& ids)
{
    constexpr int MaxIds = 50;
    QStringList parts;
    for (int i = 0; i < ids.size() && i < MaxIds; ++i)
        parts.append(QString::number(ids[i]));
    if (ids.size() > MaxIds)
        parts.append(QStringLiteral("... (%1 messages)").arg(ids.size()));
    return parts.join(QStringLiteral(", "));
}

bool SecurityAdmin::openAuditLog(QString* error)
{
    if (m_audit.isOpen())
        return true;
    if (!QDir().mkpath(m_settings.dataDir)) {
        *error = QStringLiteral("cannot create %1").arg(m_settings.dataDir);
        return false;
    }
    return m_audit.open(QDir(m_settings.dataDir).filePath(QStringLiteral("queue.db")), error);
}

void SecurityAdmin::audit(const QString& action, const QString& subject, const QString& before,
                          const QString& after)
{
    Store::AuditEntry entry;
    entry.time = m_clock.now();
    entry.localUser = localUser();
    entry.action = action;
    entry.subject = subject;
    entry.before = before;
    entry.after = after;
    QString error;
    if (!openAuditLog(&error) || !m_audit.append(entry, &error))
        qCWarning(lcSecurity).noquote() << "could not write the audit log:" << error;
}

void SecurityAdmin::requestAuditLog(const Store::AuditFilter& filter)
{
    QString error;
    if (!openAuditLog(&error)) {
        Q_EMIT auditLogReady({}, error);
        return;
    }
    const auto entries = m_audit.query(filter, &error);
    Q_EMIT auditLogReady(entries.value_or(QVector<Store::AuditEntry>{}),
                         entries ? QString() : error);
}

// --- Lockouts --------------------------------------------------------------------

QString SecurityAdmin::lockoutsPath() const
{
    return QDir(m_settings.dataDir).filePath(QStringLiteral("lockouts"));
}

void SecurityAdmin::saveLockouts()
{
    // One line per address: ADDRESS TAB UNTIL (ISO 8601, UTC) TAB FAILURES.
    QByteArray text;
    for (const Auth::LockedOutClient& lockout : m_throttle.lockedOut())
        text += QStringLiteral("%1\t%2\t%3\n")
                    .arg(lockout.address, lockout.until.toString(Qt::ISODateWithMs))
                    .arg(lockout.failures)
                    .toUtf8();
    QString error;
    if (!Auth::PrivateFile::write(lockoutsPath(), text, &error))
        qCWarning(lcSecurity).noquote()
            << "lockouts not saved (a restart would lift them):" << error;
}

void SecurityAdmin::restoreLockouts()
{
    QString error;
    bool missing = false;
    const auto text = Auth::PrivateFile::read(lockoutsPath(), 1024 * 1024, &error, &missing);
    if (!text) {
        if (!missing)
            qCWarning(lcSecurity).noquote() << "lockouts not restored:" << error;
        return;
    }
    QVector<Auth::LockedOutClient> lockouts;
    int malformed = 0;
    for (const QByteArray& line : text->split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> fields = line.split('\t');
        bool ok = fields.size() == 3;
        Auth::LockedOutClient lockout;
        if (ok) {
            lockout.address = QString::fromUtf8(fields.at(0));
            lockout.until =
                QDateTime::fromString(QString::fromUtf8(fields.at(1)), Qt::ISODateWithMs);
            lockout.failures = fields.at(2).toInt(&ok);
        }
        if (!ok || !lockout.until.isValid() || QHostAddress(lockout.address).isNull()) {
            ++malformed;
            continue;
        }
        lockouts.append(lockout);
    }
    const int restored = m_throttle.restore(lockouts);
    if (malformed > 0)
        qCWarning(lcSecurity).noquote()
            << lockoutsPath() << ":" << malformed << "malformed line(s) skipped";
    if (restored > 0)
        qCInfo(lcSecurity).noquote()
            << restored << "AUTH lockout(s) still in force after the restart";
}

void SecurityAdmin::requestLockouts()
{
    Q_EMIT lockoutsReady(m_throttle.lockedOut());
}

void SecurityAdmin::unblockClient(const QString& address)
{
    const QHostAddress client(address);
    if (client.isNull()) {
        Q_EMIT actionDone(
            {QStringLiteral("unblock"), 0, QStringLiteral("not an IP address: %1").arg(address)});
        return;
    }
    const bool was = m_throttle.unblock(client);
    if (was)
        saveLockouts();
    audit(QStringLiteral("auth.unblock"), client.toString(),
          was ? QStringLiteral("locked out") : QStringLiteral("not locked out"),
          QStringLiteral("unblocked"));
    qCInfo(lcSecurity).noquote() << "client" << client.toString() << "unblocked by" << localUser();
    Q_EMIT actionDone({QStringLiteral("unblock"), was ? 1 : 0, {}});
}

// --- Accounts --------------------------------------------------------------------

void SecurityAdmin::requestAccounts()
{
    auto accounts = m_accounts;
    offThread(
        [accounts] {
            QString error;
            accounts->reload(&error);
            QVector<AccountInfo> list;
            const auto policies = accounts->policies();
            for (auto it = policies.begin(); it != policies.end(); ++it)
                list.append({it.key(), it.value()});
            return std::make_pair(list, error);
        },
        [this](const std::pair<QVector<AccountInfo>, QString>& result) {
            Q_EMIT accountsReady(result.first, result.second);
        });
}

void SecurityAdmin::addAccount(const QString& name, const QString& password, bool generate,
                               const Auth::AccountPolicy& policy)
{
    const QString secret = generate ? Auth::PasswordGenerator::generate() : password;
    auto accounts = m_accounts;
    offThread(
        [accounts, name, secret, policy] {
            QString error;
            accounts->add(name, secret, policy, &error);
            return error;
        },
        [this, name, secret, generate, policy](const QString& error) {
            if (error.isEmpty())
                audit(QStringLiteral("account.add"), name, {}, policy.describe());
            Q_EMIT accountAdded(name, generate && error.isEmpty() ? secret : QString(), error);
        });
}

void SecurityAdmin::setAccountPolicy(const QString& name, const Auth::AccountPolicy& policy)
{
    const auto before = m_accounts->policy(name);
    QString error;
    m_accounts->setPolicy(name, policy, &error); // no hashing: cheap
    if (error.isEmpty())
        audit(QStringLiteral("account.policy"), name, before ? before->describe() : QString(),
              policy.describe());
    Q_EMIT actionDone({QStringLiteral("account-policy"), error.isEmpty() ? 1 : 0, error});
}

void SecurityAdmin::setAccountPassword(const QString& name, const QString& password)
{
    auto accounts = m_accounts;
    offThread(
        [accounts, name, password] {
            QString error;
            accounts->setPassword(name, password, &error);
            return error;
        },
        [this, name](const QString& error) {
            accountDone(QStringLiteral("account-password"), name, error,
                        QStringLiteral("replaced"));
        });
}

void SecurityAdmin::deleteAccount(const QString& name)
{
    QString error;
    m_accounts->remove(name, &error);
    accountDone(QStringLiteral("account-delete"), name, error, QStringLiteral("deleted"));
}

void SecurityAdmin::accountDone(const QString& action, const QString& name, const QString& error,
                                const QString& after)
{
    if (error.isEmpty())
        audit(QString(action).replace(QLatin1Char('-'), QLatin1Char('.')), name, {}, after);
    Q_EMIT actionDone({action, error.isEmpty() ? 1 : 0, error});
}

// --- Credentials -----------------------------------------------------------------

Auth::CredentialResolver* SecurityAdmin::resolver()
{
    if (!m_resolver)
        m_resolver = new Auth::CredentialResolver(m_settings.dataDir, this);
    return m_resolver;
}

QString SecurityAdmin::keychainMissingText()
{
    return QStringLiteral("No keychain is available (no Secret Service answers on the session "
                          "bus). Install and start gnome-keyring (or KWallet), or choose the "
                          "daemon's file store (password-ref = local:NAME).");
}

void SecurityAdmin::requestCredentials()
{
    // Every reference the settings use, with the smarthosts and listeners
    // using it.
    QVector<CredentialInfo> list;
    auto entry = [&list](const Config::CredentialReference& ref) -> CredentialInfo& {
        for (auto& info : list) {
            if (info.reference == ref.toString())
                return info;
        }
        list.append({ref.toString(), {}, {}, false, backendName(ref.scheme), {}});
        return list.last();
    };
    if (!m_settings.smarthostPasswordRef.isNull())
        entry(m_settings.smarthostPasswordRef).usedBy.append(QString());
    for (auto it = m_settings.namedPasswordRefs.begin(); it != m_settings.namedPasswordRefs.end();
         ++it)
        entry(it.value()).usedBy.append(it.key());
    for (const Smtp::ListenerSettings& listener : m_settings.listeners) {
        const auto ref = m_settings.keyPassphraseRefs.value(listener.name);
        if (!ref.isNull())
            entry(ref).keyOf.append(listener.name);
    }
    if (list.isEmpty()) {
        Q_EMIT credentialsReady(list);
        return;
    }
    auto shared = std::make_shared<QVector<CredentialInfo>>(list);
    auto remaining = std::make_shared<int>(list.size());
    for (int i = 0; i < list.size(); ++i) {
        const auto ref = Config::CredentialReference::parse(list[i].reference, nullptr);
        resolver()->resolve(*ref, [this, shared, remaining, i](const Auth::CredentialResult& r) {
            auto& info = (*shared)[i];
            info.stored = r.ok();
            if (r.status == Auth::CredentialResult::Status::Unavailable ||
                r.status == Auth::CredentialResult::Status::Failed)
                info.error = r.error;
            if (--*remaining == 0)
                Q_EMIT credentialsReady(*shared);
        });
    }
}

void SecurityAdmin::storeCredential(const QString& reference, const QString& secret)
{
    const QString action = QStringLiteral("credential-store");
    QString error;
    const auto ref = Config::CredentialReference::parse(reference, &error);
    Auth::CredentialStore* store = ref ? resolver()->storeFor(ref->scheme) : nullptr;
    if (ref && !store)
        error = readOnlyText(*ref, QStringLiteral("write"));
    if (!store || secret.isEmpty()) {
        Q_EMIT actionDone({action, 0, error.isEmpty() ? QStringLiteral("empty secret") : error});
        return;
    }
    store->write(ref->name, secret, [this, action, reference](const Auth::CredentialResult& r) {
        if (r.ok())
            audit(QStringLiteral("credential.store"), reference, {}, QStringLiteral("replaced"));
        else if (r.status == Auth::CredentialResult::Status::Unavailable)
            qCWarning(lcSecurity).noquote() << r.error;
        Q_EMIT actionDone({action, r.ok() ? 1 : 0, r.ok() ? QString() : r.error});
    });
}

void SecurityAdmin::deleteCredential(const QString& reference)
{
    const QString action = QStringLiteral("credential-delete");
    QString error;
    const auto ref = Config::CredentialReference::parse(reference, &error);
    Auth::CredentialStore* store = ref ? resolver()->storeFor(ref->scheme) : nullptr;
    if (!store) {
        Q_EMIT actionDone(
            {action, 0, error.isEmpty() ? readOnlyText(*ref, QStringLiteral("remove")) : error});
        return;
    }
    store->remove(ref->name, [this, action, reference](const Auth::CredentialResult& r) {
        if (r.ok())
            audit(QStringLiteral("credential.delete"), reference, {}, QStringLiteral("deleted"));
        Q_EMIT actionDone({action, r.ok() ? 1 : 0, r.ok() ? QString() : r.error});
    });
}

void SecurityAdmin::revealCredential(const QString& reference)
{
    QString error;
    const auto ref = Config::CredentialReference::parse(reference, &error);
    if (!ref) {
        Q_EMIT credentialRevealed(reference, {}, error);
        return;
    }
    resolver()->resolve(*ref, [this, reference](const Auth::CredentialResult& r) {
        audit(QStringLiteral("credential.reveal"), reference, {},
              r.ok() ? QStringLiteral("shown") : QStringLiteral("failed"));
        Q_EMIT credentialRevealed(reference, r.ok() ? r.secret : QString(),
                                  r.ok() ? QString() : r.error);
    });
}

void SecurityAdmin::requestKeychainStatus()
{
    resolver()
        ->storeFor(Config::CredentialReference::Scheme::Keychain)
        ->read(KeychainProbe, [this](const Auth::CredentialResult& r) {
            if (r.status == Auth::CredentialResult::Status::Ok ||
                r.status == Auth::CredentialResult::Status::NotFound) {
                Q_EMIT keychainStatusReady(QStringLiteral("available"));
                return;
            }
            qCWarning(lcSecurity).noquote() << keychainMissingText() << r.error;
            Q_EMIT keychainStatusReady(keychainMissingText());
        });
}

void SecurityAdmin::testCredential(const QString& smarthostName)
{
    const bool isDefault = smarthostName.isEmpty();
    if (!isDefault && !m_settings.namedSmarthosts.contains(smarthostName)) {
        Q_EMIT credentialTested(smarthostName, false,
                                QStringLiteral("no smarthost named %1").arg(smarthostName));
        return;
    }
    Delivery::SmarthostSettings settings =
        isDefault ? m_settings.smarthost : m_settings.namedSmarthosts.value(smarthostName);
    const Config::CredentialReference ref = isDefault
                                                ? m_settings.smarthostPasswordRef
                                                : m_settings.namedPasswordRefs.value(smarthostName);
    if (settings.host.isEmpty() || settings.username.isEmpty() || ref.isNull()) {
        Q_EMIT credentialTested(smarthostName, false,
                                QStringLiteral("this smarthost has no host, user or password "
                                               "reference to test"));
        return;
    }
    resolver()->resolve(ref, [this, smarthostName,
                              settings](const Auth::CredentialResult& r) mutable {
        if (!r.ok()) {
            Q_EMIT credentialTested(smarthostName, false, r.error);
            return;
        }
        settings.password = r.secret;
        auto* connection = new Delivery::SmtpClientConnection(settings, this);
        auto answered = std::make_shared<bool>(false);
        connect(connection, &Delivery::SmtpClientConnection::ready, this,
                [this, connection, answered, smarthostName] {
                    // The AUTH reply is the last 235 of the set-up transcript.
                    QString text = QStringLiteral("235 Authentication successful");
                    const QStringList lines = connection->transcript();
                    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
                        if (it->startsWith(QLatin1String("S: 235"))) {
                            text = it->mid(3);
                            break;
                        }
                    }
                    *answered = true;
                    audit(QStringLiteral("credential.test"),
                          smarthostName.isEmpty() ? QStringLiteral("smarthost") : smarthostName, {},
                          text);
                    Q_EMIT credentialTested(smarthostName, true, text);
                    connection->quit();
                });
        connect(connection, &Delivery::SmtpClientConnection::closed, this,
                [this, connection, answered, smarthostName](bool, const Smtp::ClientReply& reason) {
                    qCInfo(lcSecurity).noquote() << "credential test of smarthost" << smarthostName
                                                 << "ended:" << reason.toString();
                    if (!*answered) {
                        *answered = true;
                        Q_EMIT credentialTested(smarthostName, false, reason.toString());
                    }
                    connection->deleteLater();
                });
        connection->open();
    });
}

void SecurityAdmin::migratePlaintextSecrets(const QString& configPath)
{
    Config::IniFileScanner scanner;
    QString error;
    if (!scanner.scan(configPath, &error)) {
        Q_EMIT plaintextSecretsMigrated(configPath, {}, error);
        return;
    }
    struct Found
    {
        MigratedSecret moved;
        QString secret;
    };
    auto found = std::make_shared<QVector<Found>>();
    for (const auto& entry : scanner.entries()) {
        if (!Config::ConfigLoader::isSecretKey(entry.key) || entry.value.isEmpty())
            continue;
        // One keychain entry per section and kind of secret.
        const QString name = Config::ConfigLoader::keychainNameFor(entry.section, entry.key);
        found->append(
            {{entry.section, entry.key, QStringLiteral("keychain:") + name}, entry.value});
    }
    if (found->isEmpty()) {
        Q_EMIT plaintextSecretsMigrated(configPath, {}, {});
        return;
    }
    auto* keychain = resolver()->storeFor(Config::CredentialReference::Scheme::Keychain);
    // Stored one after the other; the file is rewritten only when all are in.
    auto step = std::make_shared<std::function<void(int)>>();
    *step = [this, keychain, found, configPath, weak = std::weak_ptr(step)](int index) {
        if (index == found->size()) {
            QVector<MigratedSecret> moved;
            for (const auto& f : *found)
                moved.append(f.moved);
            const QString error = rewriteConfig(configPath, moved);
            Q_EMIT plaintextSecretsMigrated(
                configPath, error.isEmpty() ? moved : QVector<MigratedSecret>{}, error);
            return;
        }
        const Found& f = found->at(index);
        const QString name = f.moved.reference.mid(int(qstrlen("keychain:")));
        keychain->write(
            name, f.secret,
            [this, configPath, index, step = weak.lock()](const Auth::CredentialResult& r) {
                if (!r.ok()) {
                    const QString error = r.status == Auth::CredentialResult::Status::Unavailable
                                              ? keychainMissingText()
                                              : r.error;
                    qCWarning(lcSecurity).noquote() << "secrets not migrated:" << error;
                    Q_EMIT plaintextSecretsMigrated(configPath, {}, error);
                    return;
                }
                (*step)(index + 1);
            });
    };
    (*step)(0);
}

QString SecurityAdmin::rewriteConfig(const QString& configPath,
                                     const QVector<MigratedSecret>& moved)
{
    QFile in(configPath);
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(configPath, in.errorString());
    const QByteArray original = in.readAll();
    in.close();
    // The backup holds the secrets as the original did: closed to others.
    const QString backup = configPath + QStringLiteral(".bak");
    QSaveFile bak(backup);
    if (!bak.open(QIODevice::WriteOnly) ||
        !bak.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        bak.write(original) != original.size() || !bak.commit())
        return QStringLiteral("cannot write %1: %2").arg(backup, bak.errorString());

    Config::IniFileScanner scanner;
    QString error;
    if (!scanner.scan(configPath, &error))
        return error;
    QList<QByteArray> lines = original.split('\n');
    for (const auto& m : moved) {
        const int secretLine = scanner.lineOf(m.section, m.key);
        const QString refKey = Config::ConfigLoader::referenceKeyFor(m.section, m.key);
        const int refLine = scanner.lineOf(m.section, refKey);
        if (secretLine <= 0 || secretLine > lines.size())
            return QStringLiteral("[%1] %2 moved while migrating").arg(m.section, m.key);
        lines[secretLine - 1] = refKey.toUtf8() + " = " + m.reference.toUtf8();
        if (refLine > 0 && refLine <= lines.size())
            lines[refLine - 1] = "# " + refKey.toUtf8() + " replaced by the migration above";
        audit(QStringLiteral("credential.migrate"), QStringLiteral("[%1] %2").arg(m.section, m.key),
              QStringLiteral("plain text"), m.reference);
    }
    QSaveFile out(configPath); // keeps the file's permissions
    if (!out.open(QIODevice::WriteOnly) || out.write(lines.join('\n')) < 0 || !out.commit())
        return QStringLiteral("cannot write %1: %2").arg(configPath, out.errorString());
    qCInfo(lcSecurity).noquote() << "moved" << moved.size() << "secret(s) from" << configPath
                                 << "into the keychain; original kept as" << backup;
    return {};
}

// --- Certificates ----------------------------------------------------------------

void SecurityAdmin::requestCertificates()
{
    QVector<ListenerCertificate> list;
    for (const auto& listener : m_settings.listeners) {
        ListenerCertificate c;
        c.listener = listener.name;
        c.certFile = listener.certificateFile;
        c.keyFile = listener.privateKeyFile;
        if (c.certFile.isEmpty()) {
            c.error = QStringLiteral("no certificate: this listener offers no TLS");
        } else if (auto info = Tls::CertificateInfo::fromFile(c.certFile, &c.error)) {
            c.info = *info;
        }
        list.append(c);
    }
    Q_EMIT certificatesReady(list);
}

void SecurityAdmin::checkCertificates()
{
    const QDateTime now = m_clock.now();
    for (const auto& listener : m_settings.listeners) {
        if (listener.certificateFile.isEmpty())
            continue;
        QString error;
        const auto info = Tls::CertificateInfo::fromFile(listener.certificateFile, &error);
        if (!info || !info->expiresWithin(ExpiryWarningDays, now))
            continue;
        Alert a;
        a.kind = Alert::Kind::CertificateExpiring;
        a.subject = listener.name;
        a.text = info->notAfter < now
                     ? QStringLiteral("The certificate of listener %1 expired on %2")
                           .arg(listener.name, info->notAfter.toString(Qt::ISODate))
                     : QStringLiteral("The certificate of listener %1 expires on %2")
                           .arg(listener.name, info->notAfter.toString(Qt::ISODate));
        a.raisedAt = now;
        qCWarning(lcSecurity).noquote() << a.text;
        Q_EMIT alertRaised(a);
    }
}

namespace {

/// What generate/import hand back to the core thread.
struct CertificateOutcome
{
    Tls::CertificateInfo info;
    QString path;
    QString error;
};

CertificateOutcome writeCertificate(const std::optional<Tls::CertificateFiles>& files,
                                    const QString& dir, QString error)
{
    CertificateOutcome outcome;
    if (!files || !files->write(dir, true, &error)) {
        outcome.error = error;
        return outcome;
    }
    outcome.path = QDir(dir).filePath(QLatin1String(Tls::CertificateFiles::CertificateName));
    if (auto info = Tls::CertificateInfo::fromData(files->certificatePem, &error))
        outcome.info = *info;
    else
        outcome.error = error;
    return outcome;
}

} // namespace

void SecurityAdmin::generateCertificate(const Tls::CertificateGenerator::Options& options,
                                        const QString& dir, const QString& listener)
{
    offThread(
        [options, dir] {
            QString error;
            return writeCertificate(Tls::CertificateGenerator::generate(options, &error), dir,
                                    error);
        },
        [this, listener](const CertificateOutcome& outcome) {
            if (outcome.error.isEmpty())
                audit(QStringLiteral("certificate.generate"), outcome.path, {},
                      outcome.info.subject + QStringLiteral(" until ") +
                          outcome.info.notAfter.toString(Qt::ISODate));
            Q_EMIT certificateChanged(listener, outcome.info, outcome.error);
        });
}

void SecurityAdmin::importCertificate(const QString& certPath, const QString& keyPath,
                                      const QString& password, const QString& dir,
                                      const QString& listener)
{
    offThread(
        [certPath, keyPath, password, dir] {
            QString error;
            auto read = [&error](const QString& path) -> std::optional<QByteArray> {
                QFile file(path);
                if (!file.open(QIODevice::ReadOnly)) {
                    error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
                    return std::nullopt;
                }
                return file.readAll();
            };
            const auto cert = read(certPath);
            if (!cert)
                return CertificateOutcome{{}, {}, error};
            const bool pkcs12 = certPath.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
                                certPath.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive);
            std::optional<Tls::CertificateFiles> files;
            if (pkcs12) {
                files = Tls::CertificateImporter::fromPkcs12(*cert, password.toUtf8(), {}, &error);
            } else {
                std::optional<QByteArray> key = QByteArray();
                if (!keyPath.isEmpty())
                    key = read(keyPath);
                if (!key)
                    return CertificateOutcome{{}, {}, error};
                files =
                    Tls::CertificateImporter::fromPem(*cert, *key, password.toUtf8(), {}, &error);
            }
            return writeCertificate(files, dir, error);
        },
        [this, listener, certPath](const CertificateOutcome& outcome) {
            if (outcome.error.isEmpty())
                audit(QStringLiteral("certificate.import"), certPath, {},
                      outcome.info.subject + QStringLiteral(" until ") +
                          outcome.info.notAfter.toString(Qt::ISODate));
            Q_EMIT certificateChanged(listener, outcome.info, outcome.error);
        });
}

} // namespace RelayDesk::Service
