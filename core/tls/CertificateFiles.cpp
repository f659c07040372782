#include "CertificateFiles.h"

#include "OpenSslHandles.h"
#include "auth/PrivateFile.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <openssl/pem.h>

namespace RelayDesk::Tls {

bool CertificateFiles::write(const QString& dir, bool overwrite, QString* error) const
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                   QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                   QFile::ExeOther);
    const QString certPath = QDir(dir).filePath(QLatin1String(CertificateName));
    const QString keyPath = QDir(dir).filePath(QLatin1String(KeyName));
    if (!overwrite) {
        for (const QString& path : {certPath, keyPath}) {
            if (QFile::exists(path)) {
                *error = QStringLiteral("%1 exists already (use --force to replace it)").arg(path);
                return false;
            }
        }
    }
    // Key first: a certificate without its key is useless, a key without
    // the new certificate is harmless.
    if (!Auth::PrivateFile::write(keyPath, privateKeyPem, error))
        return false;
    QSaveFile cert(certPath);
    if (!cert.open(QIODevice::WriteOnly) || cert.write(certificatePem) != certificatePem.size() ||
        !cert.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                             QFile::ReadOther) ||
        !cert.commit()) {
        *error = QStringLiteral("%1: %2").arg(certPath, cert.errorString());
        return false;
    }
    return true;
}

QByteArray CertificateFiles::encodeKey(const QByteArray& keyPem,
                                       const QByteArray& currentPassphrase,
                                       const QByteArray& passphrase, QString* error)
{
    ERR_clear_error();
    OpenSslPtr<BIO> in = memoryBio(keyPem);
    OpenSslPtr<EVP_PKEY> key(PEM_read_bio_PrivateKey(
        in.get(), nullptr, nullptr,
        const_cast<char*>(currentPassphrase.isNull() ? "" : currentPassphrase.constData())));
    if (!key) {
        *error = QStringLiteral("cannot read the private key (wrong passphrase?): %1")
                     .arg(openSslError());
        return {};
    }
    OpenSslPtr<BIO> out(BIO_new(BIO_s_mem()));
    const bool encrypt = !passphrase.isEmpty();
    const int ok =
        PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), encrypt ? EVP_aes_256_cbc() : nullptr,
                                      encrypt ? passphrase.constData() : nullptr,
                                      encrypt ? int(passphrase.size()) : 0, nullptr, nullptr);
    if (ok != 1) {
        *error = QStringLiteral("cannot write the private key: %1").arg(openSslError());
        return {};
    }
    return bioContents(out.get());
}

} // namespace RelayDesk::Tls
