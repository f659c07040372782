#pragma once

#include "MtaStsPolicy.h"
#include "dns/DnsTypes.h"

#include <QString>
#include <optional>

namespace RelayDesk::Delivery {

/// Where mail for one recipient domain goes by direct MX delivery: the MX
/// resolution and the domain's MTA-STS policy (if any), as found together
/// by MxDeliveryPlanner.
struct MxDeliveryPlan
{
    QString domain;
    Dns::MxResolution resolution;
    std::optional<MtaStsPolicy> mtaSts;
    QString mtaStsLog; ///< how the policy was found (or why there is none)
};

} // namespace RelayDesk::Delivery
