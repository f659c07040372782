#include "MtaStsCache.h"

namespace RelayDesk::Delivery {

namespace {

QString key(const QString& domain)
{
    QString k = domain.trimmed().toLower();
    if (k.endsWith(u'.'))
        k.chop(1);
    return k;
}

} // namespace

MtaStsCache::Action MtaStsCache::plan(const QString& domain, TxtState txt, const QString& txtId,
                                      const QDateTime& now) const
{
    const std::optional<MtaStsPolicy> current = cached(domain, now);
    switch (txt) {
    case TxtState::Valid:
        return current && current->id == txtId ? Action::UseCached : Action::Fetch;
    case TxtState::Absent:
    case TxtState::Unavailable:
        return current ? Action::UseCached : Action::NoPolicy;
    }
    return Action::NoPolicy;
}

std::optional<MtaStsPolicy> MtaStsCache::cached(const QString& domain, const QDateTime& now) const
{
    const auto it = m_entries.constFind(key(domain));
    if (it == m_entries.cend() || it->expires <= now)
        return std::nullopt;
    return it->policy;
}

void MtaStsCache::store(const QString& domain, const MtaStsPolicy& policy, const QDateTime& now)
{
    m_entries.insert(key(domain), Entry{policy, now.addSecs(policy.maxAge)});
}

void MtaStsCache::remove(const QString& domain)
{
    m_entries.remove(key(domain));
}

int MtaStsCache::purgeExpired(const QDateTime& now)
{
    int removed = 0;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->expires <= now) {
            it = m_entries.erase(it);
            ++removed;
        } else {
            ++it;
        }
    }
    return removed;
}

} // namespace RelayDesk::Delivery
