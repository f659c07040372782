#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace RelayDesk::Auth {

/// scrypt password hashes for local SMTP AUTH accounts, stored as
///   $scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>
/// (N = 2^ln). The parameters travel with each hash so that they can be
/// raised later without invalidating existing accounts.
class PasswordHasher
{
public:
    struct Parameters
    {
        int logN = 15; ///< N = 2^15: ~32 MiB and ~0.1 s per hash
        int r = 8;
        int p = 1;
    };

    PasswordHasher();
    explicit PasswordHasher(Parameters parameters) : m_parameters(parameters) {}

    /// A new hash with a fresh random salt; empty if OpenSSL fails.
    QString hash(const QString& password) const;

    /// A well-formed hash with these parameters that no password matches
    /// (all-zero salt and digest). Verifying against it costs what verifying
    /// a real hash costs, so an unknown user name takes as long as a wrong
    /// password; building it costs nothing (no scrypt run at start-up).
    QString unmatchableHash() const;

    /// Constant-time comparison against a stored hash; false for a wrong
    /// password and for a malformed or out-of-bounds hash.
    static bool verify(const QString& password, const QString& stored);
    /// True when `stored` is a hash this class can verify.
    static bool isWellFormed(const QString& stored);

private:
    struct Decoded
    {
        Parameters parameters;
        QByteArray salt;
        QByteArray hash;
    };
    static std::optional<Decoded> decode(const QString& stored);
    static QByteArray derive(const QByteArray& password, const QByteArray& salt,
                             const Parameters& parameters, int length);

    Parameters m_parameters;
};

} // namespace RelayDesk::Auth
