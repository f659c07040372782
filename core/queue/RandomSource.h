#pragma once

namespace RelayDesk::Queue {

/// A seam for randomness (backoff jitter), so that tests can pin it down
/// the way Clock pins down time.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    /// A uniformly distributed value in [0, 1).
    virtual double uniform() = 0;
};

} // namespace RelayDesk::Queue
