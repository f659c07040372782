// When a DSN is sent and what it returns (RFC 3461 sections 4.1 and 4.3,
// and our documented defaults).

#include "bounce/DsnPolicy.h"

#include <QTest>

using namespace RelayDesk::Bounce;

Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnKind)
Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnReturn)
Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnPolicy::Returned)

namespace {

RecipientDsnRequest notifyRequest(bool given, NotifyConditions notify = {})
{
    RecipientDsnRequest r;
    r.notifyGiven = given;
    r.notify = notify;
    return r;
}

} // namespace

class TestDsnPolicy : public QObject
{
    Q_OBJECT

private slots:
    void shouldSend_data();
    void shouldSend();
    void effectiveNotifyDefault();
    void delayWarning_data();
    void delayWarning();
    void returnedContent_data();
    void returnedContent();
};

void TestDsnPolicy::shouldSend_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<RecipientDsnRequest>("request");
    QTest::addColumn<DsnKind>("kind");
    QTest::addColumn<bool>("send");

    const QString sender = QStringLiteral("printer@office.example");
    const auto absent = notifyRequest(false);
    const auto never = notifyRequest(true);
    const auto failure = notifyRequest(true, NotifyCondition::Failure);
    const auto delay = notifyRequest(true, NotifyCondition::Delay);
    const auto success = notifyRequest(true, NotifyCondition::Success);
    const auto all = notifyRequest(true, NotifyCondition::Success | NotifyCondition::Failure |
                                             NotifyCondition::Delay);

    QTest::newRow("null sender, failure: never (no loops)")
        << QString() << absent << DsnKind::Failure << false;
    QTest::newRow("null sender, explicit FAILURE")
        << QString() << failure << DsnKind::Failure << false;
    QTest::newRow("null sender, delay") << QString() << all << DsnKind::Delay << false;
    QTest::newRow("default: failure") << sender << absent << DsnKind::Failure << true;
    QTest::newRow("default: delay") << sender << absent << DsnKind::Delay << true;
    QTest::newRow("default: no success") << sender << absent << DsnKind::Success << false;
    QTest::newRow("NEVER: no failure") << sender << never << DsnKind::Failure << false;
    QTest::newRow("NEVER: no delay") << sender << never << DsnKind::Delay << false;
    QTest::newRow("NEVER: no success") << sender << never << DsnKind::Success << false;
    QTest::newRow("FAILURE only: failure") << sender << failure << DsnKind::Failure << true;
    QTest::newRow("FAILURE only: no delay") << sender << failure << DsnKind::Delay << false;
    QTest::newRow("DELAY only: no failure") << sender << delay << DsnKind::Failure << false;
    QTest::newRow("DELAY only: delay") << sender << delay << DsnKind::Delay << true;
    QTest::newRow("SUCCESS only: success") << sender << success << DsnKind::Success << true;
    QTest::newRow("SUCCESS only: no failure") << sender << success << DsnKind::Failure << false;
    QTest::newRow("all: success") << sender << all << DsnKind::Success << true;
}

void TestDsnPolicy::shouldSend()
{
    QFETCH(QString, sender);
    QFETCH(RecipientDsnRequest, request);
    QFETCH(DsnKind, kind);
    QFETCH(bool, send);
    QCOMPARE(DsnPolicy::shouldSend(sender, request, kind), send);
}

void TestDsnPolicy::effectiveNotifyDefault()
{
    QCOMPARE(DsnPolicy::effectiveNotify(notifyRequest(false)),
             NotifyCondition::Failure | NotifyCondition::Delay);
    QCOMPARE(DsnPolicy::effectiveNotify(notifyRequest(true)), NotifyConditions());
    QCOMPARE(DsnPolicy::effectiveNotify(notifyRequest(true, NotifyCondition::Success)),
             NotifyConditions(NotifyCondition::Success));
}

void TestDsnPolicy::delayWarning_data()
{
    QTest::addColumn<qint64>("warnAfter");
    QTest::addColumn<qint64>("age");
    QTest::addColumn<bool>("alreadyWarned");
    QTest::addColumn<bool>("due");

    const qint64 fourHours = 4 * 3600;
    QTest::newRow("fresh") << fourHours << qint64(60) << false << false;
    QTest::newRow("one second early") << fourHours << fourHours - 1 << false << false;
    QTest::newRow("exactly 4 h") << fourHours << fourHours << false << true;
    QTest::newRow("later") << fourHours << 3 * fourHours << false << true;
    QTest::newRow("only once") << fourHours << 3 * fourHours << true << false;
    QTest::newRow("custom 30 min") << qint64(1800) << qint64(1800) << false << true;
    QTest::newRow("disabled") << qint64(0) << 100 * fourHours << false << false;
}

void TestDsnPolicy::delayWarning()
{
    QFETCH(qint64, warnAfter);
    QFETCH(qint64, age);
    QFETCH(bool, alreadyWarned);
    QFETCH(bool, due);
    const DsnPolicy policy(warnAfter);
    const QDateTime arrival(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);
    QCOMPARE(policy.isDelayWarningDue(arrival, arrival.addSecs(age), alreadyWarned), due);
    // An unknown arrival time never triggers a warning.
    QVERIFY(!policy.isDelayWarningDue(QDateTime(), arrival.addSecs(age), false));
}

void TestDsnPolicy::returnedContent_data()
{
    QTest::addColumn<DsnKind>("kind");
    QTest::addColumn<DsnReturn>("ret");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<DsnPolicy::Returned>("returned");
    QTest::addColumn<bool>("fellBack");

    using R = DsnPolicy::Returned;
    const qint64 cap = DsnPolicy::DefaultMaxReturnedBytes;
    QTest::newRow("failure, RET absent: full")
        << DsnKind::Failure << DsnReturn::Unspecified << qint64(5000) << R::FullMessage << false;
    QTest::newRow("failure, RET=FULL")
        << DsnKind::Failure << DsnReturn::Full << qint64(5000) << R::FullMessage << false;
    QTest::newRow("failure, RET=HDRS")
        << DsnKind::Failure << DsnReturn::Headers << qint64(5000) << R::Headers << false;
    QTest::newRow("failure, RET=FULL at cap")
        << DsnKind::Failure << DsnReturn::Full << cap << R::FullMessage << false;
    QTest::newRow("failure, RET=FULL above cap")
        << DsnKind::Failure << DsnReturn::Full << cap + 1 << R::Headers << true;
    QTest::newRow("failure, RET absent above cap")
        << DsnKind::Failure << DsnReturn::Unspecified << 5 * cap << R::Headers << true;
    QTest::newRow("delay, RET=FULL: headers")
        << DsnKind::Delay << DsnReturn::Full << qint64(100) << R::Headers << false;
    QTest::newRow("success, RET=FULL: headers")
        << DsnKind::Success << DsnReturn::Full << qint64(100) << R::Headers << false;
}

void TestDsnPolicy::returnedContent()
{
    QFETCH(DsnKind, kind);
    QFETCH(DsnReturn, ret);
    QFETCH(qint64, size);
    QFETCH(DsnPolicy::Returned, returned);
    QFETCH(bool, fellBack);
    const DsnPolicy policy;
    bool truncated = !fellBack; // must be overwritten
    QCOMPARE(policy.returnedContent(kind, ret, size, &truncated), returned);
    QCOMPARE(truncated, fellBack);
    QCOMPARE(policy.returnedContent(kind, ret, size), returned); // null out-pointer is fine
}

QTEST_GUILESS_MAIN(TestDsnPolicy)
#include "TestDsnPolicy.moc"
