#pragma once

#include "CertificateFiles.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Tls {

/// Makes a self-signed server certificate for the listeners (STARTTLS and
/// port 465): ECDSA P-256 (default; small and fast) or RSA 3072 (for very
/// old devices), SHA-256, at most 825 days (what Apple and browsers accept
/// for a leaf), with subject alternative names for every name and address
/// a device on the LAN may use to reach the relay.
class CertificateGenerator
{
public:
    enum class KeyType { Ecdsa, Rsa };

    static constexpr int MaxValidityDays = 825;

    struct Options
    {
        KeyType keyType = KeyType::Ecdsa;
        /// The subject CN and first SAN; empty: the machine's host name.
        QString commonName;
        QStringList dnsNames;               ///< more DNS SANs (duplicates are dropped)
        QList<QHostAddress> addresses;      ///< IP SANs
        int validityDays = MaxValidityDays; ///< 1..825
        QByteArray passphrase;              ///< empty: the key is written unencrypted
    };

    /// The machine's names and addresses: host name, its FQDN (host name +
    /// the local domain, when there is one), and every non-loopback
    /// interface address (link-local IPv6 left out: it needs a scope id no
    /// certificate can hold). Reads local configuration only.
    static Options defaultOptions();

    /// nullopt with *error on bad options or an OpenSSL failure.
    static std::optional<CertificateFiles> generate(const Options& options, QString* error);
};

} // namespace RelayDesk::Tls
