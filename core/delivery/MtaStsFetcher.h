#pragma once

#include "MtaStsCache.h"
#include "MtaStsPolicy.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace RelayDesk::Dns {
class Resolver;
struct LookupResult;
} // namespace RelayDesk::Dns
namespace RelayDesk::Queue {
class Clock;
}

namespace RelayDesk::Delivery {

/// The policy that applies to one recipient domain, and how it was found.
struct MtaStsLookup
{
    enum class Source { None, Fetched, Cached };

    QString domain;
    std::optional<MtaStsPolicy> policy; ///< none: deliver with opportunistic TLS
    Source source = Source::None;
    QString log; ///< what happened, for the message log ("fetch failed: ...; using cached ...")
};

/// Discovers and caches MTA-STS policies (RFC 8461 3): looks up the
/// _mta-sts TXT record through our Dns::Resolver, and when its id is new
/// fetches https://mta-sts.<domain>/.well-known/mta-sts.txt with
/// QNetworkAccessManager. The policy host is resolved through the same
/// resolver and the request goes to that address, with the Host header and
/// the TLS peer name set to mta-sts.<domain>: so the configured nameserver
/// (and the loopback test zone) decides, not the system resolver.
///
/// No redirects are followed, only 200 with text/plain is accepted, the
/// body is limited to 64 KiB, the certificate must be valid for
/// mta-sts.<domain>. A failed fetch keeps a cached policy until it expires.
/// Concurrent requests for one domain share one lookup.
class MtaStsFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MtaStsFetcher)

public:
    using Callback = std::function<void(const MtaStsLookup&)>;

    MtaStsFetcher(Dns::Resolver* resolver, const Queue::Clock* clock, QObject* parent = nullptr);
    ~MtaStsFetcher() override;

    void setHttpsPort(quint16 port) { m_port = port; } ///< default 443; tests use a free port
    void setCaFile(const QString& pemFile) { m_caFile = pemFile; } ///< extra CA; system CAs always
    void setTimeout(int ms) { m_timeoutMs = ms; }              ///< the HTTPS transfer; default 30 s
    void setMaxPolicySize(qint64 bytes) { m_maxSize = bytes; } ///< default 64 KiB

    /// `callback` runs later on this thread, and not at all once `context`
    /// (required) has been destroyed.
    void policyFor(const QString& domain, QObject* context, Callback callback);

    MtaStsCache& cache() { return m_cache; }
    int fetchesStarted() const { return m_fetches; }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };
    struct Pending
    {
        MtaStsLookup result;
        QString txtId;
        std::vector<Waiter> waiters;
    };

    void onTxt(const QString& domain, const Dns::LookupResult& result);
    void resolvePolicyHost(const QString& domain, bool ipv6);
    void fetch(const QString& domain, const QHostAddress& address);
    void onReply(const QString& domain, QNetworkReply* reply);
    void fetchFailed(const QString& domain, const QString& why);
    void finish(const QString& domain);

    Dns::Resolver* m_resolver;
    const Queue::Clock* m_clock;
    QNetworkAccessManager* m_network;
    MtaStsCache m_cache;
    QHash<QString, Pending> m_pending;
    quint16 m_port = 443;
    QString m_caFile;
    int m_timeoutMs = 30 * 1000;
    qint64 m_maxSize = 64 * 1024;
    int m_fetches = 0;
};

} // namespace RelayDesk::Delivery
