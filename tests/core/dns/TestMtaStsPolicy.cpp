// MtaStsPolicy (RFC 8461 3.2, 4.1) and MtaStsTxtRecord (3.1): parser and
// matcher, data-driven.

#include "delivery/MtaStsPolicy.h"
#include "delivery/MtaStsTxtRecord.h"

#include <QTest>

using RelayDesk::Delivery::MtaStsPolicy;
using RelayDesk::Delivery::MtaStsTxtRecord;
using Mode = MtaStsPolicy::Mode;

Q_DECLARE_METATYPE(MtaStsPolicy::Mode)

class TestMtaStsPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void patternMatches_data();
    void patternMatches();
    void policyMatchesAnyPattern();
    void txtRecord_data();
    void txtRecord();
    void txtSelect_data();
    void txtSelect();
};

void TestMtaStsPolicy::parseValid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QStringList>("mx");
    QTest::addColumn<qint64>("maxAge");

    QTest::newRow("RFC example") << QByteArray(
                                        "version: STSv1\nmode: enforce\nmx: mail.example.com\n"
                                        "mx: *.example.net\nmx: backupmx.example.com\n"
                                        "max_age: 604800\n")
                                 << Mode::Enforce
                                 << QStringList{"mail.example.com", "*.example.net",
                                                "backupmx.example.com"}
                                 << qint64(604800);
    QTest::newRow("CRLF, no final line end")
        << QByteArray("version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 86400")
        << Mode::Testing << QStringList{"mx.example.com"} << qint64(86400);
    QTest::newRow("none without mx") << QByteArray("version: STSv1\nmode: none\nmax_age: 0\n")
                                     << Mode::None << QStringList{} << qint64(0);
    QTest::newRow("any order, spaces, unknown field")
        << QByteArray("max_age:1\nmx:\tMX.Example.COM  \nfoo_bar: whatever: here\n"
                      "mode:   enforce\nversion: STSv1\n")
        << Mode::Enforce << QStringList{"mx.example.com"} << qint64(1);
    QTest::newRow("max_age capped at one year")
        << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 9999999999\n")
        << Mode::Enforce << QStringList{"a.example"} << MtaStsPolicy::maxMaxAge;
    QTest::newRow("duplicate mx kept once")
        << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\nmx: a.example\nmax_age: 5\n")
        << Mode::Enforce << QStringList{"a.example"} << qint64(5);
}

void TestMtaStsPolicy::parseValid()
{
    QFETCH(QByteArray, body);
    QFETCH(Mode, mode);
    QFETCH(QStringList, mx);
    QFETCH(qint64, maxAge);

    QString error;
    const auto policy = MtaStsPolicy::parse(body, &error);
    QVERIFY2(policy, qPrintable(error));
    QCOMPARE(policy->mode, mode);
    QCOMPARE(policy->mx, mx);
    QCOMPARE(policy->maxAge, maxAge);
}

void TestMtaStsPolicy::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorPart");

    const QByteArray ok = "mode: enforce\nmx: mx.example.com\nmax_age: 86400\n";
    QTest::newRow("empty") << QByteArray() << "version is missing";
    QTest::newRow("no version") << ok << "version is missing";
    QTest::newRow("wrong version") << QByteArray("version: STSv2\n") + ok << "unsupported version";
    QTest::newRow("version case") << QByteArray("version: stsv1\n") + ok << "unsupported version";
    QTest::newRow("key case") << QByteArray("Version: STSv1\n") + ok << "version is missing";
    QTest::newRow("two versions") << QByteArray("version: STSv1\nversion: STSv1\n") + ok
                                  << "more than once";
    QTest::newRow("no mode") << QByteArray("version: STSv1\nmx: a.example\nmax_age: 1\n")
                             << "mode is missing";
    QTest::newRow("bad mode") << QByteArray("version: STSv1\nmode: Enforce\nmx: a.example\n"
                                            "max_age: 1\n")
                              << "unknown mode";
    QTest::newRow("two modes") << QByteArray("version: STSv1\nmode: testing\n") + ok
                               << "more than once";
    QTest::newRow("no max_age") << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\n")
                                << "max_age is missing";
    QTest::newRow("negative max_age")
        << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n")
        << "not a number";
    QTest::newRow("11 digit max_age")
        << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 10000000000\n")
        << "not a number";
    QTest::newRow("max_age with unit")
        << QByteArray("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1d\n")
        << "not a number";
    QTest::newRow("enforce without mx")
        << QByteArray("version: STSv1\nmode: enforce\nmax_age: 1\n") << "no mx pattern";
    QTest::newRow("testing without mx")
        << QByteArray("version: STSv1\nmode: testing\nmax_age: 1\n") << "no mx pattern";
    QTest::newRow("bad mx wildcard") << QByteArray("version: STSv1\n") + ok + "mx: *mail.example\n"
                                     << "not a host name";
    QTest::newRow("deep wildcard") << QByteArray("version: STSv1\n") + ok + "mx: *.*.example\n"
                                   << "not a host name";
    QTest::newRow("mx with port") << QByteArray("version: STSv1\n") + ok + "mx: a.example:25\n"
                                  << "not a host name";
    QTest::newRow("no colon") << QByteArray("version: STSv1\n") + ok + "garbage\n"
                              << "not a \"key: value\"";
    QTest::newRow("blank line") << QByteArray("version: STSv1\n\n") + ok << "not a \"key: value\"";
    QTest::newRow("html") << QByteArray("<html><body>hello</body></html>\n")
                          << "not a \"key: value\"";
    QTest::newRow("bare CR") << QByteArray("version: STSv1\rmode: enforce\n") + ok << "bare CR";
}

void TestMtaStsPolicy::parseInvalid()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorPart);

    QString error;
    QVERIFY(!MtaStsPolicy::parse(body, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void TestMtaStsPolicy::patternMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("matches");

    QTest::newRow("exact") << "mail.example.com"
                           << "mail.example.com" << true;
    QTest::newRow("case, trailing dot") << "mail.example.com"
                                        << "MAIL.Example.com." << true;
    QTest::newRow("other host") << "mail.example.com"
                                << "mail2.example.com" << false;
    QTest::newRow("suffix only") << "example.com"
                                 << "mail.example.com" << false;
    QTest::newRow("wildcard one label") << "*.example.net"
                                        << "mx1.example.net" << true;
    QTest::newRow("wildcard two labels") << "*.example.net"
                                         << "a.b.example.net" << false;
    QTest::newRow("wildcard bare domain") << "*.example.net"
                                          << "example.net" << false;
    QTest::newRow("wildcard lookalike") << "*.example.net"
                                        << "mx.badexample.net" << false;
    QTest::newRow("wildcard suffix trick") << "*.example.net"
                                           << "mx.example.net.evil" << false;
    QTest::newRow("empty host") << "*.example.net"
                                << "" << false;
    QTest::newRow("host with star") << "mail.example.com"
                                    << "*.example.com" << false;
}

void TestMtaStsPolicy::patternMatches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, host);
    QFETCH(bool, matches);
    QCOMPARE(MtaStsPolicy::patternMatches(pattern, host), matches);
}

void TestMtaStsPolicy::policyMatchesAnyPattern()
{
    const auto policy = MtaStsPolicy::parse("version: STSv1\nmode: enforce\nmx: mx1.example\n"
                                            "mx: *.backup.example\nmax_age: 60\n");
    QVERIFY(policy);
    QVERIFY(policy->matches(QStringLiteral("mx1.example")));
    QVERIFY(policy->matches(QStringLiteral("b1.backup.example")));
    QVERIFY(!policy->matches(QStringLiteral("mx2.example")));
    QVERIFY(!policy->matches(QStringLiteral("backup.example")));
}

void TestMtaStsPolicy::txtRecord_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("id"); // empty: invalid

    QTest::newRow("RFC example") << QByteArray("v=STSv1; id=20160831085700Z;") << "20160831085700Z";
    QTest::newRow("no trailing ;") << QByteArray("v=STSv1; id=abc") << "abc";
    QTest::newRow("no spaces") << QByteArray("v=STSv1;id=abc") << "abc";
    QTest::newRow("extension") << QByteArray("v=STSv1; id=abc; ext_1=val") << "abc";
    QTest::newRow("32 characters")
        << QByteArray("v=STSv1; id=") + QByteArray(32, 'a') << QString(32, u'a');
    QTest::newRow("33 characters") << QByteArray("v=STSv1; id=") + QByteArray(33, 'a') << "";
    QTest::newRow("no id") << QByteArray("v=STSv1;") << "";
    QTest::newRow("empty id") << QByteArray("v=STSv1; id=") << "";
    QTest::newRow("id with dash") << QByteArray("v=STSv1; id=a-b") << "";
    QTest::newRow("two ids") << QByteArray("v=STSv1; id=a; id=b") << "";
    QTest::newRow("wrong version") << QByteArray("v=STSv2; id=a") << "";
    QTest::newRow("version not first") << QByteArray("id=a; v=STSv1") << "";
    QTest::newRow("bad extension") << QByteArray("v=STSv1; id=a; junk") << "";
    QTest::newRow("empty field") << QByteArray("v=STSv1;; id=a") << "";
}

void TestMtaStsPolicy::txtRecord()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, id);
    QString error;
    const auto record = MtaStsTxtRecord::parse(text, &error);
    QCOMPARE(record.has_value(), !id.isEmpty());
    if (record)
        QCOMPARE(record->id, id);
    else
        QVERIFY(!error.isEmpty());
}

void TestMtaStsPolicy::txtSelect_data()
{
    QTest::addColumn<QList<QByteArray>>("texts");
    QTest::addColumn<QString>("id");

    QTest::newRow("one") << QList<QByteArray>{"v=STSv1; id=a"} << "a";
    QTest::newRow("others ignored")
        << QList<QByteArray>{"v=spf1 -all", "v=STSv1; id=b", "hello"} << "b";
    QTest::newRow("two STS records") << QList<QByteArray>{"v=STSv1; id=a", "v=STSv1; id=b"} << "";
    QTest::newRow("none") << QList<QByteArray>{"v=spf1 -all"} << "";
    QTest::newRow("empty") << QList<QByteArray>{} << "";
    QTest::newRow("only an invalid one") << QList<QByteArray>{"v=STSv1; id="} << "";
}

void TestMtaStsPolicy::txtSelect()
{
    QFETCH(QList<QByteArray>, texts);
    QFETCH(QString, id);
    QString error;
    const auto record = MtaStsTxtRecord::select(texts, &error);
    QCOMPARE(record.has_value(), !id.isEmpty());
    if (record)
        QCOMPARE(record->id, id);
    else
        QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestMtaStsPolicy)
#include "TestMtaStsPolicy.moc"
