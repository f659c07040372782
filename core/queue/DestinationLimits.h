#pragma once

#include "BackoffSettings.h"

#include <algorithm>
#include <initializer_list>

namespace RelayDesk::Queue {

/// What one destination (a smarthost, or a recipient domain's MX hosts)
/// accepts from us. Every count uses 0 (or less) for "unlimited". The
/// provider presets fill these in from the providers' documented limits.
///
/// The per-minute windows are rolling 60 s windows, the per-day windows
/// rolling 24 h windows, which is how providers such as Microsoft 365 count
/// (a calendar-minute counter would allow twice the limit across a minute
/// boundary).
struct DestinationLimits
{
    int maxConnections = 4;          ///< parallel connections
    int messagesPerMinute = 0;       ///< messages started in any 60 s
    int recipientsPerMinute = 0;     ///< recipients (RCPT TO) in any 60 s
    int messagesPerDay = 0;          ///< messages started in any 24 h
    int recipientsPerDay = 0;        ///< recipients in any 24 h
    int maxRecipientsPerMessage = 0; ///< RCPT TO per transaction
    BackoffSettings backoff;

    /// The most recipients one transaction should carry so that it can ever
    /// pass the recipient limits on its own; 0 = no need to split. The
    /// engine splits larger jobs into several transactions.
    int recipientBatchLimit() const
    {
        int batch = 0;
        for (const int limit : {recipientsPerMinute, recipientsPerDay, maxRecipientsPerMessage}) {
            if (limit > 0)
                batch = batch == 0 ? limit : std::min(batch, limit);
        }
        return batch;
    }

    bool operator==(const DestinationLimits&) const = default;
};

} // namespace RelayDesk::Queue
