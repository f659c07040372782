// RFC 3463 enhanced status codes: parsing, classes, the registry table and
// the defaults for replies without a code.

#include "bounce/EnhancedStatus.h"
#include "bounce/StatusCodeRegistry.h"

#include <QSet>
#include <QTest>

using namespace RelayDesk::Bounce;

class TestEnhancedStatus : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void fromReplyText_data();
    void fromReplyText();
    void findInText_data();
    void findInText();
    void fromReplyCode_data();
    void fromReplyCode();
    void constructorRejectsIllegalParts();
    void withClass();
    void registryLookup_data();
    void registryLookup();
    void registryIsConsistent();
    void explanationAndAdvice();
};

void TestEnhancedStatus::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: rejected
    QTest::addColumn<int>("statusClass");

    QTest::newRow("permanent") << "5.1.1"
                               << "5.1.1" << 5;
    QTest::newRow("transient") << "4.4.7"
                               << "4.4.7" << 4;
    QTest::newRow("success") << "2.0.0"
                             << "2.0.0" << 2;
    QTest::newRow("three-digit detail (M365)") << "5.7.509"
                                               << "5.7.509" << 5;
    QTest::newRow("three-digit subject and detail") << "4.123.456"
                                                    << "4.123.456" << 4;
    QTest::newRow("two-digit detail") << "5.1.10"
                                      << "5.1.10" << 5;
    QTest::newRow("surrounding space") << "  5.2.2\t"
                                       << "5.2.2" << 5;
    QTest::newRow("leading zeros kept numeric") << "5.01.001"
                                                << "5.1.1" << 5;
    QTest::newRow("class 3 is not a class") << "3.1.1"
                                            << "" << 0;
    QTest::newRow("class 1") << "1.0.0"
                             << "" << 0;
    QTest::newRow("four-digit detail") << "5.1.1000"
                                       << "" << 0;
    QTest::newRow("four-digit subject") << "5.1000.1"
                                        << "" << 0;
    QTest::newRow("missing detail") << "5.1"
                                    << "" << 0;
    QTest::newRow("missing detail digits") << "5.1."
                                           << "" << 0;
    QTest::newRow("trailing text") << "5.1.1 User unknown"
                                   << "" << 0;
    QTest::newRow("four parts") << "5.1.1.1"
                                << "" << 0;
    QTest::newRow("letters") << "5.a.1"
                             << "" << 0;
    QTest::newRow("empty") << ""
                           << "" << 0;
    QTest::newRow("negative") << "5.-1.1"
                              << "" << 0;
}

void TestEnhancedStatus::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QFETCH(int, statusClass);
    const auto status = EnhancedStatus::parse(text);
    QCOMPARE(status.has_value(), !expected.isEmpty());
    if (status) {
        QCOMPARE(status->toString(), expected);
        QCOMPARE(status->classDigit(), statusClass);
        QCOMPARE(int(status->statusClass()), statusClass);
        QVERIFY(status->isValid());
        QCOMPARE(status->isPermanent(), statusClass == 5);
        QCOMPARE(status->isTransient(), statusClass == 4);
        QCOMPARE(status->isSuccess(), statusClass == 2);
    }
}

void TestEnhancedStatus::fromReplyText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "5.1.1 <a@b>: User unknown" << 550 << "5.1.1";
    QTest::newRow("no reply code check") << "4.2.2 Mailbox full" << 0 << "4.2.2";
    QTest::newRow("class mismatch is untrusted") << "5.1.1 User unknown" << 450 << "";
    QTest::newRow("hash prefix (old Exchange)") << "#5.1.0 Address rejected." << 550 << "5.1.0";
    QTest::newRow("code only") << "2.0.0" << 250 << "2.0.0";
    QTest::newRow("no code") << "Requested action not taken" << 550 << "";
    QTest::newRow("code glued to text") << "5.1.1User" << 550 << "";
    QTest::newRow("version number") << "5.1.1.2 something" << 550 << "";
    QTest::newRow("leading space") << "  4.7.0 Try later" << 421 << "4.7.0";
}

void TestEnhancedStatus::fromReplyText()
{
    QFETCH(QString, text);
    QFETCH(int, replyCode);
    QFETCH(QString, expected);
    const auto status = EnhancedStatus::fromReplyText(text, replyCode);
    QCOMPARE(status ? status->toString() : QString(), expected);
}

void TestEnhancedStatus::findInText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("gmail continuation") << "550-5.7.26 Unauthenticated email from x is not accepted"
                                        << "5.7.26";
    QTest::newRow("after reply code") << "host said: 550 5.1.1 <a@b>... User Unknown"
                                      << "5.1.1";
    QTest::newRow("qmail style") << "Sorry, no mailbox here by that name. (#5.1.1)"
                                 << "5.1.1";
    QTest::newRow("sentence end") << "The status was 4.4.7."
                                  << "4.4.7";
    QTest::newRow("ip address is not a code") << "client 192.0.2.5.4 rejected"
                                              << "";
    QTest::newRow("ip then code") << "[10.5.1.2] said 554 5.7.1 denied"
                                  << "5.7.1";
    QTest::newRow("version string") << "Postfix v2.5.1 here"
                                    << "";
    QTest::newRow("name with dash") << "host mx-5.1.1 down"
                                    << "";
    QTest::newRow("none") << "Mailbox unavailable"
                          << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestEnhancedStatus::findInText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto status = EnhancedStatus::findInText(text);
    QCOMPARE(status ? status->toString() : QString(), expected);
}

void TestEnhancedStatus::fromReplyCode_data()
{
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("expected");

    QTest::newRow("250") << 250 << "2.0.0";
    QTest::newRow("251 forwarded") << 251 << "2.1.5";
    QTest::newRow("421 closing") << 421 << "4.3.2";
    QTest::newRow("450 mailbox busy") << 450 << "4.2.0";
    QTest::newRow("451 local error") << 451 << "4.3.0";
    QTest::newRow("452 storage") << 452 << "4.3.1";
    QTest::newRow("455 parameters") << 455 << "4.5.4";
    QTest::newRow("other 4xx") << 471 << "4.0.0";
    QTest::newRow("500 syntax") << 500 << "5.5.2";
    QTest::newRow("501 parameters") << 501 << "5.5.4";
    QTest::newRow("502 not implemented") << 502 << "5.5.1";
    QTest::newRow("503 sequence") << 503 << "5.5.1";
    QTest::newRow("504 parameter not implemented") << 504 << "5.5.4";
    QTest::newRow("521 no mail here") << 521 << "5.3.2";
    QTest::newRow("530 auth required") << 530 << "5.7.0";
    QTest::newRow("534 mechanism weak") << 534 << "5.7.9";
    QTest::newRow("535 credentials") << 535 << "5.7.8";
    QTest::newRow("538 encryption") << 538 << "5.7.11";
    QTest::newRow("550 ambiguous") << 550 << "5.0.0";
    QTest::newRow("551 not local") << 551 << "5.1.6";
    QTest::newRow("552 storage") << 552 << "5.2.2";
    QTest::newRow("553 name") << 553 << "5.1.3";
    QTest::newRow("554 failed") << 554 << "5.0.0";
    QTest::newRow("555 parameters") << 555 << "5.5.4";
    QTest::newRow("556 domain no mail") << 556 << "5.1.10";
    QTest::newRow("354 is intermediate") << 354 << "";
    QTest::newRow("0 no reply") << 0 << "";
    QTest::newRow("600 out of range") << 600 << "";
    QTest::newRow("negative") << -550 << "";
}

void TestEnhancedStatus::fromReplyCode()
{
    QFETCH(int, replyCode);
    QFETCH(QString, expected);
    const EnhancedStatus status = EnhancedStatus::fromReplyCode(replyCode);
    QCOMPARE(status.toString(), expected);
    QCOMPARE(status.isValid(), !expected.isEmpty());
    if (status.isValid())
        QCOMPARE(status.classDigit(), replyCode / 100);
}

void TestEnhancedStatus::constructorRejectsIllegalParts()
{
    QVERIFY(!EnhancedStatus().isValid());
    QVERIFY(!EnhancedStatus(3, 1, 1).isValid());
    QVERIFY(!EnhancedStatus(5, 1000, 1).isValid());
    QVERIFY(!EnhancedStatus(5, 1, -1).isValid());
    QVERIFY(EnhancedStatus(5, 999, 999).isValid());
    QCOMPARE(EnhancedStatus().toString(), QString());
    QCOMPARE(EnhancedStatus().title(), QString());
    QCOMPARE(EnhancedStatus(5, 1, 1), *EnhancedStatus::parse(u"5.1.1"));
    QVERIFY(EnhancedStatus(5, 1, 1) != EnhancedStatus(4, 1, 1));
}

void TestEnhancedStatus::withClass()
{
    const EnhancedStatus transient(4, 4, 1);
    QCOMPARE(transient.withClass(EnhancedStatus::Class::PermanentFailure).toString(),
             QStringLiteral("5.4.1"));
    QCOMPARE(transient.withClass(EnhancedStatus::Class::Success).toString(),
             QStringLiteral("2.4.1"));
    QVERIFY(!EnhancedStatus().withClass(EnhancedStatus::Class::PermanentFailure).isValid());
    QVERIFY(!transient.withClass(EnhancedStatus::Class::Invalid).isValid());
}

void TestEnhancedStatus::registryLookup_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("registered");

    QTest::newRow("5.1.1") << "5.1.1"
                           << "Bad destination mailbox address" << true;
    QTest::newRow("4.1.1 same entry") << "4.1.1"
                                      << "Bad destination mailbox address" << true;
    QTest::newRow("5.2.2") << "5.2.2"
                           << "Mailbox full" << true;
    QTest::newRow("4.4.7") << "4.4.7"
                           << "Delivery time expired" << true;
    QTest::newRow("5.1.10 null MX") << "5.1.10"
                                    << "Recipient address has null MX" << true;
    QTest::newRow("5.7.26") << "5.7.26"
                            << "Multiple authentication checks failed" << true;
    QTest::newRow("5.7.8") << "5.7.8"
                           << "Authentication credentials invalid" << true;
    QTest::newRow("5.3.4") << "5.3.4"
                           << "Message too big for system" << true;
    QTest::newRow("M365 private 5.7.509 falls back to subject")
        << "5.7.509"
        << "Security or Policy Status" << false;
    QTest::newRow("M365 private 5.4.312") << "5.4.312"
                                          << "Network and Routing Status" << false;
    QTest::newRow("unknown subject") << "5.9.1"
                                     << "Unknown Status" << false;
}

void TestEnhancedStatus::registryLookup()
{
    QFETCH(QString, code);
    QFETCH(QString, title);
    QFETCH(bool, registered);
    const EnhancedStatus status = *EnhancedStatus::parse(code);
    QCOMPARE(status.title(), title);
    QCOMPARE(StatusCodeRegistry::find(status) != nullptr, registered);
    QVERIFY(!StatusCodeRegistry::explanation(status).isEmpty());
    QVERIFY(!StatusCodeRegistry::advice(status).isEmpty());
}

void TestEnhancedStatus::registryIsConsistent()
{
    const auto entries = StatusCodeRegistry::entries();
    QVERIFY(entries.size() >= 70);
    QSet<int> seen;
    for (const StatusCodeEntry& entry : entries) {
        const int key = entry.subject * 1000 + entry.detail;
        QVERIFY2(
            !seen.contains(key),
            qPrintable(QStringLiteral("duplicate X.%1.%2").arg(entry.subject).arg(entry.detail)));
        seen.insert(key);
        QVERIFY(entry.subject >= 0 && entry.subject <= 7);
        QVERIFY(entry.title && *entry.title);
        QVERIFY(entry.explanation && *entry.explanation);
        QVERIFY(entry.reference && *entry.reference);
        const StatusCodeEntry* found = StatusCodeRegistry::find(entry.subject, entry.detail);
        QVERIFY(found);
        QCOMPARE(QString::fromLatin1(found->title), QString::fromLatin1(entry.title));
    }
    // Every subject has its X.N.0 "other" entry (RFC 3463 section 3).
    for (int subject = 0; subject <= 7; ++subject) {
        QVERIFY(StatusCodeRegistry::find(subject, 0));
        QVERIFY(StatusCodeRegistry::subjectTitle(subject) != QStringLiteral("Unknown Status"));
    }
    QCOMPARE(StatusCodeRegistry::subjectTitle(8), QStringLiteral("Unknown Status"));
    QCOMPARE(StatusCodeRegistry::subjectTitle(-1), QStringLiteral("Unknown Status"));
    QCOMPARE(StatusCodeRegistry::classTitle(EnhancedStatus::Class::PermanentFailure),
             QStringLiteral("Permanent Failure"));
    QCOMPARE(StatusCodeRegistry::classTitle(EnhancedStatus::Class::PersistentTransient),
             QStringLiteral("Persistent Transient Failure"));
}

void TestEnhancedStatus::explanationAndAdvice()
{
    // An entry's own advice wins; without one the subject's advice applies.
    const EnhancedStatus userUnknown(5, 1, 1);
    QVERIFY(StatusCodeRegistry::advice(userUnknown).contains(QStringLiteral("typing")));
    const EnhancedStatus policy(5, 7, 1); // no advice of its own
    QCOMPARE(StatusCodeRegistry::advice(policy),
             StatusCodeRegistry::advice(EnhancedStatus(5, 7, 999)));
    QVERIFY(StatusCodeRegistry::explanation(EnhancedStatus(5, 7, 509))
                .contains(QStringLiteral("Security or Policy Status")));
    QVERIFY(!StatusCodeRegistry::explanation(EnhancedStatus()).isEmpty());
    QVERIFY(!StatusCodeRegistry::advice(EnhancedStatus()).isEmpty());
}

QTEST_GUILESS_MAIN(TestEnhancedStatus)
#include "TestEnhancedStatus.moc"
