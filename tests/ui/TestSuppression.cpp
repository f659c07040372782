// The Bounces page's issue 6 tabs. Models first, from value snapshots
// (QAbstractItemModelTester attached before they are filled); then against
// a real core and a real upstream that rejects "reject-me@" with 550 5.1.1:
// the relay suppresses that recipient, the Suppressions tab lists it, adding
// by hand and removing (Remove button) reach the core, and a bounce .eml
// dropped on the "Classify a bounce" tab is classified per recipient.

#include "BounceDropArea.h"
#include "BounceDropModel.h"
#include "BouncesPage.h"
#include "LogPagesFixture.h"
#include "SuppressionModel.h"
#include "SuppressionsTab.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QUrl>
#include <QtTest>

using namespace RelayDesk;
using Service::SuppressionEntry;

namespace {

constexpr int timeoutMs = 30000;
const QString Rejected = QStringLiteral("reject-me@example.net");

SuppressionEntry entry(const QString& domain, const QString& recipient, const QString& reason)
{
    SuppressionEntry e;
    e.senderDomain = domain;
    e.recipient = recipient;
    e.reason = reason;
    e.created = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    e.expires = QDateTime(QDate(2026, 4, 1), QTime(0, 0), Qt::UTC);
    return e;
}

} // namespace

class TestSuppression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void modelMergesByDomainAndRecipient();
    void modelShowsExpiry();
    void dropModelShowsClassification();

    void tabListsTheRelaysSuppression();
    void addByHandReachesTheCore();
    void removeReachesTheCore();
    void droppedBounceIsClassified();
    void unreadableDropShowsAnError();

private:
    int rowOf(const QString& recipient) const;
    /// One message from a real sender through the relay's listener; "" or
    /// the reply that went wrong.
    QString sendFrom(const QByteArray& sender, const QByteArray& recipient);

    Tests::LogPagesFixture m_fixture;
    std::unique_ptr<Ui::BouncesPage> m_page;
    QTabWidget* m_tabs = nullptr;
    Ui::SuppressionsTab* m_tab = nullptr;
    QTableView* m_view = nullptr;
};

void TestSuppression::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSuppression::cleanupTestCase()
{
    m_page.reset();
    const QString error = m_fixture.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSuppression::modelMergesByDomainAndRecipient()
{
    Ui::SuppressionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setEntries({entry(QStringLiteral("a.example"), QStringLiteral("x@r.example"),
                            QStringLiteral("userunknown")),
                      entry(QString(), QStringLiteral("x@r.example"), QStringLiteral("manual")),
                      entry(QStringLiteral("a.example"), QStringLiteral("y@r.example"),
                            QStringLiteral("hostunknown"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(1, Ui::SuppressionModel::DomainColumn).data().toString(),
             QStringLiteral("(every sender)"));
    // Update one, drop one, add one: rows that stay keep their place.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setEntries({entry(QStringLiteral("a.example"), QStringLiteral("x@r.example"),
                            QStringLiteral("hasmoved")),
                      entry(QStringLiteral("a.example"), QStringLiteral("y@r.example"),
                            QStringLiteral("hostunknown")),
                      entry(QStringLiteral("b.example"), QStringLiteral("z@r.example"),
                            QStringLiteral("manual"))});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entryAt(0).reason, QStringLiteral("hasmoved"));
    QCOMPARE(model.entryAt(1).recipient, QStringLiteral("y@r.example"));
    QCOMPARE(model.entryAt(2).recipient, QStringLiteral("z@r.example"));
    model.setEntries({});
    QCOMPARE(model.rowCount(), 0);
}

void TestSuppression::modelShowsExpiry()
{
    Ui::SuppressionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setNow(QDateTime(QDate(2026, 5, 1), QTime(0, 0), Qt::UTC));
    auto never = entry(QString(), QStringLiteral("n@r.example"), QStringLiteral("manual"));
    never.expires = QDateTime();
    model.setEntries(
        {entry(QString(), QStringLiteral("x@r.example"), QStringLiteral("manual")), never});
    QVERIFY(model.index(0, Ui::SuppressionModel::ExpiresColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("expired ")));
    QCOMPARE(model.index(1, Ui::SuppressionModel::ExpiresColumn).data().toString(),
             QStringLiteral("never"));
    // Dates sort as dates; "never" after every date.
    const QVariant a =
        model.index(0, Ui::SuppressionModel::ExpiresColumn).data(Ui::SuppressionModel::SortRole);
    const QVariant b =
        model.index(1, Ui::SuppressionModel::ExpiresColumn).data(Ui::SuppressionModel::SortRole);
    QCOMPARE(a.metaType(), QMetaType::fromType<QDateTime>());
    QVERIFY(a.toDateTime() < b.toDateTime());
}

void TestSuppression::dropModelShowsClassification()
{
    Ui::BounceDropModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Service::BounceFileRecipient r;
    r.recipient = QStringLiteral("a@r.example");
    r.reason = QStringLiteral("userunknown");
    r.hard = true;
    r.status = QStringLiteral("5.1.1");
    r.title = QStringLiteral("Recipient address does not exist");
    r.fix = QStringLiteral("Correct the address");
    model.setRecipients({r, Service::BounceFileRecipient()});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, Ui::BounceDropModel::ReasonColumn).data().toString(),
             QStringLiteral("Recipient address does not exist (userunknown)"));
    QCOMPARE(model.index(0, Ui::BounceDropModel::HardColumn).data().toString(),
             QStringLiteral("hard"));
    QCOMPARE(model.index(1, Ui::BounceDropModel::RecipientColumn).data().toString(),
             QStringLiteral("(not named)"));
}

int TestSuppression::rowOf(const QString& recipient) const
{
    const QAbstractItemModel* model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, Ui::SuppressionModel::RecipientColumn).data().toString() == recipient)
            return row;
    }
    return -1;
}

QString TestSuppression::sendFrom(const QByteArray& sender, const QByteArray& recipient)
{
    // "127.0.0.1:PORT (plain)" as the status lists the listener.
    const QString listener = m_fixture.relay()->lastStatus().listeners.value(0);
    const quint16 port =
        quint16(listener.section(QLatin1Char(' '), 0, 0).section(QLatin1Char(':'), -1).toUInt());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return QStringLiteral("no connection to the relay on ") + listener;
    if (!Tests::readReply(client).startsWith("220"))
        return QStringLiteral("no greeting");
    const QList<QPair<QByteArray, QByteArray>> dialogue{
        {"EHLO scanner.lan\r\n", "250"},
        {"MAIL FROM:<" + sender + ">\r\n", "250"},
        {"RCPT TO:<" + recipient + ">\r\n", "250"},
        {"DATA\r\n", "354"},
        {"Subject: scan 4\r\n\r\nfourth\r\n.\r\n", "250"},
        {"QUIT\r\n", "221"},
    };
    for (const auto& [command, expected] : dialogue) {
        client.write(command);
        const QByteArray reply = Tests::readReply(client);
        if (!reply.startsWith(expected))
            return QString::fromUtf8(command.trimmed() + " -> " + reply);
    }
    return {};
}

void TestSuppression::tabListsTheRelaysSuppression()
{
    const QString error = m_fixture.start(QFINDTESTDATA("../fixtures/upstream/upstream.py"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = std::make_unique<Ui::BouncesPage>(m_fixture.relay());
    m_page->resize(1100, 650);
    m_page->show();
    m_tabs = m_page->findChild<QTabWidget*>(QStringLiteral("bounceTabs"));
    m_tab = m_page->findChild<Ui::SuppressionsTab*>();
    QVERIFY(m_tabs && m_tab);
    m_view = m_tab->findChild<QTableView*>(QStringLiteral("suppressionView"));
    QVERIFY(m_view);
    QAbstractItemModelTester tester(m_tab->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_tabs->setCurrentWidget(m_tab);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->isVisible(), timeoutMs);

    // Real results: delivered, deferred, and failed (550 5.1.1) for
    // reject-me@, whose message has the null sender: nothing to suppress.
    const QString sent = m_fixture.sendThree();
    QVERIFY2(sent.isEmpty(), qPrintable(sent));
    const QString results = m_fixture.waitForResults();
    QVERIFY2(results.isEmpty(), qPrintable(results));
    QCOMPARE(m_view->model()->rowCount(), 0);
    // The same failure for a real sender suppresses reject-me@ for its domain.
    const QString fourth = sendFrom("scanner@example.com", Rejected.toUtf8());
    QVERIFY2(fourth.isEmpty(), qPrintable(fourth));
    // The relay's own change notification refreshes the visible tab.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(Rejected) >= 0, timeoutMs);
    const int row = rowOf(Rejected);
    QCOMPARE(m_view->model()->index(row, Ui::SuppressionModel::ReasonColumn).data().toString(),
             QStringLiteral("userunknown"));
    QCOMPARE(m_view->model()->index(row, Ui::SuppressionModel::DomainColumn).data().toString(),
             QStringLiteral("example.com"));
    QVERIFY(!m_view->model()
                 ->index(row, Ui::SuppressionModel::SourceColumn)
                 .data()
                 .toString()
                 .isEmpty());
    QCOMPARE(m_view->model()->rowCount(), 1); // the delivered and deferred ones are not listed

    // Search narrows the list.
    auto* filter = m_tab->findChild<QLineEdit*>(QStringLiteral("suppressionFilter"));
    QTest::keyClicks(filter, QStringLiteral("nobody-matches-this"));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 0, timeoutMs);
    filter->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_view->model()->rowCount(), 1, timeoutMs);
}

void TestSuppression::addByHandReachesTheCore()
{
    QVERIFY(m_tab);
    auto* recipient = m_tab->findChild<QLineEdit*>(QStringLiteral("suppressionRecipient"));
    auto* domain = m_tab->findChild<QLineEdit*>(QStringLiteral("suppressionDomain"));
    auto* add = m_tab->findChild<QPushButton*>(QStringLiteral("suppressionAdd"));
    auto* status = m_tab->findChild<QLabel*>(QStringLiteral("suppressionStatus"));
    // Not an address: refused in the tab, nothing sent.
    QTest::keyClicks(recipient, QStringLiteral("not-an-address"));
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(status->text(), QStringLiteral("Enter the recipient's address to suppress."));
    recipient->clear();

    QSignalSpy done(m_fixture.relay(), &Service::RelayService::actionDone);
    QTest::keyClicks(recipient, QStringLiteral("Manual@Example.ORG"));
    QTest::keyClicks(domain, QStringLiteral("office.example"));
    QTest::mouseClick(add, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), timeoutMs);
    const auto result = done.takeFirst().at(0).value<Service::ActionResult>();
    QCOMPARE(result.action, QStringLiteral("suppress"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(QStringLiteral("manual@example.org")) >= 0, timeoutMs);
    const int row = rowOf(QStringLiteral("manual@example.org"));
    QCOMPARE(m_view->model()->index(row, Ui::SuppressionModel::DomainColumn).data().toString(),
             QStringLiteral("office.example"));
    QCOMPARE(m_view->model()->index(row, Ui::SuppressionModel::ReasonColumn).data().toString(),
             QStringLiteral("manual"));
    QVERIFY(recipient->text().isEmpty());
}

void TestSuppression::removeReachesTheCore()
{
    QVERIFY(m_tab);
    const int row = rowOf(Rejected);
    QVERIFY(row >= 0);
    auto* remove = m_tab->findChild<QPushButton*>(QStringLiteral("suppressionRemove"));
    QVERIFY(!remove->isEnabled());
    m_view->selectRow(row);
    QVERIFY(remove->isEnabled());
    QVERIFY(m_tab->findChild<QCheckBox*>(QStringLiteral("suppressionRetryHeld"))->isChecked());
    QSignalSpy done(m_fixture.relay(), &Service::RelayService::actionDone);
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), timeoutMs);
    const auto result = done.takeFirst().at(0).value<Service::ActionResult>();
    QCOMPARE(result.action, QStringLiteral("unsuppress"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QTRY_COMPARE_WITH_TIMEOUT(rowOf(Rejected), -1, timeoutMs);

    // The core's own list agrees (asked directly, not through the tab).
    QSignalSpy listed(m_fixture.relay(), &Service::RelayService::suppressionsReady);
    m_fixture.relay()->requestSuppressions({});
    QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), timeoutMs);
    const auto entries = listed.constLast().at(0).value<QVector<SuppressionEntry>>();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.constFirst().recipient, QStringLiteral("manual@example.org"));

    // Removing it again: the core says it is not there.
    done.clear();
    m_fixture.relay()->removeSuppression(QStringLiteral("example.com"), Rejected, false);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), timeoutMs);
    QVERIFY(done.takeFirst().at(0).value<Service::ActionResult>().error.contains(
        QStringLiteral("is not suppressed")));
}

void TestSuppression::droppedBounceIsClassified()
{
    QVERIFY(m_page);
    auto* drop = m_page->findChild<Ui::BounceDropArea*>();
    QVERIFY(drop);
    m_tabs->setCurrentWidget(drop);
    const QString eml = QFINDTESTDATA("../core/bounce/data/classifier/dsn-two-recipients.eml");
    QVERIFY(!eml.isEmpty());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(eml)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(drop, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(drop, &event);
    auto* view = drop->findChild<QTableView*>(QStringLiteral("bounceDropView"));
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, timeoutMs);
    const QAbstractItemModel* model = view->model();
    QCOMPARE(model->index(0, Ui::BounceDropModel::RecipientColumn).data().toString(),
             QStringLiteral("alice@example.org"));
    QVERIFY(model->index(0, Ui::BounceDropModel::ReasonColumn)
                .data()
                .toString()
                .contains(QStringLiteral("(userunknown)")));
    QCOMPARE(model->index(0, Ui::BounceDropModel::HardColumn).data().toString(),
             QStringLiteral("hard"));
    QCOMPARE(model->index(0, Ui::BounceDropModel::StatusColumn).data().toString(),
             QStringLiteral("5.1.1"));
    QVERIFY(!model->index(0, Ui::BounceDropModel::ExplanationColumn).data().toString().isEmpty());
    QVERIFY(!model->index(0, Ui::BounceDropModel::FixColumn).data().toString().isEmpty());
    QVERIFY(model->index(1, Ui::BounceDropModel::ReasonColumn)
                .data()
                .toString()
                .contains(QStringLiteral("(mailboxfull)")));
    QCOMPARE(model->index(1, Ui::BounceDropModel::HardColumn).data().toString(),
             QStringLiteral("soft"));
    QVERIFY(drop->findChild<QLabel*>(QStringLiteral("bounceDropStatus"))
                ->text()
                .contains(QStringLiteral("2 recipient")));
}

void TestSuppression::unreadableDropShowsAnError()
{
    auto* drop = m_page->findChild<Ui::BounceDropArea*>();
    auto* status = drop->findChild<QLabel*>(QStringLiteral("bounceDropStatus"));
    drop->classifyFile(m_fixture.path(QStringLiteral("no-such-file.eml")));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("cannot read ")), timeoutMs);
    QCOMPARE(drop->model()->rowCount(), 0);
    // Something that is not a bounce at all.
    QFile plain(m_fixture.path(QStringLiteral("plain.eml")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("");
    plain.close();
    drop->classifyFile(plain.fileName());
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("does not look like a bounce")),
                             timeoutMs);
}

QTEST_MAIN(TestSuppression)
#include "TestSuppression.moc"
