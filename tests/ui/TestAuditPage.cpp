// The Audit log page against a real core: a message deferred by a real
// upstream is held through the service, and the page (refreshing by
// itself while shown) lists the "queue.hold" entry with the local user and
// the message id; the filters (action family, user, text, time range) are
// passed to the log and narrow the list; the view is read-only.

#include "AuditModel.h"
#include "AuditPage.h"
#include "LogPagesFixture.h"
#include "service/SecurityAdmin.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace RelayDesk;
using Model = Ui::AuditModel;

namespace {

constexpr int timeoutMs = 20000;

} // namespace

class TestAuditPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void holdAppearsInTheAuditPage();
    void filtersNarrowTheList();
    void timeRangeFilter();
    void readOnly();

private:
    int rowsWithAction(const QString& action) const;

    Tests::LogPagesFixture m_fixture;
    std::unique_ptr<Ui::AuditPage> m_page;
    QTableView* m_view = nullptr;
    qint64 m_heldId = 0;
};

void TestAuditPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString error = m_fixture.start(QFINDTESTDATA("../fixtures/upstream/upstream.py"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString sent = m_fixture.sendThree();
    QVERIFY2(sent.isEmpty(), qPrintable(sent));
    const QString results = m_fixture.waitForResults();
    QVERIFY2(results.isEmpty(), qPrintable(results));
    m_page = std::make_unique<Ui::AuditPage>(m_fixture.relay());
    m_page->resize(1100, 600);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("auditView"));
    QVERIFY(m_view);
}

void TestAuditPage::cleanupTestCase()
{
    m_page.reset();
    const QString error = m_fixture.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

int TestAuditPage::rowsWithAction(const QString& action) const
{
    int found = 0;
    for (int row = 0; row < m_view->model()->rowCount(); ++row)
        if (m_view->model()->index(row, Model::ActionColumn).data().toString() == action)
            ++found;
    return found;
}

void TestAuditPage::holdAppearsInTheAuditPage()
{
    // The deferred message is the one still queued.
    QSignalSpy batches(m_fixture.relay(), &Service::RelayService::queueBatch);
    m_fixture.relay()->requestQueue(7);
    QTRY_VERIFY_WITH_TIMEOUT(!batches.isEmpty() && batches.last().at(2).toBool(), timeoutMs);
    for (const auto& batch : batches)
        for (const auto& row : batch.at(1).value<QVector<Service::QueueRow>>())
            if (row.recipients.contains(QStringLiteral("defer-me@example.net")))
                m_heldId = row.messageId;
    QVERIFY(m_heldId > 0);
    QCOMPARE(rowsWithAction(QStringLiteral("queue.hold")), 0);

    QSignalSpy done(m_fixture.relay(), &Service::RelayService::actionDone);
    m_fixture.relay()->holdMessages({m_heldId});
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), timeoutMs);
    const auto result = done.first().at(0).value<Service::ActionResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));

    // The page refreshes by itself while shown.
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);
    int row = 0;
    while (m_view->model()->index(row, Model::ActionColumn).data().toString() !=
           QLatin1String("queue.hold"))
        ++row;
    QVERIFY2(m_view->model()
                 ->index(row, Model::SubjectColumn)
                 .data()
                 .toString()
                 .contains(QString::number(m_heldId)),
             qPrintable(m_view->model()->index(row, Model::SubjectColumn).data().toString()));
    QCOMPARE(m_view->model()->index(row, Model::UserColumn).data().toString(),
             Service::SecurityAdmin::localUser());
    const QDateTime when =
        m_view->model()->index(row, Model::TimeColumn).data(Model::SortRole).toDateTime();
    QVERIFY(qAbs(when.secsTo(QDateTime::currentDateTimeUtc())) < 300);
    QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("auditStatus"))
                ->text()
                .contains(QStringLiteral("entries")));
}

void TestAuditPage::filtersNarrowTheList()
{
    auto* action = m_page->findChild<QComboBox*>(QStringLiteral("auditAction"));
    auto* text = m_page->findChild<QLineEdit*>(QStringLiteral("auditFilter"));
    auto* user = m_page->findChild<QLineEdit*>(QStringLiteral("auditUser"));

    // A family prefix keeps the hold.
    action->setCurrentIndex(action->findText(QStringLiteral("queue.")));
    QCOMPARE(m_page->filter().action, QStringLiteral("queue."));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->model()->rowCount() >= 1, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < m_view->model()->rowCount(); ++r)
                if (!m_view->model()
                         ->index(r, Model::ActionColumn)
                         .data()
                         .toString()
                         .startsWith(QStringLiteral("queue.")))
                    return false;
            return rowsWithAction(QStringLiteral("queue.hold")) == 1;
        }(),
        timeoutMs);

    // Another family: no hold.
    action->setCurrentIndex(action->findText(QStringLiteral("credential.")));
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 0, timeoutMs);
    action->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);

    // Text in the subject (Ctrl+F focuses it).
    QTest::keyClick(m_page.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(text->hasFocus(), timeoutMs);
    QTest::keyClicks(text, QStringLiteral("no-such-subject-xyz"));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);
    text->clear();
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);

    // Another user.
    user->setText(QStringLiteral("nobody-else"));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);
    user->setText(Service::SecurityAdmin::localUser());
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);
    user->clear();
}

void TestAuditPage::timeRangeFilter()
{
    auto* useSince = m_page->findChild<QCheckBox*>(QStringLiteral("auditUseSince"));
    auto* since = m_page->findChild<QDateTimeEdit*>(QStringLiteral("auditSince"));
    auto* useUntil = m_page->findChild<QCheckBox*>(QStringLiteral("auditUseUntil"));
    auto* until = m_page->findChild<QDateTimeEdit*>(QStringLiteral("auditUntil"));
    QVERIFY(!since->isEnabled());
    // From tomorrow: nothing yet.
    since->setDateTime(QDateTime::currentDateTime().addDays(1));
    useSince->setChecked(true);
    QVERIFY(since->isEnabled());
    QVERIFY(m_page->filter().since.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);
    // From an hour ago until tomorrow: the hold again.
    since->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    until->setDateTime(QDateTime::currentDateTime().addDays(1));
    useUntil->setChecked(true);
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);
    // Until an hour ago: nothing.
    until->setDateTime(QDateTime::currentDateTime().addSecs(-3600));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);
    useSince->setChecked(false);
    useUntil->setChecked(false);
    QVERIFY(!m_page->filter().since.isValid());
    QVERIFY(!m_page->filter().until.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(rowsWithAction(QStringLiteral("queue.hold")), 1, timeoutMs);
}

void TestAuditPage::readOnly()
{
    QCOMPARE(m_view->editTriggers(), QAbstractItemView::NoEditTriggers);
    const QModelIndex index = m_view->model()->index(0, Model::ActionColumn);
    QVERIFY(!(m_view->model()->flags(index) & Qt::ItemIsEditable));
    QVERIFY(!m_view->model()->setData(index, QStringLiteral("tampered")));
}

QTEST_MAIN(TestAuditPage)
#include "TestAuditPage.moc"
