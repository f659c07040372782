#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QVector>

class QTimer;

namespace RelayDesk::Bench {

/// Measures how long the thread it lives on fails to run its event loop: a
/// 1 ms precise timer whose lateness (gap between two timeouts minus the
/// interval) is recorded. The longest gap is the longest stall a user could
/// have felt (a click or a repaint waits at most that long).
class StallProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallProbe)

public:
    explicit StallProbe(QObject* parent = nullptr);
    ~StallProbe() override;

    void start();
    void stop();

    /// Longest gap beyond the interval, in milliseconds.
    double longestStallMs() const { return m_longestNs / 1e6; }
    /// Gap (beyond the interval) below which `fraction` of the ticks lie.
    double percentileMs(double fraction) const;
    /// Ticks whose gap exceeded `ms`.
    int stallsOver(double ms) const;
    int ticks() const { return int(m_gapsNs.size()); }

private:
    void tick();

    QTimer* m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    qint64 m_longestNs = 0;
    QVector<qint64> m_gapsNs;
};

} // namespace RelayDesk::Bench
