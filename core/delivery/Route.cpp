#include "Route.h"

#include <QUrl>

namespace RelayDesk::Delivery {

namespace {

/// Domains compare in their ASCII (A-label) form, case-insensitively, so an
/// IDN written either way in the config matches either form on the wire.
QString normalizedDomain(const QString& domain)
{
    QString lower = domain.toLower();
    if (lower.endsWith(QLatin1Char('.')))
        lower.chop(1);
    const QByteArray ace = QUrl::toAce(lower);
    return ace.isEmpty() ? lower : QString::fromLatin1(ace);
}

QString domainOf(const QString& address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : normalizedDomain(address.mid(at + 1));
}

/// "example.com" matches only itself; "*.example.com" any subdomain but not
/// example.com itself (list both for both).
bool domainMatches(const QString& pattern, const QString& domain)
{
    if (domain.isEmpty())
        return false;
    if (pattern.startsWith(QLatin1String("*."))) {
        const QString parent = normalizedDomain(pattern.mid(2));
        return domain.endsWith(QLatin1Char('.') + parent);
    }
    return normalizedDomain(pattern) == domain;
}

bool senderMatches(const QString& pattern, const QString& sender)
{
    if (pattern == QLatin1String("<>"))
        return sender.isEmpty();
    if (sender.isEmpty())
        return false;
    if (pattern.contains(QLatin1Char('@'))) {
        // Local parts are case-sensitive in theory only; every provider
        // treats them case-insensitively, and so does an admin's rule.
        const qsizetype at = pattern.lastIndexOf(QLatin1Char('@'));
        const qsizetype senderAt = sender.lastIndexOf(QLatin1Char('@'));
        return senderAt >= 0 &&
               pattern.left(at).compare(sender.left(senderAt), Qt::CaseInsensitive) == 0 &&
               normalizedDomain(pattern.mid(at + 1)) == domainOf(sender);
    }
    return domainMatches(pattern, domainOf(sender));
}

bool networkContains(const QPair<QHostAddress, int>& network, const QHostAddress& client)
{
    if (client.isNull() || network.second < 0)
        return false;
    // A v4-mapped client (::ffff:10.1.2.3 on a dual-stack socket) must match
    // the IPv4 networks the admin wrote.
    bool isV4 = false;
    const quint32 v4 = client.toIPv4Address(&isV4);
    if (isV4 && network.first.protocol() == QAbstractSocket::IPv4Protocol)
        return QHostAddress(v4).isInSubnet(network.first, network.second);
    return client.isInSubnet(network.first, network.second);
}

template <typename List, typename Predicate> bool anyOrEmpty(const List& list, Predicate predicate)
{
    if (list.isEmpty())
        return true;
    for (const auto& item : list) {
        if (predicate(item))
            return true;
    }
    return false;
}

} // namespace

bool Route::Match::matches(const RouteEnvelope& envelope) const
{
    const QString recipientDomain = domainOf(envelope.recipient);
    return anyOrEmpty(senders,
                      [&](const QString& p) { return senderMatches(p, envelope.sender); }) &&
           anyOrEmpty(recipientDomains,
                      [&](const QString& p) { return domainMatches(p, recipientDomain); }) &&
           anyOrEmpty(clientNetworks,
                      [&](const auto& n) { return networkContains(n, envelope.clientAddress); }) &&
           anyOrEmpty(authUsers,
                      [&](const QString& user) {
                          if (envelope.authUser.isEmpty())
                              return false;
                          // Exact, like the account store's names.
                          return user == QLatin1String("*") || user == envelope.authUser;
                      }) &&
           anyOrEmpty(listeners, [&](const QString& name) { return name == envelope.listener; });
}

QString Route::Transport::toString() const
{
    if (kind == Kind::Mx)
        return QStringLiteral("mx");
    return smarthost.isEmpty() ? QStringLiteral("smarthost")
                               : QStringLiteral("smarthost:") + smarthost;
}

} // namespace RelayDesk::Delivery
