// One RelayDesk per user: the second instance finds the first through the
// lock file and the local socket and asks it to show itself; stale leftovers
// of a crashed instance (socket file, lock file) do not block a new start.

#include "SingleInstance.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QLockFile>
#include <QThread>
#include <QUuid>
#include <QtTest>
#include <atomic>

using namespace RelayDesk;

namespace {

QString uniqueKey()
{
    return QStringLiteral("relaydesk-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultKeyIsPerUser();
    void secondInstanceActivatesFirst();
    void firstInstanceGoneLetsNextStart();
    void staleSocketFileDoesNotBlock();
    void staleLockFileDoesNotBlock();
    void activateWithoutPrimaryFails();
    void unknownCommandIsIgnored();
};

void TestSingleInstance::defaultKeyIsPerUser()
{
    const QString key = Ui::SingleInstance::defaultKey();
    QVERIFY(key.startsWith(QStringLiteral("relaydesk-")));
    QVERIFY(key.size() > int(qstrlen("relaydesk-")));
    QCOMPARE(Ui::SingleInstance().serverName(), key);
}

void TestSingleInstance::secondInstanceActivatesFirst()
{
    const QString key = uniqueKey();
    Ui::SingleInstance first(key);
    QVERIFY2(first.tryBecomePrimary(), qPrintable(first.errorString()));
    QVERIFY(first.isPrimary());
    QSignalSpy activated(&first, &Ui::SingleInstance::activationRequested);

    // The second launch blocks on its socket (it has no window yet), so it
    // runs on its own thread while this one serves the first instance.
    std::atomic<int> result{-1};
    QString secondError;
    QThread* second = QThread::create([&] {
        Ui::SingleInstance instance(key);
        if (instance.tryBecomePrimary()) {
            result = 2; // must not happen
            return;
        }
        secondError = instance.errorString();
        result = instance.activateRunning(10000) ? 1 : 0;
    });
    second->start();
    QTRY_VERIFY_WITH_TIMEOUT(second->isFinished(), 15000);
    delete second;
    QCOMPARE(result.load(), 1);
    QVERIFY(secondError.contains(QStringLiteral("already running")));
    QCOMPARE(activated.count(), 1);
}

void TestSingleInstance::firstInstanceGoneLetsNextStart()
{
    const QString key = uniqueKey();
    {
        Ui::SingleInstance first(key);
        QVERIFY(first.tryBecomePrimary());
        Ui::SingleInstance blocked(key);
        QVERIFY(!blocked.tryBecomePrimary());
        QVERIFY(!blocked.isPrimary());
    }
    Ui::SingleInstance next(key);
    QVERIFY2(next.tryBecomePrimary(), qPrintable(next.errorString()));
}

void TestSingleInstance::staleSocketFileDoesNotBlock()
{
    // A crashed instance leaves its socket file; nothing listens on it.
    const QString key = uniqueKey();
    const QString socketPath = QDir::temp().filePath(key);
    {
        QFile stale(socketPath);
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    Ui::SingleInstance instance(key);
    QVERIFY2(instance.tryBecomePrimary(), qPrintable(instance.errorString()));

    QLocalSocket probe;
    probe.connectToServer(key);
    QVERIFY(probe.waitForConnected(5000));
}

void TestSingleInstance::staleLockFileDoesNotBlock()
{
    // A lock file whose process is gone (a pid that cannot exist).
    const QString key = uniqueKey();
    Ui::SingleInstance instance(key);
    {
        QFile lock(instance.lockPath());
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write("2147483646\nrelaydesk\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    QVERIFY2(instance.tryBecomePrimary(), qPrintable(instance.errorString()));
}

void TestSingleInstance::activateWithoutPrimaryFails()
{
    Ui::SingleInstance lonely(uniqueKey());
    QVERIFY(!lonely.activateRunning(500));
    QVERIFY(!lonely.errorString().isEmpty());
}

void TestSingleInstance::unknownCommandIsIgnored()
{
    const QString key = uniqueKey();
    Ui::SingleInstance first(key);
    QVERIFY(first.tryBecomePrimary());
    QSignalSpy activated(&first, &Ui::SingleInstance::activationRequested);

    QLocalSocket other;
    QSignalSpy disconnected(&other, &QLocalSocket::disconnected);
    other.connectToServer(key);
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), QLocalSocket::ConnectedState, 5000);
    other.write("raise-everything\n");
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() == 1, 5000);
    QCOMPARE(activated.count(), 0);

    // A peer that sends an endless line without a newline is cut off.
    QLocalSocket flooder;
    QSignalSpy flooderGone(&flooder, &QLocalSocket::disconnected);
    flooder.connectToServer(key);
    QTRY_COMPARE_WITH_TIMEOUT(flooder.state(), QLocalSocket::ConnectedState, 5000);
    flooder.write(QByteArray(4096, 'x'));
    QTRY_VERIFY_WITH_TIMEOUT(flooderGone.count() == 1, 5000);
    QCOMPARE(activated.count(), 0);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
