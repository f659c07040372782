// DeliveryEngine v2 with several real upstreams at once (scripted aiosmtpd
// on 127.0.0.1): routes, failover to fallback smarthosts, per-destination
// backoff, rate-limit pacing with a ManualClock, header rewriting.

#include "TestDeliveryEngineSupport.h"
#include "delivery/RouteTable.h"
#include "queue/DestinationScheduler.h"

#include <QJsonArray>

using namespace RelayDesk;
using namespace DeliveryTest;
using Delivery::DeliveryEngine;
using Delivery::Route;
using Delivery::RouteTable;
using Delivery::SmarthostSettings;
using Store::AttemptOutcome;
using Store::RecipientState;

namespace {

Route smarthostRoute(const QString& name, const QString& smarthost)
{
    Route r;
    r.name = name;
    r.transport.kind = Route::Transport::Kind::Smarthost;
    r.transport.smarthost = smarthost;
    return r;
}

Queue::DestinationSnapshot snapshotOf(const DeliveryEngine& engine, const QString& key)
{
    for (const auto& s : engine.destinations()) {
        if (s.key == key)
            return s;
    }
    return {};
}

} // namespace

class TestDeliveryEngineRouting : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void failoverTriesFallbacksInOrder();
    void greeting421WithoutFallbackDefersAndPauses();
    void sickDestinationDoesNotHoldUpHealthyOne();
    void slowDestinationDoesNotHoldUpOthers();
    void rateLimitPacesMessages();
    void rateLimitExcessGoesBackToStore();
    void routesPickSmarthost_data();
    void routesPickSmarthost();
    void routesMatchIntake_data();
    void routesMatchIntake();
    void oneMessageSplitAcrossDestinations();
    void rewritingAppliedAndLogged();
    void rejectedRecipientsFail();
    void throttledDestinationPauses();
    void unconfiguredSmarthostDefers();

private:
    bool startUpstream(Upstream& upstream, const QString& name, const QStringList& args = {});

    std::unique_ptr<Harness> m_h;
    std::vector<std::unique_ptr<Upstream>> m_upstreams;
};

void TestDeliveryEngineRouting::init()
{
    QVERIFY(QFile::exists(upstreamScript()));
    m_h = std::make_unique<Harness>();
    QVERIFY(m_h->startStore());
}

void TestDeliveryEngineRouting::cleanup()
{
    m_upstreams.clear();
    m_h.reset();
}

bool TestDeliveryEngineRouting::startUpstream(Upstream& upstream, const QString& name,
                                              const QStringList& args)
{
    return upstream.start(m_h->path(name + QStringLiteral(".jsonl")), args);
}

void TestDeliveryEngineRouting::failoverTriesFallbacksInOrder()
{
    Upstream refusing; // 421 at the greeting
    Upstream healthy;
    QVERIFY(startUpstream(refusing, QStringLiteral("b"), {"--mode", "greet-421"}));
    QVERIFY(startUpstream(healthy, QStringLiteral("c")));
    const quint16 down = closedPort();
    QVERIFY(down != 0);

    SmarthostSettings primary = plainSmarthost(down);
    primary.fallbacks = {QStringLiteral("b"), QStringLiteral("c")};
    auto engine = m_h->makeEngine();
    engine->setSmarthosts({{QString(), primary},
                           {QStringLiteral("b"), plainSmarthost(refusing.port())},
                           {QStringLiteral("c"), plainSmarthost(healthy.port())}});
    QSignalSpy failed(engine.get(), &DeliveryEngine::connectionFailed);
    const qint64 id = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r@y.test")});
    QVERIFY(id > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));

    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Delivered);
    QCOMPARE(o.upstreamHost, healthy.hostPort()); // the host that answered
    QCOMPARE(failed.size(), 2);                   // in order: down, then 421
    QCOMPARE(failed[0][0].toString(), QStringLiteral("127.0.0.1:%1").arg(down));
    QCOMPARE(failed[1][0].toString(), refusing.hostPort());
    QVERIFY2(failed[1][1].toString().contains(QLatin1String("421")),
             qPrintable(failed[1][1].toString()));
    QCOMPARE(healthy.log().size(), 1);
    QVERIFY(refusing.log().isEmpty());
    const auto rows = m_h->deliveryLog(id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].upstreamHost, healthy.hostPort());

    // Both sick hosts are paused now: the next message goes straight to
    // the healthy fallback, without knocking at the others again.
    QCOMPARE(snapshotOf(*engine, QStringLiteral("smarthost:default")).state,
             Queue::DestinationState::Paused);
    QCOMPARE(snapshotOf(*engine, QStringLiteral("smarthost:b")).state,
             Queue::DestinationState::Paused);
    QVERIFY(snapshotOf(*engine, QStringLiteral("smarthost:b")).lastFailure ==
            Queue::DestinationFailure::GreetingRejected);
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("s@y.test")}) > 0);
    engine->wake();
    QVERIFY(m_h->waitForOutcomes(2));
    QCOMPARE(m_h->outcomes().at(1).newState, RecipientState::Delivered);
    QCOMPARE(m_h->outcomes().at(1).upstreamHost, healthy.hostPort());
    QCOMPARE(failed.size(), 2);
    QCOMPARE(healthy.log().size(), 2);
}

void TestDeliveryEngineRouting::greeting421WithoutFallbackDefersAndPauses()
{
    Upstream refusing;
    QVERIFY(startUpstream(refusing, QStringLiteral("r"), {"--mode", "greet-421"}));
    auto engine = m_h->makeEngine();
    engine->setSmarthost(plainSmarthost(refusing.port()));
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r@y.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Deferred);
    QCOMPARE(o.replyCode, 421);
    QCOMPARE(o.enhancedStatus, QStringLiteral("4.3.2"));
    QCOMPARE(o.upstreamHost, refusing.hostPort());
    const auto s = snapshotOf(*engine, QStringLiteral("smarthost:default"));
    QCOMPARE(s.state, Queue::DestinationState::Paused);
    // Not retried before the pause ends, even though the retry schedule
    // would allow it after a minute.
    QVERIFY(o.nextAttempt >= s.pausedUntil);
}

void TestDeliveryEngineRouting::sickDestinationDoesNotHoldUpHealthyOne()
{
    Upstream healthy;
    QVERIFY(startUpstream(healthy, QStringLiteral("healthy"), {"--pipelining"}));
    const quint16 down = closedPort();
    auto engine = m_h->makeEngine();
    engine->setSmarthosts({{QStringLiteral("default"), plainSmarthost(healthy.port())},
                           {QStringLiteral("sick"), plainSmarthost(down)}});
    Route sick = smarthostRoute(QStringLiteral("sick-senders"), QStringLiteral("sick"));
    sick.match.senders = {QStringLiteral("sick.test")};
    engine->setRoutes(RouteTable({sick}, smarthostRoute(QStringLiteral("default"), QString())));
    QSignalSpy failed(engine.get(), &DeliveryEngine::connectionFailed);

    const qint64 toSick = m_h->commit(QStringLiteral("a@sick.test"), {QStringLiteral("r@y.test")});
    const qint64 toHealthy = m_h->commit(QStringLiteral("b@ok.test"), {QStringLiteral("r@y.test")});
    QVERIFY(toSick > 0 && toHealthy > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    QCOMPARE(m_h->outcomesOf(toSick).at(0).newState, RecipientState::Deferred);
    QVERIFY(m_h->outcomesOf(toSick).at(0).replyText.contains(QLatin1String("refused")));
    QCOMPARE(m_h->outcomesOf(toHealthy).at(0).newState, RecipientState::Delivered);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(snapshotOf(*engine, QStringLiteral("smarthost:sick")).state,
             Queue::DestinationState::Paused);
    QVERIFY(snapshotOf(*engine, QStringLiteral("smarthost:default")).state !=
            Queue::DestinationState::Paused);

    // While sick is paused its mail is deferred without a new connection
    // attempt, and the healthy destination keeps delivering.
    const qint64 toSick2 = m_h->commit(QStringLiteral("c@sick.test"), {QStringLiteral("s@y.test")});
    const qint64 toHealthy2 =
        m_h->commit(QStringLiteral("d@ok.test"), {QStringLiteral("s@y.test")});
    engine->wake();
    QVERIFY(m_h->waitForOutcomes(4));
    QCOMPARE(failed.size(), 1);
    const AttemptOutcome deferred = m_h->outcomesOf(toSick2).at(0);
    QCOMPARE(deferred.newState, RecipientState::Deferred);
    QVERIFY(deferred.nextAttempt >=
            snapshotOf(*engine, QStringLiteral("smarthost:sick")).pausedUntil);
    QCOMPARE(m_h->outcomesOf(toHealthy2).at(0).newState, RecipientState::Delivered);
    QCOMPARE(healthy.log().size(), 2);
}

void TestDeliveryEngineRouting::slowDestinationDoesNotHoldUpOthers()
{
    Upstream slow;
    Upstream fast;
    QVERIFY(startUpstream(slow, QStringLiteral("slow"), {"--mode", "slow", "--delay", "5"}));
    QVERIFY(startUpstream(fast, QStringLiteral("fast")));
    auto engine = m_h->makeEngine();
    engine->setSmarthosts({{QString(), plainSmarthost(fast.port())},
                           {QStringLiteral("slow"), plainSmarthost(slow.port())}});
    Route toSlow = smarthostRoute(QStringLiteral("slow"), QStringLiteral("slow"));
    toSlow.match.recipientDomains = {QStringLiteral("slow.test")};
    engine->setRoutes(RouteTable({toSlow}, smarthostRoute(QStringLiteral("default"), QString())));
    const qint64 slowId = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r@slow.test")});
    const qint64 fastId = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r@fast.test")});
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    // The slow upstream takes 5 s for its reply; the other message does not wait for it.
    QCOMPARE(m_h->outcomes().at(0).messageId, fastId);
    QCOMPARE(m_h->outcomes().at(1).messageId, slowId);
    QCOMPARE(m_h->outcomes().at(1).newState, RecipientState::Delivered);
}

void TestDeliveryEngineRouting::rateLimitPacesMessages()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u"), {"--pipelining"}));
    SmarthostSettings s = plainSmarthost(upstream.port());
    s.messagesPerMinute = 5;
    auto engine = m_h->makeEngine();
    engine->setSmarthost(s);
    QSignalSpy waiting(engine.get(), &DeliveryEngine::destinationWaiting);
    for (int i = 0; i < 6; ++i)
        QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r%1@y.test").arg(i)}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(5));
    QVERIFY(waiting.count() > 0 || waiting.wait(waitMs));
    QCOMPARE(waiting[0][0].toString(), QStringLiteral("smarthost:default"));
    QVERIFY2(
        waiting[0][2].toString().contains(QLatin1String("rate limit 5/min of smarthost:default")),
        qPrintable(waiting[0][2].toString()));
    QVERIFY(waiting[0][1].toDateTime() > m_h->clock().now());

    // The 6th is held in memory (still in flight in the store), not sent,
    // not deferred, however often the engine looks while the clock stands.
    // counts() goes through the store after the claim that wake() starts,
    // so the engine has looked again by the time it answers.
    engine->wake();
    QCOMPARE(m_h->counts().inFlight, 1);
    QCOMPARE(upstream.log().size(), 5);
    QCOMPARE(m_h->outcomes().size(), 5);
    QCOMPARE(m_h->counts().inFlight, 1);
    QCOMPARE(snapshotOf(*engine, QStringLiteral("smarthost:default")).state,
             Queue::DestinationState::RateLimited);

    m_h->clock().advance(61);
    engine->wake();
    QVERIFY(m_h->waitForOutcomes(6));
    QCOMPARE(m_h->outcomes().at(5).newState, RecipientState::Delivered);
    QCOMPARE(upstream.log().size(), 6);
}

void TestDeliveryEngineRouting::rateLimitExcessGoesBackToStore()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u")));
    SmarthostSettings s = plainSmarthost(upstream.port());
    s.messagesPerMinute = 1;
    auto engine = m_h->makeEngine();
    engine->setSmarthost(s);
    engine->setMaxWaitingRecipients(1);
    const qint64 first = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r1@y.test")});
    const qint64 second = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r2@y.test")});
    const qint64 third = m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r3@y.test")});
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    QCOMPARE(m_h->outcomesOf(first).at(0).newState, RecipientState::Delivered);
    QVERIFY(m_h->outcomesOf(second).isEmpty()); // waits in memory
    const AttemptOutcome back = m_h->outcomesOf(third).at(0);
    QCOMPARE(back.newState, RecipientState::Deferred);
    QCOMPARE(back.replyCode, 0);
    QVERIFY2(
        back.replyText.contains(QLatin1String("waiting: rate limit 1/min of smarthost:default")),
        qPrintable(back.replyText));
    QVERIFY(back.nextAttempt > m_h->clock().now());
    const auto c = m_h->counts();
    QCOMPARE(c.delivered, 1);
    QCOMPARE(c.inFlight, 1);
    QCOMPARE(c.deferred, 1);
    QCOMPARE(upstream.log().size(), 1);
}

void TestDeliveryEngineRouting::routesPickSmarthost_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("expected"); ///< "a" or "b"

    QTest::newRow("sender domain -> a") << "scanner@office.test"
                                        << "r@y.test"
                                        << "a";
    QTest::newRow("sender subdomain, exact rule -> b") << "x@sub.office.test"
                                                       << "r@y.test"
                                                       << "b";
    QTest::newRow("other sender -> default b") << "x@other.test"
                                               << "r@y.test"
                                               << "b";
    QTest::newRow("null sender -> default b") << ""
                                              << "r@y.test"
                                              << "b";
    QTest::newRow("recipient domain -> a") << "x@other.test"
                                           << "r@partner.test"
                                           << "a";
    QTest::newRow("recipient domain, case") << "x@other.test"
                                            << "r@PARTNER.test"
                                            << "a";
}

void TestDeliveryEngineRouting::routesPickSmarthost()
{
    QFETCH(QString, sender);
    QFETCH(QString, recipient);
    QFETCH(QString, expected);
    Upstream a;
    Upstream b;
    QVERIFY(startUpstream(a, QStringLiteral("a")));
    QVERIFY(startUpstream(b, QStringLiteral("b")));
    auto engine = m_h->makeEngine();
    engine->setSmarthosts(
        {{QStringLiteral("a"), plainSmarthost(a.port())}, {QString(), plainSmarthost(b.port())}});
    Route bySender = smarthostRoute(QStringLiteral("office"), QStringLiteral("a"));
    bySender.match.senders = {QStringLiteral("office.test")};
    Route byRecipient = smarthostRoute(QStringLiteral("partner"), QStringLiteral("a"));
    byRecipient.match.recipientDomains = {QStringLiteral("partner.test")};
    engine->setRoutes(
        RouteTable({bySender, byRecipient}, smarthostRoute(QStringLiteral("default"), QString())));
    QVERIFY(m_h->commit(sender, {recipient}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    QCOMPARE(m_h->outcomes().at(0).newState, RecipientState::Delivered);
    const Upstream& chosen = expected == QLatin1String("a") ? a : b;
    const Upstream& other = expected == QLatin1String("a") ? b : a;
    QCOMPARE(m_h->outcomes().at(0).upstreamHost, chosen.hostPort());
    QCOMPARE(chosen.log().size(), 1);
    QVERIFY(other.log().isEmpty());
    if (!sender.isEmpty())
        QCOMPARE(chosen.log().at(0).value("mail_from").toString(), sender);
}

void TestDeliveryEngineRouting::routesMatchIntake_data()
{
    QTest::addColumn<QString>("clientAddress");
    QTest::addColumn<QString>("authUser");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("expected"); ///< "a" or "b"

    QTest::newRow("scanner network -> a") << "192.0.2.17"
                                          << ""
                                          << "submission"
                                          << "a";
    QTest::newRow("other network -> b") << "198.51.100.1"
                                        << ""
                                        << "submission"
                                        << "b";
    QTest::newRow("AUTH user -> a") << "198.51.100.1"
                                    << "printer1"
                                    << "submission"
                                    << "a";
    QTest::newRow("other AUTH user -> b") << "198.51.100.1"
                                          << "alice"
                                          << "submission"
                                          << "b";
    QTest::newRow("listener -> a") << "198.51.100.1"
                                   << ""
                                   << "scanners"
                                   << "a";
}

void TestDeliveryEngineRouting::routesMatchIntake()
{
    QFETCH(QString, clientAddress);
    QFETCH(QString, authUser);
    QFETCH(QString, listener);
    QFETCH(QString, expected);
    Upstream a;
    Upstream b;
    QVERIFY(startUpstream(a, QStringLiteral("a")));
    QVERIFY(startUpstream(b, QStringLiteral("b")));
    auto engine = m_h->makeEngine();
    engine->setSmarthosts(
        {{QStringLiteral("a"), plainSmarthost(a.port())}, {QString(), plainSmarthost(b.port())}});
    Route byNetwork = smarthostRoute(QStringLiteral("net"), QStringLiteral("a"));
    byNetwork.match.clientNetworks = {{QHostAddress(QStringLiteral("192.0.2.0")), 24}};
    Route byUser = smarthostRoute(QStringLiteral("user"), QStringLiteral("a"));
    byUser.match.authUsers = {QStringLiteral("printer1")};
    Route byListener = smarthostRoute(QStringLiteral("listener"), QStringLiteral("a"));
    byListener.match.listeners = {QStringLiteral("scanners")};
    engine->setRoutes(RouteTable({byNetwork, byUser, byListener},
                                 smarthostRoute(QStringLiteral("default"), QString())));
    Store::NewMessage m;
    m.sender = QStringLiteral("s@x.test");
    m.recipients = {QStringLiteral("r@y.test")};
    m.content = "Subject: intake\r\n\r\nx\r\n";
    m.clientAddress = clientAddress;
    m.authUser = authUser;
    m.listener = listener;
    QVERIFY(m_h->commit(m) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const Upstream& chosen = expected == QLatin1String("a") ? a : b;
    QCOMPARE(m_h->outcomes().at(0).upstreamHost, chosen.hostPort());
    QCOMPARE(m_h->outcomes().at(0).newState, RecipientState::Delivered);
}

void TestDeliveryEngineRouting::oneMessageSplitAcrossDestinations()
{
    Upstream a;
    Upstream b;
    QVERIFY(startUpstream(a, QStringLiteral("a")));
    QVERIFY(startUpstream(b, QStringLiteral("b")));
    auto engine = m_h->makeEngine();
    engine->setSmarthosts(
        {{QStringLiteral("a"), plainSmarthost(a.port())}, {QString(), plainSmarthost(b.port())}});
    Route partner = smarthostRoute(QStringLiteral("partner"), QStringLiteral("a"));
    partner.match.recipientDomains = {QStringLiteral("partner.test")};
    engine->setRoutes(RouteTable({partner}, smarthostRoute(QStringLiteral("default"), QString())));
    const qint64 id = m_h->commit(QStringLiteral("s@x.test"),
                                  {QStringLiteral("p1@partner.test"), QStringLiteral("o@else.test"),
                                   QStringLiteral("p2@partner.test")});
    engine->start();
    QVERIFY(m_h->waitForOutcomes(3));
    QCOMPARE(a.log().size(), 1);
    QCOMPARE(a.log().at(0).value("rcpt_tos").toArray(),
             (QJsonArray{QStringLiteral("p1@partner.test"), QStringLiteral("p2@partner.test")}));
    QCOMPARE(b.log().size(), 1);
    QCOMPARE(b.log().at(0).value("rcpt_tos").toArray(), QJsonArray{QStringLiteral("o@else.test")});
    for (const auto& row : m_h->deliveryLog(id)) {
        QCOMPARE(row.resultState, RecipientState::Delivered);
        QCOMPARE(row.upstreamHost, row.recipient.endsWith(QLatin1String("partner.test"))
                                       ? a.hostPort()
                                       : b.hostPort());
    }
}

void TestDeliveryEngineRouting::rewritingAppliedAndLogged()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u")));
    auto engine = m_h->makeEngine();
    engine->setSmarthost(plainSmarthost(upstream.port()));
    engine->setHostname(QStringLiteral("relay.example"));
    Route printers = smarthostRoute(QStringLiteral("printers"), QString());
    printers.match.senders = {QStringLiteral("printer.lan")};
    printers.rewrite.addDate = true;
    printers.rewrite.addMessageId = true;
    printers.rewrite.envelopeSender = QStringLiteral("scans@office.example");
    printers.rewrite.fixFromName = Delivery::HeaderRewriterOptions::FromNameFix::Remove;
    engine->setRoutes(RouteTable({printers}, smarthostRoute(QStringLiteral("default"), QString())));
    const QByteArray content = "From: scan@printer.lan <scan@printer.lan>\r\nSubject: scan\r\n\r\n"
                               "page\r\n";
    const qint64 id =
        m_h->commit(QStringLiteral("scan@printer.lan"), {QStringLiteral("r@y.test")}, content);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    const AttemptOutcome o = m_h->outcomes().at(0);
    QCOMPARE(o.newState, RecipientState::Delivered);
    QVERIFY2(o.replyText.contains(QLatin1String("\nroute printers: ")), qPrintable(o.replyText));
    const auto log = upstream.log();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].value("mail_from").toString(), QStringLiteral("scans@office.example"));
    const QString data = log[0].value("data").toString();
    QVERIFY2(data.contains(QLatin1String("\r\nDate: ")) || data.startsWith(QLatin1String("Date: ")),
             qPrintable(data));
    QVERIFY2(data.contains(QLatin1String("@relay.example>")), qPrintable(data));
    QVERIFY(!data.contains(QLatin1String("From: scan@printer.lan <")));
    QVERIFY(data.endsWith(QLatin1String("\r\n\r\npage\r\n")));
    QCOMPARE(m_h->deliveryLog(id).at(0).replyText, o.replyText);
}

void TestDeliveryEngineRouting::rejectedRecipientsFail()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u"), {"--mode", "reject-rcpt"}));
    auto engine = m_h->makeEngine();
    engine->setSmarthost(plainSmarthost(upstream.port()));
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"),
                        {QStringLiteral("r1@y.test"), QStringLiteral("r2@y.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    for (const AttemptOutcome& o : std::as_const(m_h->outcomes())) {
        QCOMPARE(o.newState, RecipientState::Failed);
        QCOMPARE(o.replyCode, 550);
        QCOMPARE(o.enhancedStatus, QStringLiteral("5.1.1"));
    }
    // Refused recipients are not the destination's fault: it is not paused.
    QVERIFY(snapshotOf(*engine, QStringLiteral("smarthost:default")).state !=
            Queue::DestinationState::Paused);
}

void TestDeliveryEngineRouting::throttledDestinationPauses()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u"), {"--mode", "throttle"}));
    auto engine = m_h->makeEngine();
    engine->setSmarthost(plainSmarthost(upstream.port()));
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r1@y.test")}) > 0);
    engine->start();
    QVERIFY(m_h->waitForOutcomes(1));
    QCOMPARE(m_h->outcomes().at(0).newState, RecipientState::Deferred);
    QCOMPARE(m_h->outcomes().at(0).replyCode, 451);
    const auto s = snapshotOf(*engine, QStringLiteral("smarthost:default"));
    QCOMPARE(s.state, Queue::DestinationState::Paused);
    QVERIFY(s.lastFailure == Queue::DestinationFailure::Throttled);

    // What comes next waits in memory for the pause to end instead of
    // drawing another 451 (and is not counted as an attempt meanwhile).
    QSignalSpy waiting(engine.get(), &DeliveryEngine::destinationWaiting);
    QVERIFY(m_h->commit(QStringLiteral("a@x.test"), {QStringLiteral("r2@y.test")}) > 0);
    engine->wake();
    QVERIFY(waiting.wait(waitMs));
    QVERIFY2(waiting[0][2].toString().contains(QLatin1String("paused")),
             qPrintable(waiting[0][2].toString()));
    QCOMPARE(waiting[0][1].toDateTime(), s.pausedUntil);
    QCOMPARE(m_h->counts().inFlight, 1);
    QCOMPARE(m_h->outcomes().size(), 1);
    QCOMPARE(upstream.log().size(), 1);

    // Once the pause is over it is sent (and throttled again).
    m_h->clock().set(s.pausedUntil.addSecs(1));
    engine->wake();
    QVERIFY(m_h->waitForOutcomes(2));
    QCOMPARE(m_h->outcomes().at(1).newState, RecipientState::Deferred);
    QCOMPARE(m_h->outcomes().at(1).replyCode, 451);
    QCOMPARE(upstream.log().size(), 2);
}

void TestDeliveryEngineRouting::unconfiguredSmarthostDefers()
{
    Upstream upstream;
    QVERIFY(startUpstream(upstream, QStringLiteral("u")));
    auto engine = m_h->makeEngine();
    engine->setSmarthost(plainSmarthost(upstream.port()));
    Route missing = smarthostRoute(QStringLiteral("typo"), QStringLiteral("missing"));
    missing.match.recipientDomains = {QStringLiteral("nowhere.test")};
    engine->setRoutes(RouteTable({missing}, smarthostRoute(QStringLiteral("default"), QString())));
    const qint64 id = m_h->commit(QStringLiteral("a@x.test"),
                                  {QStringLiteral("r@nowhere.test"), QStringLiteral("r@y.test")});
    engine->start();
    QVERIFY(m_h->waitForOutcomes(2));
    for (const AttemptOutcome& o : m_h->outcomesOf(id)) {
        if (o.upstreamHost == upstream.hostPort()) {
            QCOMPARE(o.newState, RecipientState::Delivered);
        } else {
            QCOMPARE(o.newState, RecipientState::Deferred);
            QCOMPARE(o.enhancedStatus, QStringLiteral("4.3.5"));
            QVERIFY(o.replyText.contains(QLatin1String("no smarthost missing")));
        }
    }
    QCOMPARE(upstream.log().size(), 1);
}

QTEST_GUILESS_MAIN(TestDeliveryEngineRouting)
#include "TestDeliveryEngineRouting.moc"
