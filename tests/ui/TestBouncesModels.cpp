// BounceGroupModel and BounceRecipientModel from value snapshots, watched by
// the model tester: fill, a refresh that merges by key (the selected group
// keeps its persistent index), another group that replaces the recipients,
// value sorting through a proxy, and the reply text.

#include "BounceGroupModel.h"
#include "BounceRecipientModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace RelayDesk;
using Groups = Ui::BounceGroupModel;
using Recipients = Ui::BounceRecipientModel;

namespace {

const QDateTime base = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

Service::FailedRecipient failed(qint64 id, int minutes, int code = 550,
                                const QString& status = QStringLiteral("5.1.1"))
{
    Service::FailedRecipient r;
    r.messageId = 1000 + id;
    r.recipientId = id;
    r.failedAt = base.addSecs(60 * minutes);
    r.sender = QStringLiteral("scanner@example.com");
    r.recipient = QStringLiteral("gone%1@example.net").arg(id);
    r.clientAddress = QStringLiteral("192.0.2.7");
    r.replyCode = code;
    r.enhancedStatus = status;
    r.replyText = QStringLiteral("User unknown");
    r.upstreamHost = QStringLiteral("smtp.example.net:25");
    return r;
}

Service::BounceGroup group(const QString& reason, bool hard, QVector<Service::FailedRecipient> rs)
{
    Service::BounceGroup g;
    g.reason = reason;
    g.title = QStringLiteral("Title of %1").arg(reason);
    g.explanation = QStringLiteral("Explanation of %1").arg(reason);
    g.fix = QStringLiteral("Fix for %1").arg(reason);
    g.hard = hard;
    g.recipients = std::move(rs);
    return g;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class TestBouncesModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsFillAndMerge();
    void groupsSortByCountAsNumber();
    void recipientsMergeAndReplace();
    void replyText_data();
    void replyText();
};

void TestBouncesModels::groupsFillAndMerge()
{
    Groups model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setGroups({group(QStringLiteral("userunknown"), true, {failed(1, 0), failed(2, 1)}),
                     group(QStringLiteral("mailboxfull"), false, {failed(3, 2)}),
                     group(QStringLiteral("spamdetected"), true, {failed(4, 3)})});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(Groups::ColumnCount));
    QCOMPARE(cell(model, 0, Groups::TitleColumn), QStringLiteral("Title of userunknown"));
    QCOMPARE(model.data(model.index(0, Groups::CountColumn)).toInt(), 2);
    QCOMPARE(cell(model, 0, Groups::KindColumn), QStringLiteral("Permanent"));
    QCOMPARE(cell(model, 1, Groups::KindColumn), QStringLiteral("Temporary"));
    QCOMPARE(model.data(model.index(1, 0), Groups::ReasonRole).toString(),
             QStringLiteral("mailboxfull"));
    QCOMPARE(model.rowOf(QStringLiteral("spamdetected")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("nosuchreason")), -1);

    const QPersistentModelIndex spam(model.index(2, 0));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // mailboxfull is gone, userunknown grew, spamdetected is unchanged, a
    // group without a title is new.
    auto untitled = group(QStringLiteral("undefined"), false, {failed(9, 9, 0, {})});
    untitled.title.clear();
    model.setGroups(
        {untitled, group(QStringLiteral("spamdetected"), true, {failed(4, 3)}),
         group(QStringLiteral("userunknown"), true, {failed(1, 0), failed(2, 1), failed(5, 4)})});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1); // only userunknown
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(spam.isValid());
    QCOMPARE(spam.data(Groups::ReasonRole).toString(), QStringLiteral("spamdetected"));
    QCOMPARE(
        model.data(model.index(model.rowOf(QStringLiteral("userunknown")), Groups::CountColumn))
            .toInt(),
        3);
    // Without a title the reason name stands in.
    QCOMPARE(cell(model, model.rowOf(QStringLiteral("undefined")), Groups::TitleColumn),
             QStringLiteral("undefined"));

    model.setGroups({});
    QCOMPARE(model.rowCount(), 0);
}

void TestBouncesModels::groupsSortByCountAsNumber()
{
    Groups model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Groups::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVector<Service::FailedRecipient> ten;
    for (int i = 0; i < 10; ++i)
        ten << failed(100 + i, i);
    // As strings "10" < "9"; as numbers 9 < 10.
    QVector<Service::FailedRecipient> nine = ten.mid(0, 9);
    for (auto& r : nine)
        r.recipientId += 100;
    model.setGroups({group(QStringLiteral("ten"), true, ten),
                     group(QStringLiteral("nine"), true, nine),
                     group(QStringLiteral("one"), false, {failed(1, 1)})});
    proxy.sort(Groups::CountColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(Groups::ReasonRole).toString(), QStringLiteral("ten"));
    QCOMPARE(proxy.index(1, 0).data(Groups::ReasonRole).toString(), QStringLiteral("nine"));
    QCOMPARE(proxy.index(2, 0).data(Groups::ReasonRole).toString(), QStringLiteral("one"));
}

void TestBouncesModels::recipientsMergeAndReplace()
{
    Recipients model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Recipients::SortRole);
    proxy.sort(Recipients::TimeColumn, Qt::DescendingOrder);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecipients({failed(1, 0), failed(2, 5), failed(3, 10)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(proxy.index(0, 0).data(Recipients::MessageIdRole).toLongLong(), 1003); // newest
    QCOMPARE(cell(model, 0, Recipients::RecipientColumn), QStringLiteral("gone1@example.net"));
    QCOMPARE(cell(model, 0, Recipients::SenderColumn), QStringLiteral("scanner@example.com"));
    QCOMPARE(cell(model, 0, Recipients::DeviceColumn), QStringLiteral("192.0.2.7"));
    QCOMPARE(cell(model, 0, Recipients::ReplyColumn), QStringLiteral("550 5.1.1 User unknown"));
    QVERIFY(model.data(model.index(0, Recipients::ReplyColumn), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("smtp.example.net:25")));

    // The same group refreshed with one more: merged, no reset.
    const QPersistentModelIndex second(model.index(1, 0));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setRecipients({failed(4, 20), failed(1, 0), failed(2, 5), failed(3, 10)});
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QVERIFY(second.isValid());
    QCOMPARE(second.data(Recipients::MessageIdRole).toLongLong(), 1002);
    QCOMPARE(proxy.index(0, 0).data(Recipients::MessageIdRole).toLongLong(), 1004);

    // Another group: replaced with one reset.
    model.setRecipients({failed(7, 1), failed(8, 2)});
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    auto nullSender = failed(9, 3);
    nullSender.sender.clear();
    model.setRecipients({failed(7, 1), failed(8, 2), nullSender});
    QCOMPARE(cell(model, 2, Recipients::SenderColumn), QStringLiteral("<>"));
    model.setRecipients({});
    QCOMPARE(model.rowCount(), 0);
}

void TestBouncesModels::replyText_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("full") << 550 << "5.1.1"
                          << "User unknown"
                          << "550 5.1.1 User unknown";
    QTest::newRow("status repeated in the text") << 550 << "5.1.1"
                                                 << "5.1.1 <a@example.net>: User unknown"
                                                 << "550 5.1.1 <a@example.net>: User unknown";
    QTest::newRow("no enhanced status") << 554 << QString() << "Rejected"
                                        << "554 Rejected";
    QTest::newRow("multi-line text is one line") << 550 << "5.7.1"
                                                 << "Message rejected\n  as spam"
                                                 << "550 5.7.1 Message rejected as spam";
    QTest::newRow("no reply (connection failure)") << 0 << QString() << "Connection refused"
                                                   << "Connection refused";
}

void TestBouncesModels::replyText()
{
    QFETCH(int, code);
    QFETCH(QString, status);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    Service::FailedRecipient r;
    r.replyCode = code;
    r.enhancedStatus = status;
    r.replyText = text;
    QCOMPARE(Recipients::replyText(r), expected);
}

QTEST_MAIN(TestBouncesModels)
#include "TestBouncesModels.moc"
