#pragma once

#include "store/StoreTypes.h"

#include <QString>
#include <QStringList>

namespace RelayDesk::Delivery {

/// The part of a claimed message that goes to one destination under one
/// route: DestinationRouter splits a Store::DeliveryJob into these. The
/// content and sender are already rewritten by the route; the recipients
/// are the subset that takes this destination.
struct DestinationJob
{
    Store::DeliveryJob job;
    QString destination; ///< scheduler key: "smarthost:NAME" or "mx:domain"
    QString smarthost;   ///< NAME for smarthost destinations ("default" for [smarthost])
    QString domain;      ///< recipient domain for mx destinations
    QString routeName;
    QString heloName; ///< the route's EHLO name; empty: the transport's own
    /// Lines appended to every outcome's reply text (header rewrites, MTA-STS
    /// reports), so that the delivery log shows what was done to the message.
    QStringList notes;

    int recipientCount() const { return int(job.recipients.size()); }
};

} // namespace RelayDesk::Delivery
