#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace RelayDesk::Ui {

Autostart::Autostart(QString directory) : m_directory(std::move(directory))
{
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                      QStringLiteral("/autostart");
}

QString Autostart::desktopFilePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("relaydesk.desktop"));
}

bool Autostart::isEnabled() const
{
    return QFileInfo::exists(desktopFilePath());
}

QString Autostart::command()
{
    const QString self = QCoreApplication::applicationFilePath();
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("relaydesk"));
    QString program = QStringLiteral("relaydesk");
    if (!self.isEmpty() && (onPath.isEmpty() || QFileInfo(onPath).canonicalFilePath() !=
                                                    QFileInfo(self).canonicalFilePath())) {
        // Desktop Entry Exec quoting: double quotes, with \ " ` $ escaped.
        QString quoted = self;
        for (const QChar c :
             {QLatin1Char('\\'), QLatin1Char('"'), QLatin1Char('`'), QLatin1Char('$')})
            quoted.replace(c, QStringLiteral("\\") + c);
        program = QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return program + QStringLiteral(" --minimized");
}

bool Autostart::setEnabled(bool enabled, QString* error) const
{
    const QString path = desktopFilePath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            if (error)
                *error =
                    QCoreApplication::translate("Autostart", "%1 cannot be removed.").arg(path);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error =
                QCoreApplication::translate("Autostart", "%1 cannot be created.").arg(m_directory);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QString entry =
        QStringLiteral("[Desktop Entry]\n"
                       "Type=Application\n"
                       "Name=RelayDesk\n"
                       "Comment=Office mail relay (starts minimised in the tray)\n"
                       "Exec=%1\n"
                       "Icon=relaydesk\n"
                       "Terminal=false\n"
                       "X-GNOME-Autostart-enabled=true\n")
            .arg(command());
    file.write(entry.toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace RelayDesk::Ui
