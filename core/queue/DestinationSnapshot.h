#pragma once

#include "DestinationFailure.h"
#include "DestinationLimits.h"
#include "RateUsage.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

namespace RelayDesk::Queue {

/// What a destination is doing, most pressing first.
enum class DestinationState : int {
    Idle = 0,        ///< healthy, no connection open
    Active = 1,      ///< healthy, connections open
    RateLimited = 2, ///< healthy, but a rate window is full: mail waits in our queue
    Probing = 3,     ///< a pause ended; one connection tests whether it recovered
    Paused = 4,      ///< failed recently: no new connections until pausedUntil
};

/// One destination as the GUI shows it: a value that crosses threads.
struct DestinationSnapshot
{
    QString key; ///< "smarthost:m365", "mx:example.com"
    DestinationState state = DestinationState::Idle;
    DestinationLimits limits;
    int openConnections = 0;
    RateUsage usage;       ///< sent in the last minute and the last 24 h
    QDateTime eligibleAt;  ///< when a 1-recipient message may start; invalid = now
    QDateTime pausedUntil; ///< invalid unless Paused
    int consecutiveFailures = 0;
    QString lastError; ///< kept after recovery
    QDateTime lastErrorAt;
    std::optional<DestinationFailure> lastFailure;
};

} // namespace RelayDesk::Queue

Q_DECLARE_METATYPE(RelayDesk::Queue::DestinationSnapshot)
