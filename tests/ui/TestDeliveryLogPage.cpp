// The Delivery log page against a real core and a real upstream that
// delivers one recipient, defers one and rejects one: the page shows the
// three results, filters them by result, recipient, device, reply and
// time through its real widgets, drops answers to stale queries, opens a
// message on Enter / double-click, and exports the filtered rows as CSV
// through its file dialog (the file is read back by Python's csv module).

#include "DeliveryLogModel.h"
#include "DeliveryLogPage.h"
#include "LogPagesFixture.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

using namespace RelayDesk;
using Model = Ui::DeliveryLogModel;

namespace {

constexpr int timeoutMs = 20000;

QString cellOf(const QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data().toString();
}

/// Row of `recipient` in the view's model, or -1.
int rowOf(const QAbstractItemModel* model, const QString& recipient)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (cellOf(model, r, Model::RecipientColumn) == recipient)
            return r;
    return -1;
}

QStringList recipients(const QAbstractItemModel* model)
{
    QStringList list;
    for (int r = 0; r < model->rowCount(); ++r)
        list << cellOf(model, r, Model::RecipientColumn);
    list.sort();
    return list;
}

/// The CSV file parsed by an independent reader (Python's csv module).
QJsonArray parseCsv(const QString& path)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import csv, json, sys\n"
                                 "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                 "    print(json.dumps(list(csv.reader(f))))\n"),
                  path});
    if (!python.waitForFinished(15000) || python.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

} // namespace

class TestDeliveryLogPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void showsTheThreeResults();
    void filtersByResult();
    void filtersByTextFields();
    void customTimeRange();
    void dropsAnswersToOtherQueries();
    void activatingARowOpensTheMessage();
    void exportsFilteredRowsThroughTheDialog();
    void exportFailureIsShown();

private:
    Tests::LogPagesFixture m_fixture;
    std::unique_ptr<Ui::DeliveryLogPage> m_page;
    QTableView* m_view = nullptr;
    QComboBox* m_state = nullptr;
};

void TestDeliveryLogPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear(); // no header layout saved by an earlier run
    const QString error = m_fixture.start(QFINDTESTDATA("../fixtures/upstream/upstream.py"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = std::make_unique<Ui::DeliveryLogPage>(m_fixture.relay());
    m_page->resize(1200, 600);
    m_page->show();
    m_view = m_page->findChild<QTableView*>(QStringLiteral("logView"));
    m_state = m_page->findChild<QComboBox*>(QStringLiteral("stateFilter"));
    QVERIFY(m_view && m_state);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->findChild<QLabel*>(QStringLiteral("rowCountLabel"))
                                 ->text()
                                 .contains(QStringLiteral("No delivery attempts")),
                             timeoutMs);

    const QString sent = m_fixture.sendThree();
    QVERIFY2(sent.isEmpty(), qPrintable(sent));
    const QString results = m_fixture.waitForResults();
    QVERIFY2(results.isEmpty(), qPrintable(results));
}

void TestDeliveryLogPage::cleanupTestCase()
{
    m_page.reset();
    const QString error = m_fixture.stop();
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestDeliveryLogPage::showsTheThreeResults()
{
    // The page refreshes by itself (status change / timer): no F5 needed.
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    const int delivered = rowOf(model, QStringLiteral("office@example.net"));
    const int deferred = rowOf(model, QStringLiteral("defer-me@example.net"));
    const int failed = rowOf(model, QStringLiteral("reject-me@example.net"));
    QVERIFY(delivered >= 0 && deferred >= 0 && failed >= 0);

    QCOMPARE(cellOf(model, delivered, Model::ResultColumn), QStringLiteral("Delivered"));
    QCOMPARE(cellOf(model, delivered, Model::SenderColumn), QStringLiteral("scanner@example.com"));
    QCOMPARE(cellOf(model, delivered, Model::CodeColumn), QStringLiteral("250"));
    QVERIFY(!cellOf(model, delivered, Model::UpstreamQueueIdColumn).isEmpty());
    QCOMPARE(cellOf(model, deferred, Model::ResultColumn), QStringLiteral("Deferred"));
    QCOMPARE(cellOf(model, deferred, Model::SenderColumn), QStringLiteral("copier@example.com"));
    QCOMPARE(cellOf(model, deferred, Model::CodeColumn), QStringLiteral("450"));
    QCOMPARE(cellOf(model, deferred, Model::StatusColumn), QStringLiteral("4.2.0"));
    QCOMPARE(cellOf(model, failed, Model::ResultColumn), QStringLiteral("Failed"));
    QCOMPARE(cellOf(model, failed, Model::SenderColumn), QStringLiteral("<>"));
    QCOMPARE(cellOf(model, failed, Model::CodeColumn), QStringLiteral("550"));
    QCOMPARE(cellOf(model, failed, Model::StatusColumn), QStringLiteral("5.1.1"));
    QVERIFY(cellOf(model, failed, Model::ReplyColumn).contains(QStringLiteral("User unknown")));
    for (int row : {delivered, deferred, failed}) {
        QCOMPARE(cellOf(model, row, Model::DeviceColumn),
                 QStringLiteral("127.0.0.1 (scanner.lan)"));
        QCOMPARE(cellOf(model, row, Model::UpstreamHostColumn), m_fixture.upstreamHost());
    }
    // Newest first: the time column sorts descending by value.
    for (int r = 1; r < model->rowCount(); ++r)
        QVERIFY(model->index(r - 1, 0).data(Model::SortRole).toDateTime() >=
                model->index(r, 0).data(Model::SortRole).toDateTime());
    QCOMPARE(m_page->findChild<QLabel*>(QStringLiteral("rowCountLabel"))->text(),
             QStringLiteral("3 row(s)"));
}

void TestDeliveryLogPage::filtersByResult()
{
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    const QList<QPair<Store::RecipientState, QString>> cases{
        {Store::RecipientState::Failed, QStringLiteral("reject-me@example.net")},
        {Store::RecipientState::Deferred, QStringLiteral("defer-me@example.net")},
        {Store::RecipientState::Delivered, QStringLiteral("office@example.net")},
    };
    for (const auto& [state, recipient] : cases) {
        // Through the keyboard, as a user would pick it.
        m_state->setFocus();
        QTest::keyClick(m_state, Qt::Key_Home);
        while (m_state->currentData().toInt() != int(state)) {
            const int before = m_state->currentIndex();
            QTest::keyClick(m_state, Qt::Key_Down);
            QVERIFY(m_state->currentIndex() != before);
        }
        QTRY_COMPARE_WITH_TIMEOUT(recipients(model), QStringList{recipient}, timeoutMs);
    }
    m_state->setCurrentIndex(m_state->findData(-1));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
}

void TestDeliveryLogPage::filtersByTextFields()
{
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    struct Case
    {
        const char* field;
        QString text;
        QStringList expected;
    };
    const QList<Case> cases{
        {"recipientFilter", QStringLiteral("DEFER"), {QStringLiteral("defer-me@example.net")}},
        {"senderFilter", QStringLiteral("scanner@"), {QStringLiteral("office@example.net")}},
        {"replyFilter", QStringLiteral("550 5.1.1"), {QStringLiteral("reject-me@example.net")}},
        {"deviceFilter",
         QStringLiteral("scanner.lan"),
         {QStringLiteral("defer-me@example.net"), QStringLiteral("office@example.net"),
          QStringLiteral("reject-me@example.net")}},
        {"deviceFilter", QStringLiteral("10.9.9.9"), {}},
    };
    for (const Case& c : cases) {
        auto* edit = m_page->findChild<QLineEdit*>(QLatin1String(c.field));
        QVERIFY(edit);
        edit->setFocus();
        QTest::keyClicks(edit, c.text);
        QTRY_COMPARE_WITH_TIMEOUT(recipients(model), c.expected, timeoutMs);
        if (c.expected.isEmpty())
            QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("rowCountLabel"))
                        ->text()
                        .contains(QStringLiteral("No delivery attempts")));
        edit->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    }
    // Ctrl+F puts the cursor into the recipient filter.
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(),
             m_page->findChild<QLineEdit*>(QStringLiteral("recipientFilter")));
}

void TestDeliveryLogPage::customTimeRange()
{
    const auto* model = m_view->model();
    auto* range = m_page->findChild<QComboBox*>(QStringLiteral("timeRange"));
    auto* from = m_page->findChild<QDateTimeEdit*>(QStringLiteral("fromEdit"));
    auto* to = m_page->findChild<QDateTimeEdit*>(QStringLiteral("toEdit"));
    QVERIFY(range && from && to);
    QVERIFY(!from->isEnabled());
    range->setCurrentIndex(range->findData(int(Ui::DeliveryLogPage::Range::Custom)));
    QVERIFY(from->isEnabled() && to->isEnabled());
    const QDateTime now = QDateTime::currentDateTime();
    // A window in the past: nothing.
    from->setDateTime(now.addDays(-3));
    to->setDateTime(now.addDays(-2));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, timeoutMs);
    // A window around now: all three.
    to->setDateTime(now.addSecs(3600));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    range->setCurrentIndex(range->findData(int(Ui::DeliveryLogPage::Range::LastHour)));
    QVERIFY(!from->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
}

void TestDeliveryLogPage::dropsAnswersToOtherQueries()
{
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    // Someone else's query (as an old, superseded one would be) must not
    // replace what the filter bar asks for.
    QSignalSpy answers(m_fixture.relay(), &Service::RelayService::deliveryLogReady);
    Service::DeliveryLogQuery other;
    other.recipient = QStringLiteral("reject-me");
    m_fixture.relay()->queryDeliveryLog(other);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const auto& args : answers)
                if (args.at(0).value<Service::DeliveryLogQuery>().recipient ==
                    QLatin1String("reject-me"))
                    return true;
            return false;
        }(),
        timeoutMs);
    QCOMPARE(model->rowCount(), 3);
}

void TestDeliveryLogPage::activatingARowOpensTheMessage()
{
    const auto* model = m_view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    QSignalSpy activated(m_page.get(), &Ui::DeliveryLogPage::messageActivated);
    const int failed = rowOf(model, QStringLiteral("reject-me@example.net"));
    const qint64 id = model->index(failed, 0).data(Model::MessageIdRole).toLongLong();
    QVERIFY(id > 0);
    m_view->setFocus();
    m_view->setCurrentIndex(model->index(failed, Model::RecipientColumn));
    QTest::keyClick(m_view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), id);

    const int delivered = rowOf(model, QStringLiteral("office@example.net"));
    const QRect rect = m_view->visualRect(model->index(delivered, Model::RecipientColumn));
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(m_view->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toLongLong(),
             model->index(delivered, 0).data(Model::MessageIdRole).toLongLong());
    QVERIFY(activated.at(1).at(0).toLongLong() != id);
}

void TestDeliveryLogPage::exportsFilteredRowsThroughTheDialog()
{
    const auto* model = m_view->model();
    // Only what the filter shows is exported: "4.2.0" matches the deferred row.
    auto* reply = m_page->findChild<QLineEdit*>(QStringLiteral("replyFilter"));
    reply->setText(QStringLiteral("4.2.0"));
    QTRY_COMPARE_WITH_TIMEOUT(recipients(model),
                              QStringList{QStringLiteral("defer-me@example.net")}, timeoutMs);

    const QString path = m_fixture.path(QStringLiteral("export-deferred.csv"));
    auto* button = m_page->findChild<QPushButton*>(QStringLiteral("exportButton"));
    QVERIFY(button && button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QFileDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<QFileDialog*>(QStringLiteral("exportDialog"))));
    QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
    dialog->selectFile(path);
    static_cast<QDialog*>(dialog)->accept(); // what "Save" does (public through QDialog)

    auto* status = m_page->findChild<QLabel*>(QStringLiteral("exportStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Exported")), timeoutMs);
    QVERIFY2(status->text().contains(QStringLiteral("1 row")), qPrintable(status->text()));
    QVERIFY(button->isEnabled());

    const QJsonArray rows = parseCsv(path);
    QCOMPARE(rows.size(), 2); // header + the one deferred row
    const QJsonArray header = rows.at(0).toArray();
    const QJsonArray row = rows.at(1).toArray();
    QCOMPARE(header.size(), row.size());
    QStringList names;
    for (const auto& name : header)
        names << name.toString();
    QVERIFY(names.contains(QStringLiteral("recipient")));
    QCOMPARE(row.at(names.indexOf(QStringLiteral("recipient"))).toString(),
             QStringLiteral("defer-me@example.net"));
    QCOMPARE(row.at(names.indexOf(QStringLiteral("result"))).toString(),
             QStringLiteral("deferred"));
    QCOMPARE(row.at(names.indexOf(QStringLiteral("code"))).toString(), QStringLiteral("450"));
    QCOMPARE(row.at(names.indexOf(QStringLiteral("sender"))).toString(),
             QStringLiteral("copier@example.com"));

    // Without a filter all three rows are exported.
    reply->clear();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, timeoutMs);
    const QString all = m_fixture.path(QStringLiteral("export-all.csv"));
    m_page->exportTo(all);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("3 row")), timeoutMs);
    const QJsonArray allRows = parseCsv(all);
    QCOMPARE(allRows.size(), 4);
    QStringList exported;
    const int column = names.indexOf(QStringLiteral("recipient"));
    for (int i = 1; i < allRows.size(); ++i)
        exported << allRows.at(i).toArray().at(column).toString();
    exported.sort();
    QCOMPARE(exported, recipients(model));
}

void TestDeliveryLogPage::exportFailureIsShown()
{
    auto* status = m_page->findChild<QLabel*>(QStringLiteral("exportStatus"));
    auto* button = m_page->findChild<QPushButton*>(QStringLiteral("exportButton"));
    const QString path = m_fixture.path(QStringLiteral("no-such-dir/export.csv"));
    m_page->exportTo(path);
    QVERIFY(!button->isEnabled()); // one export at a time
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("failed")), timeoutMs);
    QVERIFY(button->isEnabled());
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestDeliveryLogPage)
#include "TestDeliveryLogPage.moc"
