#include "MtaStsFetcher.h"

#include "MtaStsTxtRecord.h"
#include "dns/Resolver.h"
#include "queue/Clock.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

namespace RelayDesk::Delivery {

MtaStsFetcher::MtaStsFetcher(Dns::Resolver* resolver, const Queue::Clock* clock, QObject* parent)
    : QObject(parent), m_resolver(resolver), m_clock(clock),
      m_network(new QNetworkAccessManager(this))
{}

MtaStsFetcher::~MtaStsFetcher() = default;

void MtaStsFetcher::policyFor(const QString& domainIn, QObject* context, Callback callback)
{
    QString domain = domainIn.trimmed().toLower();
    if (domain.endsWith(u'.'))
        domain.chop(1);
    const bool running = m_pending.contains(domain);
    Pending& pending = m_pending[domain];
    pending.waiters.push_back(Waiter{context, std::move(callback)});
    if (running)
        return;
    pending.result.domain = domain;
    m_resolver->lookup(Dns::RecordType::TXT, QStringLiteral("_mta-sts.") + domain, this,
                       [this, domain](const Dns::LookupResult& r) { onTxt(domain, r); });
}

void MtaStsFetcher::onTxt(const QString& domain, const Dns::LookupResult& result)
{
    Pending& pending = m_pending[domain];
    MtaStsCache::TxtState state = MtaStsCache::TxtState::Absent;
    QString note;
    if (result.status == Dns::DnsStatus::Ok) {
        QString error;
        if (const auto record = MtaStsTxtRecord::select(result.texts, &error)) {
            state = MtaStsCache::TxtState::Valid;
            pending.txtId = record->id;
        } else {
            note = tr("_mta-sts TXT record: %1").arg(error);
        }
    } else if (Dns::isTemporary(result.status)) {
        state = MtaStsCache::TxtState::Unavailable;
        note = result.errorText;
    } else {
        note = tr("no _mta-sts TXT record");
    }

    const QDateTime now = m_clock->now();
    switch (m_cache.plan(domain, state, pending.txtId, now)) {
    case MtaStsCache::Action::UseCached:
        pending.result.policy = m_cache.cached(domain, now);
        pending.result.source = MtaStsLookup::Source::Cached;
        pending.result.log = (note.isEmpty() ? QString() : note + QStringLiteral("; ")) +
                             tr("using the cached MTA-STS policy (id %1, mode %2)")
                                 .arg(pending.result.policy->id,
                                      MtaStsPolicy::modeName(pending.result.policy->mode));
        finish(domain);
        return;
    case MtaStsCache::Action::NoPolicy:
        pending.result.log = note.isEmpty() ? tr("no MTA-STS policy") : note;
        finish(domain);
        return;
    case MtaStsCache::Action::Fetch:
        resolvePolicyHost(domain, false);
        return;
    }
}

void MtaStsFetcher::resolvePolicyHost(const QString& domain, bool ipv6)
{
    const QString host = QStringLiteral("mta-sts.") + domain;
    m_resolver->lookup(ipv6 ? Dns::RecordType::AAAA : Dns::RecordType::A, host, this,
                       [this, domain, host, ipv6](const Dns::LookupResult& r) {
                           if (!r.addresses.isEmpty()) {
                               fetch(domain, r.addresses.first());
                           } else if (!ipv6 && !Dns::isPermanent(r.status)) {
                               resolvePolicyHost(domain, true);
                           } else {
                               fetchFailed(domain, r.errorText.isEmpty()
                                                       ? tr("%1 has no address").arg(host)
                                                       : r.errorText);
                           }
                       });
}

void MtaStsFetcher::fetch(const QString& domain, const QHostAddress& address)
{
    const QString host = QStringLiteral("mta-sts.") + domain;
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(address.toString());
    url.setPort(m_port);
    url.setPath(QStringLiteral("/.well-known/mta-sts.txt"));

    QNetworkRequest request(url);
    request.setPeerVerifyName(host);
    request.setRawHeader("Host", m_port == 443
                                     ? host.toLatin1()
                                     : (host + u':' + QString::number(m_port)).toLatin1());
    // RFC 8461 3.3: redirects must not be followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // HTTP/1.1 keeps the Host header ours (HTTP/2 would take :authority from the URL).
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_timeoutMs);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_caFile.isEmpty())
        ssl.addCaCertificates(m_caFile);
    request.setSslConfiguration(ssl);

    ++m_fetches;
    QNetworkReply* reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 received, qint64) {
        if (received > m_maxSize) {
            reply->setProperty("relaydeskTooLarge", true);
            reply->abort(); // finished() follows with OperationCanceledError
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, domain, reply] { onReply(domain, reply); });
}

void MtaStsFetcher::onReply(const QString& domain, QNetworkReply* reply)
{
    reply->deleteLater();
    const QString host = QStringLiteral("mta-sts.") + domain;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->property("relaydeskTooLarge").toBool()) {
        fetchFailed(domain, tr("policy larger than %1 bytes").arg(m_maxSize));
        return;
    }
    if (status >= 300 && status < 400) {
        fetchFailed(domain, tr("%1 answered with a redirect (HTTP %2), which MTA-STS does not "
                               "follow")
                                .arg(host)
                                .arg(status));
        return;
    }
    if (status != 0 && status != 200) {
        fetchFailed(domain, tr("%1 answered HTTP %2").arg(host).arg(status));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        fetchFailed(domain, tr("fetching https://%1/.well-known/mta-sts.txt failed: %2")
                                .arg(host, reply->errorString()));
        return;
    }
    const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    if (type.section(u';', 0, 0).trimmed().toLower() != QStringLiteral("text/plain")) {
        fetchFailed(domain, tr("policy served as \"%1\", not text/plain").arg(type));
        return;
    }
    const QByteArray body = reply->read(m_maxSize + 1);
    if (body.size() > m_maxSize) {
        fetchFailed(domain, tr("policy larger than %1 bytes").arg(m_maxSize));
        return;
    }
    QString error;
    std::optional<MtaStsPolicy> policy = MtaStsPolicy::parse(body, &error);
    if (!policy) {
        fetchFailed(domain, tr("invalid policy: %1").arg(error));
        return;
    }
    Pending& pending = m_pending[domain];
    policy->id = pending.txtId;
    m_cache.store(domain, *policy, m_clock->now());
    pending.result.policy = policy;
    pending.result.source = MtaStsLookup::Source::Fetched;
    pending.result.log = tr("fetched MTA-STS policy (id %1, mode %2, max_age %3)")
                             .arg(policy->id, MtaStsPolicy::modeName(policy->mode))
                             .arg(policy->maxAge);
    finish(domain);
}

void MtaStsFetcher::fetchFailed(const QString& domain, const QString& why)
{
    Pending& pending = m_pending[domain];
    // RFC 8461 3.3: keep using an unexpired cached policy.
    pending.result.policy = m_cache.cached(domain, m_clock->now());
    if (pending.result.policy) {
        pending.result.source = MtaStsLookup::Source::Cached;
        pending.result.log = tr("MTA-STS policy fetch failed: %1; using the cached policy (id %2)")
                                 .arg(why, pending.result.policy->id);
    } else {
        pending.result.source = MtaStsLookup::Source::None;
        pending.result.log =
            tr("MTA-STS policy fetch failed: %1; delivering without MTA-STS").arg(why);
    }
    finish(domain);
}

void MtaStsFetcher::finish(const QString& domain)
{
    const Pending pending = m_pending.take(domain);
    for (const Waiter& waiter : pending.waiters) {
        if (waiter.context && waiter.callback)
            waiter.callback(pending.result);
    }
}

} // namespace RelayDesk::Delivery
