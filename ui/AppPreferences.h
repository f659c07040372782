#pragma once

#include <QByteArray>
#include <QString>

namespace RelayDesk::Ui {

/// The GUI's own preferences (window layout, theme, notification limits),
/// kept in the application's QSettings. The relay's configuration lives
/// elsewhere (the INI file the core reads); nothing here affects mail flow.
class AppPreferences final
{
public:
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);
    /// The page shown last, by its object name ("overview", "queue", ...).
    QString currentPage() const;
    void setCurrentPage(const QString& name);

    /// Apply the built-in dark palette instead of following the system.
    bool darkTheme() const;
    void setDarkTheme(bool dark);

    /// Notification throttling (see Notifier).
    int notifyPerKindMinutes() const;
    void setNotifyPerKindMinutes(int minutes);
    int notifyPerHour() const;
    void setNotifyPerHour(int count);
};

} // namespace RelayDesk::Ui
