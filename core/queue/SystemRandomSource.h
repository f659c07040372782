#pragma once

#include "RandomSource.h"

#include <QRandomGenerator>

namespace RelayDesk::Queue {

/// Qt's process-wide generator: what the daemon uses for jitter.
class SystemRandomSource final : public RandomSource
{
public:
    double uniform() override { return QRandomGenerator::global()->generateDouble(); }
};

} // namespace RelayDesk::Queue
