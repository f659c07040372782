// Bounce messages of each layout the classifier reads (data/classifier/,
// written for this test): RFC 3464 DSNs, a Microsoft 365 NDR, qmail, Exim
// (a refusal after DATA), ARF feedback, an RFC 3834 auto-reply, a success
// DSN; and input that is no bounce at all.

#include "bounce/BounceMessageReader.h"
#include "bounce/FailureClassifier.h"

#include <QFile>
#include <QTest>

using namespace RelayDesk::Bounce;

namespace {

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(RELAYDESK_CLASSIFIER_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open sample %s", qPrintable(name));
    return file.readAll();
}

} // namespace

class TestBounceMessages : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void classifyMessageIsTheFirstRecipient();
    void readerFindsRecipientsAndContext();
    void notABounce_data();
    void notABounce();
};

void TestBounceMessages::messages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<QStringList>("reasons");
    QTest::addColumn<QList<bool>>("hard");
    QTest::addColumn<QStringList>("statuses");

    QTest::newRow("rfc3464 two recipients")
        << "dsn-two-recipients.eml" << QStringList{"alice@example.org", "bob@example.net"}
        << QStringList{"userunknown", "mailboxfull"} << QList<bool>{true, false}
        << QStringList{"5.1.1", "5.2.2"};
    QTest::newRow("microsoft 365 5.7.708")
        << "m365-708.eml" << QStringList{"carol@example.org"} << QStringList{"blocked"}
        << QList<bool>{false} << QStringList{"5.7.708"};
    QTest::newRow("qmail") << "qmail.eml" << QStringList{"dave@example.org", "erin@nowhere.example"}
                           << QStringList{"userunknown", "hostunknown"} << QList<bool>{true, true}
                           << QStringList{"5.1.1", "5.1.2"};
    // "No such user" after DATA is a per-recipient filter, not a missing user.
    QTest::newRow("exim after data")
        << "exim-after-data.eml" << QStringList{"frank@example.org", "grace@example.net"}
        << QStringList{"filtered", "norelaying"} << QList<bool>{false, false}
        << QStringList{"5.1.1", "5.7.1"};
    QTest::newRow("arf") << "arf.eml" << QStringList{""} << QStringList{"feedback"}
                         << QList<bool>{false} << QStringList{""};
    QTest::newRow("auto reply") << "autoreply.eml" << QStringList{""} << QStringList{"vacation"}
                                << QList<bool>{false} << QStringList{""};
    QTest::newRow("delivered") << "delivered.eml" << QStringList{"judy@example.org"}
                               << QStringList{"delivered"} << QList<bool>{false}
                               << QStringList{"2.0.0"};
}

void TestBounceMessages::messages()
{
    QFETCH(QString, file);
    QFETCH(QStringList, recipients);
    QFETCH(QStringList, reasons);
    QFETCH(QList<bool>, hard);
    QFETCH(QStringList, statuses);
    const auto result = FailureClassifier::instance().classifyRecipients(sample(file));
    QCOMPARE(result.size(), recipients.size());
    for (qsizetype i = 0; i < result.size(); ++i) {
        QCOMPARE(result.at(i).recipient, recipients.at(i));
        QCOMPARE(result.at(i).classification.reason, reasons.at(i));
        QCOMPARE(result.at(i).classification.hard, hard.at(i));
        QCOMPARE(result.at(i).classification.status, statuses.at(i));
    }
}

void TestBounceMessages::classifyMessageIsTheFirstRecipient()
{
    const auto message = sample("qmail.eml");
    QCOMPARE(FailureClassifier::instance().classifyMessage(message).reason,
             QStringLiteral("userunknown"));
}

void TestBounceMessages::readerFindsRecipientsAndContext()
{
    const BounceReport report = BounceMessageReader::read(sample("exim-after-data.eml"));
    QCOMPARE(report.kind, BounceReport::Kind::Failure);
    QCOMPARE(report.entries.size(), 2);
    QVERIFY(report.entries.at(0).afterData);
    QVERIFY(!report.entries.at(1).afterData);
    // The returned copy of the message is not part of the explanation.
    QVERIFY(!report.text.contains(QLatin1String("virus spam blocked")));
    QVERIFY(report.text.contains(QLatin1String("permanent error")));

    const BounceReport qmail = BounceMessageReader::read(sample("qmail.eml"));
    QVERIFY(!qmail.text.contains(QLatin1String("Mailbox full")));
}

void TestBounceMessages::notABounce_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("\x01\x02\xff\xfe not a message");
    QTest::newRow("headers only") << QByteArray("From: a@example.com\r\nSubject: hi\r\n\r\n");
    QTest::newRow("unterminated multipart")
        << QByteArray("Content-Type: multipart/report; boundary=x\r\n\r\n--x\r\nContent-Type: "
                      "message/delivery-status\r\n\r\nFinal-Recipient: rfc822;");
}

void TestBounceMessages::notABounce()
{
    QFETCH(QByteArray, message);
    const auto result = FailureClassifier::instance().classifyRecipients(message);
    QVERIFY(!result.isEmpty());
    // Nothing to go on: no reason is invented and nothing is called permanent.
    for (const auto& recipient : result)
        QVERIFY(!recipient.classification.hard);
    const auto single = FailureClassifier::instance().classifyMessage(message);
    QVERIFY(single.reason == QLatin1String("undefined") ||
            single.reason == QLatin1String("systemerror"));
}

QTEST_GUILESS_MAIN(TestBounceMessages)
#include "TestBounceMessages.moc"
