#pragma once

#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace RelayDesk::Delivery {

/// What routing looks at for one recipient of one message: the envelope and
/// how the message came in. A value type, so a queue snapshot can be routed
/// (and a route change previewed) on any thread.
struct RouteEnvelope
{
    qint64 messageId = 0;
    qint64 recipientId = 0;
    QString sender;    ///< empty: null sender
    QString recipient; ///< local@domain
    QHostAddress clientAddress;
    QString authUser; ///< empty: not authenticated
    QString listener; ///< the listener's name
};

} // namespace RelayDesk::Delivery

Q_DECLARE_METATYPE(RelayDesk::Delivery::RouteEnvelope)
