// Endless input against the SMTP state machine (issue 5, security tests):
// content over the size limit is dropped while the session stays in step,
// but a client that keeps sending far beyond the limit (an endless DATA, a
// huge BDAT count, a refused chunk that never ends) gets 552 and is cut off
// instead of holding the session forever. The socket-level version of these
// cases is in test_limits.py.

#include "core/smtp/ProtocolFixture.h"

#include <QTest>

using RelayDesk::Smtp::ServerProtocol;
using RelayDesk::Smtp::Testing::ProtocolFixture;

namespace {

constexpr qint64 kLimit = 10000;
constexpr qint64 kBound = 2 * kLimit + ServerProtocol::MaxDiscardSlack;

ServerProtocol::Session session()
{
    ServerProtocol::Session s = ProtocolFixture::defaultSession();
    s.limits.maxMessageSize = kLimit;
    return s;
}

/// Feeds up to `total` octets of one 1000-octet line pattern in 4 KiB pieces
/// until the protocol closes. Returns the octets fed.
qint64 feedEndless(ProtocolFixture& f, qint64 total)
{
    const QByteArray block = QByteArray(998, 'x') + "\r\n";
    QByteArray piece;
    while (piece.size() < 4096)
        piece += block;
    qint64 fed = 0;
    while (fed < total && !f.closed) {
        f.feed(piece);
        fed += piece.size();
    }
    return fed;
}

} // namespace

class TestEndlessInput final : public QObject
{
    Q_OBJECT

private slots:
    void endlessContentIsCutOff_data();
    void endlessContentIsCutOff();
    void slightlyOverTheLimitStaysInStep_data();
    void slightlyOverTheLimitStaysInStep();
};

void TestEndlessInput::endlessContentIsCutOff_data()
{
    QTest::addColumn<QByteArray>("commands");
    QTest::addColumn<QString>("codesBefore");

    const QByteArray envelope = "EHLO c.test\r\nMAIL FROM:<a@c.test>\r\nRCPT TO:<b@d.test>\r\n";
    QTest::newRow("DATA") << envelope + "DATA\r\n"
                          << "220 250 250 250 354";
    QTest::newRow("BDAT huge count") << envelope + "BDAT 999999999999 LAST\r\n"
                                     << "220 250 250 250";
    // Refused (no MAIL yet): the chunk is read only to stay in step.
    QTest::newRow("refused BDAT") << QByteArray("EHLO c.test\r\nBDAT 999999999999\r\n")
                                  << "220 250";
}

void TestEndlessInput::endlessContentIsCutOff()
{
    QFETCH(QByteArray, commands);
    QFETCH(QString, codesBefore);

    ProtocolFixture f(session());
    f.protocol.start();
    f.feed(commands);
    QCOMPARE(f.codes(), codesBefore);

    const qint64 fed = feedEndless(f, 50 * kBound);
    QVERIFY2(f.closed, "the session must end, not read forever");
    // Cut off soon after the bound, not at some later point.
    QVERIFY2(fed <= kBound + 8192, qPrintable(QString::number(fed)));
    QVERIFY(f.replies.last().startsWith("552 5.3.4 "));
    QVERIFY(f.messages.isEmpty());
    QCOMPARE(f.protocol.state(), ServerProtocol::State::Closed);
}

void TestEndlessInput::slightlyOverTheLimitStaysInStep_data()
{
    QTest::addColumn<QByteArray>("message");

    const QByteArray big = QByteArray(998, 'y') + "\r\n";
    QByteArray body;
    while (body.size() < 3 * kLimit) // over the limit, well under the bound
        body += big;
    QTest::newRow("DATA") << QByteArray("DATA\r\n" + body + ".\r\n");
    QTest::newRow("BDAT") << QByteArray("BDAT " + QByteArray::number(body.size()) + " LAST\r\n" +
                                        body);
}

void TestEndlessInput::slightlyOverTheLimitStaysInStep()
{
    QFETCH(QByteArray, message);

    ProtocolFixture f(session());
    f.protocol.start();
    f.feed("EHLO c.test\r\nMAIL FROM:<a@c.test>\r\nRCPT TO:<b@d.test>\r\n");
    f.feed(message);
    f.feed("NOOP\r\n");
    QVERIFY(!f.closed);
    QVERIFY(f.messages.isEmpty());
    QVERIFY(f.codes().endsWith(QStringLiteral("552 250")));
}

QTEST_GUILESS_MAIN(TestEndlessInput)
#include "TestEndlessInput.moc"
