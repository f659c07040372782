#pragma once

#include "MtaStsPolicy.h"

#include <QDateTime>
#include <QHash>
#include <optional>

namespace RelayDesk::Delivery {

/// Policies by recipient domain, each valid for its max_age (RFC 8461 5.1).
/// Pure bookkeeping, with the time passed in, so every refresh decision is
/// tested without a network or a clock.
class MtaStsCache
{
public:
    /// What the _mta-sts TXT lookup said.
    enum class TxtState {
        Valid,       ///< exactly one valid v=STSv1 record, with an id
        Absent,      ///< NXDOMAIN, no record, or an invalid record
        Unavailable, ///< DNS failure or timeout
    };
    enum class Action {
        UseCached, ///< the cached policy is current
        Fetch,     ///< fetch over HTTPS (new id, or nothing usable cached)
        NoPolicy,  ///< deliver as if the domain had no MTA-STS
    };

    /// RFC 8461 3.3 and 5.1: a cached, unexpired policy with the TXT
    /// record's id is used as is; a new id (or no usable cache) means fetch;
    /// without a live TXT record the cached policy is used until it expires.
    Action plan(const QString& domain, TxtState txt, const QString& txtId,
                const QDateTime& now) const;

    /// The unexpired policy for `domain`, if any. Also what to use when a
    /// fetch fails (RFC 8461 3.3: a failed fetch keeps the cached policy).
    std::optional<MtaStsPolicy> cached(const QString& domain, const QDateTime& now) const;
    /// Stores a freshly fetched policy: valid until now + max_age.
    void store(const QString& domain, const MtaStsPolicy& policy, const QDateTime& now);
    void remove(const QString& domain);
    /// Drops expired entries; returns how many.
    int purgeExpired(const QDateTime& now);
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        MtaStsPolicy policy;
        QDateTime expires;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace RelayDesk::Delivery
