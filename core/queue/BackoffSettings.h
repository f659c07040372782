#pragma once

namespace RelayDesk::Queue {

/// How long a destination is paused after it failed: initialSeconds after
/// the first failure, multiplied by `multiplier` for each further one in a
/// row, never more than maxSeconds. Each pause is shortened by a random
/// fraction of up to `jitter`, so that relays (and our own destinations)
/// that failed together do not all come back in the same second.
struct BackoffSettings
{
    int initialSeconds = 30;
    int maxSeconds = 30 * 60;
    double multiplier = 2.0;
    double jitter = 0.2; ///< 0 .. 0.9; 0.2 = a pause lasts 80 % .. 100 % of its nominal length

    bool operator==(const BackoffSettings&) const = default;
};

} // namespace RelayDesk::Queue
