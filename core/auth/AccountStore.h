#pragma once

#include "PasswordHasher.h"

#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace RelayDesk::Auth {

/// Local SMTP AUTH accounts, kept in <dataDir>/accounts as "name:hash"
/// lines (scrypt, see PasswordHasher), mode 0600, replaced atomically.
/// Thread-safe; verify() costs one scrypt run (~0.1 s), so call it from a
/// worker thread, not from the thread that serves all sessions.
class AccountStore
{
public:
    explicit AccountStore(const QString& dataDir);
    AccountStore(const QString& dataDir, PasswordHasher::Parameters parameters);

    QString filePath() const { return m_filePath; }

    /// (Re)reads the file; a missing file means no accounts. On error the
    /// accounts loaded before are kept.
    bool reload(QString* error);
    /// Fails if the name is invalid or taken, or the password is empty.
    bool add(const QString& name, const QString& password, QString* error);
    /// Replaces the password of an existing account.
    bool setPassword(const QString& name, const QString& password, QString* error);
    /// Fails if there is no such account.
    bool remove(const QString& name, QString* error);
    /// Sorted account names.
    QStringList list() const;
    bool contains(const QString& name) const;
    /// True when the account exists and the password matches. An unknown
    /// name costs the same hashing time, so timing does not tell which
    /// accounts exist.
    bool verify(const QString& name, const QString& password) const;

    /// 1-64 characters of A-Z a-z 0-9 . _ @ + - (no ':' or blanks: the
    /// file format and SMTP AUTH need neither).
    static bool isValidName(const QString& name);

private:
    bool loadLocked(QString* error);
    bool saveLocked(const QMap<QString, QString>& accounts, QString* error);
    bool checkPassword(const QString& password, QString* error) const;

    QString m_filePath;
    PasswordHasher m_hasher;
    QString m_dummyHash; ///< verified against for unknown names
    mutable QMutex m_mutex;
    QMap<QString, QString> m_accounts; ///< name -> hash
};

} // namespace RelayDesk::Auth
