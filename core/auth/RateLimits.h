#pragma once

namespace RelayDesk::Auth {

/// Sending limits for one client address or one account; 0 is unlimited.
struct RateLimits
{
    int messagesPerMinute = 0;
    int recipientsPerHour = 0;
    /// Accounts only: sessions logged in at once (a client address's
    /// concurrent sessions are capped by the listener instead).
    int concurrentSessions = 0;

    friend bool operator==(const RateLimits&, const RateLimits&) = default;
};

} // namespace RelayDesk::Auth
