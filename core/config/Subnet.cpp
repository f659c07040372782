#include "Subnet.h"

namespace RelayDesk::Config {

bool Subnet::contains(const QHostAddress& client) const
{
    if (prefixLength < 0)
        return false;
    // A v4-mapped v6 client (::ffff:10.1.2.3 on a dual-stack socket) must
    // match the IPv4 networks the admin wrote.
    bool isV4 = false;
    const quint32 v4 = client.toIPv4Address(&isV4);
    if (isV4 && address.protocol() == QAbstractSocket::IPv4Protocol)
        return QHostAddress(v4).isInSubnet(address, prefixLength);
    return client.isInSubnet(address, prefixLength);
}

QString Subnet::toString() const
{
    return address.toString() + QLatin1Char('/') + QString::number(prefixLength);
}

std::optional<Subnet> Subnet::parse(const QString& text)
{
    const QString trimmed = text.trimmed();
    // parseSubnet() tolerates blanks around the '/', which would hide typos
    // in a list such as "10.0.0.0 /8".
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char(' ')))
        return std::nullopt;
    const auto [address, prefix] = QHostAddress::parseSubnet(trimmed);
    if (prefix < 0 || address.isNull())
        return std::nullopt;
    return Subnet{address, prefix};
}

} // namespace RelayDesk::Config
