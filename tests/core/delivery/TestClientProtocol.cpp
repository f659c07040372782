// Drives Smtp::ClientProtocol with scripted upstream replies and checks,
// step by step, the exact bytes it sends and the per-recipient results.

#include "smtp/ClientDataEncoder.h"
#include "smtp/ClientProtocol.h"

#include <QTest>

using namespace RelayDesk::Smtp;

namespace {

/// Records everything the protocol emits.
class RecordingOutput final : public ClientProtocolOutput
{
public:
    void sendData(const QByteArray& data) override { sent += data; }
    void startTls() override { ++startTlsCalls; }
    void sessionReady() override { ++readyCalls; }
    void messageFinished(const ClientMessageResult& result) override
    {
        for (const ClientReply& r : result.recipients)
            results.append(describe(r));
        ++finishedMessages;
    }
    void sessionEnded(bool failed, const ClientReply& reason) override
    {
        ending = failed ? QStringLiteral("failed %1 %2").arg(reason.code).arg(reason.enhancedStatus)
                        : QStringLiteral("ok");
        endingText = reason.text;
    }

    static QString describe(const ClientReply& r)
    {
        const char* d = r.disposition == ClientDisposition::Delivered   ? "D"
                        : r.disposition == ClientDisposition::Transient ? "T"
                                                                        : "P";
        QString s = QStringLiteral("%1 %2 %3").arg(r.code).arg(r.enhancedStatus, QLatin1String(d));
        if (!r.upstreamQueueId.isEmpty())
            s += QLatin1Char(' ') + r.upstreamQueueId;
        return s;
    }

    QByteArray sent;
    int startTlsCalls = 0;
    int readyCalls = 0;
    int finishedMessages = 0;
    QStringList results;
    QString ending = QStringLiteral("open");
    QString endingText;
};

/// "sender|rcpt1,rcpt2|content[|mail parameters[|rcpt1 parameters~rcpt2
/// parameters]]"; content "@N" means N octets of 'x' lines.
ClientMessage parseMessage(const QString& spec)
{
    const QStringList parts = spec.split(u'|');
    ClientMessage m;
    m.sender = parts.value(0);
    m.recipients = parts.value(1).split(u',', Qt::SkipEmptyParts);
    const QString content = parts.value(2);
    if (content.startsWith(u'@'))
        m.content = QByteArray(content.mid(1).toInt() - 2, 'x') + "\r\n";
    else
        m.content = content.toUtf8();
    m.mailParameters = parts.value(3).toUtf8();
    if (parts.size() > 4) {
        for (const QString& p : parts.at(4).split(u'~'))
            m.rcptParameters.append(p.toUtf8());
    }
    return m;
}

} // namespace

class TestClientProtocol : public QObject
{
    Q_OBJECT

private slots:
    void session_data();
    void session();
    void replyFragments();
    void oversizedReplyLine();
    void encodeContent_data();
    void encodeContent();
    void queueId_data();
    void queueId();
    void enhancedStatus_data();
    void enhancedStatus();
    void sendMessageOnlyWhenIdle();
};

// Script lines: "S: reply" (from the upstream; consecutive S lines arrive as
// one read), "C: command" (what the client must have sent since the last
// check, consecutive C lines expected as one block), "T:" (the client must
// have asked for TLS; the handshake then succeeds), "X: text" (the
// connection breaks). After each read the runner feeds the next message when
// the protocol is idle, and QUIT when all are done.
void TestClientProtocol::session_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<int>("startTls");
    QTest::addColumn<bool>("tlsActive");
    QTest::addColumn<QStringList>("messages");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("results");
    QTest::addColumn<QString>("ending");

    const int never = int(ClientProtocolSettings::StartTls::Never);
    const int ifOffered = int(ClientProtocolSettings::StartTls::IfOffered);
    const int required = int(ClientProtocolSettings::StartTls::Required);
    const QString basic = QStringLiteral("a@x.test|b@y.test,c@y.test|Subject: hi\r\n\r\nbody\r\n");

    QTest::newRow("plain, no extensions, two recipients")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx.test ESMTP\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx.test\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 2.1.0 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 2.1.5 Ok\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 2.1.5 Ok\n"
                          "C: DATA\n"
                          "S: 354 go ahead\n"
                          "C: Subject: hi\n"
                          "C: \n"
                          "C: body\n"
                          "C: .\n"
                          "S: 250 2.0.0 Ok: queued as 4Qx1Yz\n"
                          "C: QUIT\n"
                          "S: 221 2.0.0 Bye\n")
        << QStringList{"250 2.0.0 D 4Qx1Yz", "250 2.0.0 D 4Qx1Yz"} << QStringLiteral("ok");

    QTest::newRow("pipelining, SIZE and 8BITMIME, multi-line replies")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test,c@y.test|caf\u00e9\r\n")}
        << QStringLiteral("S: 220-mx.test ESMTP\n"
                          "S: 220 second greeting line\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx.test\n"
                          "S: 250-PIPELINING\n"
                          "S: 250-SIZE 1000000\n"
                          "S: 250-8BITMIME\n"
                          "S: 250 ENHANCEDSTATUSCODES\n"
                          "C: MAIL FROM:<a@x.test> SIZE=7 BODY=8BITMIME\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "C: DATA\n"
                          "S: 250 2.1.0 Ok\n"
                          "S: 250 2.1.5 Ok\n"
                          "S: 250 2.1.5 Ok\n"
                          "S: 354 go ahead\n"
                          "C: caf\u00e9\n"
                          "C: .\n"
                          "S: 250-2.0.0 first line\n"
                          "S: 250 2.0.0 Ok: queued as ABC\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250 2.0.0 D ABC", "250 2.0.0 D ABC"} << QStringLiteral("ok");

    QTest::newRow("message larger than SIZE fails permanently unsent")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test|@200"),
                       QStringLiteral("a@x.test|b@y.test|@50")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 SIZE 100\n"
                          "C: MAIL FROM:<a@x.test> SIZE=50\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"552 5.3.4 P", "250  D"} << QStringLiteral("ok");

    QTest::newRow("STARTTLS required but not offered")
        << QString() << required << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 PIPELINING\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 0 4.7.10");

    QTest::newRow("STARTTLS required and offered, injected reply ignored")
        << QString() << required << false << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 STARTTLS\n"
                          "C: STARTTLS\n"
                          "S: 220 2.0.0 Ready to start TLS\n"
                          "S: 250 injected before the handshake\n"
                          "T:\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 PIPELINING\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: DATA\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D"} << QStringLiteral("ok");

    QTest::newRow("STARTTLS opportunistic, not offered: plain")
        << QString() << ifOffered << false << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D"} << QStringLiteral("ok");

    QTest::newRow("AUTH PLAIN over implicit TLS")
        << QStringLiteral("user") << required << true << QStringList{}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 AUTH LOGIN PLAIN\n"
                          "C: AUTH PLAIN AHVzZXIAc2VjcmV0\n"
                          "S: 235 2.7.0 Authentication successful\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{} << QStringLiteral("ok");

    QTest::newRow("AUTH LOGIN when only LOGIN is offered (old AUTH= form)")
        << QStringLiteral("user") << required << true << QStringList{}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 AUTH=LOGIN\n"
                          "C: AUTH LOGIN\n"
                          "S: 334 VXNlcm5hbWU6\n"
                          "C: dXNlcg==\n"
                          "S: 334 UGFzc3dvcmQ6\n"
                          "C: c2VjcmV0\n"
                          "S: 235 2.7.0 ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{} << QStringLiteral("ok");

    QTest::newRow("AUTH rejected: transient, session ends")
        << QStringLiteral("user") << required << true << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 AUTH PLAIN\n"
                          "C: AUTH PLAIN AHVzZXIAc2VjcmV0\n"
                          "S: 535 5.7.8 Authentication credentials invalid\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 535 5.7.8");

    QTest::newRow("AUTH not offered: transient")
        << QStringLiteral("user") << required << true << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 0 4.7.0");

    QTest::newRow("no credentials in clear text")
        << QStringLiteral("user") << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 AUTH PLAIN\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 0 4.7.10");

    QTest::newRow("5xx on one RCPT only")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 550 5.1.1 <b@y.test>: Recipient address rejected\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: Subject: hi\n"
                          "C: \n"
                          "C: body\n"
                          "C: .\n"
                          "S: 250 2.0.0 Ok: queued as Q1\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"550 5.1.1 P", "250 2.0.0 D Q1"} << QStringLiteral("ok");

    QTest::newRow("4xx at DATA, next message after RSET")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n"),
                       QStringLiteral("a@x.test|c@y.test|y\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 451 4.3.0 try later\n"
                          "C: RSET\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: y\n"
                          "C: .\n"
                          "S: 250 Ok id=1abc-00\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"451 4.3.0 T", "250  D 1abc-00"} << QStringLiteral("ok");

    QTest::newRow("4xx after the final dot")
        << QString() << never << false << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 452 4.3.1 Insufficient system storage\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"452 4.3.1 T"} << QStringLiteral("ok");

    QTest::newRow("421 mid-session keeps the earlier 5xx")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 550 5.1.1 unknown\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 421 4.4.2 mx.test Error: timeout exceeded\n")
        << QStringList{"550 5.1.1 P", "421 4.4.2 T"} << QStringLiteral("failed 421 4.4.2");

    QTest::newRow("all recipients rejected: no DATA, RSET before the next message")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n"),
                       QStringLiteral("a@x.test|c@y.test|y\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 450 4.2.0 greylisted\n"
                          "C: RSET\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: y\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"450 4.2.0 T", "250  D"} << QStringLiteral("ok");

    QTest::newRow("pipelined MAIL rejected: every recipient gets the MAIL reply")
        << QString() << never << false
        << QStringList{QStringLiteral("bad@x.test|b@y.test,c@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 PIPELINING\n"
                          "C: MAIL FROM:<bad@x.test>\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "C: DATA\n"
                          "S: 553 5.7.1 Sender address rejected\n"
                          "S: 503 5.5.1 need MAIL\n"
                          "S: 503 5.5.1 need MAIL\n"
                          "S: 503 5.5.1 need RCPT\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"553 5.7.1 P", "553 5.7.1 P"} << QStringLiteral("ok");

    QTest::newRow("pipelined, all RCPT rejected but DATA 354: empty body, then RSET")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n"),
                       QStringLiteral("a@x.test|c@y.test|y\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 PIPELINING\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: DATA\n"
                          "S: 250 Ok\n"
                          "S: 550 5.1.1 unknown\n"
                          "S: 354 go\n"
                          "C: .\n"
                          "S: 554 5.5.1 no valid recipients\n"
                          "C: RSET\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "C: DATA\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 354 go\n"
                          "C: y\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"550 5.1.1 P", "250  D"} << QStringLiteral("ok");

    QTest::newRow("EHLO refused: HELO fallback, no SIZE parameter")
        << QString() << ifOffered << false << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 502 5.5.2 Error: command not recognized\n"
                          "C: HELO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D"} << QStringLiteral("ok");

    QTest::newRow("SMTPUTF8 needed but not offered: 5.6.7 unsent")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|j\u00fcrgen@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 8BITMIME\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"550 5.6.7 P"} << QStringLiteral("ok");

    QTest::newRow("SMTPUTF8 needed and offered")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|j\u00fcrgen@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 SMTPUTF8\n"
                          "C: MAIL FROM:<a@x.test> SMTPUTF8\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<j\u00fcrgen@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D"} << QStringLiteral("ok");

    QTest::newRow("connection lost while waiting for the final reply")
        << QString() << never << false << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "X: connection closed by the upstream\n")
        << QStringList{"0 4.4.2 T"} << QStringLiteral("failed 0 4.4.2");

    QTest::newRow("greeting 554: session fails transiently")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 554 5.7.1 go away\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 554 5.7.1");

    QTest::newRow("malformed reply: protocol error")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: hello there\n")
        << QStringList{} << QStringLiteral("failed 0 4.5.0");

    QTest::newRow("code changes inside a multi-line reply")
        << QString() << never << false << QStringList{basic}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 251 PIPELINING\n")
        << QStringList{} << QStringLiteral("failed 0 4.5.0");

    QTest::newRow("dot-stuffing and a final CRLF added")
        << QString() << never << false
        << QStringList{QStringLiteral("|b@y.test|.first\r\nmid\r\n..two\r\n.")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: ..first\n"
                          "C: mid\n"
                          "C: ...two\n"
                          "C: ..\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D"} << QStringLiteral("ok");

    QTest::newRow("address with CRLF is refused unsent")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test>\r\nRSET|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"553 5.1.3 P"} << QStringLiteral("ok");

    // RFC 3461: the DSN parameters go upstream only when it offers DSN; an
    // empty or missing entry for a recipient adds nothing to its RCPT.
    const QString dsnMessage =
        QStringLiteral("a@x.test|b@y.test,c@y.test,d@y.test|x\r\n|RET=HDRS ENVID=id+2B1|"
                       "NOTIFY=FAILURE,DELAY ORCPT=rfc822;B@y.test~");
    QTest::newRow("DSN offered: parameters passed on")
        << QString() << never << false << QStringList{dsnMessage}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 DSN\n"
                          "C: MAIL FROM:<a@x.test> RET=HDRS ENVID=id+2B1\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test> NOTIFY=FAILURE,DELAY ORCPT=rfc822;B@y.test\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<d@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D", "250  D", "250  D"} << QStringLiteral("ok");

    QTest::newRow("DSN offered, pipelined, lower-case keyword")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test,c@y.test|x\r\n|RET=FULL|"
                                      "~NOTIFY=NEVER")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250-PIPELINING\n"
                          "S: 250 dsn\n"
                          "C: MAIL FROM:<a@x.test> RET=FULL\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: RCPT TO:<c@y.test> NOTIFY=NEVER\n"
                          "C: DATA\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D", "250  D"} << QStringLiteral("ok");

    QTest::newRow("DSN not offered: parameters not sent")
        << QString() << never << false << QStringList{dsnMessage}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 PIPELINING\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "C: RCPT TO:<d@y.test>\n"
                          "C: DATA\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 250 Ok\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D", "250  D", "250  D"} << QStringLiteral("ok");

    QTest::newRow("DSN not offered after HELO fallback: parameters not sent")
        << QString() << never << false << QStringList{dsnMessage}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 502 no\n"
                          "C: HELO relay.test\n"
                          "S: 250 mx\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<c@y.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<d@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"250  D", "250  D", "250  D"} << QStringLiteral("ok");

    // A CR or LF in a parameter would inject a command: refused unsent, even
    // when the upstream would never see the parameter.
    QTest::newRow("CRLF in a MAIL parameter refused unsent")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test|x\r\n|ENVID=a\r\nRSET"),
                       QStringLiteral("a@x.test|b@y.test|x\r\n")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 DSN\n"
                          "C: MAIL FROM:<a@x.test>\n"
                          "S: 250 Ok\n"
                          "C: RCPT TO:<b@y.test>\n"
                          "S: 250 Ok\n"
                          "C: DATA\n"
                          "S: 354 go\n"
                          "C: x\n"
                          "C: .\n"
                          "S: 250 Ok\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"555 5.5.4 P", "250  D"} << QStringLiteral("ok");

    QTest::newRow("LF in a RCPT parameter refused unsent")
        << QString() << never << false
        << QStringList{QStringLiteral("a@x.test|b@y.test,c@y.test|x\r\n||~NOTIFY=NEVER\nQUIT")}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250-mx\n"
                          "S: 250 DSN\n"
                          "C: QUIT\n"
                          "S: 221 Bye\n")
        << QStringList{"555 5.5.4 P", "555 5.5.4 P"} << QStringLiteral("ok");

    QTest::newRow("unsolicited reply while idle")
        << QString() << never << true << QStringList{}
        << QStringLiteral("S: 220 mx\n"
                          "C: EHLO relay.test\n"
                          "S: 250 mx\n"
                          "S: 250 surprise\n"
                          "C: QUIT\n")
        << QStringList{} << QStringLiteral("failed 0 4.5.0");
}

void TestClientProtocol::session()
{
    QFETCH(QString, username);
    QFETCH(int, startTls);
    QFETCH(bool, tlsActive);
    QFETCH(QStringList, messages);
    QFETCH(QString, script);
    QFETCH(QStringList, results);
    QFETCH(QString, ending);

    ClientProtocolSettings settings;
    settings.heloName = QStringLiteral("relay.test");
    settings.startTls = ClientProtocolSettings::StartTls(startTls);
    settings.tlsActive = tlsActive;
    settings.username = username;
    settings.password = QStringLiteral("secret");
    RecordingOutput out;
    ClientProtocol protocol(settings, &out);

    int nextMessage = 0;
    bool quitSent = false;
    const auto pump = [&] {
        while (protocol.isIdle() && nextMessage < messages.size())
            QVERIFY(protocol.sendMessage(parseMessage(messages.at(nextMessage++))));
        if (protocol.isIdle() && nextMessage == messages.size() && !quitSent) {
            quitSent = true;
            protocol.quit();
        }
    };

    qsizetype checked = 0;
    int expectedTls = 0;
    const QStringList lines = script.split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < lines.size();) {
        const QString kind = lines.at(i).left(2);
        QByteArray block;
        while (i < lines.size() && lines.at(i).startsWith(kind)) {
            block += lines.at(i).mid(3).toUtf8() + "\r\n";
            ++i;
            if (kind == QLatin1String("T:") || kind == QLatin1String("X:"))
                break;
        }
        if (kind == QLatin1String("S:")) {
            protocol.receive(block);
            pump();
        } else if (kind == QLatin1String("C:")) {
            QCOMPARE(out.sent.mid(checked), block);
            checked = out.sent.size();
        } else if (kind == QLatin1String("T:")) {
            QCOMPARE(out.startTlsCalls, ++expectedTls);
            protocol.tlsStarted();
            pump();
        } else if (kind == QLatin1String("X:")) {
            protocol.connectionLost(QString::fromUtf8(block.trimmed()));
            pump();
        } else {
            QFAIL(qPrintable(QStringLiteral("bad script line: ") + lines.at(i)));
        }
    }
    QCOMPARE(out.sent.mid(checked), QByteArray()); // nothing unexpected was sent
    QCOMPARE(out.startTlsCalls, expectedTls);
    QCOMPARE(out.results, results);
    QCOMPARE(out.ending, ending);
    QVERIFY(!out.endingText.contains(QLatin1String("secret")));
    if (ending == QLatin1String("ok"))
        QCOMPARE(out.readyCalls, 1);
}

void TestClientProtocol::replyFragments()
{
    // The upstream's bytes may arrive in any fragmentation, even one octet at
    // a time, with bare LF line ends.
    RecordingOutput out;
    ClientProtocolSettings settings;
    settings.startTls = ClientProtocolSettings::StartTls::Never;
    ClientProtocol protocol(settings, &out);
    const QByteArray input = "220-mx\r\n220 ready\n250-mx\r\n250-SIZE 10\r\n250 PIPELINING\r\n";
    for (char c : input)
        protocol.receive(QByteArray(1, c));
    QCOMPARE(out.readyCalls, 1);
    QVERIFY(protocol.capabilities().pipelining);
    QCOMPARE(protocol.capabilities().sizeLimit, 10);
    QCOMPARE(out.sent, QByteArray("EHLO localhost\r\n"));
}

void TestClientProtocol::oversizedReplyLine()
{
    RecordingOutput out;
    ClientProtocolSettings settings;
    settings.maxReplyLineLength = 100;
    ClientProtocol protocol(settings, &out);
    // No line end at all: the bound must hold for a partial line too.
    protocol.receive("220 " + QByteArray(200, 'a'));
    QCOMPARE(out.ending, QStringLiteral("failed 0 4.5.0"));
    QVERIFY(out.endingText.contains(QLatin1String("longer than 100")));
    QCOMPARE(protocol.state(), ClientProtocol::State::Ended);

    RecordingOutput out2;
    settings.maxReplyLines = 3;
    ClientProtocol protocol2(settings, &out2);
    protocol2.receive("220-a\r\n220-b\r\n220-c\r\n220-d\r\n220 e\r\n");
    QCOMPARE(out2.ending, QStringLiteral("failed 0 4.5.0"));
    QCOMPARE(out2.sent, QByteArray());
}

void TestClientProtocol::encodeContent_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("plain") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("leading dot") << QByteArray(".a\r\n") << QByteArray("..a\r\n.\r\n");
    QTest::newRow("dot lines") << QByteArray("a\r\n.\r\n..\r\n")
                               << QByteArray("a\r\n..\r\n...\r\n.\r\n");
    QTest::newRow("no final CRLF") << QByteArray("a") << QByteArray("a\r\n.\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    QTest::newRow("bare LF then dot") << QByteArray("a\n.b\r\n") << QByteArray("a\n..b\r\n.\r\n");
}

void TestClientProtocol::encodeContent()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, encoded);
    QCOMPARE(ClientDataEncoder::encodeContent(content), encoded);
}

void TestClientProtocol::queueId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("id");
    QTest::newRow("postfix") << "2.0.0 Ok: queued as 4ZK3bX1Y2pz3wQ"
                             << "4ZK3bX1Y2pz3wQ";
    QTest::newRow("sendgrid") << "Ok: queued as dT3sFbOqQnK9kTcF9bQ1fA"
                              << "dT3sFbOqQnK9kTcF9bQ1fA";
    QTest::newRow("exim") << "OK id=1rAbCd-0004Xy-3Q"
                          << "1rAbCd-0004Xy-3Q";
    QTest::newRow("microsoft 365")
        << "2.6.0 <abc@host> [InternalId=1649267441234, Hostname=AM0PR01MB1234.eurprd01.prod."
           "exchangelabs.com] 9876 bytes in 0.123, 77.1 KB/sec Queued mail for delivery"
        << "1649267441234";
    QTest::newRow("gmail") << "2.0.0 OK  1700000000 d12-20020a170902b6cc00b001c5fc29b4a1si12.123 "
                              "- gsmtp"
                           << "d12-20020a170902b6cc00b001c5fc29b4a1si12.123";
    QTest::newRow("amazon ses") << "Ok 0100018b2f3a4c5d-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000"
                                << "0100018b2f3a4c5d-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000";
    QTest::newRow("sendmail") << "2.0.0 3ABCdE5f012345 Message accepted for delivery"
                              << "3ABCdE5f012345";
    QTest::newRow("none") << "2.0.0 Great success"
                          << "";
    QTest::newRow("plain ok") << "Ok"
                              << "";
}

void TestClientProtocol::queueId()
{
    QFETCH(QString, text);
    QFETCH(QString, id);
    QCOMPARE(ClientReplyReader::parseQueueId(text), id);
}

void TestClientProtocol::enhancedStatus_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("status");
    QTest::newRow("ok") << 250 << "2.0.0 Ok"
                        << "2.0.0";
    QTest::newRow("three digits") << 550 << "5.7.606 Access denied"
                                  << "5.7.606";
    QTest::newRow("class mismatch") << 250 << "5.0.0 odd"
                                    << "";
    QTest::newRow("none") << 250 << "Ok"
                          << "";
    QTest::newRow("not a status") << 451 << "4.4 later"
                                  << "";
    QTest::newRow("alone") << 421 << "4.4.2"
                           << "4.4.2";
}

void TestClientProtocol::enhancedStatus()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QString, status);
    QCOMPARE(ClientReplyReader::parseEnhancedStatus(code, text), status);
}

void TestClientProtocol::sendMessageOnlyWhenIdle()
{
    RecordingOutput out;
    ClientProtocol protocol(ClientProtocolSettings{}, &out);
    ClientMessage m;
    m.recipients = QStringList{QStringLiteral("b@y.test")};
    QVERIFY(!protocol.sendMessage(m)); // still waiting for the greeting
    QCOMPARE(out.sent, QByteArray());
    QVERIFY(protocol.awaitingReply());
    QCOMPARE(protocol.waitingFor(), QStringLiteral("the greeting"));
}

QTEST_GUILESS_MAIN(TestClientProtocol)
#include "TestClientProtocol.moc"
