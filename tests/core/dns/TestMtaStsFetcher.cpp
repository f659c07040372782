// MtaStsFetcher against the real fixture: dnsmasq on 127.0.0.53 for the
// _mta-sts TXT and mta-sts.<domain> records, and a local HTTPS server with a
// test CA serving the policies (tests/fixtures/dns/dns_fixture.py --https).

#include "DnsFixture.h"
#include "delivery/MtaStsFetcher.h"
#include "dns/Resolver.h"
#include "queue/ManualClock.h"

#include <QTest>
#include <optional>

using namespace RelayDesk;
using Delivery::MtaStsFetcher;
using Delivery::MtaStsLookup;
using Delivery::MtaStsPolicy;
using Source = MtaStsLookup::Source;
using Mode = MtaStsPolicy::Mode;

Q_DECLARE_METATYPE(MtaStsLookup::Source)

namespace {
constexpr int waitMs = 30000;
}

class TestMtaStsFetcher final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_fixture.stop(); }
    void init();

    void enforce();
    void testingAndNone_data();
    void testingAndNone();
    void failures_data();
    void failures();
    void slowPolicyServerTimesOut();
    void cachedWhileIdUnchanged();
    void refetchedAfterMaxAge();
    void newIdFetchesAgainAndFailedFetchKeepsCache();
    void concurrentRequestsShareOneFetch();
    void goodConnectionNotReusedForOtherHost();
    void destroyedContextGetsNoCallback();

private:
    std::optional<MtaStsLookup> run(const QString& domain);

    DnsFixture m_fixture;
    Queue::ManualClock m_clock;
    std::unique_ptr<Dns::Resolver> m_resolver;
    std::unique_ptr<MtaStsFetcher> m_fetcher;
};

void TestMtaStsFetcher::initTestCase()
{
    QVERIFY(m_fixture.start(true));
    QVERIFY(m_fixture.httpsPort() != 0);
}

void TestMtaStsFetcher::init()
{
    m_fetcher.reset();
    m_resolver = std::make_unique<Dns::Resolver>();
    m_resolver->setNameserver(DnsFixture::server());
    m_fetcher = std::make_unique<MtaStsFetcher>(m_resolver.get(), &m_clock);
    m_fetcher->setHttpsPort(m_fixture.httpsPort());
    m_fetcher->setCaFile(m_fixture.caFile());
}

std::optional<MtaStsLookup> TestMtaStsFetcher::run(const QString& domain)
{
    QObject context;
    std::optional<MtaStsLookup> result;
    m_fetcher->policyFor(domain, &context, [&](const MtaStsLookup& r) { result = r; });
    if (result)
        return MtaStsLookup{}; // never synchronous
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), waitMs); }();
    return result;
}

void TestMtaStsFetcher::enforce()
{
    const int before = m_fixture.policyRequests(QStringLiteral("mta-sts.enforce.test"));
    const auto r = run(QStringLiteral("enforce.test"));
    QVERIFY(r);
    QVERIFY2(r->policy, qPrintable(r->log));
    QCOMPARE(r->source, Source::Fetched);
    QCOMPARE(r->domain, QStringLiteral("enforce.test"));
    QCOMPARE(r->policy->mode, Mode::Enforce);
    QCOMPARE(r->policy->id, QStringLiteral("enf2024"));
    QCOMPARE(r->policy->maxAge, 604800);
    QCOMPARE(r->policy->mx, (QStringList{"mx1.enforce.test", "*.backup.enforce.test"}));
    QVERIFY(r->policy->matches(QStringLiteral("mx1.enforce.test")));
    QVERIFY(!r->policy->matches(QStringLiteral("rogue.elsewhere.test")));
    QVERIFY2(r->log.contains(u"enf2024"), qPrintable(r->log));
    // The request reached the server under the policy host's name.
    QCOMPARE(m_fixture.policyRequests(QStringLiteral("mta-sts.enforce.test")), before + 1);
}

void TestMtaStsFetcher::testingAndNone_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<QString>("id");
    QTest::newRow("testing, CRLF policy") << "testing.test" << Mode::Testing << "tst1";
    QTest::newRow("none") << "none.test" << Mode::None << "none1";
}

void TestMtaStsFetcher::testingAndNone()
{
    QFETCH(QString, domain);
    QFETCH(Mode, mode);
    QFETCH(QString, id);
    const auto r = run(domain);
    QVERIFY(r);
    QVERIFY2(r->policy, qPrintable(r->log));
    QCOMPARE(r->source, Source::Fetched);
    QCOMPARE(r->policy->mode, mode);
    QCOMPARE(r->policy->id, id);
}

void TestMtaStsFetcher::failures_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("logPart");
    QTest::addColumn<bool>("httpsRequested");

    QTest::newRow("certificate not for the policy host") << "badcert.test"
                                                         << "fetch failed" << false;
    QTest::newRow("invalid policy") << "badpolicy.test"
                                    << "max_age is missing" << true;
    QTest::newRow("404") << "nopolicy.test"
                         << "404" << true;
    QTest::newRow("redirect not followed") << "redirect.test"
                                           << "redirect" << true;
    QTest::newRow("not text/plain") << "htmltype.test"
                                    << "text/html" << true;
    QTest::newRow("larger than 64 KiB") << "huge.test"
                                        << "larger than" << true;
    QTest::newRow("TXT is not STSv1") << "badtxt.test"
                                      << "no v=STSv1" << false;
    QTest::newRow("two STSv1 TXT records") << "twotxt.test"
                                           << "2 v=STSv1" << false;
    QTest::newRow("no TXT record") << "notxt.test"
                                   << "no _mta-sts TXT record" << false;
    QTest::newRow("domain does not exist") << "missing.test"
                                           << "no _mta-sts TXT record" << false;
    QTest::newRow("DNS failure") << "servfail.test"
                                 << "SERVFAIL" << false;
}

void TestMtaStsFetcher::failures()
{
    QFETCH(QString, domain);
    QFETCH(QString, logPart);
    QFETCH(bool, httpsRequested);

    const QString host = QStringLiteral("mta-sts.") + domain;
    const int before = m_fixture.policyRequests(host);
    const auto r = run(domain);
    QVERIFY(r);
    QVERIFY(!r->policy);
    QCOMPARE(r->source, Source::None);
    QVERIFY2(r->log.contains(logPart), qPrintable(r->log));
    QCOMPARE(m_fixture.policyRequests(host), before + (httpsRequested ? 1 : 0));
    QCOMPARE(m_fetcher->cache().size(), 0);
    // The redirect target (enforce.test's policy) was not fetched either.
    if (domain == QStringLiteral("redirect.test"))
        QVERIFY(!r->log.contains(u"enf2024"));
}

void TestMtaStsFetcher::slowPolicyServerTimesOut()
{
    m_fetcher->setTimeout(500);
    const auto r = run(QStringLiteral("slowpolicy.test"));
    QVERIFY(r);
    QVERIFY(!r->policy);
    QVERIFY2(r->log.contains(u"fetch failed"), qPrintable(r->log));
}

void TestMtaStsFetcher::cachedWhileIdUnchanged()
{
    const QString host = QStringLiteral("mta-sts.enforce.test");
    const int before = m_fixture.policyRequests(host);
    const auto first = run(QStringLiteral("enforce.test"));
    QVERIFY(first && first->source == Source::Fetched);
    m_clock.advance(3600);
    const auto second = run(QStringLiteral("enforce.test"));
    QVERIFY(second);
    QCOMPARE(second->source, Source::Cached);
    QCOMPARE(second->policy, first->policy);
    QCOMPARE(m_fixture.policyRequests(host), before + 1);
    QCOMPARE(m_fetcher->fetchesStarted(), 1);
}

void TestMtaStsFetcher::refetchedAfterMaxAge()
{
    const auto first = run(QStringLiteral("testing.test")); // max_age 86400
    QVERIFY(first && first->source == Source::Fetched);
    m_clock.advance(86399);
    QCOMPARE(run(QStringLiteral("testing.test"))->source, Source::Cached);
    m_clock.advance(1);
    QCOMPARE(run(QStringLiteral("testing.test"))->source, Source::Fetched);
    QCOMPARE(m_fetcher->fetchesStarted(), 2);
}

void TestMtaStsFetcher::newIdFetchesAgainAndFailedFetchKeepsCache()
{
    // rotate.test has no TXT record yet: no policy.
    QCOMPARE(run(QStringLiteral("rotate.test"))->source, Source::None);

    QVERIFY(m_fixture.command("txt _mta-sts.rotate.test v=STSv1; id=r1"));
    const auto r1 = run(QStringLiteral("rotate.test"));
    QVERIFY(r1 && r1->policy);
    QCOMPARE(r1->source, Source::Fetched);
    QCOMPARE(r1->policy->id, QStringLiteral("r1"));
    QCOMPARE(r1->policy->mx, QStringList{QStringLiteral("mx.rotate.test")});

    // A new id announces a new policy: fetched again, and replaces the old.
    const QString newPolicy = m_fixture.path(QStringLiteral("rotate-v2.txt"));
    {
        QFile f(newPolicy);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version: STSv1\nmode: testing\nmx: *.rotate.test\nmax_age: 600\n");
    }
    QVERIFY(m_fixture.command("policy rotate.test " + newPolicy.toUtf8()));
    QVERIFY(m_fixture.command("txt _mta-sts.rotate.test v=STSv1; id=r2"));
    // The fixture now serves two TXT records (r1 and r2): not a valid set.
    // Use the cached policy meanwhile (RFC 8461 3.3).
    const auto both = run(QStringLiteral("rotate.test"));
    QVERIFY(both);
    QCOMPARE(both->source, Source::Cached);
    QCOMPARE(both->policy->id, QStringLiteral("r1"));
    QVERIFY2(both->log.contains(u"2 v=STSv1"), qPrintable(both->log));
}

void TestMtaStsFetcher::concurrentRequestsShareOneFetch()
{
    const QString host = QStringLiteral("mta-sts.none.test");
    const int before = m_fixture.policyRequests(host);
    QObject context;
    int done = 0;
    for (int i = 0; i < 5; ++i) {
        m_fetcher->policyFor(QStringLiteral("None.Test"), &context, [&](const MtaStsLookup& r) {
            QVERIFY(r.policy);
            ++done;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 5, waitMs);
    QCOMPARE(m_fetcher->fetchesStarted(), 1);
    QCOMPARE(m_fixture.policyRequests(host), before + 1);
}

void TestMtaStsFetcher::goodConnectionNotReusedForOtherHost()
{
    // Same address and port for both policy hosts: a kept-alive connection
    // verified for mta-sts.enforce.test must not serve mta-sts.badcert.test.
    QVERIFY(run(QStringLiteral("enforce.test"))->policy);
    const auto bad = run(QStringLiteral("badcert.test"));
    QVERIFY(bad);
    QVERIFY(!bad->policy);
    QVERIFY2(bad->log.contains(u"fetch failed"), qPrintable(bad->log));
    QCOMPARE(m_fixture.policyRequests(QStringLiteral("mta-sts.badcert.test")), 0);
}

void TestMtaStsFetcher::destroyedContextGetsNoCallback()
{
    int calls = 0;
    {
        QObject gone;
        m_fetcher->policyFor(QStringLiteral("enforce.test"), &gone,
                             [&](const MtaStsLookup&) { ++calls; });
    }
    const auto r = run(QStringLiteral("enforce.test")); // joins the same lookup
    QVERIFY(r && r->policy);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestMtaStsFetcher)
#include "TestMtaStsFetcher.moc"
