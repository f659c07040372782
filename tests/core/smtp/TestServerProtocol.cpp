#include "ProtocolFixture.h"
#include "bounce/DsnParameters.h"

#include <QTest>

using namespace RelayDesk::Smtp;
using RelayDesk::Bounce::DsnParameters;
using RelayDesk::Bounce::DsnReturn;
using RelayDesk::Smtp::Testing::ProtocolFixture;

/// The server protocol fed byte by byte, in segments and all at once:
/// replies, sequence rules, every strictness rule and the smuggling variants.
class TestServerProtocol : public QObject
{
    Q_OBJECT

private slots:
    void conversation_data();
    void conversation();
    void conversationBytewise_data() { conversation_data(); }
    void conversationBytewise();
    void ehloAdvertises_data();
    void ehloAdvertises();
    void enhancedCodesOnlyAfterEhlo();
    void content_data();
    void content();
    void bdatContent_data();
    void bdatContent();
    void messageFields();
    void receivedHeader_data();
    void receivedHeader();
    void tooManyRecipients();
    void startTlsDiscardsPipelinedInput();
    void pipelinedInputWaitsForSubmit();
    void pendingInputIsBounded();
    void neverOkBeforeHostSaysSo();
    void timeouts();
    void hostWaitTimeout();
    void sizeCountsSentOctets_data();
    void sizeCountsSentOctets();
    void postmaster();
    void transcriptMasksAuth();
    void longCommandLineMemoryIsBounded();
    void dsnParameters_data();
    void dsnParameters();
    void dsnNeedsEhlo();
    void dsnForgottenBetweenTransactions();
};

namespace {

const QByteArray Hello = "EHLO client.test\r\n";
const QByteArray Envelope = "EHLO client.test\r\nMAIL FROM:<a@example.com>\r\n"
                            "RCPT TO:<b@example.org>\r\n";

QString check(const ProtocolFixture& f, const QString& expected)
{
    const QStringList want = expected.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList got;
    for (const QByteArray& reply : f.replies)
        got.append(QString::fromLatin1(reply.trimmed()));
    if (f.closed)
        got.append(QStringLiteral("CLOSED"));
    bool ok = want.size() == got.size();
    for (qsizetype i = 0; ok && i < want.size(); ++i) {
        QString token = want.at(i);
        token.replace(QLatin1Char('='), QLatin1Char(' '));
        ok = got.at(i).startsWith(token);
    }
    return ok ? QString()
              : QStringLiteral("want [%1]\n got [%2]").arg(want.join(u' '), got.join(u" | "));
}

// Feeds input in segments separated by "<WAIT>" (requests are answered
// between segments), either as whole segments or one octet at a time.
void feedSegments(ProtocolFixture& f, const QByteArray& input, bool bytewise = false)
{
    qsizetype from = 0;
    for (;;) {
        const qsizetype wait = input.indexOf("<WAIT>", from);
        const QByteArray segment = input.mid(from, wait < 0 ? -1 : wait - from);
        if (bytewise) {
            for (char c : segment)
                f.protocol.receive(QByteArrayView(&c, 1));
            f.answerRequests();
        } else {
            f.feed(segment);
        }
        if (wait < 0)
            return;
        from = wait + 6;
    }
}

} // namespace

void TestServerProtocol::conversation_data()
{
    QTest::addColumn<QByteArray>("input"); // segments separated by "<WAIT>"
    QTest::addColumn<QString>("expected"); // codes, "550=5.7.1" checks the enhanced code
    QTest::addColumn<QByteArray>(
        "flags"); // r=relay allowed t=TLS available a=require AUTH p=plain AUTH s=tiny size
    QTest::addColumn<int>("submitMode");

    auto row = [&](const char* name, const QByteArray& input, const char* expected,
                   const QByteArray& flags = "r",
                   int submit = int(ProtocolFixture::SubmitMode::Ok)) {
        QTest::newRow(name) << input << QString::fromLatin1(expected) << flags << submit;
    };

    // The ordinary path, and several transactions per session.
    row("data", Envelope + "DATA\r\nSubject: x\r\n\r\nhi\r\n.\r\nQUIT\r\n",
        "220 250 250=2.1.0 250=2.1.5 354 250=2.0.0 221=2.0.0 CLOSED");
    row("two transactions",
        Envelope + "DATA\r\nx\r\n.\r\nMAIL FROM:<c@example.com>\r\n"
                   "RCPT TO:<d@example.org>\r\nDATA\r\ny\r\n.\r\n",
        "220 250 250 250 354 250 250 250 354 250");
    row("helo", "HELO client\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n",
        "220 250 250 250");
    row("helo no params", "HELO client\r\nMAIL FROM:<a@b.example> SIZE=10\r\n", "220 250 555");
    row("null sender", Hello + "MAIL FROM:<>\r\n", "220 250 250=2.1.0");
    row("mail from with blank", Hello + "MAIL FROM: <a@b.example>\r\n", "220 250 250");
    row("lowercase", "ehlo c\r\nmail from:<a@b.example>\r\nrcpt to:<c@d.example>\r\n",
        "220 250 250 250");
    row("source route ignored", Hello + "MAIL FROM:<@x.example:a@b.example>\r\n", "220 250 250");
    row("quoted local part", Hello + "MAIL FROM:<\"john doe\"@b.example>\r\n", "220 250 250");
    row("address literals",
        Hello + "MAIL FROM:<a@[192.0.2.1]>\r\nRCPT TO:<b@[IPv6:2001:db8::1]>\r\n",
        "220 250 250 250");

    // Sequence errors.
    row("mail before ehlo", "MAIL FROM:<a@b.example>\r\n", "220 503");
    row("rcpt before mail", Hello + "RCPT TO:<a@b.example>\r\n", "220 250 503=5.5.1");
    row("data before mail", Hello + "DATA\r\n", "220 250 503=5.5.1");
    row("data without rcpt", Hello + "MAIL FROM:<a@b.example>\r\nDATA\r\n",
        "220 250 250 554=5.5.1");
    row("nested mail", Envelope + "MAIL FROM:<a@b.example>\r\n", "220 250 250 250 503=5.5.1");
    row("rset clears", Envelope + "RSET\r\nDATA\r\n", "220 250 250 250 250=2.0.0 503=5.5.1");
    row("rset argument", Hello + "RSET x\r\n", "220 250 501=5.5.4");
    row("ehlo resets", Envelope + "EHLO again\r\nDATA\r\n", "220 250 250 250 250 503");
    row("data argument", Envelope + "DATA x\r\n", "220 250 250 250 501=5.5.4");

    // Syntax and parameters.
    row("unknown command", Hello + "FOO\r\n", "220 250 500=5.5.2");
    row("no verb", Hello + " NOOP\r\n", "220 250 500=5.5.2");
    row("nul in command", Hello + QByteArray("NOOP \0x\r\n", 9), "220 250 500=5.5.2");
    row("ehlo without name", "EHLO\r\n", "220 501");
    row("mail no colon", Hello + "MAIL a@b.example\r\n", "220 250 501=5.5.2");
    row("mail no brackets", Hello + "MAIL FROM:a@b.example\r\n", "220 250 501=5.5.2");
    row("mail bad address", Hello + "MAIL FROM:<a@@b.example>\r\n", "220 250 501=5.1.7");
    row("mail unterminated quote", Hello + "MAIL FROM:<\"a@b.example>\r\n", "220 250 501=5.5.2");
    row("rcpt bad address", Hello + "MAIL FROM:<>\r\nRCPT TO:<b..c@d.example>\r\n",
        "220 250 250 501=5.1.3");
    row("rcpt null", Hello + "MAIL FROM:<>\r\nRCPT TO:<>\r\n", "220 250 250 501=5.1.3");
    row("rcpt bad literal", Hello + "MAIL FROM:<>\r\nRCPT TO:<a@[300.1.1.1]>\r\n",
        "220 250 250 501=5.1.3");
    row("unknown mail parameter", Hello + "MAIL FROM:<a@b.example> MT-PRIORITY=3\r\n",
        "220 250 555=5.5.4");
    row("unknown rcpt parameter", Hello + "MAIL FROM:<>\r\nRCPT TO:<a@b.example> XFOO=1\r\n",
        "220 250 250 555=5.5.4");
    // DSN (RFC 3461); the details are in dsnParameters().
    row("dsn mail parameters", Hello + "MAIL FROM:<a@b.example> RET=HDRS ENVID=x1\r\n",
        "220 250 250=2.1.0");
    row("dsn rcpt parameters",
        Hello + "MAIL FROM:<>\r\nRCPT TO:<a@b.example> NOTIFY=NEVER ORCPT=rfc822;a@b.example\r\n",
        "220 250 250 250=2.1.5");
    row("dsn bad value", Hello + "MAIL FROM:<a@b.example> RET=ALL\r\n", "220 250 501=5.5.4");
    row("dsn duplicate",
        Hello + "MAIL FROM:<>\r\nRCPT TO:<a@b.example> NOTIFY=DELAY NOTIFY=DELAY\r\n",
        "220 250 250 501=5.5.4");
    row("helo rejects dsn mail parameter", "HELO client\r\nMAIL FROM:<a@b.example> RET=FULL\r\n",
        "220 250 555");
    row("helo rejects dsn rcpt parameter",
        "HELO client\r\nMAIL FROM:<>\r\nRCPT TO:<a@b.example> NOTIFY=NEVER\r\nRCPT "
        "TO:<a@b.example>\r\n",
        "220 250 250 555 250");
    row("dsn errors count", Hello + QByteArray("MAIL FROM:<> ENVID=a+ZZ\r\n").repeated(11),
        "220 250 501=5.5.4 501 501 501 501 501 501 501 501 501 421=4.7.0 CLOSED");
    row("size ok", Hello + "MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME AUTH=<>\r\n",
        "220 250 250");
    row("size too big", Hello + "MAIL FROM:<a@b.example> SIZE=26214401\r\n", "220 250 552=5.3.4");
    row("size garbage", Hello + "MAIL FROM:<a@b.example> SIZE=12x\r\n", "220 250 501=5.5.4");
    row("body binarymime", Hello + "MAIL FROM:<a@b.example> BODY=BINARYMIME\r\n",
        "220 250 555=5.5.4");
    row("utf8 without smtputf8", Hello + "MAIL FROM:<j\xc3\xb6rg@b.example>\r\n",
        "220 250 501=5.1.7");
    row("rcpt postmaster without domain",
        Hello + "MAIL FROM:<>\r\nRCPT TO:<postmaster>\r\nRCPT TO:<PostMaster>\r\n",
        "220 250 250 250=2.1.5 250=2.1.5");
    row("rcpt postmaster relay denied", Hello + "MAIL FROM:<>\r\nRCPT TO:<postmaster>\r\n",
        "220 250 250 554=5.7.1", "");
    row("rcpt other name without domain", Hello + "MAIL FROM:<>\r\nRCPT TO:<admin>\r\n",
        "220 250 250 501=5.1.3");
    row("mail from postmaster without domain", Hello + "MAIL FROM:<postmaster>\r\n",
        "220 250 501=5.1.7");
    row("utf8 with smtputf8",
        Hello + "MAIL FROM:<j\xc3\xb6rg@b.example> SMTPUTF8\r\n"
                "RCPT TO:<\xc3\xa5@\xc3\xa5.example>\r\n",
        "220 250 250 250");
    row("utf8 rcpt without smtputf8",
        Hello + "MAIL FROM:<a@b.example>\r\nRCPT TO:<\xc3\xa5@b.example>\r\n",
        "220 250 250 501=5.1.3");
    row("invalid utf8 with smtputf8", Hello + "MAIL FROM:<j\xc3@b.example> SMTPUTF8\r\n",
        "220 250 501=5.1.7");

    // Line length: 512 octets including CRLF (RFC 5321 4.5.3.1.4); MAIL and
    // RCPT may reach 2048 for what SIZE, SMTPUTF8, AUTH= and DSN add.
    static_assert(ServerProtocol::MaxCommandLine == 512);
    static_assert(ServerProtocol::MaxMailRcptLine == 2048);
    row("line 512", Hello + "NOOP " + QByteArray(505, 'x') + "\r\n", "220 250 250");
    row("line 513", Hello + "NOOP " + QByteArray(506, 'x') + "\r\nNOOP\r\n",
        "220 250 500=5.5.2 250");
    row("mail line 2048",
        Hello + "MAIL FROM:<a@b.example> ENVID=" + QByteArray(100, 'e') +
            " X-PAD=" + QByteArray(2048 - 2 - 30 - 100 - 7, 'p') + "\r\n",
        "220 250 555=5.5.4");
    row("mail line 2049",
        Hello + "MAIL FROM:<a@b.example> ENVID=" + QByteArray(100, 'e') +
            " X-PAD=" + QByteArray(2048 - 2 - 30 - 100 - 7 + 1, 'p') + "\r\nNOOP\r\n",
        "220 250 500=5.5.2 250");
    row("rcpt with long orcpt",
        Hello + "MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example> ORCPT=rfc822;" +
            QByteArray(480, 'o') + "@d.example\r\n",
        "220 250 250 250");
    row("line huge", Hello + "NOOP " + QByteArray(100000, 'x') + "\r\nNOOP\r\n",
        "220 250 500=5.5.2 250");

    // Other commands.
    row("noop help vrfy expn", Hello + "NOOP\r\nHELP\r\nVRFY bob\r\nEXPN staff\r\n",
        "220 250 250=2.0.0 214 252=2.5.2 502=5.5.1");
    row("vrfy empty", Hello + "VRFY\r\n", "220 250 501=5.5.4");
    row("quit ignores rest", Hello + "QUIT\r\nNOOP\r\n", "220 250 221 CLOSED");

    // Relay policy and AUTH.
    row("relay denied", Envelope, "220 250 250 554=5.7.1", "");
    row("relay after auth",
        "EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<a@b.example>\r\n"
        "RCPT TO:<c@d.example>\r\n",
        "220 250 235=2.7.0 250 250", "p");
    row("require auth", Hello + "MAIL FROM:<a@b.example>\r\n", "220 250 530=5.7.0", "rap");
    row("require auth satisfied",
        "EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<a@b.example>\r\n",
        "220 250 235 250", "rap");
    row("auth wrong password", "EHLO c\r\nAUTH PLAIN AGFsaWNlAHdyb25n\r\n", "220 250 535=5.7.8",
        "p");
    row("auth twice",
        "EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n",
        "220 250 235 503=5.5.1", "p");
    row("auth plain continuation", "EHLO c\r\nAUTH PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\n",
        "220 250 334 235", "p");
    row("auth plain equals", "EHLO c\r\nAUTH PLAIN =\r\n", "220 250 501=5.5.2", "p");
    row("auth plain empty line", "EHLO c\r\nAUTH PLAIN\r\n\r\n", "220 250 334 501=5.5.2", "p");
    row("auth plain authzid other", "EHLO c\r\nAUTH PLAIN Ym9iAGFsaWNlAHNlY3JldA==\r\n",
        "220 250 535=5.7.8", "p");
    row("auth plain authzid same", "EHLO c\r\nAUTH PLAIN YWxpY2UAYWxpY2UAc2VjcmV0\r\n",
        "220 250 235", "p");
    row("auth login", "EHLO c\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n", "220 250 334 334 235",
        "p");
    row("auth login initial", "EHLO c\r\nAUTH LOGIN YWxpY2U=\r\nc2VjcmV0\r\n", "220 250 334 235",
        "p");
    row("auth cancel", "EHLO c\r\nAUTH LOGIN\r\n*\r\nNOOP\r\n", "220 250 334 501 250", "p");
    row("auth cancel plain", "EHLO c\r\nAUTH PLAIN\r\n*\r\n", "220 250 334 501", "p");
    row("auth bad base64", "EHLO c\r\nAUTH PLAIN !!!\r\n", "220 250 501=5.5.2", "p");
    row("auth unknown mechanism", "EHLO c\r\nAUTH CRAM-MD5\r\n", "220 250 504=5.5.4", "p");
    row("auth needs tls", "EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "220 250 538=5.7.11",
        "t");
    row("auth not enabled", "EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "220 250 503=5.5.1",
        "");
    row("auth after helo", "HELO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "220 250 503", "p");
    row("auth in transaction", Hello + "MAIL FROM:<>\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n",
        "220 250 250 503=5.5.1", "p");
    row("auth over tls",
        "EHLO c\r\nSTARTTLS\r\n<WAIT>EHLO c\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n",
        "220 250 220=2.0.0 250 235", "t");

    // STARTTLS.
    row("starttls unavailable", Hello + "STARTTLS\r\n", "220 250 502=5.5.1", "r");
    row("starttls twice", "EHLO c\r\nSTARTTLS\r\n<WAIT>EHLO c\r\nSTARTTLS\r\n",
        "220 250 220 250 503=5.5.1", "rt");
    row("starttls needs ehlo again", "EHLO c\r\nSTARTTLS\r\n<WAIT>MAIL FROM:<>\r\n",
        "220 250 220 503", "rt");
    row("starttls drops pipelined",
        "EHLO c\r\nSTARTTLS\r\nMAIL FROM:<>\r\nRCPT TO:<a@b.example>\r\n", "220 250 220", "rt");
    row("starttls argument", "EHLO c\r\nSTARTTLS now\r\n", "220 250 501=5.5.4", "rt");
    row("starttls in transaction", "EHLO c\r\nMAIL FROM:<>\r\nSTARTTLS\r\n",
        "220 250 250 503=5.5.1", "rt");

    // DATA framing and size.
    row("data too big", Envelope + "DATA\r\n" + QByteArray(3000, 'x') + "\r\n.\r\nMAIL FROM:<>\r\n",
        "220 250 250 250 354 552=5.3.4 250", "rs");
    row("data just fits", Envelope + "DATA\r\n" + QByteArray(998, 'x') + "\r\n.\r\n",
        "220 250 250 250 354 250", "rs");
    row("smuggling lf dot lf", Envelope + "DATA\r\na\n.\nMAIL FROM:<x@y.example>\r\n.\r\n",
        "220 250 250 250 354 250");
    row("smuggling cr dot cr", Envelope + "DATA\r\na\r.\rMAIL FROM:<x@y.example>\r\n.\r\n",
        "220 250 250 250 354 250");
    row("smuggling lf dot crlf", Envelope + "DATA\r\na\n.\r\nMAIL FROM:<x@y.example>\r\n.\r\n",
        "220 250 250 250 354 250");
    row("smuggling crlf dot lf", Envelope + "DATA\r\na\r\n.\nMAIL FROM:<x@y.example>\r\n.\r\n",
        "220 250 250 250 354 250");
    row("submit temporary failure", Envelope + "DATA\r\nx\r\n.\r\n",
        "220 250 250 250 354 451=4.3.0", "r", int(ProtocolFixture::SubmitMode::Temporary));
    row("submit permanent failure", Envelope + "DATA\r\nx\r\n.\r\nNOOP\r\n",
        "220 250 250 250 354 554=5.3.0 250", "r", int(ProtocolFixture::SubmitMode::Permanent));

    // CHUNKING.
    row("bdat last", Envelope + "BDAT 5 LAST\r\nhello", "220 250 250 250 250=2.0.0");
    row("bdat chunks", Envelope + "BDAT 3\r\nabcBDAT 4\r\ndefgBDAT 0 LAST\r\n",
        "220 250 250 250 250 250 250=2.0.0");
    row("bdat zero last only", Envelope + "BDAT 0 LAST\r\n", "220 250 250 250 250");
    row("bdat lowercase last", Envelope + "bdat 2 last\r\nhi", "220 250 250 250 250");
    row("bdat without rcpt eats chunk", Hello + "MAIL FROM:<>\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n",
        "220 250 250 554=5.5.1 250");
    row("bdat before mail eats chunk", Hello + "BDAT 6 LAST\r\nQUIT\r\nNOOP\r\n",
        "220 250 503 250");
    row("bdat after helo",
        "HELO c\r\nMAIL FROM:<>\r\nRCPT TO:<a@b.example>\r\nBDAT 4\r\nQUITNOOP\r\n",
        "220 250 250 250 503 250");
    row("bdat bad syntax closes", Envelope + "BDAT x\r\nQUIT\r\n",
        "220 250 250 250 501=5.5.4 CLOSED");
    row("bdat huge count", Envelope + "BDAT 99999999999999999999\r\n",
        "220 250 250 250 501 CLOSED");
    row("data after bdat", Envelope + "BDAT 2\r\nabDATA\r\n", "220 250 250 250 250 503=5.5.1");
    row("mail after bdat", Envelope + "BDAT 2\r\nabMAIL FROM:<>\r\nRSET\r\nMAIL FROM:<>\r\n",
        "220 250 250 250 250 503 250 250");
    row("bdat too big",
        Envelope + "BDAT 1500\r\n" + QByteArray(1500, 'x') + "BDAT 1 LAST\r\nxNOOP\r\n",
        "220 250 250 250 552=5.3.4 552=5.3.4 250", "rs");

    // Too many errors.
    row("too many errors", Hello + QByteArray("FOO\r\n").repeated(11) + "NOOP\r\n",
        "220 250 500 500 500 500 500 500 500 500 500 500 421=4.7.0 CLOSED");
}

static void runConversation(bool bytewise)
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QFETCH(QByteArray, flags);
    QFETCH(int, submitMode);

    auto session = ProtocolFixture::defaultSession();
    session.relayAllowed = flags.contains('r');
    session.tlsAvailable = flags.contains('t');
    session.requireAuth = flags.contains('a');
    session.allowPlainAuth = flags.contains('p');
    if (flags.contains('s'))
        session.limits.maxMessageSize = 1000;
    ProtocolFixture f(session);
    f.submitMode = static_cast<ProtocolFixture::SubmitMode>(submitMode);
    f.protocol.start();
    feedSegments(f, input, bytewise);
    const QString problem = check(f, expected);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestServerProtocol::conversation()
{
    runConversation(false);
}

void TestServerProtocol::conversationBytewise()
{
    // Framing must not depend on how TCP splits the stream.
    runConversation(true);
}

void TestServerProtocol::ehloAdvertises_data()
{
    QTest::addColumn<bool>("tlsAvailable");
    QTest::addColumn<bool>("tlsActive");
    QTest::addColumn<bool>("plainAuth");
    QTest::addColumn<bool>("starttls");
    QTest::addColumn<bool>("auth");
    QTest::newRow("no certificate") << false << false << false << false << false;
    QTest::newRow("certificate, plain") << true << false << false << true << false;
    QTest::newRow("certificate, plain auth allowed") << true << false << true << true << true;
    QTest::newRow("no certificate, plain auth allowed") << false << false << true << false << true;
    QTest::newRow("tls active") << true << true << false << false << true;
}

void TestServerProtocol::ehloAdvertises()
{
    QFETCH(bool, tlsAvailable);
    QFETCH(bool, tlsActive);
    QFETCH(bool, plainAuth);
    QFETCH(bool, starttls);
    QFETCH(bool, auth);
    auto session = ProtocolFixture::defaultSession();
    session.tlsAvailable = tlsAvailable;
    session.allowPlainAuth = plainAuth;
    session.limits.maxMessageSize = 1234567;
    ProtocolFixture f(session);
    f.protocol.start(tlsActive ? QStringLiteral("TLSv1.3") : QString());
    f.feed("EHLO client.test\r\n");
    QCOMPARE(f.replies.size(), 2);
    const QByteArray ehlo = f.replies.at(1);
    QVERIFY(ehlo.startsWith("250-relay.test\r\n"));
    for (const char* keyword : {"PIPELINING", "SIZE 1234567", "8BITMIME", "ENHANCEDSTATUSCODES",
                                "SMTPUTF8", "CHUNKING", "DSN"})
        QVERIFY2(ehlo.contains(QByteArray("\r\n250-") + keyword + "\r\n") ||
                     ehlo.contains(QByteArray("\r\n250 ") + keyword + "\r\n"),
                 keyword);
    QCOMPARE(ehlo.contains("STARTTLS"), starttls);
    QCOMPARE(ehlo.contains("AUTH PLAIN LOGIN"), auth);
    // Exactly one final line.
    QCOMPARE(ehlo.count("\r\n250 "), 1);
    QVERIFY(ehlo.endsWith("\r\n"));
}

void TestServerProtocol::enhancedCodesOnlyAfterEhlo()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    f.feed("NOOP\r\nHELO c\r\nNOOP\r\nEHLO c\r\nNOOP\r\nMAIL FROM:<>\r\nRCPT TO:<a@b.example>\r\n"
           "FOO\r\nRSET\r\n");
    QCOMPARE(f.replies.at(1), QByteArray("250 Ok\r\n"));
    QCOMPARE(f.replies.at(3), QByteArray("250 Ok\r\n"));
    // Every reply after EHLO carries an RFC 3463 code.
    for (qsizetype i = 5; i < f.replies.size(); ++i) {
        const QByteArray& reply = f.replies.at(i);
        QVERIFY2(reply.size() > 10 && reply.at(4) >= '2' && reply.at(4) <= '5' &&
                     reply.at(5) == '.',
                 reply.constData());
    }
}

void TestServerProtocol::content_data()
{
    QTest::addColumn<QByteArray>("data");   // what follows DATA, including the end marker
    QTest::addColumn<QByteArray>("stored"); // content after the Received: header
    QTest::addColumn<int>("normalised");
    QTest::addColumn<int>("folded");

    QTest::newRow("plain") << QByteArray("a\r\nb\r\n.\r\n") << QByteArray("a\r\nb\r\n") << 0 << 0;
    QTest::newRow("empty") << QByteArray(".\r\n") << QByteArray() << 0 << 0;
    QTest::newRow("dot stuffed") << QByteArray("..a\r\n...\r\n.\r\n") << QByteArray(".a\r\n..\r\n")
                                 << 0 << 0;
    QTest::newRow("dot not at line start")
        << QByteArray("a.\r\n.\r\n") << QByteArray("a.\r\n") << 0 << 0;
    QTest::newRow("bare lf") << QByteArray("a\nb\r\n.\r\n") << QByteArray("a\r\nb\r\n") << 1 << 0;
    QTest::newRow("bare cr") << QByteArray("a\rb\r\n.\r\n") << QByteArray("a\r\nb\r\n") << 1 << 0;
    QTest::newRow("cr cr lf") << QByteArray("a\r\r\n.\r\n") << QByteArray("a\r\n\r\n") << 1 << 0;
    QTest::newRow("lf dot lf is not the end")
        << QByteArray("a\n.\nMAIL FROM:<x@y>\r\n.\r\n")
        << QByteArray("a\r\n.\r\nMAIL FROM:<x@y>\r\n") << 2 << 0;
    QTest::newRow("cr dot cr is not the end")
        << QByteArray("a\r.\rRCPT TO:<x@y>\r\n.\r\n") << QByteArray("a\r\n.\r\nRCPT TO:<x@y>\r\n")
        << 2 << 0;
    QTest::newRow("lf dot crlf is not the end")
        << QByteArray("a\n.\r\nDATA\r\n.\r\n") << QByteArray("a\r\n.\r\nDATA\r\n") << 1 << 0;
    QTest::newRow("cr dot crlf is not the end")
        << QByteArray("a\r.\r\nDATA\r\n.\r\n") << QByteArray("a\r\n.\r\nDATA\r\n") << 1 << 0;
    QTest::newRow("stuffed dot after bare lf")
        << QByteArray("a\n..b\r\n.\r\n") << QByteArray("a\r\n.b\r\n") << 1 << 0;
    QTest::newRow("crlf dot lf is not the end")
        << QByteArray("a\r\n.\nQUIT\r\n.\r\n") << QByteArray("a\r\n.\r\nQUIT\r\n") << 1 << 0;
    QTest::newRow("dot cr x") << QByteArray(".\rx\r\n.\r\n") << QByteArray(".\r\nx\r\n") << 1 << 0;
    QTest::newRow("line 998") << QByteArray(998, 'x') + "\r\n.\r\n"
                              << QByteArray(998, 'x') + "\r\n"
                              << 0 << 0;
    QTest::newRow("line 999") << QByteArray(999, 'x') + "\r\n.\r\n"
                              << QByteArray(998, 'x') + "\r\n x\r\n"
                              << 0 << 1;
    QTest::newRow("line 3000") << QByteArray(3000, 'x') + "\r\ny\r\n.\r\n"
                               << QByteArray(998, 'x') + "\r\n " + QByteArray(997, 'x') + "\r\n " +
                                      QByteArray(997, 'x') + "\r\n " + QByteArray(8, 'x') +
                                      "\r\ny\r\n"
                               << 0 << 1;
    QTest::newRow("two long lines")
        << QByteArray(1000, 'a') + "\r\n" + QByteArray(1000, 'b') + "\r\n.\r\n"
        << QByteArray(998, 'a') + "\r\n aa\r\n" + QByteArray(998, 'b') + "\r\n bb\r\n"
        << 0 << 2;
    QTest::newRow("8bit passes") << QByteArray("\xe2\x82\xac\r\n.\r\n")
                                 << QByteArray("\xe2\x82\xac\r\n") << 0 << 0;
    QTest::newRow("nul passes") << QByteArray("a\0b\r\n.\r\n", 8) << QByteArray("a\0b\r\n", 5) << 0
                                << 0;
}

void TestServerProtocol::content()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, stored);
    QFETCH(int, normalised);
    QFETCH(int, folded);
    for (int split : {0, 1, 2, 3}) {
        ProtocolFixture f(ProtocolFixture::defaultSession());
        f.protocol.start();
        f.feed(Envelope + "DATA\r\n");
        if (split == 0) {
            f.feed(data);
        } else {
            // every split point of a short prefix, then the rest
            for (qsizetype i = 0; i < data.size(); i += split)
                f.feed(QByteArrayView(data).sliced(i, std::min<qsizetype>(split, data.size() - i)));
        }
        QCOMPARE(f.messages.size(), 1);
        const QByteArray content = f.messages.first().content;
        const qsizetype bodyStart = content.indexOf("+0000\r\n") + 7;
        QVERIFY(content.startsWith("Received: "));
        QCOMPARE(content.mid(bodyStart), stored);
        QCOMPARE(f.messages.first().normalisedLineEnds, normalised);
        QCOMPARE(f.messages.first().foldedLongLines, folded);
        QVERIFY(f.replies.last().startsWith("250 2.0.0 Ok: queued as Q1"));
    }
}

void TestServerProtocol::bdatContent_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks"); // the last one goes with LAST
    QTest::addColumn<QByteArray>("stored");
    QTest::addColumn<int>("normalised");

    QTest::newRow("one") << QList<QByteArray>{"a\r\nb\r\n"} << QByteArray("a\r\nb\r\n") << 0;
    QTest::newRow("no dot unstuffing")
        << QList<QByteArray>{"..a\r\n.\r\n"} << QByteArray("..a\r\n.\r\n") << 0;
    QTest::newRow("crlf split over chunks")
        << QList<QByteArray>{"a\r", "\nb\r\n"} << QByteArray("a\r\nb\r\n") << 0;
    QTest::newRow("bare lf") << QList<QByteArray>{"a\nb\n"} << QByteArray("a\r\nb\r\n") << 2;
    QTest::newRow("bare cr at end") << QList<QByteArray>{"a\r"} << QByteArray("a\r\n") << 1;
    QTest::newRow("no final line end")
        << QList<QByteArray>{"a\r\nb"} << QByteArray("a\r\nb\r\n") << 0;
    QTest::newRow("empty last") << QList<QByteArray>{"a\r\n", ""} << QByteArray("a\r\n") << 0;
    QTest::newRow("long line") << QList<QByteArray>{QByteArray(600, 'x'), QByteArray(600, 'x')}
                               << QByteArray(998, 'x') + "\r\n " + QByteArray(202, 'x') + "\r\n"
                               << 0;
}

void TestServerProtocol::bdatContent()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QByteArray, stored);
    QFETCH(int, normalised);
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    QByteArray input = Envelope;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        input += "BDAT " + QByteArray::number(chunks.at(i).size()) +
                 (i + 1 == chunks.size() ? " LAST" : "") + "\r\n" + chunks.at(i);
    }
    f.feed(input);
    QCOMPARE(f.messages.size(), 1);
    const QByteArray content = f.messages.first().content;
    QCOMPARE(content.mid(content.indexOf("+0000\r\n") + 7), stored);
    QCOMPARE(f.messages.first().normalisedLineEnds, normalised);
    QCOMPARE(f.replies.size(), 4 + chunks.size());
}

void TestServerProtocol::messageFields()
{
    auto session = ProtocolFixture::defaultSession();
    session.tlsAvailable = true;
    ProtocolFixture f(session);
    f.protocol.start();
    f.feed("EHLO client.test\r\nSTARTTLS\r\n");
    f.feed("EHLO again.test\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"
           "MAIL FROM:<\xc3\xa5@a.example> BODY=8BITMIME SMTPUTF8\r\n"
           "RCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\nx\r\n.\r\n");
    QCOMPARE(f.messages.size(), 1);
    const ReceivedMessage& m = f.messages.first();
    QCOMPARE(m.sender, QStringLiteral("\u00e5@a.example"));
    QCOMPARE(m.recipients, QStringList({"b@example.org", "c@example.org"}));
    QCOMPARE(m.heloName, QStringLiteral("again.test"));
    QCOMPARE(m.clientAddress, QStringLiteral("192.0.2.10"));
    QCOMPARE(m.clientPort, quint16(40000));
    QCOMPARE(m.listener, QStringLiteral("lan"));
    QCOMPARE(m.tlsVersion, QStringLiteral("TLSv1.3"));
    QCOMPARE(m.authUser, QStringLiteral("alice"));
    QVERIFY(m.eightBitMime);
    QVERIFY(m.smtpUtf8);
    QCOMPARE(m.receivedAt, QDateTime(QDate(2026, 11, 28), QTime(8, 30, 0), Qt::UTC));
    QCOMPARE(m.receivedAt.timeSpec(), Qt::UTC);

    // The next transaction starts clean.
    f.feed("MAIL FROM:<>\r\nRCPT TO:<d@example.org>\r\nDATA\r\ny\r\n.\r\n");
    QCOMPARE(f.messages.size(), 2);
    QCOMPARE(f.messages.at(1).sender, QString());
    QCOMPARE(f.messages.at(1).recipients, QStringList({"d@example.org"}));
    QVERIFY(!f.messages.at(1).eightBitMime);
    QVERIFY(!f.messages.at(1).smtpUtf8);
    QCOMPARE(f.protocol.messagesAccepted(), 2);
}

void TestServerProtocol::receivedHeader_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray auth = "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n";
    const QByteArray tail = "MAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n.\r\n";
    QTest::newRow("esmtp") << "EHLO c.test\r\n" + tail
                           << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                                         "\tby relay.test (RelayDesk) with ESMTP\r\n"
                                         "\tfor <x@y.example>;\r\n"
                                         "\t28 Nov 2026 08:30:00 +0000\r\n");
    QTest::newRow("smtp") << "HELO c.test\r\n" + tail
                          << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                                        "\tby relay.test (RelayDesk) with SMTP\r\n"
                                        "\tfor <x@y.example>;\r\n"
                                        "\t28 Nov 2026 08:30:00 +0000\r\n");
    QTest::newRow("esmtpa") << "EHLO c.test\r\n" + auth + tail
                            << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                                          "\tby relay.test (RelayDesk) with ESMTPA\r\n"
                                          "\t(authenticated as alice)\r\n"
                                          "\tfor <x@y.example>;\r\n"
                                          "\t28 Nov 2026 08:30:00 +0000\r\n");
    QTest::newRow("esmtps") << "EHLO c.test\r\nSTARTTLS\r\n<WAIT>EHLO c.test\r\n" + tail
                            << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                                          "\tby relay.test (RelayDesk) with ESMTPS (TLSv1.3)\r\n"
                                          "\tfor <x@y.example>;\r\n"
                                          "\t28 Nov 2026 08:30:00 +0000\r\n");
    QTest::newRow("esmtpsa") << "EHLO c.test\r\nSTARTTLS\r\n<WAIT>EHLO c.test\r\n" + auth + tail
                             << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                                           "\tby relay.test (RelayDesk) with ESMTPSA (TLSv1.3)\r\n"
                                           "\t(authenticated as alice)\r\n"
                                           "\tfor <x@y.example>;\r\n"
                                           "\t28 Nov 2026 08:30:00 +0000\r\n");
    QTest::newRow("two recipients no for")
        << QByteArray("EHLO c.test\r\nMAIL FROM:<>\r\nRCPT TO:<x@y.example>\r\n"
                      "RCPT TO:<z@y.example>\r\nDATA\r\n.\r\n")
        << QByteArray("Received: from c.test ([192.0.2.10])\r\n"
                      "\tby relay.test (RelayDesk) with ESMTP;\r\n"
                      "\t28 Nov 2026 08:30:00 +0000\r\n");
}

void TestServerProtocol::receivedHeader()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    auto session = ProtocolFixture::defaultSession();
    session.tlsAvailable = true;
    session.allowPlainAuth = true;
    ProtocolFixture f(session);
    f.protocol.start();
    feedSegments(f, input);
    QCOMPARE(f.messages.size(), 1);
    QCOMPARE(f.messages.first().content, expected);
}

void TestServerProtocol::tooManyRecipients()
{
    auto session = ProtocolFixture::defaultSession();
    QCOMPARE(session.limits.maxRecipients, 100); // at least 100 by default
    ProtocolFixture f(session);
    f.protocol.start();
    QByteArray input = "EHLO c\r\nMAIL FROM:<>\r\n";
    for (int i = 0; i < 101; ++i)
        input += "RCPT TO:<r" + QByteArray::number(i) + "@example.org>\r\n";
    input += "DATA\r\nx\r\n.\r\n";
    f.feed(input);
    QCOMPARE(f.replies.size(), 2 + 1 + 101 + 2);
    QVERIFY(f.replies.at(102).startsWith("250 2.1.5"));
    QVERIFY(f.replies.at(103).startsWith("452 4.5.3"));
    QCOMPARE(f.messages.size(), 1);
    QCOMPARE(f.messages.first().recipients.size(), 100);
}

void TestServerProtocol::startTlsDiscardsPipelinedInput()
{
    auto session = ProtocolFixture::defaultSession();
    session.tlsAvailable = true;
    ProtocolFixture f(session);
    f.protocol.start();
    // No auto-answer: the handshake is "running" while more plaintext arrives.
    f.protocol.receive("EHLO c\r\nSTARTTLS\r\nMAIL FROM:<evil@example.com>\r\n");
    QVERIFY(f.tlsRequested);
    QCOMPARE(f.protocol.state(), ServerProtocol::State::WaitingTls);
    f.protocol.receive("RCPT TO:<victim@example.org>\r\n");
    QCOMPARE(f.replies.size(), 3);
    f.protocol.tlsStarted(QStringLiteral("TLSv1.3"));
    QCOMPARE(f.protocol.state(), ServerProtocol::State::Greeted);
    QCOMPARE(f.replies.size(), 3); // nothing of the plaintext was answered
    QVERIFY(f.protocol.isTlsActive());
    f.feed("EHLO c\r\n");
    QVERIFY(!f.replies.last().contains("STARTTLS"));
    QCOMPARE(f.commands.size(), 3); // EHLO, STARTTLS, EHLO: the rest never counted as commands
}

void TestServerProtocol::pipelinedInputWaitsForSubmit()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.submitMode = ProtocolFixture::SubmitMode::Hold;
    f.protocol.start();
    f.feed(Envelope + "DATA\r\nx\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<c@example.org>\r\nNOOP\r\n");
    QCOMPARE(f.protocol.state(), ServerProtocol::State::WaitingSubmit);
    QCOMPARE(f.codes(), QStringLiteral("220 250 250 250 354"));
    QVERIFY(f.protocol.isWaiting());
    f.submitMode = ProtocolFixture::SubmitMode::Ok;
    f.answerRequests();
    QCOMPARE(f.codes(), QStringLiteral("220 250 250 250 354 250 250 250 250"));
    QVERIFY(f.replies.at(5).startsWith("250 2.0.0 Ok: queued as Q1"));
}

void TestServerProtocol::pendingInputIsBounded()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.submitMode = ProtocolFixture::SubmitMode::Hold;
    f.protocol.start();
    f.feed(Envelope + "DATA\r\nx\r\n.\r\n");
    const QByteArray noise(64 * 1024, 'n');
    for (int i = 0; i < 4; ++i)
        f.feed(noise);
    QVERIFY(!f.closed);
    f.feed(noise);
    QVERIFY(f.closed);
    QVERIFY(f.replies.last().startsWith("421 4.7.0"));
    // A late answer from the host changes nothing.
    f.protocol.submitted(SubmitResult{true, QStringLiteral("late"), false, {}});
    QVERIFY(f.replies.last().startsWith("421 4.7.0"));
}

void TestServerProtocol::neverOkBeforeHostSaysSo()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.submitMode = ProtocolFixture::SubmitMode::Hold;
    f.protocol.start();
    f.feed(Envelope + "DATA\r\nx\r\n.\r\n");
    QCOMPARE(f.messages.size(), 1);
    QVERIFY(!f.allReplies().contains("queued"));
    // Unsolicited results are ignored.
    f.protocol.authenticated(true);
    QCOMPARE(f.protocol.authUser(), QString());
    f.protocol.submitted(SubmitResult{true, QStringLiteral("Q9"), false, {}});
    QVERIFY(f.replies.last().startsWith("250 2.0.0 Ok: queued as Q9"));
    f.protocol.submitted(SubmitResult{true, QStringLiteral("Q10"), false, {}});
    QVERIFY(!f.allReplies().contains("Q10"));
}

void TestServerProtocol::timeouts()
{
    auto session = ProtocolFixture::defaultSession();
    session.limits.commandTimeoutMs = 111;
    session.limits.dataBlockTimeoutMs = 222;
    session.limits.tlsHandshakeTimeoutMs = 333;
    session.tlsAvailable = true;
    ProtocolFixture f(session);
    QCOMPARE(f.protocol.timeoutMs(), 333); // before the greeting (implicit TLS)
    f.protocol.start();
    QCOMPARE(f.protocol.timeoutMs(), 111);
    f.feed(Envelope + "DATA\r\n");
    QCOMPARE(f.protocol.timeoutMs(), 222);
    f.feed("x\r\n.\r\nBDAT 10\r\nabc");
    QCOMPARE(f.protocol.timeoutMs(), 222);
    f.feed("defghij");
    QCOMPARE(f.protocol.timeoutMs(), 111);
    f.protocol.receive("RSET\r\nSTARTTLS\r\n");
    QCOMPARE(f.protocol.timeoutMs(), 333);
    f.protocol.timedOut();
    QVERIFY(f.closed);
    QVERIFY(f.replies.last().startsWith("421 4.4.2"));
    const qsizetype count = f.replies.size();
    f.protocol.timedOut();
    f.protocol.receive("NOOP\r\n");
    QCOMPARE(f.replies.size(), count);
}

void TestServerProtocol::hostWaitTimeout()
{
    auto session = ProtocolFixture::defaultSession();
    session.limits.commandTimeoutMs = 111;
    session.limits.hostWaitTimeoutMs = 444;
    session.allowPlainAuth = true;
    ProtocolFixture f(session);
    f.submitMode = ProtocolFixture::SubmitMode::Hold;
    f.protocol.start();

    // Queueing: while the host works, its bound applies, not the client's.
    f.feed(Envelope + "DATA\r\nx\r\n.\r\nNOOP\r\n");
    QVERIFY(f.protocol.isWaitingForHost());
    QCOMPARE(f.protocol.timeoutMs(), 444);
    f.protocol.timedOut();
    QVERIFY(!f.closed);
    QCOMPARE(f.codes(), QStringLiteral("220 250 250 250 354 451 250"));
    QVERIFY(f.replies.at(5).startsWith("451 4.3.0"));
    QVERIFY(f.replies.at(6).startsWith("250 2.0.0 Ok")); // the pipelined NOOP
    QCOMPARE(f.protocol.state(), ServerProtocol::State::Ready);
    QCOMPARE(f.protocol.timeoutMs(), 111);
    QCOMPARE(f.protocol.messagesRejected(), 1);
    // The host's late answer is not taken for anything.
    f.protocol.submitted(SubmitResult{true, QStringLiteral("LATE"), false, {}});
    QVERIFY(!f.allReplies().contains("LATE"));
    QCOMPARE(f.protocol.messagesAccepted(), 0);

    // AUTH: a temporary failure (RFC 4954), and no late success.
    f.protocol.receive("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n");
    QVERIFY(f.authRequest.has_value());
    QCOMPARE(f.protocol.timeoutMs(), 444);
    f.protocol.timedOut();
    QVERIFY(!f.closed);
    QVERIFY(f.replies.last().startsWith("454 4.7.0"));
    f.protocol.authenticated(true);
    QCOMPARE(f.protocol.authUser(), QString());
    QVERIFY(f.replies.last().startsWith("454 4.7.0"));

    // The session goes on: a new attempt and a new message work.
    f.authRequest.reset();
    f.submitMode = ProtocolFixture::SubmitMode::Ok;
    f.submitPending = false;
    f.feed("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nMAIL FROM:<>\r\nRCPT TO:<b@example.org>\r\n"
           "DATA\r\ny\r\n.\r\n");
    QVERIFY(f.replies.last().startsWith("250 2.0.0 Ok: queued as"));
    QCOMPARE(f.protocol.authUser(), QStringLiteral("alice"));
    QCOMPARE(f.protocol.messagesAccepted(), 1);
}

void TestServerProtocol::sizeCountsSentOctets_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<bool>("bdat");
    QTest::addColumn<QByteArray>("sent"); // message octets as sent (DATA: before the end marker)
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<int>("storedSize"); // content after the Received: header

    // 499 bare-LF lines and an empty CRLF line: 1000 octets sent, 1499 stored.
    const QByteArray bareLf = QByteArray("x\n").repeated(499) + "\r\n";
    QTest::newRow("bare lf exactly at limit") << qint64(1000) << false << bareLf << true << 1499;
    QTest::newRow("bare lf one over") << qint64(999) << false << bareLf << false << 0;
    QTest::newRow("bare cr exactly at limit")
        << qint64(1000) << false << QByteArray("x\r").repeated(499) + "\r\n"
        << true << 1499;
    QTest::newRow("bdat bare lf exactly at limit")
        << qint64(1000) << true << QByteArray("x\n").repeated(500) << true << 1500;
    QTest::newRow("bdat bare lf one over")
        << qint64(999) << true << QByteArray("x\n").repeated(500) << false << 0;
    // 3002 octets sent, folded twice into 3011 stored.
    const QByteArray longLine = QByteArray(3000, 'x') + "\r\n";
    QTest::newRow("folded line exactly at limit")
        << qint64(3002) << false << longLine << true << 3011;
    QTest::newRow("folded line one over") << qint64(3001) << false << longLine << false << 0;
    // RFC 1870: the stuffing dot is not part of the message.
    const QByteArray stuffed = ".." + QByteArray(997, 'x') + "\r\n";
    QTest::newRow("stuffing dot not counted") << qint64(1000) << false << stuffed << true << 1000;
    QTest::newRow("stuffed one over") << qint64(999) << false << stuffed << false << 0;
}

void TestServerProtocol::sizeCountsSentOctets()
{
    QFETCH(qint64, limit);
    QFETCH(bool, bdat);
    QFETCH(QByteArray, sent);
    QFETCH(bool, accepted);
    QFETCH(int, storedSize);
    auto session = ProtocolFixture::defaultSession();
    session.limits.maxMessageSize = limit;
    ProtocolFixture f(session);
    f.protocol.start();
    // No SIZE= here: the content itself is what is measured.
    f.feed("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n");
    if (bdat)
        f.feed("BDAT " + QByteArray::number(sent.size()) + " LAST\r\n" + sent);
    else
        f.feed("DATA\r\n" + sent + ".\r\n");
    if (!accepted) {
        QVERIFY2(f.replies.last().startsWith("552 5.3.4"), f.replies.last().constData());
        QCOMPARE(f.messages.size(), 0);
        return;
    }
    QVERIFY2(f.replies.last().startsWith("250 2.0.0 Ok: queued"), f.replies.last().constData());
    QCOMPARE(f.messages.size(), 1);
    const QByteArray content = f.messages.first().content;
    QCOMPARE(content.mid(content.indexOf("+0000\r\n") + 7).size(), storedSize);
}

void TestServerProtocol::postmaster()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    f.feed("EHLO c\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<Postmaster>\r\nDATA\r\nx\r\n.\r\n");
    QCOMPARE(f.messages.size(), 1);
    // RFC 5321 4.5.1: the reserved name, at our own hostname.
    QCOMPARE(f.messages.first().recipients, QStringList{"postmaster@relay.test"});
    QVERIFY(f.messages.first().content.contains("\tfor <postmaster@relay.test>;\r\n"));
}

void TestServerProtocol::transcriptMasksAuth()
{
    auto session = ProtocolFixture::defaultSession();
    session.allowPlainAuth = true;
    ProtocolFixture f(session);
    f.protocol.start();
    f.feed("EHLO c\r\nAUTH PLAIN AGFsaWNlAHdyb25n\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n"
           "MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nsecret body\r\n.\r\n");
    const QByteArray all = f.commands.join('\n');
    QVERIFY(!all.contains("AGFsaWNl"));
    QVERIFY(!all.contains("YWxpY2U"));
    QVERIFY(!all.contains("c2VjcmV0"));
    QVERIFY(!all.contains("secret body"));
    QVERIFY(all.contains("AUTH PLAIN ***"));
    QVERIFY(all.contains("AUTH LOGIN"));
    QCOMPARE(f.commands.count("***"), 2);
    QVERIFY(all.contains("MAIL FROM:<a@b.example>"));
}

void TestServerProtocol::longCommandLineMemoryIsBounded()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    f.feed("EHLO c\r\n");
    // 10 MB without a line end: answered once the LF arrives, nothing kept.
    const QByteArray junk(1024 * 1024, 'j');
    for (int i = 0; i < 10; ++i)
        f.feed(junk);
    QCOMPARE(f.replies.size(), 2);
    f.feed("\r\nNOOP\r\n");
    QCOMPARE(f.codes(), QStringLiteral("220 250 500 250"));
}

void TestServerProtocol::dsnParameters_data()
{
    QTest::addColumn<QByteArray>("mailParameters"); // after MAIL FROM:<a@example.com>
    QTest::addColumn<QByteArray>("rcptParameters"); // after RCPT TO:<b@example.org>
    QTest::addColumn<QByteArray>("reply"); // start of the reply to the MAIL or the RCPT that fails
    QTest::addColumn<int>("ret");          // Bounce::DsnReturn
    QTest::addColumn<QString>("envid");    // null: no ENVID
    QTest::addColumn<QByteArray>("rcptDsn"); // formatRcptParameters() of what was stored
    QTest::addColumn<QString>("orcpt");      // the decoded ORCPT address

    auto ok = [](const char* name, const QByteArray& mail, const QByteArray& rcpt,
                 DsnReturn ret = DsnReturn::Unspecified, const QString& envid = {},
                 const QByteArray& rcptDsn = {}, const QString& orcpt = {}) {
        QTest::newRow(name) << mail << rcpt << QByteArray("250 2.1.5 Ok") << int(ret) << envid
                            << rcptDsn << orcpt;
    };
    auto refused = [](const char* name, const QByteArray& mail, const QByteArray& rcpt,
                      const QByteArray& reply) {
        QTest::newRow(name) << mail << rcpt << reply << int(DsnReturn::Unspecified) << QString()
                            << QByteArray() << QString();
    };

    ok("none", "", "");
    // RET and ENVID (MAIL).
    ok("ret full", " RET=FULL", "", DsnReturn::Full);
    ok("ret hdrs any case", " ret=hdrs", "", DsnReturn::Headers);
    ok("envid", " ENVID=QQ314159", "", DsnReturn::Unspecified, QStringLiteral("QQ314159"));
    ok("envid xtext decoded", " ENVID=a+2Bb+3Dc", "", DsnReturn::Unspecified,
       QStringLiteral("a+b=c"));
    ok("envid 100 characters", " ENVID=" + QByteArray(100, 'e'), "", DsnReturn::Unspecified,
       QString(100, u'e'));
    ok("with other parameters", " SIZE=100 RET=HDRS BODY=8BITMIME ENVID=id1 AUTH=<>", "",
       DsnReturn::Headers, QStringLiteral("id1"));
    refused("ret unknown", " RET=BODY", "", "501 5.5.4 Bad RET parameter syntax");
    refused("ret without value", " RET", "", "501 5.5.4 Bad RET parameter syntax");
    refused("ret duplicate", " RET=FULL RET=HDRS", "", "501 5.5.4 Duplicate RET parameter");
    refused("ret duplicate same", " RET=FULL ret=full", "", "501 5.5.4 Duplicate RET parameter");
    refused("envid duplicate", " ENVID=a ENVID=b", "", "501 5.5.4 Duplicate ENVID parameter");
    refused("envid 101 characters", " ENVID=" + QByteArray(101, 'e'), "",
            "501 5.5.4 Bad ENVID parameter syntax");
    refused("envid bad xtext", " ENVID=a+ZZ", "", "501 5.5.4 Bad ENVID parameter syntax");
    refused("envid encoded control", " ENVID=a+0Ab", "", "501 5.5.4 Bad ENVID parameter syntax");
    refused("envid without value", " ENVID", "", "501 5.5.4 Bad ENVID parameter syntax");
    refused("envid empty", " ENVID=", "", "501 5.5.2");
    refused("notify on mail", " NOTIFY=FAILURE", "",
            "555 5.5.4 Error: unsupported parameter NOTIFY");
    refused("orcpt on mail", " ORCPT=rfc822;a@b.example", "",
            "555 5.5.4 Error: unsupported parameter ORCPT");

    // NOTIFY and ORCPT (RCPT).
    ok("notify never", "", " NOTIFY=NEVER", DsnReturn::Unspecified, {}, "NOTIFY=NEVER");
    ok("notify failure delay", "", " NOTIFY=FAILURE,DELAY", DsnReturn::Unspecified, {},
       "NOTIFY=FAILURE,DELAY");
    ok("notify all any order and case", "", " notify=delay,Success,FAILURE", DsnReturn::Unspecified,
       {}, "NOTIFY=SUCCESS,FAILURE,DELAY");
    ok("orcpt", "", " ORCPT=rfc822;b@example.org", DsnReturn::Unspecified, {},
       "ORCPT=rfc822;b@example.org", QStringLiteral("b@example.org"));
    ok("orcpt xtext decoded", "", " ORCPT=rfc822;x+2By@example.org", DsnReturn::Unspecified, {},
       "ORCPT=rfc822;x+2By@example.org", QStringLiteral("x+y@example.org"));
    ok("orcpt other type", "", " ORCPT=x-local;Bob", DsnReturn::Unspecified, {},
       "ORCPT=x-local;Bob", QStringLiteral("Bob"));
    ok("orcpt 500 characters", "", " ORCPT=rfc822;" + QByteArray(493, 'o'), DsnReturn::Unspecified,
       {}, "ORCPT=rfc822;" + QByteArray(493, 'o'), QString(493, u'o'));
    ok("notify and orcpt", "", " ORCPT=rfc822;old@example.org NOTIFY=SUCCESS",
       DsnReturn::Unspecified, {}, "NOTIFY=SUCCESS ORCPT=rfc822;old@example.org",
       QStringLiteral("old@example.org"));
    ok("everything", " RET=FULL ENVID=E", " NOTIFY=FAILURE ORCPT=rfc822;b@example.org",
       DsnReturn::Full, QStringLiteral("E"), "NOTIFY=FAILURE ORCPT=rfc822;b@example.org",
       QStringLiteral("b@example.org"));
    refused("notify never with failure", "", " NOTIFY=NEVER,FAILURE",
            "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify failure with never", "", " NOTIFY=FAILURE,NEVER",
            "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify unknown", "", " NOTIFY=SOMETIMES", "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify empty item", "", " NOTIFY=FAILURE,,DELAY",
            "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify trailing comma", "", " NOTIFY=FAILURE,",
            "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify without value", "", " NOTIFY", "501 5.5.4 Bad NOTIFY parameter syntax");
    refused("notify duplicate", "", " NOTIFY=FAILURE NOTIFY=DELAY",
            "501 5.5.4 Duplicate NOTIFY parameter");
    refused("orcpt without type", "", " ORCPT=b@example.org",
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt empty type", "", " ORCPT=;b@example.org",
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt bad type", "", " ORCPT=rfc(822);b@example.org",
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt empty address", "", " ORCPT=rfc822;", "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt bad xtext", "", " ORCPT=rfc822;a+G1@b.example",
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt 8bit", "", " ORCPT=rfc822;\xc3\xa5@b.example",
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt over 500 characters", "", " ORCPT=rfc822;" + QByteArray(494, 'o'),
            "501 5.5.4 Bad ORCPT parameter syntax");
    refused("orcpt duplicate", "", " ORCPT=rfc822;a@b.example ORCPT=rfc822;a@b.example",
            "501 5.5.4 Duplicate ORCPT parameter");
    refused("unknown beside notify", "", " NOTIFY=FAILURE XFOO=1",
            "555 5.5.4 Error: unsupported parameter XFOO");
    refused("ret on rcpt", "", " RET=FULL", "555 5.5.4 Error: unsupported parameter RET");
    refused("envid on rcpt", "", " ENVID=x", "555 5.5.4 Error: unsupported parameter ENVID");
}

void TestServerProtocol::dsnParameters()
{
    QFETCH(QByteArray, mailParameters);
    QFETCH(QByteArray, rcptParameters);
    QFETCH(QByteArray, reply);
    QFETCH(int, ret);
    QFETCH(QString, envid);
    QFETCH(QByteArray, rcptDsn);
    QFETCH(QString, orcpt);

    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    f.feed("EHLO client.test\r\nMAIL FROM:<a@example.com>" + mailParameters + "\r\n");
    QVERIFY(f.allReplies().contains("\r\n250 DSN\r\n")); // advertised, last keyword here
    if (!reply.startsWith("250") && rcptParameters.isEmpty()) {
        QVERIFY2(f.replies.last().startsWith(reply), f.replies.last().constData());
        // No transaction: the refused MAIL left nothing behind.
        QCOMPARE(f.protocol.state(), ServerProtocol::State::Ready);
        return;
    }
    QVERIFY2(f.replies.last().startsWith("250 2.1.0"), f.replies.last().constData());

    f.feed("RCPT TO:<b@example.org>" + rcptParameters + "\r\n");
    QVERIFY2(f.replies.last().startsWith(reply), f.replies.last().constData());
    const bool accepted = reply.startsWith("250");
    // A second recipient without parameters: its entry holds the defaults.
    f.feed("RCPT TO:<c@example.org>\r\nDATA\r\nx\r\n.\r\n");
    QVERIFY2(f.replies.last().startsWith("250 2.0.0 Ok: queued"), f.replies.last().constData());
    QCOMPARE(f.messages.size(), 1);
    const ReceivedMessage& m = f.messages.first();
    QCOMPARE(int(m.dsn.ret), ret);
    QCOMPARE(m.dsn.hasEnvelopeId, !envid.isNull());
    QCOMPARE(m.dsn.envelopeId, envid.isNull() ? QString() : envid);
    // Parallel to the recipients, and a refused RCPT leaves no entry.
    const QStringList recipients =
        accepted ? QStringList{"b@example.org", "c@example.org"} : QStringList{"c@example.org"};
    QCOMPARE(m.recipients, recipients);
    QCOMPARE(m.recipientDsn.size(), m.recipients.size());
    if (accepted) {
        QCOMPARE(DsnParameters::formatRcptParameters(m.recipientDsn.first()), rcptDsn);
        QCOMPARE(m.recipientDsn.first().originalRecipient.address, orcpt);
    }
    QCOMPARE(m.recipientDsn.last(), RelayDesk::Bounce::RecipientDsnRequest());
}

void TestServerProtocol::dsnNeedsEhlo()
{
    // HELO sessions get no extensions (RFC 5321 4.1.1.1), DSN included.
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    f.feed("HELO client.test\r\n");
    QVERIFY(!f.replies.last().contains("DSN"));
    f.feed("MAIL FROM:<a@example.com> RET=FULL\r\n");
    QCOMPARE(f.replies.last(), QByteArray("555 Error: parameters need EHLO\r\n"));
    f.feed("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org> NOTIFY=NEVER\r\n");
    QCOMPARE(f.replies.last(), QByteArray("555 Error: parameters need EHLO\r\n"));
    f.feed("RCPT TO:<b@example.org> ORCPT=rfc822;b@example.org\r\n");
    QCOMPARE(f.replies.last(), QByteArray("555 Error: parameters need EHLO\r\n"));
    f.feed("RCPT TO:<b@example.org>\r\nDATA\r\nx\r\n.\r\n");
    QCOMPARE(f.messages.size(), 1);
    QCOMPARE(f.messages.first().dsn, RelayDesk::Bounce::DsnRequest());
    QCOMPARE(f.messages.first().recipientDsn.size(), 1);
    QVERIFY(!f.messages.first().recipientDsn.first().notifyGiven);
}

void TestServerProtocol::dsnForgottenBetweenTransactions()
{
    ProtocolFixture f(ProtocolFixture::defaultSession());
    f.protocol.start();
    // RSET, a new EHLO and a finished message each forget RET/ENVID/NOTIFY.
    f.feed("EHLO c\r\nMAIL FROM:<a@example.com> RET=HDRS ENVID=one\r\n"
           "RCPT TO:<b@example.org> NOTIFY=NEVER\r\nRSET\r\n"
           "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nx\r\n.\r\n");
    f.feed("MAIL FROM:<a@example.com> RET=FULL ENVID=two\r\n"
           "RCPT TO:<b@example.org> NOTIFY=SUCCESS\r\nEHLO c\r\n"
           "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\ny\r\n.\r\n");
    f.feed("MAIL FROM:<a@example.com> ENVID=three\r\nRCPT TO:<b@example.org> NOTIFY=DELAY\r\n"
           "DATA\r\nz\r\n.\r\n"
           "MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\nw\r\n.\r\n");
    QCOMPARE(f.messages.size(), 4);
    for (int i : {0, 1, 3}) {
        QCOMPARE(f.messages.at(i).dsn, RelayDesk::Bounce::DsnRequest());
        QCOMPARE(f.messages.at(i).recipientDsn, QVector<RelayDesk::Bounce::RecipientDsnRequest>(1));
    }
    QCOMPARE(f.messages.at(2).dsn.envelopeId, QStringLiteral("three"));
    QCOMPARE(DsnParameters::formatRcptParameters(f.messages.at(2).recipientDsn.value(0)),
             QByteArray("NOTIFY=DELAY"));
}

QTEST_GUILESS_MAIN(TestServerProtocol)
#include "TestServerProtocol.moc"
