#include "DnsTypes.h"

namespace RelayDesk::Dns {

QString recordTypeName(RecordType type)
{
    switch (type) {
    case RecordType::A:
        return QStringLiteral("A");
    case RecordType::AAAA:
        return QStringLiteral("AAAA");
    case RecordType::MX:
        return QStringLiteral("MX");
    case RecordType::TXT:
        return QStringLiteral("TXT");
    }
    return {};
}

QString statusName(DnsStatus status)
{
    switch (status) {
    case DnsStatus::Ok:
        return QStringLiteral("ok");
    case DnsStatus::NoData:
        return QStringLiteral("no data");
    case DnsStatus::NotFound:
        return QStringLiteral("NXDOMAIN");
    case DnsStatus::InvalidName:
        return QStringLiteral("invalid name");
    case DnsStatus::ServerFailure:
        return QStringLiteral("SERVFAIL");
    case DnsStatus::Refused:
        return QStringLiteral("REFUSED");
    case DnsStatus::Timeout:
        return QStringLiteral("timeout");
    case DnsStatus::NoAnswer:
        return QStringLiteral("no answer");
    case DnsStatus::Failed:
        return QStringLiteral("resolver error");
    }
    return {};
}

int MxResolution::replyCode() const
{
    switch (outcome) {
    case Outcome::Ok:
        return 0;
    case Outcome::PermanentFailure:
        return 550;
    case Outcome::TemporaryFailure:
        return 451;
    }
    return 451;
}

QVector<MxCandidate> MxResolution::candidates() const
{
    QVector<MxCandidate> out;
    for (const MxHost& host : hosts) {
        for (const QHostAddress& address : host.addresses)
            out.append(MxCandidate{host.name, address, host.preference});
    }
    return out;
}

} // namespace RelayDesk::Dns
