#pragma once

#include "BackoffSettings.h"
#include "DestinationFailure.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace RelayDesk::Queue {

class RandomSource;

/// Pauses one destination after it failed as a whole (connection refused,
/// 421 greeting, ...) with exponential backoff, and lifts the pause on the
/// first success. Pure: the caller passes `now` from a Clock; jitter comes
/// from an injected RandomSource.
///
/// One outage counts once: failures reported while the destination is
/// already paused (the other connections that were opened before the pause
/// and now fail as well) update the last error but do not lengthen the
/// pause. Likewise a success reported during a pause comes from a
/// connection older than the failure and does not lift it. The first
/// failure after a pause ended (the probe) doubles the pause.
class DestinationBackoff
{
public:
    /// Without a random source the pauses have their nominal length.
    explicit DestinationBackoff(const BackoffSettings& settings = {},
                                RandomSource* random = nullptr);

    /// Applies from the next failure on; a running pause keeps its end.
    void setSettings(const BackoffSettings& settings);
    const BackoffSettings& settings() const { return m_settings; }

    void recordFailure(DestinationFailure kind, const QDateTime& now,
                       const QString& reason = QString());
    void recordSuccess(const QDateTime& now);

    bool isPaused(const QDateTime& now) const;
    /// Failed and not yet recovered, but the pause is over: the next
    /// connection is a probe.
    bool isRecovering(const QDateTime& now) const;
    /// When the current (or last) pause ends; invalid while healthy.
    QDateTime resumeAt() const { return m_resumeAt; }
    int consecutiveFailures() const { return m_failures; }

    /// The last failure, kept after recovery for the GUI.
    QString lastError() const { return m_lastError; }
    QDateTime lastFailureAt() const { return m_lastFailureAt; }
    std::optional<DestinationFailure> lastFailureKind() const { return m_lastKind; }

    /// The pause after the n-th failure in a row before jitter, in ms.
    static qint64 nominalPauseMs(const BackoffSettings& settings, int failures);
    /// The settings with out-of-range values replaced by the nearest sane ones.
    static BackoffSettings sanitized(const BackoffSettings& settings);

private:
    BackoffSettings m_settings;
    RandomSource* m_random;
    int m_failures = 0;
    QDateTime m_resumeAt;
    QString m_lastError;
    QDateTime m_lastFailureAt;
    std::optional<DestinationFailure> m_lastKind;
};

} // namespace RelayDesk::Queue
