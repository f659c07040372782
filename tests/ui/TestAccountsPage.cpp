// The Accounts and Blocked clients pages against a real core on loopback:
// an account added in the page with a generated password is in the core's
// account store (requestAccounts) and a real SMTP AUTH with that password
// succeeds, while its allowed senders are enforced; editing the policy and
// deleting reach the core; wrong passwords from a real client lock the
// address out, the Blocked clients page shows it and Unblock lifts it.

#include "AccountDialog.h"
#include "AccountModel.h"
#include "AccountPasswordDialog.h"
#include "AccountsPage.h"
#include "LockoutModel.h"
#include "LockoutsPage.h"
#include "SmtpTestClient.h"
#include "WidgetWait.h"
#include "service/RelayService.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;

namespace {

constexpr int timeoutMs = 20000;
constexpr int maxFailures = 3;

QByteArray plainAuth(const QString& user, const QString& password)
{
    return "AUTH PLAIN " +
           (QByteArray(1, '\0') + user.toUtf8() + QByteArray(1, '\0') + password.toUtf8())
               .toBase64() +
           "\r\n";
}

/// Sends `command` and returns the reply.
QByteArray say(QTcpSocket& socket, const QByteArray& command)
{
    socket.write(command);
    return Tests::readReply(socket);
}

} // namespace

class TestAccountsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void dialogValidates_data();
    void dialogValidates();
    void addWithGeneratedPassword();
    void generatedPasswordLogsIn();
    void editPolicyReachesTheCore();
    void duplicateNameIsReported();
    void lockoutShowsAndUnblockLiftsIt();
    void deleteNeedsConfirmation();

private:
    /// A connected, greeted and EHLO'd client, or "" and an error.
    QString openSession(QTcpSocket& socket);
    QVector<Service::AccountInfo> coreAccounts();

    QTemporaryDir m_dir;
    std::unique_ptr<Service::RelayService> m_relay;
    std::unique_ptr<Ui::AccountsPage> m_page;
    QTableView* m_view = nullptr;
    quint16 m_port = 0;
    QString m_password;
};

void TestAccountsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    Service::CoreSettings settings;
    settings.dataDir = m_dir.filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("submission");
    listener.address = QHostAddress::LocalHost;
    listener.port = Tests::freePort();
    listener.allowPlainAuth = true; // loopback only: no TLS needed for the test
    m_port = listener.port;
    settings.listeners = {listener};
    settings.allowedNetworks = {}; // nobody relays without logging in
    settings.statusIntervalMs = 50;
    settings.retry.delaysSeconds = {3600};
    settings.authThrottle.maxFailures = maxFailures;
    settings.authThrottle.baseDelayMs = 10;
    settings.authThrottle.maxDelayMs = 40;
    m_relay = std::make_unique<Service::RelayService>(settings);
    QSignalSpy status(m_relay.get(), &Service::RelayService::statusChanged);
    m_relay->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_relay->lastStatus().state == Service::RelayStatus::State::Running ||
                                 m_relay->lastStatus().state == Service::RelayStatus::State::Failed,
                             timeoutMs);
    QVERIFY2(m_relay->lastStatus().state == Service::RelayStatus::State::Running,
             qPrintable(m_relay->lastStatus().error));

    m_page = std::make_unique<Ui::AccountsPage>(m_relay.get());
    m_page->resize(900, 600);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("accountsView"));
    QVERIFY(m_view);
}

void TestAccountsPage::cleanupTestCase()
{
    m_page.reset();
    if (m_relay) {
        QSignalSpy stopped(m_relay.get(), &Service::RelayService::stopped);
        m_relay->stop();
        QVERIFY(stopped.wait(15000));
        m_relay.reset();
    }
}

QString TestAccountsPage::openSession(QTcpSocket& socket)
{
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(5000))
        return QStringLiteral("no connection");
    if (!Tests::readReply(socket).startsWith("220"))
        return QStringLiteral("no greeting");
    const QByteArray ehlo = say(socket, "EHLO app.lan\r\n");
    if (!ehlo.startsWith("250") || !ehlo.contains("AUTH"))
        return QStringLiteral("EHLO: ") + QString::fromUtf8(ehlo);
    return {};
}

QVector<Service::AccountInfo> TestAccountsPage::coreAccounts()
{
    QSignalSpy answer(m_relay.get(), &Service::RelayService::accountsReady);
    m_relay->requestAccounts();
    if (!answer.wait(timeoutMs))
        return {};
    return answer.last().at(0).value<QVector<Service::AccountInfo>>();
}

void TestAccountsPage::dialogValidates_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("type");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("repeat");
    QTest::addColumn<QString>("senders");
    QTest::addColumn<bool>("ok");
    const QString good = QStringLiteral("correct-horse-battery");
    QTest::newRow("generated") << "app" << false << QString() << QString() << "*" << true;
    QTest::newRow("typed") << "app" << true << good << good << "@example.com" << true;
    QTest::newRow("empty name") << "" << false << QString() << QString() << "*" << false;
    QTest::newRow("colon in name") << "a:b" << false << QString() << QString() << "*" << false;
    QTest::newRow("short password") << "app" << true << "short"
                                    << "short"
                                    << "*" << false;
    QTest::newRow("passwords differ") << "app" << true << good << good + "x"
                                      << "*" << false;
    QTest::newRow("bad sender") << "app" << false << QString() << QString() << "a b@x" << false;
    QTest::newRow("several senders")
        << "app" << false << QString() << QString() << "a@example.com\n\n@example.org" << true;
}

void TestAccountsPage::dialogValidates()
{
    QFETCH(QString, name);
    QFETCH(bool, type);
    QFETCH(QString, password);
    QFETCH(QString, repeat);
    QFETCH(QString, senders);
    QFETCH(bool, ok);
    Ui::AccountDialog dialog(Ui::AccountDialog::Mode::Add);
    dialog.findChild<QLineEdit*>(QStringLiteral("accountName"))->setText(name);
    QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("generatePassword"))->isChecked());
    auto* passwordEdit = dialog.findChild<QLineEdit*>(QStringLiteral("accountPassword"));
    QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
    if (type) {
        dialog.findChild<QRadioButton*>(QStringLiteral("typePassword"))->setChecked(true);
        QTest::keyClicks(passwordEdit, password);
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("accountPasswordRepeat")),
                         repeat);
    }
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("allowedSenders"))->setPlainText(senders);
    QCOMPARE(dialog.problem().isEmpty(), ok);
    auto* box = dialog.findChild<QDialogButtonBox*>();
    QCOMPARE(box->button(QDialogButtonBox::Ok)->isEnabled(), ok);
    if (ok) {
        QCOMPARE(dialog.generatePassword(), !type);
        QCOMPARE(dialog.password(), type ? password : QString());
        QVERIFY(!dialog.policy().allowedSenders.contains(QString()));
    }
}

void TestAccountsPage::addWithGeneratedPassword()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_page->findChild<QLabel*>(QStringLiteral("accountsStatus"))
                                 ->text()
                                 .startsWith(QStringLiteral("No accounts yet")),
                             timeoutMs);
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("addAccount")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::AccountDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("accountName")),
                     QStringLiteral("crm-app"));
    dialog->findChild<QPlainTextEdit*>(QStringLiteral("allowedSenders"))
        ->setPlainText(QStringLiteral("crm@example.com"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);

    // The generated password is shown once, with a copy button and a warning.
    auto* shown = Tests::waitForChild<Ui::AccountPasswordDialog>(m_page.get(), timeoutMs);
    QVERIFY(shown);
    m_password = shown->password();
    QVERIFY2(m_password.size() >= 16, qPrintable(m_password));
    QVERIFY(shown->findChild<QLabel*>(QStringLiteral("passwordWarning"))
                ->text()
                .contains(QStringLiteral("not be shown again")));
    QTest::mouseClick(shown->findChild<QPushButton*>(QStringLiteral("copyPassword")),
                      Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_password);
    shown->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->findChild<Ui::AccountPasswordDialog*>(), timeoutMs);
    QGuiApplication::clipboard()->clear();

    // The core's account store has it, with the policy from the dialog.
    const auto accounts = coreAccounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().name, QStringLiteral("crm-app"));
    QCOMPARE(accounts.first().policy.allowedSenders,
             QStringList{QStringLiteral("crm@example.com")});
    // And the page lists it.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 1, timeoutMs);
    QCOMPARE(m_view->model()->index(0, Ui::AccountModel::SendersColumn).data().toString(),
             QStringLiteral("crm@example.com"));
}

void TestAccountsPage::generatedPasswordLogsIn()
{
    QVERIFY(!m_password.isEmpty());
    QTcpSocket client;
    const QString opened = openSession(client);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    // Without AUTH the relay refuses to relay for this client.
    QVERIFY(say(client, "MAIL FROM:<crm@example.com>\r\n").startsWith("250"));
    const QByteArray refused = say(client, "RCPT TO:<someone@example.net>\r\n");
    QVERIFY2(refused.startsWith("5"), refused.constData());
    QVERIFY(say(client, "RSET\r\n").startsWith("250"));

    const QByteArray auth = say(client, plainAuth(QStringLiteral("crm-app"), m_password));
    QVERIFY2(auth.startsWith("235"), auth.constData());
    // Its own sender relays; another one is refused (550 5.7.60).
    QVERIFY(say(client, "MAIL FROM:<crm@example.com>\r\n").startsWith("250"));
    const QByteArray rcpt = say(client, "RCPT TO:<someone@example.net>\r\n");
    QVERIFY2(rcpt.startsWith("250"), rcpt.constData());
    QVERIFY(say(client, "RSET\r\n").startsWith("250"));
    const QByteArray other = say(client, "MAIL FROM:<ceo@example.com>\r\n");
    QVERIFY2(other.startsWith("550"), other.constData());
    say(client, "QUIT\r\n");
}

void TestAccountsPage::editPolicyReachesTheCore()
{
    m_view->selectRow(0);
    QCOMPARE(m_page->selectedName(), QStringLiteral("crm-app"));
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("editAccount")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::AccountDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLineEdit*>(QStringLiteral("accountName"))->isReadOnly());
    QVERIFY(!dialog->findChild<QLineEdit*>(QStringLiteral("accountPassword"))); // policy only
    QCOMPARE(dialog->findChild<QPlainTextEdit*>(QStringLiteral("allowedSenders"))->toPlainText(),
             QStringLiteral("crm@example.com"));
    dialog->findChild<QPlainTextEdit*>(QStringLiteral("allowedSenders"))
        ->setPlainText(QStringLiteral("crm@example.com\n@example.org"));
    dialog->findChild<QSpinBox*>(QStringLiteral("accountRate"))->setValue(30);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("accountsStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Policy saved."), timeoutMs);
    const auto accounts = coreAccounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().policy.messagesPerMinute, 30);
    QCOMPARE(accounts.first().policy.allowedSenders,
             (QStringList{QStringLiteral("crm@example.com"), QStringLiteral("@example.org")}));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_view->model()->index(0, Ui::AccountModel::RatesColumn).data().toString(),
        QStringLiteral("30 message(s)/min"), timeoutMs);
}

void TestAccountsPage::duplicateNameIsReported()
{
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("addAccount")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::AccountDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("accountName")),
                     QStringLiteral("crm-app"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("accountsStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("crm-app was not added")),
                             timeoutMs);
    QVERIFY(!m_page->findChild<Ui::AccountPasswordDialog*>());
    QCOMPARE(coreAccounts().size(), 1);
}

void TestAccountsPage::lockoutShowsAndUnblockLiftsIt()
{
    Ui::LockoutsPage lockouts(m_relay.get());
    lockouts.show();
    auto* view = lockouts.findChild<QTableView*>(QStringLiteral("lockoutsView"));
    auto* unblock = lockouts.findChild<QPushButton*>(QStringLiteral("unblockButton"));
    auto* status = lockouts.findChild<QLabel*>(QStringLiteral("lockoutsStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("No client is blocked."), timeoutMs);
    QVERIFY(!unblock->isEnabled());

    {
        QTcpSocket client;
        const QString opened = openSession(client);
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        for (int i = 0; i < maxFailures; ++i) {
            const QByteArray reply =
                say(client, plainAuth(QStringLiteral("crm-app"), QStringLiteral("wrong-password")));
            QVERIFY2(reply.startsWith("535"), reply.constData());
        }
        // Locked out now: even the right password is refused.
        const QByteArray locked = say(client, plainAuth(QStringLiteral("crm-app"), m_password));
        QVERIFY2(locked.startsWith("454"), locked.constData());
        say(client, "QUIT\r\n");
    }
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, timeoutMs);
    QCOMPARE(view->model()->index(0, Ui::LockoutModel::AddressColumn).data().toString(),
             QStringLiteral("127.0.0.1"));
    QVERIFY(view->model()->index(0, Ui::LockoutModel::FailuresColumn).data().toInt() >=
            maxFailures);
    QVERIFY(view->model()
                ->index(0, Ui::LockoutModel::UntilColumn)
                .data(Ui::LockoutModel::SortRole)
                .toDateTime() > QDateTime::currentDateTimeUtc());
    QTRY_VERIFY_WITH_TIMEOUT(unblock->isEnabled(), timeoutMs); // the only row is selected

    QTest::mouseClick(unblock, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("127.0.0.1 unblocked."), timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 0, timeoutMs);

    // AUTH works again.
    QTcpSocket client;
    const QString opened = openSession(client);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const QByteArray auth = say(client, plainAuth(QStringLiteral("crm-app"), m_password));
    QVERIFY2(auth.startsWith("235"), auth.constData());
    say(client, "QUIT\r\n");
}

void TestAccountsPage::deleteNeedsConfirmation()
{
    m_view->selectRow(0);
    auto* remove = m_page->findChild<QPushButton*>(QStringLiteral("deleteAccount"));
    QVERIFY(remove->isEnabled());
    // Cancel first: nothing happens.
    QTest::mouseClick(remove, Qt::LeftButton);
    auto* box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                                 QStringLiteral("deleteAccountConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_page->findChild<QMessageBox*>(QStringLiteral("deleteAccountConfirmation")), timeoutMs);
    QCOMPARE(coreAccounts().size(), 1);
    // Then the Delete key (a shortcut: the window must be active) and Yes.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                           QStringLiteral("deleteAccountConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("accountsStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Account deleted."), timeoutMs);
    QVERIFY(coreAccounts().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);

    // The deleted account can no longer log in.
    QTcpSocket client;
    const QString opened = openSession(client);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const QByteArray auth = say(client, plainAuth(QStringLiteral("crm-app"), m_password));
    QVERIFY2(auth.startsWith("535"), auth.constData());
}

QTEST_MAIN(TestAccountsPage)
#include "TestAccountsPage.moc"
