#pragma once

// Starting a real relay (RelayService, its core on its own thread) in tests.

#include "service/RelayService.h"

#include <QTest>

namespace RelayDesk::Tests {

/// Starts `relay` and waits until it reports Running or Failed (or
/// `timeoutMs` passes); returns the state it is in then. On anything but
/// Running the reason is in relay.lastStatus().error, and printed.
inline Service::RelayStatus::State startAndWait(Service::RelayService& relay, int timeoutMs)
{
    using State = Service::RelayStatus::State;
    relay.start();
    (void)QTest::qWaitFor(
        [&relay] {
            const State state = relay.lastStatus().state;
            return state == State::Running || state == State::Failed;
        },
        timeoutMs);
    if (relay.lastStatus().state != State::Running)
        qWarning("relay not running: %s", qPrintable(relay.lastStatus().error));
    return relay.lastStatus().state;
}

} // namespace RelayDesk::Tests
