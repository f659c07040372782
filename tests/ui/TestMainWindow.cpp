// The main window against a real core: the relay runs on its background
// thread, a real SMTP client (QTcpSocket) sends a message, and the window's
// overview must show it queued. Runs offscreen.

#include "MainWindow.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QLabel>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Tests::freePort;
using Tests::readReply;

namespace {

QString labelText(const QWidget& window, const char* name)
{
    auto* label = window.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsQueuedMessageFromRealClient();
    void showsStartFailure();
};

void TestMainWindow::showsQueuedMessageFromRealClient()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Service::CoreSettings settings;
    settings.dataDir = dir.path();
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.0")), 8}};
    settings.statusIntervalMs = 100;
    // No smarthost: the message must stay queued and be shown as such.

    Service::RelayService relay(settings);
    Ui::MainWindow window(&relay);
    window.show();
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "state"), QStringLiteral("Running"), 10000);
    QVERIFY(labelText(window, "listeners").contains(QString::number(listener.port)));
    QVERIFY(labelText(window, "upstream").contains(QStringLiteral("none configured")));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listener.port);
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(readReply(client).startsWith("220"));
    const QList<QPair<QByteArray, QByteArray>> dialogue{
        {"EHLO printer.lan\r\n", "250"},
        {"MAIL FROM:<scanner@example.com>\r\n", "250"},
        {"RCPT TO:<office@example.com>\r\n", "250"},
        {"DATA\r\n", "354"},
        {"Subject: scan\r\n\r\nhello\r\n.\r\n", "250"},
        {"QUIT\r\n", "221"},
    };
    for (const auto& [command, expected] : dialogue) {
        client.write(command);
        const QByteArray reply = readReply(client);
        QVERIFY2(reply.startsWith(expected), (command + " -> " + reply).constData());
    }

    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "queued"), QStringLiteral("1"), 10000);
    QCOMPARE(labelText(window, "delivered"), QStringLiteral("0"));
    auto* flush = window.findChild<QPushButton*>(QStringLiteral("flush"));
    QVERIFY(flush);
    QVERIFY(!flush->isEnabled()); // nothing deferred

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
    QCOMPARE(labelText(window, "state"), QStringLiteral("Stopped"));
}

void TestMainWindow::showsStartFailure()
{
    // A port that is taken: the window must say why the relay is not running.
    QTcpServer occupier;
    QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    Service::CoreSettings settings;
    settings.dataDir = dir.path();
    Smtp::ListenerSettings listener;
    listener.address = QHostAddress::LocalHost;
    listener.port = occupier.serverPort();
    settings.listeners = {listener};

    Service::RelayService relay(settings);
    Ui::MainWindow window(&relay);
    relay.start();
    QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "state").startsWith(QStringLiteral("Failed")),
                             10000);
    QVERIFY2(labelText(window, "state").contains(QString::number(listener.port)),
             qPrintable(labelText(window, "state")));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
