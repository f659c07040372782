#include "AccountStore.h"

#include "PrivateFile.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QRegularExpression>
#include <sys/stat.h>

namespace RelayDesk::Auth {

namespace {
Q_LOGGING_CATEGORY(lcAccounts, "relaydesk.auth.accounts")
} // namespace

AccountStore::AccountStore(const QString& dataDir)
    : AccountStore(dataDir, PasswordHasher::Parameters{})
{}

AccountStore::AccountStore(const QString& dataDir, PasswordHasher::Parameters parameters)
    : m_filePath(QDir(dataDir).filePath(QStringLiteral("accounts"))), m_hasher(parameters),
      m_dummyHash(m_hasher.unmatchableHash())
{}

bool AccountStore::reload(QString* error)
{
    QMutexLocker locker(&m_mutex);
    return loadLocked(error);
}

AccountStore::FileStamp AccountStore::currentStamp() const
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(m_filePath).constData(), &info) != 0)
        return {};
    constexpr qint64 nsPerSecond = 1000000000;
    return {true,
            info.st_dev,
            info.st_ino,
            static_cast<qint64>(info.st_size),
            static_cast<qint64>(info.st_mtim.tv_sec) * nsPerSecond + info.st_mtim.tv_nsec,
            static_cast<qint64>(info.st_ctim.tv_sec) * nsPerSecond + info.st_ctim.tv_nsec};
}

void AccountStore::refreshLocked() const
{
    if (m_seen && *m_seen == currentStamp())
        return;
    QString error;
    if (!loadLocked(&error))
        qCWarning(lcAccounts, "%s; keeping the %lld accounts read before", qPrintable(error),
                  static_cast<long long>(m_accounts.size()));
}

bool AccountStore::loadLocked(QString* error) const
{
    // Stamp first: a change while we read gives a newer stamp next time,
    // and so one more read rather than a missed change.
    m_seen = currentStamp();
    bool missing = false;
    const auto data = PrivateFile::read(m_filePath, 16 * 1024 * 1024, error, &missing);
    if (!data) {
        if (!missing)
            return false;
        m_accounts.clear();
        error->clear();
        return true;
    }
    QMap<QString, Entry> accounts;
    const QList<QByteArray> lines = data->split('\n');
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = QString::fromUtf8(lines.at(index)).trimmed();
        if (line.isEmpty())
            continue;
        // name:hash[:policy]; neither a name nor a hash contains ':'.
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon);
        const qsizetype policyColon = line.indexOf(QLatin1Char(':'), colon + 1);
        const QString hash = line.mid(colon + 1, policyColon < 0 ? -1 : policyColon - colon - 1);
        const QString where = QStringLiteral("%1:%2: ").arg(m_filePath).arg(index + 1);
        if (colon <= 0 || !isValidName(name)) {
            *error = where + QStringLiteral("expected name:hash[:policy]");
            return false;
        }
        AccountPolicy policy;
        if (policyColon >= 0) {
            QString policyError;
            const auto parsed = AccountPolicy::parse(line.mid(policyColon + 1), &policyError);
            if (!parsed) {
                *error = where + QStringLiteral("account \"%1\": %2").arg(name, policyError);
                return false;
            }
            policy = *parsed;
        }
        if (!PasswordHasher::isWellFormed(hash)) {
            *error =
                where + QStringLiteral("account \"%1\" has a malformed password hash").arg(name);
            return false;
        }
        if (accounts.contains(name)) {
            *error = where + QStringLiteral("account \"%1\" appears twice").arg(name);
            return false;
        }
        accounts.insert(name, Entry{hash, policy});
    }
    m_accounts = accounts;
    return true;
}

bool AccountStore::saveLocked(const QMap<QString, Entry>& accounts, QString* error)
{
    QByteArray data;
    for (auto it = accounts.cbegin(); it != accounts.cend(); ++it) {
        data += it.key().toUtf8() + ':' + it.value().hash.toLatin1();
        const QString policy = it.value().policy.serialize();
        if (!policy.isEmpty())
            data += ':' + policy.toUtf8();
        data += '\n';
    }
    if (!PrivateFile::write(m_filePath, data, error))
        return false;
    m_accounts = accounts;
    // Not the stamp of our file: another process may replace it before we
    // could stat it. Reading our own write once more is cheap.
    m_seen.reset();
    return true;
}

bool AccountStore::checkPassword(const QString& password, QString* error) const
{
    if (password.isEmpty()) {
        *error = QStringLiteral("the password must not be empty");
        return false;
    }
    if (password.size() > 1024) {
        *error = QStringLiteral("the password is longer than 1024 characters");
        return false;
    }
    return true;
}

bool AccountStore::add(const QString& name, const QString& password, QString* error)
{
    return add(name, password, AccountPolicy{}, error);
}

bool AccountStore::add(const QString& name, const QString& password, const AccountPolicy& policy,
                       QString* error)
{
    if (!isValidName(name)) {
        *error = QStringLiteral("invalid account name \"%1\" (1-64 characters of A-Z a-z 0-9 . _ "
                                "@ + -)")
                     .arg(name);
        return false;
    }
    if (!checkPassword(password, error))
        return false;
    if (!checkPolicy(policy, error))
        return false;
    // Hash outside the lock: it takes a while and needs no shared state.
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("hashing the password failed (OpenSSL)");
        return false;
    }
    QMutexLocker locker(&m_mutex);
    // Read-modify-write: another process (relaydeskd user add) may have
    // changed the file since we loaded it.
    if (!loadLocked(error))
        return false;
    if (m_accounts.contains(name)) {
        *error = QStringLiteral("account \"%1\" already exists").arg(name);
        return false;
    }
    QMap<QString, Entry> accounts = m_accounts;
    accounts.insert(name, Entry{hash, policy});
    return saveLocked(accounts, error);
}

bool AccountStore::setPassword(const QString& name, const QString& password, QString* error)
{
    if (!checkPassword(password, error))
        return false;
    const QString hash = m_hasher.hash(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("hashing the password failed (OpenSSL)");
        return false;
    }
    QMutexLocker locker(&m_mutex);
    if (!loadLocked(error))
        return false;
    if (!m_accounts.contains(name)) {
        *error = QStringLiteral("no account \"%1\"").arg(name);
        return false;
    }
    QMap<QString, Entry> accounts = m_accounts;
    accounts[name].hash = hash;
    return saveLocked(accounts, error);
}

bool AccountStore::setPolicy(const QString& name, const AccountPolicy& policy, QString* error)
{
    if (!checkPolicy(policy, error))
        return false;
    QMutexLocker locker(&m_mutex);
    if (!loadLocked(error))
        return false;
    if (!m_accounts.contains(name)) {
        *error = QStringLiteral("no account \"%1\"").arg(name);
        return false;
    }
    QMap<QString, Entry> accounts = m_accounts;
    accounts[name].policy = policy;
    return saveLocked(accounts, error);
}

std::optional<AccountPolicy> AccountStore::policy(const QString& name) const
{
    QMutexLocker locker(&m_mutex);
    refreshLocked();
    const auto it = m_accounts.constFind(name);
    if (it == m_accounts.cend())
        return std::nullopt;
    return it->policy;
}

QMap<QString, AccountPolicy> AccountStore::policies() const
{
    QMutexLocker locker(&m_mutex);
    refreshLocked();
    QMap<QString, AccountPolicy> result;
    for (auto it = m_accounts.cbegin(); it != m_accounts.cend(); ++it)
        result.insert(it.key(), it->policy);
    return result;
}

bool AccountStore::isSenderAllowed(const QString& name, const QString& sender) const
{
    const auto found = policy(name);
    return found && found->allowsSender(sender);
}

bool AccountStore::checkPolicy(const AccountPolicy& policy, QString* error)
{
    if (policy.allowedSenders.isEmpty()) {
        *error = QStringLiteral("an account needs at least one allowed sender (an address, "
                                "@domain or *)");
        return false;
    }
    for (const QString& sender : policy.allowedSenders) {
        if (!AccountPolicy::isValidSenderPattern(sender)) {
            *error = QStringLiteral("\"%1\" is not an address, @domain or *").arg(sender);
            return false;
        }
    }
    if (policy.messagesPerMinute < 0 || policy.recipientsPerHour < 0) {
        *error = QStringLiteral("rate limits must not be negative");
        return false;
    }
    return true;
}

bool AccountStore::remove(const QString& name, QString* error)
{
    QMutexLocker locker(&m_mutex);
    if (!loadLocked(error))
        return false;
    if (!m_accounts.contains(name)) {
        *error = QStringLiteral("no account \"%1\"").arg(name);
        return false;
    }
    QMap<QString, Entry> accounts = m_accounts;
    accounts.remove(name);
    return saveLocked(accounts, error);
}

QStringList AccountStore::list() const
{
    QMutexLocker locker(&m_mutex);
    refreshLocked();
    return m_accounts.keys();
}

bool AccountStore::contains(const QString& name) const
{
    QMutexLocker locker(&m_mutex);
    refreshLocked();
    return m_accounts.contains(name);
}

bool AccountStore::verify(const QString& name, const QString& password) const
{
    QString hash;
    {
        QMutexLocker locker(&m_mutex);
        refreshLocked();
        hash = m_accounts.value(name).hash;
    }
    if (hash.isEmpty()) {
        PasswordHasher::verify(password, m_dummyHash);
        return false;
    }
    return PasswordHasher::verify(password, hash);
}

bool AccountStore::isValidName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._@+-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

} // namespace RelayDesk::Auth
