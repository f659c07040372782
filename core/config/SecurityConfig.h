#pragma once

namespace RelayDesk::Config {

/// The [security] section: how AUTH password guessing is slowed down and
/// stopped, and when a device's volume counts as unusual.
struct SecurityConfig
{
    static constexpr int kMaxFailures = 1000;
    static constexpr int kMaxSeconds = 7 * 86400;
    static constexpr int kMaxFactor = 1000;
    static constexpr int kMaxFloor = 1000000;

    /// Failed AUTH attempts from one address within authWindowSeconds that
    /// lock it out; 0: never lock out (the delays still apply).
    int authFailures = 10;
    int authWindowSeconds = 15 * 60;
    int lockoutSeconds = 15 * 60;
    /// The longest delay before a failed AUTH is answered (1 s, 2 s, 4 s
    /// ... up to this).
    int authMaxDelaySeconds = 16;
    /// Alert when a device sends more than abuseFactor x its usual hourly
    /// volume and more than abuseFloor messages in one hour.
    int abuseFactor = 10;
    int abuseFloor = 200;
};

} // namespace RelayDesk::Config
