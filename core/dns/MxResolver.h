#pragma once

#include "DnsTypes.h"

#include <QObject>
#include <functional>
#include <map>
#include <memory>

namespace RelayDesk::Dns {

class Resolver;

/// Finds the hosts to try for a recipient domain (RFC 5321 5.1): MX records
/// by preference, in random order among equal preference, each host with
/// its A/AAAA addresses. No MX -> the domain itself (implicit MX); a null MX
/// (RFC 7505) -> permanent failure 5.1.10; NXDOMAIN -> permanent 5.1.2;
/// DNS failures -> temporary 4.4.3.
class MxResolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MxResolver)

public:
    using Callback = std::function<void(const MxResolution&)>;
    /// Returns a number in [0, bound); the default uses QRandomGenerator.
    using RandomSource = std::function<quint32(quint32 bound)>;

    explicit MxResolver(Resolver* resolver, QObject* parent = nullptr);
    ~MxResolver() override;

    void setRandomSource(RandomSource random) { m_random = std::move(random); }
    void setAddressPreference(AddressPreference preference) { m_preference = preference; }
    /// More MX hosts than this are cut off (after sorting); default 10.
    void setMaxHosts(int hosts) { m_maxHosts = hosts; }

    /// `callback` runs later on this thread, and not at all once `context`
    /// (required) has been destroyed.
    void resolve(const QString& domain, QObject* context, Callback callback);

    /// Sorts by preference (then name) and shuffles each run of equal preference with
    /// `random` (Fisher-Yates). Null MX targets are dropped.
    static QVector<MxRecord> orderRecords(QVector<MxRecord> records, const RandomSource& random);

private:
    struct Job;

    void onMx(quint64 id, const LookupResult& result);
    void lookupAddresses(quint64 id);
    void onAddresses(quint64 id, int hostIndex, const LookupResult& result);
    void complete(quint64 id);
    void finish(quint64 id, MxResolution::Outcome outcome, const QString& code,
                const QString& text);

    Resolver* m_resolver;
    RandomSource m_random;
    AddressPreference m_preference = AddressPreference::IPv4First;
    int m_maxHosts = 10;
    quint64 m_nextId = 1;
    std::map<quint64, std::unique_ptr<Job>> m_jobs;
};

} // namespace RelayDesk::Dns
