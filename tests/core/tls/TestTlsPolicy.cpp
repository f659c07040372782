#include "core/smtp/TestSessionHost.h"
#include "smtp/Listener.h"
#include "tls/CertificateGenerator.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk;
using Smtp::Testing::TestSessionHost;

namespace {
// The client side gets security level 0, so that it can offer what the
// server must refuse (Debian's openssl.cnf would stop the client itself).
const QString kAnyCipher = QStringLiteral("ALL:@SECLEVEL=0");
} // namespace

/// The listener's TLS policy as a real client sees it: `openssl s_client`
/// against an implicit-TLS listener on loopback. A legacy listener is the
/// control: the same client commands succeed there, so a refusal on the
/// default listener is the server's doing.
class TestTlsPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void handshake_data();
    void handshake();

private:
    /// Runs s_client without blocking the event loop the listener needs.
    bool connects(quint16 port, const QStringList& options, QByteArray* output);
    Smtp::Listener* listener(QSsl::SslProtocol minimum);

    QTemporaryDir m_dir;
    TestSessionHost m_host;
    Smtp::Listener* m_default = nullptr;
    Smtp::Listener* m_legacy = nullptr;
};

Smtp::Listener* TestTlsPolicy::listener(QSsl::SslProtocol minimum)
{
    Smtp::ListenerSettings settings;
    settings.name = QStringLiteral("tls-policy");
    settings.address = QHostAddress::LocalHost;
    settings.port = 0;
    settings.mode = Smtp::ListenerSettings::Mode::ImplicitTls;
    settings.certificateFile = m_dir.filePath(QStringLiteral("relaydesk-cert.pem"));
    settings.privateKeyFile = m_dir.filePath(QStringLiteral("relaydesk-key.pem"));
    settings.minimumTls = minimum;
    auto* listener = new Smtp::Listener(settings, Smtp::ServerLimits{}, &m_host, this);
    QString error;
    if (!listener->listen(&error)) {
        qWarning("listen: %s", qPrintable(error));
        return nullptr;
    }
    return listener;
}

void TestTlsPolicy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // RSA: the weak suites under test (AES128-SHA: RSA key exchange) need
    // an RSA certificate to be negotiable at all.
    Tls::CertificateGenerator::Options o;
    o.keyType = Tls::CertificateGenerator::KeyType::Rsa;
    o.commonName = QStringLiteral("localhost");
    o.addresses = {QHostAddress::LocalHost};
    QString error;
    const auto files = Tls::CertificateGenerator::generate(o, &error);
    QVERIFY2(files, qPrintable(error));
    QVERIFY2(files->write(m_dir.path(), true, &error), qPrintable(error));
    m_default = listener(QSsl::TlsV1_2OrLater);
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    m_legacy = listener(QSsl::TlsV1_1OrLater);
    QT_WARNING_POP
    QVERIFY(m_default && m_legacy);
}

bool TestTlsPolicy::connects(quint16 port, const QStringList& options, QByteArray* output)
{
    QProcess client;
    client.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy finished(&client, &QProcess::finished);
    client.start(QStringLiteral("openssl"),
                 QStringList{"s_client", "-connect", QStringLiteral("127.0.0.1:%1").arg(port),
                             "-servername", "localhost"} +
                     options);
    client.closeWriteChannel(); // EOF: s_client quits after the handshake
    if (!finished.wait(30000)) {
        client.kill();
        client.waitForFinished();
        *output = "s_client timed out";
        return false;
    }
    *output = client.readAll();
    return client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0 &&
           output->contains("Cipher is") && !output->contains("Cipher is (NONE)");
}

void TestTlsPolicy::handshake_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("onDefault");
    QTest::addColumn<bool>("onLegacy");
    QTest::newRow("TLS 1.3") << QStringList{"-tls1_3"} << true << true;
    QTest::newRow("TLS 1.2 ECDHE AES-GCM")
        << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"} << true << true;
    QTest::newRow("TLS 1.2 ECDHE ChaCha20")
        << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305"} << true << true;
    QTest::newRow("TLS 1.1") << QStringList{"-tls1_1", "-cipher", kAnyCipher} << false << true;
    QTest::newRow("TLS 1.0") << QStringList{"-tls1", "-cipher", kAnyCipher} << false << false;
    QTest::newRow("TLS 1.2 RSA key exchange CBC")
        << QStringList{"-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0"} << false << true;
    QTest::newRow("TLS 1.2 RSA key exchange GCM (no forward secrecy)")
        << QStringList{"-tls1_2", "-cipher", "AES256-GCM-SHA384:@SECLEVEL=0"} << false << true;
    QTest::newRow("TLS 1.2 ECDHE CBC (no AEAD)")
        << QStringList{"-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0"} << false << true;
    QTest::newRow("TLS 1.2 3DES") << QStringList{"-tls1_2", "-cipher", "DES-CBC3-SHA:@SECLEVEL=0"}
                                  << false << false;
}

void TestTlsPolicy::handshake()
{
    QFETCH(QStringList, options);
    QFETCH(bool, onDefault);
    QFETCH(bool, onLegacy);
    QByteArray output;
    QVERIFY2(connects(m_default->serverPort(), options, &output) == onDefault, output.constData());
    QVERIFY2(connects(m_legacy->serverPort(), options, &output) == onLegacy, output.constData());
}

QTEST_GUILESS_MAIN(TestTlsPolicy)
#include "TestTlsPolicy.moc"
