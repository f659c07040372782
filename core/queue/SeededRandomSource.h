#pragma once

#include "RandomSource.h"

#include <QRandomGenerator>

namespace RelayDesk::Queue {

/// A reproducible sequence from a seed: for tests and for replaying a
/// scheduling decision exactly.
class SeededRandomSource final : public RandomSource
{
public:
    explicit SeededRandomSource(quint32 seed) : m_generator(seed) {}
    double uniform() override { return m_generator.generateDouble(); }

private:
    QRandomGenerator m_generator;
};

} // namespace RelayDesk::Queue
