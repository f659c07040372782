// The Devices page against a real core: after a real SMTP client
// ("scanner.lan" on 127.0.0.1) sent mail, the page lists 127.0.0.1 with its
// EHLO name and the last session's transcript; setting "expect mail every
// N hours" through the spin box and Apply reaches the core (requestDevices
// shows it), and the page shows it after its refresh.

#include "DeviceModel.h"
#include "DevicesPage.h"
#include "LogPagesFixture.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace RelayDesk;
using Model = Ui::DeviceModel;

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestDevicesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void emptyBeforeAnySession();
    void listsTheDeviceWithTranscript();
    void expectationReachesTheCore();
    void expectationOffAgain();

private:
    Tests::LogPagesFixture m_fixture;
    std::unique_ptr<Ui::DevicesPage> m_page;
    QTableView* m_view = nullptr;
};

void TestDevicesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear(); // no header layout saved by an earlier run
    const QString error = m_fixture.start(QFINDTESTDATA("../fixtures/upstream/upstream.py"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = std::make_unique<Ui::DevicesPage>(m_fixture.relay());
    m_page->resize(1100, 700);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("devicesView"));
    QVERIFY(m_view);
}

void TestDevicesPage::cleanupTestCase()
{
    m_page.reset();
    const QString error = m_fixture.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestDevicesPage::emptyBeforeAnySession()
{
    QSignalSpy answers(m_fixture.relay(), &Service::RelayService::devicesReady);
    QTRY_VERIFY_WITH_TIMEOUT(answers.count() > 0, timeoutMs); // shown: it asked by itself
    QCOMPARE(m_view->model()->rowCount(), 0);
    QCOMPARE(m_page->findChild<QLabel*>(QStringLiteral("deviceTitle"))->text(),
             QStringLiteral("No device has sent mail yet."));
    QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("applyExpectation"))->isEnabled());
    QVERIFY(!m_page->findChild<QLabel*>(QStringLiteral("testPrinterHint"))->text().isEmpty());
}

void TestDevicesPage::listsTheDeviceWithTranscript()
{
    const QString sent = m_fixture.sendThree();
    QVERIFY2(sent.isEmpty(), qPrintable(sent));
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, timeoutMs);
    QCOMPARE(model->index(0, Model::AddressColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(model->index(0, Model::HeloColumn).data().toString(), QStringLiteral("scanner.lan"));
    QTRY_COMPARE_WITH_TIMEOUT(model->index(0, Model::MessagesTodayColumn).data().toInt(), 3,
                              timeoutMs);
    QCOMPARE(model->index(0, Model::ExpectationColumn).data().toString(), QStringLiteral("off"));

    // The only device is selected by itself; its transcript is shown.
    QCOMPARE(m_page->selectedAddress(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("deviceTitle"))
                ->text()
                .startsWith(QStringLiteral("127.0.0.1")));
    auto* transcript = m_page->findChild<QPlainTextEdit*>(QStringLiteral("deviceTranscript"));
    QVERIFY(transcript->isReadOnly());
    QVERIFY(transcript->font().fixedPitch() ||
            QFontInfo(transcript->font()).fixedPitch()); // monospace
    QTRY_VERIFY_WITH_TIMEOUT(transcript->toPlainText().contains(QStringLiteral("EHLO scanner.lan")),
                             timeoutMs);
    const QString text = transcript->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("reject-me@example.net")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("221")), qPrintable(text));
}

void TestDevicesPage::expectationReachesTheCore()
{
    auto* hours = m_page->findChild<QSpinBox*>(QStringLiteral("expectHours"));
    auto* apply = m_page->findChild<QPushButton*>(QStringLiteral("applyExpectation"));
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("expectationStatus"));
    QVERIFY(hours && apply && status);
    QCOMPARE(hours->value(), 0);
    QVERIFY(apply->isEnabled());

    hours->setFocus();
    QTest::keyClick(hours, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(hours, QStringLiteral("6"));
    QCOMPARE(hours->value(), 6);
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Saved."), timeoutMs);

    // The core has it.
    QSignalSpy answers(m_fixture.relay(), &Service::RelayService::devicesReady);
    m_fixture.relay()->requestDevices();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const auto& args : answers)
                for (const auto& device : args.at(0).value<QVector<Service::DeviceInfo>>())
                    if (device.address == QLatin1String("127.0.0.1") &&
                        device.expectEveryHours == 6)
                        return true;
            return false;
        }(),
        timeoutMs);
    // And the page shows it after its own refresh; it just sent, so not quiet.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->index(0, Model::ExpectationColumn).data().toString(),
                              QStringLiteral("every 6 h"), timeoutMs);
    QCOMPARE(m_view->model()->index(0, 0).data(Model::QuietRole).toBool(), false);
    QCOMPARE(hours->value(), 6);
}

void TestDevicesPage::expectationOffAgain()
{
    auto* hours = m_page->findChild<QSpinBox*>(QStringLiteral("expectHours"));
    auto* apply = m_page->findChild<QPushButton*>(QStringLiteral("applyExpectation"));
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("expectationStatus"));
    status->clear();
    hours->setFocus();
    QTest::keyClick(hours, Qt::Key_PageDown); // 6 - 10: stops at the minimum, "off"
    QCOMPARE(hours->value(), 0);
    QCOMPARE(hours->text(), QStringLiteral("off"));
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Saved."), timeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->index(0, Model::ExpectationColumn).data().toString(),
                              QStringLiteral("off"), timeoutMs);
}

QTEST_MAIN(TestDevicesPage)
#include "TestDevicesPage.moc"
