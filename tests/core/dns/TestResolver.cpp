// Dns::Resolver against a real dnsmasq on 127.0.0.53 serving
// tests/fixtures/dns/zone.conf.

#include "DnsFixture.h"
#include "dns/Resolver.h"

#include <QElapsedTimer>
#include <QTest>
#include <optional>

using namespace RelayDesk::Dns;

Q_DECLARE_METATYPE(RelayDesk::Dns::RecordType)
Q_DECLARE_METATYPE(RelayDesk::Dns::DnsStatus)

namespace {

constexpr int waitMs = 30000;

std::optional<LookupResult> run(Resolver& resolver, RecordType type, const QString& name)
{
    QObject context;
    std::optional<LookupResult> result;
    resolver.lookup(type, name, &context, [&](const LookupResult& r) { result = r; });
    if (result) // must never happen: the callback is asynchronous
        return LookupResult{};
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), waitMs); }();
    return result;
}

QStringList addresses(const LookupResult& r)
{
    QStringList out;
    for (const QHostAddress& a : r.addresses)
        out.append(a.toString());
    return out;
}

} // namespace

class TestResolver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_fixture.start(false)); }
    void cleanupTestCase() { m_fixture.stop(); }

    void status_data();
    void status();
    void mxRecords();
    void addressesFollowCname();
    void textRecordsConcatenated();
    void timeoutOfSilentServer();
    void timeoutThroughForwarder();
    void deadServerIsTemporary();
    void invalidNamesNeverSent_data();
    void invalidNamesNeverSent();
    void destroyedContextGetsNoCallback();
    void normalizedName_data();
    void normalizedName();

private:
    DnsFixture m_fixture;
};

void TestResolver::status_data()
{
    QTest::addColumn<RecordType>("type");
    QTest::addColumn<QString>("name");
    QTest::addColumn<DnsStatus>("status");
    QTest::addColumn<bool>("temporary");

    QTest::newRow("MX found") << RecordType::MX << "multi.test" << DnsStatus::Ok << false;
    QTest::newRow("A found") << RecordType::A << "mx1.multi.test" << DnsStatus::Ok << false;
    QTest::newRow("AAAA found") << RecordType::AAAA << "mx2.multi.test" << DnsStatus::Ok << false;
    QTest::newRow("TXT found") << RecordType::TXT << "_mta-sts.enforce.test" << DnsStatus::Ok
                               << false;
    QTest::newRow("MX NODATA, A exists")
        << RecordType::MX << "nomx.test" << DnsStatus::NoData << false;
    QTest::newRow("AAAA NODATA, A exists")
        << RecordType::AAAA << "mx1.multi.test" << DnsStatus::NoData << false;
    QTest::newRow("A NODATA, AAAA only")
        << RecordType::A << "v6only.test" << DnsStatus::NoData << false;
    QTest::newRow("MX NODATA, only TXT")
        << RecordType::MX << "txtonly.test" << DnsStatus::NoData << false;
    QTest::newRow("TXT NODATA, MX exists")
        << RecordType::TXT << "multi.test" << DnsStatus::NoData << false;
    QTest::newRow("MX NXDOMAIN") << RecordType::MX << "missing.test" << DnsStatus::NotFound
                                 << false;
    QTest::newRow("A NXDOMAIN") << RecordType::A << "no.such.host.test" << DnsStatus::NotFound
                                << false;
    QTest::newRow("SERVFAIL") << RecordType::MX << "x.servfail.test" << DnsStatus::ServerFailure
                              << true;
    QTest::newRow("trailing dot, upper case")
        << RecordType::MX << "MULTI.Test." << DnsStatus::Ok << false;
}

void TestResolver::status()
{
    QFETCH(RecordType, type);
    QFETCH(QString, name);
    QFETCH(DnsStatus, status);
    QFETCH(bool, temporary);

    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    const auto result = run(resolver, type, name);
    QVERIFY(result);
    QCOMPARE(result->status, status);
    QCOMPARE(result->type, type);
    QCOMPARE(isTemporary(result->status), temporary);
    QCOMPARE(result->errorText.isEmpty(), status == DnsStatus::Ok || status == DnsStatus::NoData);
    if (!result->errorText.isEmpty()) {
        QVERIFY2(result->errorText.contains(u"127.0.0.53"), qPrintable(result->errorText));
        QVERIFY2(result->errorText.contains(result->name), qPrintable(result->errorText));
    }
    if (status == DnsStatus::NotFound)
        QVERIFY2(result->errorText.contains(u"NXDOMAIN"), qPrintable(result->errorText));
    if (status == DnsStatus::ServerFailure)
        QVERIFY2(result->errorText.contains(u"SERVFAIL"), qPrintable(result->errorText));
    QCOMPARE(resolver.pendingLookups(), 0);
}

void TestResolver::mxRecords()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    const auto result = run(resolver, RecordType::MX, QStringLiteral("multi.test"));
    QVERIFY(result);
    QCOMPARE(result->name, QStringLiteral("multi.test"));
    QList<MxRecord> mx = result->mx;
    std::sort(mx.begin(), mx.end(),
              [](const MxRecord& a, const MxRecord& b) { return a.preference < b.preference; });
    const QList<MxRecord> expected{{10, QStringLiteral("mx1.multi.test")},
                                   {20, QStringLiteral("mx2.multi.test")},
                                   {30, QStringLiteral("mx3.multi.test")}};
    QCOMPARE(mx, expected);

    const auto null = run(resolver, RecordType::MX, QStringLiteral("null.test"));
    QVERIFY(null);
    QCOMPARE(null->status, DnsStatus::Ok);
    QCOMPARE(null->mx, (QList<MxRecord>{{0, QString()}}));
}

void TestResolver::addressesFollowCname()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    const auto a = run(resolver, RecordType::A, QStringLiteral("alias.test"));
    QVERIFY(a);
    QCOMPARE(a->status, DnsStatus::Ok);
    QCOMPARE(a->canonicalName, QStringLiteral("nomx.test"));
    QCOMPARE(addresses(*a), QStringList{QStringLiteral("127.0.0.20")});

    const auto v6 = run(resolver, RecordType::AAAA, QStringLiteral("mx2.multi.test"));
    QVERIFY(v6);
    QCOMPARE(addresses(*v6), QStringList{QStringLiteral("::1")});
}

void TestResolver::textRecordsConcatenated()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    const auto txt = run(resolver, RecordType::TXT, QStringLiteral("strings.test"));
    QVERIFY(txt);
    QCOMPARE(txt->texts, QList<QByteArray>{"v=spf1 ip4:192.0.2.1 -all"});
}

void TestResolver::timeoutOfSilentServer()
{
    // glibc waits at least 1 s per try, so 400 ms is always ours.
    Resolver resolver;
    resolver.setNameserver(DnsFixture::silentServer());
    resolver.setTimeout(400);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(resolver, RecordType::MX, QStringLiteral("multi.test"));
    QVERIFY(result);
    QCOMPARE(result->status, DnsStatus::Timeout);
    QVERIFY(isTemporary(result->status));
    QVERIFY2(result->errorText.contains(u"timeout"), qPrintable(result->errorText));
    QVERIFY(elapsed.elapsed() >= 400);
    QCOMPARE(resolver.pendingLookups(), 0);
}

void TestResolver::timeoutThroughForwarder()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    resolver.setTimeout(400);
    const auto result = run(resolver, RecordType::A, QStringLiteral("host.timeout.test"));
    QVERIFY(result);
    QCOMPARE(result->status, DnsStatus::Timeout);
}

void TestResolver::deadServerIsTemporary()
{
    // The kernel refuses at once; Qt 6.4 reports that like an empty answer,
    // and no other record type answers either: unknown, so temporary.
    Resolver resolver;
    resolver.setNameserver(DnsFixture::deadServer());
    const auto result = run(resolver, RecordType::MX, QStringLiteral("multi.test"));
    QVERIFY(result);
    QVERIFY2(result->status == DnsStatus::NoAnswer, qPrintable(statusName(result->status)));
    QVERIFY(isTemporary(result->status));
    QVERIFY(!result->errorText.isEmpty());
}

void TestResolver::invalidNamesNeverSent_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("dot only") << QStringLiteral(".");
    QTest::newRow("empty label") << QStringLiteral("a..test");
    QTest::newRow("space") << QStringLiteral("exa mple.test");
    QTest::newRow("label too long") << QString(64, u'a') + QStringLiteral(".test");
    QTest::newRow("name too long")
        << (QString(60, u'a') + u'.').repeated(5) + QStringLiteral("test");
    QTest::newRow("leading hyphen") << QStringLiteral("-bad.test");
    QTest::newRow("at sign") << QStringLiteral("user@multi.test");
}

void TestResolver::invalidNamesNeverSent()
{
    QFETCH(QString, name);
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    const auto result = run(resolver, RecordType::MX, name);
    QVERIFY(result);
    QCOMPARE(result->status, DnsStatus::InvalidName);
    QVERIFY(isPermanent(result->status));
}

void TestResolver::destroyedContextGetsNoCallback()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    int calls = 0;
    {
        QObject gone;
        resolver.lookup(RecordType::MX, QStringLiteral("multi.test"), &gone,
                        [&](const LookupResult&) { ++calls; });
    }
    QObject alive;
    bool done = false;
    resolver.lookup(RecordType::MX, QStringLiteral("equal.test"), &alive,
                    [&](const LookupResult&) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, waitMs);
    QCOMPARE(calls, 0);
}

void TestResolver::normalizedName_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "example.com"
                           << "example.com";
    QTest::newRow("case and dot") << "Mail.Example.COM."
                                  << "mail.example.com";
    QTest::newRow("underscore label") << "_mta-sts.example.com"
                                      << "_mta-sts.example.com";
    QTest::newRow("idn") << QStringLiteral("bücher.example") << "xn--bcher-kva.example";
    QTest::newRow("single label") << "localhost"
                                  << "localhost";
    QTest::newRow("trailing hyphen") << "bad-.example"
                                     << "";
    QTest::newRow("slash") << "a/b.example"
                           << "";
}

void TestResolver::normalizedName()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(Resolver::normalizedName(input), expected);
}

QTEST_GUILESS_MAIN(TestResolver)
#include "TestResolver.moc"
