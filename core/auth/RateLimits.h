#pragma once

namespace RelayDesk::Auth {

/// Sending limits for one client address or one account; 0 is unlimited.
struct RateLimits
{
    int messagesPerMinute = 0;
    int recipientsPerHour = 0;

    friend bool operator==(const RateLimits&, const RateLimits&) = default;
};

} // namespace RelayDesk::Auth
