#include "tls/CertificateGenerator.h"
#include "tls/CertificateImporter.h"
#include "tls/CertificateInfo.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Tls;

namespace {

/// Runs the real openssl tool (short-lived; no event loop needed).
QByteArray openssl(const QStringList& arguments, const QByteArray& input = {},
                   int* exitCode = nullptr)
{
    QProcess process;
    process.start(QStringLiteral("openssl"), arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    if (exitCode)
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput() + process.readAllStandardError();
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

CertificateGenerator::Options options(CertificateGenerator::KeyType type)
{
    CertificateGenerator::Options o;
    o.keyType = type;
    o.commonName = QStringLiteral("relay.office.example");
    o.dnsNames = {QStringLiteral("relay"), QStringLiteral("RELAY.office.example")};
    o.addresses = {QHostAddress(QStringLiteral("192.168.1.5")),
                   QHostAddress(QStringLiteral("fd00::5"))};
    return o;
}

} // namespace

/// Self-signed generation, PEM/PKCS#12 import and CertificateInfo, checked
/// against the openssl tool.
class TestCertificates final : public QObject
{
    Q_OBJECT

private slots:
    void generate_data();
    void generate();
    void infoMatchesOpenssl();
    void expiresWithin();
    void encryptedKey();
    void writeFilesModes();
    void badOptions_data();
    void badOptions();
    void defaultOptionsHaveNoLoopback();
    void importPem();
    void importPemMismatch();
    void importPkcs12();
    void importPkcs12WrongPassword();
    void infoErrors();
};

void TestCertificates::generate_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("keyType");
    QTest::addColumn<int>("bits");
    QTest::newRow("ecdsa") << int(CertificateGenerator::KeyType::Ecdsa) << "EC" << 256;
    QTest::newRow("rsa") << int(CertificateGenerator::KeyType::Rsa) << "RSA" << 3072;
}

void TestCertificates::generate()
{
    QFETCH(int, type);
    QFETCH(QString, keyType);
    QFETCH(int, bits);
    QString error;
    const auto files =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType(type)), &error);
    QVERIFY2(files, qPrintable(error));
    QVERIFY(files->certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
    QVERIFY(files->privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----"));

    const auto info = CertificateInfo::fromData(files->certificatePem, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->keyType, keyType);
    QCOMPARE(info->keyBits, bits);
    QVERIFY(info->selfSigned);
    QCOMPARE(info->subject, QStringLiteral("CN=relay.office.example,O=RelayDesk"));
    QCOMPARE(info->issuer, info->subject);
    // Duplicates (case-insensitive) dropped, the CN first.
    QCOMPARE(info->subjectAltNames, (QStringList{"DNS:relay.office.example", "DNS:relay",
                                                 "IP:192.168.1.5", "IP:fd00::5"}));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(info->notBefore <= now);
    QVERIFY(info->notBefore > now.addSecs(-600));
    QVERIFY(qAbs(info->notAfter.secsTo(now.addDays(825))) < 600);

    // openssl agrees that the key and certificate form a valid pair and
    // that the certificate is fit for a TLS server under that name.
    QTemporaryDir dir;
    QVERIFY(files->write(dir.path(), false, &error));
    const QString cert = dir.filePath(QLatin1String(CertificateFiles::CertificateName));
    int code = 0;
    const QByteArray verify = openssl({"verify", "-CAfile", cert, "-purpose", "sslserver",
                                       "-verify_hostname", "relay.office.example", cert},
                                      {}, &code);
    QVERIFY2(code == 0, verify.constData());
    openssl({"verify", "-CAfile", cert, "-verify_ip", "192.168.1.5", cert}, {}, &code);
    QCOMPARE(code, 0);
    openssl({"verify", "-CAfile", cert, "-verify_hostname", "evil.example", cert}, {}, &code);
    QVERIFY(code != 0);
    const QByteArray text = openssl({"x509", "-in", cert, "-noout", "-text"});
    QVERIFY(text.contains("CA:FALSE"));
    QVERIFY(text.contains("TLS Web Server Authentication"));
    QVERIFY(text.contains("sha256With") || text.contains("ecdsa-with-SHA256"));
}

void TestCertificates::infoMatchesOpenssl()
{
    QString error;
    const auto files =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Ecdsa), &error);
    QVERIFY(files);
    const auto info = CertificateInfo::fromData(files->certificatePem, &error);
    QVERIFY(info);
    const QByteArray fingerprint =
        openssl({"x509", "-noout", "-fingerprint", "-sha256"}, files->certificatePem);
    // "sha256 Fingerprint=AB:CD:..." (the label differs between versions)
    QVERIFY2(fingerprint.trimmed().endsWith("=" + info->sha256Fingerprint.toLatin1()),
             fingerprint.constData());
    const QByteArray endDate =
        openssl({"x509", "-noout", "-enddate", "-dateopt", "iso_8601"}, files->certificatePem);
    QVERIFY2(
        endDate.contains(info->notAfter.toString(QStringLiteral("yyyy-MM-dd hh:mm:ss")).toLatin1()),
        endDate.constData());
    // DER is read too.
    QTemporaryDir dir;
    const QString pem = dir.filePath(QStringLiteral("c.pem"));
    const QString derPath = dir.filePath(QStringLiteral("c.der"));
    QVERIFY(writeFile(pem, files->certificatePem));
    openssl({"x509", "-in", pem, "-outform", "DER", "-out", derPath});
    const auto fromDer = CertificateInfo::fromFile(derPath, &error);
    QVERIFY2(fromDer, qPrintable(error));
    QCOMPARE(fromDer->sha256Fingerprint, info->sha256Fingerprint);
    QVERIFY(info->describe().contains(info->sha256Fingerprint));
}

void TestCertificates::expiresWithin()
{
    auto o = options(CertificateGenerator::KeyType::Ecdsa);
    o.validityDays = 20;
    QString error;
    const auto files = CertificateGenerator::generate(o, &error);
    QVERIFY(files);
    const auto info = CertificateInfo::fromData(files->certificatePem, &error);
    QVERIFY(info);
    QVERIFY(info->expiresWithin(30));
    QVERIFY(!info->expiresWithin(10));
    QVERIFY(info->expiresWithin(0, QDateTime::currentDateTimeUtc().addDays(21)));
    QVERIFY(CertificateInfo{}.expiresWithin(30)); // no date: treat as expired
}

void TestCertificates::encryptedKey()
{
    auto o = options(CertificateGenerator::KeyType::Ecdsa);
    o.passphrase = "correct horse";
    QString error;
    const auto files = CertificateGenerator::generate(o, &error);
    QVERIFY(files);
    QVERIFY(files->privateKeyPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(!files->privateKeyPem.contains("correct horse"));
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    QVERIFY(writeFile(key, files->privateKeyPem));
    int code = 0;
    openssl({"pkey", "-in", key, "-passin", "pass:correct horse", "-noout"}, {}, &code);
    QCOMPARE(code, 0);
    openssl({"pkey", "-in", key, "-passin", "pass:wrong", "-noout"}, {}, &code);
    QVERIFY(code != 0);
    // Decrypting again for a listener that needs a clear key.
    const QByteArray clear =
        CertificateFiles::encodeKey(files->privateKeyPem, "correct horse", {}, &error);
    QVERIFY2(clear.startsWith("-----BEGIN PRIVATE KEY-----"), qPrintable(error));
    QVERIFY(CertificateFiles::encodeKey(files->privateKeyPem, "wrong", {}, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("passphrase")));
}

void TestCertificates::writeFilesModes()
{
    QString error;
    const auto files =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Ecdsa), &error);
    QVERIFY(files);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("tls"));
    QVERIFY2(files->write(out, false, &error), qPrintable(error));
    const QFileInfo key(out + QStringLiteral("/relaydesk-key.pem"));
    const QFileInfo cert(out + QStringLiteral("/relaydesk-cert.pem"));
    QCOMPARE(key.permissions() & 0x0077, QFileDevice::Permissions{});
    QVERIFY(key.permissions() & QFile::ReadOwner);
    QVERIFY(cert.permissions() & QFile::ReadOther);
    // No silent overwrite.
    QVERIFY(!files->write(out, false, &error));
    QVERIFY(error.contains(QStringLiteral("exists")));
    QVERIFY(files->write(out, true, &error));
}

void TestCertificates::badOptions_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("days");
    QTest::newRow("too long") << "relay" << 826;
    QTest::newRow("zero days") << "relay" << 0;
    QTest::newRow("bad name") << "relay office" << 30;
    QTest::newRow("injection") << "a,IP:1.2.3.4" << 30;
}

void TestCertificates::badOptions()
{
    QFETCH(QString, name);
    QFETCH(int, days);
    auto o = options(CertificateGenerator::KeyType::Ecdsa);
    o.dnsNames = {name};
    o.validityDays = days;
    QString error;
    QVERIFY(!CertificateGenerator::generate(o, &error));
    QVERIFY(!error.isEmpty());
}

void TestCertificates::defaultOptionsHaveNoLoopback()
{
    const auto o = CertificateGenerator::defaultOptions();
    QVERIFY(!o.commonName.isEmpty());
    for (const QHostAddress& address : o.addresses) {
        QVERIFY(!address.isLoopback());
        QVERIFY(!address.isLinkLocal());
    }
    QString error;
    QVERIFY2(CertificateGenerator::generate(o, &error), qPrintable(error));
}

void TestCertificates::importPem()
{
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    const QString cert = dir.filePath(QStringLiteral("c.pem"));
    int code = 0;
    const QByteArray made =
        openssl({"req", "-x509", "-newkey", "rsa:2048", "-keyout", key, "-out", cert, "-days", "30",
                 "-subj", "/CN=imported.example", "-passout", "pass:pw1"},
                {}, &code);
    QVERIFY2(code == 0, made.constData());
    QFile c(cert), k(key);
    QVERIFY(c.open(QIODevice::ReadOnly) && k.open(QIODevice::ReadOnly));
    const QByteArray certPem = c.readAll(), keyPem = k.readAll();
    QString error;
    // Wrong passphrase, then right.
    QVERIFY(!CertificateImporter::fromPem(certPem, keyPem, "nope", {}, &error));
    QVERIFY(error.contains(QStringLiteral("passphrase")));
    const auto files = CertificateImporter::fromPem(certPem, keyPem, "pw1", {}, &error);
    QVERIFY2(files, qPrintable(error));
    QVERIFY(files->privateKeyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(CertificateInfo::fromData(files->certificatePem, &error)->subject,
             QStringLiteral("CN=imported.example"));
    // Key and certificate in one file, re-encrypted on the way.
    const auto combined = CertificateImporter::fromPem(certPem + keyPem, {}, "pw1", "new", &error);
    QVERIFY2(combined, qPrintable(error));
    QVERIFY(combined->privateKeyPem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
}

void TestCertificates::importPemMismatch()
{
    QString error;
    const auto a =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Ecdsa), &error);
    const auto b =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Ecdsa), &error);
    QVERIFY(a && b);
    QVERIFY(!CertificateImporter::fromPem(a->certificatePem, b->privateKeyPem, {}, {}, &error));
    QVERIFY(error.contains(QStringLiteral("does not belong")));
    QVERIFY(!CertificateImporter::fromPem("garbage", a->privateKeyPem, {}, {}, &error));
    QVERIFY(!CertificateImporter::fromPem(a->certificatePem, {}, {}, {}, &error)); // no key
}

void TestCertificates::importPkcs12()
{
    QString error;
    const auto made =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Rsa), &error);
    QVERIFY(made);
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("c.pem"));
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    const QString p12 = dir.filePath(QStringLiteral("b.p12"));
    QVERIFY(writeFile(cert, made->certificatePem) && writeFile(key, made->privateKeyPem));
    int code = 0;
    const QByteArray output = openssl({"pkcs12", "-export", "-in", cert, "-inkey", key, "-out", p12,
                                       "-passout", "pass:bundle-pw"},
                                      {}, &code);
    QVERIFY2(code == 0, output.constData());
    QFile file(p12);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto files = CertificateImporter::fromPkcs12(file.readAll(), "bundle-pw", {}, &error);
    QVERIFY2(files, qPrintable(error));
    QCOMPARE(files->certificatePem, made->certificatePem);
    QCOMPARE(CertificateFiles::encodeKey(files->privateKeyPem, {}, {}, &error),
             CertificateFiles::encodeKey(made->privateKeyPem, {}, {}, &error));
}

void TestCertificates::importPkcs12WrongPassword()
{
    QString error;
    QVERIFY(!CertificateImporter::fromPkcs12("not a bundle", "x", {}, &error));
    QVERIFY(error.contains(QStringLiteral("PKCS#12")));
    const auto made =
        CertificateGenerator::generate(options(CertificateGenerator::KeyType::Ecdsa), &error);
    QTemporaryDir dir;
    const QString cert = dir.filePath(QStringLiteral("c.pem"));
    const QString key = dir.filePath(QStringLiteral("k.pem"));
    const QString p12 = dir.filePath(QStringLiteral("b.p12"));
    QVERIFY(writeFile(cert, made->certificatePem) && writeFile(key, made->privateKeyPem));
    openssl({"pkcs12", "-export", "-in", cert, "-inkey", key, "-out", p12, "-passout", "pass:pw"});
    QFile file(p12);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!CertificateImporter::fromPkcs12(file.readAll(), "wrong", {}, &error));
    QVERIFY(error.contains(QStringLiteral("password")));
}

void TestCertificates::infoErrors()
{
    QString error;
    QVERIFY(!CertificateInfo::fromData("-----BEGIN CERTIFICATE-----\nAAAA\n", &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!CertificateInfo::fromFile(QStringLiteral("/nonexistent/cert.pem"), &error));
    QVERIFY(error.contains(QStringLiteral("/nonexistent/cert.pem")));
}

QTEST_GUILESS_MAIN(TestCertificates)
#include "TestCertificates.moc"
