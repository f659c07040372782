#include "CertificateInfo.h"

#include "OpenSslHandles.h"

#include <QFile>
#include <QHostAddress>
#include <QtEndian>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace RelayDesk::Tls {

namespace {

QString nameToString(const X509_NAME* name)
{
    OpenSslPtr<BIO> bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return QString::fromUtf8(bioContents(bio.get()));
}

QDateTime toDateTime(const ASN1_TIME* time)
{
    struct tm parts
    {
    };
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QStringList altNames(X509* certificate)
{
    QStringList names;
    OpenSslPtr<GENERAL_NAMES> general(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    if (!general)
        return names;
    for (int i = 0; i < sk_GENERAL_NAME_num(general.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(general.get(), i);
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING* dns = name->d.dNSName;
            names << QStringLiteral("DNS:") +
                         QString::fromLatin1(reinterpret_cast<const char*>(dns->data), dns->length);
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = name->d.iPAddress;
            QHostAddress address;
            if (ip->length == 4)
                address.setAddress(qFromBigEndian<quint32>(ip->data));
            else if (ip->length == 16)
                address.setAddress(ip->data);
            names << QStringLiteral("IP:") + address.toString();
        } else if (name->type == GEN_EMAIL) {
            const ASN1_IA5STRING* email = name->d.rfc822Name;
            names << QStringLiteral("email:") +
                         QString::fromLatin1(reinterpret_cast<const char*>(email->data),
                                             email->length);
        }
    }
    return names;
}

QString fingerprint(const X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex(':').toUpper());
}

} // namespace

bool CertificateInfo::expiresWithin(int days, const QDateTime& now) const
{
    return !notAfter.isValid() || notAfter <= now.addDays(days);
}

QString CertificateInfo::describe() const
{
    QStringList lines;
    lines << QStringLiteral("Subject:     %1").arg(subject)
          << QStringLiteral("Issuer:      %1%2")
                 .arg(issuer, selfSigned ? QStringLiteral(" (self-signed)") : QString())
          << QStringLiteral("Names:       %1")
                 .arg(subjectAltNames.isEmpty() ? QStringLiteral("(none)")
                                                : subjectAltNames.join(u", "))
          << QStringLiteral("Valid from:  %1").arg(notBefore.toString(Qt::ISODate))
          << QStringLiteral("Valid until: %1").arg(notAfter.toString(Qt::ISODate))
          << QStringLiteral("Key:         %1 %2 bits").arg(keyType).arg(keyBits)
          << QStringLiteral("SHA-256:     %1").arg(sha256Fingerprint);
    return lines.join(QLatin1Char('\n'));
}

std::optional<CertificateInfo> CertificateInfo::fromData(const QByteArray& data, QString* error)
{
    ERR_clear_error();
    OpenSslPtr<X509> certificate;
    {
        OpenSslPtr<BIO> bio = memoryBio(data);
        certificate.reset(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    }
    if (!certificate) {
        ERR_clear_error();
        const auto* bytes = reinterpret_cast<const unsigned char*>(data.constData());
        certificate.reset(d2i_X509(nullptr, &bytes, long(data.size())));
    }
    if (!certificate) {
        *error =
            QStringLiteral("no certificate found (expected PEM or DER): %1").arg(openSslError());
        return std::nullopt;
    }
    CertificateInfo info;
    info.subject = nameToString(X509_get_subject_name(certificate.get()));
    info.issuer = nameToString(X509_get_issuer_name(certificate.get()));
    info.subjectAltNames = altNames(certificate.get());
    info.notBefore = toDateTime(X509_get0_notBefore(certificate.get()));
    info.notAfter = toDateTime(X509_get0_notAfter(certificate.get()));
    info.sha256Fingerprint = fingerprint(certificate.get());
    if (EVP_PKEY* key = X509_get0_pubkey(certificate.get())) {
        info.keyBits = EVP_PKEY_get_bits(key);
        const char* type = EVP_PKEY_get0_type_name(key);
        info.keyType = type ? QString::fromLatin1(type).toUpper() : QStringLiteral("unknown");
        // Not X509_check_issued(): it also wants keyCertSign, which a
        // self-signed server certificate rightly does not have.
        info.selfSigned = X509_NAME_cmp(X509_get_subject_name(certificate.get()),
                                        X509_get_issuer_name(certificate.get())) == 0 &&
                          X509_verify(certificate.get(), key) == 1;
    }
    ERR_clear_error();
    return info;
}

std::optional<CertificateInfo> CertificateInfo::fromFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const auto info = fromData(file.read(1024 * 1024), error);
    if (!info)
        *error = QStringLiteral("%1: %2").arg(path, *error);
    return info;
}

} // namespace RelayDesk::Tls
