#pragma once

#include <QString>
#include <optional>

namespace RelayDesk::Config {

/// Where a secret lives. The configuration never holds a secret itself, only
/// one of these references (written `password-ref = SCHEME:NAME`):
///   keychain:NAME  the OS keychain (Secret Service), service "RelayDesk", key NAME
///   local:NAME     entry NAME of the root-only file <data-dir>/credentials
///   systemd:NAME   the systemd credential NAME ($CREDENTIALS_DIRECTORY/NAME,
///                  from LoadCredential= or SetCredentialEncrypted= in the unit)
///   file:/PATH     the first line of a 0600 file (Docker/Kubernetes secrets)
struct CredentialReference
{
    enum class Scheme {
        None,
        Keychain,
        Local,
        File,
        Systemd,
    };

    Scheme scheme = Scheme::None;
    QString name; ///< key (keychain, local), credential name (systemd) or absolute path (file)

    bool isNull() const { return scheme == Scheme::None; }
    /// keychain: and local: secrets are written by RelayDesk (GUI, `secret
    /// set`); file: and systemd: ones are managed outside it.
    bool isWritable() const { return scheme == Scheme::Keychain || scheme == Scheme::Local; }
    /// True when `text` starts with a scheme parse() knows ("keychain:" ...),
    /// i.e. it is meant as a reference, even if a malformed one.
    static bool hasKnownScheme(const QString& text);
    /// The `SCHEME:NAME` form; empty for a null reference.
    QString toString() const;
    /// Parses `SCHEME:NAME`. Names are 1-64 of [A-Za-z0-9._-]; file paths
    /// must be absolute. On failure returns nullopt and says why in *error
    /// (error may be nullptr).
    static std::optional<CredentialReference> parse(const QString& text, QString* error);
    /// For file: references, checks up front what reading it will demand
    /// (a regular file owned by us, closed to group and others), so a bad
    /// file stops the relay at startup rather than at the first delivery.
    /// Always true for the other schemes.
    bool checkFile(QString* error) const;

    friend bool operator==(const CredentialReference&, const CredentialReference&) = default;
};

} // namespace RelayDesk::Config
