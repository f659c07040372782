#pragma once

#include "dns/DnsTypes.h"

#include <QHostAddress>
#include <QString>

namespace RelayDesk::Delivery {

/// How the engine delivers straight to recipient domains' MX hosts.
struct MxDeliverySettings
{
    QHostAddress nameserver;                        ///< null: the system's resolv.conf
    QString ehloName = QStringLiteral("localhost"); ///< a route's helo-name overrides it
    /// SMTP port of every MX host: 25, except in tests (QDnsLookup gives no ports).
    quint16 port = 25;
    Dns::AddressPreference addressPreference = Dns::AddressPreference::IPv4First;
    bool mtaSts = true; ///< look up and honour MTA-STS policies
    quint16 mtaStsHttpsPort = 443;
    /// Extra CA (PEM) trusted for MTA-STS policy hosts and MX certificates
    /// (test CAs); the system CAs always count.
    QString caFile;
    int resolutionCacheSeconds = 300; ///< an MX resolution is reused this long
    int dnsTimeoutMs = 8000;
    int connectTimeoutMs = 30 * 1000;
    int commandTimeoutMs = 5 * 60 * 1000;
    int dataTimeoutMs = 10 * 60 * 1000;
    int maxConnectionsPerDomain = 2; ///< default limit of mx:domain destinations
    int maxMessagesPerConnection = 100;
};

} // namespace RelayDesk::Delivery
