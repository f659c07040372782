#include "StoreTestSupport.h"
#include "store/SqliteStore.h"

#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace RelayDesk;
using namespace RelayDesk::Store;
using namespace RelayDesk::Tests;
using Bounce::DsnRequest;
using Bounce::DsnReturn;
using Bounce::NotifyCondition;
using Bounce::NotifyConditions;
using Bounce::RecipientDsnRequest;

namespace {

RecipientDsnRequest notify(NotifyConditions conditions, const QString& orcpt = QString())
{
    RecipientDsnRequest request;
    request.notifyGiven = true;
    request.notify = conditions;
    if (!orcpt.isEmpty())
        request.originalRecipient = {QStringLiteral("rfc822"), orcpt};
    return request;
}

} // namespace

/// The DSN side of the SQLite store (schema version 3): the RFC 3461
/// parameters round trip from commit to claim, failure reports become due
/// exactly when a message is final with a failure, reports are recorded
/// once, and delay warnings are found by age.
class TestSqliteStoreDsn final : public QObject
{
    Q_OBJECT

public:
    TestSqliteStoreDsn() = default;
    Q_DISABLE_COPY_MOVE(TestSqliteStoreDsn)

private slots:
    void init();
    void cleanup();

    void dsnParametersRoundTrip_data();
    void dsnParametersRoundTrip();
    void missingRecipientParametersMeanNotGiven();
    void jobCarriesRoutingFields();
    void failureReportDueOnceFinalWithFailure();
    void noFailureReportDue_data();
    void noFailureReportDue();
    void failureReportCommittedOnce();
    void markFailureReportedOnlyTouchesDueMessages();
    void purgeKeepsMessagesAwaitingReport();
    void delayWarningsDue();
    void delayWarningRecordedOnce();
    void reportQueriesRejectBadInput();

private:
    std::unique_ptr<SqliteStore> openStore();
    /// Claims everything due and records `state` for the given recipient
    /// indexes of the (single) claimed job.
    bool settle(SqliteStore& store, const QDateTime& at,
                const QList<QPair<int, RecipientState>>& outcomes, qint64* messageId = nullptr);
    NewMessage report(MessageKind kind, qint64 reportsOn, const QString& to) const;

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestSqliteStoreDsn::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestSqliteStoreDsn::cleanup()
{
    m_tmp.reset();
}

std::unique_ptr<SqliteStore> TestSqliteStoreDsn::openStore()
{
    auto store = std::make_unique<SqliteStore>(m_tmp->filePath(QStringLiteral("data")));
    QString error;
    if (!store->open(&error)) {
        qWarning() << "open failed:" << error;
        return nullptr;
    }
    return store;
}

bool TestSqliteStoreDsn::settle(SqliteStore& store, const QDateTime& at,
                                const QList<QPair<int, RecipientState>>& outcomes,
                                qint64* messageId)
{
    QString error;
    const QVector<DeliveryJob> jobs = store.claimDue(at, 100, &error);
    if (jobs.size() != 1) {
        qWarning() << "expected one job, got" << jobs.size() << error;
        return false;
    }
    QVector<AttemptOutcome> recorded;
    for (const auto& [index, state] : outcomes) {
        AttemptOutcome o;
        o.messageId = jobs[0].messageId;
        o.recipientId = jobs[0].recipients.at(index).recipientId;
        o.newState = state;
        o.attemptedAt = at;
        o.upstreamHost = QStringLiteral("smtp.example.net:587");
        if (state == RecipientState::Failed) {
            o.replyCode = 550;
            o.enhancedStatus = QStringLiteral("5.1.1");
            o.replyText = QStringLiteral("User unknown");
        } else if (state == RecipientState::Deferred) {
            o.replyCode = 451;
            o.enhancedStatus = QStringLiteral("4.3.0");
            o.replyText = QStringLiteral("Try again later");
            o.nextAttempt = at.addDays(2); // out of the way of later claims
        } else {
            o.replyCode = 250;
            o.replyText = QStringLiteral("Ok");
        }
        recorded.append(o);
    }
    if (messageId)
        *messageId = jobs[0].messageId;
    if (!store.recordOutcomes(recorded, &error)) {
        qWarning() << "record failed:" << error;
        return false;
    }
    return true;
}

NewMessage TestSqliteStoreDsn::report(MessageKind kind, qint64 reportsOn, const QString& to) const
{
    NewMessage message = makeMessage(QString(), {to}, baseTime().addSecs(7200), 300);
    message.kind = kind;
    message.reportsOn = reportsOn;
    return message;
}

void TestSqliteStoreDsn::dsnParametersRoundTrip_data()
{
    QTest::addColumn<DsnRequest>("request");
    QTest::addColumn<RecipientDsnRequest>("recipient");

    DsnRequest full;
    full.ret = DsnReturn::Full;
    full.hasEnvelopeId = true;
    full.envelopeId = QStringLiteral("QQ314159+x");
    DsnRequest headers;
    headers.ret = DsnReturn::Headers;
    DsnRequest emptyEnvid; // ENVID= given but empty is not "not given"
    emptyEnvid.hasEnvelopeId = true;
    emptyEnvid.envelopeId = QStringLiteral("");

    QTest::newRow("nothing given") << DsnRequest() << RecipientDsnRequest();
    QTest::newRow("RET=FULL ENVID, NOTIFY=NEVER") << full << notify(NotifyConditions());
    QTest::newRow("RET=HDRS, NOTIFY=FAILURE ORCPT")
        << headers << notify(NotifyCondition::Failure, QStringLiteral("Alice@Example.ORG"));
    QTest::newRow("empty ENVID, NOTIFY=SUCCESS,FAILURE,DELAY")
        << emptyEnvid
        << notify(NotifyCondition::Success | NotifyCondition::Failure | NotifyCondition::Delay);
    RecipientDsnRequest utf8;
    utf8.originalRecipient = {QStringLiteral("utf-8"), QStringLiteral("j\\x{00F6}rg@example.org")};
    QTest::newRow("ORCPT without NOTIFY") << DsnRequest() << utf8;
}

void TestSqliteStoreDsn::dsnParametersRoundTrip()
{
    QFETCH(DsnRequest, request);
    QFETCH(RecipientDsnRequest, recipient);
    auto store = openStore();
    QVERIFY(store);
    NewMessage message = makeMessage("a@lan", {"x@example.org"}, baseTime());
    message.dsn = request;
    message.recipientDsn = {recipient};
    QString error;
    QCOMPARE(store->commitMessages({message}, &error).size(), 1);

    // Through a restart: what is on disk, not what a cache remembers.
    store.reset();
    store = openStore();
    QVERIFY(store);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QVERIFY(jobs[0].dsn == request);
    QCOMPARE(jobs[0].dsn.hasEnvelopeId, request.hasEnvelopeId);
    QCOMPARE(jobs[0].dsn.envelopeId, request.envelopeId);
    QCOMPARE(int(jobs[0].dsn.ret), int(request.ret));
    const RecipientDsnRequest& read = jobs[0].recipients.at(0).dsn;
    QCOMPARE(read.notifyGiven, recipient.notifyGiven);
    QCOMPARE(read.notify.toInt(), recipient.notify.toInt());
    QCOMPARE(read.isNever(), recipient.isNever());
    QCOMPARE(read.originalRecipient.addressType, recipient.originalRecipient.addressType);
    QCOMPARE(read.originalRecipient.address, recipient.originalRecipient.address);
}

void TestSqliteStoreDsn::missingRecipientParametersMeanNotGiven()
{
    auto store = openStore();
    QVERIFY(store);
    NewMessage message = makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime());
    message.recipientDsn = {notify(NotifyCondition::Delay)}; // only the first
    QString error;
    QCOMPARE(store->commitMessages({message}, &error).size(), 1);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0].recipients.size(), 2);
    QVERIFY(jobs[0].recipients[0].dsn == notify(NotifyCondition::Delay));
    QVERIFY(jobs[0].recipients[1].dsn == RecipientDsnRequest());
}

void TestSqliteStoreDsn::jobCarriesRoutingFields()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               report(MessageKind::DelayReport, 0, QStringLiteral("a@lan"))},
                              &error);
    QCOMPARE(ids.size(), 2);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(7200), 10, &error);
    QCOMPARE(jobs.size(), 2);
    QCOMPARE(jobs[0].clientAddress, QStringLiteral("192.0.2.10"));
    QCOMPARE(jobs[0].authUser, QStringLiteral("scanner"));
    QCOMPARE(jobs[0].listener, QStringLiteral("lan"));
    QCOMPARE(jobs[0].kind, MessageKind::Relayed);
    QCOMPARE(jobs[1].kind, MessageKind::DelayReport);
    QVERIFY(jobs[1].sender.isEmpty());
}

void TestSqliteStoreDsn::failureReportDueOnceFinalWithFailure()
{
    auto store = openStore();
    QVERIFY(store);
    NewMessage message =
        makeMessage("scanner@office.lan", {"x@example.org", "y@example.org"}, baseTime(), 5000);
    message.dsn.ret = DsnReturn::Headers;
    message.dsn.hasEnvelopeId = true;
    message.dsn.envelopeId = QStringLiteral("ENV-1");
    message.recipientDsn = {notify(NotifyCondition::Failure, QStringLiteral("X@example.org")),
                            RecipientDsnRequest()};
    QString error;
    const QVector<qint64> ids = store->commitMessages({message}, &error);
    QCOMPARE(ids.size(), 1);
    const QString path = store->databasePath();
    const QString contentSize =
        QStringLiteral("SELECT length(content) FROM messages WHERE id = %1").arg(ids[0]);

    // One failed, one still waiting: no report yet.
    QVERIFY(
        settle(*store, baseTime(), {{0, RecipientState::Failed}, {1, RecipientState::Deferred}}));
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // The last one is delivered: the report is due and the content kept.
    const QDateTime last = baseTime().addDays(3);
    QVERIFY(settle(*store, last, {{0, RecipientState::Delivered}}));
    QCOMPARE(scalar(path, contentSize).toInt(), 5000);
    const QVector<DsnCandidate> due = store->failureReportsDue(10, &error);
    QCOMPARE(due.size(), 1);
    const DsnCandidate& c = due[0];
    QCOMPARE(c.messageId, ids[0]);
    QCOMPARE(c.sender, QStringLiteral("scanner@office.lan"));
    QCOMPARE(c.receivedAt, baseTime());
    QCOMPARE(c.content, message.content); // the whole message: RET may want it
    QVERIFY(c.dsn == message.dsn);
    QCOMPARE(c.recipients.size(), 2);
    const DsnCandidateRecipient& failed = c.recipients[0];
    QCOMPARE(failed.address, QStringLiteral("x@example.org"));
    QCOMPARE(failed.state, RecipientState::Failed);
    QCOMPARE(failed.attempts, 1);
    QCOMPARE(failed.lastCode, 550);
    QCOMPARE(failed.lastStatus, QStringLiteral("5.1.1"));
    QCOMPARE(failed.lastText, QStringLiteral("User unknown"));
    QCOMPARE(failed.lastHost, QStringLiteral("smtp.example.net:587"));
    QCOMPARE(failed.lastAttempt, baseTime());
    QVERIFY(failed.dsn == message.recipientDsn[0]);
    QCOMPARE(c.recipients[1].state, RecipientState::Delivered);
    QCOMPARE(c.recipients[1].attempts, 2);
    QCOMPARE(c.recipients[1].lastAttempt, last);

    // Asking again changes nothing: the store, not the asker, keeps track.
    QCOMPARE(store->failureReportsDue(10, &error).size(), 1);
}

void TestSqliteStoreDsn::noFailureReportDue_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");

    QTest::newRow("all delivered")
        << "a@lan" << int(RecipientState::Delivered) << int(RecipientState::Delivered);
    QTest::newRow("null sender") << "" << int(RecipientState::Failed)
                                 << int(RecipientState::Delivered);
    QTest::newRow("failure, other held")
        << "a@lan" << int(RecipientState::Failed) << int(RecipientState::Held);
    QTest::newRow("failure, other deferred")
        << "a@lan" << int(RecipientState::Failed) << int(RecipientState::Deferred);
}

void TestSqliteStoreDsn::noFailureReportDue()
{
    QFETCH(QString, sender);
    QFETCH(int, first);
    QFETCH(int, second);
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage(sender, {"x@example.org", "y@example.org"}, baseTime())}, &error);
    QCOMPARE(ids.size(), 1);
    QVERIFY(settle(*store, baseTime(), {{0, RecipientState(first)}, {1, RecipientState(second)}}));
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const bool final = RecipientState(second) == RecipientState::Delivered;
    // A final message that needs no report lets its content go at once.
    QCOMPARE(
        scalar(store->databasePath(),
               QStringLiteral("SELECT content IS NULL FROM messages WHERE id = %1").arg(ids[0]))
            .toBool(),
        final);
}

void TestSqliteStoreDsn::failureReportCommittedOnce()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime())}, &error);
    QCOMPARE(ids.size(), 1);
    QVERIFY(settle(*store, baseTime(), {{0, RecipientState::Failed}}));
    QCOMPARE(store->failureReportsDue(10, &error).size(), 1);

    // The report and the mark are one transaction; a second report about the
    // same message (in the same batch, or later) is not stored again.
    const NewMessage dsn = report(MessageKind::FailureReport, ids[0], QStringLiteral("a@lan"));
    const QVector<qint64> reportIds = store->commitMessages({dsn, dsn}, &error);
    QCOMPARE(reportIds.size(), 2);
    QVERIFY(reportIds[0] > ids[0]);
    QCOMPARE(reportIds[1], reportIds[0]);
    QCOMPARE(store->commitMessages({dsn}, &error), QVector<qint64>{reportIds[0]});
    const QString path = store->databasePath();
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 2);
    QCOMPARE(scalar(path,
                    QStringLiteral("SELECT failure_dsn_id FROM messages WHERE id = %1").arg(ids[0]))
                 .toLongLong(),
             reportIds[0]);
    QCOMPARE(scalar(path, QStringLiteral("SELECT kind || ',' || reports_on FROM messages WHERE "
                                         "id = %1")
                              .arg(reportIds[0]))
                 .toString(),
             QStringLiteral("1,%1").arg(ids[0]));
    QVERIFY(scalar(path,
                   QStringLiteral("SELECT content IS NULL FROM messages WHERE id = %1").arg(ids[0]))
                .toBool());
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());

    // The report itself is mail to deliver, from the null sender; when it
    // fails there is nobody to tell.
    QVERIFY(settle(*store, baseTime().addSecs(7200), {{0, RecipientState::Failed}}));
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());
}

void TestSqliteStoreDsn::markFailureReportedOnlyTouchesDueMessages()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids = store->commitMessages(
        {makeMessage("a@lan", {"x@example.org", "y@example.org"}, baseTime())}, &error);
    QCOMPARE(ids.size(), 1);
    QVERIFY(
        settle(*store, baseTime(), {{0, RecipientState::Failed}, {1, RecipientState::Deferred}}));
    // Not due yet: marking it must not cost the sender the report later.
    QVERIFY(store->markFailureReported({ids[0], 4711}, &error));
    QVERIFY(settle(*store, baseTime().addDays(3), {{0, RecipientState::Failed}}));
    QCOMPARE(store->failureReportsDue(10, &error).size(), 1);

    QVERIFY(store->markFailureReported({ids[0]}, &error));
    QVERIFY(store->failureReportsDue(10, &error).isEmpty());
    const QString path = store->databasePath();
    QCOMPARE(scalar(path, QStringLiteral("SELECT failure_dsn || ',' || failure_dsn_id || ',' || "
                                         "(content IS NULL) FROM messages WHERE id = %1")
                              .arg(ids[0]))
                 .toString(),
             QStringLiteral("2,0,1"));
    // A report arriving after "none needed" is not stored.
    QCOMPARE(store->commitMessages(
                 {report(MessageKind::FailureReport, ids[0], QStringLiteral("a@lan"))}, &error),
             QVector<qint64>{0});
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);
    QVERIFY(store->markFailureReported({}, &error));
}

void TestSqliteStoreDsn::purgeKeepsMessagesAwaitingReport()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               makeMessage("b@lan", {"y@example.org"}, baseTime())},
                              &error);
    QCOMPARE(ids.size(), 2);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime(), 10, &error);
    QCOMPARE(jobs.size(), 2);
    AttemptOutcome failed;
    failed.messageId = jobs[0].messageId;
    failed.recipientId = jobs[0].recipients[0].recipientId;
    failed.newState = RecipientState::Failed;
    failed.attemptedAt = baseTime();
    failed.replyCode = 550;
    AttemptOutcome delivered = failed;
    delivered.messageId = jobs[1].messageId;
    delivered.recipientId = jobs[1].recipients[0].recipientId;
    delivered.newState = RecipientState::Delivered;
    delivered.replyCode = 250;
    QVERIFY(store->recordOutcomes({failed, delivered}, &error));

    QCOMPARE(store->purgeFinal(baseTime().addDays(30), &error), 1);
    QCOMPARE(store->failureReportsDue(10, &error).size(), 1);
    QVERIFY(store->markFailureReported({jobs[0].messageId}, &error));
    QCOMPARE(store->purgeFinal(baseTime().addDays(30), &error), 1);
}

void TestSqliteStoreDsn::delayWarningsDue()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QDateTime t0 = baseTime();
    // One message per case, each settled on its own so that claims stay apart.
    struct Case
    {
        const char* sender;
        QDateTime received;
        RecipientState state;
    };
    const Case cases[] = {
        {"old-deferred@lan", t0, RecipientState::Deferred},
        {"", t0, RecipientState::Deferred},                            // null sender
        {"old-held@lan", t0, RecipientState::Held},                    // not deferred
        {"young@lan", t0.addSecs(3 * 3600), RecipientState::Deferred}, // too young
        {"old-failed@lan", t0.addSecs(60), RecipientState::Failed},    // final
        {"second-oldest@lan", t0.addSecs(1), RecipientState::Deferred},
    };
    QVector<qint64> ids;
    for (const Case& c : cases) {
        const QVector<qint64> id = store->commitMessages(
            {makeMessage(QString::fromLatin1(c.sender), {"x@example.org"}, c.received, 4000)},
            &error);
        QCOMPARE(id.size(), 1);
        ids.append(id[0]);
        QVERIFY(settle(*store, c.received, {{0, c.state}}));
    }

    const QDateTime now = t0.addSecs(4 * 3600 + 60);
    const QVector<DsnCandidate> due = store->delayWarningsDue(now, 4 * 3600, 10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(due.size(), 2);
    QCOMPARE(due[0].messageId, ids[0]); // oldest first
    QCOMPARE(due[1].messageId, ids[5]);
    // The header section only: a delay warning never returns more.
    QVERIFY(due[0].content.startsWith("From: <old-deferred@lan>\r\n"));
    QVERIFY(due[0].content.endsWith("\r\n\r\n"));
    QVERIFY(!due[0].content.contains("0123456789"));
    QCOMPARE(due[0].recipients.size(), 1);
    QCOMPARE(due[0].recipients[0].state, RecipientState::Deferred);
    QCOMPARE(due[0].recipients[0].lastCode, 451);
    QCOMPARE(due[0].recipients[0].nextAttempt, t0.addDays(2));

    // The limit, and the threshold: one second short is not yet.
    QCOMPARE(store->delayWarningsDue(now, 4 * 3600, 1, &error).size(), 1);
    QCOMPARE(store->delayWarningsDue(t0.addSecs(4 * 3600 - 1), 4 * 3600, 10, &error).size(), 0);
    QCOMPARE(store->delayWarningsDue(t0.addSecs(4 * 3600), 4 * 3600, 10, &error).size(), 1);
}

void TestSqliteStoreDsn::delayWarningRecordedOnce()
{
    auto store = openStore();
    QVERIFY(store);
    QString error;
    const QVector<qint64> ids =
        store->commitMessages({makeMessage("a@lan", {"x@example.org"}, baseTime()),
                               makeMessage("b@lan", {"y@example.org"}, baseTime().addSecs(1))},
                              &error);
    QCOMPARE(ids.size(), 2);
    const QVector<DeliveryJob> jobs = store->claimDue(baseTime().addSecs(1), 10, &error);
    QCOMPARE(jobs.size(), 2);
    QVector<AttemptOutcome> deferred;
    for (const DeliveryJob& job : jobs) {
        AttemptOutcome o;
        o.messageId = job.messageId;
        o.recipientId = job.recipients[0].recipientId;
        o.newState = RecipientState::Deferred;
        o.attemptedAt = baseTime().addSecs(1);
        o.nextAttempt = baseTime().addSecs(600);
        deferred.append(o);
    }
    QVERIFY(store->recordOutcomes(deferred, &error));
    const QDateTime now = baseTime().addSecs(5 * 3600);
    QCOMPARE(store->delayWarningsDue(now, 4 * 3600, 10, &error).size(), 2);

    // First a warning committed as mail, then "nobody asked" for the other.
    const QVector<qint64> warning = store->commitMessages(
        {report(MessageKind::DelayReport, ids[0], QStringLiteral("a@lan"))}, &error);
    QCOMPARE(warning.size(), 1);
    QVERIFY(store->markDelayWarned({ids[1]}, now, &error));
    QVERIFY(store->delayWarningsDue(now.addDays(1), 4 * 3600, 10, &error).isEmpty());
    const QString path = store->databasePath();
    QCOMPARE(
        scalar(path, QStringLiteral("SELECT delay_dsn_id FROM messages WHERE id = %1").arg(ids[0]))
            .toLongLong(),
        warning[0]);
    QCOMPARE(
        scalar(path,
               QStringLiteral("SELECT delay_warned_at FROM messages WHERE id = %1").arg(ids[1]))
            .toLongLong(),
        now.toMSecsSinceEpoch());
    // Once: neither a second warning nor a second mark changes anything.
    QCOMPARE(store->commitMessages(
                 {report(MessageKind::DelayReport, ids[0], QStringLiteral("a@lan"))}, &error),
             warning);
    QVERIFY(store->markDelayWarned({ids[1]}, now.addDays(1), &error));
    QCOMPARE(
        scalar(path,
               QStringLiteral("SELECT delay_warned_at FROM messages WHERE id = %1").arg(ids[1]))
            .toLongLong(),
        now.toMSecsSinceEpoch());
    QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 3);
    // A delay warning does not end the message: it is still delivered.
    QCOMPARE(store->counts().deferred, 2);
}

void TestSqliteStoreDsn::reportQueriesRejectBadInput()
{
    SqliteStore closed(m_tmp->filePath(QStringLiteral("closed")));
    QString error;
    QVERIFY(closed.failureReportsDue(10, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(closed.delayWarningsDue(baseTime(), 60, 10, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!closed.markFailureReported({1}, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!closed.markDelayWarned({1}, baseTime(), &error));
    QVERIFY(!error.isEmpty());

    auto store = openStore();
    QVERIFY(store);
    error.clear();
    QVERIFY(store->delayWarningsDue(QDateTime(), 60, 10, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(store->failureReportsDue(0, &error).isEmpty());
    QVERIFY(error.isEmpty());
}

QTEST_GUILESS_MAIN(TestSqliteStoreDsn)
#include "TestSqliteStoreDsn.moc"
