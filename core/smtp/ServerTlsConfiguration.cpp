#include "ServerTlsConfiguration.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <memory>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace RelayDesk::Smtp {

namespace {

bool readFile(const QString& path, QByteArray* data, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

} // namespace

std::optional<QSslConfiguration> ServerTlsConfiguration::load(const ListenerSettings& settings,
                                                              QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is not available (no OpenSSL backend)");
        return std::nullopt;
    }
    QByteArray certificateData;
    if (!readFile(settings.certificateFile, &certificateData, error))
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificateData, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(settings.certificateFile);
        return std::nullopt;
    }
    QByteArray keyData;
    const QString keyFile =
        settings.privateKeyFile.isEmpty() ? settings.certificateFile : settings.privateKeyFile;
    if (!readFile(keyFile, &keyData, error))
        return std::nullopt;
    // PKCS#8 says "BEGIN ENCRYPTED PRIVATE KEY", the traditional form
    // "Proc-Type: 4,ENCRYPTED"; neither occurs in a clear key.
    const bool encrypted = keyData.contains("ENCRYPTED");
    if (encrypted && settings.keyPassphrase.isEmpty()) {
        *error = QStringLiteral("%1 is encrypted and no passphrase is configured: store the "
                                "passphrase (Security > Credentials, or relaydeskd secret set "
                                "local:NAME) and refer to it with key-passphrase-ref in [tls] "
                                "or the listener's section")
                     .arg(keyFile);
        return std::nullopt;
    }
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyData, algorithm, QSsl::Pem, QSsl::PrivateKey, settings.keyPassphrase);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = encrypted ? QStringLiteral("cannot decrypt %1 with the passphrase from "
                                            "key-passphrase-ref: wrong passphrase?")
                                 .arg(keyFile)
                           : QStringLiteral("%1 holds no usable PEM private key (RSA, EC or "
                                            "DSA)")
                                 .arg(keyFile);
        return std::nullopt;
    }
    // Without this check a mismatched pair loads fine and every handshake
    // fails later, which looks like a client problem.
    if (!keyMatchesCertificate(chain.first(), key)) {
        *error = QStringLiteral("certificate %1 does not match private key %2 (their public "
                                "keys differ)")
                     .arg(settings.certificateFile, keyFile);
        return std::nullopt;
    }

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(settings.minimumTls);
    if (isLegacy(settings.minimumTls)) {
        // Debian's openssl.cnf says MinProtocol=TLSv1.2 and SECLEVEL=2;
        // OpenSSL 3 only allows TLS < 1.2 at security level 0.
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_DEPRECATED
        const bool tls10 =
            settings.minimumTls == QSsl::TlsV1_0 || settings.minimumTls == QSsl::TlsV1_0OrLater;
        QT_WARNING_POP
        configuration.setBackendConfigurationOption("MinProtocol", tls10 ? QByteArray("TLSv1")
                                                                         : QByteArray("TLSv1.1"));
        configuration.setBackendConfigurationOption("CipherString",
                                                    QByteArray("DEFAULT:@SECLEVEL=0"));
    } else {
        // TLS 1.2 suites: forward secrecy (ECDHE) and AEAD only, as the
        // Mozilla "intermediate" profile; OpenSSL's DEFAULT would also take
        // RSA key exchange and CBC. TLS 1.3 suites are all AEAD already.
        configuration.setBackendConfigurationOption(
            "CipherString", QByteArray("ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!SHA1"));
    }
    return configuration;
}

bool ServerTlsConfiguration::keyMatchesCertificate(const QSslCertificate& certificate,
                                                   const QSslKey& key)
{
    // Qt cannot derive the public half of a QSslKey, so compare in OpenSSL:
    // the certificate's public key against the private key's public part.
    const QByteArray der = certificate.toDer();
    const auto* derData = reinterpret_cast<const unsigned char*>(der.constData());
    const std::unique_ptr<X509, decltype(&X509_free)> x509(
        d2i_X509(nullptr, &derData, static_cast<long>(der.size())), &X509_free);
    const QByteArray pem = key.toPem();
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())), &BIO_free);
    // A null passphrase callback would prompt on the terminal for an
    // encrypted key; key.toPem() is in the clear, but never prompt.
    pem_password_cb* noPassphrase = [](char*, int, int, void*) { return 0; };
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> privateKey(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr,
        &EVP_PKEY_free);
    const EVP_PKEY* publicKey = x509 ? X509_get0_pubkey(x509.get()) : nullptr;
    const bool match = publicKey && privateKey && EVP_PKEY_eq(publicKey, privateKey.get()) == 1;
    ERR_clear_error(); // the error queue is shared with Qt's TLS backend
    return match;
}

bool ServerTlsConfiguration::isLegacy(QSsl::SslProtocol minimum)
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    return minimum == QSsl::TlsV1_0 || minimum == QSsl::TlsV1_0OrLater ||
           minimum == QSsl::TlsV1_1 || minimum == QSsl::TlsV1_1OrLater;
    QT_WARNING_POP
}

QString ServerTlsConfiguration::protocolName(QSsl::SslProtocol protocol)
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    switch (protocol) {
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_1:
        return QStringLiteral("TLSv1.1");
    case QSsl::TlsV1_0:
        return QStringLiteral("TLSv1");
    default:
        return QStringLiteral("TLS");
    }
    QT_WARNING_POP
}

} // namespace RelayDesk::Smtp
