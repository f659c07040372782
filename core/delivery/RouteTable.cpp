#include "RouteTable.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace RelayDesk::Delivery {

namespace {

Route makeDefaultRoute()
{
    Route route;
    route.name = QStringLiteral("default");
    return route;
}

} // namespace

RouteTable::RouteTable() : m_default(makeDefaultRoute()) {}

RouteTable::RouteTable(QVector<Route> routes, Route defaultRoute)
    : m_routes(std::move(routes)), m_default(std::move(defaultRoute))
{
    // The default route catches the rest whatever its Match says.
    m_default.match = {};
    if (m_default.name.isEmpty())
        m_default.name = QStringLiteral("default");
}

int RouteTable::indexFor(const RouteEnvelope& envelope) const
{
    for (int index = 0; index < m_routes.size(); ++index) {
        if (m_routes.at(index).match.matches(envelope))
            return index;
    }
    return -1;
}

const Route& RouteTable::routeFor(const RouteEnvelope& envelope) const
{
    const int index = indexFor(envelope);
    return index < 0 ? m_default : m_routes.at(index);
}

RoutePreview RouteTable::preview(const RouteTable& current, const RouteTable& next,
                                 const QVector<RouteEnvelope>& envelopes)
{
    RoutePreview result;
    struct Bucket
    {
        RoutePreview::Move move;
        QSet<qint64> messages;
    };
    QHash<QString, Bucket> buckets;
    QList<QString> order; // first appearance, for a stable result before sorting
    QSet<qint64> allMessages;
    QSet<qint64> movedMessages;
    for (const RouteEnvelope& envelope : envelopes) {
        allMessages.insert(envelope.messageId);
        const Route& before = current.routeFor(envelope);
        const Route& after = next.routeFor(envelope);
        if (before.transport == after.transport) {
            // Same destination; a different route may still change what is
            // sent (EHLO name, rewriting), which the admin wants to know.
            if (before.name != after.name || before.heloName != after.heloName ||
                before.rewrite != after.rewrite)
                ++result.reroutedRecipients;
            continue;
        }
        ++result.movedRecipients;
        movedMessages.insert(envelope.messageId);
        const QString key = before.name + QChar(0) + before.transport.toString() + QChar(0) +
                            after.name + QChar(0) + after.transport.toString();
        auto it = buckets.find(key);
        if (it == buckets.end()) {
            Bucket bucket;
            bucket.move.fromRoute = before.name;
            bucket.move.fromTransport = before.transport.toString();
            bucket.move.toRoute = after.name;
            bucket.move.toTransport = after.transport.toString();
            it = buckets.insert(key, bucket);
            order.append(key);
        }
        ++it->move.recipients;
        it->messages.insert(envelope.messageId);
    }
    result.totalRecipients = int(envelopes.size());
    result.totalMessages = int(allMessages.size());
    result.movedMessages = int(movedMessages.size());
    for (const QString& key : order) {
        Bucket& bucket = buckets[key];
        bucket.move.messages = int(bucket.messages.size());
        result.moves.append(bucket.move);
    }
    std::stable_sort(result.moves.begin(), result.moves.end(),
                     [](const RoutePreview::Move& a, const RoutePreview::Move& b) {
                         if (a.recipients != b.recipients)
                             return a.recipients > b.recipients;
                         return std::tie(a.fromRoute, a.toRoute) < std::tie(b.fromRoute, b.toRoute);
                     });
    return result;
}

} // namespace RelayDesk::Delivery
