#pragma once

#include "HeaderRewriterOptions.h"
#include "RouteEnvelope.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace RelayDesk::Delivery {

/// One route: conditions on a (message, recipient) and what to do with it.
/// Within a condition any value may match; all given conditions must hold;
/// a route without conditions matches everything. Built by the service from
/// Config::RouteConfig; see docs/routing.md.
struct Route
{
    struct Match
    {
        /// "user@example.com" (whole address), "example.com" (the domain),
        /// "*.example.com" (any subdomain), "<>" (the null sender).
        QStringList senders;
        QStringList recipientDomains; ///< "example.com", "*.example.com"
        QList<QPair<QHostAddress, int>> clientNetworks;
        QStringList authUsers; ///< AUTH identities; "*" any authenticated client
        QStringList listeners;

        bool isCatchAll() const
        {
            return senders.isEmpty() && recipientDomains.isEmpty() && clientNetworks.isEmpty() &&
                   authUsers.isEmpty() && listeners.isEmpty();
        }
        bool matches(const RouteEnvelope& envelope) const;
        friend bool operator==(const Match&, const Match&) = default;
    };

    struct Transport
    {
        enum class Kind {
            Smarthost, ///< smarthost (empty name: the default one) or smarthost:NAME
            Mx,        ///< the recipient domain's MX hosts
        };
        Kind kind = Kind::Smarthost;
        QString smarthost; ///< NAME of smarthost:NAME; empty: the default smarthost

        /// "smarthost", "smarthost:NAME" or "mx": the config spelling, also
        /// used as the destination in previews and logs.
        QString toString() const;
        friend bool operator==(const Transport&, const Transport&) = default;
    };

    QString name; ///< "default" for the default route
    Match match;
    Transport transport;
    QString heloName; ///< empty: the transport's own
    HeaderRewriterOptions rewrite;

    friend bool operator==(const Route&, const Route&) = default;
};

} // namespace RelayDesk::Delivery
