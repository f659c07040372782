#include "auth/AccountStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Auth;

namespace {
// Cheap parameters keep the suite fast; the hasher's own test covers the
// default cost.
const PasswordHasher::Parameters kFast{10, 8, 1};
} // namespace

/// Local SMTP AUTH accounts in <dataDir>/accounts.
class TestAccountStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void missingFileMeansNoAccounts();
    void addListVerifyRemove();
    void fileIsPrivateAndReadable();
    void persistsAcrossInstances();
    void seesChangesOfOtherInstances();
    void runningRelaySeesChangesWithoutReload();
    void brokenFileKeepsTheAccountsReadBefore();
    void setPassword();
    void addErrors_data();
    void addErrors();
    void removeUnknown();
    void refusesFileOpenToOthers();
    void malformedFile_data();
    void malformedFile();
    void unknownUserCostsHashingTime();

private:
    QString dataDir() const { return m_dir->path(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAccountStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAccountStore::missingFileMeansNoAccounts()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.reload(&error), qPrintable(error));
    QVERIFY(store.list().isEmpty());
    QVERIFY(!store.verify(QStringLiteral("anyone"), QStringLiteral("pw")));
    QVERIFY(!QFile::exists(store.filePath()));
}

void TestAccountStore::addListVerifyRemove()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.add(QStringLiteral("scanner"), QStringLiteral("pw1"), &error),
             qPrintable(error));
    QVERIFY2(store.add(QStringLiteral("printer@lan"), QStringLiteral("pw2"), &error),
             qPrintable(error));
    QCOMPARE(store.list(), (QStringList{"printer@lan", "scanner"}));
    QVERIFY(store.contains(QStringLiteral("scanner")));
    QVERIFY(store.verify(QStringLiteral("scanner"), QStringLiteral("pw1")));
    QVERIFY(store.verify(QStringLiteral("printer@lan"), QStringLiteral("pw2")));
    QVERIFY(!store.verify(QStringLiteral("scanner"), QStringLiteral("pw2")));
    QVERIFY(!store.verify(QStringLiteral("Scanner"), QStringLiteral("pw1")));
    QVERIFY2(store.remove(QStringLiteral("scanner"), &error), qPrintable(error));
    QCOMPARE(store.list(), QStringList{"printer@lan"});
    QVERIFY(!store.verify(QStringLiteral("scanner"), QStringLiteral("pw1")));
}

void TestAccountStore::fileIsPrivateAndReadable()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.add(QStringLiteral("scanner"), QStringLiteral("pw1"), &error),
             qPrintable(error));
    QCOMPARE(store.filePath(), m_dir->filePath(QStringLiteral("accounts")));
    QCOMPARE(QFile::permissions(store.filePath()),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                 QFileDevice::WriteUser);
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.startsWith("scanner:$scrypt$ln=10,r=8,p=1$"), content.constData());
    QVERIFY(!content.contains("pw1"));
    QVERIFY(content.endsWith('\n'));
}

void TestAccountStore::persistsAcrossInstances()
{
    QString error;
    {
        AccountStore store(dataDir(), kFast);
        QVERIFY2(store.add(QStringLiteral("a"), QStringLiteral("pa"), &error), qPrintable(error));
        QVERIFY2(store.add(QStringLiteral("b"), QStringLiteral("pb"), &error), qPrintable(error));
    }
    AccountStore reopened(dataDir(), kFast);
    QVERIFY2(reopened.reload(&error), qPrintable(error));
    QCOMPARE(reopened.list(), (QStringList{"a", "b"}));
    QVERIFY(reopened.verify(QStringLiteral("a"), QStringLiteral("pa")));
    QVERIFY(reopened.verify(QStringLiteral("b"), QStringLiteral("pb")));
}

void TestAccountStore::seesChangesOfOtherInstances()
{
    // The daemon keeps its store while `relaydeskd user add` runs in
    // another process: add() must not drop accounts it has not seen yet.
    AccountStore daemon(dataDir(), kFast);
    AccountStore cli(dataDir(), kFast);
    QString error;
    QVERIFY2(daemon.add(QStringLiteral("a"), QStringLiteral("pa"), &error), qPrintable(error));
    QVERIFY2(cli.add(QStringLiteral("b"), QStringLiteral("pb"), &error), qPrintable(error));
    QVERIFY2(daemon.add(QStringLiteral("c"), QStringLiteral("pc"), &error), qPrintable(error));
    QCOMPARE(daemon.list(), (QStringList{"a", "b", "c"}));
    QVERIFY2(cli.remove(QStringLiteral("a"), &error), qPrintable(error));
    QVERIFY(!daemon.verify(QStringLiteral("a"), QStringLiteral("pa")));
}

void TestAccountStore::runningRelaySeesChangesWithoutReload()
{
    // The relay loads once at start and then only calls verify(), while the
    // admin runs `relaydeskd user add/delete` in another process.
    AccountStore daemon(dataDir(), kFast);
    AccountStore cli(dataDir(), kFast);
    QString error;
    QVERIFY2(daemon.reload(&error), qPrintable(error));
    QVERIFY(!daemon.verify(QStringLiteral("printer"), QStringLiteral("pw1")));

    QVERIFY2(cli.add(QStringLiteral("printer"), QStringLiteral("pw1"), &error), qPrintable(error));
    QVERIFY(daemon.verify(QStringLiteral("printer"), QStringLiteral("pw1")));
    QVERIFY(!daemon.verify(QStringLiteral("printer"), QStringLiteral("pw2")));

    QVERIFY2(cli.setPassword(QStringLiteral("printer"), QStringLiteral("pw2"), &error),
             qPrintable(error));
    QVERIFY(daemon.verify(QStringLiteral("printer"), QStringLiteral("pw2")));
    QVERIFY(!daemon.verify(QStringLiteral("printer"), QStringLiteral("pw1")));

    QVERIFY2(cli.add(QStringLiteral("scanner"), QStringLiteral("pw3"), &error), qPrintable(error));
    QCOMPARE(daemon.list(), (QStringList{"printer", "scanner"}));
    QVERIFY2(cli.remove(QStringLiteral("printer"), &error), qPrintable(error));
    QVERIFY(!daemon.contains(QStringLiteral("printer")));
    QVERIFY(!daemon.verify(QStringLiteral("printer"), QStringLiteral("pw2")));
    QVERIFY(daemon.verify(QStringLiteral("scanner"), QStringLiteral("pw3")));

    // An admin editing the file in place (no rename): size and times change.
    const QString hash = PasswordHasher(kFast).hash(QStringLiteral("pw4"));
    {
        QFile file(daemon.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("fax:" + hash.toLatin1() + "\n");
    }
    QVERIFY(daemon.verify(QStringLiteral("fax"), QStringLiteral("pw4")));
    QVERIFY(!daemon.verify(QStringLiteral("scanner"), QStringLiteral("pw3")));

    // A deleted file: no accounts any more.
    QVERIFY(QFile::remove(daemon.filePath()));
    QVERIFY(!daemon.verify(QStringLiteral("fax"), QStringLiteral("pw4")));
    QVERIFY(daemon.list().isEmpty());
}

void TestAccountStore::brokenFileKeepsTheAccountsReadBefore()
{
    AccountStore daemon(dataDir(), kFast);
    QString error;
    QVERIFY2(daemon.add(QStringLiteral("a"), QStringLiteral("pa"), &error), qPrintable(error));
    QVERIFY(daemon.verify(QStringLiteral("a"), QStringLiteral("pa")));

    // Replaced by something unusable: logged once, the old accounts stay.
    const QString broken = m_dir->filePath(QStringLiteral("broken"));
    {
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write("a:hunter2\n");
    }
    QVERIFY(QFile::remove(daemon.filePath()));
    QVERIFY(QFile::rename(broken, daemon.filePath()));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             ":1: account \"a\" has a malformed password hash; keeping the 1 "
                             "accounts read before$")));
    QVERIFY(daemon.verify(QStringLiteral("a"), QStringLiteral("pa")));
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
    QVERIFY(daemon.verify(QStringLiteral("a"), QStringLiteral("pa"))); // not re-read, no log
    QVERIFY(!daemon.verify(QStringLiteral("a"), QStringLiteral("hunter2")));

    // Fixed: read again.
    const QString hash = PasswordHasher(kFast).hash(QStringLiteral("pb"));
    {
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write("b:" + hash.toLatin1() + "\n");
    }
    QVERIFY(QFile::remove(daemon.filePath()));
    QVERIFY(QFile::rename(broken, daemon.filePath()));
    QVERIFY(daemon.verify(QStringLiteral("b"), QStringLiteral("pb")));
    QVERIFY(!daemon.verify(QStringLiteral("a"), QStringLiteral("pa")));
}

void TestAccountStore::setPassword()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.add(QStringLiteral("a"), QStringLiteral("old"), &error), qPrintable(error));
    QVERIFY2(store.setPassword(QStringLiteral("a"), QStringLiteral("new"), &error),
             qPrintable(error));
    QVERIFY(!store.verify(QStringLiteral("a"), QStringLiteral("old")));
    QVERIFY(store.verify(QStringLiteral("a"), QStringLiteral("new")));
    QVERIFY(!store.setPassword(QStringLiteral("nobody"), QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QLatin1String("no account \"nobody\"")), qPrintable(error));
}

void TestAccountStore::addErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exists") << "taken"
                            << "pw"
                            << "account \"taken\" already exists";
    QTest::newRow("empty name") << ""
                                << "pw"
                                << "invalid account name";
    QTest::newRow("colon") << "a:b"
                           << "pw"
                           << "invalid account name \"a:b\"";
    QTest::newRow("blank") << "a b"
                           << "pw"
                           << "invalid account name";
    QTest::newRow("newline") << "a\nb"
                             << "pw"
                             << "invalid account name";
    QTest::newRow("too long") << QString(65, QLatin1Char('a')) << "pw"
                              << "invalid account name";
    QTest::newRow("empty password") << "new"
                                    << ""
                                    << "the password must not be empty";
    QTest::newRow("long password")
        << "new" << QString(1025, QLatin1Char('x')) << "longer than 1024 characters";
}

void TestAccountStore::addErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.add(QStringLiteral("taken"), QStringLiteral("pw0"), &error), qPrintable(error));
    QVERIFY(!store.add(name, password, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(store.list(), QStringList{"taken"});
    QVERIFY(store.verify(QStringLiteral("taken"), QStringLiteral("pw0")));
}

void TestAccountStore::removeUnknown()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY(!store.remove(QStringLiteral("ghost"), &error));
    QCOMPARE(error, QStringLiteral("no account \"ghost\""));
}

void TestAccountStore::refusesFileOpenToOthers()
{
    AccountStore store(dataDir(), kFast);
    QString error;
    QVERIFY2(store.add(QStringLiteral("a"), QStringLiteral("pa"), &error), qPrintable(error));
    QVERIFY(QFile::setPermissions(store.filePath(), QFileDevice::ReadOwner |
                                                        QFileDevice::WriteOwner |
                                                        QFileDevice::ReadOther));
    QVERIFY(!store.reload(&error));
    QVERIFY2(error.contains(QLatin1String("accessible by group or others (mode 0604)")),
             qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("chmod 600")), qPrintable(error));
    // The accounts loaded before stay usable, but nothing is written.
    QVERIFY(store.verify(QStringLiteral("a"), QStringLiteral("pa")));
    QVERIFY(!store.add(QStringLiteral("b"), QStringLiteral("pb"), &error));
}

void TestAccountStore::malformedFile_data()
{
    const QString hash = PasswordHasher(kFast).hash(QStringLiteral("pw"));
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no colon") << QByteArray("justaname\n") << ":1: expected name:hash";
    QTest::newRow("bad name") << ("\nbad name:" + hash.toLatin1() + "\n")
                              << ":2: expected name:hash";
    QTest::newRow("bad hash") << QByteArray("a:$scrypt$nonsense\n")
                              << ":1: account \"a\" has a malformed password hash";
    QTest::newRow("plain password") << QByteArray("a:hunter2\n") << "malformed password hash";
    QTest::newRow("twice") << ("a:" + hash.toLatin1() + "\na:" + hash.toLatin1() + "\n")
                           << ":2: account \"a\" appears twice";
}

void TestAccountStore::malformedFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    AccountStore store(dataDir(), kFast);
    QFile file(store.filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write(content);
    file.close();
    QString error;
    QVERIFY(!store.reload(&error));
    QVERIFY2(error.startsWith(store.filePath()), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
    QVERIFY(store.list().isEmpty());
}

void TestAccountStore::unknownUserCostsHashingTime()
{
    // With realistic parameters a skipped hash (microseconds) is far from a
    // computed one (tens of milliseconds); compare the fastest of a few runs
    // to keep scheduling noise out.
    AccountStore store(dataDir(), PasswordHasher::Parameters{14, 8, 1});
    QString error;
    QVERIFY2(store.add(QStringLiteral("known"), QStringLiteral("right"), &error),
             qPrintable(error));
    const auto fastest = [&store](const QString& user) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            const bool ok = store.verify(user, QStringLiteral("wrong"));
            best = std::min(best, timer.nsecsElapsed());
            if (ok)
                return qint64(-1);
        }
        return best;
    };
    const qint64 known = fastest(QStringLiteral("known"));
    const qint64 unknown = fastest(QStringLiteral("unknown"));
    QVERIFY(known > 0);
    QVERIFY(unknown > 0);
    QVERIFY2(unknown * 4 > known,
             qPrintable(QStringLiteral("known %1 ns, unknown %2 ns").arg(known).arg(unknown)));
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "TestAccountStore.moc"
