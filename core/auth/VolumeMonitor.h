#pragma once

#include "VolumeAlert.h"
#include "queue/Clock.h"

#include <QHash>
#include <optional>

namespace RelayDesk::Auth {

/// Learns each device's usual hourly volume (an exponentially weighted
/// moving average over whole hours, empty hours included) and raises one
/// alert per device and hour when the current hour exceeds both
/// `factor` x usual and `floor` messages: the floor keeps a quiet device's
/// small burst (3 instead of 0.1) from alerting.
///
/// Not thread-safe: lives on the core thread. Time from the clock.
class VolumeMonitor
{
public:
    struct Settings
    {
        double factor = 10.0; ///< [security] abuse-factor
        int floor = 200;      ///< [security] abuse-floor (messages per hour)
        /// Weight of the newest hour in the average (about a day's memory).
        double weight = 0.05;
    };

    explicit VolumeMonitor(const Queue::Clock& clock);
    VolumeMonitor(const Queue::Clock& clock, Settings settings);

    void setSettings(Settings settings) { m_settings = settings; }

    /// Counts messages for a device; returns an alert the first time this
    /// hour the device goes over its threshold.
    std::optional<VolumeAlert> record(const QString& device, qint64 messages = 1);
    /// The device's usual hourly volume as of now (0 for an unknown device).
    double usualPerHour(const QString& device) const;
    qint64 currentHourCount(const QString& device) const;

private:
    struct Device
    {
        qint64 hour = 0; ///< hours since the epoch of `current`
        qint64 current = 0;
        double usual = 0;
        bool alerted = false;
    };
    qint64 currentHour() const;
    /// Folds finished hours into the average.
    void roll(Device& device, qint64 hour) const;

    const Queue::Clock& m_clock;
    Settings m_settings;
    QHash<QString, Device> m_devices;
};

} // namespace RelayDesk::Auth
