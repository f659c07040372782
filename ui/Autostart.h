#pragma once

#include <QString>

namespace RelayDesk::Ui {

/// "Start at login": an XDG autostart entry
/// (~/.config/autostart/relaydesk.desktop) that launches
/// `relaydesk --minimized`, so the relay starts hidden in the tray.
class Autostart final
{
public:
    /// `directory` empty = the user's XDG autostart directory.
    explicit Autostart(QString directory = {});

    QString desktopFilePath() const;
    bool isEnabled() const;
    /// Writes or removes the entry; false with `error` set when that fails.
    bool setEnabled(bool enabled, QString* error = nullptr) const;

    /// The command the entry runs: "relaydesk --minimized" when relaydesk
    /// is on PATH as this very program, else this program's absolute path.
    static QString command();

private:
    QString m_directory;
};

} // namespace RelayDesk::Ui
