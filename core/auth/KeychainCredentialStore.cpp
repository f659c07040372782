#include "KeychainCredentialStore.h"

#include <qt6keychain/keychain.h>

namespace RelayDesk::Auth {

KeychainCredentialStore::KeychainCredentialStore(QObject* parent)
    : KeychainCredentialStore(QStringLiteral("RelayDesk"), parent)
{}

KeychainCredentialStore::KeychainCredentialStore(const QString& service, QObject* parent)
    : CredentialStore(parent), m_service(service)
{}

void KeychainCredentialStore::read(const QString& name, Callback done)
{
    run(new QKeychain::ReadPasswordJob(m_service), name, std::move(done));
}

void KeychainCredentialStore::write(const QString& name, const QString& secret, Callback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    run(job, name, std::move(done));
}

void KeychainCredentialStore::remove(const QString& name, Callback done)
{
    run(new QKeychain::DeletePasswordJob(m_service), name, std::move(done));
}

void KeychainCredentialStore::run(QKeychain::Job* job, const QString& name, Callback done)
{
    // Jobs are not children of the store: a backend callback may still
    // arrive after the store is gone, so each job finishes and deletes
    // itself, and the connection's context (this) drops the result.
    job->setKey(name);
    job->setAutoDelete(true);
    // Never the plain-text QSettings fallback: secrets stay in the keychain.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done), name](QKeychain::Job* finished) {
                if (finished->error() != QKeychain::NoError) {
                    done(errorResult(finished, name));
                    return;
                }
                CredentialResult result{CredentialResult::Status::Ok, {}, {}};
                if (const auto* reader = qobject_cast<QKeychain::ReadPasswordJob*>(finished))
                    result.secret = reader->textData();
                done(result);
            });
    job->start();
}

CredentialResult KeychainCredentialStore::errorResult(const QKeychain::Job* job,
                                                      const QString& name)
{
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        return {CredentialResult::Status::Ok, {}, {}};
    case QKeychain::EntryNotFound:
        return {CredentialResult::Status::NotFound,
                {},
                QStringLiteral("no credential \"%1\" in the keychain (service \"%2\")")
                    .arg(name, job->service())};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {CredentialResult::Status::Failed,
                {},
                QStringLiteral("the keychain denied access to \"%1\" (%2); unlock the keyring "
                               "and try again")
                    .arg(name, detail)};
    case QKeychain::CouldNotDeleteEntry:
        return {CredentialResult::Status::Failed,
                {},
                QStringLiteral("could not delete \"%1\" from the keychain (%2)").arg(name, detail)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    // QtKeychain reports a missing D-Bus or Secret Service as OtherError;
    // tell the admin what to do rather than pass on "Could not connect".
    return {CredentialResult::Status::Unavailable,
            {},
            QStringLiteral("the OS keychain (freedesktop Secret Service) is not available: %1. "
                           "Install a Secret Service provider (e.g. apt install gnome-keyring) "
                           "and start and unlock it in this session (gnome-keyring-daemon "
                           "--unlock, or log in to a desktop session), or on a headless server "
                           "use password-ref = local:NAME or file:/path instead of keychain:NAME")
                .arg(detail.isEmpty() ? QStringLiteral("no details") : detail)};
}

} // namespace RelayDesk::Auth
