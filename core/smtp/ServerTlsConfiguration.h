#pragma once

#include "ListenerSettings.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>
#include <optional>

namespace RelayDesk::Smtp {

/// Builds the server-side TLS configuration of a listener: PEM certificate
/// chain and private key from disk (an encrypted key decrypted with
/// ListenerSettings::keyPassphrase), peer verification off (clients do not
/// present certificates), and the minimum protocol version.
///
/// TLS 1.0/1.1 are only possible when asked for: Qt 6.4 deprecates the enum
/// values and Debian's OpenSSL 3 refuses them at its default security level,
/// so a legacy listener also gets "MinProtocol" and "CipherString
/// DEFAULT:@SECLEVEL=0" through SSL_CONF_cmd (docs/tls-legacy.md).
class ServerTlsConfiguration
{
public:
    /// Nothing (and *error) when the files are unreadable, hold no
    /// certificate/key, the key is encrypted and the passphrase is missing
    /// or wrong, the key does not belong to the certificate, or TLS
    /// is not available at all.
    static std::optional<QSslConfiguration> load(const ListenerSettings& settings, QString* error);

    /// True when the private key is the one whose public half the
    /// certificate carries.
    static bool keyMatchesCertificate(const QSslCertificate& certificate, const QSslKey& key);

    /// True for the protocol values below TLS 1.2 (deprecated in Qt 6.3+).
    static bool isLegacy(QSsl::SslProtocol minimum);

    /// "TLSv1.3" etc. for the negotiated protocol.
    static QString protocolName(QSsl::SslProtocol protocol);
};

} // namespace RelayDesk::Smtp
