#include "CertificateImporter.h"

#include "OpenSslHandles.h"

#include <openssl/pem.h>

namespace RelayDesk::Tls {

namespace {

/// The PEM of the certificates and the checked key, re-encoded.
std::optional<CertificateFiles> assemble(X509* leaf, STACK_OF(X509) * chain, EVP_PKEY* key,
                                         const QByteArray& newPassphrase, QString* error)
{
    if (X509_check_private_key(leaf, key) != 1) {
        ERR_clear_error();
        *error = QStringLiteral("the private key does not belong to the certificate");
        return std::nullopt;
    }
    OpenSslPtr<BIO> certBio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO> keyBio(BIO_new(BIO_s_mem()));
    bool ok = PEM_write_bio_X509(certBio.get(), leaf) == 1;
    for (int i = 0; ok && chain && i < sk_X509_num(chain); ++i)
        ok = PEM_write_bio_X509(certBio.get(), sk_X509_value(chain, i)) == 1;
    const bool encrypt = !newPassphrase.isEmpty();
    ok = ok && PEM_write_bio_PKCS8PrivateKey(
                   keyBio.get(), key, encrypt ? EVP_aes_256_cbc() : nullptr,
                   encrypt ? newPassphrase.constData() : nullptr,
                   encrypt ? int(newPassphrase.size()) : 0, nullptr, nullptr) == 1;
    if (!ok) {
        *error = QStringLiteral("writing PEM failed: %1").arg(openSslError());
        return std::nullopt;
    }
    return CertificateFiles{bioContents(certBio.get()), bioContents(keyBio.get())};
}

} // namespace

std::optional<CertificateFiles> CertificateImporter::fromPem(const QByteArray& certificatePem,
                                                             const QByteArray& keyPem,
                                                             const QByteArray& keyPassphrase,
                                                             const QByteArray& newPassphrase,
                                                             QString* error)
{
    ERR_clear_error();
    OpenSslPtr<BIO> certBio = memoryBio(certificatePem);
    OpenSslPtr<X509> leaf(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    if (!leaf) {
        *error = QStringLiteral("no PEM certificate found: %1").arg(openSslError());
        return std::nullopt;
    }
    OpenSslPtr<STACK_OF(X509)> chain(sk_X509_new_null());
    while (X509* next = PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr))
        sk_X509_push(chain.get(), next);
    ERR_clear_error(); // the end of the PEM data is reported as an error

    const QByteArray& keySource = keyPem.isEmpty() ? certificatePem : keyPem;
    OpenSslPtr<BIO> keyBio = memoryBio(keySource);
    // A passphrase callback that never prompts: an encrypted key without
    // the right passphrase fails instead of reading the terminal.
    QByteArray passphrase = keyPassphrase;
    OpenSslPtr<EVP_PKEY> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr,
                                passphrase.data() ? passphrase.data() : const_cast<char*>("")));
    if (!key) {
        *error = QStringLiteral("cannot read the private key (missing, or wrong passphrase): %1")
                     .arg(openSslError());
        return std::nullopt;
    }
    return assemble(leaf.get(), chain.get(), key.get(), newPassphrase, error);
}

std::optional<CertificateFiles> CertificateImporter::fromPkcs12(const QByteArray& data,
                                                                const QByteArray& password,
                                                                const QByteArray& newPassphrase,
                                                                QString* error)
{
    ERR_clear_error();
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.constData());
    OpenSslPtr<PKCS12> bundle(d2i_PKCS12(nullptr, &bytes, long(data.size())));
    if (!bundle) {
        *error = QStringLiteral("not a PKCS#12 file: %1").arg(openSslError());
        return std::nullopt;
    }
    EVP_PKEY* rawKey = nullptr;
    X509* rawLeaf = nullptr;
    STACK_OF(X509)* rawChain = nullptr;
    const QByteArray pass = password.isNull() ? QByteArray("") : password;
    if (PKCS12_parse(bundle.get(), pass.constData(), &rawKey, &rawLeaf, &rawChain) != 1) {
        *error = QStringLiteral("cannot open the PKCS#12 file (wrong password?): %1")
                     .arg(openSslError());
        return std::nullopt;
    }
    OpenSslPtr<EVP_PKEY> key(rawKey);
    OpenSslPtr<X509> leaf(rawLeaf);
    OpenSslPtr<STACK_OF(X509)> chain(rawChain);
    if (!key || !leaf) {
        *error = QStringLiteral("the PKCS#12 file holds no certificate with a private key");
        return std::nullopt;
    }
    return assemble(leaf.get(), chain.get(), key.get(), newPassphrase, error);
}

} // namespace RelayDesk::Tls
