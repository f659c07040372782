#pragma once

#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Dns {

/// The record types RelayDesk asks for.
enum class RecordType { A, AAAA, MX, TXT };

/// How a lookup ended. Mail cares whether a failure is permanent (the
/// recipient domain does not exist: bounce) or temporary (the nameserver is
/// sick: try again later), so the causes are kept apart.
enum class DnsStatus {
    Ok,            ///< records of the asked type
    NoData,        ///< the name exists, but has no record of this type
    NotFound,      ///< NXDOMAIN: the name does not exist
    InvalidName,   ///< not a valid domain name; nothing was sent
    ServerFailure, ///< SERVFAIL
    Refused,       ///< REFUSED
    Timeout,       ///< no answer within the resolver's timeout
    NoAnswer,      ///< no usable answer: nameserver unreachable, or empty for every type tried
    Failed,        ///< any other resolver error
};

/// True for outcomes that will not change by asking again soon.
constexpr bool isPermanent(DnsStatus status)
{
    return status == DnsStatus::NotFound || status == DnsStatus::InvalidName;
}
/// True for failures worth retrying later (RFC 3463 4.4.3).
constexpr bool isTemporary(DnsStatus status)
{
    return status != DnsStatus::Ok && status != DnsStatus::NoData && !isPermanent(status);
}

QString recordTypeName(RecordType type);
QString statusName(DnsStatus status);

/// One MX record; `exchange` is empty for the null MX target ".".
struct MxRecord
{
    quint16 preference = 0;
    QString exchange;
    friend bool operator==(const MxRecord&, const MxRecord&) = default;
};

/// The result of one Resolver lookup.
struct LookupResult
{
    QString name; ///< as asked, lower case, without a trailing dot
    RecordType type = RecordType::A;
    DnsStatus status = DnsStatus::Failed;
    QString errorText;               ///< for logs and DSNs; empty when Ok
    QString canonicalName;           ///< the CNAME target when the name was an alias
    QVector<MxRecord> mx;            ///< MX, in the order received
    QVector<QHostAddress> addresses; ///< A or AAAA
    QVector<QByteArray> texts;       ///< TXT, each record's strings concatenated (RFC 7208 3.3)

    bool isOk() const { return status == DnsStatus::Ok; }
};

/// Which address families direct delivery uses, in which order.
enum class AddressPreference { IPv4First, IPv6First, IPv4Only, IPv6Only };

/// One host to try for a recipient domain, with its addresses in the order
/// to try them.
struct MxHost
{
    QString name;
    quint16 preference = 0;
    bool implicit = false; ///< no MX: the domain itself (RFC 5321 5.1)
    QVector<QHostAddress> addresses;
    QString error; ///< why there are no addresses, when there are none
};

/// One connection attempt: a host name (for EHLO, the TLS peer name and
/// MTA-STS matching) and the address to connect to.
struct MxCandidate
{
    QString host;
    QHostAddress address;
    quint16 preference = 0;
};

/// Where mail for one recipient domain goes, or why it cannot go anywhere.
struct MxResolution
{
    enum class Outcome {
        Ok,               ///< hosts() has at least one address to try
        PermanentFailure, ///< bounce: NXDOMAIN, null MX, no MX and no address
        TemporaryFailure, ///< defer: DNS failure or timeout, no MX host with an address yet
    };

    QString domain;
    Outcome outcome = Outcome::TemporaryFailure;
    /// RFC 3463 code for a failure: 5.1.2 (no such domain), 5.1.10 (null
    /// MX, RFC 7505), 4.4.3 (DNS failure), 4.4.4 (no MX host has an address).
    QString enhancedStatus;
    QString text;          ///< human readable reason for a failure
    QVector<MxHost> hosts; ///< in the order to try; hosts without addresses included

    bool isOk() const { return outcome == Outcome::Ok; }
    bool isPermanentFailure() const { return outcome == Outcome::PermanentFailure; }
    /// The SMTP reply code a failure stands for: 550 or 451 (0 when Ok).
    int replyCode() const;
    /// Every (host, address) pair to try in order: the next one after a
    /// connection failure or a 4xx greeting.
    QVector<MxCandidate> candidates() const;
};

} // namespace RelayDesk::Dns

Q_DECLARE_METATYPE(RelayDesk::Dns::LookupResult)
Q_DECLARE_METATYPE(RelayDesk::Dns::MxResolution)
