#pragma once

#include "queue/DestinationSnapshot.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace RelayDesk::Service {

/// A snapshot of the running relay, published by the core thread at a steady
/// rate (never per message) for the GUI, the tray and the daemon's log.
/// A value type: it is copied across threads.
struct RelayStatus
{
    enum class State {
        Stopped,
        Starting,
        Running,
        Stopping,
        Failed, ///< could not start (see error)
    };

    State state = State::Stopped;
    QString error;         ///< why it failed, for State::Failed
    QStringList listeners; ///< "127.0.0.1:2525 (plain, STARTTLS)" ...
    QString smarthost;     ///< "host:port" or empty when none is configured
    Store::QueueCounts counts;
    int activeSessions = 0;
    int activeDeliveries = 0; ///< open upstream connections
    qint64 acceptedSinceStart = 0;
    qint64 deliveredSinceStart = 0;
    qint64 deferredSinceStart = 0;
    qint64 failedSinceStart = 0;
    bool intakePaused = false; ///< listeners answer 421 to new sessions (tray "pause")
    int deliveredToday = 0;    ///< attempts with result Delivered since local midnight
    int failedToday = 0;       ///< recipients failed permanently since local midnight
    /// Each destination the engine has used or is configured (smarthosts by
    /// name, mx:domain), for the Overview's route health and the tray.
    QVector<Queue::DestinationSnapshot> destinations;
    QDateTime takenAt; ///< UTC
};

} // namespace RelayDesk::Service

Q_DECLARE_METATYPE(RelayDesk::Service::RelayStatus)
