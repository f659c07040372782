// The passphrase of a listener's encrypted TLS key goes through the same
// credential store as every other secret (issue 5): the INI file holds
// key-passphrase-ref, the core reads the passphrase at start, and a missing
// reference, a missing secret or a wrong passphrase stops the start with an
// error that says which and never shows the passphrase.
//
// Keys are made the two ways an admin makes them: `relaydeskd cert
// generate --encrypt` (PKCS#8, "ENCRYPTED PRIVATE KEY", through
// CertificateGenerator) and `openssl genrsa -aes256 -traditional`
// ("Proc-Type: 4,ENCRYPTED"). The relay is a real RelayService; the client
// does STARTTLS over loopback and sends a message.

#include "LiveRelay.h"
#include "SmtpTestClient.h"
#include "auth/FileCredentialStore.h"
#include "config/ConfigLoader.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"
#include "service/SecurityTypes.h"
#include "smtp/ServerTlsConfiguration.h"
#include "tls/CertificateGenerator.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Service::RelayService;
using Tests::freePort;
using State = Service::RelayStatus::State;

namespace {

constexpr int Timeout = 20000;
const QByteArray Passphrase = "correct horse battery staple 9";
const QString Reference = QStringLiteral("local:tls-key");

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

/// Stores `secret` under `name` in the data dir's local (0600) store, the
/// store behind local: references; an empty secret removes it.
bool storeLocal(const QString& dataDir, const QString& name, const QString& secret)
{
    Auth::FileCredentialStore store(Auth::FileCredentialStore::defaultPath(dataDir));
    bool done = false;
    bool ok = false;
    auto finish = [&](const Auth::CredentialResult& r) {
        ok = r.ok() || r.status == Auth::CredentialResult::Status::NotFound;
        done = true;
    };
    if (secret.isEmpty())
        store.remove(name, finish);
    else
        store.write(name, secret, finish);
    return QTest::qWaitFor([&] { return done; }, Timeout) && ok;
}

bool runOpenssl(const QStringList& arguments)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), arguments);
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 openssl.readAllStandardError().constData());
        return false;
    }
    return true;
}

} // namespace

class TestKeyPassphrase final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsEncryptedKeys_data();
    void loadsEncryptedKeys();
    void refusesWithoutTheRightPassphrase_data();
    void refusesWithoutTheRightPassphrase();
    void relayReadsThePassphraseFromTheStore();
    void relayStartFailsClearly_data();
    void relayStartFailsClearly();
    void settingsAppliedWhileReadingSecretsWin();
    void referenceReachesTheCoreFromTheIni();

private:
    Smtp::ListenerSettings listener(const QString& keyFile, const QByteArray& passphrase) const;
    Service::CoreSettings coreSettings(const QString& dataDir, const QString& keyFile,
                                       bool withReference) const;

    QTemporaryDir m_dir;
    QString m_cert;      ///< for the PKCS#8 key
    QString m_pkcs8Key;  ///< "BEGIN ENCRYPTED PRIVATE KEY" (ECDSA P-256)
    QString m_clearKey;  ///< the same key in the clear
    QString m_rsaCert;   ///< for the traditional key
    QString m_legacyKey; ///< "Proc-Type: 4,ENCRYPTED" (RSA, AES-256-CBC)
};

void TestKeyPassphrase::initTestCase()
{
    QVERIFY(m_dir.isValid());
    Tls::CertificateGenerator::Options options;
    options.commonName = QStringLiteral("localhost");
    options.addresses = {QHostAddress::LocalHost};
    options.passphrase = Passphrase;
    QString error;
    const auto files = Tls::CertificateGenerator::generate(options, &error);
    QVERIFY2(files, qPrintable(error));
    QVERIFY2(files->privateKeyPem.contains("BEGIN ENCRYPTED PRIVATE KEY"),
             files->privateKeyPem.left(40).constData());
    m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
    m_pkcs8Key = m_dir.filePath(QStringLiteral("pkcs8.key"));
    m_clearKey = m_dir.filePath(QStringLiteral("clear.key"));
    QVERIFY(writeFile(m_cert, files->certificatePem));
    QVERIFY(writeFile(m_pkcs8Key, files->privateKeyPem));
    QVERIFY(runOpenssl({QStringLiteral("pkey"), QStringLiteral("-in"), m_pkcs8Key,
                        QStringLiteral("-passin"), QStringLiteral("pass:") + Passphrase,
                        QStringLiteral("-out"), m_clearKey}));

    m_legacyKey = m_dir.filePath(QStringLiteral("legacy.key"));
    m_rsaCert = m_dir.filePath(QStringLiteral("rsa.pem"));
    QVERIFY(runOpenssl({QStringLiteral("genrsa"), QStringLiteral("-traditional"),
                        QStringLiteral("-aes256"), QStringLiteral("-passout"),
                        QStringLiteral("pass:") + Passphrase, QStringLiteral("-out"), m_legacyKey,
                        QStringLiteral("2048")}));
    QFile legacy(m_legacyKey);
    QVERIFY(legacy.open(QIODevice::ReadOnly));
    QVERIFY(legacy.readAll().contains("Proc-Type: 4,ENCRYPTED"));
    QVERIFY(runOpenssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-x509"),
                        QStringLiteral("-key"), m_legacyKey, QStringLiteral("-passin"),
                        QStringLiteral("pass:") + Passphrase, QStringLiteral("-subj"),
                        QStringLiteral("/CN=localhost"), QStringLiteral("-days"),
                        QStringLiteral("2"), QStringLiteral("-out"), m_rsaCert}));
}

Smtp::ListenerSettings TestKeyPassphrase::listener(const QString& keyFile,
                                                   const QByteArray& passphrase) const
{
    Smtp::ListenerSettings settings;
    settings.name = QStringLiteral("lan");
    settings.certificateFile = keyFile == m_legacyKey ? m_rsaCert : m_cert;
    settings.privateKeyFile = keyFile;
    settings.keyPassphrase = passphrase;
    return settings;
}

void TestKeyPassphrase::loadsEncryptedKeys_data()
{
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::newRow("PKCS#8 (cert generate --encrypt)") << m_pkcs8Key << Passphrase;
    QTest::newRow("traditional (openssl genrsa -aes256)") << m_legacyKey << Passphrase;
    // A passphrase configured for a key in the clear does no harm.
    QTest::newRow("clear key, passphrase set") << m_clearKey << Passphrase;
    QTest::newRow("clear key") << m_clearKey << QByteArray();
}

void TestKeyPassphrase::loadsEncryptedKeys()
{
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QString error;
    const auto configuration =
        Smtp::ServerTlsConfiguration::load(listener(keyFile, passphrase), &error);
    QVERIFY2(configuration, qPrintable(error));
    QVERIFY(!configuration->privateKey().isNull());
    QVERIFY(Smtp::ServerTlsConfiguration::keyMatchesCertificate(configuration->localCertificate(),
                                                                configuration->privateKey()));
}

void TestKeyPassphrase::refusesWithoutTheRightPassphrase_data()
{
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QString>("expected");
    const QString missing = QStringLiteral("is encrypted and no passphrase is configured");
    const QString wrong = QStringLiteral("with the passphrase from key-passphrase-ref: wrong");
    QTest::newRow("PKCS#8, none") << m_pkcs8Key << QByteArray() << missing;
    QTest::newRow("PKCS#8, wrong") << m_pkcs8Key << QByteArray("Tr0ub4dor&3") << wrong;
    QTest::newRow("traditional, none") << m_legacyKey << QByteArray() << missing;
    QTest::newRow("traditional, wrong") << m_legacyKey << QByteArray("Tr0ub4dor&3") << wrong;
}

void TestKeyPassphrase::refusesWithoutTheRightPassphrase()
{
    QFETCH(QString, keyFile);
    QFETCH(QByteArray, passphrase);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!Smtp::ServerTlsConfiguration::load(listener(keyFile, passphrase), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(keyFile), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("Tr0ub4dor")), qPrintable(error));
}

Service::CoreSettings TestKeyPassphrase::coreSettings(const QString& dataDir,
                                                      const QString& keyFile,
                                                      bool withReference) const
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings l = listener(keyFile, {});
    l.address = QHostAddress::LocalHost;
    l.port = freePort();
    settings.listeners = {l};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.0")), 8}};
    settings.statusIntervalMs = 50;
    if (withReference)
        settings.keyPassphraseRefs.insert(l.name,
                                          *Config::CredentialReference::parse(Reference, nullptr));
    return settings;
}

void TestKeyPassphrase::relayReadsThePassphraseFromTheStore()
{
    QTemporaryDir data;
    QVERIFY(data.isValid());
    QVERIFY(storeLocal(data.path(), QStringLiteral("tls-key"), QString::fromUtf8(Passphrase)));
    const Service::CoreSettings settings = coreSettings(data.path(), m_pkcs8Key, true);
    RelayService relay(settings);
    QCOMPARE(Tests::startAndWait(relay, Timeout), State::Running);

    // A real handshake with the decrypted key, then mail over it.
    Tests::SmtpClient client;
    QVERIFY(client.open(settings.listeners.first().port));
    QVERIFY(client.startTls());
    QVERIFY(client.socket.isEncrypted());
    QCOMPARE(client.socket.peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0),
             QStringLiteral("localhost"));
    QVERIFY(client.message("scanner@office.test", {"someone@example.test"}).startsWith("250"));

    // The Credentials tab lists the reference with the listener using it.
    QSignalSpy listed(&relay, &RelayService::credentialsReady);
    relay.requestCredentials();
    QVERIFY(listed.wait(Timeout));
    const auto credentials = listed.at(0).at(0).value<QVector<Service::CredentialInfo>>();
    QCOMPARE(credentials.size(), 1);
    QCOMPARE(credentials.first().reference, Reference);
    QCOMPARE(credentials.first().keyOf, QStringList{QStringLiteral("lan")});
    QVERIFY(credentials.first().usedBy.isEmpty());
    QVERIFY(credentials.first().stored);

    QSignalSpy stopped(&relay, &RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(Timeout));
}

void TestKeyPassphrase::relayStartFailsClearly_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<bool>("withReference");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no reference") << QString() << false
                                  << QStringLiteral("is encrypted and no passphrase is configured");
    QTest::newRow("no secret under the reference")
        << QString() << true
        << QStringLiteral("TLS key passphrase of listener lan (local:tls-key)");
    QTest::newRow("wrong passphrase")
        << QStringLiteral("Tr0ub4dor&3") << true << QStringLiteral("listener lan");
}

void TestKeyPassphrase::relayStartFailsClearly()
{
    QFETCH(QString, stored);
    QFETCH(bool, withReference);
    QFETCH(QString, expected);
    QTemporaryDir data;
    QVERIFY(data.isValid());
    if (!stored.isEmpty())
        QVERIFY(storeLocal(data.path(), QStringLiteral("tls-key"), stored));
    const Service::CoreSettings settings = coreSettings(data.path(), m_pkcs8Key, withReference);
    RelayService relay(settings);
    QCOMPARE(Tests::startAndWait(relay, Timeout), State::Failed);
    const QString error = relay.lastStatus().error;
    QVERIFY2(error.contains(expected), qPrintable(error));
    if (!stored.isEmpty())
        QVERIFY2(error.contains(QLatin1String("wrong passphrase")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("Tr0ub4dor")), qPrintable(error));
    // Nothing listens: the start stopped before any port was opened.
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, settings.listeners.first().port);
    QVERIFY(!probe.waitForConnected(1000));

    // Storing the right passphrase and starting again is the fix.
    QVERIFY(storeLocal(data.path(), QStringLiteral("tls-key"), QString::fromUtf8(Passphrase)));
    if (withReference) {
        relay.start();
        // The last status is still the failure until the new start reports.
        QTRY_VERIFY2_WITH_TIMEOUT(relay.lastStatus().state == State::Running,
                                  qPrintable(relay.lastStatus().error), Timeout);
        QSignalSpy stopped(&relay, &RelayService::stopped);
        relay.stop();
        QVERIFY(stopped.wait(Timeout));
    }
}

void TestKeyPassphrase::settingsAppliedWhileReadingSecretsWin()
{
    // Settings applied while the start still reads the passphrase (both
    // requests are queued before the store answers): the start reads the
    // new settings' secrets and opens their listener, not the old one.
    QTemporaryDir data;
    QVERIFY(data.isValid());
    QVERIFY(storeLocal(data.path(), QStringLiteral("tls-key"), QString::fromUtf8(Passphrase)));
    const Service::CoreSettings first = coreSettings(data.path(), m_pkcs8Key, true);
    const Service::CoreSettings second = coreSettings(data.path(), m_legacyKey, true);
    RelayService relay(first);
    QSignalSpy applied(&relay, &RelayService::actionDone);
    relay.start();
    relay.applySettings(second);
    QTRY_VERIFY2_WITH_TIMEOUT(relay.lastStatus().state == State::Running,
                              qPrintable(relay.lastStatus().error), Timeout);
    QCOMPARE(applied.count(), 1);
    Tests::SmtpClient client;
    QVERIFY(client.open(second.listeners.first().port));
    QVERIFY(client.startTls());
    QCOMPARE(client.socket.peerCertificate(), QSslCertificate::fromPath(m_rsaCert).value(0));
    QTcpSocket old;
    old.connectToHost(QHostAddress::LocalHost, first.listeners.first().port);
    QVERIFY(!old.waitForConnected(1000));
    QSignalSpy stopped(&relay, &RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(Timeout));
}

void TestKeyPassphrase::referenceReachesTheCoreFromTheIni()
{
    const QString ini = m_dir.filePath(QStringLiteral("relay.ini"));
    QVERIFY(writeFile(ini, QStringLiteral("[tls]\ncert-file = %1\nkey-file = %2\n"
                                          "key-passphrase-ref = %3\n"
                                          "[listener.lan]\nport = 2525\n")
                               .arg(m_cert, m_pkcs8Key, Reference)
                               .toUtf8()));
    QString error;
    const auto config = Config::ConfigLoader::load(ini, &error);
    QVERIFY2(config, qPrintable(error));
    const Service::CoreSettings settings = Service::coreSettingsFromConfig(*config);
    QCOMPARE(settings.keyPassphraseRefs.value(QStringLiteral("lan")).toString(), Reference);
    // Only the reference: the passphrase itself is read at start.
    QVERIFY(settings.listeners.first().keyPassphrase.isEmpty());
}

QTEST_MAIN(TestKeyPassphrase)
#include "TestKeyPassphrase.moc"
