#pragma once

#include <QList>

namespace RelayDesk::Config {

/// The [retry] section: delays after the 1st, 2nd, ... failed attempt (the
/// last one repeats) and the age at which a message is given up and bounced.
struct RetryConfig
{
    static constexpr int kMaxAgeSeconds = 365 * 24 * 60 * 60; ///< accepted max-age

    QList<int> scheduleSeconds{60, 5 * 60, 15 * 60, 30 * 60, 60 * 60};
    int maxAgeSeconds = 5 * 24 * 60 * 60;
    /// The sender gets one "still trying" DSN once a message has waited this
    /// long; at or above maxAgeSeconds no warning is ever sent.
    int delayWarningSeconds = 4 * 60 * 60;
};

} // namespace RelayDesk::Config
