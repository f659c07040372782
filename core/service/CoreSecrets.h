#pragma once

#include "CoreSettings.h"
#include "config/CredentialReference.h"

#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace RelayDesk::Auth {
class CredentialResolver;
}

namespace RelayDesk::Service {

/// One secret that CoreSettings refers to by reference: a smarthost
/// password or the passphrase of a listener's encrypted TLS key. All of
/// them come out of the credential stores through the same resolver, are
/// held in memory only, and are never logged.
struct CoreSecret
{
    enum class Kind {
        SmarthostPassword, ///< name: the smarthost ("" = the default [smarthost])
        KeyPassphrase,     ///< name: the listener
    };

    Kind kind = Kind::SmarthostPassword;
    QString name;
    Config::CredentialReference reference;

    /// "smarthost password", "password of smarthost NAME", "TLS key
    /// passphrase of listener NAME": for errors, never with the secret.
    QString describe() const;
    /// Puts the resolved secret where the settings use it.
    void put(CoreSettings* settings, const QString& secret) const;
};

/// Every secret `next` refers to: the default smarthost's first, then the
/// named smarthosts', then the listeners'. With `current`, a secret whose reference
/// is unchanged is copied from it into *next instead of being listed.
QList<CoreSecret> secretsToResolve(CoreSettings* next, const CoreSettings* current = nullptr);

/// Reads `todo` one after the other through `resolver` into *settings,
/// then calls done with an empty string, or with the first failure
/// ("what (reference): why") without reading the rest. Runs on the
/// resolver's thread; destroying the resolver drops the remaining steps.
void resolveSecrets(Auth::CredentialResolver* resolver, std::shared_ptr<CoreSettings> settings,
                    QList<CoreSecret> todo, std::function<void(const QString& error)> done);

} // namespace RelayDesk::Service
