#pragma once

#include "CredentialReference.h"

#include <QString>

namespace RelayDesk::Config {

/// The [tls] section: the certificate every listener uses unless it names its
/// own. With a certificate, plain listeners offer STARTTLS.
struct TlsDefaults
{
    QString certFile; ///< PEM certificate (chain); empty: no TLS by default
    QString keyFile;  ///< PEM private key
    /// Where the passphrase of an encrypted key-file is kept (never the
    /// passphrase itself); null for a key that is not encrypted.
    CredentialReference keyPassphraseRef;
};

} // namespace RelayDesk::Config
