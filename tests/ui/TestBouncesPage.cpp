// The Bounces page against a real core and a real upstream that delivers
// one recipient, defers one and rejects one (550 5.1.1): the page shows a
// reason group holding the rejected recipient (and only that one), with a
// plain-language explanation and a fix; the selection survives refreshes
// and a period change; Enter on a recipient opens its message.

#include "BounceGroupModel.h"
#include "BounceRecipientModel.h"
#include "BouncesPage.h"
#include "LogPagesFixture.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QtTest>

using namespace RelayDesk;

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestBouncesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void emptyBeforeAnyFailure();
    void showsTheRejectedRecipientWithExplanationAndFix();
    void selectionSurvivesRefreshAndPeriodChange();
    void enterOnARecipientOpensTheMessage();

private:
    Tests::LogPagesFixture m_fixture;
    std::unique_ptr<Ui::BouncesPage> m_page;
    QTableView* m_groups = nullptr;
    QTableView* m_recipients = nullptr;
};

void TestBouncesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear(); // no header layout saved by an earlier run
    const QString error = m_fixture.start(QFINDTESTDATA("../fixtures/upstream/upstream.py"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = std::make_unique<Ui::BouncesPage>(m_fixture.relay());
    m_page->resize(1100, 650);
    m_page->show();
    m_groups = m_page->findChild<QTableView*>(QStringLiteral("bounceGroupsView"));
    m_recipients = m_page->findChild<QTableView*>(QStringLiteral("bounceRecipientsView"));
    QVERIFY(m_groups && m_recipients);
    // Room for the suppression list and .eml classification (issue 6).
    QVERIFY(m_page->findChild<QTabWidget*>(QStringLiteral("bounceTabs")));
}

void TestBouncesPage::cleanupTestCase()
{
    m_page.reset();
    const QString error = m_fixture.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestBouncesPage::emptyBeforeAnyFailure()
{
    auto* summary = m_page->findChild<QLabel*>(QStringLiteral("bounceSummary"));
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(),
                              QStringLiteral("No failed deliveries in this period."), timeoutMs);
    QCOMPARE(m_groups->model()->rowCount(), 0);
    QCOMPARE(m_recipients->model()->rowCount(), 0);

    const QString sent = m_fixture.sendThree();
    QVERIFY2(sent.isEmpty(), qPrintable(sent));
    const QString results = m_fixture.waitForResults();
    QVERIFY2(results.isEmpty(), qPrintable(results));
}

void TestBouncesPage::showsTheRejectedRecipientWithExplanationAndFix()
{
    // The page notices the failure by itself (status change / timer).
    QTRY_COMPARE_WITH_TIMEOUT(m_groups->model()->rowCount(), 1, timeoutMs);
    // The biggest group is selected on its own.
    QTRY_COMPARE_WITH_TIMEOUT(m_recipients->model()->rowCount(), 1, timeoutMs);
    const auto* groups = m_groups->model();
    QCOMPARE(groups->index(0, Ui::BounceGroupModel::CountColumn).data().toInt(), 1);
    QCOMPARE(groups->index(0, Ui::BounceGroupModel::KindColumn).data().toString(),
             QStringLiteral("Permanent"));
    QVERIFY(!m_page->selectedReason().isEmpty());
    QCOMPARE(groups->index(0, 0).data(Ui::BounceGroupModel::ReasonRole).toString(),
             m_page->selectedReason());

    const auto* recipients = m_recipients->model();
    using R = Ui::BounceRecipientModel;
    QCOMPARE(recipients->index(0, R::RecipientColumn).data().toString(),
             QStringLiteral("reject-me@example.net"));
    QCOMPARE(recipients->index(0, R::SenderColumn).data().toString(), QStringLiteral("<>"));
    QCOMPARE(recipients->index(0, R::DeviceColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(recipients->index(0, R::ReplyColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("550 5.1.1")));

    // Plain language: the group's title, what happened and what to do.
    auto* title = m_page->findChild<QLabel*>(QStringLiteral("bounceTitle"));
    const QString groupTitle =
        groups->index(0, Ui::BounceGroupModel::TitleColumn).data().toString();
    QVERIFY(!groupTitle.isEmpty());
    QCOMPARE(title->text(), groupTitle);
    const QString text =
        m_page->findChild<QTextBrowser*>(QStringLiteral("bounceExplanation"))->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("What happened")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("What to do")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("No explanation is known")), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("No suggestion is known")), qPrintable(text));
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("bounceSummary"))
                ->text()
                .startsWith(QStringLiteral("1 failed recipient")));
}

void TestBouncesPage::selectionSurvivesRefreshAndPeriodChange()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_recipients->model()->rowCount(), 1, timeoutMs);
    const QString reason = m_page->selectedReason();
    const QPersistentModelIndex selected = m_groups->selectionModel()->selectedRows().value(0);
    QVERIFY(selected.isValid());

    QSignalSpy answers(m_fixture.relay(), &Service::RelayService::bounceGroupsReady);
    m_groups->setFocus();
    QTest::keyClick(m_groups, Qt::Key_F5);
    QVERIFY(answers.wait(timeoutMs));
    QCOMPARE(m_page->selectedReason(), reason);
    QVERIFY(selected.isValid());
    QVERIFY(m_groups->selectionModel()->isSelected(selected));

    auto* since = m_page->findChild<QComboBox*>(QStringLiteral("bounceSince"));
    since->setCurrentIndex(since->count() - 1); // last 30 days
    QVERIFY(answers.wait(timeoutMs));
    QCOMPARE(m_page->selectedReason(), reason);
    QCOMPARE(m_recipients->model()->rowCount(), 1);

    // Clicking the group again keeps it selected and its recipients shown.
    const QRect rect = m_groups->visualRect(m_groups->model()->index(0, 0));
    QTest::mouseClick(m_groups->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_page->selectedReason(), reason);
    QCOMPARE(m_recipients->model()->rowCount(), 1);
}

void TestBouncesPage::enterOnARecipientOpensTheMessage()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_recipients->model()->rowCount(), 1, timeoutMs);
    QSignalSpy activated(m_page.get(), &Ui::BouncesPage::messageActivated);
    const QModelIndex first = m_recipients->model()->index(0, 0);
    m_recipients->setFocus();
    m_recipients->setCurrentIndex(first);
    QTest::keyClick(m_recipients, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    const qint64 id = first.data(Ui::BounceRecipientModel::MessageIdRole).toLongLong();
    QVERIFY(id > 0);
    QCOMPARE(activated.at(0).at(0).toLongLong(), id);

    // It is the message the core knows as failed to reject-me.
    QSignalSpy detail(m_fixture.relay(), &Service::RelayService::messageDetailReady);
    m_fixture.relay()->requestMessageDetail(id);
    QVERIFY(detail.wait(timeoutMs));
    const auto message = detail.at(0).at(0).value<Service::MessageDetail>();
    QVERIFY(message.found);
    QCOMPARE(message.recipients.size(), 1);
    QCOMPARE(message.recipients.at(0).address, QStringLiteral("reject-me@example.net"));
    QCOMPARE(message.recipients.at(0).state, Store::RecipientState::Failed);
}

QTEST_MAIN(TestBouncesPage)
#include "TestBouncesPage.moc"
