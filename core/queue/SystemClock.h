#pragma once

#include "Clock.h"

namespace RelayDesk::Queue {

/// The wall clock.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace RelayDesk::Queue
