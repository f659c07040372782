#include "MxDeliveryPlanner.h"

#include "DestinationPool.h"
#include "MtaStsEnforcement.h"
#include "MtaStsFetcher.h"
#include "dns/MxResolver.h"
#include "dns/Resolver.h"
#include "queue/DestinationScheduler.h"

#include <QLoggingCategory>
#include <QPointer>
#include <memory>

Q_LOGGING_CATEGORY(lcMx, "relaydesk.delivery.mx")

namespace RelayDesk::Delivery {

MxDeliveryPlanner::MxDeliveryPlanner(const Queue::Clock* clock, QObject* parent)
    : QObject(parent), m_clock(clock), m_resolver(new Dns::Resolver(this)),
      m_mxResolver(new Dns::MxResolver(m_resolver, this)),
      m_fetcher(new MtaStsFetcher(m_resolver, clock, this))
{
    setSettings(m_settings);
}

MxDeliveryPlanner::~MxDeliveryPlanner() = default;

void MxDeliveryPlanner::setSettings(const MxDeliverySettings& settings)
{
    m_settings = settings;
    m_resolver->setNameserver(settings.nameserver);
    m_resolver->setTimeout(settings.dnsTimeoutMs);
    m_mxResolver->setAddressPreference(settings.addressPreference);
    m_fetcher->setHttpsPort(settings.mtaStsHttpsPort);
    m_fetcher->setCaFile(settings.caFile);
}

void MxDeliveryPlanner::plan(const QString& domain, QObject* context, Callback callback)
{
    struct Join
    {
        MxDeliveryPlan plan;
        int pending = 2;
        QPointer<QObject> context;
        Callback callback;
    };
    auto join = std::make_shared<Join>();
    join->plan.domain = domain;
    join->context = context;
    join->callback = std::move(callback);
    const auto done = [join] {
        if (--join->pending == 0 && join->context)
            join->callback(join->plan);
    };
    m_mxResolver->resolve(domain, this, [join, done](const Dns::MxResolution& resolution) {
        join->plan.resolution = resolution;
        done();
    });
    if (!m_settings.mtaSts) {
        --join->pending;
        return;
    }
    m_fetcher->policyFor(domain, this, [join, done](const MtaStsLookup& lookup) {
        join->plan.mtaSts = lookup.policy;
        join->plan.mtaStsLog = lookup.log;
        done();
    });
}

QVector<DestinationHost> MxDeliveryPlanner::hostsFor(const MxDeliveryPlan& plan,
                                                     const MxDeliverySettings& settings,
                                                     const QString& heloName, QStringList* refusals,
                                                     QStringList* notes)
{
    QVector<DestinationHost> hosts;
    const QString key = Queue::DestinationScheduler::mxKey(plan.domain);
    for (const Dns::MxCandidate& candidate : plan.resolution.candidates()) {
        const auto decision =
            MtaStsEnforcement::checkHost(plan.mtaSts, plan.domain, candidate.host);
        if (!decision.proceeds()) {
            if (refusals && !refusals->contains(decision.text))
                refusals->append(decision.text);
            continue;
        }
        if (decision.verdict == MtaStsEnforcement::Verdict::ProceedAndReport && notes &&
            !notes->contains(decision.text))
            notes->append(decision.text);
        const auto requirement = MtaStsEnforcement::requirement(plan.mtaSts, candidate.host);
        DestinationHost host;
        host.key = key;
        host.address = candidate.address;
        host.domain = plan.domain;
        host.mtaSts = plan.mtaSts;
        SmarthostSettings& s = host.settings;
        s.host = candidate.host;
        s.port = settings.port;
        s.tls = requirement.requireTls ? TlsMode::StartTlsRequired : TlsMode::StartTlsOpportunistic;
        // Never fail the handshake on the certificate: under enforce the
        // pool checks it (MtaStsEnforcement::checkTls on tlsErrors()) as soon
        // as the session is up, before any mail is sent, so that a bad one
        // reads as the 4.7.5 refusal and the next MX host is tried; without
        // a policy, opportunistic TLS takes any certificate (RFC 7435).
        s.verifyPeer = false;
        s.caFile = settings.caFile;
        s.heloName = heloName.isEmpty() ? settings.ehloName : heloName;
        s.maxConnections = settings.maxConnectionsPerDomain;
        s.maxMessagesPerConnection = settings.maxMessagesPerConnection;
        s.connectTimeoutMs = settings.connectTimeoutMs;
        s.commandTimeoutMs = settings.commandTimeoutMs;
        s.dataTimeoutMs = settings.dataTimeoutMs;
        hosts.append(std::move(host));
    }
    return hosts;
}

void MxDeliveryPlanner::apply(const MxDeliveryPlan& plan, const MxDeliverySettings& settings,
                              const QString& heloName, const QDateTime& now, DestinationPool& pool)
{
    const QDateTime validUntil = now.addSecs(std::max(1, settings.resolutionCacheSeconds));
    const QString key = pool.key();
    const Dns::MxResolution& r = plan.resolution;
    if (!plan.mtaStsLog.isEmpty())
        qCInfo(lcMx).noquote() << key << plan.mtaStsLog;
    if (!r.isOk()) {
        const bool permanent = r.isPermanentFailure();
        pool.setUnavailable(Smtp::ClientReply::makeLocal(r.replyCode(), r.enhancedStatus, r.text,
                                                         permanent
                                                             ? Smtp::ClientDisposition::Permanent
                                                             : Smtp::ClientDisposition::Transient),
                            key, validUntil);
        return;
    }
    QStringList refusals;
    QStringList notes;
    QVector<DestinationHost> hosts = hostsFor(plan, settings, heloName, &refusals, &notes);
    for (const QString& note : std::as_const(notes))
        qCInfo(lcMx).noquote() << key << note; // testing mode: reported, not enforced
    if (hosts.isEmpty()) {
        pool.setUnavailable(
            Smtp::ClientReply::makeLocal(451, QStringLiteral("4.7.5"),
                                         MtaStsEnforcement::deferralText(plan.domain, refusals),
                                         Smtp::ClientDisposition::Transient),
            key, validUntil);
        return;
    }
    pool.setHosts(std::move(hosts), validUntil);
}

} // namespace RelayDesk::Delivery
