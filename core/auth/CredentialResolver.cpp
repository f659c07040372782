#include "CredentialResolver.h"

#include "FileCredentialStore.h"
#include "KeychainCredentialStore.h"
#include "PasswordFile.h"

namespace RelayDesk::Auth {

CredentialResolver::CredentialResolver(const QString& dataDir, QObject* parent)
    : QObject(parent), m_dataDir(dataDir)
{}

CredentialResolver::~CredentialResolver() = default;

CredentialStore* CredentialResolver::storeFor(Config::CredentialReference::Scheme scheme)
{
    using Scheme = Config::CredentialReference::Scheme;
    switch (scheme) {
    case Scheme::Keychain:
        // Created lazily: a relay that never uses the keychain must not
        // touch D-Bus at all.
        if (!m_keychain)
            m_keychain = new KeychainCredentialStore(this);
        return m_keychain;
    case Scheme::Local:
        if (!m_local)
            m_local = new FileCredentialStore(FileCredentialStore::defaultPath(m_dataDir), this);
        return m_local;
    case Scheme::File:
    case Scheme::Systemd:
    case Scheme::None:
        break;
    }
    return nullptr;
}

void CredentialResolver::resolve(const Config::CredentialReference& reference,
                                 CredentialStore::Callback done)
{
    using Scheme = Config::CredentialReference::Scheme;
    if (reference.scheme == Scheme::None)
        return deliver(std::move(done), {CredentialResult::Status::Failed,
                                         {},
                                         QStringLiteral("no credential reference configured")});
    if (reference.scheme == Scheme::File || reference.scheme == Scheme::Systemd) {
        QString path = reference.name;
        if (reference.scheme == Scheme::Systemd) {
            // systemd puts the unit's credentials there (mode 0400, owned by
            // the service's user); elsewhere the variable is not set.
            const QString directory = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
            if (directory.isEmpty())
                return deliver(std::move(done), {CredentialResult::Status::Unavailable,
                                                 {},
                                                 systemdUnavailableText(reference.name)});
            path = directory + QLatin1Char('/') + reference.name;
        }
        QString error;
        const auto secret = PasswordFile::read(path, &error);
        if (!secret)
            return deliver(std::move(done), {CredentialResult::Status::Unavailable, {}, error});
        return deliver(std::move(done), {CredentialResult::Status::Ok, *secret, {}});
    }
    // The stores are our children: destroying the resolver drops the callback.
    storeFor(reference.scheme)->read(reference.name, std::move(done));
}

QString CredentialResolver::systemdUnavailableText(const QString& name)
{
    return QStringLiteral("no systemd credentials here (CREDENTIALS_DIRECTORY is not set): "
                          "systemd:%1 works when relaydeskd runs from its unit with "
                          "LoadCredential=%1:/path/to/secret (or SetCredentialEncrypted=); "
                          "elsewhere use local:%1")
        .arg(name);
}

void CredentialResolver::deliver(CredentialStore::Callback done, const CredentialResult& result)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result]() { done(result); }, Qt::QueuedConnection);
}

} // namespace RelayDesk::Auth
