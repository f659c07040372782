#include "ServerTlsConfiguration.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

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
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(keyData, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no usable PEM private key (RSA, EC or DSA, "
                                "not encrypted)")
                     .arg(keyFile);
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
    }
    return configuration;
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
