// The Queue page's model and filter proxy: batches merge by message id
// without resets (QAbstractItemModelTester watching every step), sort
// roles carry raw values, the proxy filters by state and text, and a real
// store with 100,000 queued messages loads through RelayService::requestQueue
// and filters.

#include "QueueFilterProxy.h"
#include "QueueModel.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"
#include "store/SqliteStore.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Service::QueueRow;
using Store::RecipientState;
using Ui::QueueFilterProxy;
using Ui::QueueModel;
using IdList = QList<qint64>;
using Batches = QList<IdList>;

Q_DECLARE_METATYPE(QueueFilterProxy::StateFilter)

namespace {

const QDateTime BaseTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC);

QueueRow makeRow(qint64 id, int attempts = 0)
{
    QueueRow row;
    row.messageId = id;
    row.receivedAt = BaseTime.addSecs(id);
    row.sender = QStringLiteral("sender%1@example.com").arg(id);
    row.recipients = {QStringLiteral("rcpt%1@example.net").arg(id)};
    row.totalRecipients = 1;
    row.size = 1000 + id;
    row.clientAddress = QStringLiteral("192.0.2.%1").arg(id % 250);
    row.heloName = QStringLiteral("printer%1.lan").arg(id);
    row.route = QStringLiteral("default");
    row.state = RecipientState::Queued;
    row.attempts = attempts;
    return row;
}

QVector<QueueRow> rowsFor(const IdList& ids, const IdList& changed = {})
{
    QVector<QueueRow> rows;
    for (qint64 id : ids)
        rows.append(makeRow(id, changed.contains(id) ? 1 : 0));
    return rows;
}

IdList modelIds(const QueueModel& model)
{
    IdList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.messageIdAt(row));
    return ids;
}

void loadAll(QueueModel& model, const Batches& batches)
{
    model.beginRefresh();
    for (int i = 0; i < batches.size(); ++i)
        model.applyBatch(rowsFor(batches.at(i)), i == batches.size() - 1);
}

} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstLoadInBatches();
    void refreshMerges_data();
    void refreshMerges();
    void changedRowsSignalTheirRange();
    void sortRolesCarryRawValues();
    void proxySortsByValue();
    void proxyFilters_data();
    void proxyFilters();
    void hundredThousandQueuedMessages();
};

void TestQueueModel::firstLoadInBatches()
{
    QueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QueueFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);

    QVERIFY(!model.hasLoaded());
    model.beginRefresh();
    QVERIFY(model.isRefreshing());
    model.applyBatch(rowsFor({1, 2, 3}), false);
    QCOMPARE(model.rowCount(), 3);
    model.applyBatch(rowsFor({4, 5}), false);
    model.applyBatch(rowsFor({6}), true);
    QVERIFY(!model.isRefreshing());
    QVERIFY(model.hasLoaded());
    QCOMPARE(modelIds(model), (IdList{1, 2, 3, 4, 5, 6}));
    QCOMPARE(proxy.rowCount(), 6);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 3); // one run per batch
    QCOMPARE(model.columnCount(), int(QueueModel::ColumnCount));
    QCOMPARE(model.rowOf(4), 3);
    QCOMPARE(model.rowOf(99), -1);

    // An empty queue: one empty last batch removes everything.
    loadAll(model, {{}});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
}

void TestQueueModel::refreshMerges_data()
{
    QTest::addColumn<IdList>("initial");
    QTest::addColumn<Batches>("batches");
    QTest::addColumn<IdList>("changed");
    QTest::addColumn<IdList>("expected");

    const IdList ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("unchanged") << ten << Batches{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}} << IdList{}
                               << ten;
    QTest::newRow("new at end") << ten << Batches{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}}
                                << IdList{} << IdList{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    QTest::newRow("new in middle")
        << IdList{1, 5, 9} << Batches{{1, 2, 3}, {5, 6, 9}} << IdList{} << IdList{1, 2, 3, 5, 6, 9};
    QTest::newRow("removed at start")
        << ten << Batches{{4, 5}, {6, 7, 8, 9, 10}} << IdList{} << IdList{4, 5, 6, 7, 8, 9, 10};
    QTest::newRow("removed across batch boundary")
        << ten << Batches{{1, 2, 3}, {7, 8}, {10}} << IdList{7} << IdList{1, 2, 3, 7, 8, 10};
    QTest::newRow("removed at end")
        << ten << Batches{{1, 2, 3, 4, 5}, {6}} << IdList{} << IdList{1, 2, 3, 4, 5, 6};
    QTest::newRow("all gone") << ten << Batches{{}} << IdList{} << IdList{};
    QTest::newRow("updated and removed")
        << ten << Batches{{1, 3, 5}, {7, 9}} << IdList{3, 9} << IdList{1, 3, 5, 7, 9};
    QTest::newRow("everything replaced")
        << IdList{1, 2, 3} << Batches{{4, 5}, {6}} << IdList{} << IdList{4, 5, 6};
    QTest::newRow("unsorted batch")
        << IdList{1, 2, 3} << Batches{{3, 1, 4}, {6, 5}} << IdList{1} << IdList{1, 3, 4, 5, 6};
    QTest::newRow("duplicate in batch")
        << IdList{1, 2} << Batches{{1, 2, 2, 3}} << IdList{} << IdList{1, 2, 3};
    QTest::newRow("from empty") << IdList{} << Batches{{1, 2}, {3}} << IdList{} << IdList{1, 2, 3};
    IdList forty, odd, withEven;
    for (qint64 id = 1; id <= 40; ++id) {
        forty << id;
        if (id % 2)
            odd << id;
    }
    for (qint64 id = 1; id <= 80; ++id)
        if (id % 2 || id > 60)
            withEven << id;
    // Many scattered runs in one batch take the layout-change path.
    QTest::newRow("scattered removals")
        << forty << Batches{odd.mid(0, 10), odd.mid(10)} << IdList{5, 25} << odd;
    QTest::newRow("scattered inserts")
        << odd << Batches{withEven.mid(0, 30), withEven.mid(30)} << IdList{3, 39} << withEven;
    QTest::newRow("empty middle batch")
        << ten << Batches{{1, 2}, {}, {10}} << IdList{} << IdList{1, 2, 10};
}

void TestQueueModel::refreshMerges()
{
    QFETCH(IdList, initial);
    QFETCH(Batches, batches);
    QFETCH(IdList, changed);
    QFETCH(IdList, expected);

    QueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QueueFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(QueueModel::SizeColumn, Qt::DescendingOrder);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    loadAll(model, {initial});
    QCOMPARE(modelIds(model), initial);

    // Selection and scrolling hang on persistent indexes: survivors must
    // keep pointing at the same message.
    QList<QPersistentModelIndex> persistent;
    for (int row = 0; row < model.rowCount(); ++row)
        persistent.append(QPersistentModelIndex(model.index(row, QueueModel::SenderColumn)));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    model.beginRefresh();
    for (int i = 0; i < batches.size(); ++i) {
        QVector<QueueRow> rows;
        for (qint64 id : batches.at(i))
            rows.append(makeRow(id, changed.contains(id) ? 1 : 0));
        model.applyBatch(rows, i == batches.size() - 1);
    }

    QCOMPARE(modelIds(model), expected);
    QCOMPARE(proxy.rowCount(), expected.size());
    QCOMPARE(resets.count(), 0);
    for (int i = 0; i < initial.size(); ++i) {
        const qint64 id = initial.at(i);
        if (expected.contains(id)) {
            QVERIFY(persistent.at(i).isValid());
            QCOMPARE(persistent.at(i).data(QueueModel::MessageIdRole).toLongLong(), id);
        } else {
            QVERIFY2(!persistent.at(i).isValid(), qPrintable(QString::number(id)));
        }
    }
    for (qint64 id : changed) {
        QVERIFY(model.rowOf(id) >= 0);
        QCOMPARE(model.rowAt(model.rowOf(id)).attempts, 1);
    }
    if (!layouts.isEmpty())
        return; // a layout change tells views to re-read every row
    // Only rows that existed before and changed are signalled.
    IdList signalled;
    for (const QList<QVariant>& args : changes) {
        const auto from = args.at(0).toModelIndex();
        const auto to = args.at(1).toModelIndex();
        QCOMPARE(from.column(), 0);
        QCOMPARE(to.column(), int(QueueModel::LastReplyColumn));
        for (int row = from.row(); row <= to.row(); ++row)
            signalled.append(model.messageIdAt(row));
    }
    for (qint64 id : changed)
        if (initial.contains(id))
            QVERIFY2(signalled.contains(id), qPrintable(QString::number(id)));
    if (changed.isEmpty())
        QCOMPARE(changes.count(), 0);
}

void TestQueueModel::changedRowsSignalTheirRange()
{
    QueueModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    loadAll(model, {{1, 2, 3, 4, 5, 6, 7, 8}});
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.beginRefresh();
    model.applyBatch(rowsFor({1, 2, 3, 4, 5, 6, 7, 8}, {3, 4, 6}), true);
    // One signal per batch covering the changed range, not per row and not
    // the whole table.
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 2);
    QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 5);
}

void TestQueueModel::sortRolesCarryRawValues()
{
    QueueModel model;
    QueueRow row = makeRow(7, 3);
    row.state = RecipientState::Deferred;
    row.nextAttempt = BaseTime.addSecs(3600);
    row.lastCode = 451;
    row.lastReply = QStringLiteral("451 4.3.0 Try again later");
    model.beginRefresh();
    model.applyBatch({row}, true);

    auto sortValue = [&](int column) { return model.index(0, column).data(QueueModel::SortRole); };
    QCOMPARE(sortValue(QueueModel::TimeColumn).toDateTime(), row.receivedAt);
    QCOMPARE(sortValue(QueueModel::TimeColumn).typeId(), QMetaType::QDateTime);
    QCOMPARE(sortValue(QueueModel::SizeColumn).typeId(), QMetaType::LongLong);
    QCOMPARE(sortValue(QueueModel::SizeColumn).toLongLong(), row.size);
    QCOMPARE(sortValue(QueueModel::AttemptsColumn).toInt(), 3);
    QCOMPARE(sortValue(QueueModel::StateColumn).toInt(), int(RecipientState::Deferred));
    QCOMPARE(sortValue(QueueModel::NextAttemptColumn).toDateTime(), row.nextAttempt);
    QCOMPARE(sortValue(QueueModel::LastReplyColumn).toString(), row.lastReply);
    QCOMPARE(model.index(0, 0).data(QueueModel::MessageIdRole).toLongLong(), 7);
    QCOMPARE(model.index(0, 0).data(QueueModel::StateRole).toInt(), int(RecipientState::Deferred));

    // What people see.
    QCOMPARE(model.index(0, QueueModel::StateColumn).data().toString(), QStringLiteral("Deferred"));
    QCOMPARE(model.index(0, QueueModel::DeviceColumn).data().toString(),
             QStringLiteral("192.0.2.7 (printer7.lan)"));
    QVERIFY(model.index(0, QueueModel::StateColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.headerData(QueueModel::NextAttemptColumn, Qt::Horizontal).toString().isEmpty());
    row.sender.clear();
    row.state = RecipientState::Held;
    model.beginRefresh();
    model.applyBatch({row}, true);
    QVERIFY(
        model.index(0, QueueModel::SenderColumn).data().toString().contains(QLatin1String("<>")));
    QCOMPARE(model.index(0, QueueModel::NextAttemptColumn).data().toString(), QStringLiteral("–"));
}

void TestQueueModel::proxySortsByValue()
{
    QueueModel model;
    QueueFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    // Sizes 9, 100, 1000 sort "1000" < "100" < "9" as text; as numbers the
    // other way round. Times are chosen to disagree with id order.
    QVector<QueueRow> rows = rowsFor({1, 2, 3});
    rows[0].size = 1000;
    rows[1].size = 9;
    rows[2].size = 100;
    rows[0].receivedAt = BaseTime.addDays(2);
    rows[1].receivedAt = BaseTime.addDays(10);
    rows[2].receivedAt = BaseTime.addDays(1);
    rows[0].attempts = 10;
    rows[1].attempts = 2;
    rows[2].attempts = 1;
    model.beginRefresh();
    model.applyBatch(rows, true);

    auto proxyIds = [&] {
        IdList ids;
        for (int row = 0; row < proxy.rowCount(); ++row)
            ids.append(proxy.index(row, 0).data(QueueModel::MessageIdRole).toLongLong());
        return ids;
    };
    proxy.sort(QueueModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(proxyIds(), (IdList{2, 3, 1}));
    proxy.sort(QueueModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(proxyIds(), (IdList{3, 1, 2}));
    proxy.sort(QueueModel::AttemptsColumn, Qt::DescendingOrder);
    QCOMPARE(proxyIds(), (IdList{1, 2, 3}));

    // Sorted order follows a refresh that changes the sort key.
    rows[2].attempts = 50;
    model.beginRefresh();
    model.applyBatch(rows, true);
    QCOMPARE(proxyIds(), (IdList{3, 1, 2}));
}

void TestQueueModel::proxyFilters_data()
{
    QTest::addColumn<QueueFilterProxy::StateFilter>("state");
    QTest::addColumn<QString>("text");
    QTest::addColumn<IdList>("expected");

    using F = QueueFilterProxy::StateFilter;
    QTest::newRow("all") << F::All << QString() << IdList{1, 2, 3, 4, 5};
    QTest::newRow("queued") << F::Queued << QString() << IdList{1};
    QTest::newRow("deferred") << F::Deferred << QString() << IdList{2, 3};
    QTest::newRow("held") << F::Held << QString() << IdList{4};
    QTest::newRow("in flight") << F::InFlight << QString() << IdList{5};
    QTest::newRow("sender, other case") << F::All << "SCANNER@" << IdList{1};
    QTest::newRow("recipient, second one") << F::All << "boss@" << IdList{2};
    QTest::newRow("device address") << F::All << "10.0.0.7" << IdList{3};
    QTest::newRow("helo") << F::All << "Copier.LAN" << IdList{4};
    QTest::newRow("auth user") << F::All << "app-user" << IdList{5};
    QTest::newRow("route") << F::All << "m365" << IdList{2, 3};
    QTest::newRow("last reply") << F::All << "4.7.1" << IdList{3};
    QTest::newRow("text and state") << F::Deferred << "m365" << IdList{2, 3};
    QTest::newRow("text and other state") << F::Held << "m365" << IdList{};
    QTest::newRow("no match") << F::All << "nothing-like-this" << IdList{};
    QTest::newRow("whitespace only") << F::All << "   " << IdList{1, 2, 3, 4, 5};
}

void TestQueueModel::proxyFilters()
{
    QFETCH(QueueFilterProxy::StateFilter, state);
    QFETCH(QString, text);
    QFETCH(IdList, expected);

    QueueModel model;
    QueueFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVector<QueueRow> rows;
    for (qint64 id = 1; id <= 5; ++id) {
        QueueRow row;
        row.messageId = id;
        row.receivedAt = BaseTime.addSecs(id);
        row.sender = QStringLiteral("app%1@example.com").arg(id);
        row.recipients = {QStringLiteral("office@example.net")};
        row.clientAddress = QStringLiteral("10.0.0.%1").arg(id + 20);
        row.route = QStringLiteral("default");
        rows.append(row);
    }
    rows[0].sender = QStringLiteral("scanner@example.com");
    rows[1].state = RecipientState::Deferred;
    rows[1].recipients.append(QStringLiteral("boss@example.net"));
    rows[1].route = QStringLiteral("m365");
    rows[2].state = RecipientState::Deferred;
    rows[2].clientAddress = QStringLiteral("10.0.0.7");
    rows[2].route = QStringLiteral("m365");
    rows[2].lastReply = QStringLiteral("451 4.7.1 Greylisted");
    rows[3].state = RecipientState::Held;
    rows[3].heloName = QStringLiteral("copier.lan");
    rows[4].state = RecipientState::InFlight;
    rows[4].authUser = QStringLiteral("app-user");
    model.beginRefresh();
    model.applyBatch(rows, true);

    proxy.setStateFilter(state);
    proxy.setTextFilter(text);
    IdList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(QueueModel::MessageIdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, expected);

    // Clearing the filters shows everything again.
    proxy.setStateFilter(QueueFilterProxy::StateFilter::All);
    proxy.setTextFilter(QString());
    QCOMPARE(proxy.rowCount(), 5);
}

void TestQueueModel::hundredThousandQueuedMessages()
{
    constexpr int Total = 100000;
    constexpr int CommitBatch = 2000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(QStringLiteral("data"));

    QElapsedTimer timer;
    timer.start();
    {
        Store::SqliteStore store(dataDir);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int first = 0; first < Total; first += CommitBatch) {
            QVector<Store::NewMessage> messages;
            messages.reserve(CommitBatch);
            for (int i = first; i < first + CommitBatch; ++i) {
                Store::NewMessage message;
                // Every 10th message comes from the scanner, so the text
                // filter has a known answer.
                message.sender = i % 10 == 0 ? QStringLiteral("scanner%1@example.com").arg(i)
                                             : QStringLiteral("app%1@example.com").arg(i);
                message.recipients = {QStringLiteral("office%1@example.net").arg(i % 50)};
                message.content = "Subject: message " + QByteArray::number(i) + "\r\n\r\nbody\r\n";
                message.heloName = QStringLiteral("device.lan");
                message.clientAddress = QStringLiteral("127.0.0.1");
                message.listener = QStringLiteral("test");
                message.receivedAt = now;
                messages.append(message);
            }
            const auto ids = store.commitMessages(messages, &error);
            QVERIFY2(ids.size() == CommitBatch, qPrintable(error));
        }
    }
    qInfo("committed %d messages into the store in %lld ms", Total, timer.elapsed());

    // A relay on that data directory with no smarthost: the mail stays queued.
    Service::CoreSettings settings;
    settings.dataDir = dataDir;
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("test");
    listener.address = QHostAddress::LocalHost;
    listener.port = Tests::freePort();
    settings.listeners = {listener};
    settings.statusIntervalMs = 200;
    Service::RelayService relay(settings);
    relay.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.lastStatus().state, Service::RelayStatus::State::Running,
                              60000);

    QueueModel model;
    QueueFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(QueueModel::TimeColumn, Qt::DescendingOrder);
    const quint64 generation = 4711;
    int batches = 0;
    qsizetype firstBatchRows = -1;
    qsizetype largestBatchRows = 0;
    qint64 longestBatchMs = 0;
    bool done = false;
    connect(&relay, &Service::RelayService::queueBatch, &model,
            [&](quint64 gen, const QVector<QueueRow>& rows, bool last) {
                if (gen != generation)
                    return;
                QElapsedTimer slice;
                slice.start();
                model.applyBatch(rows, last);
                longestBatchMs = qMax(longestBatchMs, slice.elapsed());
                if (firstBatchRows < 0)
                    firstBatchRows = rows.size();
                largestBatchRows = qMax(largestBatchRows, rows.size());
                ++batches;
                done = last;
            });
    timer.restart();
    model.beginRefresh();
    relay.requestQueue(generation, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
    qInfo("loaded %d rows in %lld ms (%d batches, longest batch applied in %lld ms)",
          model.rowCount(), timer.elapsed(), batches, longestBatchMs);
    QCOMPARE(model.rowCount(), Total);
    QCOMPARE(proxy.rowCount(), Total);
    // Fed in batches: the first one small (the view's first screen), the
    // later ones larger but bounded (RelayService::requestQueue).
    QCOMPARE(firstBatchRows, qsizetype(5000));
    QVERIFY2(largestBatchRows <= 16384, qPrintable(QString::number(largestBatchRows)));
    QVERIFY(batches >= Total / 16384);

    timer.restart();
    proxy.setTextFilter(QStringLiteral("SCANNER"));
    qInfo("text filter over %d rows in %lld ms", Total, timer.elapsed());
    QCOMPARE(proxy.rowCount(), Total / 10);

    timer.restart();
    proxy.setStateFilter(QueueFilterProxy::StateFilter::Held);
    qInfo("state filter over %d rows in %lld ms", Total, timer.elapsed());
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setStateFilter(QueueFilterProxy::StateFilter::Queued);
    QCOMPARE(proxy.rowCount(), Total / 10);
    proxy.setTextFilter(QString());
    QCOMPARE(proxy.rowCount(), Total);

    timer.restart();
    proxy.sort(QueueModel::SenderColumn, Qt::AscendingOrder);
    qInfo("sort by sender over %d rows in %lld ms", Total, timer.elapsed());

    // A second refresh of an unchanged queue merges without any row moving.
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    done = false;
    longestBatchMs = 0;
    timer.restart();
    model.beginRefresh();
    relay.requestQueue(generation, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(done, 120000);
    qInfo("refreshed %d rows in %lld ms (longest batch %lld ms)", model.rowCount(), timer.elapsed(),
          longestBatchMs);
    QCOMPARE(model.rowCount(), Total);
    QCOMPARE(inserts.count(), 0);
    QCOMPARE(removes.count(), 0);

    QSignalSpy stopped(&relay, &Service::RelayService::stopped);
    relay.stop();
    QVERIFY(stopped.wait(30000));
}

QTEST_MAIN(TestQueueModel)
#include "TestQueueModel.moc"
