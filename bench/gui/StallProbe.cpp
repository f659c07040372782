#include "StallProbe.h"

#include <QTimer>
#include <algorithm>

namespace RelayDesk::Bench {

namespace {
constexpr int IntervalMs = 1;
constexpr qint64 IntervalNs = IntervalMs * 1000000LL;
} // namespace

StallProbe::StallProbe(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(IntervalMs);
    connect(m_timer, &QTimer::timeout, this, &StallProbe::tick);
}

StallProbe::~StallProbe() = default;

void StallProbe::start()
{
    m_gapsNs.clear();
    m_gapsNs.reserve(200000);
    m_longestNs = 0;
    m_lastNs = -1;
    m_clock.start();
    m_timer->start();
}

void StallProbe::stop()
{
    m_timer->stop();
}

void StallProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        const qint64 late = std::max<qint64>(0, now - m_lastNs - IntervalNs);
        m_gapsNs.append(late);
        m_longestNs = std::max(m_longestNs, late);
    }
    m_lastNs = now;
}

double StallProbe::percentileMs(double fraction) const
{
    if (m_gapsNs.isEmpty())
        return 0;
    QVector<qint64> sorted = m_gapsNs;
    const auto index = std::min<qsizetype>(sorted.size() - 1, qsizetype(fraction * sorted.size()));
    std::nth_element(sorted.begin(), sorted.begin() + index, sorted.end());
    return sorted.at(index) / 1e6;
}

int StallProbe::stallsOver(double ms) const
{
    const auto limit = qint64(ms * 1e6);
    return int(std::count_if(m_gapsNs.cbegin(), m_gapsNs.cend(),
                             [limit](qint64 gap) { return gap > limit; }));
}

} // namespace RelayDesk::Bench
