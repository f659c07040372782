#pragma once

#include <QVector>

namespace RelayDesk::Queue {

/// Retry settings: the delays after the 1st, 2nd, ... failed attempt (the
/// last one repeats), and the age after which a message is given up.
struct RetryPolicy
{
    QVector<int> delaysSeconds{60, 5 * 60, 15 * 60, 30 * 60, 60 * 60};
    int maxAgeSeconds = 5 * 24 * 60 * 60;
};

} // namespace RelayDesk::Queue
