#pragma once

#include "queue/DestinationSnapshot.h"
#include "service/RelayStatus.h"
#include "store/StoreTypes.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace RelayDesk::Ui {

/// Texts and colours for states, shared by every page so that "Deferred"
/// reads and looks the same everywhere. Colours are picked for the palette
/// they are drawn on (darker hues on light windows, lighter on dark ones),
/// so both palettes stay readable without hard-coding one theme.

/// True when the palette's window colour is dark (a dark theme).
bool isDarkPalette(const QPalette& palette);

/// "Queued", "Being delivered", "Deferred", "Delivered", "Failed", "Held".
QString stateText(Store::RecipientState state);

/// A foreground colour for `state` that contrasts with `palette`'s base.
QColor stateColor(Store::RecipientState state, const QPalette& palette);

/// "Idle", "Sending", "Rate limited", "Testing recovery", "Unreachable".
QString destinationStateText(Queue::DestinationState state);

/// A foreground colour for a destination state, readable on `palette`.
QColor destinationStateColor(Queue::DestinationState state, const QPalette& palette);

/// The relay's state in words: "Running", "Paused", "Upstream unreachable",
/// "Stopped", "Failed — <reason>" ...
QString relayStateText(const Service::RelayStatus& status);

/// A duration for people: "45 s", "12 min", "3 h 12 min", "2 d 4 h".
QString durationText(qint64 seconds);

/// The age of the oldest waiting message at `now`, or "none waiting".
QString oldestAgeText(const QDateTime& oldest, const QDateTime& now);

/// A Fusion-style dark palette, for the "--dark" option (the default
/// follows the system's palette).
QPalette fusionDarkPalette();

} // namespace RelayDesk::Ui
