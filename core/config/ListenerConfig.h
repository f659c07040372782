#pragma once

#include "CredentialReference.h"
#include "TlsVersion.h"

#include <QHostAddress>
#include <QString>

namespace RelayDesk::Config {

/// One [listener.NAME] section: a listening socket and its security settings.
struct ListenerConfig
{
    enum class Mode {
        Plain, ///< plain TCP; STARTTLS offered when a certificate is set
        Tls,   ///< TLS from the first byte (port 465 style)
    };

    QString name = QStringLiteral("default");
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 2525;
    Mode mode = Mode::Plain;
    QString certFile; ///< effective value: the listener's own or [tls]'s
    QString keyFile;  ///< effective value: the listener's own or [tls]'s
    /// Effective value, with the key-file: the listener's own or [tls]'s.
    CredentialReference keyPassphraseRef;
    TlsVersion minTls = TlsVersion::V1_2;
    bool requireAuth = false;    ///< MAIL is refused until AUTH succeeded
    bool allowPlainAuth = false; ///< offer AUTH without TLS (trusted LAN only)

    bool hasCertificate() const { return !certFile.isEmpty() && !keyFile.isEmpty(); }
};

} // namespace RelayDesk::Config
