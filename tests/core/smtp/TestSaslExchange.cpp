#include "smtp/SaslExchange.h"

#include <QTest>

using RelayDesk::Smtp::SaslExchange;

/// PLAIN and LOGIN exchanges step by step, including every way to fail.
class TestSaslExchange : public QObject
{
    Q_OBJECT

private slots:
    void exchange_data();
    void exchange();
    void base64_data();
    void base64();
};

void TestSaslExchange::exchange_data()
{
    // AUTH arguments, then the client's lines; the result of the last step.
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<QByteArray>("initial"); // "-" for none
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<QByteArray>("challenges"); // challenges seen, joined by '|'
    QTest::addColumn<QString>("outcome");       // "user/password" or the error code
    QTest::newRow("plain initial") << QByteArray("PLAIN") << QByteArray("AGFsaWNlAHNlY3JldA==")
                                   << QList<QByteArray>{} << QByteArray() << "alice/secret";
    QTest::newRow("plain continuation")
        << QByteArray("PLAIN") << QByteArray("-") << QList<QByteArray>{"AGFsaWNlAHNlY3JldA=="}
        << QByteArray("") << "alice/secret";
    QTest::newRow("plain utf8") << QByteArray("PLAIN") << QByteArray("AGrDtnJnAHDDpHNz")
                                << QList<QByteArray>{} << QByteArray() << "j\u00f6rg/p\u00e4ss";
    QTest::newRow("plain authzid same")
        << QByteArray("PLAIN") << QByteArray("YWxpY2UAYWxpY2UAc2VjcmV0") << QList<QByteArray>{}
        << QByteArray() << "alice/secret";
    QTest::newRow("plain authzid other")
        << QByteArray("PLAIN") << QByteArray("Ym9iAGFsaWNlAHNlY3JldA==") << QList<QByteArray>{}
        << QByteArray() << "535";
    QTest::newRow("plain empty password") << QByteArray("PLAIN") << QByteArray("AGFsaWNlAA==")
                                          << QList<QByteArray>{} << QByteArray() << "alice/";
    QTest::newRow("plain equals") << QByteArray("PLAIN") << QByteArray("=") << QList<QByteArray>{}
                                  << QByteArray() << "501";
    QTest::newRow("plain one nul") << QByteArray("PLAIN") << QByteArray("YWxpY2UAc2VjcmV0")
                                   << QList<QByteArray>{} << QByteArray() << "501";
    QTest::newRow("plain bad base64")
        << QByteArray("PLAIN") << QByteArray("a$b") << QList<QByteArray>{} << QByteArray() << "501";
    QTest::newRow("plain cancel") << QByteArray("PLAIN") << QByteArray("-")
                                  << QList<QByteArray>{"*"} << QByteArray("") << "501";
    QTest::newRow("login") << QByteArray("LOGIN") << QByteArray("-")
                           << QList<QByteArray>{"YWxpY2U=", "c2VjcmV0"}
                           << QByteArray("VXNlcm5hbWU6|UGFzc3dvcmQ6") << "alice/secret";
    QTest::newRow("login initial")
        << QByteArray("LOGIN") << QByteArray("YWxpY2U=") << QList<QByteArray>{"c2VjcmV0"}
        << QByteArray("UGFzc3dvcmQ6") << "alice/secret";
    QTest::newRow("login cancel at password")
        << QByteArray("LOGIN") << QByteArray("-") << QList<QByteArray>{"YWxpY2U=", "*"}
        << QByteArray("VXNlcm5hbWU6|UGFzc3dvcmQ6") << "501";
    QTest::newRow("login bad base64")
        << QByteArray("LOGIN") << QByteArray("-") << QList<QByteArray>{"!!"}
        << QByteArray("VXNlcm5hbWU6") << "501";
    QTest::newRow("unknown mechanism") << QByteArray("CRAM-MD5") << QByteArray("-")
                                       << QList<QByteArray>{} << QByteArray() << "504";
}

void TestSaslExchange::exchange()
{
    QFETCH(QByteArray, mechanism);
    QFETCH(QByteArray, initial);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QByteArray, challenges);
    QFETCH(QString, outcome);
    SaslExchange sasl;
    QList<QByteArray> seen;
    SaslExchange::Step step = sasl.start(mechanism, initial != "-", initial);
    for (const QByteArray& line : lines) {
        QCOMPARE(step.outcome, SaslExchange::Outcome::Challenge);
        QVERIFY(sasl.isActive());
        seen.append(step.challenge);
        step = sasl.respond(line);
    }
    if (step.outcome == SaslExchange::Outcome::Challenge)
        seen.append(step.challenge);
    if (!lines.isEmpty() || step.outcome == SaslExchange::Outcome::Challenge)
        QCOMPARE(seen.join('|'), challenges);
    QVERIFY(!sasl.isActive());
    if (step.outcome == SaslExchange::Outcome::Credentials) {
        QCOMPARE(step.user + u'/' + step.password, outcome);
    } else {
        QCOMPARE(step.outcome, SaslExchange::Outcome::Failed);
        QCOMPARE(QString::number(step.code), outcome);
        QVERIFY(step.enhanced);
    }
}

void TestSaslExchange::base64_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("equals") << QByteArray("=") << true << QByteArray();
    QTest::newRow("text") << QByteArray("YWxpY2U=") << true << QByteArray("alice");
    QTest::newRow("bad char") << QByteArray("YW*pY2U=") << false << QByteArray();
    QTest::newRow("bad padding") << QByteArray("YWxpY2U==x") << false << QByteArray();
}

void TestSaslExchange::base64()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    QByteArray out = "junk";
    QCOMPARE(SaslExchange::decodeBase64(text, &out), valid);
    if (valid)
        QCOMPARE(out, decoded);
}

QTEST_GUILESS_MAIN(TestSaslExchange)
#include "TestSaslExchange.moc"
