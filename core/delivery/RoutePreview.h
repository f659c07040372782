#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace RelayDesk::Delivery {

/// What a route change would do to the queue: how many queued recipients
/// (and messages) would go to another destination at their next attempt,
/// and from where to where. Computed by RouteTable::preview(); the GUI shows
/// it before the admin applies new routes.
struct RoutePreview
{
    /// Recipients moving from one destination to another.
    struct Move
    {
        QString fromRoute;
        QString fromTransport; ///< "smarthost", "smarthost:NAME", "mx"
        QString toRoute;
        QString toTransport;
        int recipients = 0;
        int messages = 0; ///< distinct messages among them

        friend bool operator==(const Move&, const Move&) = default;
    };

    int totalRecipients = 0;
    int totalMessages = 0;
    int movedRecipients = 0; ///< transport changes
    int movedMessages = 0;   ///< messages with at least one moving recipient
    /// Same transport, but another route (e.g. other rewriting or EHLO name).
    int reroutedRecipients = 0;
    QVector<Move> moves; ///< largest first, then by names

    bool isEmpty() const { return movedRecipients == 0 && reroutedRecipients == 0; }
};

} // namespace RelayDesk::Delivery

Q_DECLARE_METATYPE(RelayDesk::Delivery::RoutePreview)
