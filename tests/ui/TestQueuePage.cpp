// The Queue page against a real core: a real SMTP client sends three
// messages to a relay whose smarthost is down (so they are deferred), then
// the test selects rows in the real view and clicks the real buttons, and
// checks that the core's state changed (status counts and requestQueue).

#include "QueueModel.h"
#include "QueuePage.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace RelayDesk;
using Service::QueueRow;
using Store::RecipientState;
using Tests::freePort;
using Tests::readReply;

namespace {

/// One SMTP transaction from a real client; returns the reply to the end of
/// DATA.
QByteArray sendMessage(quint16 port, const QByteArray& from, const QByteArray& to,
                       const QByteArray& subject)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    readReply(client);
    QByteArray last;
    for (const QByteArray& line :
         {QByteArray("EHLO printer.lan\r\n"), "MAIL FROM:<" + from + ">\r\n",
          "RCPT TO:<" + to + ">\r\n", QByteArray("DATA\r\n"),
          "Subject: " + subject + "\r\n\r\nhello\r\n.\r\n"}) {
        client.write(line);
        last = readReply(client);
    }
    client.write("QUIT\r\n");
    readReply(client);
    return last;
}

/// The core's queue as requestQueue reports it, keyed by message id.
QMap<qint64, QueueRow> coreQueue(Service::RelayService& relay)
{
    static quint64 generation = 1;
    const quint64 mine = ++generation;
    QMap<qint64, QueueRow> rows;
    bool done = false;
    QMetaObject::Connection connection =
        QObject::connect(&relay, &Service::RelayService::queueBatch,
                         [&](quint64 gen, const QVector<QueueRow>& batch, bool last) {
                             if (gen != mine)
                                 return;
                             for (const QueueRow& row : batch)
                                 rows.insert(row.messageId, row);
                             done = last;
                         });
    relay.requestQueue(mine, 100);
    QDeadlineTimer deadline(15000);
    while (!done && !deadline.hasExpired())
        QTest::qWait(20);
    QObject::disconnect(connection);
    return rows;
}

int countInState(const QMap<qint64, QueueRow>& rows, RecipientState state)
{
    return int(std::count_if(rows.cbegin(), rows.cend(),
                             [state](const QueueRow& row) { return row.state == state; }));
}

} // namespace

class TestQueuePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void actionsOnSelectedRowsChangeTheCore();
    void emptyQueueShowsEmptyState();

private:
    QTemporaryDir m_settingsDir;
};

void TestQueuePage::initTestCase()
{
    // Header state goes to QSettings: keep it out of the user's config.
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("RelayDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestQueuePage"));
}

void TestQueuePage::actionsOnSelectedRowsChangeTheCore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Service::CoreSettings settings;
    settings.dataDir = dir.filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.statusIntervalMs = 100;
    // A smarthost that is down: every attempt fails with "connection
    // refused" and the mail is deferred for an hour.
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = freePort();
    settings.smarthost.tls = Delivery::TlsMode::None;
    settings.retry.delaysSeconds = {3600};

    Service::RelayService relay(settings);
    Ui::QueuePage page(&relay);
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, Service::RelayStatus::State::Running,
                              15000);
    page.resize(1000, 600);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Shortcuts (Delete) only reach an active window.
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));

    for (const char* who : {"scanner", "printer", "nas"}) {
        const QByteArray reply = sendMessage(listener.port, QByteArray(who) + "@example.com",
                                             "office@example.net", QByteArray("from ") + who);
        QVERIFY2(reply.startsWith("250"), reply.constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 3, 20000);

    auto* view = page.findChild<QTableView*>(QStringLiteral("queueView"));
    QVERIFY(view);
    Ui::QueueModel* model = page.model();
    // The page refreshes on its own (status counts changed) and shows the
    // core's view of the three messages.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(
        view->model()->index(2, Ui::QueueModel::StateColumn).data().toString(),
        QStringLiteral("Deferred"), 15000);
    QVERIFY(view->model()->index(0, Ui::QueueModel::LastReplyColumn).data().toString().size() > 0);
    auto* status = page.findChild<QLabel*>(QStringLiteral("queueStatus"));
    auto* holdButton = page.findChild<QToolButton*>(QStringLiteral("holdButton"));
    auto* releaseButton = page.findChild<QToolButton*>(QStringLiteral("releaseButton"));
    auto* retryButton = page.findChild<QToolButton*>(QStringLiteral("retryButton"));
    auto* deleteButton = page.findChild<QToolButton*>(QStringLiteral("deleteButton"));
    auto* flushButton = page.findChild<QToolButton*>(QStringLiteral("flushButton"));
    // Without a loaded translation "%n recipient(s)" stays literal, so
    // look for the count and the verb.
    auto statusSays = [&](const QString& count, const QString& verb) {
        return status->text().contains(count) && status->text().contains(verb);
    };
    QVERIFY(status && holdButton && releaseButton && retryButton && deleteButton && flushButton);
    QVERIFY(!holdButton->isEnabled()); // nothing selected yet
    QVERIFY(!deleteButton->isEnabled());

    // Hold the first two rows.
    view->sortByColumn(Ui::QueueModel::TimeColumn, Qt::AscendingOrder);
    auto selectRows = [&](const QList<int>& rows) {
        view->clearSelection();
        for (int row : rows)
            view->selectionModel()->select(view->model()->index(row, 0),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    };
    selectRows({0, 1});
    const QVector<qint64> firstTwo = page.selectedMessageIds();
    QCOMPARE(firstTwo.size(), 2);
    QVERIFY(holdButton->isEnabled());
    QVERIFY(!releaseButton->isEnabled()); // none of them is held
    QTest::mouseClick(holdButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.held, 2, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(statusSays(QStringLiteral("2 recipient"), QStringLiteral("held")),
                             15000);
    QMap<qint64, QueueRow> core = coreQueue(relay);
    QCOMPARE(core.size(), 3);
    for (qint64 id : firstTwo)
        QCOMPARE(core.value(id).state, RecipientState::Held);
    // The page shows it after its refresh, and the selection survived it.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowAt(model->rowOf(firstTwo.at(1))).state,
                              RecipientState::Held, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(releaseButton->isEnabled(), 15000);
    QCOMPARE(page.selectedMessageIds(), firstTwo);

    // Release them again.
    QTest::mouseClick(releaseButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.held, 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(statusSays(QStringLiteral("2 recipient"), QStringLiteral("released")),
                             15000);
    core = coreQueue(relay);
    QCOMPARE(countInState(core, RecipientState::Held), 0);

    // Retry the third message now: it is attempted again at once (or at
    // least due now) instead of in an hour.
    const qint64 third = model->messageIdAt(2);
    const QueueRow before = coreQueue(relay).value(third);
    QCOMPARE(before.attempts, 1);
    selectRows({2});
    QCOMPARE(page.selectedMessageIds(), QVector<qint64>{third});
    QTest::mouseClick(retryButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("retried now")), 15000);
    QVERIFY2(!status->text().contains(QLatin1String("failed")), qPrintable(status->text()));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QueueRow now = coreQueue(relay).value(third);
            return now.attempts > before.attempts || now.nextAttempt < before.nextAttempt;
        }(),
        20000);

    // Delete, answered "Cancel" first: nothing goes.
    view->setFocus();
    selectRows({0});
    const qint64 first = page.selectedMessageIds().value(0);
    QTest::keyClick(view, Qt::Key_Delete);
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = page.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr,
        5000);
    QVERIFY2(box->text().contains(QLatin1String("1 selected message")), qPrintable(box->text()));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation")),
                             5000);
    QCOMPARE(coreQueue(relay).size(), 3);

    // ... then confirmed with the button.
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = page.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr,
        5000);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusSays(QStringLiteral("1 message"), QStringLiteral("deleted")),
                             15000);
    core = coreQueue(relay);
    QCOMPARE(core.size(), 2);
    QVERIFY(!core.contains(first));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 15000);
    QCOMPARE(model->rowOf(first), -1);

    // Flush all: every deferred message is retried now.
    QTest::mouseClick(flushButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("deferred")), 5000);
    QVERIFY2(!status->text().contains(QLatin1String("failed")), qPrintable(status->text()));

    // The text filter narrows the table; Enter opens the current message.
    auto* filter = page.findChild<QLineEdit*>(QStringLiteral("queueFilter"));
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("NAS@"));
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 5000);
    const qint64 nas = view->model()->index(0, 0).data(Ui::QueueModel::MessageIdRole).toLongLong();
    QCOMPARE(model->rowAt(model->rowOf(nas)).sender, QStringLiteral("nas@example.com"));
    QSignalSpy activated(&page, &Ui::QueuePage::messageActivated);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 1));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), nas);
    filter->clear();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, 5000);

    // Delete everything left: the empty state replaces the table.
    view->selectAll();
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = page.findChild<QMessageBox*>(QStringLiteral("deleteConfirmation"))) != nullptr,
        5000);
    QVERIFY(box->text().contains(QLatin1String("2 selected message")));
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 15000);
    auto* stack = page.findChild<QStackedWidget*>();
    auto* empty = page.findChild<QLabel*>(QStringLiteral("queueEmpty"));
    QVERIFY(stack && empty);
    QTRY_COMPARE_WITH_TIMEOUT(stack->currentWidget(), static_cast<QWidget*>(empty), 5000);
    QVERIFY(empty->text().contains(QLatin1String("empty")));
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().counts.deferred, 0, 15000);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

void TestQueuePage::emptyQueueShowsEmptyState()
{
    QTemporaryDir dir;
    Service::CoreSettings settings;
    settings.dataDir = dir.path();
    Smtp::ListenerSettings listener;
    listener.address = QHostAddress::LocalHost;
    listener.port = freePort();
    settings.listeners = {listener};
    settings.statusIntervalMs = 100;
    Service::RelayService relay(settings);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, Service::RelayStatus::State::Running,
                              15000);

    Ui::QueuePage page(&relay);
    auto* empty = page.findChild<QLabel*>(QStringLiteral("queueEmpty"));
    QVERIFY(empty);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->hasLoaded(), 15000);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QLatin1String("empty")));
    // Nothing to act on: only the page-wide actions are available.
    QVERIFY(!page.findChild<QToolButton*>(QStringLiteral("deleteButton"))->isEnabled());
    QVERIFY(page.findChild<QToolButton*>(QStringLiteral("flushButton"))->isEnabled());

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(15000));
}

QTEST_MAIN(TestQueuePage)
#include "TestQueuePage.moc"
