#include "AwaitCredential.h"
#include "auth/FileCredentialStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace RelayDesk::Auth;
using RelayDesk::Auth::Testing::AwaitCredential;
using Status = CredentialResult::Status;

/// Secrets in a private file for servers without a Secret Service.
class TestFileCredentialStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void writeReadRemove();
    void fileIsPrivateAndHoldsNoPlainSecret();
    void persistsAcrossInstances();
    void readMissingFileIsNotFound();
    void refusesFileOpenToOthers();
    void refusesFileOfAnotherUser();
    void malformedFile();
    void invalidName_data();
    void invalidName();
    void noCallbackAfterDestruction();

private:
    AwaitCredential read(CredentialStore& store, const QString& name);
    AwaitCredential write(CredentialStore& store, const QString& name, const QString& secret);
    AwaitCredential remove(CredentialStore& store, const QString& name);
    QString path() const { return FileCredentialStore::defaultPath(m_dir->path()); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFileCredentialStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

AwaitCredential TestFileCredentialStore::read(CredentialStore& store, const QString& name)
{
    return AwaitCredential::run([&](CredentialStore::Callback done) { store.read(name, done); });
}

AwaitCredential TestFileCredentialStore::write(CredentialStore& store, const QString& name,
                                               const QString& secret)
{
    return AwaitCredential::run(
        [&](CredentialStore::Callback done) { store.write(name, secret, done); });
}

AwaitCredential TestFileCredentialStore::remove(CredentialStore& store, const QString& name)
{
    return AwaitCredential::run([&](CredentialStore::Callback done) { store.remove(name, done); });
}

void TestFileCredentialStore::writeReadRemove()
{
    FileCredentialStore store(path());
    QCOMPARE(store.filePath(), m_dir->filePath(QStringLiteral("credentials")));

    auto outcome = read(store, QStringLiteral("smarthost"));
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QCOMPARE(outcome.result->status, Status::NotFound);
    QVERIFY2(outcome.result->error.contains(QLatin1String("no credential \"smarthost\"")),
             qPrintable(outcome.result->error));

    const QString secret = QString::fromUtf8("p@ss:wörd\nwith newline");
    outcome = write(store, QStringLiteral("smarthost"), secret);
    QVERIFY(outcome.result);
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY2(outcome.result->ok(), qPrintable(outcome.result->error));
    QVERIFY(write(store, QStringLiteral("other"), QStringLiteral("x")).result->ok());

    outcome = read(store, QStringLiteral("smarthost"));
    QVERIFY(outcome.result && outcome.result->ok());
    QCOMPARE(outcome.result->secret, secret);

    QVERIFY(write(store, QStringLiteral("smarthost"), QStringLiteral("replaced")).result->ok());
    QCOMPARE(read(store, QStringLiteral("smarthost")).result->secret, QStringLiteral("replaced"));

    outcome = remove(store, QStringLiteral("smarthost"));
    QVERIFY(!outcome.calledSynchronously);
    QVERIFY(outcome.result && outcome.result->ok());
    QCOMPARE(read(store, QStringLiteral("smarthost")).result->status, Status::NotFound);
    QCOMPARE(read(store, QStringLiteral("other")).result->secret, QStringLiteral("x"));
    // Removing what is not there succeeds, as with the keychain.
    QVERIFY(remove(store, QStringLiteral("smarthost")).result->ok());
}

void TestFileCredentialStore::fileIsPrivateAndHoldsNoPlainSecret()
{
    FileCredentialStore store(path());
    QVERIFY(write(store, QStringLiteral("smarthost"), QStringLiteral("hunter2")).result->ok());
    QCOMPARE(QFile::permissions(path()), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                             QFileDevice::ReadUser | QFileDevice::WriteUser);
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QCOMPARE(content, QByteArray("smarthost:") + QByteArray("hunter2").toBase64() + '\n');
}

void TestFileCredentialStore::persistsAcrossInstances()
{
    {
        FileCredentialStore store(path());
        QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("secret-a")).result->ok());
    }
    FileCredentialStore reopened(path());
    const auto outcome = read(reopened, QStringLiteral("a"));
    QVERIFY(outcome.result && outcome.result->ok());
    QCOMPARE(outcome.result->secret, QStringLiteral("secret-a"));
}

void TestFileCredentialStore::readMissingFileIsNotFound()
{
    FileCredentialStore store(m_dir->filePath(QStringLiteral("sub/dir/credentials")));
    QCOMPARE(read(store, QStringLiteral("a")).result->status, Status::NotFound);
    // Writing creates the directories.
    QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("s")).result->ok());
    QCOMPARE(read(store, QStringLiteral("a")).result->secret, QStringLiteral("s"));
}

void TestFileCredentialStore::refusesFileOpenToOthers()
{
    FileCredentialStore store(path());
    QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("hunter2")).result->ok());
    QVERIFY(QFile::setPermissions(path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ReadGroup));
    for (const auto& outcome :
         {read(store, QStringLiteral("a")), write(store, QStringLiteral("b"), QStringLiteral("x")),
          remove(store, QStringLiteral("a"))}) {
        QVERIFY(outcome.result);
        QCOMPARE(outcome.result->status, Status::Unavailable);
        QVERIFY(outcome.result->secret.isEmpty());
        QVERIFY2(
            outcome.result->error.contains(path() + QLatin1String(": accessible by group or others "
                                                                  "(mode 0640)")),
            qPrintable(outcome.result->error));
        QVERIFY2(outcome.result->error.contains(QLatin1String("chmod 600")),
                 qPrintable(outcome.result->error));
    }
    // Nothing was changed behind the admin's back.
    QCOMPARE(QFile::permissions(path()) & QFileDevice::ReadGroup, QFileDevice::ReadGroup);
}

void TestFileCredentialStore::refusesFileOfAnotherUser()
{
    if (::geteuid() != 0)
        QSKIP("changing a file's owner needs root");
    FileCredentialStore store(path());
    QVERIFY(write(store, QStringLiteral("a"), QStringLiteral("s")).result->ok());
    QCOMPARE(::chown(QFile::encodeName(path()).constData(), 65534, 65534), 0);
    const auto outcome = read(store, QStringLiteral("a"));
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(QLatin1String("owned by uid 65534")),
             qPrintable(outcome.result->error));
}

void TestFileCredentialStore::malformedFile()
{
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write("a:" + QByteArray("ok").toBase64() + "\nhunter2 in plain text\n");
    file.close();
    FileCredentialStore store(path());
    const auto outcome = read(store, QStringLiteral("a"));
    QCOMPARE(outcome.result->status, Status::Unavailable);
    QVERIFY2(outcome.result->error.contains(path() + QLatin1String(":2: malformed entry")),
             qPrintable(outcome.result->error));
    QVERIFY(!outcome.result->error.contains(QLatin1String("hunter2")));
}

void TestFileCredentialStore::invalidName_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("colon") << "a:b";
    QTest::newRow("blank") << "a b";
    QTest::newRow("too long") << QString(65, QLatin1Char('n'));
}

void TestFileCredentialStore::invalidName()
{
    QFETCH(QString, name);
    FileCredentialStore store(path());
    for (const auto& outcome :
         {read(store, name), write(store, name, QStringLiteral("x")), remove(store, name)}) {
        QVERIFY(outcome.result);
        QVERIFY(!outcome.calledSynchronously);
        QCOMPARE(outcome.result->status, Status::Failed);
        QVERIFY2(outcome.result->error.contains(QLatin1String("invalid credential name")),
                 qPrintable(outcome.result->error));
    }
    QVERIFY(!QFile::exists(path()));
}

void TestFileCredentialStore::noCallbackAfterDestruction()
{
    bool called = false;
    auto* store = new FileCredentialStore(path());
    store->read(QStringLiteral("a"), [&called](const CredentialResult&) { called = true; });
    delete store;
    // A later, unrelated request completing proves the queue was processed.
    FileCredentialStore other(path());
    QVERIFY(read(other, QStringLiteral("a")).result);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestFileCredentialStore)
#include "TestFileCredentialStore.moc"
