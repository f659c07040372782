#pragma once

#include "MtaStsPolicy.h"
#include "SmarthostSettings.h"

#include <QHostAddress>
#include <QString>
#include <optional>

namespace RelayDesk::Delivery {

/// One upstream a destination may be delivered to, in the order to try:
/// a smarthost and its fallbacks, or the MX hosts (one per address) of a
/// recipient domain.
struct DestinationHost
{
    /// Scheduler key whose limits and backoff apply to connections to this
    /// host: its own smarthost:NAME for a fallback, mx:domain for every MX host.
    QString key;
    SmarthostSettings settings; ///< host = name for EHLO logs, TLS peer name and MTA-STS
    QHostAddress address;       ///< connect here; null: resolve settings.host
    /// MX only: the recipient domain's MTA-STS policy, checked once the
    /// session is up (MtaStsEnforcement::checkTls).
    std::optional<MtaStsPolicy> mtaSts;
    QString domain; ///< MX only: the recipient domain
};

} // namespace RelayDesk::Delivery
