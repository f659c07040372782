// DsnBuilder: the DSN's envelope and headers, the three parts, the
// per-recipient fields, RET and the size cap, delay warnings, expiry, and
// the canonical form; every DSN is read back with DsnParser.

#include "bounce/DsnBuilder.h"
#include "bounce/DsnParser.h"
#include "bounce/MimeEntity.h"

#include <QRegularExpression>
#include <QTest>

using namespace RelayDesk::Bounce;

Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnAction)

namespace {

const QDateTime arrival(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);
const QDateTime now(QDate(2024, 5, 1), QTime(12, 30), Qt::UTC);

QByteArray originalMessage(const QByteArray& body = "Please find the scan attached.\r\n")
{
    return "Received: from scanner.lan ([192.168.1.20])\r\n\tby relay.office.example\r\n"
           "From: Scanner <scanner@office.example>\r\n"
           "To: alice@example.com, bob@example.net\r\n"
           "Subject: Scan from the 2nd floor\r\n"
           "Message-ID: <scan-42@scanner.office.example>\r\n"
           "Date: Wed, 01 May 2024 08:00:00 +0000\r\n"
           "\r\n" +
           body;
}

DsnRecipientReport userUnknown()
{
    DsnRecipientReport r;
    r.finalRecipient = QStringLiteral("alice@example.com");
    r.originalRecipient = {QStringLiteral("rfc822"), QStringLiteral("Alice@Example.com")};
    r.action = DsnAction::Failed;
    r.remoteMta = QStringLiteral("mx1.example.com");
    r.replyCode = 550;
    r.replyText = QStringLiteral("5.1.1 The email account that you tried to reach does not "
                                 "exist.\n5.1.1 Please check the address.");
    r.lastAttempt = now;
    return r;
}

DsnRecipientReport mailboxFull()
{
    DsnRecipientReport r;
    r.finalRecipient = QStringLiteral("bob@example.net");
    r.action = DsnAction::Failed;
    r.remoteMta = QStringLiteral("mail.example.net");
    r.replyCode = 552;
    r.replyText = QStringLiteral("5.2.2 Mailbox full");
    r.lastAttempt = now;
    return r;
}

DsnReport failureReport()
{
    DsnReport report;
    report.originalSender = QStringLiteral("scanner@office.example");
    report.request.envelopeId = QStringLiteral("scan-42");
    report.request.hasEnvelopeId = true;
    report.arrivalDate = arrival;
    report.originalContent = originalMessage();
    report.queueId = QStringLiteral("1234");
    report.recipients = {userUnknown(), mailboxFull()};
    return report;
}

/// The explanation with its line wrapping undone, for phrase checks.
QString prose(const ParsedDsn& dsn)
{
    return dsn.humanReadable.simplified();
}

QByteArray fieldLine(const QByteArray& content, const QByteArray& name)
{
    const QRegularExpression re(QStringLiteral("^%1: (.*)$").arg(QString::fromLatin1(name)),
                                QRegularExpression::MultilineOption);
    return re.match(QString::fromLatin1(content)).captured(1).trimmed().toLatin1();
}

} // namespace

class TestDsnBuilder : public QObject
{
    Q_OBJECT

private slots:
    void failureDsnHeaders();
    void failureDsnStructure();
    void failureDsnFieldsReadBack();
    void explanationText();
    void retHeaders();
    void sizeCapFallsBackToHeaders();
    void delayWarning();
    void expiryKeepsLastTemporaryStatus();
    void successRelayed();
    void effectiveStatus_data();
    void effectiveStatus();
    void diagnosticCode_data();
    void diagnosticCode();
    void hostFromUpstream_data();
    void hostFromUpstream();
    void canonicalFormAndFolding();
    void noHeaderInjectionFromReplies();
    void eightBitOriginal();
    void nonAsciiRecipient();
};

void TestDsnBuilder::failureDsnHeaders()
{
    const DsnBuilder builder(QStringLiteral("relay.office.example"));
    const DsnMessage dsn = builder.build(failureReport(), now);
    QCOMPARE(dsn.recipient, QStringLiteral("scanner@office.example"));
    QCOMPARE(dsn.kind, DsnKind::Failure);
    QVERIFY(QRegularExpression(
                QStringLiteral("^<20240501123000\\.[0-9a-f]{16}@relay\\.office\\.example>$"))
                .match(dsn.messageId)
                .hasMatch());
    const QByteArray& c = dsn.content;
    QCOMPARE(fieldLine(c, "From"),
             QByteArray("Mail Delivery System <MAILER-DAEMON@relay.office.example>"));
    QCOMPARE(fieldLine(c, "To"), QByteArray("<scanner@office.example>"));
    QCOMPARE(fieldLine(c, "Subject"), QByteArray("Undelivered Mail Returned to Sender"));
    QCOMPARE(fieldLine(c, "Date"), QByteArray("Wed, 01 May 2024 12:30:00 +0000"));
    QCOMPARE(fieldLine(c, "Message-ID"), dsn.messageId.toLatin1());
    QCOMPARE(fieldLine(c, "Auto-Submitted"), QByteArray("auto-replied"));
    QCOMPARE(fieldLine(c, "In-Reply-To"), QByteArray("<scan-42@scanner.office.example>"));
    QCOMPARE(fieldLine(c, "References"), QByteArray("<scan-42@scanner.office.example>"));
    QCOMPARE(fieldLine(c, "MIME-Version"), QByteArray("1.0"));
    QVERIFY(!dsn.eightBit);
    // Two DSNs never share a Message-ID.
    QVERIFY(builder.build(failureReport(), now).messageId != dsn.messageId);
}

void TestDsnBuilder::failureDsnStructure()
{
    const DsnMessage dsn =
        DsnBuilder(QStringLiteral("relay.office.example")).build(failureReport(), now);
    const MimeEntity root = MimeEntity::parse(dsn.content);
    QCOMPARE(root.mediaType(), QByteArray("multipart/report"));
    QCOMPARE(root.contentTypeParameter("report-type"), QByteArray("delivery-status"));
    QCOMPARE(root.parts().size(), 3);
    QCOMPARE(root.parts().at(0).mediaType(), QByteArray("text/plain"));
    QCOMPARE(root.parts().at(1).mediaType(), QByteArray("message/delivery-status"));
    QCOMPARE(root.parts().at(2).mediaType(), QByteArray("message/rfc822"));
    // RET absent on a failure: the whole original comes back, unchanged.
    QCOMPARE(root.parts().at(2).rawBody(), originalMessage());
    QVERIFY(dsn.returnedFullMessage);
    QVERIFY(!dsn.fellBackToHeaders);
}

void TestDsnBuilder::failureDsnFieldsReadBack()
{
    const DsnMessage dsn =
        DsnBuilder(QStringLiteral("relay.office.example")).build(failureReport(), now);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QVERIFY2(parsed.valid, qPrintable(parsed.error));
    QCOMPARE(parsed.reportingMtaType, QStringLiteral("dns"));
    QCOMPARE(parsed.reportingMta, QStringLiteral("relay.office.example"));
    QCOMPARE(parsed.originalEnvelopeId, QStringLiteral("scan-42"));
    QCOMPARE(parsed.arrivalDate, arrival);
    QCOMPARE(parsed.originalMessageId, QStringLiteral("<scan-42@scanner.office.example>"));
    QVERIFY(parsed.returnedFullMessage);
    QCOMPARE(parsed.recipients.size(), 2);

    const ParsedDsnRecipient& a = parsed.recipients.at(0);
    QCOMPARE(a.finalRecipientType, QStringLiteral("rfc822"));
    QCOMPARE(a.finalRecipient, QStringLiteral("alice@example.com"));
    QCOMPARE(a.originalRecipientType, QStringLiteral("rfc822"));
    QCOMPARE(a.originalRecipient, QStringLiteral("Alice@Example.com"));
    QCOMPARE(a.action, std::optional<DsnAction>(DsnAction::Failed));
    QCOMPARE(a.status.toString(), QStringLiteral("5.1.1"));
    QCOMPARE(a.remoteMtaType, QStringLiteral("dns"));
    QCOMPARE(a.remoteMta, QStringLiteral("mx1.example.com"));
    QCOMPARE(a.diagnosticType, QStringLiteral("smtp"));
    QCOMPARE(a.diagnosticCode,
             QStringLiteral("550-5.1.1 The email account that you tried to reach does not exist. "
                            "550 5.1.1 Please check the address."));
    QCOMPARE(a.replyCode(), 550);
    QCOMPARE(a.lastAttemptDate, now);
    QVERIFY(!a.willRetryUntil.isValid());

    const ParsedDsnRecipient& b = parsed.recipients.at(1);
    QCOMPARE(b.finalRecipient, QStringLiteral("bob@example.net"));
    QVERIFY(b.originalRecipient.isEmpty()); // no ORCPT given: no field
    QCOMPARE(b.status.toString(), QStringLiteral("5.2.2"));
    QCOMPARE(b.diagnosticCode, QStringLiteral("552 5.2.2 Mailbox full"));

    bool sawQueueId = false;
    for (const auto& field : parsed.messageFields)
        sawQueueId = sawQueueId || (field.first == QLatin1String("X-RelayDesk-Queue-ID") &&
                                    field.second == QLatin1String("1234"));
    QVERIFY(sawQueueId);
}

void TestDsnBuilder::explanationText()
{
    const DsnMessage dsn =
        DsnBuilder(QStringLiteral("relay.office.example")).build(failureReport(), now);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    const QString text = prose(parsed);
    QVERIFY(text.contains(QStringLiteral("could not be delivered")));
    QVERIFY(text.contains(QStringLiteral("Subject: Scan from the 2nd floor")));
    QVERIFY(text.contains(QStringLiteral("<alice@example.com>")));
    QVERIFY(text.contains(QStringLiteral("<bob@example.net>")));
    // Why, what to do, and the server's own words, per recipient.
    QVERIFY(text.contains(QStringLiteral("this mailbox does not exist")));
    QVERIFY(text.contains(QStringLiteral("Check the address for typing errors")));
    QVERIFY(text.contains(QStringLiteral("mailbox is full")));
    QVERIFY(text.contains(QStringLiteral("mx1.example.com said: 550-5.1.1")));
    QVERIFY(text.contains(QStringLiteral("Your original message is attached.")));
    for (const QString& line : parsed.humanReadable.split(QLatin1Char('\n')))
        QVERIFY2(line.size() <= 78, qPrintable(line));
}

void TestDsnBuilder::retHeaders()
{
    DsnReport report = failureReport();
    report.request.ret = DsnReturn::Headers;
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QVERIFY(!dsn.returnedFullMessage);
    QVERIFY(!dsn.fellBackToHeaders);
    const MimeEntity root = MimeEntity::parse(dsn.content);
    QCOMPARE(root.parts().at(2).mediaType(), QByteArray("text/rfc822-headers"));
    const QByteArray original = originalMessage();
    QCOMPARE(root.parts().at(2).rawBody(), original.left(original.indexOf("\r\n\r\n") + 2));
    QVERIFY(!dsn.content.contains("Please find the scan attached."));
    QVERIFY(prose(DsnParser::parse(dsn.content))
                .contains(QStringLiteral("The headers of your original message are attached.")));
}

void TestDsnBuilder::sizeCapFallsBackToHeaders()
{
    DsnReport report = failureReport();
    report.request.ret = DsnReturn::Full;
    QByteArray body;
    const QByteArray line = QByteArray(76, 'A') + "\r\n";
    while (body.size() <= DsnPolicy::DefaultMaxReturnedBytes)
        body += line;
    report.originalContent = originalMessage(body);
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QVERIFY(dsn.fellBackToHeaders);
    QVERIFY(!dsn.returnedFullMessage);
    QVERIFY(dsn.content.size() < 20000);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QVERIFY(!parsed.returnedFullMessage);
    QCOMPARE(parsed.originalMessageId, QStringLiteral("<scan-42@scanner.office.example>"));
    QVERIFY(prose(parsed).contains(QStringLiteral("larger than 1024 KiB")));

    // A smaller cap applies the same way.
    DsnReport small = failureReport();
    const DsnMessage capped =
        DsnBuilder(QStringLiteral("relay.office.example"), DsnPolicy(3600, 100)).build(small, now);
    QVERIFY(capped.fellBackToHeaders);
}

void TestDsnBuilder::delayWarning()
{
    DsnReport report = failureReport();
    report.request.ret = DsnReturn::Full; // RET applies to failures only
    DsnRecipientReport r;
    r.finalRecipient = QStringLiteral("carol@example.org");
    r.action = DsnAction::Delayed;
    r.remoteMta = QStringLiteral("mx.example.org");
    r.replyCode = 421;
    r.replyText = QStringLiteral("4.7.0 Try again later");
    r.lastAttempt = now;
    r.willRetryUntil = arrival.addDays(5);
    report.recipients = {r};

    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QCOMPARE(dsn.kind, DsnKind::Delay);
    QCOMPARE(fieldLine(dsn.content, "Subject"), QByteArray("Delayed Mail (still being retried)"));
    QVERIFY(!dsn.returnedFullMessage);
    QVERIFY(!dsn.fellBackToHeaders);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QVERIFY(parsed.valid);
    const ParsedDsnRecipient& p = parsed.recipients.first();
    QCOMPARE(p.action, std::optional<DsnAction>(DsnAction::Delayed));
    QCOMPARE(p.status.toString(), QStringLiteral("4.7.0"));
    QCOMPARE(p.willRetryUntil, arrival.addDays(5));
    QCOMPARE(MimeEntity::parse(dsn.content).parts().at(2).mediaType(),
             QByteArray("text/rfc822-headers"));
    QVERIFY(prose(parsed).contains(QStringLiteral("do not need to send the message again")));
    QVERIFY(prose(parsed).contains(QStringLiteral("We keep trying until Mon, 06 May 2024")));
}

void TestDsnBuilder::expiryKeepsLastTemporaryStatus()
{
    DsnReport report = failureReport();
    DsnRecipientReport r;
    r.finalRecipient = QStringLiteral("dave@example.org");
    r.action = DsnAction::Failed;
    r.remoteMta = QStringLiteral("mx.example.org");
    r.replyCode = 451;
    r.replyText = QStringLiteral("4.3.0 Temporary local problem");
    r.lastAttempt = arrival.addDays(5);
    report.recipients = {r};
    const DsnMessage dsn =
        DsnBuilder(QStringLiteral("relay.office.example")).build(report, r.lastAttempt);
    QCOMPARE(dsn.kind, DsnKind::Failure);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QCOMPARE(parsed.recipients.first().action, std::optional<DsnAction>(DsnAction::Failed));
    QCOMPARE(parsed.recipients.first().status.toString(), QStringLiteral("4.3.0"));
    QVERIFY(prose(parsed).contains(QStringLiteral("We tried for 5 days and have now given up")));

    // Expiry without any reply (never connected): 4.4.7, our own diagnostic.
    r.replyCode = 0;
    r.remoteMta.clear();
    r.replyText = QStringLiteral("connect to mx.example.org:25: Connection refused");
    report.recipients = {r};
    const ParsedDsn noReply = DsnParser::parse(
        DsnBuilder(QStringLiteral("relay.office.example")).build(report, now).content);
    QCOMPARE(noReply.recipients.first().status.toString(), QStringLiteral("4.4.7"));
    QCOMPARE(noReply.recipients.first().diagnosticType, QStringLiteral("x-relaydesk"));
    QVERIFY(noReply.recipients.first().remoteMta.isEmpty());
}

void TestDsnBuilder::successRelayed()
{
    DsnReport report = failureReport();
    DsnRecipientReport r;
    r.finalRecipient = QStringLiteral("erin@example.org");
    r.action = DsnAction::Relayed;
    r.remoteMta = QStringLiteral("smtp.provider.example");
    r.replyCode = 250;
    r.replyText = QStringLiteral("2.0.0 OK queued as ABC");
    report.recipients = {r};
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QCOMPARE(dsn.kind, DsnKind::Success);
    QCOMPARE(fieldLine(dsn.content, "Subject"), QByteArray("Successful Mail Delivery Report"));
    QVERIFY(!dsn.returnedFullMessage);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QCOMPARE(parsed.recipients.first().action, std::optional<DsnAction>(DsnAction::Relayed));
    QCOMPARE(parsed.recipients.first().status.toString(), QStringLiteral("2.0.0"));
}

void TestDsnBuilder::effectiveStatus_data()
{
    QTest::addColumn<DsnAction>("action");
    QTest::addColumn<QString>("given");
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("replyText");
    QTest::addColumn<QString>("expected");

    QTest::newRow("given wins") << DsnAction::Failed << "5.7.1" << 550 << "5.1.1 x"
                                << "5.7.1";
    QTest::newRow("from reply text") << DsnAction::Failed << "" << 550 << "5.1.1 x\n5.1.1 y"
                                     << "5.1.1";
    QTest::newRow("mismatching class in text ignored")
        << DsnAction::Failed << "" << 550 << "4.1.1 x"
        << "5.0.0";
    QTest::newRow("from reply code") << DsnAction::Failed << "" << 552 << "Too much"
                                     << "5.2.2";
    QTest::newRow("no reply, failed") << DsnAction::Failed << "" << 0 << "refused"
                                      << "4.4.7";
    QTest::newRow("no reply, delayed") << DsnAction::Delayed << "" << 0 << "timeout"
                                       << "4.4.1";
    QTest::newRow("delayed forced to class 4") << DsnAction::Delayed << "5.2.2" << 0 << ""
                                               << "4.2.2";
    QTest::newRow("failed with success code") << DsnAction::Failed << "2.0.0" << 0 << ""
                                              << "5.0.0";
    QTest::newRow("delivered forced to class 2")
        << DsnAction::Delivered << "" << 250 << "2.6.0 queued"
        << "2.6.0";
    QTest::newRow("relayed without reply") << DsnAction::Relayed << "" << 0 << ""
                                           << "2.0.0";
    QTest::newRow("expanded") << DsnAction::Expanded << "" << 250 << "ok"
                              << "2.0.0";
}

void TestDsnBuilder::effectiveStatus()
{
    QFETCH(DsnAction, action);
    QFETCH(QString, given);
    QFETCH(int, replyCode);
    QFETCH(QString, replyText);
    QFETCH(QString, expected);
    DsnRecipientReport r;
    r.action = action;
    r.status = EnhancedStatus::parse(given).value_or(EnhancedStatus());
    r.replyCode = replyCode;
    r.replyText = replyText;
    QCOMPARE(DsnBuilder::effectiveStatus(r).toString(), expected);
}

void TestDsnBuilder::diagnosticCode_data()
{
    QTest::addColumn<int>("replyCode");
    QTest::addColumn<QString>("replyText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("single line") << 550 << "5.1.1 User unknown"
                                 << "smtp; 550 5.1.1 User unknown";
    QTest::newRow("multi-line") << 550 << "5.7.26 a\n5.7.26 b"
                                << "smtp; 550-5.7.26 a 550 5.7.26 b";
    QTest::newRow("code only") << 554 << ""
                               << "smtp; 554";
    QTest::newRow("local error") << 0 << "connect to x:25: Connection refused"
                                 << "X-RelayDesk; connect to x:25: Connection refused";
    QTest::newRow("nothing") << 0 << ""
                             << "";
    QTest::newRow("controls and 8-bit") << 550 << "5.1.1 Benutzer\tunbekannt \u00fc\x01"
                                        << "smtp; 550 5.1.1 Benutzer unbekannt ?";
}

void TestDsnBuilder::diagnosticCode()
{
    QFETCH(int, replyCode);
    QFETCH(QString, replyText);
    QFETCH(QString, expected);
    QCOMPARE(DsnBuilder::diagnosticCode(replyCode, replyText), expected);
}

void TestDsnBuilder::hostFromUpstream_data()
{
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<QString>("host");
    QTest::newRow("host:port") << "mx.example.com:25"
                               << "mx.example.com";
    QTest::newRow("no port") << "mx.example.com"
                             << "mx.example.com";
    QTest::newRow("ipv4") << "192.0.2.1:587"
                          << "192.0.2.1";
    QTest::newRow("bracketed ipv6") << "[::1]:25"
                                    << "::1";
    QTest::newRow("bare ipv6") << "2001:db8::1"
                               << "2001:db8::1";
    QTest::newRow("non-numeric port") << "host:smtp"
                                      << "host:smtp";
}

void TestDsnBuilder::hostFromUpstream()
{
    QFETCH(QString, upstream);
    QFETCH(QString, host);
    QCOMPARE(DsnBuilder::hostFromUpstream(upstream), host);
}

void TestDsnBuilder::canonicalFormAndFolding()
{
    DsnReport report = failureReport();
    DsnRecipientReport r = userUnknown();
    QStringList lines;
    for (int i = 0; i < 40; ++i)
        lines.append(
            QStringLiteral("5.7.1 line %1 of a long policy explanation from the provider").arg(i));
    lines.append(QStringLiteral("5.7.1 ") + QString(2500, QLatin1Char('x'))); // one huge word
    r.replyText = lines.join(QLatin1Char('\n'));
    report.recipients = {r};
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    const QByteArray& c = dsn.content;
    QVERIFY(c.endsWith("\r\n"));
    for (qsizetype i = 0; i < c.size(); ++i) {
        if (c.at(i) == '\n')
            QVERIFY2(i > 0 && c.at(i - 1) == '\r', "bare LF");
        if (c.at(i) == '\r')
            QVERIFY2(i + 1 < c.size() && c.at(i + 1) == '\n', "bare CR");
    }
    for (const QByteArray& line : c.split('\n'))
        QVERIFY2(line.size() <= 998, "line longer than 998 octets");
    // The Diagnostic-Code is folded, and unfolds to what we meant.
    const ParsedDsn parsed = DsnParser::parse(c);
    QVERIFY(parsed.valid);
    const QString diagnostic = parsed.recipients.first().diagnosticCode;
    QVERIFY(diagnostic.startsWith(QStringLiteral("550-5.7.1 line 0 of a long")));
    QVERIFY(diagnostic.endsWith(QStringLiteral(" ...")));
    QVERIFY(diagnostic.size() <= 4010);
    const qsizetype start = c.indexOf("Diagnostic-Code:");
    const qsizetype end = c.indexOf("\r\nLast-Attempt-Date:", start);
    // Every line of the field fits in 78 columns unless it is a single
    // (hard-split) word that cannot be folded.
    for (const QByteArray& line : c.mid(start, end - start).split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (line.size() > 80)
            QVERIFY2(!trimmed.contains(' ') && trimmed.size() <= 900, line.left(100).constData());
    }
}

void TestDsnBuilder::noHeaderInjectionFromReplies()
{
    DsnReport report = failureReport();
    DsnRecipientReport r = userUnknown();
    r.replyText =
        QStringLiteral("5.1.1 nope\r\nAction: delivered\r\n\r\nFinal-Recipient: rfc822; evil@x");
    r.remoteMta = QStringLiteral("mx\r\nBcc: evil@x");
    report.queueId = QStringLiteral("1\r\nX-Injected: yes");
    report.recipients = {r};
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QCOMPARE(parsed.recipients.size(), 1);
    QCOMPARE(parsed.recipients.first().action, std::optional<DsnAction>(DsnAction::Failed));
    for (const auto& field : parsed.recipients.first().fields)
        QVERIFY(field.first != QLatin1String("Bcc"));
    for (const auto& field : parsed.messageFields)
        QVERIFY(field.first != QLatin1String("X-Injected"));
}

void TestDsnBuilder::eightBitOriginal()
{
    DsnReport report = failureReport();
    report.originalContent = originalMessage("Gr\xc3\xbc\xc3\x9f"
                                             "e aus dem B\xc3\xbcro\r\n");
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QVERIFY(dsn.eightBit);
    const MimeEntity root = MimeEntity::parse(dsn.content);
    QCOMPARE(root.headers().value("Content-Transfer-Encoding"), QByteArray("8bit"));
    QCOMPARE(root.parts().at(2).headers().value("Content-Transfer-Encoding"), QByteArray("8bit"));
    QCOMPARE(root.parts().at(2).rawBody(), report.originalContent);

    // With RET=HDRS the 8-bit body stays home and the DSN is 7-bit again.
    report.request.ret = DsnReturn::Headers;
    const DsnMessage headersOnly =
        DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    QVERIFY(!headersOnly.eightBit);
    for (const char ch : headersOnly.content)
        QVERIFY(static_cast<unsigned char>(ch) < 0x80);
}

void TestDsnBuilder::nonAsciiRecipient()
{
    DsnReport report = failureReport();
    DsnRecipientReport r = mailboxFull();
    r.finalRecipient = QStringLiteral("j\u00f6rg@example.de");
    report.recipients = {r};
    report.originalContent = originalMessage();
    report.request.ret = DsnReturn::Headers;
    const DsnMessage dsn = DsnBuilder(QStringLiteral("relay.office.example")).build(report, now);
    // The delivery-status part stays 7-bit (RFC 6533 utf-8-addr-xtext) and
    // the explanation is quoted-printable UTF-8.
    QVERIFY(!dsn.eightBit);
    const ParsedDsn parsed = DsnParser::parse(dsn.content);
    QCOMPARE(parsed.recipients.first().finalRecipientType, QStringLiteral("utf-8"));
    QCOMPARE(parsed.recipients.first().finalRecipient, QStringLiteral("j\\x{F6}rg@example.de"));
    QVERIFY(prose(parsed).contains(QStringLiteral("<j\u00f6rg@example.de>")));
}

QTEST_GUILESS_MAIN(TestDsnBuilder)
#include "TestDsnBuilder.moc"
