#pragma once

#include <QString>

namespace RelayDesk::Config {

/// The [tls] section: the certificate every listener uses unless it names its
/// own. With a certificate, plain listeners offer STARTTLS.
struct TlsDefaults
{
    QString certFile; ///< PEM certificate (chain); empty: no TLS by default
    QString keyFile;  ///< PEM private key
};

} // namespace RelayDesk::Config
