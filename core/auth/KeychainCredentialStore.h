#pragma once

#include "CredentialStore.h"

namespace QKeychain {
class Job;
}

namespace RelayDesk::Auth {

/// Secrets in the OS keychain through QtKeychain (on Linux the freedesktop
/// Secret Service: gnome-keyring, KeePassXC, KWallet). There is no
/// fallback: without a Secret Service every request reports Unavailable
/// with what to install or start, so a secret never lands in a plain file
/// unnoticed.
class KeychainCredentialStore final : public CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainCredentialStore)

public:
    /// Entries are stored under `service`, the credential name as the key.
    explicit KeychainCredentialStore(QObject* parent = nullptr);
    explicit KeychainCredentialStore(const QString& service, QObject* parent = nullptr);

    QString service() const { return m_service; }

    void read(const QString& name, Callback done) override;
    void write(const QString& name, const QString& secret, Callback done) override;
    void remove(const QString& name, Callback done) override;

private:
    void run(QKeychain::Job* job, const QString& name, Callback done);
    static CredentialResult errorResult(const QKeychain::Job* job, const QString& name);

    QString m_service;
};

} // namespace RelayDesk::Auth
