#include "DestinationBackoff.h"

#include "RandomSource.h"

#include <algorithm>
#include <cmath>

namespace RelayDesk::Queue {

namespace {
constexpr double maxJitter = 0.9;   ///< a pause keeps at least a tenth of its length
constexpr qint64 minPauseMs = 1000; ///< never retry a failed destination in a tight loop
} // namespace

DestinationBackoff::DestinationBackoff(const BackoffSettings& settings, RandomSource* random)
    : m_settings(sanitized(settings)), m_random(random)
{}

void DestinationBackoff::setSettings(const BackoffSettings& settings)
{
    m_settings = sanitized(settings);
}

BackoffSettings DestinationBackoff::sanitized(const BackoffSettings& settings)
{
    BackoffSettings s = settings;
    s.initialSeconds = std::max(1, s.initialSeconds);
    s.maxSeconds = std::max(s.initialSeconds, s.maxSeconds);
    if (!std::isfinite(s.multiplier) || s.multiplier < 1.0)
        s.multiplier = 1.0;
    if (!std::isfinite(s.jitter))
        s.jitter = 0.0;
    s.jitter = std::clamp(s.jitter, 0.0, maxJitter);
    return s;
}

qint64 DestinationBackoff::nominalPauseMs(const BackoffSettings& settings, int failures)
{
    const BackoffSettings s = sanitized(settings);
    const double capMs = double(s.maxSeconds) * 1000.0;
    // pow() may overflow to infinity after many failures; min() caps it.
    const double ms =
        double(s.initialSeconds) * 1000.0 * std::pow(s.multiplier, std::max(0, failures - 1));
    return qint64(std::min(ms, capMs));
}

void DestinationBackoff::recordFailure(DestinationFailure kind, const QDateTime& now,
                                       const QString& reason)
{
    m_lastKind = kind;
    m_lastError = reason;
    m_lastFailureAt = now;
    if (isPaused(now))
        return; // the same outage, seen by another connection
    ++m_failures;
    const qint64 nominal = nominalPauseMs(m_settings, m_failures);
    double shorten = 0.0;
    if (m_random && m_settings.jitter > 0.0)
        shorten = m_settings.jitter * std::clamp(m_random->uniform(), 0.0, 1.0);
    const qint64 pause =
        std::max(minPauseMs, qint64(std::llround(double(nominal) * (1.0 - shorten))));
    m_resumeAt = now.addMSecs(pause);
}

void DestinationBackoff::recordSuccess(const QDateTime& now)
{
    if (isPaused(now))
        return; // from a connection set up before the failure: the failure is newer news
    m_failures = 0;
    m_resumeAt = QDateTime();
}

bool DestinationBackoff::isPaused(const QDateTime& now) const
{
    return m_resumeAt.isValid() && now < m_resumeAt;
}

bool DestinationBackoff::isRecovering(const QDateTime& now) const
{
    return m_failures > 0 && !isPaused(now);
}

} // namespace RelayDesk::Queue
