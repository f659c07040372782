#pragma once

#include <QString>

namespace RelayDesk::Config {

/// Lowest TLS protocol version a listener accepts. Our own enum because the
/// QSsl::TlsV1_0OrLater/TlsV1_1OrLater values are deprecated in Qt 6.3+; the
/// service layer maps it onto QSsl::SslProtocol.
enum class TlsVersion {
    V1_0,
    V1_1,
    V1_2,
    V1_3,
};

/// "1.0" ... "1.3", as written in the configuration file.
inline QString tlsVersionName(TlsVersion version)
{
    switch (version) {
    case TlsVersion::V1_0:
        return QStringLiteral("1.0");
    case TlsVersion::V1_1:
        return QStringLiteral("1.1");
    case TlsVersion::V1_2:
        return QStringLiteral("1.2");
    case TlsVersion::V1_3:
        return QStringLiteral("1.3");
    }
    return {};
}

} // namespace RelayDesk::Config
