// The lenient MIME reader under DsnParser: header unfolding, parameters,
// nested multiparts, transfer encodings, limits; and RFC 5322 dates.

#include "bounce/MailDate.h"
#include "bounce/MimeEntity.h"
#include "bounce/MimeHeaders.h"

#include <QTest>

using namespace RelayDesk::Bounce;

class TestMimeEntity : public QObject
{
    Q_OBJECT

private slots:
    void headersUnfold();
    void headersSkipNonFields();
    void parameter_data();
    void parameter();
    void mediaType_data();
    void mediaType();
    void nestedMultipart();
    void lfLineEnds();
    void missingClosingBoundary();
    void boundaryPrefixIsNotDelimiter();
    void transferEncodings();
    void quotedPrintable_data();
    void quotedPrintable();
    void depthLimit();
    void partLimit();
    void dateParse_data();
    void dateParse();
    void dateFormat();
};

void TestMimeEntity::headersUnfold()
{
    const QByteArray block =
        "Subject: one\r\n two\r\n\tthree\r\nX-Empty:\r\nTo: a@b\r\n\r\nbody: no\r\n";
    const MimeHeaders h = MimeHeaders::parse(block);
    QCOMPARE(h.fields().size(), 3);
    QCOMPARE(h.value("subject"), QByteArray("one two three"));
    QCOMPARE(h.value("X-EMPTY"), QByteArray());
    QVERIFY(h.contains("x-empty"));
    QCOMPARE(h.value("To"), QByteArray("a@b"));
    QVERIFY(!h.contains("body"));
    QCOMPARE(MimeHeaders::bodyOffset(block), block.indexOf("body"));
    QCOMPARE(MimeHeaders::bodyOffset("A: b\r\n"), qsizetype(6)); // no body at all
}

void TestMimeEntity::headersSkipNonFields()
{
    const QByteArray block = "From MAILER-DAEMON  Fri Feb 13 02:47:49 2015\n"
                             "Received: x\n"
                             "garbage line without colon\n"
                             " continuation of garbage\n"
                             "Subject : obsolete spacing\n"
                             "Received: y\n";
    const MimeHeaders h = MimeHeaders::parse(block);
    QCOMPARE(h.values("Received"), (QList<QByteArray>{"x", "y"}));
    QCOMPARE(h.value("Subject"), QByteArray("obsolete spacing"));
    QCOMPARE(h.fields().size(), 3);
}

void TestMimeEntity::parameter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("quoted") << QByteArray("multipart/report; boundary=\"a/b;c\"; report-type=x")
                            << QByteArray("boundary") << QByteArray("a/b;c");
    QTest::newRow("after quoted") << QByteArray("multipart/report; boundary=\"a;b\"; report-type=x")
                                  << QByteArray("report-type") << QByteArray("x");
    QTest::newRow("token") << QByteArray(
                                  "multipart/report; boundary=001a11; report-type=delivery-status")
                           << QByteArray("BOUNDARY") << QByteArray("001a11");
    QTest::newRow("escaped quote")
        << QByteArray("text/plain; name=\"a\\\"b\"") << QByteArray("name") << QByteArray("a\"b");
    QTest::newRow("absent") << QByteArray("text/plain; charset=us-ascii") << QByteArray("boundary")
                            << QByteArray();
    QTest::newRow("no parameters")
        << QByteArray("text/plain") << QByteArray("charset") << QByteArray();
    QTest::newRow("spaces around") << QByteArray("text/plain ;  charset = utf-8 ")
                                   << QByteArray("charset") << QByteArray("utf-8");
}

void TestMimeEntity::parameter()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, expected);
    QCOMPARE(MimeHeaders::parameter(value, name), expected);
}

void TestMimeEntity::mediaType_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("lower-cased") << QByteArray("Message/Delivery-Status")
                                 << QByteArray("message/delivery-status");
    QTest::newRow("with params") << QByteArray("text/plain; charset=x") << QByteArray("text/plain");
    QTest::newRow("no slash") << QByteArray("text") << QByteArray();
    QTest::newRow("empty subtype") << QByteArray("text/") << QByteArray();
    QTest::newRow("space inside") << QByteArray("text /plain x") << QByteArray();
}

void TestMimeEntity::mediaType()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(MimeHeaders::mediaType(value), expected);
}

void TestMimeEntity::nestedMultipart()
{
    const QByteArray message = "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                               "preamble\r\n"
                               "--outer\r\n"
                               "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
                               "--inner\r\n\r\nplain default type\r\n"
                               "--inner\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n"
                               "--inner--\r\n"
                               "--outer\r\n"
                               "Content-Type: message/delivery-status\r\n\r\n"
                               "Reporting-MTA: dns; x\r\n"
                               "--outer--\r\nepilogue\r\n";
    const MimeEntity root = MimeEntity::parse(message);
    QVERIFY(root.isMultipart());
    QCOMPARE(root.parts().size(), 2);
    QCOMPARE(root.parts().at(0).parts().size(), 2);
    QCOMPARE(root.parts().at(0).parts().at(0).mediaType(), QByteArray("text/plain"));
    QCOMPARE(root.parts().at(0).parts().at(0).rawBody(), QByteArray("plain default type"));
    QCOMPARE(root.parts().at(0).parts().at(1).rawBody(), QByteArray("<p>x</p>"));
    const MimeEntity* ds = root.findByType("MESSAGE/delivery-status");
    QVERIFY(ds);
    QCOMPARE(ds->rawBody(), QByteArray("Reporting-MTA: dns; x"));
    QVERIFY(!root.findByType("image/png"));
    QVERIFY(!root.truncated());
}

void TestMimeEntity::lfLineEnds()
{
    const QByteArray message = "Content-Type: multipart/report; boundary=b\n\n"
                               "--b\nContent-Type: text/plain\n\nhello\n"
                               "--b  \nContent-Type: text/rfc822-headers\n\nSubject: x\n"
                               "--b--\n";
    const MimeEntity root = MimeEntity::parse(message);
    QCOMPARE(root.parts().size(), 2);
    QCOMPARE(root.parts().at(0).rawBody(), QByteArray("hello"));
    QCOMPARE(root.parts().at(1).rawBody(), QByteArray("Subject: x"));
}

void TestMimeEntity::missingClosingBoundary()
{
    const QByteArray message = "Content-Type: multipart/report; boundary=b\r\n\r\n"
                               "--b\r\n\r\none\r\n--b\r\nContent-Type: message/rfc822\r\n\r\n"
                               "Subject: cut off\r\n\r\nbody th";
    const MimeEntity root = MimeEntity::parse(message);
    QCOMPARE(root.parts().size(), 2);
    QCOMPARE(root.parts().at(1).mediaType(), QByteArray("message/rfc822"));
    QVERIFY(root.parts().at(1).rawBody().endsWith("body th"));
}

void TestMimeEntity::boundaryPrefixIsNotDelimiter()
{
    // "--bb" and "--b-x" do not end a part delimited by "b".
    const QByteArray message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                               "--b\r\n\r\nline\r\n--bb\r\n--b-x\r\n--b--\r\n";
    const MimeEntity root = MimeEntity::parse(message);
    QCOMPARE(root.parts().size(), 1);
    QCOMPARE(root.parts().at(0).rawBody(), QByteArray("line\r\n--bb\r\n--b-x"));
}

void TestMimeEntity::transferEncodings()
{
    const QByteArray message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                               "--b\r\nContent-Transfer-Encoding: BASE64\r\n\r\n"
                               "QWN0aW9uOiBm\r\nYWlsZWQ=\r\n"
                               "--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                               "a=3Db=\r\nc\r\n"
                               "--b\r\nContent-Transfer-Encoding: 7bit\r\n\r\nraw=3D\r\n"
                               "--b--\r\n";
    const MimeEntity root = MimeEntity::parse(message);
    QCOMPARE(root.parts().size(), 3);
    QCOMPARE(root.parts().at(0).decodedBody(), QByteArray("Action: failed"));
    QCOMPARE(root.parts().at(1).decodedBody(), QByteArray("a=bc"));
    QCOMPARE(root.parts().at(2).decodedBody(), QByteArray("raw=3D"));
}

void TestMimeEntity::quotedPrintable_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("hex") << QByteArray("caf=C3=A9") << QByteArray("caf\xc3\xa9");
    QTest::newRow("lower hex") << QByteArray("=3d") << QByteArray("=");
    QTest::newRow("soft break CRLF") << QByteArray("ab=\r\ncd") << QByteArray("abcd");
    QTest::newRow("soft break LF") << QByteArray("ab=\ncd") << QByteArray("abcd");
    QTest::newRow("soft break with padding") << QByteArray("ab=  \r\ncd") << QByteArray("abcd");
    QTest::newRow("stray equals kept") << QByteArray("a=zb") << QByteArray("a=zb");
    QTest::newRow("equals at end") << QByteArray("ab=") << QByteArray("ab");
}

void TestMimeEntity::quotedPrintable()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, decoded);
    QCOMPARE(MimeEntity::decodeQuotedPrintable(encoded), decoded);
}

void TestMimeEntity::depthLimit()
{
    // MaxDepth + 5 nested multiparts: parsing stops at the limit and says so.
    QByteArray message;
    const int levels = MimeEntity::MaxDepth + 5;
    for (int i = 0; i < levels; ++i)
        message += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) +
                   "\r\n\r\n--b" + QByteArray::number(i) + "\r\n";
    message += "Content-Type: message/delivery-status\r\n\r\nAction: failed\r\n";
    const MimeEntity root = MimeEntity::parse(message);
    QVERIFY(root.truncated());
    int depth = 0;
    const MimeEntity* e = &root;
    while (!e->parts().isEmpty()) {
        e = &e->parts().first();
        ++depth;
    }
    QCOMPARE(depth, MimeEntity::MaxDepth);
    QVERIFY(!root.findByType("message/delivery-status"));
}

void TestMimeEntity::partLimit()
{
    QByteArray message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (int i = 0; i < MimeEntity::MaxParts + 50; ++i)
        message += "--b\r\n\r\npart\r\n";
    message += "--b--\r\n";
    const MimeEntity root = MimeEntity::parse(message);
    QVERIFY(root.truncated());
    QCOMPARE(root.parts().size(), MimeEntity::MaxParts - 1); // the root counts too
}

void TestMimeEntity::dateParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("utc");

    const QDateTime t(QDate(2015, 2, 13), QTime(2, 47, 49), Qt::UTC);
    QTest::newRow("full") << "Fri, 13 Feb 2015 02:47:49 +0000" << t;
    QTest::newRow("comment") << "Fri, 13 Feb 2015 02:47:49 +0000 (UTC)" << t;
    QTest::newRow("no weekday") << "13 Feb 2015 02:47:49 +0000" << t;
    QTest::newRow("offset") << "Fri, 13 Feb 2015 11:47:49 +0900 (JST)" << t;
    QTest::newRow("negative offset") << "Thu, 12 Feb 2015 18:47:49 -0800" << t;
    QTest::newRow("GMT") << "Fri, 13 Feb 2015 02:47:49 GMT" << t;
    QTest::newRow("PST") << "Thu, 12 Feb 2015 18:47:49 PST" << t;
    QTest::newRow("two-digit year") << "13 Feb 15 02:47:49 +0000" << t;
    QTest::newRow("single-digit day") << "Sun, 1 Feb 2015 02:47:49 +0000"
                                      << QDateTime(QDate(2015, 2, 1), QTime(2, 47, 49), Qt::UTC);
    QTest::newRow("no seconds") << "13 Feb 2015 02:47 +0000"
                                << QDateTime(QDate(2015, 2, 13), QTime(2, 47), Qt::UTC);
    QTest::newRow("garbage") << "yesterday" << QDateTime();
    QTest::newRow("bad month") << "13 Foo 2015 02:47:49 +0000" << QDateTime();
    QTest::newRow("bad day") << "31 Feb 2015 02:47:49 +0000" << QDateTime();
    QTest::newRow("bad zone") << "13 Feb 2015 02:47:49 +09" << QDateTime();
    QTest::newRow("empty") << "" << QDateTime();
}

void TestMimeEntity::dateParse()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, utc);
    const QDateTime parsed = MailDate::parse(text);
    QCOMPARE(parsed.isValid(), utc.isValid());
    if (utc.isValid())
        QCOMPARE(parsed, utc);
}

void TestMimeEntity::dateFormat()
{
    const QDateTime t(QDate(2024, 5, 1), QTime(13, 5, 9), Qt::UTC);
    QCOMPARE(MailDate::format(t), QStringLiteral("Wed, 01 May 2024 13:05:09 +0000"));
    QCOMPARE(MailDate::parse(MailDate::format(t)), t);
    // A local time is written as UTC.
    const QDateTime offset = t.toOffsetFromUtc(3600);
    QCOMPARE(MailDate::format(offset), MailDate::format(t));
}

QTEST_GUILESS_MAIN(TestMimeEntity)
#include "TestMimeEntity.moc"
