#pragma once

#include "queue/RandomSource.h"

#include <QVector>
#include <algorithm>

/// Plays back fixed values, so that a test can pin jitter to its extremes
/// (a seeded generator never yields exactly 0 on demand). Repeats the last.
class ScriptedRandomSource final : public RelayDesk::Queue::RandomSource
{
public:
    explicit ScriptedRandomSource(QVector<double> values) : m_values(std::move(values)) {}
    double uniform() override
    {
        const double value = m_values.at(std::min(m_next, m_values.size() - 1));
        ++m_next;
        return value;
    }

private:
    QVector<double> m_values;
    qsizetype m_next = 0;
};
