// DsnNotifier against a real SQLite store on its worker thread and a manual
// clock. Every DSN it queues is read back from the queue as the delivery
// engine would claim it, and parsed with Bounce::DsnParser.

#include "bounce/DsnParser.h"
#include "delivery/DsnNotifier.h"
#include "queue/ManualClock.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace RelayDesk;
using Bounce::DsnKind;
using Bounce::DsnReturn;
using Bounce::NotifyCondition;
using Bounce::NotifyConditions;
using Bounce::RecipientDsnRequest;
using Delivery::DsnNotifier;
using Store::AttemptOutcome;
using Store::RecipientState;

namespace {

constexpr int waitMs = 20000; ///< generous: the machine is shared
const QString hostname = QStringLiteral("relay.office.example");
const QString upstream = QStringLiteral("smtp.provider.example:587");

QDateTime start()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
}

RecipientDsnRequest notify(NotifyConditions conditions, const QString& orcpt = QString())
{
    RecipientDsnRequest request;
    request.notifyGiven = true;
    request.notify = conditions;
    if (!orcpt.isEmpty())
        request.originalRecipient = {QStringLiteral("rfc822"), orcpt};
    return request;
}

QByteArray originalContent()
{
    return "From: Scanner <scanner@office.example>\r\n"
           "To: a@example.org\r\n"
           "Subject: Scan 42\r\n"
           "Message-ID: <scan42@office.example>\r\n"
           "\r\n"
           "The scanned page is attached.\r\n";
}

/// A store answer awaited by a test.
template <typename T> struct Answer
{
    bool done = false;
    T value{};
};

/// What a test says happened to one recipient.
struct Result
{
    RecipientState state;
    int code;
    QString status;
    QString text;
};

Result delivered()
{
    return {RecipientState::Delivered, 250, QStringLiteral("2.0.0"), QStringLiteral("Ok")};
}
Result rejected()
{
    return {RecipientState::Failed, 550, QStringLiteral("5.1.1"),
            QStringLiteral("5.1.1 <b@example.org>: Recipient address rejected: User unknown")};
}
Result deferred()
{
    return {RecipientState::Deferred, 451, QStringLiteral("4.7.1"),
            QStringLiteral("4.7.1 Greylisted, try again later")};
}
/// Given up after the maximum age: Failed with the last temporary reply.
Result expired()
{
    return {RecipientState::Failed, 451, QStringLiteral("4.4.1"),
            QStringLiteral("4.4.1 Connection timed out")};
}

} // namespace

class TestDsnNotifier final : public QObject
{
    Q_OBJECT

public:
    TestDsnNotifier() = default;
    Q_DISABLE_COPY_MOVE(TestDsnNotifier)

private slots:
    void init();
    void cleanup();

    void oneDsnListsTheFailedRecipient_data();
    void oneDsnListsTheFailedRecipient();
    void allFailedRecipientsInOneDsn();
    void nullSenderGetsNoDsn();
    void noDsnWithoutFailureNotify_data();
    void noDsnWithoutFailureNotify();
    void noDsnWhileRecipientsPending();
    void expiryGetsFailedDsn();
    void delayWarningOnceAfterThreshold();
    void noDelayWarningWithoutDelayNotify();
    void delayWarningsDisabled();
    void startFindsReportsLeftBehind();
    void storeErrorsAreReported();

private:
    qint64 commit(const QString& sender, const QStringList& recipients,
                  const QVector<RecipientDsnRequest>& recipientDsn = {},
                  const Bounce::DsnRequest& dsn = {});
    /// Claims everything due now and records one result per claimed
    /// recipient (in order); returns the recorded outcomes.
    QVector<AttemptOutcome> attempt(const QList<Result>& results);
    QVector<Store::DeliveryJob> claimAll();
    QVector<Store::DsnCandidate> failureReportsDue();
    QVector<Store::DsnCandidate> delayWarningsDue(); ///< with the default 4 h threshold
    std::unique_ptr<DsnNotifier> makeNotifier(qint64 delaySeconds = 4 * 3600);
    /// Runs `trigger` and waits until the notifier has no request left.
    bool settle(DsnNotifier& notifier, const std::function<void()>& trigger);
    /// Claims what is due and hands out the claimed jobs of one kind (our
    /// DSNs: the engine would deliver them now).
    QVector<Store::DeliveryJob> takeClaimed(Store::MessageKind kind);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::StoreWorker> m_worker;
    Queue::ManualClock m_clock{start()};
    /// Claimed (InFlight) but not yet looked at: a claim takes every due
    /// message, the original mail and our reports alike.
    QVector<Store::DeliveryJob> m_claimed;
};

void TestDsnNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock.set(start());
    m_claimed.clear();
    m_worker = std::make_unique<Store::StoreWorker>(
        std::make_unique<Store::SqliteStore>(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_worker->start(&error), qPrintable(error));
}

void TestDsnNotifier::cleanup()
{
    m_worker.reset();
    m_dir.reset();
}

qint64 TestDsnNotifier::commit(const QString& sender, const QStringList& recipients,
                               const QVector<RecipientDsnRequest>& recipientDsn,
                               const Bounce::DsnRequest& dsn)
{
    Store::NewMessage message;
    message.sender = sender;
    message.recipients = recipients;
    message.content = originalContent();
    message.receivedAt = m_clock.now();
    message.clientAddress = QStringLiteral("192.0.2.7");
    message.listener = QStringLiteral("lan");
    message.dsn = dsn;
    message.recipientDsn = recipientDsn;
    // Shared: an answer after a timeout must not write into a gone frame.
    auto id = std::make_shared<qint64>(-1);
    m_worker->commit(message, this, [id](bool ok, qint64 messageId, const QString& error) {
        if (!ok)
            qWarning() << "commit failed:" << error;
        *id = ok ? messageId : 0;
    });
    if (!QTest::qWaitFor([id] { return *id >= 0; }, waitMs))
        return 0;
    return *id;
}

QVector<Store::DeliveryJob> TestDsnNotifier::claimAll()
{
    auto answer = std::make_shared<Answer<QVector<Store::DeliveryJob>>>();
    m_worker->claimDue(m_clock.now(), 1000, this,
                       [answer](const QVector<Store::DeliveryJob>& claimed, const QString& error) {
                           if (!error.isEmpty())
                               qWarning() << "claim failed:" << error;
                           answer->value = claimed;
                           answer->done = true;
                       });
    if (!QTest::qWaitFor([answer] { return answer->done; }, waitMs))
        qWarning() << "no answer to the claim";
    return answer->value;
}

QVector<Store::DsnCandidate> TestDsnNotifier::failureReportsDue()
{
    auto answer = std::make_shared<Answer<QVector<Store::DsnCandidate>>>();
    m_worker->failureReportsDue(10, this, [answer](const QVector<Store::DsnCandidate>& c, QString) {
        answer->value = c;
        answer->done = true;
    });
    if (!QTest::qWaitFor([answer] { return answer->done; }, waitMs))
        qWarning() << "no answer to failureReportsDue";
    return answer->value;
}

QVector<Store::DsnCandidate> TestDsnNotifier::delayWarningsDue()
{
    auto answer = std::make_shared<Answer<QVector<Store::DsnCandidate>>>();
    m_worker->delayWarningsDue(m_clock.now(), 4 * 3600, 10, this,
                               [answer](const QVector<Store::DsnCandidate>& c, QString) {
                                   answer->value = c;
                                   answer->done = true;
                               });
    if (!QTest::qWaitFor([answer] { return answer->done; }, waitMs))
        qWarning() << "no answer to delayWarningsDue";
    return answer->value;
}

QVector<AttemptOutcome> TestDsnNotifier::attempt(const QList<Result>& results)
{
    QVector<AttemptOutcome> outcomes;
    int next = 0;
    const QVector<Store::DeliveryJob> jobs = takeClaimed(Store::MessageKind::Relayed);
    for (const Store::DeliveryJob& job : jobs) {
        for (const Store::RecipientJob& r : job.recipients) {
            if (next >= results.size()) {
                qWarning() << "more recipients claimed than results given";
                return {};
            }
            const Result& result = results.at(next++);
            AttemptOutcome o;
            o.messageId = job.messageId;
            o.recipientId = r.recipientId;
            o.newState = result.state;
            o.attemptedAt = m_clock.now();
            if (result.state == RecipientState::Deferred)
                o.nextAttempt = m_clock.now().addSecs(3600);
            o.upstreamHost = upstream;
            o.replyCode = result.code;
            o.enhancedStatus = result.status;
            o.replyText = result.text;
            outcomes.append(o);
        }
    }
    auto answer = std::make_shared<Answer<bool>>();
    m_worker->recordOutcomes(outcomes, this, [answer](bool recorded, const QString& error) {
        if (!recorded)
            qWarning() << "record failed:" << error;
        answer->value = recorded;
        answer->done = true;
    });
    if (!QTest::qWaitFor([answer] { return answer->done; }, waitMs))
        return {};
    return answer->value ? outcomes : QVector<AttemptOutcome>{};
}

std::unique_ptr<DsnNotifier> TestDsnNotifier::makeNotifier(qint64 delaySeconds)
{
    return std::make_unique<DsnNotifier>(m_worker.get(), &m_clock, hostname, delaySeconds,
                                         5 * 24 * 3600);
}

bool TestDsnNotifier::settle(DsnNotifier& notifier, const std::function<void()>& trigger)
{
    QSignalSpy completed(&notifier, &DsnNotifier::checkCompleted);
    trigger();
    if (!notifier.isBusy())
        return true; // nothing asked of the store (e.g. no recipient became final)
    return completed.wait(waitMs) && !notifier.isBusy();
}

QVector<Store::DeliveryJob> TestDsnNotifier::takeClaimed(Store::MessageKind kind)
{
    m_claimed += claimAll();
    QVector<Store::DeliveryJob> found;
    QVector<Store::DeliveryJob> rest;
    for (const Store::DeliveryJob& job : std::as_const(m_claimed))
        (job.kind == kind ? found : rest).append(job);
    m_claimed = rest;
    return found;
}

void TestDsnNotifier::oneDsnListsTheFailedRecipient_data()
{
    QTest::addColumn<int>("ret");
    QTest::addColumn<bool>("fullMessage");

    // RET absent returns the message, like Postfix (DsnPolicy).
    QTest::newRow("no RET") << int(DsnReturn::Unspecified) << true;
    QTest::newRow("RET=FULL") << int(DsnReturn::Full) << true;
    QTest::newRow("RET=HDRS") << int(DsnReturn::Headers) << false;
}

void TestDsnNotifier::oneDsnListsTheFailedRecipient()
{
    QFETCH(int, ret);
    QFETCH(bool, fullMessage);
    Bounce::DsnRequest dsn;
    dsn.ret = DsnReturn(ret);
    dsn.hasEnvelopeId = true;
    dsn.envelopeId = QStringLiteral("SCAN-42");
    const qint64 id =
        commit(QStringLiteral("scanner@office.example"),
               {QStringLiteral("a@example.org"), QStringLiteral("b@example.org")},
               {RecipientDsnRequest(), notify(NotifyCondition::Failure | NotifyCondition::Delay,
                                              QStringLiteral("B@Example.ORG"))},
               dsn);
    QVERIFY(id > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);

    m_clock.advance(60);
    const QVector<AttemptOutcome> outcomes = attempt({delivered(), rejected()});
    QCOMPARE(outcomes.size(), 2);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued[0][0].toLongLong(), id);
    QCOMPARE(queued[0][1].value<DsnKind>(), DsnKind::Failure);

    // The same batch reported again (or a later check) makes no second one.
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 1);

    const QVector<Store::DeliveryJob> dsns = takeClaimed(Store::MessageKind::FailureReport);
    QCOMPARE(dsns.size(), 1);
    const Store::DeliveryJob& job = dsns[0];
    QCOMPARE(job.messageId, queued[0][2].toLongLong());
    QVERIFY(job.sender.isEmpty()); // MAIL FROM:<>
    QCOMPARE(job.recipients.size(), 1);
    QCOMPARE(job.recipients[0].address, QStringLiteral("scanner@office.example"));

    const Bounce::ParsedDsn parsed = Bounce::DsnParser::parse(job.content);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.reportingMta, hostname);
    QCOMPARE(parsed.originalEnvelopeId, QStringLiteral("SCAN-42"));
    QCOMPARE(parsed.arrivalDate, start());
    QCOMPARE(parsed.recipients.size(), 1);
    const Bounce::ParsedDsnRecipient& r = parsed.recipients[0];
    QCOMPARE(r.finalRecipient, QStringLiteral("b@example.org"));
    QCOMPARE(r.originalRecipientType, QStringLiteral("rfc822"));
    QCOMPARE(r.originalRecipient, QStringLiteral("B@Example.ORG"));
    QCOMPARE(r.action, std::optional<Bounce::DsnAction>(Bounce::DsnAction::Failed));
    QCOMPARE(r.status.toString(), QStringLiteral("5.1.1"));
    QCOMPARE(r.diagnosticType, QStringLiteral("smtp"));
    QCOMPARE(r.replyCode(), 550);
    QVERIFY2(r.diagnosticCode.contains(QLatin1String("Recipient address rejected: User unknown")),
             qPrintable(r.diagnosticCode));
    QCOMPARE(r.remoteMta, QStringLiteral("smtp.provider.example"));
    QCOMPARE(r.lastAttemptDate, start().addSecs(60));
    QCOMPARE(parsed.returnedFullMessage, fullMessage);
    QCOMPARE(parsed.originalMessageId, QStringLiteral("<scan42@office.example>"));
    QCOMPARE(job.content.contains("The scanned page is attached."), fullMessage);
}

void TestDsnNotifier::allFailedRecipientsInOneDsn()
{
    // Three failures in two delivery batches; one recipient said NEVER.
    const qint64 id = commit(QStringLiteral("app@office.example"),
                             {QStringLiteral("a@example.org"), QStringLiteral("b@example.org"),
                              QStringLiteral("c@example.org"), QStringLiteral("d@example.org")},
                             {{}, notify(NotifyConditions()), {}, {}});
    QVERIFY(id > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    QVector<AttemptOutcome> outcomes = attempt({rejected(), rejected(), deferred(), delivered()});
    QCOMPARE(outcomes.size(), 4);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 0); // c is still being tried

    m_clock.advance(3600);
    outcomes = attempt({expired()});
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 1);
    const QVector<Store::DeliveryJob> dsns = takeClaimed(Store::MessageKind::FailureReport);
    QCOMPARE(dsns.size(), 1);
    const Bounce::ParsedDsn parsed = Bounce::DsnParser::parse(dsns[0].content);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QStringList listed;
    for (const Bounce::ParsedDsnRecipient& r : parsed.recipients)
        listed.append(r.finalRecipient);
    QCOMPARE(listed,
             (QStringList{QStringLiteral("a@example.org"), QStringLiteral("c@example.org")}));
}

void TestDsnNotifier::nullSenderGetsNoDsn()
{
    QVERIFY(commit(QString(), {QStringLiteral("a@example.org")}) > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    QSignalSpy errors(notifier.get(), &DsnNotifier::storeErrorOccurred);
    const QVector<AttemptOutcome> outcomes = attempt({rejected()});
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    m_clock.advance(10 * 3600);
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 0);
    QCOMPARE(errors.size(), 0);
    QVERIFY(takeClaimed(Store::MessageKind::FailureReport).isEmpty());
}

void TestDsnNotifier::noDsnWithoutFailureNotify_data()
{
    QTest::addColumn<int>("conditions");
    QTest::newRow("NOTIFY=NEVER") << 0;
    QTest::newRow("NOTIFY=SUCCESS,DELAY")
        << int((NotifyCondition::Success | NotifyCondition::Delay).toInt());
}

void TestDsnNotifier::noDsnWithoutFailureNotify()
{
    QFETCH(int, conditions);
    const qint64 id =
        commit(QStringLiteral("app@office.example"), {QStringLiteral("a@example.org")},
               {notify(NotifyConditions::fromInt(unsigned(conditions)))});
    QVERIFY(id > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    const QVector<AttemptOutcome> outcomes = attempt({rejected()});
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 0);
    QVERIFY(takeClaimed(Store::MessageKind::FailureReport).isEmpty());

    // Decided and recorded: the store no longer lists it.
    QVERIFY(failureReportsDue().isEmpty());
}

void TestDsnNotifier::noDsnWhileRecipientsPending()
{
    QVERIFY(commit(QStringLiteral("app@office.example"),
                   {QStringLiteral("a@example.org"), QStringLiteral("b@example.org")}) > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    const QVector<AttemptOutcome> outcomes = attempt({rejected(), deferred()});
    QCOMPARE(outcomes.size(), 2);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 0);
}

void TestDsnNotifier::expiryGetsFailedDsn()
{
    QVERIFY(commit(QStringLiteral("app@office.example"), {QStringLiteral("a@example.org")}) > 0);
    auto notifier = makeNotifier(0); // only the failure matters here
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    m_clock.advance(5 * 24 * 3600);
    const QVector<AttemptOutcome> outcomes = attempt({expired()});
    QCOMPARE(outcomes.size(), 1);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));
    QCOMPARE(queued.size(), 1);
    const QVector<Store::DeliveryJob> dsns = takeClaimed(Store::MessageKind::FailureReport);
    QCOMPARE(dsns.size(), 1);
    const Bounce::ParsedDsn parsed = Bounce::DsnParser::parse(dsns[0].content);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.recipients.size(), 1);
    const Bounce::ParsedDsnRecipient& r = parsed.recipients[0];
    // Failed, with the actual (temporary) problem rather than a made-up 5.x.x.
    QCOMPARE(r.action, std::optional<Bounce::DsnAction>(Bounce::DsnAction::Failed));
    QCOMPARE(r.status.toString(), QStringLiteral("4.4.1"));
    QCOMPARE(r.replyCode(), 451);
    QVERIFY(r.diagnosticCode.contains(QLatin1String("Connection timed out")));
}

void TestDsnNotifier::delayWarningOnceAfterThreshold()
{
    const qint64 id = commit(QStringLiteral("app@office.example"),
                             {QStringLiteral("a@example.org"), QStringLiteral("b@example.org")},
                             {{}, notify(NotifyCondition::Delay, QStringLiteral("B@example.org"))});
    QVERIFY(id > 0);
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    const QVector<AttemptOutcome> outcomes = attempt({deferred(), deferred()});
    QCOMPARE(outcomes.size(), 2);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(outcomes); }));

    m_clock.set(start().addSecs(4 * 3600 - 1));
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 0);

    m_clock.set(start().addSecs(4 * 3600));
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued[0][0].toLongLong(), id);
    QCOMPARE(queued[0][1].value<DsnKind>(), DsnKind::Delay);

    m_clock.advance(3 * 3600);
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 1); // once per message

    const QVector<Store::DeliveryJob> dsns = takeClaimed(Store::MessageKind::DelayReport);
    QCOMPARE(dsns.size(), 1);
    QVERIFY(dsns[0].sender.isEmpty());
    QCOMPARE(dsns[0].recipients[0].address, QStringLiteral("app@office.example"));
    const Bounce::ParsedDsn parsed = Bounce::DsnParser::parse(dsns[0].content);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.recipients.size(), 2);
    for (const Bounce::ParsedDsnRecipient& r : parsed.recipients) {
        QCOMPARE(r.action, std::optional<Bounce::DsnAction>(Bounce::DsnAction::Delayed));
        QCOMPARE(r.status.toString(), QStringLiteral("4.7.1"));
        QCOMPARE(r.willRetryUntil, start().addSecs(5 * 24 * 3600));
    }
    QCOMPARE(parsed.recipients[1].originalRecipient, QStringLiteral("B@example.org"));
    QVERIFY(!parsed.returnedFullMessage); // headers only
    QVERIFY(!dsns[0].content.contains("The scanned page is attached."));

    // The original is still being delivered; a failure later is reported too.
    m_clock.advance(3600);
    const QVector<AttemptOutcome> later = attempt({rejected(), delivered()});
    QCOMPARE(later.size(), 2);
    QVERIFY(settle(*notifier, [&] { notifier->onAttemptsRecorded(later); }));
    QCOMPARE(queued.size(), 2);
    QCOMPARE(queued[1][1].value<DsnKind>(), DsnKind::Failure);
}

void TestDsnNotifier::noDelayWarningWithoutDelayNotify()
{
    QVERIFY(commit(QStringLiteral("app@office.example"), {QStringLiteral("a@example.org")},
                   {notify(NotifyCondition::Failure)}) > 0);
    QVERIFY(commit(QString(), {QStringLiteral("b@example.org")}) > 0); // null sender
    auto notifier = makeNotifier();
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    const QVector<AttemptOutcome> outcomes = attempt({deferred(), deferred()});
    QCOMPARE(outcomes.size(), 2);
    m_clock.advance(5 * 3600);
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 0);

    // Recorded as decided: the store does not offer it again.
    QVERIFY(delayWarningsDue().isEmpty());
    QVERIFY(takeClaimed(Store::MessageKind::DelayReport).isEmpty());
}

void TestDsnNotifier::delayWarningsDisabled()
{
    QVERIFY(commit(QStringLiteral("app@office.example"), {QStringLiteral("a@example.org")}) > 0);
    auto notifier = makeNotifier(0);
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    QCOMPARE(attempt({deferred()}).size(), 1);
    m_clock.advance(4 * 24 * 3600);
    QVERIFY(settle(*notifier, [&] { notifier->checkNow(); }));
    QCOMPARE(queued.size(), 0);
}

void TestDsnNotifier::startFindsReportsLeftBehind()
{
    // Outcomes recorded while no notifier listened (a crash between the
    // outcome and the DSN): start() finds the report, and the timer later
    // finds the delay warning.
    QVERIFY(commit(QStringLiteral("app@office.example"), {QStringLiteral("a@example.org")}) > 0);
    QVERIFY(commit(QStringLiteral("fax@office.example"), {QStringLiteral("b@example.org")}) > 0);
    QCOMPARE(attempt({rejected(), deferred()}).size(), 2);

    auto notifier = makeNotifier();
    notifier->setCheckInterval(20);
    QSignalSpy queued(notifier.get(), &DsnNotifier::dsnQueued);
    notifier->start();
    QVERIFY(queued.wait(waitMs));
    QCOMPARE(queued[0][1].value<DsnKind>(), DsnKind::Failure);

    m_clock.advance(5 * 3600);
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 2, waitMs);
    QCOMPARE(queued[1][1].value<DsnKind>(), DsnKind::Delay);
    notifier->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!notifier->isBusy(), waitMs);
    QCOMPARE(queued.size(), 2);
}

void TestDsnNotifier::storeErrorsAreReported()
{
    // A worker whose store never opened answers every request with an error.
    Store::StoreWorker broken(
        std::make_unique<Store::SqliteStore>(m_dir->filePath(QStringLiteral("never-opened"))));
    DsnNotifier notifier(&broken, &m_clock, hostname);
    QSignalSpy errors(&notifier, &DsnNotifier::storeErrorOccurred);
    QSignalSpy queued(&notifier, &DsnNotifier::dsnQueued);
    QVERIFY(settle(notifier, [&] { notifier.checkNow(); }));
    QCOMPARE(errors.size(), 2); // the failure and the delay query
    QVERIFY(errors[0][0].toString().contains(QLatin1String("not started")));
    QCOMPARE(queued.size(), 0);
}

QTEST_GUILESS_MAIN(TestDsnNotifier)
#include "TestDsnNotifier.moc"
