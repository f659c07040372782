#include "AwaitCredential.h"
#include "auth/CredentialResolver.h"
#include "auth/FileCredentialStore.h"
#include "auth/KeychainCredentialStore.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Auth::Testing::AwaitCredential;
using RelayDesk::Config::CredentialReference;
using Scheme = CredentialReference::Scheme;
using Status = CredentialResult::Status;

/// password-ref = keychain:/local:/systemd:/file: resolved through the right store.
class TestCredentialResolver final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void stores();
    void local();
    void file();
    void fileRefused();
    void systemd();
    void none();

private:
    AwaitCredential resolve(CredentialResolver& resolver, const CredentialReference& reference);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCredentialResolver::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

AwaitCredential TestCredentialResolver::resolve(CredentialResolver& resolver,
                                                const CredentialReference& reference)
{
    return AwaitCredential::run(
        [&](CredentialStore::Callback done) { resolver.resolve(reference, done); });
}

void TestCredentialResolver::stores()
{
    CredentialResolver resolver(m_dir->path());
    auto* local = qobject_cast<FileCredentialStore*>(resolver.storeFor(Scheme::Local));
    QVERIFY(local);
    QCOMPARE(local->filePath(), m_dir->filePath(QStringLiteral("credentials")));
    QCOMPARE(resolver.storeFor(Scheme::Local), local); // one instance
    auto* keychain = qobject_cast<KeychainCredentialStore*>(resolver.storeFor(Scheme::Keychain));
    QVERIFY(keychain);
    QCOMPARE(keychain->service(), QStringLiteral("RelayDesk"));
    QCOMPARE(resolver.storeFor(Scheme::File), nullptr);
    QCOMPARE(resolver.storeFor(Scheme::Systemd), nullptr); // set in the unit, read-only here
    QCOMPARE(resolver.storeFor(Scheme::None), nullptr);
}

void TestCredentialResolver::local()
{
    CredentialResolver resolver(m_dir->path());
    const CredentialReference reference{Scheme::Local, QStringLiteral("smarthost")};
    QCOMPARE(resolve(resolver, reference).result->status, Status::NotFound);
    const auto written = AwaitCredential::run([&](CredentialStore::Callback done) {
        resolver.storeFor(Scheme::Local)->write(QStringLiteral("smarthost"), "s3cret", done);
    });
    QVERIFY(written.result && written.result->ok());
    const auto outcome = resolve(resolver, reference);
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QCOMPARE(outcome.result->secret, QStringLiteral("s3cret"));
}

void TestCredentialResolver::file()
{
    const QString path = m_dir->filePath(QStringLiteral("password"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write("from-file\n");
    file.close();
    CredentialResolver resolver(m_dir->path());
    const auto outcome = resolve(resolver, {Scheme::File, path});
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QCOMPARE(outcome.result->secret, QStringLiteral("from-file"));
}

void TestCredentialResolver::fileRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("password"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hunter2\n");
    file.close();
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadOther));
    CredentialResolver resolver(m_dir->path());
    auto outcome = resolve(resolver, {Scheme::File, path});
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(QLatin1String("chmod 600")),
             qPrintable(outcome.result->error));
    QVERIFY(!outcome.result->error.contains(QLatin1String("hunter2")));
    outcome = resolve(resolver, {Scheme::File, m_dir->filePath(QStringLiteral("missing"))});
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(QLatin1String("no such file")),
             qPrintable(outcome.result->error));
}

void TestCredentialResolver::systemd()
{
    // What systemd's LoadCredential= leaves for the service: a directory
    // named by CREDENTIALS_DIRECTORY with one 0400 file per credential.
    const QByteArray saved = qgetenv("CREDENTIALS_DIRECTORY");
    const auto restore = qScopeGuard([&saved] {
        if (saved.isNull())
            qunsetenv("CREDENTIALS_DIRECTORY");
        else
            qputenv("CREDENTIALS_DIRECTORY", saved);
    });
    const QString directory = m_dir->filePath(QStringLiteral("creds"));
    QVERIFY(QDir().mkpath(directory));
    const QString path = directory + QStringLiteral("/smarthost");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from-systemd\n");
    file.close();
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
    const CredentialReference reference{Scheme::Systemd, QStringLiteral("smarthost")};
    CredentialResolver resolver(m_dir->path());

    qunsetenv("CREDENTIALS_DIRECTORY");
    auto outcome = resolve(resolver, reference);
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(QLatin1String("CREDENTIALS_DIRECTORY is not set")),
             qPrintable(outcome.result->error));
    QVERIFY2(outcome.result->error.contains(QLatin1String("LoadCredential=smarthost:")),
             qPrintable(outcome.result->error));

    qputenv("CREDENTIALS_DIRECTORY", QFile::encodeName(directory));
    outcome = resolve(resolver, reference);
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QCOMPARE(outcome.result->secret, QStringLiteral("from-systemd"));
    // A credential the unit does not load: named, with where it was looked for.
    outcome = resolve(resolver, {Scheme::Systemd, QStringLiteral("other")});
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(directory + QStringLiteral("/other")),
             qPrintable(outcome.result->error));
}

void TestCredentialResolver::none()
{
    CredentialResolver resolver(m_dir->path());
    const auto outcome = resolve(resolver, {});
    QVERIFY(!outcome.calledSynchronously);
    QCOMPARE(outcome.result->status, Status::Failed);
    QCOMPARE(outcome.result->error, QStringLiteral("no credential reference configured"));
}

QTEST_GUILESS_MAIN(TestCredentialResolver)
#include "TestCredentialResolver.moc"
