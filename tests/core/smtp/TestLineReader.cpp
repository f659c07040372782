#include "smtp/LineReader.h"

#include <QTest>

using RelayDesk::Smtp::LineReader;

/// Command-line framing: lines split across segments, CRLF and bare LF,
/// the length limit (CRLF included) and bounded memory for endless lines.
class TestLineReader : public QObject
{
    Q_OBJECT

private slots:
    void lines_data();
    void lines();
    void limitCountsLineEnd();
    void clearDropsPartialLine();
};

namespace {

// Feeds the segments and returns what came out: lines as text, "<TOO LONG>"
// for dropped ones, and "<PARTIAL>" when input ended inside a line.
QStringList readAll(const QList<QByteArray>& segments, qsizetype limit)
{
    LineReader reader(64);
    QStringList out;
    bool partial = false;
    for (const QByteArray& segment : segments) {
        QByteArrayView bytes = segment;
        while (!bytes.isEmpty()) {
            const LineReader::Step step = reader.read(bytes, limit);
            if (step.consumed <= 0 || step.consumed > bytes.size())
                return {QStringLiteral("<NO PROGRESS>")};
            partial = step.status == LineReader::Status::Incomplete;
            if (step.status == LineReader::Status::Line)
                out.append(QString::fromLatin1(step.line));
            else if (step.status == LineReader::Status::TooLong)
                out.append(QStringLiteral("<TOO LONG>"));
            bytes = bytes.sliced(step.consumed);
        }
    }
    if (partial)
        out.append(QStringLiteral("<PARTIAL>"));
    return out;
}

} // namespace

void TestLineReader::lines_data()
{
    QTest::addColumn<QList<QByteArray>>("segments");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one") << QList<QByteArray>{"NOOP\r\n"} << QStringList{"NOOP"};
    QTest::newRow("two in one segment")
        << QList<QByteArray>{"NOOP\r\nQUIT\r\n"} << QStringList{"NOOP", "QUIT"};
    QTest::newRow("split") << QList<QByteArray>{"NO", "OP\r", "\n"} << QStringList{"NOOP"};
    QTest::newRow("bare lf") << QList<QByteArray>{"NOOP\nQUIT\n"} << QStringList{"NOOP", "QUIT"};
    QTest::newRow("empty line") << QList<QByteArray>{"\r\n"} << QStringList{""};
    QTest::newRow("partial") << QList<QByteArray>{"NOOP\r\nMA"} << QStringList{"NOOP", "<PARTIAL>"};
    QTest::newRow("too long then ok")
        << QList<QByteArray>{QByteArray(600, 'x'), QByteArray(600, 'x'), "\r\nNOOP\r\n"}
        << QStringList{"<TOO LONG>", "NOOP"};
    QTest::newRow("too long in one piece") << QList<QByteArray>{QByteArray(513, 'x') + "\nNOOP\n"}
                                           << QStringList{"<TOO LONG>", "NOOP"};
}

void TestLineReader::lines()
{
    QFETCH(QList<QByteArray>, segments);
    QFETCH(QStringList, expected);
    QCOMPARE(readAll(segments, 512), expected);
}

void TestLineReader::limitCountsLineEnd()
{
    // 512 octets including CRLF fit, 513 do not (RFC 5321 4.5.3.1.4).
    QCOMPARE(readAll({QByteArray(510, 'a') + "\r\n"}, 512).value(0).size(), 510);
    QCOMPARE(readAll({QByteArray(511, 'a') + "\r\n"}, 512), QStringList{"<TOO LONG>"});
    // The same in pieces.
    QCOMPARE(readAll({QByteArray(500, 'a'), QByteArray(10, 'a'), "\r\n"}, 512).value(0).size(),
             510);
    QCOMPARE(readAll({QByteArray(500, 'a'), QByteArray(11, 'a'), "\r\n"}, 512),
             QStringList{"<TOO LONG>"});
}

void TestLineReader::clearDropsPartialLine()
{
    LineReader reader(64);
    QCOMPARE(reader.read("MAIL FROM:<evil", 512).status, LineReader::Status::Incomplete);
    reader.clear();
    const auto step = reader.read("NOOP\r\n", 512);
    QCOMPARE(step.status, LineReader::Status::Line);
    QCOMPARE(step.line, QByteArrayView("NOOP"));
    // A discarding state is forgotten too.
    QCOMPARE(reader.read(QByteArray(600, 'x'), 512).status, LineReader::Status::Incomplete);
    reader.clear();
    QCOMPARE(reader.read("QUIT\r\n", 512).status, LineReader::Status::Line);
}

QTEST_GUILESS_MAIN(TestLineReader)
#include "TestLineReader.moc"
