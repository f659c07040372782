#include "CertificateGenerator.h"

#include "OpenSslHandles.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QSysInfo>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace RelayDesk::Tls {

namespace {

bool addExtension(X509* certificate, int nid, const QByteArray& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    OpenSslPtr<X509_EXTENSION> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool isValidDnsName(const QString& name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') &&
            c != QLatin1Char('.') && c != QLatin1Char('*'))
            return false;
    }
    return !name.startsWith(QLatin1Char('.')) && !name.startsWith(QLatin1Char('-'));
}

OpenSslPtr<EVP_PKEY> makeKey(CertificateGenerator::KeyType type)
{
    if (type == CertificateGenerator::KeyType::Rsa)
        return OpenSslPtr<EVP_PKEY>(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(3072)));
    return OpenSslPtr<EVP_PKEY>(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

} // namespace

CertificateGenerator::Options CertificateGenerator::defaultOptions()
{
    Options options;
    const QString host = QSysInfo::machineHostName();
    options.commonName = host.isEmpty() ? QStringLiteral("localhost") : host;
    const QString domain = QHostInfo::localDomainName();
    if (!host.isEmpty() && !domain.isEmpty() && !host.contains(QLatin1Char('.')))
        options.dnsNames << host + QLatin1Char('.') + domain;
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.isLinkLocal())
            continue;
        QHostAddress plain = address;
        plain.setScopeId({});
        options.addresses << plain;
    }
    return options;
}

std::optional<CertificateFiles> CertificateGenerator::generate(const Options& options,
                                                               QString* error)
{
    ERR_clear_error();
    if (options.validityDays < 1 || options.validityDays > MaxValidityDays) {
        *error = QStringLiteral("validity must be 1 to %1 days").arg(MaxValidityDays);
        return std::nullopt;
    }
    const QString commonName =
        options.commonName.isEmpty() ? defaultOptions().commonName : options.commonName;
    QStringList dnsNames{commonName};
    for (const QString& name : options.dnsNames) {
        if (!dnsNames.contains(name, Qt::CaseInsensitive))
            dnsNames << name;
    }
    for (const QString& name : dnsNames) {
        if (!isValidDnsName(name)) {
            *error = QStringLiteral("\"%1\" is not a valid host name").arg(name);
            return std::nullopt;
        }
    }

    OpenSslPtr<EVP_PKEY> key = makeKey(options.keyType);
    OpenSslPtr<X509> certificate(X509_new());
    if (!key || !certificate) {
        *error = QStringLiteral("key generation failed: %1").arg(openSslError());
        return std::nullopt;
    }
    // A random 127-bit serial (positive), as CAs use: two certificates
    // generated for the same name are never confused by a client's cache.
    unsigned char serialBytes[16];
    if (RAND_bytes(serialBytes, sizeof serialBytes) != 1) {
        *error = QStringLiteral("no random serial: %1").arg(openSslError());
        return std::nullopt;
    }
    serialBytes[0] &= 0x7f;
    BIGNUM* serial = BN_bin2bn(serialBytes, sizeof serialBytes, nullptr);
    const bool serialOk =
        serial && BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(certificate.get()));
    BN_free(serial);

    X509_NAME* name = X509_get_subject_name(certificate.get());
    const QByteArray cn = commonName.left(64).toUtf8();
    bool ok = serialOk && X509_set_version(certificate.get(), X509_VERSION_3) == 1 &&
              X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>("RelayDesk"), -1,
                                         -1, 0) == 1 &&
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                         reinterpret_cast<const unsigned char*>(cn.constData()), -1,
                                         -1, 0) == 1 &&
              X509_set_issuer_name(certificate.get(), name) == 1 &&
              // A minute back: a device whose clock is slightly behind still
              // accepts a certificate made just now.
              X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60) &&
              X509_gmtime_adj(X509_getm_notAfter(certificate.get()),
                              long(options.validityDays) * 24 * 3600) &&
              X509_set_pubkey(certificate.get(), key.get()) == 1;

    QStringList sans;
    for (const QString& dns : dnsNames)
        sans << QStringLiteral("DNS:") + dns;
    for (const QHostAddress& address : options.addresses) {
        if (!address.isNull())
            sans << QStringLiteral("IP:") + address.toString();
    }
    const bool rsa = options.keyType == KeyType::Rsa;
    ok = ok && addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") &&
         addExtension(certificate.get(), NID_key_usage,
                      rsa ? "critical,digitalSignature,keyEncipherment"
                          : "critical,digitalSignature") &&
         addExtension(certificate.get(), NID_ext_key_usage, "serverAuth") &&
         addExtension(certificate.get(), NID_subject_key_identifier, "hash") &&
         addExtension(certificate.get(), NID_subject_alt_name, sans.join(u',').toUtf8()) &&
         X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0;
    if (!ok) {
        *error = QStringLiteral("building the certificate failed: %1").arg(openSslError());
        return std::nullopt;
    }

    CertificateFiles files;
    OpenSslPtr<BIO> certBio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO> keyBio(BIO_new(BIO_s_mem()));
    const bool encrypt = !options.passphrase.isEmpty();
    if (PEM_write_bio_X509(certBio.get(), certificate.get()) != 1 ||
        PEM_write_bio_PKCS8PrivateKey(
            keyBio.get(), key.get(), encrypt ? EVP_aes_256_cbc() : nullptr,
            encrypt ? options.passphrase.constData() : nullptr,
            encrypt ? int(options.passphrase.size()) : 0, nullptr, nullptr) != 1) {
        *error = QStringLiteral("writing PEM failed: %1").arg(openSslError());
        return std::nullopt;
    }
    files.certificatePem = bioContents(certBio.get());
    files.privateKeyPem = bioContents(keyBio.get());
    return files;
}

} // namespace RelayDesk::Tls
