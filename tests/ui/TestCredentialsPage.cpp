// The Credentials page against a real core, a real upstream that demands
// AUTH (tests/fixtures/upstream) and a real gnome-keyring (the test runs
// under tests/core/auth/run-with-keyring.sh, a private D-Bus session). The
// page lists the smarthost's reference, stores a secret through its
// dialog into the keychain, tests the login against the upstream, shows
// the secret only after confirmation and only for a while, deletes with
// confirmation, and moves a plain-text secret out of an INI file.

#include "CredentialEntryDialog.h"
#include "CredentialModel.h"
#include "CredentialRevealDialog.h"
#include "CredentialsPage.h"
#include "SmtpTestClient.h"
#include "WidgetWait.h"
#include "service/RelayService.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;
using Model = Ui::CredentialModel;

namespace {

constexpr int timeoutMs = 30000;
const QString reference = QStringLiteral("keychain:relaydesk-ui-test");
const QString upstreamUser = QStringLiteral("relayuser");
const QString upstreamPassword = QStringLiteral("S3cret-upstream-pw");

} // namespace

class TestCredentialsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsTheSmarthostReference();
    void testFailsWithoutASecret();
    void entryDialogValidates();
    void storeThroughTheDialog();
    void testLogsInUpstream();
    void revealNeedsConfirmation();
    void revealDialogClearsItself();
    void addANewReference();
    void deleteNeedsConfirmation();
    void migratesPlaintextSecrets();

private:
    QString coreSecret(const QString& ref, QString* error = nullptr);
    void clickOk(QWidget* dialog);

    QTemporaryDir m_dir;
    QProcess m_upstream;
    std::unique_ptr<Service::RelayService> m_relay;
    std::unique_ptr<Ui::CredentialsPage> m_page;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
};

void TestCredentialsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run under tests/core/auth/run-with-keyring.sh");
    const QString script = QFINDTESTDATA("../fixtures/upstream/upstream.py");
    QVERIFY(!script.isEmpty());
    m_upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_upstream.start(QStringLiteral("/usr/bin/python3"),
                     {script, QStringLiteral("--port"), QStringLiteral("0"),
                      QStringLiteral("--mode"), QStringLiteral("accept"), QStringLiteral("--auth"),
                      upstreamUser + QLatin1Char(':') + upstreamPassword});
    QVERIFY(m_upstream.waitForStarted(10000));
    QDeadlineTimer deadline(15000);
    while (!m_upstream.canReadLine() && !deadline.hasExpired())
        m_upstream.waitForReadyRead(100);
    const QByteArray line = m_upstream.readLine().trimmed();
    QVERIFY2(line.startsWith("PORT "), line.constData());

    Service::CoreSettings settings;
    settings.dataDir = m_dir.filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("lan");
    listener.port = Tests::freePort();
    settings.listeners = {listener};
    settings.statusIntervalMs = 50;
    settings.smarthost.host = QStringLiteral("127.0.0.1");
    settings.smarthost.port = quint16(line.mid(5).toUInt());
    settings.smarthost.tls = Delivery::TlsMode::None; // loopback upstream
    settings.smarthost.username = upstreamUser;
    QString error;
    const auto ref = Config::CredentialReference::parse(reference, &error);
    QVERIFY2(ref, qPrintable(error));
    settings.smarthostPasswordRef = *ref;
    m_relay = std::make_unique<Service::RelayService>(settings);
    m_relay->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_relay->lastStatus().state == Service::RelayStatus::State::Running ||
                                 m_relay->lastStatus().state == Service::RelayStatus::State::Failed,
                             timeoutMs);

    m_page = std::make_unique<Ui::CredentialsPage>(m_relay.get());
    m_page->resize(1000, 600);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("credentialsView"));
    m_status = m_page->findChild<QLabel*>(QStringLiteral("credentialsStatus"));
    QVERIFY(m_view && m_status);
}

void TestCredentialsPage::cleanupTestCase()
{
    m_page.reset();
    m_relay.reset();
    m_upstream.kill();
    m_upstream.waitForFinished(5000);
}

QString TestCredentialsPage::coreSecret(const QString& ref, QString* error)
{
    QSignalSpy answer(m_relay.get(), &Service::RelayService::credentialRevealed);
    m_relay->revealCredential(ref);
    if (!answer.wait(timeoutMs))
        return {};
    if (error)
        *error = answer.last().at(2).toString();
    return answer.last().at(1).toString();
}

void TestCredentialsPage::clickOk(QWidget* dialog)
{
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

void TestCredentialsPage::listsTheSmarthostReference()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 1, timeoutMs);
    const auto* model = m_view->model();
    QCOMPARE(model->index(0, Model::ReferenceColumn).data().toString(), reference);
    QCOMPARE(model->index(0, Model::UsedByColumn).data().toString(),
             QStringLiteral("(default smarthost)"));
    QCOMPARE(model->index(0, Model::BackendColumn).data().toString(), QStringLiteral("keychain"));
    QCOMPARE(model->index(0, Model::StoredColumn).data().toString(), QStringLiteral("no"));
    QCOMPARE(m_page->selectedReference(), reference);
    // A Secret Service runs: no banner; nothing stored yet: nothing to show or delete.
    QSignalSpy status(m_relay.get(), &Service::RelayService::keychainStatusReady);
    m_page->refresh();
    QVERIFY(status.wait(timeoutMs));
    QCOMPARE(status.last().at(0).toString(), QStringLiteral("available"));
    QVERIFY(m_page->findChild<QFrame*>(QStringLiteral("keychainBanner"))->isHidden());
    QVERIFY(m_page->findChild<QFrame*>(QStringLiteral("migrationBanner"))->isHidden());
    QVERIFY(m_page->findChild<QPushButton*>(QStringLiteral("replaceCredential"))->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("deleteCredential"))->isEnabled());
    QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("revealCredential"))->isEnabled());
}

void TestCredentialsPage::testFailsWithoutASecret()
{
    auto* test = m_page->findChild<QPushButton*>(QStringLiteral("testCredential"));
    auto* result = m_page->findChild<QLabel*>(QStringLiteral("credentialTestResult"));
    QVERIFY(test->isEnabled());
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        result->text().startsWith(QStringLiteral("✘ Login to the default smarthost failed")),
        timeoutMs);
    QVERIFY(test->isEnabled());
}

void TestCredentialsPage::entryDialogValidates()
{
    Ui::CredentialEntryDialog add;
    auto* ok = add.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    auto* secret = add.findChild<QLineEdit*>(QStringLiteral("credentialSecret"));
    auto* repeat = add.findChild<QLineEdit*>(QStringLiteral("credentialSecretRepeat"));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(repeat->echoMode(), QLineEdit::Password);
    QVERIFY(!ok->isEnabled());
    add.findChild<QLineEdit*>(QStringLiteral("credentialName"))
        ->setText(QStringLiteral("bad name"));
    secret->setText(QStringLiteral("x"));
    repeat->setText(QStringLiteral("x"));
    QVERIFY(!ok->isEnabled()); // blank in the name
    add.findChild<QLineEdit*>(QStringLiteral("credentialName"))->setText(QStringLiteral("api"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(add.reference(), QStringLiteral("keychain:api"));
    add.setLocalDefault();
    QCOMPARE(add.reference(), QStringLiteral("local:api"));
    repeat->setText(QStringLiteral("y"));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(add.problem(), QStringLiteral("The two entries differ."));
}

void TestCredentialsPage::storeThroughTheDialog()
{
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("replaceCredential")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::CredentialEntryDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    QCOMPARE(dialog->reference(), reference);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecret")),
                     upstreamPassword);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecretRepeat")),
                     upstreamPassword);
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(m_status->text(), QStringLiteral("Secret stored."), timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->index(0, Model::StoredColumn).data().toString(),
                              QStringLiteral("yes"), timeoutMs);
    // It is in the real keychain.
    QString error;
    QCOMPARE(coreSecret(reference, &error), upstreamPassword);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // And nothing on the page shows it.
    for (auto* label : m_page->findChildren<QLabel*>())
        QVERIFY(!label->text().contains(upstreamPassword));
    for (int c = 0; c < m_view->model()->columnCount(); ++c)
        QVERIFY(!m_view->model()->index(0, c).data().toString().contains(upstreamPassword));
}

void TestCredentialsPage::testLogsInUpstream()
{
    auto* result = m_page->findChild<QLabel*>(QStringLiteral("credentialTestResult"));
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("testCredential")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        result->text().startsWith(QStringLiteral("✔ Login to the default smarthost works")),
        timeoutMs);
    QVERIFY2(result->text().contains(QStringLiteral("235")), qPrintable(result->text()));
}

void TestCredentialsPage::revealNeedsConfirmation()
{
    auto* reveal = m_page->findChild<QPushButton*>(QStringLiteral("revealCredential"));
    QTRY_VERIFY_WITH_TIMEOUT(reveal->isEnabled(), timeoutMs);
    QSignalSpy asked(m_relay.get(), &Service::RelayService::credentialRevealed);
    QTest::mouseClick(reveal, Qt::LeftButton);
    auto* box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                                 QStringLiteral("revealConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->findChild<QMessageBox*>(), timeoutMs);
    QVERIFY(!m_page->findChild<Ui::CredentialRevealDialog*>());
    QCOMPARE(asked.count(), 0); // not even asked for

    QTest::mouseClick(reveal, Qt::LeftButton);
    box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                           QStringLiteral("revealConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    auto* shown = Tests::waitForChild<Ui::CredentialRevealDialog>(m_page.get(), timeoutMs);
    QVERIFY(shown);
    QCOMPARE(shown->shownSecret(), upstreamPassword);
    QVERIFY(shown->secondsLeft() <= Ui::CredentialRevealDialog::DefaultSeconds);
    QVERIFY(shown->findChild<QLabel*>(QStringLiteral("revealCountdown"))
                ->text()
                .startsWith(QStringLiteral("Hidden again in")));
    shown->close();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->findChild<Ui::CredentialRevealDialog*>(), timeoutMs);
}

void TestCredentialsPage::revealDialogClearsItself()
{
    Ui::CredentialRevealDialog dialog(reference, QStringLiteral("short-lived"), 1);
    dialog.show();
    QCOMPARE(dialog.shownSecret(), QStringLiteral("short-lived"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), timeoutMs);
    QVERIFY(dialog.shownSecret().isEmpty());
}

void TestCredentialsPage::addANewReference()
{
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("addCredential")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::CredentialEntryDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialName")),
                     QStringLiteral("provider-api-key"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecret")),
                     QStringLiteral("api-key-value"));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecretRepeat")),
                     QStringLiteral("api-key-value"));
    m_status->clear();
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(m_status->text(), QStringLiteral("Secret stored."), timeoutMs);
    QCOMPARE(coreSecret(QStringLiteral("keychain:provider-api-key")),
             QStringLiteral("api-key-value"));
}

void TestCredentialsPage::deleteNeedsConfirmation()
{
    m_view->selectRow(0);
    auto* remove = m_page->findChild<QPushButton*>(QStringLiteral("deleteCredential"));
    QTRY_VERIFY_WITH_TIMEOUT(remove->isEnabled(), timeoutMs);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    auto* box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                                 QStringLiteral("deleteCredentialConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_status->text(), QStringLiteral("Secret deleted."), timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->index(0, Model::StoredColumn).data().toString(),
                              QStringLiteral("no"), timeoutMs);
    QString error;
    QVERIFY(coreSecret(reference, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestCredentialsPage::migratesPlaintextSecrets()
{
    const QString ini = m_dir.filePath(QStringLiteral("relaydesk.ini"));
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[smarthost]\nhost = 127.0.0.1\nport = 2525\nusername = u\n"
               "password = plain-text-secret-42\n");
    file.close();
    m_page->offerMigration(ini, {QStringLiteral("[smarthost] password")});
    auto* banner = m_page->findChild<QFrame*>(QStringLiteral("migrationBanner"));
    QVERIFY(!banner->isHidden());
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("migrationText"))
                ->text()
                .contains(QStringLiteral("[smarthost] password")));
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("migrateSecrets")),
                      Qt::LeftButton);
    auto* box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                                 QStringLiteral("migrationConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), timeoutMs);
    QVERIFY2(m_status->text().startsWith(QStringLiteral("Moved 1 secret(s)")),
             qPrintable(m_status->text()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray rewritten = file.readAll();
    QVERIFY2(!rewritten.contains("plain-text-secret-42"), rewritten.constData());
    QVERIFY2(rewritten.contains("password-ref"), rewritten.constData());
}

QTEST_MAIN(TestCredentialsPage)
#include "TestCredentialsPage.moc"
