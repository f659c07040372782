#include "delivery/HeaderRewriter.h"

#include <QTest>
#include <QTimeZone>

using namespace RelayDesk::Delivery;
using FromNameFix = HeaderRewriterOptions::FromNameFix;

Q_DECLARE_METATYPE(RelayDesk::Delivery::HeaderRewriterOptions)

namespace {

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

HeaderRewriter::Context context()
{
    HeaderRewriter::Context c;
    c.hostname = QStringLiteral("relay.example.com");
    c.date = QDateTime(QDate(2025, 2, 13), QTime(10, 4, 5), QTimeZone(3600));
    c.uniqueId = QStringLiteral("rd.42.1739437445");
    return c;
}

HeaderRewriterOptions fix(FromNameFix mode)
{
    HeaderRewriterOptions options;
    options.fixFromName = mode;
    return options;
}

/// The header section of a rewritten message (up to the blank line).
QByteArray headerOf(const QByteArray& content)
{
    return content.left(content.indexOf("\r\n\r\n") + 2);
}

} // namespace

/// Header rewriting on messages as real printers and scanners send them.
class TestHeaderRewriter final : public QObject
{
    Q_OBJECT

private slots:
    void rewrite_data();
    void rewrite();
    void bodyIsNeverTouched();
    void idempotent_data();
    void idempotent();
    void envelopeSender_data();
    void envelopeSender();
    void longEncodedNameIsFolded();
    void formatDateIsEnglishRfc5322();
};

void TestHeaderRewriter::rewrite_data()
{
    QTest::addColumn<HeaderRewriterOptions>("options");
    QTest::addColumn<QByteArray>("header"); // \n for CRLF; a body "Hi\n" follows
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QStringList>("log"); // each entry: a substring of that log line

    // A Ricoh/Kyocera style scan-to-mail header: the device puts its address
    // in the display name, unquoted. Gmail and Microsoft 365 refuse it.
    const QByteArray scanner = "Received: from [192.168.10.7] by relay\nFrom: "
                               "scanner@example.com <scanner@example.com>\nTo: "
                               "office@example.com\nSubject: Scanned image\n";
    QTest::newRow("unquoted @ quoted")
        << fix(FromNameFix::Quote) << scanner
        << QByteArray("Received: from [192.168.10.7] by relay\nFrom: \"scanner@example.com\" "
                      "<scanner@example.com>\nTo: office@example.com\nSubject: Scanned image\n")
        << QStringList{"From: display name \"scanner@example.com\" quoted (an unquoted '@')"};
    QTest::newRow("unquoted @ removed")
        << fix(FromNameFix::Remove) << scanner
        << QByteArray("Received: from [192.168.10.7] by relay\nFrom: scanner@example.com\nTo: "
                      "office@example.com\nSubject: Scanned image\n")
        << QStringList{"From: display name \"scanner@example.com\" removed"};
    QTest::newRow("quoted @ kept by quote")
        << fix(FromNameFix::Quote) << QByteArray("From: \"a@b.c\" <a@b.c>\n")
        << QByteArray("From: \"a@b.c\" <a@b.c>\n") << QStringList{};
    QTest::newRow("quoted @ removed by remove")
        << fix(FromNameFix::Remove) << QByteArray("From: \"a@b.c\" <a@b.c>\n")
        << QByteArray("From: a@b.c\n") << QStringList{"removed"};
    QTest::newRow("untouched without fix")
        << fix(FromNameFix::Keep) << scanner << scanner << QStringList{};
    QTest::newRow("comma in name (Doe, John)")
        << fix(FromNameFix::Quote) << QByteArray("From: Doe, John <jdoe@example.com>\n")
        << QByteArray("From: \"Doe, John\" <jdoe@example.com>\n")
        << QStringList{"quoted (an unquoted ',')"};
    QTest::newRow("backslash escaped")
        << fix(FromNameFix::Quote) << QByteArray("From: Copier 3rd\\floor <c@example.com>\n")
        << QByteArray("From: \"Copier 3rd\\\\floor\" <c@example.com>\n")
        << QStringList{"quoted (an unquoted '\\')"};
    // Broken quoting is beyond a safe fix: left for a human to see.
    QTest::newRow("unbalanced quote left alone")
        << fix(FromNameFix::Quote) << QByteArray("From: Copier \"3rd floor <c@example.com>\n")
        << QByteArray("From: Copier \"3rd floor <c@example.com>\n") << QStringList{};
    QTest::newRow("valid name untouched")
        << fix(FromNameFix::Quote) << QByteArray("From: Office Scanner <scan@example.com>\n")
        << QByteArray("From: Office Scanner <scan@example.com>\n") << QStringList{};
    QTest::newRow("encoded word name untouched")
        << fix(FromNameFix::Quote)
        << QByteArray("From: =?UTF-8?Q?B=C3=BCro?= Scanner <scan@example.com>\n")
        << QByteArray("From: =?UTF-8?Q?B=C3=BCro?= Scanner <scan@example.com>\n") << QStringList{};
    // 8-bit display names: UTF-8 from newer firmware, Latin-1 from older.
    QTest::newRow("8-bit UTF-8 name encoded")
        << fix(FromNameFix::Quote)
        << QByteArray("From: B\xC3\xBCro K\xC3\xB6ln <scan@example.com>\n")
        << QByteArray("From: =?UTF-8?Q?B=C3=BCro_K=C3=B6ln?= <scan@example.com>\n")
        << QStringList{"From: display name \"Büro Köln\" encoded (raw 8-bit characters"};
    QTest::newRow("8-bit Latin-1 name encoded as UTF-8")
        << fix(FromNameFix::Quote)
        << QByteArray("From: \"Stra\xDF"
                      "e 5\" <scan@example.com>\n")
        << QByteArray("From: =?UTF-8?Q?Stra=C3=9Fe_5?= <scan@example.com>\n")
        << QStringList{"\"Straße 5\" encoded"};
    QTest::newRow("folded From rewritten")
        << fix(FromNameFix::Quote)
        << QByteArray("To: a@example.com\nFrom: scanner@example.com\n <scanner@example.com>\n"
                      "Subject: x\n")
        << QByteArray("To: a@example.com\nFrom: \"scanner@example.com\" "
                      "<scanner@example.com>\nSubject: x\n")
        << QStringList{"quoted"};
    QTest::newRow("lower-case field name")
        << fix(FromNameFix::Quote) << QByteArray("from: a@b.c <a@b.c>\n")
        << QByteArray("From: \"a@b.c\" <a@b.c>\n") << QStringList{"quoted"};

    HeaderRewriterOptions setBoth;
    setBoth.fromAddress = QStringLiteral("scanner@contoso.com");
    setBoth.fromName = QStringLiteral("Office Scanner");
    QTest::newRow("set name and address")
        << setBoth << QByteArray("From: KM_C258 <km@printer.local>\nSubject: s\n")
        << QByteArray("From: Office Scanner <scanner@contoso.com>\nSubject: s\n")
        << QStringList{"From: display name \"KM_C258\" replaced by \"Office Scanner\"",
                       "From: address km@printer.local replaced by scanner@contoso.com"};
    QTest::newRow("set on a bare address")
        << setBoth << QByteArray("From: root@printer.local (Printer Daemon)\n")
        << QByteArray("From: Office Scanner <scanner@contoso.com>\n")
        << QStringList{"set", "replaced by scanner@contoso.com"};
    QTest::newRow("already right")
        << setBoth << QByteArray("From: Office Scanner <Scanner@Contoso.com>\n")
        << QByteArray("From: Office Scanner <Scanner@Contoso.com>\n") << QStringList{};
    QTest::newRow("missing From added")
        << setBoth << QByteArray("To: a@example.com\nSubject: s\n")
        << QByteArray("To: a@example.com\nSubject: s\nFrom: Office Scanner "
                      "<scanner@contoso.com>\n")
        << QStringList{"From: added (From: Office Scanner <scanner@contoso.com>)"};
    QTest::newRow("several mailboxes replaced whole")
        << setBoth << QByteArray("From: a <a@x.org>, b <b@x.org>\n")
        << QByteArray("From: Office Scanner <scanner@contoso.com>\n")
        << QStringList{"From: \"a <a@x.org>, b <b@x.org>\" replaced (not a single mailbox)"};
    HeaderRewriterOptions addressOnly;
    addressOnly.fromAddress = QStringLiteral("scanner@contoso.com");
    QTest::newRow("address only keeps the name")
        << addressOnly << QByteArray("From: Scan 3rd floor <scan@printer.local>\n")
        << QByteArray("From: Scan 3rd floor <scanner@contoso.com>\n")
        << QStringList{"From: address scan@printer.local replaced by scanner@contoso.com"};
    HeaderRewriterOptions nameWithSpecials;
    nameWithSpecials.fromName = QStringLiteral("Müller, Scan");
    QTest::newRow("name set with specials and umlaut")
        << nameWithSpecials << QByteArray("From: <scan@example.com>\n")
        << QByteArray("From: =?UTF-8?Q?M=C3=BCller=2C_Scan?= <scan@example.com>\n")
        << QStringList{"From: display name \"Müller, Scan\" set"};
    HeaderRewriterOptions quotedName;
    quotedName.fromName = QStringLiteral("Scan (2nd floor)");
    QTest::newRow("name set needing quotes")
        << quotedName << QByteArray("From: scan@example.com\n")
        << QByteArray("From: \"Scan (2nd floor)\" <scan@example.com>\n") << QStringList{"set"};

    // An HP LaserJet style header: no Date, no Message-ID.
    HeaderRewriterOptions addMissing;
    addMissing.addDate = true;
    addMissing.addMessageId = true;
    QTest::newRow("missing Date and Message-ID added")
        << addMissing << QByteArray("From: HP <hp@example.com>\nTo: a@example.com\nSubject: Job\n")
        << QByteArray("From: HP <hp@example.com>\nTo: a@example.com\nSubject: Job\nDate: Thu, 13 "
                      "Feb 2025 10:04:05 +0100\nMessage-ID: <rd.42.1739437445@relay.example.com>\n")
        << QStringList{"Date: added (Thu, 13 Feb 2025 10:04:05 +0100)",
                       "Message-ID: added (<rd.42.1739437445@relay.example.com>)"};
    QTest::newRow("present Date and Message-ID kept")
        << addMissing
        << QByteArray("DATE: Mon, 1 Jan 2024 00:00:00 +0000\nmessage-id: <x@y>\nSubject: s\n")
        << QByteArray("DATE: Mon, 1 Jan 2024 00:00:00 +0000\nmessage-id: <x@y>\nSubject: s\n")
        << QStringList{};
}

void TestHeaderRewriter::rewrite()
{
    QFETCH(HeaderRewriterOptions, options);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, expected);
    QFETCH(QStringList, log);
    const QByteArray body = crlf("Hi\n.. dotted\n");
    const QByteArray input = crlf(header + "\n") + body;
    const HeaderRewriter::Result result =
        HeaderRewriter(options).rewrite(input, QStringLiteral("s@example.com"), context());
    QCOMPARE(headerOf(result.content), crlf(expected));
    QVERIFY(result.content.endsWith("\r\n\r\n" + body));
    QCOMPARE(result.log.size(), log.size());
    for (int i = 0; i < log.size(); ++i)
        QVERIFY2(result.log.at(i).contains(log.at(i)), qPrintable(result.log.at(i)));
    if (log.isEmpty())
        QCOMPARE(result.content, input); // byte for byte
    for (const QByteArray& line : result.content.split('\n'))
        QVERIFY2(line.size() <= 999, "no line beyond the RFC 5322 limit");
}

void TestHeaderRewriter::bodyIsNeverTouched()
{
    // A body line that looks like a header must stay as it is, and a
    // message without a body gets its separator when fields are added.
    HeaderRewriterOptions options;
    options.addDate = true;
    options.fromAddress = QStringLiteral("a@example.com");
    const QByteArray input = crlf("Subject: s\n\nFrom: body@example.com <x@y>\nDate: no\n");
    const auto result = HeaderRewriter(options).rewrite(input, {}, context());
    QCOMPARE(result.content, crlf("Subject: s\nFrom: a@example.com\nDate: Thu, 13 Feb 2025 "
                                  "10:04:05 +0100\n\nFrom: body@example.com <x@y>\nDate: no\n"));

    const auto headerOnly = HeaderRewriter(options).rewrite(crlf("Subject: s\n"), {}, context());
    QCOMPARE(headerOnly.content, crlf("Subject: s\nFrom: a@example.com\nDate: Thu, 13 Feb 2025 "
                                      "10:04:05 +0100\n\n"));
    const auto noHeader = HeaderRewriter(options).rewrite(crlf("\nbody\n"), {}, context());
    QCOMPARE(noHeader.content, crlf("From: a@example.com\nDate: Thu, 13 Feb 2025 10:04:05 "
                                    "+0100\n\nbody\n"));
}

void TestHeaderRewriter::idempotent_data()
{
    QTest::addColumn<HeaderRewriterOptions>("options");
    QTest::addColumn<QByteArray>("header");
    HeaderRewriterOptions all = fix(FromNameFix::Quote);
    all.addDate = true;
    all.addMessageId = true;
    all.fromName = QStringLiteral("Bürokopierer, 2. OG");
    QTest::newRow("all") << all << QByteArray("From: x@y.z <x@y.z>\n");
    QTest::newRow("quote") << fix(FromNameFix::Quote) << QByteArray("From: B\xC3\xBCro <b@y.z>\n");
    QTest::newRow("remove") << fix(FromNameFix::Remove) << QByteArray("From: x@y.z <x@y.z>\n");
}

void TestHeaderRewriter::idempotent()
{
    // The engine rewrites at every attempt; the second pass must change
    // nothing, or retries would pile up log lines (or fields).
    QFETCH(HeaderRewriterOptions, options);
    QFETCH(QByteArray, header);
    const HeaderRewriter rewriter(options);
    const auto first = rewriter.rewrite(crlf(header + "\nbody\n"), {}, context());
    QVERIFY(!first.log.isEmpty());
    const auto second = rewriter.rewrite(first.content, {}, context());
    QCOMPARE(second.content, first.content);
    QVERIFY2(second.log.isEmpty(), qPrintable(second.log.join(u'|')));
}

void TestHeaderRewriter::envelopeSender_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("logged");
    QTest::newRow("rewritten") << "relay@contoso.com"
                               << "scan@printer.local"
                               << "relay@contoso.com" << true;
    QTest::newRow("null sender kept") << "relay@contoso.com"
                                      << ""
                                      << "" << false;
    QTest::newRow("same, other case") << "relay@contoso.com"
                                      << "Relay@Contoso.com"
                                      << "Relay@Contoso.com" << false;
    QTest::newRow("not configured") << ""
                                    << "scan@printer.local"
                                    << "scan@printer.local" << false;
}

void TestHeaderRewriter::envelopeSender()
{
    QFETCH(QString, configured);
    QFETCH(QString, sender);
    QFETCH(QString, expected);
    QFETCH(bool, logged);
    HeaderRewriterOptions options;
    options.envelopeSender = configured;
    const QByteArray input = crlf("From: a <a@b.c>\n\nx\n");
    const auto result = HeaderRewriter(options).rewrite(input, sender, context());
    QCOMPARE(result.envelopeSender, expected);
    QCOMPARE(result.content, input); // the header is not touched by this option
    QCOMPARE(result.log.size(), logged ? 1 : 0);
    if (logged)
        QCOMPARE(result.log.first(),
                 QStringLiteral("envelope sender %1 rewritten to %2").arg(sender, configured));
}

void TestHeaderRewriter::longEncodedNameIsFolded()
{
    HeaderRewriterOptions options;
    options.fromName = QString(40, QChar(0x00E9)) + QStringLiteral(" Sc\u00E4nner im Erdgeschoss");
    const auto result =
        HeaderRewriter(options).rewrite(crlf("From: s@example.com\n\nx\n"), {}, context());
    const QByteArray header = headerOf(result.content);
    const QList<QByteArray> lines = header.chopped(2).split('\n');
    QVERIFY2(lines.size() >= 3, header.constData());
    for (const QByteArray& line : lines) {
        QVERIFY2(line.size() <= 79, line.constData()); // 78 + the CR
        if (line != lines.first())
            QVERIFY(line.startsWith(' ')); // folded, not a new field
    }
    // Every encoded word at most 75 characters (RFC 2047 2).
    for (const QByteArray& word : header.simplified().split(' ')) {
        if (word.startsWith("=?"))
            QVERIFY2(word.size() <= 75, word.constData());
    }
    QVERIFY(header.contains("<s@example.com>"));
}

void TestHeaderRewriter::formatDateIsEnglishRfc5322()
{
    QLocale::setDefault(QLocale(QLocale::German));
    QCOMPARE(HeaderRewriter::formatDate(
                 QDateTime(QDate(2024, 12, 1), QTime(23, 5, 9), QTimeZone(-(5 * 3600 + 1800)))),
             QByteArray("Sun, 1 Dec 2024 23:05:09 -0530"));
    QCOMPARE(
        HeaderRewriter::formatDate(QDateTime(QDate(2025, 6, 30), QTime(0, 0), QTimeZone::utc())),
        QByteArray("Mon, 30 Jun 2025 00:00:00 +0000"));
    QLocale::setDefault(QLocale::c());
}

QTEST_GUILESS_MAIN(TestHeaderRewriter)
#include "TestHeaderRewriter.moc"
