#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Tls {

/// What the admin needs to know about a listener's certificate: who it is
/// for, who vouches for it, until when, and its fingerprint (to compare
/// with what a device shows). A value type for the GUI and `relaydeskd cert
/// show`.
struct CertificateInfo
{
    QString subject; ///< one line, RFC 2253 style ("CN=relay.office.example,O=RelayDesk")
    QString issuer;
    QStringList subjectAltNames; ///< "DNS:name" / "IP:address", in certificate order
    QDateTime notBefore;         ///< UTC
    QDateTime notAfter;          ///< UTC
    QString sha256Fingerprint;   ///< upper-case hex pairs joined by ':'
    QString keyType;             ///< "RSA", "EC", "ED25519" ...
    int keyBits = 0;
    bool selfSigned = false; ///< issuer == subject and signed by its own key

    /// True when the certificate is no longer valid `days` days after `now`
    /// (already expired included): the 30-day warning.
    bool expiresWithin(int days, const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    /// Several lines for `relaydeskd cert show`.
    QString describe() const;

    /// The first certificate of a PEM or DER blob; nullopt with *error.
    static std::optional<CertificateInfo> fromData(const QByteArray& data, QString* error);
    static std::optional<CertificateInfo> fromFile(const QString& path, QString* error);
};

} // namespace RelayDesk::Tls

Q_DECLARE_METATYPE(RelayDesk::Tls::CertificateInfo)
