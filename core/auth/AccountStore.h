#pragma once

#include "AccountPolicy.h"
#include "PasswordHasher.h"

#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <optional>
#include <sys/types.h>

namespace RelayDesk::Auth {

/// Local SMTP AUTH accounts, kept in <dataDir>/accounts as
/// "name:hash[:policy]" lines (scrypt, see PasswordHasher; the policy as
/// AccountPolicy::serialize() writes it, absent for the default policy, so
/// older "name:hash" files load unchanged), mode 0600, replaced atomically.
/// Thread-safe; verify() costs one scrypt run (~0.1 s), so call it from a
/// worker thread, not from the thread that serves all sessions.
///
/// The file is shared with other processes (`relaydeskd user add` while the
/// relay runs): verify(), list() and contains() first check the file's
/// identity (one stat: inode, size, times) and re-read it when it changed,
/// so a running relay sees new, changed and deleted accounts at once.
class AccountStore
{
public:
    explicit AccountStore(const QString& dataDir);
    AccountStore(const QString& dataDir, PasswordHasher::Parameters parameters);

    QString filePath() const { return m_filePath; }

    /// (Re)reads the file; a missing file means no accounts. On error the
    /// accounts loaded before are kept. Reports errors, which the automatic
    /// re-read in verify()/list()/contains() can only log.
    bool reload(QString* error);
    /// Fails if the name is invalid or taken, or the password is empty.
    bool add(const QString& name, const QString& password, QString* error);
    /// The same, with a policy (allowed senders, rate limits).
    bool add(const QString& name, const QString& password, const AccountPolicy& policy,
             QString* error);
    /// Replaces the policy of an existing account; the password stays.
    bool setPolicy(const QString& name, const AccountPolicy& policy, QString* error);
    /// nullopt when there is no such account.
    std::optional<AccountPolicy> policy(const QString& name) const;
    /// Every account's policy, by name (for `relaydeskd user list` and the GUI).
    QMap<QString, AccountPolicy> policies() const;
    /// False for an unknown account: a session's AUTH identity whose account
    /// was deleted meanwhile may send as nobody.
    bool isSenderAllowed(const QString& name, const QString& sender) const;
    /// Replaces the password of an existing account.
    bool setPassword(const QString& name, const QString& password, QString* error);
    /// Fails if there is no such account.
    bool remove(const QString& name, QString* error);
    /// Sorted account names, as the file has them now.
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
    /// What identifies one version of the file without reading it. A
    /// replaced file (QSaveFile renames) has a new inode; an edited one new
    /// times or size.
    struct FileStamp
    {
        bool exists = false;
        dev_t device = 0;
        ino_t inode = 0;
        qint64 size = 0;
        qint64 mtimeNs = 0;
        qint64 ctimeNs = 0;
        friend bool operator==(const FileStamp&, const FileStamp&) = default;
    };
    FileStamp currentStamp() const;
    /// Re-reads the file when its stamp differs from the one last seen.
    void refreshLocked() const;
    bool loadLocked(QString* error) const;
    struct Entry
    {
        QString hash;
        AccountPolicy policy;
    };
    bool saveLocked(const QMap<QString, Entry>& accounts, QString* error);
    bool checkPassword(const QString& password, QString* error) const;
    static bool checkPolicy(const AccountPolicy& policy, QString* error);

    QString m_filePath;
    PasswordHasher m_hasher;
    QString m_dummyHash; ///< verified against for unknown names
    mutable QMutex m_mutex;
    // A cache of the file, refreshed by the const readers: hence mutable.
    mutable QMap<QString, Entry> m_accounts;
    /// The stamp of the file last read (or tried: a broken file is not
    /// re-read, nor logged again, until it changes); none: read next time.
    mutable std::optional<FileStamp> m_seen;
};

} // namespace RelayDesk::Auth
