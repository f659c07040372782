#pragma once

#include <QHostAddress>
#include <QString>

namespace RelayDesk::Config {

/// The [general] section: where the relay keeps its data and its SMTP name.
struct GeneralConfig
{
    /// Queue database, spool, local accounts and the file credential store.
    QString dataDir = defaultDataDir();
    /// Our name in the SMTP greeting, EHLO and Received: headers.
    QString hostname = defaultHostname();
    /// The DNS server for direct MX delivery and MTA-STS lookups; null: the
    /// system's resolver (/etc/resolv.conf).
    QHostAddress dnsServer;

    /// /var/lib/relaydesk for root (the daemon), otherwise the user's
    /// ~/.local/share/relaydesk (the GUI, or a daemon run by hand).
    static QString defaultDataDir();
    /// QSysInfo::machineHostName(), or "localhost" when the machine has none.
    static QString defaultHostname();
};

} // namespace RelayDesk::Config
