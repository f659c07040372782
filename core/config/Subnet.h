#pragma once

#include <QHostAddress>
#include <QString>
#include <optional>

namespace RelayDesk::Config {

/// An allowed client network in CIDR notation (IPv4 or IPv6).
struct Subnet
{
    QHostAddress address;
    int prefixLength = -1;

    bool contains(const QHostAddress& client) const;
    /// "192.168.1.0/24", "::1/128"
    QString toString() const;
    /// Accepts "10.0.0.0/8", "fd00::/8", a plain address (a /32 or /128) and
    /// a dotted netmask; host bits are cleared. nullopt on anything else.
    static std::optional<Subnet> parse(const QString& text);

    friend bool operator==(const Subnet&, const Subnet&) = default;
};

} // namespace RelayDesk::Config
