#include "Resolver.h"

#include <QDnsLookup>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

namespace RelayDesk::Dns {

namespace {

QDnsLookup::Type qtType(RecordType type)
{
    switch (type) {
    case RecordType::A:
        return QDnsLookup::A;
    case RecordType::AAAA:
        return QDnsLookup::AAAA;
    case RecordType::MX:
        return QDnsLookup::MX;
    case RecordType::TXT:
        return QDnsLookup::TXT;
    }
    return QDnsLookup::A;
}

QString cleanName(QString name)
{
    name = name.toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

} // namespace

struct Resolver::Query
{
    LookupResult result;
    QPointer<QObject> context;
    Callback callback;
    QDnsLookup* dns = nullptr;
    QTimer* timer = nullptr;
    QVector<RecordType> probes; ///< types still to ask after an ambiguous empty reply
    bool probing = false;
};

Resolver::Resolver(QObject* parent) : QObject(parent) {}

Resolver::~Resolver()
{
    // Pending callbacks are dropped: the owner is going away.
    for (auto& [id, query] : m_queries) {
        if (query->dns) {
            query->dns->disconnect(this);
            query->dns->deleteLater();
        }
    }
}

QString Resolver::normalizedName(const QString& name)
{
    QString trimmed = name.trimmed();
    if (trimmed.endsWith(u'.'))
        trimmed.chop(1);
    if (trimmed.isEmpty())
        return {};
    const QByteArray ace = QUrl::toAce(trimmed, QUrl::AceTransitionalProcessing);
    if (ace.isEmpty() || ace.size() > 253)
        return {};
    static const QRegularExpression label(
        QStringLiteral("^(?:_?[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?|_[a-z0-9_-]{1,62})$"));
    const QString lower = QString::fromLatin1(ace).toLower();
    for (const QString& part : lower.split(u'.')) {
        if (part.size() > 63 || !label.match(part).hasMatch())
            return {};
    }
    return lower;
}

void Resolver::lookup(RecordType type, const QString& name, QObject* context, Callback callback)
{
    const quint64 id = m_nextId++;
    auto query = std::make_unique<Query>();
    query->result.type = type;
    query->result.name = cleanName(name.trimmed());
    query->context = context;
    query->callback = std::move(callback);
    query->timer = new QTimer(this);
    query->timer->setSingleShot(true);
    connect(query->timer, &QTimer::timeout, this, [this, id] { onTimeout(id); });
    m_queries.emplace(id, std::move(query));

    const QString normalized = normalizedName(name);
    if (normalized.isEmpty()) {
        // Queued, so the callback never runs inside lookup().
        QMetaObject::invokeMethod(
            this, [this, id] { finish(id, DnsStatus::InvalidName, tr("not a valid domain name")); },
            Qt::QueuedConnection);
        return;
    }
    Query& q = *m_queries.at(id);
    q.result.name = normalized;
    q.timer->start(m_timeoutMs);
    start(id, type);
}

void Resolver::start(quint64 id, RecordType type)
{
    Query& query = *m_queries.at(id);
    if (query.dns) {
        query.dns->disconnect(this);
        query.dns->deleteLater();
    }
    query.dns = new QDnsLookup(qtType(type), query.result.name, m_nameserver, this);
    connect(query.dns, &QDnsLookup::finished, this, [this, id] { onLookupFinished(id); });
    query.dns->lookup();
}

void Resolver::onLookupFinished(quint64 id)
{
    const auto it = m_queries.find(id);
    if (it == m_queries.end())
        return;
    Query& query = *it->second;
    const QDnsLookup& dns = *query.dns;

    switch (dns.error()) {
    case QDnsLookup::NoError:
        if (query.probing) {
            // Another type answered for the same name: the name exists and
            // the server works, so the first, empty reply was NODATA.
            finish(id, DnsStatus::NoData, {});
            return;
        }
        fillRecords(query, dns);
        finish(id,
               query.result.mx.isEmpty() && query.result.addresses.isEmpty() &&
                       query.result.texts.isEmpty()
                   ? DnsStatus::NoData
                   : DnsStatus::Ok,
               {});
        return;
    case QDnsLookup::NotFoundError:
        finish(id, DnsStatus::NotFound, tr("the domain does not exist (NXDOMAIN)"));
        return;
    case QDnsLookup::ServerFailureError:
        finish(id, DnsStatus::ServerFailure, tr("the nameserver failed (SERVFAIL)"));
        return;
    case QDnsLookup::ServerRefusedError:
        finish(id, DnsStatus::Refused, tr("the nameserver refused to answer (REFUSED)"));
        return;
    case QDnsLookup::InvalidReplyError:
        // NODATA, timeout or unreachable server: see the class comment.
        if (!query.probing) {
            query.probing = true;
            for (RecordType t :
                 {RecordType::A, RecordType::AAAA, RecordType::MX, RecordType::TXT}) {
                if (t != query.result.type)
                    query.probes.append(t);
            }
        }
        if (!query.probes.isEmpty()) {
            start(id, query.probes.takeFirst());
            return;
        }
        finish(id, DnsStatus::NoAnswer,
               tr("no usable answer (nameserver unreachable or not answering, or the name has "
                  "no A, AAAA, MX or TXT records)"));
        return;
    default:
        finish(id, DnsStatus::Failed, dns.errorString());
        return;
    }
}

void Resolver::fillRecords(Query& query, const QDnsLookup& dns)
{
    LookupResult& result = query.result;
    const auto cnames = dns.canonicalNameRecords();
    if (!cnames.isEmpty())
        result.canonicalName = cleanName(cnames.last().value());
    switch (result.type) {
    case RecordType::MX:
        for (const QDnsMailExchangeRecord& record : dns.mailExchangeRecords())
            result.mx.append(MxRecord{record.preference(), cleanName(record.exchange())});
        break;
    case RecordType::A:
    case RecordType::AAAA: {
        const auto wanted = result.type == RecordType::A ? QAbstractSocket::IPv4Protocol
                                                         : QAbstractSocket::IPv6Protocol;
        for (const QDnsHostAddressRecord& record : dns.hostAddressRecords()) {
            const QHostAddress address = record.value();
            if (address.protocol() == wanted && !result.addresses.contains(address))
                result.addresses.append(address);
        }
        break;
    }
    case RecordType::TXT:
        for (const QDnsTextRecord& record : dns.textRecords())
            result.texts.append(record.values().join());
        break;
    }
}

void Resolver::onTimeout(quint64 id)
{
    finish(id, DnsStatus::Timeout, tr("no answer within %1 ms (timeout)").arg(m_timeoutMs));
}

void Resolver::finish(quint64 id, DnsStatus status, const QString& reason)
{
    const auto it = m_queries.find(id);
    if (it == m_queries.end())
        return;
    std::unique_ptr<Query> query = std::move(it->second);
    m_queries.erase(it);
    query->timer->stop();
    query->timer->deleteLater();
    if (query->dns) {
        // A timed-out lookup keeps running in Qt's thread pool; its late
        // answer must not reach us.
        query->dns->disconnect(this);
        query->dns->deleteLater();
    }
    query->result.status = status;
    if (status != DnsStatus::Ok && status != DnsStatus::NoData) {
        query->result.mx.clear();
        query->result.addresses.clear();
        query->result.texts.clear();
        query->result.errorText = describe(*query) + reason;
    }
    if (query->context && query->callback)
        query->callback(query->result);
}

QString Resolver::describe(const Query& query) const
{
    const QString server =
        m_nameserver.isNull() ? tr("the system resolver") : m_nameserver.toString();
    return tr("DNS %1 lookup for %2 via %3: ")
        .arg(recordTypeName(query.result.type), query.result.name, server);
}

} // namespace RelayDesk::Dns
