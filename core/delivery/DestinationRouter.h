#pragma once

#include "DestinationJob.h"
#include "RouteTable.h"

#include <QString>
#include <QVector>

namespace RelayDesk::Delivery {

/// Splits a claimed message into one DestinationJob per (destination,
/// route): routes every recipient through the RouteTable, groups them, and
/// applies each route's header and envelope-sender rewriting once per group
/// (HeaderRewriter is pure, so a retry rewrites to the same bytes). Pure:
/// no I/O, no clock.
///
/// The default smarthost's name is "default" (a route's empty smarthost
/// name means the same); destinations are keyed as DestinationScheduler
/// does: smarthost:NAME and mx:domain.
class DestinationRouter
{
public:
    void setRoutes(const RouteTable& routes) { m_routes = routes; }
    const RouteTable& routes() const { return m_routes; }
    /// Right side of Message-IDs added by a route's rewriting.
    void setHostname(const QString& hostname) { m_hostname = hostname; }

    QVector<DestinationJob> split(const Store::DeliveryJob& job) const;

    /// "" and "default" both name the default smarthost: "default".
    static QString smarthostName(const QString& name);
    /// Lower-case domain of an address ("" when it has none).
    static QString domainOf(const QString& address);
    /// Stable per message, so that every attempt adds the same Message-ID.
    static QString uniqueIdFor(const Store::DeliveryJob& job);

private:
    RouteTable m_routes;
    QString m_hostname = QStringLiteral("localhost");
};

} // namespace RelayDesk::Delivery
