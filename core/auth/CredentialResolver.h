#pragma once

#include "CredentialStore.h"
#include "config/CredentialReference.h"

#include <QObject>

namespace RelayDesk::Auth {

class FileCredentialStore;
class KeychainCredentialStore;

/// Turns a configured reference (password-ref = keychain:NAME | local:NAME |
/// systemd:NAME | file:/PATH) into the secret, using the matching store: the
/// OS keychain, <dataDir>/credentials, the unit's systemd credentials, or a
/// password file. Same asynchronous contract as
/// CredentialStore: the callback runs later on this object's thread.
class CredentialResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialResolver)

public:
    explicit CredentialResolver(const QString& dataDir, QObject* parent = nullptr);
    ~CredentialResolver() override;

    void resolve(const Config::CredentialReference& reference, CredentialStore::Callback done);
    /// The store behind keychain: or local: references (nullptr for file:,
    /// systemd: and none, which are read-only here), e.g. to write a secret
    /// the admin entered.
    CredentialStore* storeFor(Config::CredentialReference::Scheme scheme);
    /// Why systemd:NAME cannot be read outside a systemd unit, and what to do.
    static QString systemdUnavailableText(const QString& name);

private:
    void deliver(CredentialStore::Callback done, const CredentialResult& result);

    QString m_dataDir;
    KeychainCredentialStore* m_keychain = nullptr; ///< created on first use
    FileCredentialStore* m_local = nullptr;        ///< created on first use
};

} // namespace RelayDesk::Auth
