#pragma once

#include <QDateTime>

namespace RelayDesk::Queue {

/// A seam for time, so retry and expiry logic is tested without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; ///< UTC
};

} // namespace RelayDesk::Queue
