#include "MxResolver.h"

#include "Resolver.h"

#include <QPointer>
#include <QRandomGenerator>
#include <algorithm>

namespace RelayDesk::Dns {

namespace {

/// What one host's A and AAAA lookups found.
struct HostLookups
{
    LookupResult v4;
    LookupResult v6;
    int pending = 0;
};

} // namespace

struct MxResolver::Job
{
    MxResolution resolution;
    QPointer<QObject> context;
    Callback callback;
    std::vector<HostLookups> lookups; ///< parallel to resolution.hosts
    int pendingHosts = 0;
};

MxResolver::MxResolver(Resolver* resolver, QObject* parent)
    : QObject(parent), m_resolver(resolver),
      m_random([](quint32 bound) { return QRandomGenerator::global()->bounded(bound); })
{}

MxResolver::~MxResolver() = default;

QVector<MxRecord> MxResolver::orderRecords(QVector<MxRecord> records, const RandomSource& random)
{
    records.removeIf([](const MxRecord& r) { return r.exchange.isEmpty(); });
    // Sorted by name within a preference first, so that the order depends
    // on the random source only, not on how the server ordered its answer.
    std::sort(records.begin(), records.end(), [](const MxRecord& a, const MxRecord& b) {
        return a.preference != b.preference ? a.preference < b.preference : a.exchange < b.exchange;
    });
    // Random among equal preference spreads load as RFC 5321 5.1 asks.
    for (qsizetype begin = 0; begin < records.size();) {
        qsizetype end = begin + 1;
        while (end < records.size() && records[end].preference == records[begin].preference)
            ++end;
        for (qsizetype i = end - 1; i > begin; --i) {
            const qsizetype j = begin + qsizetype(random(quint32(i - begin + 1)));
            std::swap(records[i], records[j]);
        }
        begin = end;
    }
    return records;
}

void MxResolver::resolve(const QString& domain, QObject* context, Callback callback)
{
    const quint64 id = m_nextId++;
    auto job = std::make_unique<Job>();
    job->resolution.domain = domain.trimmed().toLower();
    if (job->resolution.domain.endsWith(u'.'))
        job->resolution.domain.chop(1);
    job->context = context;
    job->callback = std::move(callback);
    m_jobs.emplace(id, std::move(job));
    m_resolver->lookup(RecordType::MX, domain, this,
                       [this, id](const LookupResult& result) { onMx(id, result); });
}

void MxResolver::onMx(quint64 id, const LookupResult& result)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job& job = *it->second;
    MxResolution& res = job.resolution;
    if (!result.name.isEmpty())
        res.domain = result.name;

    switch (result.status) {
    case DnsStatus::Ok: {
        const QVector<MxRecord> ordered = orderRecords(result.mx, m_random);
        if (ordered.isEmpty()) {
            finish(
                id, MxResolution::Outcome::PermanentFailure, QStringLiteral("5.1.10"),
                tr("Recipient domain %1 does not accept mail (null MX, RFC 7505)").arg(res.domain));
            return;
        }
        for (const MxRecord& record : ordered) {
            if (res.hosts.size() >= m_maxHosts)
                break;
            res.hosts.append(MxHost{record.exchange, record.preference, false, {}, {}});
        }
        break;
    }
    case DnsStatus::NoData:
        // RFC 5321 5.1: no MX -> the domain itself, as if MX 0.
        // RFC 5321 5.1: an alias is processed as the name it points to.
        res.hosts.append(MxHost{
            result.canonicalName.isEmpty() ? res.domain : result.canonicalName, 0, true, {}, {}});
        break;
    case DnsStatus::NotFound:
        finish(id, MxResolution::Outcome::PermanentFailure, QStringLiteral("5.1.2"),
               tr("Recipient domain %1 does not exist: %2").arg(res.domain, result.errorText));
        return;
    case DnsStatus::InvalidName:
        finish(id, MxResolution::Outcome::PermanentFailure, QStringLiteral("5.1.2"),
               tr("Recipient domain \"%1\" is not a valid domain name").arg(res.domain));
        return;
    default:
        finish(
            id, MxResolution::Outcome::TemporaryFailure, QStringLiteral("4.4.3"),
            tr("DNS lookup for recipient domain %1 failed: %2").arg(res.domain, result.errorText));
        return;
    }
    lookupAddresses(id);
}

void MxResolver::lookupAddresses(quint64 id)
{
    Job& job = *m_jobs.at(id);
    const bool v4 = m_preference != AddressPreference::IPv6Only;
    const bool v6 = m_preference != AddressPreference::IPv4Only;
    job.lookups.resize(job.resolution.hosts.size());
    job.pendingHosts = int(job.resolution.hosts.size());
    for (int i = 0; i < int(job.resolution.hosts.size()); ++i) {
        HostLookups& lookups = job.lookups[size_t(i)];
        lookups.v4.status = lookups.v6.status = DnsStatus::NoData;
        lookups.pending = int(v4) + int(v6);
        const QString host = job.resolution.hosts[i].name;
        if (v4)
            m_resolver->lookup(RecordType::A, host, this,
                               [this, id, i](const LookupResult& r) { onAddresses(id, i, r); });
        if (v6)
            m_resolver->lookup(RecordType::AAAA, host, this,
                               [this, id, i](const LookupResult& r) { onAddresses(id, i, r); });
    }
}

void MxResolver::onAddresses(quint64 id, int hostIndex, const LookupResult& result)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job& job = *it->second;
    HostLookups& lookups = job.lookups[size_t(hostIndex)];
    (result.type == RecordType::A ? lookups.v4 : lookups.v6) = result;
    if (--lookups.pending > 0)
        return;

    MxHost& host = job.resolution.hosts[hostIndex];
    const bool v6First = m_preference == AddressPreference::IPv6First;
    const LookupResult& first = v6First ? lookups.v6 : lookups.v4;
    const LookupResult& second = v6First ? lookups.v4 : lookups.v6;
    host.addresses = first.addresses + second.addresses;
    if (host.addresses.isEmpty()) {
        QStringList reasons;
        for (const LookupResult* r : {&first, &second}) {
            if (!r->errorText.isEmpty())
                reasons.append(r->errorText);
        }
        host.error = reasons.isEmpty() ? tr("%1 has no address (A/AAAA) records").arg(host.name)
                                       : reasons.join(QStringLiteral("; "));
    }
    if (--job.pendingHosts == 0)
        complete(id);
}

void MxResolver::complete(quint64 id)
{
    Job& job = *m_jobs.at(id);
    MxResolution& res = job.resolution;
    bool anyAddress = false;
    bool anyTemporary = false;
    for (size_t i = 0; i < job.lookups.size(); ++i) {
        anyAddress = anyAddress || !res.hosts[qsizetype(i)].addresses.isEmpty();
        anyTemporary = anyTemporary || isTemporary(job.lookups[i].v4.status) ||
                       isTemporary(job.lookups[i].v6.status);
    }
    if (anyAddress) {
        res.outcome = MxResolution::Outcome::Ok;
        finish(id, MxResolution::Outcome::Ok, {}, {});
        return;
    }
    const MxHost& firstHost = res.hosts.first();
    if (firstHost.implicit && !anyTemporary) {
        // The name exists (MX said NODATA) but has neither MX nor address.
        finish(id, MxResolution::Outcome::PermanentFailure, QStringLiteral("5.1.2"),
               tr("Recipient domain %1 has no MX and no address records").arg(res.domain));
        return;
    }
    // Broken MX host names may be fixed by the domain's owner: retry until
    // the message expires rather than bounce at once.
    QStringList reasons;
    for (const MxHost& host : res.hosts)
        reasons.append(host.error);
    finish(id, MxResolution::Outcome::TemporaryFailure,
           anyTemporary ? QStringLiteral("4.4.3") : QStringLiteral("4.4.4"),
           tr("No mail host of %1 has a usable address: %2")
               .arg(res.domain, reasons.join(QStringLiteral("; "))));
}

void MxResolver::finish(quint64 id, MxResolution::Outcome outcome, const QString& code,
                        const QString& text)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    std::unique_ptr<Job> job = std::move(it->second);
    m_jobs.erase(it);
    job->resolution.outcome = outcome;
    job->resolution.enhancedStatus = code;
    job->resolution.text = text;
    if (job->context && job->callback)
        job->callback(job->resolution);
}

} // namespace RelayDesk::Dns
