// The main window against a real core: the relay runs on its background
// thread, a real SMTP client (QTcpSocket) sends a message, and the window's
// overview must show it queued. The sidebar is keyboard navigable, the
// layout comes back from QSettings, closing hides the window while the relay
// keeps running, and the menu's actions reach the core. Runs offscreen.

#include "Autostart.h"
#include "MainWindow.h"
#include "MessageDetailDialog.h"
#include "OverviewPage.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
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

Service::CoreSettings loopbackSettings(const QString& dataDir, quint16 port)
{
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = port;
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.0")), 8}};
    settings.statusIntervalMs = 100;
    return settings;
}

/// Sends one message; returns the reply to the end of DATA (or the first
/// reply that refused it).
QByteArray sendMessage(quint16 port)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    QByteArray reply = readReply(client);
    for (const char* line :
         {"EHLO printer.lan\r\n", "MAIL FROM:<scanner@example.com>\r\n",
          "RCPT TO:<office@example.com>\r\n", "DATA\r\n", "Subject: scan\r\n\r\nhello\r\n.\r\n"}) {
        if (!reply.startsWith('2') && !reply.startsWith('3'))
            return reply;
        client.write(line);
        reply = readReply(client);
    }
    return reply;
}

/// A page that shows messages, like the Queue or the Delivery log.
class MessageListPage final : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

Q_SIGNALS:
    void messageActivated(qint64 messageId);
};

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsQueuedMessageFromRealClient();
    void showsStartFailure();
    void sidebarNavigatesByKeyboard();
    void layoutRestoredFromSettings();
    void closeHidesAndRelayKeepsRunning();
    void closeWithoutTrayQuits();
    void menuPausesAndResumesIntake();
    void pagesOpenMessageDetail();
    void startAtLoginWritesAutostartEntry();
};

void TestMainWindow::initTestCase()
{
    // QSettings and the autostart directory go to a test location.
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::init()
{
    QSettings().clear();
    QSettings().sync();
}

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

void TestMainWindow::sidebarNavigatesByKeyboard()
{
    Service::RelayService relay(Service::CoreSettings{});
    Ui::MainWindow window(&relay);
    // The built-in pages, in order, each named for the "last page" setting.
    const QStringList builtIn{QStringLiteral("overview"), QStringLiteral("queue"),
                              QStringLiteral("log"),      QStringLiteral("bounces"),
                              QStringLiteral("devices"),  QStringLiteral("security")};
    QCOMPARE(window.pageCount(), builtIn.size());
    auto* extra = new QWidget;
    extra->setObjectName(QStringLiteral("extra"));
    const int extraIndex = window.addPage(extra, QIcon(QStringLiteral(":/icons/settings.svg")),
                                          QStringLiteral("Extra"));
    QCOMPARE(extraIndex, builtIn.size());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPage(), window.overview());

    QListWidget* sidebar = window.sidebar();
    QCOMPARE(sidebar->count(), window.pageCount());
    sidebar->setFocus();
    for (int i = 1; i < builtIn.size(); ++i) {
        QTest::keyClick(sidebar, Qt::Key_Down);
        QCOMPARE(window.currentPageIndex(), i);
        QCOMPARE(window.currentPage()->objectName(), builtIn.at(i));
        QVERIFY(!sidebar->item(i)->icon().isNull());
        // Selected, the icon is drawn in the highlighted-text colour, not
        // blended into the highlight (where a dark icon used to vanish).
        const QImage selected =
            sidebar->item(i)->icon().pixmap(QSize(24, 24), QIcon::Selected).toImage();
        const QColor expected = sidebar->palette().color(QPalette::HighlightedText);
        int opaque = 0;
        for (int y = 0; y < selected.height(); ++y) {
            for (int x = 0; x < selected.width(); ++x) {
                const QColor pixel = selected.pixelColor(x, y);
                if (pixel.alpha() < 255)
                    continue;
                ++opaque;
                QCOMPARE(pixel.rgb(), expected.rgb());
            }
        }
        QVERIFY2(opaque > 20, qPrintable(builtIn.at(i)));
    }
    QTest::keyClick(sidebar, Qt::Key_Down);
    QCOMPARE(window.currentPage(), extra);
    QTest::keyClick(sidebar, Qt::Key_Down); // stays on the last page
    QCOMPARE(window.currentPage(), extra);
    QTest::keyClick(sidebar, Qt::Key_Home);
    QCOMPARE(window.currentPage(), window.overview());
    QTest::keyClick(sidebar, Qt::Key_End);
    QCOMPARE(window.currentPage(), extra);

    // The View menu has one checkable entry per page, with Ctrl+<n>.
    auto* viewQueue = window.findChild<QAction*>(QStringLiteral("viewPage1"));
    QVERIFY(viewQueue);
    QCOMPARE(viewQueue->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_2));
    viewQueue->trigger();
    QCOMPARE(window.currentPage()->objectName(), QStringLiteral("queue"));
    QVERIFY(viewQueue->isChecked());
    QCOMPARE(sidebar->currentRow(), 1);
}

void TestMainWindow::layoutRestoredFromSettings()
{
    Service::RelayService relay(Service::CoreSettings{});
    QList<int> splitterSizes;
    {
        Ui::MainWindow window(&relay);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1010, 730); // above every page's minimum size
        window.splitter()->setSizes({230, 780});
        splitterSizes = window.splitter()->sizes();
        window.setCurrentPage(3);
        window.setHideOnClose(true);
        window.close(); // saves the layout
    }
    QCOMPARE(QSettings().value(QStringLiteral("window/page")).toString(),
             QStringLiteral("bounces"));

    Ui::MainWindow restored(&relay);
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), QSize(1010, 730));
    QCOMPARE(restored.splitter()->sizes(), splitterSizes);
    QCOMPARE(restored.currentPageIndex(), 3);
    QCOMPARE(restored.currentPage()->objectName(), QStringLiteral("bounces"));
}

void TestMainWindow::closeHidesAndRelayKeepsRunning()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    Service::RelayService relay(loopbackSettings(dir.path(), port));
    Ui::MainWindow window(&relay);
    window.setHideOnClose(true);
    QSignalSpy quit(&window, &Ui::MainWindow::quitRequested);
    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    window.show();
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "state"), QStringLiteral("Running"), 10000);

    QVERIFY(!window.close()); // refused: hidden instead
    QVERIFY(!window.isVisible());
    QCOMPARE(quit.count(), 0);

    // Still relaying: a real client's message is accepted and counted.
    const QByteArray reply = sendMessage(port);
    QVERIFY2(reply.startsWith("250"), reply.constData());
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.queued, 1, 10000);
    QCOMPARE(relay.lastStatus().state, Service::RelayStatus::State::Running);
    QCOMPARE(stopped.count(), 0);

    // Brought back (tray "Open", second launch): shows the live counts.
    window.bringToFront();
    QVERIFY(window.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "queued"), QStringLiteral("1"), 10000);

    relay.stop();
    QVERIFY(stopped.wait(15000));
}

void TestMainWindow::closeWithoutTrayQuits()
{
    Service::RelayService relay(Service::CoreSettings{});
    Ui::MainWindow window(&relay);
    QVERIFY(!window.hideOnClose());
    QSignalSpy quit(&window, &Ui::MainWindow::quitRequested);
    window.show();
    QVERIFY(window.close());
    QCOMPARE(quit.count(), 1);

    // File > Quit asks the owner to stop the relay and quit.
    auto* quitAction = window.findChild<QAction*>(QStringLiteral("quitAction"));
    QVERIFY(quitAction);
    quitAction->trigger();
    QCOMPARE(quit.count(), 2);
}

void TestMainWindow::menuPausesAndResumesIntake()
{
    QTemporaryDir dir;
    const quint16 port = freePort();
    Service::RelayService relay(loopbackSettings(dir.path(), port));
    Ui::MainWindow window(&relay);
    auto* pause = window.findChild<QAction*>(QStringLiteral("pauseAction"));
    auto* flush = window.findChild<QAction*>(QStringLiteral("flushAction"));
    QVERIFY(pause && flush);
    QVERIFY(!pause->isEnabled()); // not running yet
    relay.start();
    QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), 10000);
    QVERIFY(flush->isEnabled());

    pause->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(relay.lastStatus().intakePaused, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(labelText(window, "state").startsWith(QStringLiteral("Paused")),
                             10000);
    QVERIFY(pause->isChecked());
    const QByteArray refused = sendMessage(port);
    QVERIFY2(refused.startsWith("421"), refused.constData());

    pause->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!relay.lastStatus().intakePaused, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(labelText(window, "state"), QStringLiteral("Running"), 10000);
    const QByteArray accepted = sendMessage(port);
    QVERIFY2(accepted.startsWith("250"), accepted.constData());

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

void TestMainWindow::pagesOpenMessageDetail()
{
    Service::RelayService relay(Service::CoreSettings{});
    Ui::MainWindow window(&relay);
    auto* page = new MessageListPage;
    page->setObjectName(QStringLiteral("messages"));
    window.addPage(page, QIcon(QStringLiteral(":/icons/queue.svg")), QStringLiteral("Messages"));
    QSignalSpy opened(&window, &Ui::MainWindow::messageOpened);
    Q_EMIT page->messageActivated(42);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toLongLong(), 42);
    auto* detail = window.findChild<Ui::MessageDetailDialog*>();
    QVERIFY(detail);
    QCOMPARE(detail->messageId(), 42);
}

void TestMainWindow::startAtLoginWritesAutostartEntry()
{
    const Ui::Autostart autostart;
    QVERIFY(autostart.desktopFilePath().contains(QStringLiteral("qttest")));
    QFile::remove(autostart.desktopFilePath());

    Service::RelayService relay(Service::CoreSettings{});
    Ui::MainWindow window(&relay);
    auto* action = window.findChild<QAction*>(QStringLiteral("autostartAction"));
    QVERIFY(action);
    QVERIFY(!action->isChecked());
    action->trigger();
    QVERIFY(action->isChecked());
    QVERIFY(autostart.isEnabled());
    QFile entry(autostart.desktopFilePath());
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QByteArray text = entry.readAll();
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    QVERIFY2(text.contains("Exec=") && text.contains(" --minimized\n"), text.constData());
    QVERIFY(text.contains("Type=Application\n"));

    action->trigger();
    QVERIFY(!action->isChecked());
    QVERIFY(!autostart.isEnabled());

    // A directory that cannot be created: the failure is reported.
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Ui::Autostart broken(dir.filePath(QStringLiteral("file/autostart")));
    QString error;
    QVERIFY(!broken.setEnabled(true, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!broken.isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
