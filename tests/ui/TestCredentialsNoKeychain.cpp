// The Credentials page when no keychain answers (the session bus points
// nowhere): a banner says so with the service's explanation; the daemon's
// file store is used only after the admin chooses it and confirms; a
// keychain: secret is refused with an error rather than written anywhere
// else; a local: secret is stored in the file store for real.

#include "CredentialEntryDialog.h"
#include "CredentialsPage.h"
#include "WidgetWait.h"
#include "service/RelayService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;

namespace {

constexpr int timeoutMs = 60000;

} // namespace

class TestCredentialsNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bannerExplains();
    void fileStoreOnlyAfterConfirmation();
    void keychainSecretIsRefused();
    void localSecretIsStored();

private:
    void store(const QString& name, const QString& secret, bool expectLocalDefault);

    QTemporaryDir m_dir;
    std::unique_ptr<Service::RelayService> m_relay;
    std::unique_ptr<Ui::CredentialsPage> m_page;
};

void TestCredentialsNoKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // No Secret Service: the session bus is a socket that does not exist.
    qputenv("DBUS_SESSION_BUS_ADDRESS",
            "unix:path=" + m_dir.filePath(QStringLiteral("no-bus")).toUtf8());
    Service::CoreSettings settings;
    settings.dataDir = m_dir.filePath(QStringLiteral("data"));
    m_relay = std::make_unique<Service::RelayService>(settings);
    m_page = std::make_unique<Ui::CredentialsPage>(m_relay.get());
    m_page->show();
}

void TestCredentialsNoKeychain::bannerExplains()
{
    auto* banner = m_page->findChild<QFrame*>(QStringLiteral("keychainBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isHidden(), timeoutMs);
    const QString text = m_page->findChild<QLabel*>(QStringLiteral("keychainText"))->text();
    QVERIFY2(text.contains(QStringLiteral("No keychain available")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("gnome-keyring")), qPrintable(text)); // what to install
    QVERIFY(!m_page->usesFileStore());
}

void TestCredentialsNoKeychain::fileStoreOnlyAfterConfirmation()
{
    auto* choose = m_page->findChild<QPushButton*>(QStringLiteral("useFileStore"));
    QVERIFY(choose->isVisible());
    QTest::mouseClick(choose, Qt::LeftButton);
    auto* box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                                 QStringLiteral("fileStoreConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->findChild<QMessageBox*>(), timeoutMs);
    QVERIFY(!m_page->usesFileStore());

    QTest::mouseClick(choose, Qt::LeftButton);
    box = Tests::waitForChild<QMessageBox>(m_page.get(), timeoutMs,
                                           QStringLiteral("fileStoreConfirmation"));
    QVERIFY(box);
    QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(m_page->usesFileStore());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->findChild<QLabel*>(QStringLiteral("keychainText"))
                                 ->text()
                                 .contains(QStringLiteral("You chose the daemon's file store")),
                             timeoutMs);
    QVERIFY(!choose->isVisible());
}

void TestCredentialsNoKeychain::store(const QString& name, const QString& secret,
                                      bool expectLocalDefault)
{
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("addCredential")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::CredentialEntryDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    auto* backend = dialog->findChild<QComboBox*>(QStringLiteral("credentialBackend"));
    QCOMPARE(backend->currentData().toString() == QLatin1String("local"), expectLocalDefault);
    if (name.startsWith(QLatin1String("keychain:")))
        backend->setCurrentIndex(backend->findData(QStringLiteral("keychain")));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialName")),
                     name.section(QLatin1Char(':'), 1));
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecret")), secret);
    QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("credentialSecretRepeat")),
                     secret);
    QCOMPARE(dialog->reference(), name);
    m_page->findChild<QLabel*>(QStringLiteral("credentialsStatus"))->clear();
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

void TestCredentialsNoKeychain::keychainSecretIsRefused()
{
    store(QStringLiteral("keychain:smarthost"), QStringLiteral("kc-secret"), true);
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("credentialsStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Not stored:")), timeoutMs);
    // Not silently written to the file store either.
    QSignalSpy answer(m_relay.get(), &Service::RelayService::credentialRevealed);
    m_relay->revealCredential(QStringLiteral("local:smarthost"));
    QVERIFY(answer.wait(timeoutMs));
    QVERIFY(answer.last().at(1).toString().isEmpty());
}

void TestCredentialsNoKeychain::localSecretIsStored()
{
    store(QStringLiteral("local:smarthost"), QStringLiteral("file-secret"), true);
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("credentialsStatus"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Secret stored."), timeoutMs);
    QSignalSpy answer(m_relay.get(), &Service::RelayService::credentialRevealed);
    m_relay->revealCredential(QStringLiteral("local:smarthost"));
    QVERIFY(answer.wait(timeoutMs));
    QCOMPARE(answer.last().at(1).toString(), QStringLiteral("file-secret"));
}

QTEST_MAIN(TestCredentialsNoKeychain)
#include "TestCredentialsNoKeychain.moc"
