#include "delivery/RouteTable.h"

#include <QTest>

using namespace RelayDesk::Delivery;

namespace {

/// Route builders, so the tables below read like the INI they come from.
Route route(const QString& name, Route::Transport transport)
{
    Route r;
    r.name = name;
    r.transport = transport;
    return r;
}

Route::Transport smarthost(const QString& name = {})
{
    return {Route::Transport::Kind::Smarthost, name};
}

Route::Transport mx()
{
    return {Route::Transport::Kind::Mx, {}};
}

QPair<QHostAddress, int> network(const QString& cidr)
{
    return QHostAddress::parseSubnet(cidr);
}

RouteEnvelope envelope(const QString& sender, const QString& recipient,
                       const QString& client = QStringLiteral("192.168.1.50"),
                       const QString& authUser = {},
                       const QString& listener = QStringLiteral("lan"))
{
    RouteEnvelope e;
    e.sender = sender;
    e.recipient = recipient;
    e.clientAddress = QHostAddress(client);
    e.authUser = authUser;
    e.listener = listener;
    return e;
}

/// The office of the examples in docs/routing.md: scanners to Microsoft
/// 365, the shop's mail through SES, one partner directly by MX, bounces
/// (null sender) through the default smarthost.
RouteTable officeTable()
{
    Route scanners = route(QStringLiteral("scanners"), smarthost(QStringLiteral("m365")));
    scanners.match.clientNetworks = {network(QStringLiteral("192.168.10.0/24")),
                                     network(QStringLiteral("fd00:10::/64"))};
    Route shop = route(QStringLiteral("shop"), smarthost(QStringLiteral("ses")));
    shop.match.senders = {QStringLiteral("shop.example.com"), QStringLiteral("*.shop.example.com")};
    Route partner = route(QStringLiteral("partner"), mx());
    partner.match.recipientDomains = {QStringLiteral("partner.example.net")};
    Route nas = route(QStringLiteral("nas"), smarthost(QStringLiteral("google")));
    nas.match.authUsers = {QStringLiteral("nas")};
    nas.match.listeners = {QStringLiteral("submission")};
    Route app = route(QStringLiteral("app"), smarthost(QStringLiteral("ses")));
    app.match.senders = {QStringLiteral("Billing@Example.com")};
    Route anyAuth = route(QStringLiteral("authenticated"), smarthost(QStringLiteral("google")));
    anyAuth.match.authUsers = {QStringLiteral("*")};
    Route bounces = route(QStringLiteral("bounces"), smarthost());
    bounces.match.senders = {QStringLiteral("<>")};
    Route idn = route(QStringLiteral("idn"), mx());
    idn.match.recipientDomains = {QStringLiteral("bücher.example")};
    return RouteTable({scanners, shop, partner, nas, app, anyAuth, bounces, idn},
                      route(QStringLiteral("default"), smarthost()));
}

} // namespace

/// Route matching: first match wins, every condition kind, the default
/// route, per-recipient decisions and the preview of a route change.
class TestRouteTable final : public QObject
{
    Q_OBJECT

private slots:
    void match_data();
    void match();
    void emptyTableSendsEverythingToTheDefaultSmarthost();
    void recipientsOfOneMessageMayGoDifferentWays();
    void firstMatchWins();
    void defaultRouteIgnoresItsConditions();
    void previewCountsMovesByDestination();
    void previewOfAnIdenticalTableMovesNothing();
    void previewReportsSameTransportOtherRoute();
};

void TestRouteTable::match_data()
{
    QTest::addColumn<QString>("sender");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("authUser");
    QTest::addColumn<QString>("listener");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("transport");

    const QString lan = QStringLiteral("192.168.1.50");
    QTest::newRow("scanner network v4") << "scan@example.com"
                                        << "a@elsewhere.org"
                                        << "192.168.10.7"
                                        << ""
                                        << "lan"
                                        << "scanners"
                                        << "smarthost:m365";
    QTest::newRow("scanner network v4-mapped") << "scan@example.com"
                                               << "a@elsewhere.org"
                                               << "::ffff:192.168.10.7"
                                               << ""
                                               << "lan"
                                               << "scanners"
                                               << "smarthost:m365";
    QTest::newRow("scanner network v6") << "scan@example.com"
                                        << "a@elsewhere.org"
                                        << "fd00:10::9"
                                        << ""
                                        << "lan"
                                        << "scanners"
                                        << "smarthost:m365";
    QTest::newRow("neighbouring network") << "scan@example.com"
                                          << "a@elsewhere.org"
                                          << "192.168.11.7"
                                          << ""
                                          << "lan"
                                          << "default"
                                          << "smarthost";
    QTest::newRow("sender domain") << "orders@shop.example.com"
                                   << "c@customer.org" << lan << ""
                                   << "lan"
                                   << "shop"
                                   << "smarthost:ses";
    QTest::newRow("sender domain case") << "orders@SHOP.Example.COM"
                                        << "c@customer.org" << lan << ""
                                        << "lan"
                                        << "shop"
                                        << "smarthost:ses";
    QTest::newRow("sender subdomain") << "x@eu.shop.example.com"
                                      << "c@customer.org" << lan << ""
                                      << "lan"
                                      << "shop"
                                      << "smarthost:ses";
    QTest::newRow("sender parent domain is not the shop") << "x@example.com"
                                                          << "c@customer.org" << lan << ""
                                                          << "lan"
                                                          << "default"
                                                          << "smarthost";
    QTest::newRow("sender look-alike domain") << "x@evilshop.example.com"
                                              << "c@customer.org" << lan << ""
                                              << "lan"
                                              << "default"
                                              << "smarthost";
    QTest::newRow("recipient domain") << "a@example.com"
                                      << "b@partner.example.net" << lan << ""
                                      << "lan"
                                      << "partner"
                                      << "mx";
    QTest::newRow("recipient domain trailing dot and case") << "a@example.com"
                                                            << "b@Partner.Example.NET." << lan << ""
                                                            << "lan"
                                                            << "partner"
                                                            << "mx";
    QTest::newRow("recipient subdomain is not listed") << "a@example.com"
                                                       << "b@mail.partner.example.net" << lan << ""
                                                       << "lan"
                                                       << "default"
                                                       << "smarthost";
    QTest::newRow("auth user and listener") << "nas@example.com"
                                            << "x@y.org" << lan << "nas"
                                            << "submission"
                                            << "nas"
                                            << "smarthost:google";
    QTest::newRow("auth user on another listener falls to any-auth") << "nas@example.com"
                                                                     << "x@y.org" << lan << "nas"
                                                                     << "lan"
                                                                     << "authenticated"
                                                                     << "smarthost:google";
    QTest::newRow("auth user names are exact") << "nas@example.com"
                                               << "x@y.org" << lan << "NAS"
                                               << "submission"
                                               << "authenticated"
                                               << "smarthost:google";
    QTest::newRow("any authenticated") << "p@example.com"
                                       << "x@y.org" << lan << "printer"
                                       << "lan"
                                       << "authenticated"
                                       << "smarthost:google";
    QTest::newRow("whole address, case-insensitive") << "billing@example.COM"
                                                     << "x@y.org" << lan << ""
                                                     << "lan"
                                                     << "app"
                                                     << "smarthost:ses";
    QTest::newRow("other address of that domain") << "sales@example.com"
                                                  << "x@y.org" << lan << ""
                                                  << "lan"
                                                  << "default"
                                                  << "smarthost";
    QTest::newRow("null sender") << ""
                                 << "x@y.org" << lan << ""
                                 << "lan"
                                 << "bounces"
                                 << "smarthost";
    QTest::newRow("null sender to the partner: the earlier route wins")
        << ""
        << "b@partner.example.net" << lan << ""
        << "lan"
        << "partner"
        << "mx";
    QTest::newRow("IDN in U-label matches A-label recipient")
        << "a@example.com"
        << "x@xn--bcher-kva.example" << lan << ""
        << "lan"
        << "idn"
        << "mx";
    QTest::newRow("IDN in U-label matches U-label recipient") << "a@example.com"
                                                              << "x@bücher.example" << lan << ""
                                                              << "lan"
                                                              << "idn"
                                                              << "mx";
    QTest::newRow("no client address") << "a@example.com"
                                       << "x@y.org"
                                       << ""
                                       << ""
                                       << "lan"
                                       << "default"
                                       << "smarthost";
    QTest::newRow("recipient without domain") << "a@example.com"
                                              << "postmaster" << lan << ""
                                              << "lan"
                                              << "default"
                                              << "smarthost";
}

void TestRouteTable::match()
{
    QFETCH(QString, sender);
    QFETCH(QString, recipient);
    QFETCH(QString, client);
    QFETCH(QString, authUser);
    QFETCH(QString, listener);
    QFETCH(QString, route);
    QFETCH(QString, transport);
    const RouteTable table = officeTable();
    const Route& chosen = table.routeFor(envelope(sender, recipient, client, authUser, listener));
    QCOMPARE(chosen.name, route);
    QCOMPARE(chosen.transport.toString(), transport);
}

void TestRouteTable::emptyTableSendsEverythingToTheDefaultSmarthost()
{
    const RouteTable table;
    const RouteEnvelope e = envelope(QStringLiteral("a@b.c"), QStringLiteral("d@e.f"));
    QCOMPARE(table.indexFor(e), -1);
    QCOMPARE(table.routeFor(e).name, QStringLiteral("default"));
    QCOMPARE(table.routeFor(e).transport.toString(), QStringLiteral("smarthost"));
    QVERIFY(table.routeFor(e).rewrite.isEmpty());
}

void TestRouteTable::recipientsOfOneMessageMayGoDifferentWays()
{
    const RouteTable table = officeTable();
    RouteEnvelope toPartner =
        envelope(QStringLiteral("a@example.com"), QStringLiteral("b@partner.example.net"));
    RouteEnvelope toOther =
        envelope(QStringLiteral("a@example.com"), QStringLiteral("c@other.org"));
    toPartner.messageId = toOther.messageId = 7;
    QCOMPARE(table.routeFor(toPartner).transport.toString(), QStringLiteral("mx"));
    QCOMPARE(table.routeFor(toOther).transport.toString(), QStringLiteral("smarthost"));
}

void TestRouteTable::firstMatchWins()
{
    // A scanner that also authenticates: the network route comes first.
    const RouteTable table = officeTable();
    const RouteEnvelope e =
        envelope(QStringLiteral("orders@shop.example.com"), QStringLiteral("b@partner.example.net"),
                 QStringLiteral("192.168.10.3"), QStringLiteral("nas"));
    QCOMPARE(table.indexFor(e), 0);
    QCOMPARE(table.routeFor(e).name, QStringLiteral("scanners"));
}

void TestRouteTable::defaultRouteIgnoresItsConditions()
{
    Route fallback = route(QStringLiteral("rest"), mx());
    fallback.match.senders = {QStringLiteral("nobody.example")};
    const RouteTable table({}, fallback);
    const Route& chosen =
        table.routeFor(envelope(QStringLiteral("a@example.com"), QStringLiteral("x@y.org")));
    QCOMPARE(chosen.name, QStringLiteral("rest"));
    QCOMPARE(chosen.transport.toString(), QStringLiteral("mx"));
}

void TestRouteTable::previewCountsMovesByDestination()
{
    const RouteTable current = officeTable();
    // The new table sends the partner through SES as well and drops the
    // scanner route; everything else stays.
    QVector<Route> routes = current.routes();
    routes.removeFirst();
    routes[1].transport = smarthost(QStringLiteral("ses")); // partner
    const RouteTable next(routes, current.defaultRoute());

    QVector<RouteEnvelope> queue;
    auto add = [&](qint64 message, const QString& sender, const QString& recipient,
                   const QString& client) {
        RouteEnvelope e = envelope(sender, recipient, client);
        e.messageId = message;
        e.recipientId = queue.size() + 1;
        queue.append(e);
    };
    const QString lan = QStringLiteral("192.168.1.50");
    const QString scanner = QStringLiteral("192.168.10.9");
    add(1, QStringLiteral("scan@example.com"), QStringLiteral("a@x.org"), scanner);
    add(1, QStringLiteral("scan@example.com"), QStringLiteral("b@x.org"), scanner);
    add(2, QStringLiteral("scan@example.com"), QStringLiteral("c@x.org"), scanner);
    add(3, QStringLiteral("a@example.com"), QStringLiteral("p@partner.example.net"), lan);
    add(3, QStringLiteral("a@example.com"), QStringLiteral("q@other.org"), lan);       // stays
    add(4, QStringLiteral("orders@shop.example.com"), QStringLiteral("r@c.org"), lan); // stays

    const RoutePreview preview = RouteTable::preview(current, next, queue);
    QCOMPARE(preview.totalRecipients, 6);
    QCOMPARE(preview.totalMessages, 4);
    QCOMPARE(preview.movedRecipients, 4);
    QCOMPARE(preview.movedMessages, 3);
    QCOMPARE(preview.reroutedRecipients, 0);
    QCOMPARE(preview.moves.size(), 2);
    const RoutePreview::Move first{QStringLiteral("scanners"),
                                   QStringLiteral("smarthost:m365"),
                                   QStringLiteral("default"),
                                   QStringLiteral("smarthost"),
                                   3,
                                   2};
    const RoutePreview::Move second{QStringLiteral("partner"),
                                    QStringLiteral("mx"),
                                    QStringLiteral("partner"),
                                    QStringLiteral("smarthost:ses"),
                                    1,
                                    1};
    QCOMPARE(preview.moves.at(0), first);
    QCOMPARE(preview.moves.at(1), second);
    QVERIFY(!preview.isEmpty());
}

void TestRouteTable::previewOfAnIdenticalTableMovesNothing()
{
    const RouteTable table = officeTable();
    QVector<RouteEnvelope> queue{
        envelope(QStringLiteral("a@example.com"), QStringLiteral("b@partner.example.net")),
        envelope(QStringLiteral(""), QStringLiteral("c@d.org"))};
    queue[1].messageId = 1;
    const RoutePreview preview = RouteTable::preview(table, table, queue);
    QCOMPARE(preview.totalRecipients, 2);
    QCOMPARE(preview.totalMessages, 2);
    QVERIFY(preview.isEmpty());
    QVERIFY(preview.moves.isEmpty());
    QCOMPARE(RouteTable::preview(table, table, {}).totalRecipients, 0);
}

void TestRouteTable::previewReportsSameTransportOtherRoute()
{
    const RouteTable current = officeTable();
    QVector<Route> routes = current.routes();
    routes[0].rewrite.addDate = true; // scanners: same transport, new rewriting
    const RouteTable next(routes, current.defaultRoute());
    const QVector<RouteEnvelope> queue{envelope(QStringLiteral("s@example.com"),
                                                QStringLiteral("a@x.org"),
                                                QStringLiteral("192.168.10.2"))};
    const RoutePreview preview = RouteTable::preview(current, next, queue);
    QCOMPARE(preview.movedRecipients, 0);
    QCOMPARE(preview.reroutedRecipients, 1);
    QVERIFY(!preview.isEmpty());
}

QTEST_GUILESS_MAIN(TestRouteTable)
#include "TestRouteTable.moc"
