#pragma once

#include <QByteArray>
#include <QString>

namespace RelayDesk::Tls {

/// A certificate (chain) and its private key as PEM, ready for a listener's
/// certificate and private-key settings.
struct CertificateFiles
{
    QByteArray certificatePem; ///< leaf first, then any chain
    QByteArray privateKeyPem;  ///< PKCS#8; encrypted (AES-256) when a passphrase was given

    static constexpr const char* CertificateName = "relaydesk-cert.pem";
    static constexpr const char* KeyName = "relaydesk-key.pem";

    /// Writes <dir>/relaydesk-cert.pem (0644) and <dir>/relaydesk-key.pem
    /// (0600, mode set before the first byte), replacing both atomically;
    /// creates dir (0700) when missing. Existing files are only replaced
    /// when overwrite is set.
    bool write(const QString& dir, bool overwrite, QString* error) const;

    /// The PEM private key, re-encrypted under passphrase (empty: clear
    /// text); empty with *error when the key cannot be read with
    /// currentPassphrase.
    static QByteArray encodeKey(const QByteArray& keyPem, const QByteArray& currentPassphrase,
                                const QByteArray& passphrase, QString* error);
};

} // namespace RelayDesk::Tls
