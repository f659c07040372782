// Dns::MxResolver against a real dnsmasq on 127.0.0.53 serving
// tests/fixtures/dns/zone.conf; the ordering rule also on its own.

#include "DnsFixture.h"
#include "dns/MxResolver.h"
#include "dns/Resolver.h"

#include <QSet>
#include <QTest>
#include <optional>

using namespace RelayDesk::Dns;
using Outcome = MxResolution::Outcome;

Q_DECLARE_METATYPE(RelayDesk::Dns::MxResolution::Outcome)
Q_DECLARE_METATYPE(RelayDesk::Dns::AddressPreference)

namespace {

constexpr int waitMs = 30000;

/// Always picks index `k` modulo the bound: a deterministic "random" source.
MxResolver::RandomSource fixedRandom(quint32 k)
{
    return [k](quint32 bound) { return k % bound; };
}

QStringList hostNames(const MxResolution& r)
{
    QStringList out;
    for (const MxHost& h : r.hosts)
        out.append(h.name);
    return out;
}

QStringList candidateList(const MxResolution& r)
{
    QStringList out;
    for (const MxCandidate& c : r.candidates())
        out.append(c.host + u'=' + c.address.toString());
    return out;
}

} // namespace

class TestMxResolver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_fixture.start(false)); }
    void cleanupTestCase() { m_fixture.stop(); }

    void orderRecords_data();
    void orderRecords();
    void orderRecordsCoversEveryPermutation();

    void resolve_data();
    void resolve();
    void equalPreferenceUsesRandomSource();
    void addressPreference_data();
    void addressPreference();
    void maxHosts();
    void timeoutIsTemporary();
    void destroyedContextGetsNoCallback();

private:
    std::optional<MxResolution> run(const QString& domain,
                                    AddressPreference preference = AddressPreference::IPv4First,
                                    MxResolver::RandomSource random = fixedRandom(0),
                                    int timeoutMs = 8000, int maxHosts = 10);

    DnsFixture m_fixture;
};

std::optional<MxResolution> TestMxResolver::run(const QString& domain, AddressPreference preference,
                                                MxResolver::RandomSource random, int timeoutMs,
                                                int maxHosts)
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    resolver.setTimeout(timeoutMs);
    MxResolver mx(&resolver);
    mx.setRandomSource(std::move(random));
    mx.setAddressPreference(preference);
    mx.setMaxHosts(maxHosts);
    QObject context;
    std::optional<MxResolution> result;
    mx.resolve(domain, &context, [&](const MxResolution& r) { result = r; });
    if (result)
        return MxResolution{}; // never synchronous
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), waitMs); }();
    return result;
}

void TestMxResolver::orderRecords_data()
{
    QTest::addColumn<QList<MxRecord>>("records");
    QTest::addColumn<bool>("pickLast"); ///< else always index 0 of the run
    QTest::addColumn<QStringList>("expected");

    const QList<MxRecord> mixed{{20, "b"}, {10, "a"}, {30, "c"}};
    QTest::newRow("by preference") << mixed << false << QStringList{"a", "b", "c"};
    const QList<MxRecord> equal{{10, "a"}, {10, "b"}, {10, "c"}, {5, "first"}};
    // Fisher-Yates from the end, always swapping with index 0 of the run:
    // [a b c] -> swap(c,a) [c b a] -> swap(b,c) [b c a].
    QTest::newRow("equal, pick 0") << equal << false << QStringList{"first", "b", "c", "a"};
    QTest::newRow("equal, pick last") << equal << true << QStringList{"first", "a", "b", "c"};
    QTest::newRow("null target dropped")
        << QList<MxRecord>{{0, ""}, {10, "a"}} << false << QStringList{"a"};
    QTest::newRow("only null") << QList<MxRecord>{{0, ""}} << false << QStringList{};
}

void TestMxResolver::orderRecords()
{
    QFETCH(QList<MxRecord>, records);
    QFETCH(bool, pickLast);
    QFETCH(QStringList, expected);
    const MxResolver::RandomSource random =
        pickLast ? MxResolver::RandomSource([](quint32 bound) { return bound - 1; })
                 : fixedRandom(0);
    QStringList got;
    for (const MxRecord& r : MxResolver::orderRecords(records, random))
        got.append(r.exchange);
    QCOMPARE(got, expected);
}

void TestMxResolver::orderRecordsCoversEveryPermutation()
{
    // Feeding every sequence of choices must yield all 3! orders, each once:
    // equal preference really is shuffled, not rotated.
    const QList<MxRecord> equal{{10, "a"}, {10, "b"}, {10, "c"}};
    QSet<QString> seen;
    for (quint32 first = 0; first < 3; ++first) {
        for (quint32 second = 0; second < 2; ++second) {
            QList<quint32> choices{first, second};
            auto random = [&choices](quint32 bound) {
                const quint32 c = choices.takeFirst();
                return c % bound;
            };
            QString order;
            for (const MxRecord& r : MxResolver::orderRecords(equal, random))
                order += r.exchange;
            seen.insert(order);
        }
    }
    QCOMPARE(seen.size(), 6);
}

void TestMxResolver::resolve_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("candidates");

    QTest::newRow("several preferences")
        << "multi.test" << Outcome::Ok << ""
        << QStringList{"mx1.multi.test=127.0.0.11", "mx2.multi.test=127.0.0.12",
                       "mx2.multi.test=::1", "mx3.multi.test=127.0.0.13"};
    QTest::newRow("null MX") << "null.test" << Outcome::PermanentFailure << "5.1.10"
                             << QStringList{};
    QTest::newRow("implicit MX, A")
        << "nomx.test" << Outcome::Ok << "" << QStringList{"nomx.test=127.0.0.20"};
    QTest::newRow("implicit MX, AAAA only")
        << "v6only.test" << Outcome::Ok << "" << QStringList{"v6only.test=::1"};
    QTest::newRow("NXDOMAIN") << "missing.test" << Outcome::PermanentFailure << "5.1.2"
                              << QStringList{};
    QTest::newRow("no MX, no address")
        << "txtonly.test" << Outcome::PermanentFailure << "5.1.2" << QStringList{};
    QTest::newRow("first MX host has no address")
        << "partial.test" << Outcome::Ok << "" << QStringList{"mx.partial.test=127.0.2.2"};
    QTest::newRow("no MX host has an address")
        << "broken.test" << Outcome::TemporaryFailure << "4.4.4" << QStringList{};
    QTest::newRow("SERVFAIL") << "servfail.test" << Outcome::TemporaryFailure << "4.4.3"
                              << QStringList{};
    QTest::newRow("domain is an alias")
        << "alias.test" << Outcome::Ok << "" << QStringList{"nomx.test=127.0.0.20"};
    QTest::newRow("MX host is an alias")
        << "cnamemx.test" << Outcome::Ok << "" << QStringList{"mail.cnamemx.test=127.0.0.30"};
    QTest::newRow("invalid domain")
        << "bad domain.test" << Outcome::PermanentFailure << "5.1.2" << QStringList{};
}

void TestMxResolver::resolve()
{
    QFETCH(QString, domain);
    QFETCH(Outcome, outcome);
    QFETCH(QString, code);
    QFETCH(QStringList, candidates);

    const auto r = run(domain);
    QVERIFY(r);
    QCOMPARE(r->outcome, outcome);
    QCOMPARE(r->enhancedStatus, code);
    QCOMPARE(candidateList(*r), candidates);
    QCOMPARE(r->text.isEmpty(), outcome == Outcome::Ok);
    QCOMPARE(r->replyCode(), outcome == Outcome::Ok                 ? 0
                             : outcome == Outcome::PermanentFailure ? 550
                                                                    : 451);
    if (outcome != Outcome::Ok)
        QVERIFY2(r->text.contains(domain.section(u' ', -1)) || r->text.contains(domain),
                 qPrintable(r->text));
}

void TestMxResolver::equalPreferenceUsesRandomSource()
{
    // With pick 0 the equal run a, b, c becomes b, c, a (see orderRecords);
    // the backup at preference 20 always comes last.
    const auto fixed = run(QStringLiteral("equal.test"));
    QVERIFY(fixed);
    QCOMPARE(hostNames(*fixed).last(), QStringLiteral("backup.equal.test"));
    QCOMPARE(hostNames(*fixed).size(), 4);

    // Every order of the equal hosts shows up across the random choices;
    // the order of the server's answer does not decide.
    QSet<QStringList> orders;
    for (quint32 k3 = 0; k3 < 3; ++k3) {
        for (quint32 k2 = 0; k2 < 2; ++k2) {
            const auto r = run(QStringLiteral("equal.test"), AddressPreference::IPv4First,
                               [k3, k2](quint32 bound) { return bound == 3 ? k3 : k2; });
            QVERIFY(r);
            QCOMPARE(r->outcome, Outcome::Ok);
            QCOMPARE(r->hosts.last().name, QStringLiteral("backup.equal.test"));
            for (int i = 0; i < 3; ++i)
                QCOMPARE(r->hosts[i].preference, quint16(10));
            orders.insert(hostNames(*r).mid(0, 3));
        }
    }
    QCOMPARE(orders.size(), 6);
}

void TestMxResolver::addressPreference_data()
{
    QTest::addColumn<AddressPreference>("preference");
    QTest::addColumn<QStringList>("mx2");
    QTest::newRow("IPv4 first") << AddressPreference::IPv4First << QStringList{"127.0.0.12", "::1"};
    QTest::newRow("IPv6 first") << AddressPreference::IPv6First << QStringList{"::1", "127.0.0.12"};
    QTest::newRow("IPv4 only") << AddressPreference::IPv4Only << QStringList{"127.0.0.12"};
    QTest::newRow("IPv6 only") << AddressPreference::IPv6Only << QStringList{"::1"};
}

void TestMxResolver::addressPreference()
{
    QFETCH(AddressPreference, preference);
    QFETCH(QStringList, mx2);
    const auto r = run(QStringLiteral("multi.test"), preference);
    QVERIFY(r);
    QCOMPARE(r->outcome, Outcome::Ok);
    QCOMPARE(r->hosts[1].name, QStringLiteral("mx2.multi.test"));
    QStringList got;
    for (const QHostAddress& a : r->hosts[1].addresses)
        got.append(a.toString());
    QCOMPARE(got, mx2);
    if (preference == AddressPreference::IPv6Only)
        QVERIFY(r->hosts[0].addresses.isEmpty() && !r->hosts[0].error.isEmpty());
}

void TestMxResolver::maxHosts()
{
    const auto r =
        run(QStringLiteral("multi.test"), AddressPreference::IPv4First, fixedRandom(0), 8000, 2);
    QVERIFY(r);
    QCOMPARE(hostNames(*r), (QStringList{"mx1.multi.test", "mx2.multi.test"}));
}

void TestMxResolver::timeoutIsTemporary()
{
    const auto r =
        run(QStringLiteral("timeout.test"), AddressPreference::IPv4First, fixedRandom(0), 400);
    QVERIFY(r);
    QCOMPARE(r->outcome, Outcome::TemporaryFailure);
    QCOMPARE(r->enhancedStatus, QStringLiteral("4.4.3"));
    QVERIFY2(r->text.contains(u"timeout"), qPrintable(r->text));
}

void TestMxResolver::destroyedContextGetsNoCallback()
{
    Resolver resolver;
    resolver.setNameserver(DnsFixture::server());
    MxResolver mx(&resolver);
    int calls = 0;
    {
        QObject gone;
        mx.resolve(QStringLiteral("multi.test"), &gone, [&](const MxResolution&) { ++calls; });
    }
    QObject alive;
    bool done = false;
    mx.resolve(QStringLiteral("nomx.test"), &alive, [&](const MxResolution&) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, waitMs);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestMxResolver)
#include "TestMxResolver.moc"
