// The Certificates page. Model, fed with value snapshots: expiry in words
// with days left and a "renew soon" text (not only a colour) within 30
// days, EXPIRED, errors, legacy TLS listeners, expiry sorting as a date;
// under QAbstractItemModelTester. Live, against a real core: the page lists
// the listeners, "Generate self-signed" through its dialog makes a real
// certificate that the page then shows (subject, names, expiry); importing
// that PEM pair works, a broken file is reported.

#include "CertificateGenerateDialog.h"
#include "CertificateModel.h"
#include "CertificatesPage.h"
#include "SmtpTestClient.h"
#include "WidgetWait.h"
#include "service/RelayService.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace RelayDesk;
using Model = Ui::CertificateModel;

namespace {

constexpr int timeoutMs = 30000;
const QDateTime now(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);

Service::ListenerCertificate certificate(const QString& listener, const QDateTime& notAfter)
{
    Service::ListenerCertificate c;
    c.listener = listener;
    c.certFile = QStringLiteral("/etc/relaydesk/%1.pem").arg(listener);
    c.info.subject = QStringLiteral("CN=relay.office.example");
    c.info.issuer = c.info.subject;
    c.info.selfSigned = true;
    c.info.subjectAltNames = {QStringLiteral("DNS:relay.office.example"),
                              QStringLiteral("IP:192.0.2.1")};
    c.info.notBefore = now.addDays(-10);
    c.info.notAfter = notAfter;
    c.info.sha256Fingerprint = QStringLiteral("AB:CD");
    return c;
}

} // namespace

class TestCertificatesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    // Model.
    void validUntil_data();
    void validUntil();
    void legacyTlsListeners();
    void sortsExpiryAsDate();
    void refreshInPlace();
    // Dialog.
    void generateDialogValidates_data();
    void generateDialogValidates();
    // Live.
    void listsTheListeners();
    void generateShowsTheCertificate();
    void importPemPair();
    void importBrokenFileIsReported();
    void legacyWarningLabel();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Service::RelayService> m_relay;
    std::unique_ptr<Ui::CertificatesPage> m_page;
    QTableView* m_view = nullptr;
};

void TestCertificatesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    Service::CoreSettings settings;
    settings.dataDir = m_dir.filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("lan");
    listener.address = QHostAddress::LocalHost;
    listener.port = Tests::freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.statusIntervalMs = 50;
    m_relay = std::make_unique<Service::RelayService>(settings);
    m_relay->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_relay->lastStatus().state == Service::RelayStatus::State::Running ||
                                 m_relay->lastStatus().state == Service::RelayStatus::State::Failed,
                             timeoutMs);
    QVERIFY2(m_relay->lastStatus().state == Service::RelayStatus::State::Running,
             qPrintable(m_relay->lastStatus().error));
}

void TestCertificatesPage::cleanupTestCase()
{
    m_page.reset();
    if (m_relay) {
        QSignalSpy stopped(m_relay.get(), &Service::RelayService::stopped);
        m_relay->stop();
        QVERIFY(stopped.wait(15000));
        m_relay.reset();
    }
}

void TestCertificatesPage::validUntil_data()
{
    QTest::addColumn<Service::ListenerCertificate>("cert");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expiring");
    const auto date = [](const QDateTime& t) {
        return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"));
    };
    const QDateTime far = now.addDays(400);
    const QDateTime soon = now.addDays(12);
    const QDateTime gone = now.addDays(-1);
    QTest::newRow("far") << certificate(QStringLiteral("a"), far)
                         << QStringLiteral("%1 (400 day(s) left)").arg(date(far)) << false;
    QTest::newRow("soon") << certificate(QStringLiteral("a"), soon)
                          << QStringLiteral("%1 (12 day(s) left — renew soon)").arg(date(soon))
                          << true;
    QTest::newRow("expired") << certificate(QStringLiteral("a"), gone)
                             << QStringLiteral("%1 (EXPIRED)").arg(date(gone)) << true;
    auto broken = certificate(QStringLiteral("a"), far);
    broken.error = QStringLiteral("cannot read /etc/relaydesk/a.pem");
    broken.info = {};
    QTest::newRow("error") << broken << QStringLiteral("cannot read /etc/relaydesk/a.pem") << false;
    Service::ListenerCertificate none;
    none.listener = QStringLiteral("a");
    QTest::newRow("none") << none << QStringLiteral("no certificate") << false;
}

void TestCertificatesPage::validUntil()
{
    QFETCH(Service::ListenerCertificate, cert);
    QFETCH(QString, text);
    QFETCH(bool, expiring);
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setReferenceTime(now);
    model.setCertificates({cert});
    const QModelIndex until = model.index(0, Model::ValidUntilColumn);
    QCOMPARE(until.data().toString(), text);
    QCOMPARE(until.data(Model::ExpiringRole).toBool(), expiring);
    // Amber for expiring ones, in addition to the text; none otherwise.
    QCOMPARE(until.data(Qt::ForegroundRole).isValid(), expiring);
    QCOMPARE(model.index(0, Model::ListenerColumn).data().toString(), QStringLiteral("a"));
    if (cert.error.isEmpty() && cert.info.notAfter.isValid()) {
        QCOMPARE(model.index(0, Model::SubjectColumn).data().toString(),
                 QStringLiteral("CN=relay.office.example"));
        QCOMPARE(model.index(0, Model::NamesColumn).data().toString(),
                 QStringLiteral("DNS:relay.office.example, IP:192.0.2.1"));
        QCOMPARE(model.index(0, Model::IssuerColumn).data().toString(),
                 QStringLiteral("self-signed"));
        QCOMPARE(model.index(0, Model::FingerprintColumn).data().toString(),
                 QStringLiteral("AB:CD"));
    }
}

void TestCertificatesPage::legacyTlsListeners()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCertificates({certificate(QStringLiteral("old"), now.addDays(100)),
                           certificate(QStringLiteral("new"), now.addDays(100))});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLegacyTlsListeners({QStringLiteral("old")});
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(0, 0).data(Model::LegacyTlsRole).toBool());
    QVERIFY(!model.index(1, 0).data(Model::LegacyTlsRole).toBool());
    QCOMPARE(model.index(0, Model::ListenerColumn).data().toString(),
             QStringLiteral("old (legacy TLS 1.0/1.1 allowed)"));
    QCOMPARE(model.index(1, Model::ListenerColumn).data().toString(), QStringLiteral("new"));
    QCOMPARE(model.index(0, 0).data(Model::ListenerRole).toString(), QStringLiteral("old"));
    model.setLegacyTlsListeners({});
    QCOMPARE(model.index(0, Model::ListenerColumn).data().toString(), QStringLiteral("old"));
}

void TestCertificatesPage::sortsExpiryAsDate()
{
    Model model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Model::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setReferenceTime(now);
    // As text "2027-..." < "2026-12..." would not hold; as dates it does.
    model.setCertificates({certificate(QStringLiteral("late"), now.addDays(500)),
                           certificate(QStringLiteral("early"), now.addDays(9))});
    proxy.sort(Model::ValidUntilColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(Model::ListenerRole).toString(), QStringLiteral("early"));
    proxy.sort(Model::ValidUntilColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(Model::ListenerRole).toString(), QStringLiteral("late"));
}

void TestCertificatesPage::refreshInPlace()
{
    Model model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setCertificates({certificate(QStringLiteral("a"), now.addDays(5))});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setCertificates({certificate(QStringLiteral("a"), now.addDays(500))});
    QCOMPARE(resets.count(), 0);
    model.setCertificates({certificate(QStringLiteral("b"), now.addDays(500))});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowOf(QStringLiteral("b")), 0);
    QCOMPARE(model.rowOf(QStringLiteral("a")), -1);
}

void TestCertificatesPage::generateDialogValidates_data()
{
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<QString>("names");
    QTest::addColumn<QString>("directory");
    QTest::addColumn<bool>("ok");
    QTest::newRow("good") << "relay.lan"
                          << "mail.lan\n192.0.2.10\n::1"
                          << "/tmp/x" << true;
    QTest::newRow("empty cn (host name)") << ""
                                          << ""
                                          << "/tmp/x" << true;
    QTest::newRow("bad cn") << "relay lan"
                            << ""
                            << "/tmp/x" << false;
    QTest::newRow("bad name") << "relay.lan"
                              << "not_a name"
                              << "/tmp/x" << false;
    QTest::newRow("no folder") << "relay.lan"
                               << ""
                               << "" << false;
}

void TestCertificatesPage::generateDialogValidates()
{
    QFETCH(QString, commonName);
    QFETCH(QString, names);
    QFETCH(QString, directory);
    QFETCH(bool, ok);
    Tls::CertificateGenerator::Options defaults;
    Ui::CertificateGenerateDialog dialog(QStringLiteral("lan"), directory, defaults);
    dialog.findChild<QLineEdit*>(QStringLiteral("certificateCommonName"))->setText(commonName);
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("certificateNames"))->setPlainText(names);
    QCOMPARE(dialog.problem().isEmpty(), ok);
    QCOMPARE(dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled(), ok);
    if (ok && !names.isEmpty()) {
        const auto options = dialog.options();
        QCOMPARE(options.dnsNames, QStringList{QStringLiteral("mail.lan")});
        QCOMPARE(options.addresses.size(), 2);
        QCOMPARE(options.keyType, Tls::CertificateGenerator::KeyType::Ecdsa);
    }
}

void TestCertificatesPage::listsTheListeners()
{
    m_page = std::make_unique<Ui::CertificatesPage>(m_relay.get());
    m_page->resize(1100, 500);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("certificatesView"));
    QVERIFY(m_view);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 1, timeoutMs);
    QCOMPARE(m_view->model()->index(0, 0).data(Model::ListenerRole).toString(),
             QStringLiteral("lan"));
    QCOMPARE(m_page->selectedListener(), QStringLiteral("lan"));
    QVERIFY(m_page->findChild<QPushButton*>(QStringLiteral("generateCertificate"))->isEnabled());
}

void TestCertificatesPage::generateShowsTheCertificate()
{
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("generateCertificate")),
                      Qt::LeftButton);
    auto* dialog = Tests::waitForChild<Ui::CertificateGenerateDialog>(m_page.get(), timeoutMs);
    QVERIFY(dialog);
    dialog->findChild<QLineEdit*>(QStringLiteral("certificateCommonName"))
        ->setText(QStringLiteral("relay.test.example"));
    dialog->findChild<QPlainTextEdit*>(QStringLiteral("certificateNames"))
        ->setPlainText(QStringLiteral("mail.test.example\n127.0.0.1"));
    dialog->findChild<QSpinBox*>(QStringLiteral("certificateDays"))->setValue(20);
    auto* keyType = dialog->findChild<QComboBox*>(QStringLiteral("certificateKeyType"));
    keyType->setCurrentIndex(keyType->findData(int(Tls::CertificateGenerator::KeyType::Rsa)));
    dialog->findChild<QLineEdit*>(QStringLiteral("certificateDirectory"))
        ->setText(m_dir.filePath(QStringLiteral("generated")));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);

    auto* status = m_page->findChild<QLabel*>(QStringLiteral("certificatesStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("lan now has")), timeoutMs);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("generated/relaydesk-cert.pem"))));
    // The page shows it after its refresh: subject, names, an expiry with the warning text.
    const auto* model = m_view->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->index(0, Model::SubjectColumn)
                                 .data()
                                 .toString()
                                 .contains(QStringLiteral("relay.test.example")),
                             timeoutMs);
    const QString names = model->index(0, Model::NamesColumn).data().toString();
    QVERIFY2(names.contains(QStringLiteral("DNS:mail.test.example")), qPrintable(names));
    QVERIFY2(names.contains(QStringLiteral("IP:127.0.0.1")), qPrintable(names));
    const QString until = model->index(0, Model::ValidUntilColumn).data().toString();
    QVERIFY2(until.contains(QStringLiteral("renew soon")), qPrintable(until)); // 20 days < 30
    QVERIFY(model->index(0, 0).data(Model::ExpiringRole).toBool());
    QCOMPARE(model->index(0, Model::IssuerColumn).data().toString(), QStringLiteral("self-signed"));
    QVERIFY(!model->index(0, Model::FingerprintColumn).data().toString().isEmpty());
}

void TestCertificatesPage::importPemPair()
{
    const QString cert = m_dir.filePath(QStringLiteral("generated/relaydesk-cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("generated/relaydesk-key.pem"));
    QSignalSpy changed(m_relay.get(), &Service::RelayService::certificateChanged);
    m_page->importFiles(cert, key, {}, m_dir.filePath(QStringLiteral("imported")),
                        QStringLiteral("lan"));
    QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("importCertificate"))->isEnabled());
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("certificatesStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("lan now has")), timeoutMs);
    QVERIFY2(changed.last().at(2).toString().isEmpty(),
             qPrintable(changed.last().at(2).toString()));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("imported/relaydesk-cert.pem"))));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_page->findChild<QPushButton*>(QStringLiteral("importCertificate"))->isEnabled(),
        timeoutMs);
}

void TestCertificatesPage::importBrokenFileIsReported()
{
    const QString broken = m_dir.filePath(QStringLiteral("broken.pem"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    file.close();
    m_page->importFiles(broken, m_dir.filePath(QStringLiteral("generated/relaydesk-key.pem")), {},
                        m_dir.filePath(QStringLiteral("broken-import")), QStringLiteral("lan"));
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("certificatesStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(
        status->text().startsWith(QStringLiteral("No new certificate for lan:")), timeoutMs);
    // The shown certificate is still the previous one.
    QVERIFY(m_view->model()
                ->index(0, Model::SubjectColumn)
                .data()
                .toString()
                .contains(QStringLiteral("relay.test.example")));
}

void TestCertificatesPage::legacyWarningLabel()
{
    auto* warning = m_page->findChild<QLabel*>(QStringLiteral("legacyTlsWarning"));
    QVERIFY(warning->isHidden());
    m_page->setLegacyTlsListeners({QStringLiteral("lan")});
    QVERIFY(!warning->isHidden());
    QVERIFY(warning->text().contains(QStringLiteral("TLS 1.0/1.1")));
    QVERIFY(warning->text().contains(QStringLiteral("lan")));
    QVERIFY(m_view->model()->index(0, 0).data().toString().contains(QStringLiteral("legacy")));
    m_page->setLegacyTlsListeners({});
    QVERIFY(warning->isHidden());
}

QTEST_MAIN(TestCertificatesPage)
#include "TestCertificatesPage.moc"
