#include "StateStyle.h"

#include <QCoreApplication>

namespace RelayDesk::Ui {

namespace {

enum class Tone { Neutral, Good, Busy, Warning, Bad, Muted };

// Two shades per tone: the first has enough contrast on white, the second
// on the near-black bases of dark themes (both >= 4.5:1 for text).
QColor toneColor(Tone tone, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    switch (tone) {
    case Tone::Neutral:
        return palette.color(QPalette::Text);
    case Tone::Good:
        return dark ? QColor(0x6f, 0xd0, 0x8c) : QColor(0x1b, 0x7a, 0x3d);
    case Tone::Busy:
        return dark ? QColor(0x7c, 0xb7, 0xff) : QColor(0x1f, 0x5f, 0xb0);
    case Tone::Warning:
        return dark ? QColor(0xf2, 0xc1, 0x4e) : QColor(0x9a, 0x5b, 0x00);
    case Tone::Bad:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
    case Tone::Muted:
        return palette.color(QPalette::PlaceholderText);
    }
    return palette.color(QPalette::Text);
}

Tone toneOf(Store::RecipientState state)
{
    using S = Store::RecipientState;
    switch (state) {
    case S::Queued:
        return Tone::Neutral;
    case S::InFlight:
        return Tone::Busy;
    case S::Deferred:
        return Tone::Warning;
    case S::Delivered:
        return Tone::Good;
    case S::Failed:
        return Tone::Bad;
    case S::Held:
        return Tone::Muted;
    }
    return Tone::Neutral;
}

Tone toneOf(Queue::DestinationState state)
{
    using S = Queue::DestinationState;
    switch (state) {
    case S::Idle:
        return Tone::Neutral;
    case S::Active:
        return Tone::Good;
    case S::RateLimited:
    case S::Probing:
        return Tone::Warning;
    case S::Paused:
        return Tone::Bad;
    }
    return Tone::Neutral;
}

} // namespace

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QString stateText(Store::RecipientState state)
{
    using S = Store::RecipientState;
    switch (state) {
    case S::Queued:
        return QCoreApplication::translate("StateStyle", "Queued");
    case S::InFlight:
        return QCoreApplication::translate("StateStyle", "Being delivered");
    case S::Deferred:
        return QCoreApplication::translate("StateStyle", "Deferred");
    case S::Delivered:
        return QCoreApplication::translate("StateStyle", "Delivered");
    case S::Failed:
        return QCoreApplication::translate("StateStyle", "Failed");
    case S::Held:
        return QCoreApplication::translate("StateStyle", "Held");
    }
    return {};
}

QColor stateColor(Store::RecipientState state, const QPalette& palette)
{
    return toneColor(toneOf(state), palette);
}

QString destinationStateText(Queue::DestinationState state)
{
    using S = Queue::DestinationState;
    switch (state) {
    case S::Idle:
        return QCoreApplication::translate("StateStyle", "Idle");
    case S::Active:
        return QCoreApplication::translate("StateStyle", "Sending");
    case S::RateLimited:
        return QCoreApplication::translate("StateStyle", "Rate limited");
    case S::Probing:
        return QCoreApplication::translate("StateStyle", "Testing recovery");
    case S::Paused:
        return QCoreApplication::translate("StateStyle", "Unreachable");
    }
    return {};
}

QColor destinationStateColor(Queue::DestinationState state, const QPalette& palette)
{
    return toneColor(toneOf(state), palette);
}

QString relayStateText(const Service::RelayStatus& status)
{
    using State = Service::RelayStatus::State;
    switch (status.state) {
    case State::Stopped:
        return QCoreApplication::translate("StateStyle", "Stopped");
    case State::Starting:
        return QCoreApplication::translate("StateStyle", "Starting…");
    case State::Stopping:
        return QCoreApplication::translate("StateStyle", "Stopping…");
    case State::Failed:
        return status.error.isEmpty()
                   ? QCoreApplication::translate("StateStyle", "Failed")
                   : QCoreApplication::translate("StateStyle", "Failed — %1").arg(status.error);
    case State::Running:
        break;
    }
    if (status.intakePaused)
        return QCoreApplication::translate("StateStyle", "Paused (not accepting new mail)");
    for (const auto& destination : status.destinations) {
        if (destination.state == Queue::DestinationState::Paused)
            return QCoreApplication::translate("StateStyle", "Upstream unreachable");
    }
    return QCoreApplication::translate("StateStyle", "Running");
}

QString durationText(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return QCoreApplication::translate("StateStyle", "%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return QCoreApplication::translate("StateStyle", "%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return QCoreApplication::translate("StateStyle", "%1 h %2 min")
            .arg(hours)
            .arg(minutes % 60);
    return QCoreApplication::translate("StateStyle", "%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString oldestAgeText(const QDateTime& oldest, const QDateTime& now)
{
    if (!oldest.isValid())
        return QCoreApplication::translate("StateStyle", "none waiting");
    return durationText(oldest.secsTo(now));
}

QPalette fusionDarkPalette()
{
    QPalette p;
    const QColor window(0x2d, 0x2d, 0x30);
    const QColor base(0x1e, 0x1e, 0x20);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3d));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x38));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x42));
    p.setColor(QPalette::Mid, QColor(0x28, 0x28, 0x2b));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7c, 0xc9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7c, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace RelayDesk::Ui
