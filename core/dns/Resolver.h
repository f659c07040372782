#pragma once

#include "DnsTypes.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <functional>
#include <map>
#include <memory>

class QDnsLookup;
class QTimer;

namespace RelayDesk::Dns {

/// Asynchronous DNS lookups (A, AAAA, MX, TXT) through QDnsLookup, against
/// a configurable nameserver (Qt 6.4 only speaks to port 53), each with a
/// timeout and a status that tells permanent from temporary failures.
///
/// Qt 6.4 on glibc reports an empty answer (NODATA) with the same
/// InvalidReplyError as a timeout or an unreachable server. A name without
/// MX records is common and means "implicit MX", so the difference matters:
/// after such an error the resolver asks the same server for the other
/// record types of the same name; any real answer proves the server is
/// there and the name exists (-> NoData), none leaves it unknown
/// (-> NoAnswer, temporary). The timeout covers the whole exchange.
///
/// CNAMEs are followed by the nameserver; the result names the target.
class Resolver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Resolver)

public:
    using Callback = std::function<void(const LookupResult&)>;

    explicit Resolver(QObject* parent = nullptr);
    ~Resolver() override;

    /// A null address (the default) uses the system's resolv.conf.
    void setNameserver(const QHostAddress& nameserver) { m_nameserver = nameserver; }
    QHostAddress nameserver() const { return m_nameserver; }
    /// Per lookup, including the NODATA probes; default 8 s (below glibc's
    /// own 5 s x 2 attempts, so that a silent server reads as a timeout).
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    /// Starts a lookup; `callback` runs later on this thread (never inside
    /// lookup()), and not at all once `context` has been destroyed.
    void lookup(RecordType type, const QString& name, QObject* context, Callback callback);
    int pendingLookups() const { return int(m_queries.size()); }

    /// Lower case, IDNA (ACE) form, no trailing dot; empty when `name` is
    /// not a valid domain name (RFC 1035 lengths, LDH labels, underscores
    /// allowed for _mta-sts and friends).
    static QString normalizedName(const QString& name);

private:
    struct Query;

    void start(quint64 id, RecordType type);
    void onLookupFinished(quint64 id);
    void onTimeout(quint64 id);
    void finish(quint64 id, DnsStatus status, const QString& reason);
    void fillRecords(Query& query, const QDnsLookup& lookup);
    QString describe(const Query& query) const;

    QHostAddress m_nameserver;
    int m_timeoutMs = 8000;
    quint64 m_nextId = 1;
    std::map<quint64, std::unique_ptr<Query>> m_queries;
};

} // namespace RelayDesk::Dns
