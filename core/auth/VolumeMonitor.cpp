#include "VolumeMonitor.h"

#include <QLoggingCategory>
#include <cmath>

namespace RelayDesk::Auth {

namespace {
Q_LOGGING_CATEGORY(lcAbuse, "relaydesk.abuse")
constexpr qint64 kHourMs = 3600 * 1000;
} // namespace

VolumeMonitor::VolumeMonitor(const Queue::Clock& clock) : VolumeMonitor(clock, Settings{}) {}

VolumeMonitor::VolumeMonitor(const Queue::Clock& clock, Settings settings)
    : m_clock(clock), m_settings(settings)
{}

qint64 VolumeMonitor::currentHour() const
{
    return m_clock.now().toMSecsSinceEpoch() / kHourMs;
}

void VolumeMonitor::roll(Device& device, qint64 hour) const
{
    if (hour <= device.hour)
        return; // same hour, or the clock stepped back: keep counting
    const double keep = 1.0 - m_settings.weight;
    // The finished hour, then each empty hour after it.
    device.usual = keep * device.usual + m_settings.weight * double(device.current);
    const qint64 emptyHours = std::min<qint64>(hour - device.hour - 1, 10000);
    device.usual *= std::pow(keep, double(emptyHours));
    device.hour = hour;
    device.current = 0;
    device.alerted = false;
}

std::optional<VolumeAlert> VolumeMonitor::record(const QString& device, qint64 messages)
{
    const qint64 hour = currentHour();
    auto it = m_devices.find(device);
    if (it == m_devices.end())
        it = m_devices.insert(device, Device{hour, 0, 0, false});
    Device& entry = *it;
    roll(entry, hour);
    entry.current += messages;
    const double threshold = std::max(m_settings.factor * entry.usual, double(m_settings.floor));
    if (entry.alerted || double(entry.current) <= threshold)
        return std::nullopt;
    entry.alerted = true;
    VolumeAlert alert{device, QDateTime::fromMSecsSinceEpoch(hour * kHourMs, Qt::UTC),
                      entry.current, entry.usual};
    qCWarning(lcAbuse,
              "unusual volume: %s sent %lld messages this hour, usually %.1f per hour "
              "(a compromised device or a mail loop?)",
              qPrintable(device), static_cast<long long>(entry.current), entry.usual);
    return alert;
}

double VolumeMonitor::usualPerHour(const QString& device) const
{
    const auto it = m_devices.constFind(device);
    if (it == m_devices.cend())
        return 0;
    Device copy = *it;
    roll(copy, currentHour());
    return copy.usual;
}

qint64 VolumeMonitor::currentHourCount(const QString& device) const
{
    const auto it = m_devices.constFind(device);
    if (it == m_devices.cend())
        return 0;
    return it->hour == currentHour() ? it->current : 0;
}

} // namespace RelayDesk::Auth
