// Direct MX delivery through the real DNS fixture (dnsmasq on
// 127.0.0.53:53 serving tests/fixtures/dns/zone.conf, plus its MTA-STS
// HTTPS server) to scripted upstreams listening on the MX hosts' loopback
// addresses (127.0.0.11 = mx1.multi.test, ...), all on one test port.

#include "../dns/DnsFixture.h"
#include "TestDeliveryEngineSupport.h"
#include "delivery/MxDeliveryPlanner.h"
#include "delivery/RouteTable.h"
#include "queue/DestinationScheduler.h"

using namespace RelayDesk;
using namespace DeliveryTest;
using Delivery::DeliveryEngine;
using Delivery::Route;
using Delivery::RouteTable;
using Store::AttemptOutcome;
using Store::RecipientState;

class TestDeliveryEngineMx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void hostsFollowMtaStsPolicy_data();
    void hostsFollowMtaStsPolicy();
    void deliversToPreferredMx();
    void failsOverToNextMxHost();
    void implicitMx();
    void permanentDnsFailuresFailAtOnce_data();
    void permanentDnsFailuresFailAtOnce();
    void temporaryDnsFailureDefers();
    void mtaStsEnforceDeliversOverVerifiedTls();
    void mtaStsEnforceRefusesBadCertificate();

private:
    /// Starts an upstream on `address` at the shared MX port (the first one picks it).
    bool startMx(const QString& address, const QStringList& args = {});
    std::unique_ptr<DeliveryEngine> makeMxEngine();

    DnsFixture m_dns;
    std::unique_ptr<Harness> m_h;
    std::vector<std::unique_ptr<Upstream>> m_upstreams;
    quint16 m_mxPort = 0;
};

void TestDeliveryEngineMx::initTestCase()
{
    QVERIFY(QFile::exists(upstreamScript()));
    QVERIFY2(m_dns.start(true), "the DNS fixture needs root (port 53) and dnsmasq");
    // An MX certificate signed by the fixture's CA, which the engine trusts
    // (MxDeliverySettings::caFile) for the policy host as well.
    const QString dir = m_dns.path(QString());
    QVERIFY(makeCertificate(dir, QStringLiteral("mx1"), QStringLiteral("DNS:mx1.enforce.test")));
    QVERIFY(makeCertificate(dir, QStringLiteral("wrong"), QStringLiteral("DNS:other.test")));
}

void TestDeliveryEngineMx::init()
{
    m_h = std::make_unique<Harness>();
    QVERIFY(m_h->startStore());
    m_mxPort = 0;
}

void TestDeliveryEngineMx::cleanup()
{
    m_upstreams.clear();
    m_h.reset();
}

bool TestDeliveryEngineMx::startMx(const QString& address, const QStringList& args)
{
    auto upstream = std::make_unique<Upstream>();
    if (!upstream->start(m_h->path(address + QStringLiteral(".jsonl")), args, address, m_mxPort))
        return false;
    m_mxPort = upstream->port();
    m_upstreams.push_back(std::move(upstream));
    return true;
}

std::unique_ptr<DeliveryEngine> TestDeliveryEngineMx::makeMxEngine()
{
    auto engine = m_h->makeEngine();
    Delivery::MxDeliverySettings mx;
    mx.nameserver = DnsFixture::server();
    mx.ehloName = QStringLiteral("relay.test");
    mx.mtaStsHttpsPort = m_dns.httpsPort();
    mx.caFile = m_dns.caFile();
    mx.connectTimeoutMs = 10000;
    mx.commandTimeoutMs = 10000;
    mx.dataTimeoutMs = 10000;
    mx.dnsTimeoutMs = 3000;
    engine->setMxSettings(mx);
    if (m_mxPort == 0)
        m_mxPort = closedPort();
    engine->setMxPort(m_mxPort);
    Route route;
    route.name = QStringLiteral("direct");
    route.transport.kind = Route::Transport::Kind::Mx;
    engine->setRoutes(RouteTable({}, route));
    return engine;
}

void TestDeliveryEngineMx::hostsFollowMtaStsPolicy_data()
{
    QTest::addColumn<QString>("mode"); ///< "", "enforce", "testing", "none"
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<bool>("requireTls");
    QTest::addColumn<int>("refusals");
    QTest::addColumn<int>("notes");

    const QStringList both{QStringLiteral("mx1.example.test"), QStringLiteral("rogue.other.test")};
    const QStringList one{QStringLiteral("mx1.example.test")};
    QTest::newRow("no policy: opportunistic, all hosts") << "" << both << false << 0 << 0;
    QTest::newRow("none: like no policy") << "none" << both << false << 0 << 0;
    QTest::newRow("testing: all hosts, reported") << "testing" << both << false << 0 << 1;
    QTest::newRow("enforce: matching hosts, TLS required") << "enforce" << one << true << 1 << 0;
}

void TestDeliveryEngineMx::hostsFollowMtaStsPolicy()
{
    QFETCH(QString, mode);
    QFETCH(QStringList, hosts);
    QFETCH(bool, requireTls);
    QFETCH(int, refusals);
    QFETCH(int, notes);
    Delivery::MxDeliveryPlan plan;
    plan.domain = QStringLiteral("example.test");
    plan.resolution.domain = plan.domain;
    plan.resolution.outcome = Dns::MxResolution::Outcome::Ok;
    for (const QString& name :
         {QStringLiteral("mx1.example.test"), QStringLiteral("rogue.other.test")}) {
        Dns::MxHost host;
        host.name = name;
        host.preference = 10;
        host.addresses = {QHostAddress(QStringLiteral("127.0.0.1"))};
        plan.resolution.hosts.append(host);
    }
    if (!mode.isEmpty()) {
        const QByteArray body =
            "version: STSv1\nmode: " + mode.toLatin1() + "\nmx: mx1.example.test\nmax_age: 86400\n";
        plan.mtaSts = Delivery::MtaStsPolicy::parse(body);
        QVERIFY(plan.mtaSts);
    }
    Delivery::MxDeliverySettings settings;
    settings.port = 2525;
    QStringList refused;
    QStringList reported;
    const auto result = Delivery::MxDeliveryPlanner::hostsFor(
        plan, settings, QStringLiteral("route.example"), &refused, &reported);
    QStringList names;
    for (const auto& h : result) {
        names.append(h.settings.host);
        QCOMPARE(h.key, QStringLiteral("mx:example.test"));
        QCOMPARE(h.settings.port, quint16(2525));
        QCOMPARE(h.settings.heloName, QStringLiteral("route.example"));
        QCOMPARE(h.settings.tls, requireTls ? Delivery::TlsMode::StartTlsRequired
                                            : Delivery::TlsMode::StartTlsOpportunistic);
        QCOMPARE(h.address, QHostAddress(QStringLiteral("127.0.0.1")));
    }
    QCOMPARE(names, hosts);
    QCOMPARE(refused.size(), refusals);
    QCOMPARE(reported.size(), notes);
}

void TestDeliveryEngineMx::deliversToPreferredMx()
{
    QVERIFY(startMx(QStringLiteral("127.0.0.11")));
    QVERIFY(startMx(QStringLiteral("127.0.0.13")));
    auto engine = makeMxEngine();
    const qint64 id = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@multi.test")});
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Delivered);
    QCOMPARE(o.upstreamHost, QStringLiteral("mx1.multi.test[127.0.0.11]:%1").arg(m_mxPort));
    QCOMPARE(m_upstreams[0]->log().size(), 1);
    QVERIFY(m_upstreams[1]->log().isEmpty());
    QCOMPARE(m_h->deliveryLog(id).at(0).upstreamHost, o.upstreamHost);
}

void TestDeliveryEngineMx::failsOverToNextMxHost()
{
    // mx1 (127.0.0.11): nothing listens; mx2 (127.0.0.12 and ::1): 421 at
    // the greeting; mx3 (127.0.0.13): accepts.
    QVERIFY(startMx(QStringLiteral("127.0.0.13")));
    QVERIFY(startMx(QStringLiteral("127.0.0.12"), {"--mode", "greet-421"}));
    auto engine = makeMxEngine();
    QSignalSpy failed(engine.get(), &DeliveryEngine::connectionFailed);
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@multi.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Delivered);
    QCOMPARE(o.upstreamHost, QStringLiteral("mx3.multi.test[127.0.0.13]:%1").arg(m_mxPort));
    QVERIFY(failed.size() >= 2);
    QVERIFY2(failed[0][0].toString().startsWith(QLatin1String("mx1.multi.test[127.0.0.11]")),
             qPrintable(failed[0][0].toString()));
    QVERIFY2(failed[1][0].toString().startsWith(QLatin1String("mx2.multi.test[127.0.0.12]")),
             qPrintable(failed[1][0].toString()));
    QVERIFY(failed[1][1].toString().contains(QLatin1String("421")));
    // The domain as a whole answered: it is not paused.
    for (const auto& s : engine->destinations()) {
        if (s.key == QLatin1String("mx:multi.test"))
            QVERIFY(s.state != Queue::DestinationState::Paused);
    }
}

void TestDeliveryEngineMx::implicitMx()
{
    QVERIFY(startMx(QStringLiteral("127.0.0.20")));
    auto engine = makeMxEngine();
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@nomx.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    QCOMPARE(m_h->outcomes().at(0).newState, RecipientState::Delivered);
    QCOMPARE(m_h->outcomes().at(0).upstreamHost,
             QStringLiteral("nomx.test[127.0.0.20]:%1").arg(m_mxPort));
}

void TestDeliveryEngineMx::permanentDnsFailuresFailAtOnce_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("status");
    QTest::newRow("null MX") << "null.test"
                             << "5.1.10";
    QTest::newRow("NXDOMAIN") << "nosuchdomain.test"
                              << "5.1.2";
}

void TestDeliveryEngineMx::permanentDnsFailuresFailAtOnce()
{
    QFETCH(QString, domain);
    QFETCH(QString, status);
    auto engine = makeMxEngine();
    QSignalSpy failed(engine.get(), &DeliveryEngine::connectionFailed);
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"),
                        {QStringLiteral("u1@") + domain, QStringLiteral("u2@") + domain}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    for (const AttemptOutcome& o : std::as_const(m_h->outcomes())) {
        QCOMPARE(o.newState, RecipientState::Failed);
        QCOMPARE(o.replyCode, 550);
        QCOMPARE(o.enhancedStatus, status);
    }
    QCOMPARE(failed.size(), 0); // no connection was tried
    QCOMPARE(m_h->counts().failed, 2);
}

void TestDeliveryEngineMx::temporaryDnsFailureDefers()
{
    auto engine = makeMxEngine();
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@servfail.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Deferred);
    QCOMPARE(o.replyCode, 451);
    QCOMPARE(o.enhancedStatus, QStringLiteral("4.4.3"));
}

void TestDeliveryEngineMx::mtaStsEnforceDeliversOverVerifiedTls()
{
    // enforce.test: mx1.enforce.test (127.0.3.1) matches the policy,
    // rogue.elsewhere.test does not and is never tried.
    const QString dir = m_dns.path(QString());
    QVERIFY(startMx(QStringLiteral("127.0.3.1"),
                    {"--tls-cert", dir + "/mx1.pem", "--tls-key", dir + "/mx1.key"}));
    QVERIFY(startMx(QStringLiteral("127.0.3.2")));
    auto engine = makeMxEngine();
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@enforce.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QVERIFY2(o.newState == RecipientState::Delivered, qPrintable(o.replyText));
    QCOMPARE(o.upstreamHost, QStringLiteral("mx1.enforce.test[127.0.3.1]:%1").arg(m_mxPort));
    const auto log = m_upstreams[0]->log();
    QCOMPARE(log.size(), 1);
    QVERIFY(log[0].value("tls").toBool());
    QVERIFY(m_upstreams[1]->log().isEmpty());
}

void TestDeliveryEngineMx::mtaStsEnforceRefusesBadCertificate()
{
    const QString dir = m_dns.path(QString());
    QVERIFY(startMx(QStringLiteral("127.0.3.1"),
                    {"--tls-cert", dir + "/wrong.pem", "--tls-key", dir + "/wrong.key"}));
    QVERIFY(startMx(QStringLiteral("127.0.3.2")));
    auto engine = makeMxEngine();
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("u@enforce.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Deferred);
    QCOMPARE(o.enhancedStatus, QStringLiteral("4.7.5"));
    QVERIFY2(o.replyText.contains(QLatin1String("MTA-STS")), qPrintable(o.replyText));
    QVERIFY(m_upstreams[0]->log().isEmpty()); // no mail over the unverified session
    QVERIFY(m_upstreams[1]->log().isEmpty()); // the policy does not allow this host
}

QTEST_GUILESS_MAIN(TestDeliveryEngineMx)
#include "TestDeliveryEngineMx.moc"
