// DsnParser on DSNs written by independent MTAs (Postfix, Exim, Sendmail,
// Microsoft 365, Google, Amazon SES; samples in data/, see data/README.md)
// and on broken or hostile input.

#include "bounce/DsnParser.h"

#include <QFile>
#include <QTest>

using namespace RelayDesk::Bounce;

namespace {

QByteArray sample(const QString& name)
{
    QFile file(QStringLiteral(RELAYDESK_BOUNCE_TEST_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open sample %s", qPrintable(name));
    return file.readAll();
}

} // namespace

class TestDsnParser : public QObject
{
    Q_OBJECT

private slots:
    void realSamples_data();
    void realSamples();
    void postfixTwoRecipients();
    void returnedMessage();
    void gmailWithoutDsnPart();
    void brokenInput_data();
    void brokenInput();
    void encodedAndGlobalReports();
    void missingPerMessageBlock();
    void combinedPerMessageAndRecipientBlock();
    void forwardedDsn();
    void oversizedMessage();
    void replyCode_data();
    void replyCode();
};

void TestDsnParser::realSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("recipients");
    QTest::addColumn<QString>("reportingMta");
    QTest::addColumn<QString>("finalRecipient");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("remoteMta");
    QTest::addColumn<QString>("diagnosticType");
    QTest::addColumn<QString>("diagnosticStart");
    QTest::addColumn<int>("replyCode");

    const int failed = int(DsnAction::Failed);
    QTest::newRow("Postfix") << "lhost-postfix-13.eml" << 2 << "2jo.example.jp"
                             << "kijitora@example.jp" << failed << "5.2.1"
                             << "mx.example.jp"
                             << "smtp"
                             << "550 5.2.1 <kijitora@example.jp>... User Unknown" << 550;
    QTest::newRow("Postfix relaying Gmail's multi-line 5.7.26")
        << "lhost-postfix-70.eml" << 1 << ""
        << "kijitora@google.example.com" << failed << "5.7.26"
        << "gmail-smtp-in.l.google.com"
        << "smtp"
        << "550-5.7.26 Unauthenticated email from libsisimai.org is not accepted due to "
           "550-5.7.26 domain's DMARC policy."
        << 550;
    QTest::newRow("Exim") << "lhost-exim-43.eml" << 1 << "neko.example.com"
                          << "kijitora@example.net" << failed << "5.0.0"
                          << "mail-mx1.example.net"
                          << "smtp"
                          << "550 5.7.1 Connections not accepted from servers" << 550;
    QTest::newRow("Sendmail") << "lhost-sendmail-01.eml" << 1 << "smtpgw.example.jp"
                              << "userunknown@bouncehammer.jp" << failed << "5.1.1"
                              << "mx.bouncehammer.jp"
                              << "smtp"
                              << "550 5.1.1 <userunknown@bouncehammer.jp>... User Unknown" << 550;
    QTest::newRow("Microsoft 365 (quoted-printable text, nested alternative)")
        << "lhost-office365-07.eml" << 1 << "HK2APC01HT017.mail.protection.outlook.com"
        << "otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp" << failed << "5.1.351"
        << "msmx.au.com"
        << "smtp"
        << "550 5.1.351 Remote server returned unknown recipient" << 550;
    QTest::newRow("Outlook.com 5.7.509 DMARC")
        << "rhost-microsoft-04.eml" << 1 << "relay1.example.ne.jp"
        << "pseudo-local-part-of-microsoft@outlook.com" << failed << "5.7.509"
        << "apc.olc.protection.outlook.com"
        << "smtp"
        << "550 5.7.509 Access denied, sending domain" << 550;
    QTest::newRow("Google Workspace delay (multipart/related inside)")
        << "lhost-gsuite-06.eml" << 1 << "googlemail.com"
        << "sotoneko@nora.nyaan.jp" << int(DsnAction::Delayed) << "4.4.1"
        << ""
        << "smtp"
        << "The recipient server did not accept our requests to connect." << 0;
    QTest::newRow("Amazon SES (dsn reporting type)")
        << "lhost-amazonses-06.eml" << 1 << "a27-30.smtp-out.us-west-2.amazonses.com"
        << "bounce@simulator.amazonses.com" << failed << "5.1.1"
        << ""
        << "smtp"
        << "550 5.1.1 user unknown" << 550;
}

void TestDsnParser::realSamples()
{
    QFETCH(QString, file);
    QFETCH(int, recipients);
    QFETCH(QString, reportingMta);
    QFETCH(QString, finalRecipient);
    QFETCH(int, action);
    QFETCH(QString, status);
    QFETCH(QString, remoteMta);
    QFETCH(QString, diagnosticType);
    QFETCH(QString, diagnosticStart);
    QFETCH(int, replyCode);

    const ParsedDsn dsn = DsnParser::parse(sample(file));
    QVERIFY2(dsn.valid, qPrintable(dsn.error));
    QVERIFY(dsn.isMultipartReport);
    QCOMPARE(dsn.reportType, QStringLiteral("delivery-status"));
    QCOMPARE(dsn.recipients.size(), recipients);
    if (!reportingMta.isEmpty())
        QCOMPARE(dsn.reportingMta, reportingMta);
    const ParsedDsnRecipient& r = dsn.recipients.first();
    QCOMPARE(r.finalRecipient, finalRecipient);
    QCOMPARE(r.finalRecipientType, QStringLiteral("rfc822"));
    QVERIFY(r.action.has_value());
    QCOMPARE(int(*r.action), action);
    QCOMPARE(r.status.toString(), status);
    QCOMPARE(r.remoteMta, remoteMta);
    QCOMPARE(r.diagnosticType, diagnosticType);
    QVERIFY2(r.diagnosticCode.startsWith(diagnosticStart), qPrintable(r.diagnosticCode));
    QCOMPARE(r.replyCode(), replyCode);
    QVERIFY(!dsn.humanReadable.isEmpty());
}

void TestDsnParser::postfixTwoRecipients()
{
    const ParsedDsn dsn = DsnParser::parse(sample(QStringLiteral("lhost-postfix-13.eml")));
    QVERIFY(dsn.valid);
    QCOMPARE(dsn.arrivalDate, QDateTime(QDate(2015, 2, 13), QTime(2, 47, 48), Qt::UTC));
    QCOMPARE(dsn.subject, QStringLiteral("Undelivered Mail Returned to Sender"));
    const ParsedDsnRecipient& second = dsn.recipients.at(1);
    QCOMPARE(second.finalRecipient, QStringLiteral("noraneko@example.jp"));
    QCOMPARE(second.originalRecipientType, QStringLiteral("rfc822"));
    QCOMPARE(second.originalRecipient, QStringLiteral("noraneko@example.jp"));
    QCOMPARE(second.status.toString(), QStringLiteral("5.2.2"));
    QCOMPARE(second.diagnosticCode,
             QStringLiteral("550 5.2.2 <noraneko@example.jp>... Mailbox Full"));
    // Extension fields stay available.
    bool sawQueueId = false;
    for (const auto& field : dsn.messageFields)
        sawQueueId = sawQueueId || (field.first == QLatin1String("X-Postfix-Queue-ID") &&
                                    field.second == QLatin1String("CEEDB20C16"));
    QVERIFY(sawQueueId);
    QVERIFY(dsn.humanReadable.contains(QStringLiteral("This is the mail system at host")));
}

void TestDsnParser::returnedMessage()
{
    const ParsedDsn postfix = DsnParser::parse(sample(QStringLiteral("lhost-postfix-13.eml")));
    QVERIFY(postfix.returnedFullMessage);
    QCOMPARE(postfix.originalMessageId,
             QStringLiteral("<20150213024748.CEEDB20C16@2jo.example.jp>"));
    QCOMPARE(postfix.originalSubject, QStringLiteral("Nyaaaan"));

    const ParsedDsn m365 = DsnParser::parse(sample(QStringLiteral("lhost-office365-07.eml")));
    QCOMPARE(
        m365.originalMessageId,
        QStringLiteral(
            "<SLXP216MB0381E73A6665E8145952FF0CA9940@SLXP216MB0381.KORP216.PROD.OUTLOOK.COM>"));
}

void TestDsnParser::gmailWithoutDsnPart()
{
    // Gmail's own bounces are plain text: no DSN part, and we say so.
    const ParsedDsn dsn = DsnParser::parse(sample(QStringLiteral("lhost-gmail-01.eml")));
    QVERIFY(!dsn.valid);
    QCOMPARE(dsn.error, QStringLiteral("no message/delivery-status part"));
    QVERIFY(dsn.recipients.isEmpty());
    QVERIFY(!dsn.isMultipartReport);
}

void TestDsnParser::brokenInput_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << QByteArray() << "no message/delivery-status part";
    QTest::newRow("headers only") << QByteArray("Subject: x\r\n")
                                  << "no message/delivery-status part";
    QTest::newRow("multipart without boundary")
        << QByteArray("Content-Type: multipart/report; report-type=delivery-status\r\n\r\n"
                      "Final-Recipient: rfc822; a@b\r\nAction: failed\r\n")
        << "no message/delivery-status part";
    QTest::newRow("delivery-status without recipients")
        << QByteArray("Content-Type: multipart/report; boundary=b\r\n\r\n--b\r\n"
                      "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n"
                      "\r\nX-Other: y\r\n--b--\r\n")
        << "the delivery-status part has no recipient fields";
    QTest::newRow("empty delivery-status")
        << QByteArray("Content-Type: multipart/report; boundary=b\r\n\r\n--b\r\n"
                      "Content-Type: message/delivery-status\r\n\r\n--b--\r\n")
        << "the delivery-status part has no recipient fields";
    QTest::newRow("binary garbage")
        << QByteArray("\x00\xff\x01\r\n\r\n\x02", 7) << "no message/delivery-status part";
}

void TestDsnParser::brokenInput()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, error);
    const ParsedDsn dsn = DsnParser::parse(message);
    QVERIFY(!dsn.valid);
    QCOMPARE(dsn.error, error);
}

void TestDsnParser::encodedAndGlobalReports()
{
    // A base64-encoded delivery-status part, and RFC 6533's global variant
    // with a UTF-8 address, both inside a multipart/mixed wrapper.
    const QByteArray fields = "Reporting-MTA: dns; mx.example\r\n\r\n"
                              "Final-Recipient: rfc822; <a@example.org>\r\n"
                              "Action: Failed (bad address)\r\n"
                              "Status: 5.1.1 (user unknown)\r\n"
                              "Diagnostic-Code: smtp; 550 5.1.1\r\n   no such user\r\n";
    const QByteArray message = "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
                               "Content-Type: multipart/report; report-type=delivery-status; "
                               "boundary=b\r\n\r\n--b\r\n"
                               "Content-Type: message/delivery-status\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n" +
                               fields.toBase64() + "\r\n--b--\r\n--m--\r\n";
    const ParsedDsn dsn = DsnParser::parse(message);
    QVERIFY2(dsn.valid, qPrintable(dsn.error));
    QCOMPARE(dsn.reportingMta, QStringLiteral("mx.example"));
    const ParsedDsnRecipient& r = dsn.recipients.first();
    QCOMPARE(r.finalRecipient, QStringLiteral("a@example.org"));
    QCOMPARE(r.actionText, QStringLiteral("failed (bad address)"));
    QCOMPARE(r.action, std::optional<DsnAction>(DsnAction::Failed));
    QCOMPARE(r.status.toString(), QStringLiteral("5.1.1"));
    QCOMPARE(r.statusText, QStringLiteral("5.1.1 (user unknown)"));
    QCOMPARE(r.diagnosticCode, QStringLiteral("550 5.1.1 no such user"));

    const QByteArray global =
        "Content-Type: multipart/report; report-type=global-delivery-status; boundary=g\r\n\r\n"
        "--g\r\nContent-Type: message/global-delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example\r\n\r\n"
        "Final-Recipient: utf-8; j\xc3\xb6rg@example.de\r\nAction: delayed\r\nStatus: 4.4.1\r\n"
        "Will-Retry-Until: Wed, 01 May 2024 13:05:09 +0000\r\n--g--\r\n";
    const ParsedDsn g = DsnParser::parse(global);
    QVERIFY2(g.valid, qPrintable(g.error));
    QCOMPARE(g.recipients.first().finalRecipientType, QStringLiteral("utf-8"));
    QCOMPARE(g.recipients.first().finalRecipient, QStringLiteral("j\u00f6rg@example.de"));
    QCOMPARE(g.recipients.first().action, std::optional<DsnAction>(DsnAction::Delayed));
    QCOMPARE(g.recipients.first().willRetryUntil,
             QDateTime(QDate(2024, 5, 1), QTime(13, 5, 9), Qt::UTC));
}

void TestDsnParser::missingPerMessageBlock()
{
    ParsedDsn dsn;
    QVERIFY(DsnParser::parseDeliveryStatus("Final-Recipient: rfc822; a@b\nAction: failed\n"
                                           "Status: 5.0.0\n\n\n\nFinal-Recipient: rfc822; c@d\n"
                                           "Action: unknown-value\nStatus: nonsense\n",
                                           dsn));
    QVERIFY(dsn.reportingMta.isEmpty());
    QCOMPARE(dsn.recipients.size(), 2);
    QCOMPARE(dsn.recipients.at(1).finalRecipient, QStringLiteral("c@d"));
    QVERIFY(!dsn.recipients.at(1).action.has_value());
    QVERIFY(!dsn.recipients.at(1).status.isValid());
    ParsedDsn empty;
    QVERIFY(!DsnParser::parseDeliveryStatus("", empty));
}

void TestDsnParser::combinedPerMessageAndRecipientBlock()
{
    // AOL writes the per-message and the recipient fields as one block.
    ParsedDsn dsn;
    QVERIFY(DsnParser::parseDeliveryStatus("Reporting-MTA: dns; omr.example\r\n"
                                           "Arrival-Date: Fri, 21 Nov 2014 17:14:34 -0500 (EST)\r\n"
                                           "Final-Recipient: rfc822; a@example.jp\r\n"
                                           "Action: failed\r\nStatus: 5.2.2\r\n",
                                           dsn));
    QCOMPARE(dsn.reportingMta, QStringLiteral("omr.example"));
    QCOMPARE(dsn.arrivalDate, QDateTime(QDate(2014, 11, 21), QTime(22, 14, 34), Qt::UTC));
    QCOMPARE(dsn.recipients.size(), 1);
    QCOMPARE(dsn.recipients.first().status.toString(), QStringLiteral("5.2.2"));

    // Only Original-Recipient given (McAfee): address() falls back to it.
    ParsedDsn onlyOriginal;
    QVERIFY(DsnParser::parseDeliveryStatus(
        "Original-Recipient: <b@example.co.jp>\nAction: failed\n", onlyOriginal));
    QVERIFY(onlyOriginal.recipients.first().finalRecipient.isEmpty());
    QCOMPARE(onlyOriginal.recipients.first().address(), QStringLiteral("b@example.co.jp"));
}

void TestDsnParser::forwardedDsn()
{
    // A DSN forwarded as an attachment is read through the wrapper(s), up
    // to MaxNesting levels.
    QByteArray message = sample(QStringLiteral("lhost-postfix-13.eml"));
    for (int level = 1; level <= DsnParser::MaxNesting + 1; ++level) {
        message = "Subject: Fwd: bounce\r\nContent-Type: multipart/mixed; boundary=w" +
                  QByteArray::number(level) + "\r\n\r\n--w" + QByteArray::number(level) +
                  "\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--w" +
                  QByteArray::number(level) + "\r\nContent-Type: message/rfc822\r\n\r\n" + message +
                  "\r\n--w" + QByteArray::number(level) + "--\r\n";
        const ParsedDsn dsn = DsnParser::parse(message);
        QCOMPARE(dsn.valid, level <= DsnParser::MaxNesting);
        if (dsn.valid) {
            QCOMPARE(dsn.recipients.size(), 2);
            QCOMPARE(dsn.reportingMta, QStringLiteral("2jo.example.jp"));
        } else {
            QCOMPARE(dsn.error, QStringLiteral("no message/delivery-status part"));
        }
    }
}

void TestDsnParser::oversizedMessage()
{
    const QByteArray huge(DsnParser::MaxMessageSize + 1, 'x');
    const ParsedDsn dsn = DsnParser::parse(huge);
    QVERIFY(!dsn.valid);
    QVERIFY(dsn.error.contains(QStringLiteral("larger than")));
}

void TestDsnParser::replyCode_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("expected");
    QTest::newRow("smtp") << "smtp"
                          << "550 5.1.1 x" << 550;
    QTest::newRow("continuation") << "SMTP"
                                  << "421-4.7.0 x" << 421;
    QTest::newRow("code only") << "smtp"
                               << "452" << 452;
    QTest::newRow("x-postfix") << "x-postfix"
                               << "550 x" << 0;
    QTest::newRow("no code") << "smtp"
                             << "DNS Error: x" << 0;
    QTest::newRow("glued") << "smtp"
                           << "5501 x" << 0;
    QTest::newRow("out of range") << "smtp"
                                  << "650 x" << 0;
}

void TestDsnParser::replyCode()
{
    QFETCH(QString, type);
    QFETCH(QString, code);
    QFETCH(int, expected);
    ParsedDsnRecipient r;
    r.diagnosticType = type;
    r.diagnosticCode = code;
    QCOMPARE(r.replyCode(), expected);
}

QTEST_GUILESS_MAIN(TestDsnParser)
#include "TestDsnParser.moc"
