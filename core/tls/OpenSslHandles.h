#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace RelayDesk::Tls {

/// Owning handles for the OpenSSL objects core/tls uses, so that every early
/// return frees what it allocated.
struct OpenSslFree
{
    void operator()(BIO* p) const { BIO_free_all(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
    void operator()(PKCS12* p) const { PKCS12_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};
template <typename T> using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

/// A read-only memory BIO over data (which must outlive it).
inline OpenSslPtr<BIO> memoryBio(const QByteArray& data)
{
    return OpenSslPtr<BIO>(BIO_new_mem_buf(data.constData(), int(data.size())));
}

/// Everything a write BIO holds.
inline QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

/// The oldest queued OpenSSL error as text (and clears the queue), for
/// messages that say what OpenSSL objected to.
inline QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

} // namespace RelayDesk::Tls
