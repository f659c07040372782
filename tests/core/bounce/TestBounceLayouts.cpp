// The layouts the reader learnt for issue 6's hard/soft work (messages
// written for this test, RFC 2606 names): when a refusal came after DATA,
// which lines belong to which recipient, and MIME that gateways break.
// Each row checks what the reader finds and how the classifier decides.

#include "bounce/BounceMessageReader.h"
#include "bounce/FailureClassifier.h"

#include <QStringDecoder>
#include <QTest>

using namespace RelayDesk::Bounce;

namespace {

QByteArray lines(std::initializer_list<const char*> parts)
{
    QByteArray out;
    for (const char* part : parts)
        out += QByteArray(part) + "\r\n";
    return out;
}

QByteArray sendmailTranscript(const char* afterReply)
{
    return lines({"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>",
                  "To: sender@example.org", "Subject: Returned mail: see transcript for details",
                  "", "   ----- The following addresses had permanent fatal errors -----",
                  "<kim@example.net>", "    (reason: 550 Unknown user kim@example.net)", "",
                  "   ----- Transcript of session follows -----",
                  "... while talking to mx.example.net.:", ">>> DATA",
                  "<<< 550 Unknown user kim@example.net", afterReply, "",
                  "   ----- Original message follows -----", "Subject: hello", "", "hi"});
}

QByteArray dsnWithReportingMta(const char* mta)
{
    return lines({"From: MAILER-DAEMON@example.org",
                  "To: sender@example.org",
                  "Subject: Delivery Status Notification (Failure)",
                  "MIME-Version: 1.0",
                  "Content-Type: multipart/report; report-type=delivery-status; boundary=b1",
                  "",
                  "--b1",
                  "Content-Type: text/plain",
                  "",
                  "This message could not be delivered.",
                  "--b1",
                  "Content-Type: message/delivery-status",
                  "",
                  (QByteArray("Reporting-MTA: dns; ") + mta).constData(),
                  "",
                  "Final-Recipient: rfc822; kim@example.net",
                  "Action: failed",
                  "Status: 5.1.1",
                  "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist",
                  "",
                  "--b1--"});
}

} // namespace

class TestBounceLayouts : public QObject
{
    Q_OBJECT

private slots:
    void layouts_data();
    void layouts();
    void stuckTogetherDsnBlocksAreSplit();
    void japaneseExplanationIsDecoded();
};

void TestBounceLayouts::layouts_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QStringList>("recipients");
    QTest::addColumn<QStringList>("reasons");
    QTest::addColumn<QList<bool>>("hard");

    // Sendmail: the DATA reply failed the whole transaction -> a filter.
    QTest::newRow("sendmail data refused")
        << sendmailTranscript("554 5.0.0 Service unavailable") << QStringList{"kim@example.net"}
        << QStringList{"filtered"} << QList<bool>{false};
    // Pipelined RCPT refusal read after DATA was sent: Sendmail writes its
    // own per-recipient line and the server's 503 -> the user is unknown.
    QTest::newRow("sendmail pipelined rcpt")
        << sendmailTranscript("550 5.1.1 <kim@example.net>... User unknown\r\n"
                              "<<< 503 5.0.0 Need RCPT (recipient)")
        << QStringList{"kim@example.net"} << QStringList{"userunknown"} << QList<bool>{true};

    QTest::newRow("courier data block")
        << lines({"From: postmaster@example.org", "To: sender@example.org",
                  "Subject: NOTICE: mail delivery status.", "",
                  "Your message to the following recipients cannot be delivered:", "",
                  "<kim@example.net>:", "    mx.example.net [192.0.2.1]:", ">>> DATA",
                  "<<< 550 Unknown user kim@example.net", "", "<lee@example.net>:",
                  "    mx.example.net [192.0.2.1]:", ">>> RCPT TO:<lee@example.net>",
                  "<<< 550 Unknown user lee@example.net"})
        << QStringList{"kim@example.net", "lee@example.net"}
        << QStringList{"filtered", "userunknown"} << QList<bool>{false, true};

    // Sendmail V5: each "554 <a@b>... reason" ends its recipient's block;
    // the host line after it belongs to the next recipient.
    QTest::newRow("sendmail v5 order")
        << lines({"From: MAILER-DAEMON@example.org", "To: sender@example.org",
                  "Subject: Returned mail: unknown host", "",
                  "   ----- Transcript of session follows -----",
                  "421 example.edu (smtp)... Deferred: Connection reset by peer",
                  "554 <kim@example.edu>... Deferred: Connection reset by peer during result wait",
                  "550 example.com (smtp)... 550 Host unknown",
                  "554 <lee@example.com>... 550 Host unknown (Authoritative answer from name "
                  "server)"})
        << QStringList{"kim@example.edu", "lee@example.com"}
        << QStringList{"networkerror", "hostunknown"} << QList<bool>{false, true};

    // Amazon SES receiving bounces by receipt rule after accepting the mail.
    QTest::newRow("ses inbound receipt rule")
        << dsnWithReportingMta("inbound-smtp.eu-west-1.amazonaws.com")
        << QStringList{"kim@example.net"} << QStringList{"filtered"} << QList<bool>{false};
    QTest::newRow("same dsn from another mta")
        << dsnWithReportingMta("mx.example.org") << QStringList{"kim@example.net"}
        << QStringList{"userunknown"} << QList<bool>{true};

    // A boundary parameter on a line of its own (not folded).
    QTest::newRow("stray boundary line")
        << lines({"From: post_master@example.org",
                  "To: sender@example.org",
                  "Subject: Re: hi",
                  "MIME-Version: 1.0",
                  "Content-Type: multipart/mixed; boundary=\"outer\"",
                  "",
                  "--outer",
                  "Content-Type: multipart/alternative;",
                  "boundary=\"inner\"",
                  "",
                  "--inner",
                  "Content-Type: text/plain",
                  "",
                  "Error: Invalid user address",
                  "",
                  "Error message below:",
                  "550 - Requested action not taken: no such user here",
                  "",
                  "Message details:",
                  "  Size (in bytes): 222",
                  "  RCPT TO: kim@example.net",
                  "--inner--",
                  "--outer--"})
        << QStringList{"kim@example.net"} << QStringList{"userunknown"} << QList<bool>{true};

    // multipart/report whose boundary never occurs: read as plain text.
    QTest::newRow("boundary never occurs")
        << lines({"From: Mail Delivery Subsystem <MAILER-DAEMON@example.org>",
                  "To: sender@example.org", "Subject: Returned mail: Service unavailable",
                  "Content-Type: multipart/report; report-type=delivery-status; boundary=\"gone\"",
                  "", "   ----- The following addresses had permanent fatal errors -----",
                  "<kim@example.net>", "", "   ----- Transcript of session follows -----",
                  "mail.local: unknown user: kim", "554 <kim@example.net>... Service unavailable"})
        << QStringList{"kim@example.net"} << QStringList{"userunknown"} << QList<bool>{true};

    // A gateway that only forwards another MTA's bounce as an attachment.
    QTest::newRow("forwarded bounce")
        << lines({"From: postmaster@example.org",
                  "To: sender@example.org",
                  "Subject: Mail could not be delivered",
                  "MIME-Version: 1.0",
                  "Content-Type: multipart/mixed; boundary=\"fw\"",
                  "",
                  "--fw",
                  "Content-Type: text/plain",
                  "",
                  "Reason: Unable to deliver message to <kim@example.net>.",
                  "--fw",
                  "Content-Type: message/rfc822",
                  "",
                  "From: MAILER-DAEMON@mx.example.org",
                  "Subject: Returned mail",
                  "",
                  "   ----- The following addresses had permanent fatal errors -----",
                  "<kim@example.net>",
                  "   ----- Transcript of session follows -----",
                  ">>> RCPT To:<kim@example.net>",
                  "<<< 550 5.1.1 <kim@example.net>... Invalid recipient",
                  "--fw--"})
        << QStringList{"kim@example.net"} << QStringList{"userunknown"} << QList<bool>{true};
}

void TestBounceLayouts::layouts()
{
    QFETCH(QByteArray, message);
    QFETCH(QStringList, recipients);
    QFETCH(QStringList, reasons);
    QFETCH(QList<bool>, hard);
    const auto classified = FailureClassifier::instance().classifyRecipients(message);
    QStringList gotRecipients, gotReasons;
    QList<bool> gotHard;
    for (const auto& rc : classified) {
        gotRecipients << rc.recipient;
        gotReasons << rc.classification.reason;
        gotHard << rc.classification.hard;
    }
    QCOMPARE(gotRecipients, recipients);
    QCOMPARE(gotReasons, reasons);
    QCOMPARE(gotHard, hard);
}

void TestBounceLayouts::stuckTogetherDsnBlocksAreSplit()
{
    // No empty line between the per-message and the recipient blocks, nor
    // between the two recipients; Original-Recipient first in the second.
    const QByteArray message =
        lines({"From: Postmaster <postmaster@example.org>",
               "To: sender@example.org",
               "Subject: Undeliverable",
               "MIME-Version: 1.0",
               "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
               "",
               "--b",
               "Content-Type: message/delivery-status",
               "",
               "Reporting-MTA: dns; mx.example.org",
               "Final-Recipient: rfc822; kim@example.net",
               "Action: failed",
               "Status: 5.2.2",
               "Diagnostic-Code: smtp; 550 5.2.2 <kim@example.net>... Mailbox Full",
               "Original-Recipient: rfc822;lee@example.net",
               "Final-Recipient: rfc822; lee@example.net",
               "Action: failed",
               "Status: 5.1.1",
               "Diagnostic-Code: smtp; 550 5.1.1 <lee@example.net>... User Unknown",
               "",
               "--b--"});
    const BounceReport report = BounceMessageReader::read(message);
    QCOMPARE(report.entries.size(), 2);
    QCOMPARE(report.entries.at(0).recipient, QStringLiteral("kim@example.net"));
    QCOMPARE(report.entries.at(0).dsnStatus, QStringLiteral("5.2.2"));
    QCOMPARE(report.entries.at(1).recipient, QStringLiteral("lee@example.net"));
    QCOMPARE(report.entries.at(1).dsnStatus, QStringLiteral("5.1.1"));
    const auto classified = FailureClassifier::instance().classifyRecipients(message);
    QCOMPARE(classified.at(1).classification.reason, QStringLiteral("userunknown"));
    QVERIFY(classified.at(1).classification.hard);
}

void TestBounceLayouts::japaneseExplanationIsDecoded()
{
    QStringEncoder encoder("ISO-2022-JP");
    if (!encoder.isValid())
        QSKIP("this Qt has no ISO-2022-JP codec (built without ICU)");
    const QByteArray body = encoder.encode(QStringLiteral(
        "ユーザー Kim (kim@example.net) は Domino ディレクトリには見つかりません。"));
    QByteArray message =
        lines({"From: Postmaster <postmaster@example.org>", "To: sender@example.org",
               "Subject: DELIVERY FAILURE", "MIME-Version: 1.0",
               "Content-Type: text/plain; charset=ISO-2022-JP", "",
               "Your message was not delivered to:", "", "  kim@example.net", "", "because:", ""});
    message += "  " + body + "\r\n";
    const auto classified = FailureClassifier::instance().classifyRecipients(message);
    QCOMPARE(classified.size(), 1);
    QCOMPARE(classified.constFirst().recipient, QStringLiteral("kim@example.net"));
    QCOMPARE(classified.constFirst().classification.reason, QStringLiteral("userunknown"));
}

QTEST_GUILESS_MAIN(TestBounceLayouts)
#include "TestBounceLayouts.moc"
