#pragma once

#include "RelayConfig.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Config {

/// Loads and validates a relaydesk.ini (QSettings IniFormat). Everything is
/// checked before a RelayConfig is returned; the first problem comes back as
/// one line naming the file, line, section, key and what is wrong, e.g.
///   relaydesk.ini:12: [smarthost] port = "abc": not a port number (1-65535)
/// Unknown sections and keys are errors, and so is any secret in the file:
/// secrets are referenced (password-ref = keychain:NAME), never stored.
/// The file layout is documented in docs/configuration.md.
class ConfigLoader
{
public:
    /// nullopt on failure, with the message in *error.
    ///
    /// With `plaintextSecrets` a secret in the file is not an error: its
    /// location ("[smarthost] password") is appended there and the value is
    /// left out of the result. The desktop app uses this to start anyway and
    /// offer to move the secrets into the keychain; the daemon refuses.
    static std::optional<RelayConfig> load(const QString& path, QString* error,
                                           QStringList* plaintextSecrets = nullptr);

    /// The keychain entry name a plain-text secret of `section` moves to.
    static QString keychainNameFor(const QString& section);
    /// The same for the secret `key` of `section`: a password keeps the
    /// section's name ("smarthost"), any other secret adds its key
    /// ("tls-key-passphrase").
    static QString keychainNameFor(const QString& section, const QString& key);

    /// The key that refers to the secret `key` of `section` once it is in a
    /// credential store: `key`-ref where the section knows that key
    /// ("key-passphrase" -> "key-passphrase-ref"), else "password-ref".
    static QString referenceKeyFor(const QString& section, const QString& key);

    /// Key names that look like a secret and are therefore refused.
    static bool isSecretKey(const QString& key);
};

} // namespace RelayDesk::Config
