#pragma once

#include "CertificateFiles.h"

#include <QByteArray>
#include <optional>

namespace RelayDesk::Tls {

/// Brings an existing certificate (from the office's CA, Let's Encrypt or a
/// vendor) into the form the listeners use: PEM certificate chain + PEM
/// private key, after checking that the key belongs to the certificate.
class CertificateImporter
{
public:
    /// certificatePem: leaf first, then the chain; keyPem may be encrypted
    /// (keyPassphrase), and may be inside certificatePem (keyPem empty).
    /// The result's key is re-encoded under newPassphrase (empty: clear).
    static std::optional<CertificateFiles> fromPem(const QByteArray& certificatePem,
                                                   const QByteArray& keyPem,
                                                   const QByteArray& keyPassphrase,
                                                   const QByteArray& newPassphrase, QString* error);
    /// A PKCS#12 (.p12/.pfx) bundle with its password.
    static std::optional<CertificateFiles> fromPkcs12(const QByteArray& data,
                                                      const QByteArray& password,
                                                      const QByteArray& newPassphrase,
                                                      QString* error);
};

} // namespace RelayDesk::Tls
