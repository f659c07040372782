#pragma once

#include <QMetaType>

namespace RelayDesk::Queue {

/// Why a destination as a whole is unwell: each of these pauses it (see
/// DestinationBackoff). A 4xx for one recipient or one message (mailbox
/// full, greylisting) is not one of them; that is retried per recipient by
/// the RetrySchedule and leaves the destination alone.
enum class DestinationFailure : int {
    ConnectFailed = 0,    ///< refused, unreachable, timeout, TLS handshake, AUTH
    GreetingRejected = 1, ///< 4xx (usually 421) in the greeting or the EHLO reply
    ServiceClosing = 2,   ///< 421 in the middle of a session: the upstream is shutting us out
    Throttled = 3,        ///< a 4xx that names a rate or connection limit (4.7.x, "too many")
};

} // namespace RelayDesk::Queue

Q_DECLARE_METATYPE(RelayDesk::Queue::DestinationFailure)
