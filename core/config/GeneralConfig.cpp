#include "GeneralConfig.h"

#include <QStandardPaths>
#include <QSysInfo>
#include <unistd.h>

namespace RelayDesk::Config {

QString GeneralConfig::defaultDataDir()
{
    if (::geteuid() == 0)
        return QStringLiteral("/var/lib/relaydesk");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/relaydesk");
}

QString GeneralConfig::defaultHostname()
{
    const QString name = QSysInfo::machineHostName();
    return name.isEmpty() ? QStringLiteral("localhost") : name;
}

} // namespace RelayDesk::Config
