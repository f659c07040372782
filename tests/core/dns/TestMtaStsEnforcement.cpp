// MtaStsEnforcement: what enforce, testing and none mean for one connection
// (RFC 8461 4, 5).

#include "delivery/MtaStsEnforcement.h"

#include <QTest>

using RelayDesk::Delivery::MtaStsEnforcement;
using RelayDesk::Delivery::MtaStsPolicy;
using Verdict = MtaStsEnforcement::Verdict;

Q_DECLARE_METATYPE(MtaStsEnforcement::Verdict)

namespace {

std::optional<MtaStsPolicy> policy(const QString& mode)
{
    if (mode.isEmpty())
        return std::nullopt;
    auto p = MtaStsPolicy::parse(QStringLiteral("version: STSv1\nmode: %1\nmx: mx.example.com\n"
                                                "mx: *.backup.example.com\nmax_age: 60\n")
                                     .arg(mode)
                                     .toLatin1());
    if (p)
        p->id = QStringLiteral("id1");
    return p;
}

} // namespace

class TestMtaStsEnforcement final : public QObject
{
    Q_OBJECT

private slots:
    void checkHost_data();
    void checkHost();
    void checkTls_data();
    void checkTls();
    void requirement_data();
    void requirement();
    void deferralText();
};

void TestMtaStsEnforcement::checkHost_data()
{
    QTest::addColumn<QString>("mode"); // empty: no policy
    QTest::addColumn<QString>("mxHost");
    QTest::addColumn<Verdict>("verdict");

    QTest::newRow("no policy") << ""
                               << "rogue.example.org" << Verdict::Proceed;
    QTest::newRow("none") << "none"
                          << "rogue.example.org" << Verdict::Proceed;
    QTest::newRow("enforce, match") << "enforce"
                                    << "mx.example.com" << Verdict::Proceed;
    QTest::newRow("enforce, wildcard") << "enforce"
                                       << "b2.backup.example.com" << Verdict::Proceed;
    QTest::newRow("enforce, mismatch") << "enforce"
                                       << "rogue.example.org" << Verdict::Refuse;
    QTest::newRow("testing, match") << "testing"
                                    << "mx.example.com" << Verdict::Proceed;
    QTest::newRow("testing, mismatch") << "testing"
                                       << "rogue.example.org" << Verdict::ProceedAndReport;
}

void TestMtaStsEnforcement::checkHost()
{
    QFETCH(QString, mode);
    QFETCH(QString, mxHost);
    QFETCH(Verdict, verdict);
    const auto decision =
        MtaStsEnforcement::checkHost(policy(mode), QStringLiteral("example.com"), mxHost);
    QCOMPARE(decision.verdict, verdict);
    QCOMPARE(decision.proceeds(), verdict != Verdict::Refuse);
    QCOMPARE(decision.text.isEmpty(), verdict == Verdict::Proceed);
    if (!decision.text.isEmpty()) {
        QVERIFY2(decision.text.contains(mxHost), qPrintable(decision.text));
        QVERIFY2(decision.text.contains(mode), qPrintable(decision.text));
    }
}

void TestMtaStsEnforcement::checkTls_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("tls");
    QTest::addColumn<bool>("certificateErrors");
    QTest::addColumn<Verdict>("verdict");

    QTest::newRow("no policy, plain") << "" << false << false << Verdict::Proceed;
    QTest::newRow("none, bad cert") << "none" << true << true << Verdict::Proceed;
    QTest::newRow("enforce, valid TLS") << "enforce" << true << false << Verdict::Proceed;
    QTest::newRow("enforce, no TLS") << "enforce" << false << false << Verdict::Refuse;
    QTest::newRow("enforce, bad cert") << "enforce" << true << true << Verdict::Refuse;
    QTest::newRow("testing, no TLS") << "testing" << false << false << Verdict::ProceedAndReport;
    QTest::newRow("testing, bad cert") << "testing" << true << true << Verdict::ProceedAndReport;
    QTest::newRow("testing, valid TLS") << "testing" << true << false << Verdict::Proceed;
}

void TestMtaStsEnforcement::checkTls()
{
    QFETCH(QString, mode);
    QFETCH(bool, tls);
    QFETCH(bool, certificateErrors);
    QFETCH(Verdict, verdict);
    QList<QSslError> errors;
    if (certificateErrors)
        errors.append(QSslError(QSslError::HostNameMismatch));
    const auto decision = MtaStsEnforcement::checkTls(
        policy(mode), QStringLiteral("example.com"), QStringLiteral("mx.example.com"), tls, errors);
    QCOMPARE(decision.verdict, verdict);
    if (verdict != Verdict::Proceed && certificateErrors)
        QVERIFY2(decision.text.contains(QSslError(QSslError::HostNameMismatch).errorString()),
                 qPrintable(decision.text));
}

void TestMtaStsEnforcement::requirement_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("strict");
    QTest::newRow("no policy") << "" << false;
    QTest::newRow("none") << "none" << false;
    QTest::newRow("testing") << "testing" << false;
    QTest::newRow("enforce") << "enforce" << true;
}

void TestMtaStsEnforcement::requirement()
{
    QFETCH(QString, mode);
    QFETCH(bool, strict);
    const auto r = MtaStsEnforcement::requirement(policy(mode), QStringLiteral("mx.example.com"));
    QCOMPARE(r.requireTls, strict);
    QCOMPARE(r.verifyPeer, strict);
    QCOMPARE(r.peerVerifyName, QStringLiteral("mx.example.com"));
}

void TestMtaStsEnforcement::deferralText()
{
    const QString text = MtaStsEnforcement::deferralText(
        QStringLiteral("example.com"), {QStringLiteral("first reason"), QStringLiteral("second")});
    QVERIFY(text.startsWith(QStringLiteral("4.7.5 ")));
    QVERIFY(text.contains(QStringLiteral("example.com")));
    QVERIFY(text.contains(QStringLiteral("first reason; second")));
}

QTEST_GUILESS_MAIN(TestMtaStsEnforcement)
#include "TestMtaStsEnforcement.moc"
