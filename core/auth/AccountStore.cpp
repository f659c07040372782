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
      m_dummyHash(m_hasher.hash(QStringLiteral("relaydesk-no-such-user")))
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
    QMap<QString, QString> accounts;
    const QList<QByteArray> lines = data->split('\n');
    for (int index = 0; index < lines.size(); ++index) {
        const QString line = QString::fromUtf8(lines.at(index)).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon);
        const QString hash = line.mid(colon + 1);
        const QString where = QStringLiteral("%1:%2: ").arg(m_filePath).arg(index + 1);
        if (colon <= 0 || !isValidName(name)) {
            *error = where + QStringLiteral("expected name:hash");
            return false;
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
        accounts.insert(name, hash);
    }
    m_accounts = accounts;
    return true;
}

bool AccountStore::saveLocked(const QMap<QString, QString>& accounts, QString* error)
{
    QByteArray data;
    for (auto it = accounts.cbegin(); it != accounts.cend(); ++it)
        data += it.key().toUtf8() + ':' + it.value().toLatin1() + '\n';
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
    if (!isValidName(name)) {
        *error = QStringLiteral("invalid account name \"%1\" (1-64 characters of A-Z a-z 0-9 . _ "
                                "@ + -)")
                     .arg(name);
        return false;
    }
    if (!checkPassword(password, error))
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
    QMap<QString, QString> accounts = m_accounts;
    accounts.insert(name, hash);
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
    QMap<QString, QString> accounts = m_accounts;
    accounts.insert(name, hash);
    return saveLocked(accounts, error);
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
    QMap<QString, QString> accounts = m_accounts;
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
        hash = m_accounts.value(name);
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
