// RFC 3461 ESMTP parameters as the SMTP server will hand them over: xtext,
// RET, ENVID, NOTIFY, ORCPT, duplicates and limits, and the formatting the
// delivery engine uses to pass them on.

#include "bounce/DsnParameters.h"
#include "bounce/Xtext.h"

#include <QTest>

using namespace RelayDesk::Bounce;
using Result = DsnParameters::Result;

Q_DECLARE_METATYPE(RelayDesk::Bounce::DsnParameters::Result)

class TestDsnParameters : public QObject
{
    Q_OBJECT

private slots:
    void xtextDecode_data();
    void xtextDecode();
    void xtextRoundTrip_data();
    void xtextRoundTrip();
    void ret_data();
    void ret();
    void envelopeId_data();
    void envelopeId();
    void notify_data();
    void notify();
    void originalRecipient_data();
    void originalRecipient();
    void mailParameters_data();
    void mailParameters();
    void rcptParameters_data();
    void rcptParameters();
    void formatting();
    void rejectionText();
};

void TestDsnParameters::xtextDecode_data()
{
    QTest::addColumn<QByteArray>("xtext");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("decoded");

    QTest::newRow("plain") << QByteArray("abc-123") << true << QByteArray("abc-123");
    QTest::newRow("plus") << QByteArray("a+2Bb") << true << QByteArray("a+b");
    QTest::newRow("equals") << QByteArray("x+3Dy") << true << QByteArray("x=y");
    QTest::newRow("space") << QByteArray("a+20b") << true << QByteArray("a b");
    QTest::newRow("lower-case hex accepted") << QByteArray("a+2bb") << true << QByteArray("a+b");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("bare equals") << QByteArray("a=b") << false << QByteArray();
    QTest::newRow("raw space") << QByteArray("a b") << false << QByteArray();
    QTest::newRow("truncated hex") << QByteArray("ab+2") << false << QByteArray();
    QTest::newRow("plus at end") << QByteArray("ab+") << false << QByteArray();
    QTest::newRow("non-hex") << QByteArray("a+ZZ") << false << QByteArray();
    QTest::newRow("control char") << QByteArray("a\tb") << false << QByteArray();
    QTest::newRow("8-bit") << QByteArray("caf\xc3\xa9") << false << QByteArray();
    QTest::newRow("encoded CRLF decodes") << QByteArray("a+0D+0Ab") << true << QByteArray("a\r\nb");
}

void TestDsnParameters::xtextDecode()
{
    QFETCH(QByteArray, xtext);
    QFETCH(bool, ok);
    QFETCH(QByteArray, decoded);
    const auto result = Xtext::decode(xtext);
    QCOMPARE(result.has_value(), ok);
    if (ok)
        QCOMPARE(*result, decoded);
}

void TestDsnParameters::xtextRoundTrip_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("address") << QByteArray("user+tag@example.com")
                             << QByteArray("user+2Btag@example.com");
    QTest::newRow("equals and space") << QByteArray("a=b c") << QByteArray("a+3Db+20c");
    QTest::newRow("8-bit") << QByteArray("\xff\x01") << QByteArray("+FF+01");
    QTest::newRow("printable") << QByteArray("!~") << QByteArray("!~");
}

void TestDsnParameters::xtextRoundTrip()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, encoded);
    QCOMPARE(Xtext::encode(raw), encoded);
    QCOMPARE(Xtext::decode(encoded).value_or("<failed>"), raw);
}

void TestDsnParameters::ret_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected"); // -1: invalid
    QTest::newRow("FULL") << QByteArray("FULL") << int(DsnReturn::Full);
    QTest::newRow("hdrs lower case") << QByteArray("hdrs") << int(DsnReturn::Headers);
    QTest::newRow("Hdrs mixed") << QByteArray("Hdrs") << int(DsnReturn::Headers);
    QTest::newRow("HEADERS") << QByteArray("HEADERS") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
    QTest::newRow("FULL with space") << QByteArray("FULL ") << -1;
}

void TestDsnParameters::ret()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const auto ret = DsnParameters::parseRet(value);
    QCOMPARE(ret ? int(*ret) : -1, expected);
}

void TestDsnParameters::envelopeId_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("decoded");

    QTest::newRow("simple") << QByteArray("QQ314159") << true << "QQ314159";
    QTest::newRow("xtext") << QByteArray("id+2B1+3D2") << true << "id+1=2";
    QTest::newRow("encoded space is printable") << QByteArray("a+20b") << true << "a b";
    QTest::newRow("exactly 100") << QByteArray(100, 'x') << true << QString(100, QLatin1Char('x'));
    QTest::newRow("101 too long") << QByteArray(101, 'x') << false << "";
    QTest::newRow("empty") << QByteArray() << false << "";
    QTest::newRow("header injection CRLF") << QByteArray("a+0D+0ABcc:+20x") << false << "";
    QTest::newRow("encoded NUL") << QByteArray("a+00") << false << "";
    QTest::newRow("encoded 8-bit") << QByteArray("a+E9") << false << "";
    QTest::newRow("bad xtext") << QByteArray("a=b") << false << "";
}

void TestDsnParameters::envelopeId()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, decoded);
    const auto envid = DsnParameters::parseEnvelopeId(value);
    QCOMPARE(envid.has_value(), ok);
    if (ok)
        QCOMPARE(*envid, decoded);
}

void TestDsnParameters::notify_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("flags");

    const int s = int(NotifyCondition::Success);
    const int f = int(NotifyCondition::Failure);
    const int d = int(NotifyCondition::Delay);
    QTest::newRow("NEVER") << QByteArray("NEVER") << true << 0;
    QTest::newRow("never lower") << QByteArray("never") << true << 0;
    QTest::newRow("FAILURE") << QByteArray("FAILURE") << true << f;
    QTest::newRow("all three") << QByteArray("SUCCESS,FAILURE,DELAY") << true << (s | f | d);
    QTest::newRow("order free, any case") << QByteArray("delay,Success") << true << (s | d);
    QTest::newRow("repeat harmless") << QByteArray("FAILURE,FAILURE") << true << f;
    QTest::newRow("NEVER combined") << QByteArray("NEVER,FAILURE") << false << 0;
    QTest::newRow("FAILURE then NEVER") << QByteArray("FAILURE,NEVER") << false << 0;
    QTest::newRow("unknown word") << QByteArray("FAILURE,SOMETIMES") << false << 0;
    QTest::newRow("empty item") << QByteArray("FAILURE,") << false << 0;
    QTest::newRow("leading comma") << QByteArray(",DELAY") << false << 0;
    QTest::newRow("empty") << QByteArray() << false << 0;
    QTest::newRow("spaces") << QByteArray("FAILURE, DELAY") << false << 0;
}

void TestDsnParameters::notify()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(int, flags);
    const auto notify = DsnParameters::parseNotify(value);
    QCOMPARE(notify.has_value(), ok);
    if (ok)
        QCOMPARE(int(notify->toInt()), flags);
}

void TestDsnParameters::originalRecipient_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("address");

    QTest::newRow("rfc822") << QByteArray("rfc822;user@example.com") << true << "rfc822"
                            << "user@example.com";
    QTest::newRow("xtext plus") << QByteArray("rfc822;a+2Bb@example.com") << true << "rfc822"
                                << "a+b@example.com";
    QTest::newRow("type case kept") << QByteArray("RFC822;x@y") << true << "RFC822"
                                    << "x@y";
    QTest::newRow("utf-8 type") << QByteArray("utf-8;x@y") << true << "utf-8"
                                << "x@y";
    QTest::newRow("no semicolon") << QByteArray("user@example.com") << false << ""
                                  << "";
    QTest::newRow("empty type") << QByteArray(";user@example.com") << false << ""
                                << "";
    QTest::newRow("empty address") << QByteArray("rfc822;") << false << ""
                                   << "";
    QTest::newRow("type with space") << QByteArray("rfc 822;x@y") << false << ""
                                     << "";
    QTest::newRow("type with parenthesis") << QByteArray("rfc(822);x@y") << false << ""
                                           << "";
    QTest::newRow("injection") << QByteArray("rfc822;x@y+0D+0AAction:+20delivered") << false << ""
                               << "";
    QByteArray longest = "rfc822;" + QByteArray(500 - 7, 'a');
    QTest::newRow("exactly 500") << longest << true << "rfc822"
                                 << QString(500 - 7, QLatin1Char('a'));
    QTest::newRow("501 too long") << longest + 'a' << false << ""
                                  << "";
}

void TestDsnParameters::originalRecipient()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QString, type);
    QFETCH(QString, address);
    const auto orcpt = DsnParameters::parseOriginalRecipient(value);
    QCOMPARE(orcpt.has_value(), ok);
    if (ok) {
        QCOMPARE(orcpt->addressType, type);
        QCOMPARE(orcpt->address, address);
    }
}

void TestDsnParameters::mailParameters_data()
{
    QTest::addColumn<QList<QByteArray>>("parameters"); // "KEY=VALUE" or "KEY"
    QTest::addColumn<Result>("lastResult");
    QTest::addColumn<int>("ret");
    QTest::addColumn<QString>("envelopeId");

    using L = QList<QByteArray>;
    QTest::newRow("RET=HDRS") << L{"RET=HDRS"} << Result::Applied << int(DsnReturn::Headers) << "";
    QTest::newRow("ret lower keyword")
        << L{"ret=full"} << Result::Applied << int(DsnReturn::Full) << "";
    QTest::newRow("both") << L{"RET=FULL", "ENVID=abc+2B1"} << Result::Applied
                          << int(DsnReturn::Full) << "abc+1";
    QTest::newRow("other extension")
        << L{"BODY=8BITMIME"} << Result::NotDsn << int(DsnReturn::Unspecified) << "";
    QTest::newRow("RET twice") << L{"RET=FULL", "RET=HDRS"} << Result::Duplicate
                               << int(DsnReturn::Full) << "";
    QTest::newRow("ENVID twice") << L{"ENVID=a", "ENVID=b"} << Result::Duplicate
                                 << int(DsnReturn::Unspecified) << "a";
    QTest::newRow("RET without value")
        << L{"RET"} << Result::Invalid << int(DsnReturn::Unspecified) << "";
    QTest::newRow("RET bad value")
        << L{"RET=ALL"} << Result::Invalid << int(DsnReturn::Unspecified) << "";
    QTest::newRow("ENVID empty") << L{"ENVID="} << Result::Invalid << int(DsnReturn::Unspecified)
                                 << "";
    QTest::newRow("NOTIFY belongs to RCPT")
        << L{"NOTIFY=NEVER"} << Result::NotDsn << int(DsnReturn::Unspecified) << "";
}

void TestDsnParameters::mailParameters()
{
    QFETCH(QList<QByteArray>, parameters);
    QFETCH(Result, lastResult);
    QFETCH(int, ret);
    QFETCH(QString, envelopeId);
    DsnRequest request;
    Result result = Result::NotDsn;
    for (const QByteArray& p : parameters) {
        const qsizetype eq = p.indexOf('=');
        result = DsnParameters::applyMailParameter(p.left(eq < 0 ? p.size() : eq),
                                                   eq < 0 ? QByteArray() : p.mid(eq + 1), eq >= 0,
                                                   request);
    }
    QCOMPARE(result, lastResult);
    QCOMPARE(int(request.ret), ret);
    QCOMPARE(request.envelopeId, envelopeId);
    QCOMPARE(request.hasEnvelopeId, !envelopeId.isEmpty());
}

void TestDsnParameters::rcptParameters_data()
{
    QTest::addColumn<QList<QByteArray>>("parameters");
    QTest::addColumn<Result>("lastResult");
    QTest::addColumn<bool>("notifyGiven");
    QTest::addColumn<int>("notify");
    QTest::addColumn<QString>("orcpt");

    using L = QList<QByteArray>;
    const int f = int(NotifyCondition::Failure);
    const int d = int(NotifyCondition::Delay);
    QTest::newRow("NOTIFY=NEVER") << L{"NOTIFY=NEVER"} << Result::Applied << true << 0 << "";
    QTest::newRow("NOTIFY and ORCPT") << L{"NOTIFY=FAILURE,DELAY", "ORCPT=rfc822;a+2Bb@x.example"}
                                      << Result::Applied << true << (f | d) << "a+b@x.example";
    QTest::newRow("none") << L{} << Result::NotDsn << false << 0 << "";
    QTest::newRow("NOTIFY twice") << L{"NOTIFY=FAILURE", "NOTIFY=DELAY"} << Result::Duplicate
                                  << true << f << "";
    QTest::newRow("ORCPT twice") << L{"ORCPT=rfc822;a@x", "ORCPT=rfc822;b@x"} << Result::Duplicate
                                 << false << 0 << "a@x";
    QTest::newRow("NOTIFY without value") << L{"NOTIFY"} << Result::Invalid << false << 0 << "";
    QTest::newRow("NOTIFY bad") << L{"NOTIFY=ALWAYS"} << Result::Invalid << false << 0 << "";
    QTest::newRow("ORCPT bad") << L{"ORCPT=a@x"} << Result::Invalid << false << 0 << "";
    QTest::newRow("RET belongs to MAIL") << L{"RET=FULL"} << Result::NotDsn << false << 0 << "";
}

void TestDsnParameters::rcptParameters()
{
    QFETCH(QList<QByteArray>, parameters);
    QFETCH(Result, lastResult);
    QFETCH(bool, notifyGiven);
    QFETCH(int, notify);
    QFETCH(QString, orcpt);
    RecipientDsnRequest request;
    Result result = Result::NotDsn;
    for (const QByteArray& p : parameters) {
        const qsizetype eq = p.indexOf('=');
        result = DsnParameters::applyRcptParameter(p.left(eq < 0 ? p.size() : eq),
                                                   eq < 0 ? QByteArray() : p.mid(eq + 1), eq >= 0,
                                                   request);
    }
    QCOMPARE(result, lastResult);
    QCOMPARE(request.notifyGiven, notifyGiven);
    QCOMPARE(int(request.notify.toInt()), notify);
    QCOMPARE(request.isNever(), notifyGiven && notify == 0);
    QCOMPARE(request.originalRecipient.address, orcpt);
}

void TestDsnParameters::formatting()
{
    DsnRequest mail;
    QCOMPARE(DsnParameters::formatMailParameters(mail), QByteArray());
    mail.ret = DsnReturn::Headers;
    mail.envelopeId = QStringLiteral("id=1 +x");
    mail.hasEnvelopeId = true;
    const QByteArray mailText = DsnParameters::formatMailParameters(mail);
    QCOMPARE(mailText, QByteArray("RET=HDRS ENVID=id+3D1+20+2Bx"));

    // What we format, we parse back to the same request.
    DsnRequest reparsed;
    for (const QByteArray& p : mailText.split(' ')) {
        const qsizetype eq = p.indexOf('=');
        QCOMPARE(DsnParameters::applyMailParameter(p.left(eq), p.mid(eq + 1), true, reparsed),
                 Result::Applied);
    }
    QCOMPARE(reparsed, mail);

    RecipientDsnRequest rcpt;
    QCOMPARE(DsnParameters::formatRcptParameters(rcpt), QByteArray());
    rcpt.notifyGiven = true;
    QCOMPARE(DsnParameters::formatRcptParameters(rcpt), QByteArray("NOTIFY=NEVER"));
    rcpt.notify = NotifyCondition::Delay | NotifyCondition::Success | NotifyCondition::Failure;
    rcpt.originalRecipient = {QStringLiteral("rfc822"), QStringLiteral("a+b@example.com")};
    const QByteArray rcptText = DsnParameters::formatRcptParameters(rcpt);
    QCOMPARE(rcptText, QByteArray("NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;a+2Bb@example.com"));
    RecipientDsnRequest reparsedRcpt;
    for (const QByteArray& p : rcptText.split(' ')) {
        const qsizetype eq = p.indexOf('=');
        QCOMPARE(DsnParameters::applyRcptParameter(p.left(eq), p.mid(eq + 1), true, reparsedRcpt),
                 Result::Applied);
    }
    QCOMPARE(reparsedRcpt, rcpt);
}

void TestDsnParameters::rejectionText()
{
    QCOMPARE(DsnParameters::rejectionText(Result::Invalid, "notify"),
             QStringLiteral("Bad NOTIFY parameter syntax"));
    QCOMPARE(DsnParameters::rejectionText(Result::Duplicate, "RET"),
             QStringLiteral("Duplicate RET parameter"));
    QVERIFY(DsnParameters::rejectionText(Result::Applied, "RET").isEmpty());
    QVERIFY(DsnParameters::rejectionText(Result::NotDsn, "SIZE").isEmpty());
}

QTEST_GUILESS_MAIN(TestDsnParameters)
#include "TestDsnParameters.moc"
