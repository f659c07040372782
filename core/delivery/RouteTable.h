#pragma once

#include "Route.h"
#include "RouteEnvelope.h"
#include "RoutePreview.h"

#include <QVector>

namespace RelayDesk::Delivery {

/// The ordered routes plus the default route. Pure: no I/O, no clock.
///
/// Routing is decided per (message, recipient), so the recipients of one
/// message may take different transports. The first route whose Match
/// holds wins; mail no route matches takes the default route, which is
/// "smarthost" (the [smarthost] section or the command line smarthost)
/// unless the service sets another. The engine routes again at every
/// attempt, so a changed table applies to queued mail at its next attempt.
class RouteTable
{
public:
    /// Only the default route: everything to the default smarthost.
    RouteTable();
    RouteTable(QVector<Route> routes, Route defaultRoute);

    const QVector<Route>& routes() const { return m_routes; }
    const Route& defaultRoute() const { return m_default; }

    /// Index into routes() of the first route that matches; -1: the default route.
    int indexFor(const RouteEnvelope& envelope) const;
    /// The route that decides this (message, recipient).
    const Route& routeFor(const RouteEnvelope& envelope) const;

    /// Where each envelope goes under `current` and under `next`, counted
    /// by (old destination, new destination).
    static RoutePreview preview(const RouteTable& current, const RouteTable& next,
                                const QVector<RouteEnvelope>& envelopes);

    friend bool operator==(const RouteTable&, const RouteTable&) = default;

private:
    QVector<Route> m_routes;
    Route m_default;
};

} // namespace RelayDesk::Delivery
