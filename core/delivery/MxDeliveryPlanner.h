#pragma once

#include "DestinationHost.h"
#include "MxDeliveryPlan.h"
#include "MxDeliverySettings.h"

#include <QDateTime>
#include <QObject>
#include <functional>

namespace RelayDesk::Queue {
class Clock;
}
namespace RelayDesk::Dns {
class MxResolver;
class Resolver;
} // namespace RelayDesk::Dns

namespace RelayDesk::Delivery {

class DestinationPool;
class MtaStsFetcher;

/// Finds out how to reach a recipient domain directly: resolves its MX
/// hosts (Dns::MxResolver through the configured nameserver) and, in
/// parallel, its MTA-STS policy (MtaStsFetcher, which caches policies),
/// and turns both into the ordered DestinationHosts a DestinationPool tries.
class MxDeliveryPlanner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MxDeliveryPlanner)

public:
    using Callback = std::function<void(const MxDeliveryPlan&)>;

    MxDeliveryPlanner(const Queue::Clock* clock, QObject* parent = nullptr);
    ~MxDeliveryPlanner() override;

    void setSettings(const MxDeliverySettings& settings);
    const MxDeliverySettings& settings() const { return m_settings; }

    /// `callback` runs later on this thread, not at all once `context` is gone.
    void plan(const QString& domain, QObject* context, Callback callback);

    /// The hosts to try for `plan`, each with the connection settings its
    /// MTA-STS policy asks for; hosts the policy refuses (enforce) are left
    /// out and described in *refusals, testing-mode findings in *notes.
    static QVector<DestinationHost> hostsFor(const MxDeliveryPlan& plan,
                                             const MxDeliverySettings& settings,
                                             const QString& heloName, QStringList* refusals,
                                             QStringList* notes);

    /// Gives `pool` the hosts of `plan` for settings.resolutionCacheSeconds,
    /// or the reason there are none: DNS failures (permanent ones fail the
    /// recipients), or no MX host the MTA-STS policy allows (4.7.5, deferred).
    static void apply(const MxDeliveryPlan& plan, const MxDeliverySettings& settings,
                      const QString& heloName, const QDateTime& now, DestinationPool& pool);

private:
    const Queue::Clock* m_clock;
    MxDeliverySettings m_settings;
    Dns::Resolver* m_resolver;
    Dns::MxResolver* m_mxResolver;
    MtaStsFetcher* m_fetcher;
};

} // namespace RelayDesk::Delivery
