#pragma once

#include "Subnet.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace RelayDesk::Config {

/// One [route.NAME] section. Routes are tried in file order; the first
/// whose conditions all hold picks the transport for a (message, recipient).
/// A condition with several values holds when any value matches; a route
/// without conditions matches everything and must be the last one. Mail no
/// route matches takes the default route: [smarthost] (or the command line
/// smarthost), as before routes existed. See docs/routing.md.
struct RouteConfig
{
    enum class Transport {
        Smarthost, ///< [smarthost] (smarthost empty) or [smarthost.NAME]
        Mx,        ///< direct delivery to the recipient domain's MX hosts
    };
    /// What to do with a From: display name providers refuse (an '@' in
    /// it, unquoted specials, raw 8-bit bytes).
    enum class FromNameFix {
        Keep,   ///< leave it alone
        Quote,  ///< make it a valid quoted string / RFC 2047 encoded word
        Remove, ///< drop a display name that contains '@'; quote the rest
    };

    QString name;

    // Conditions (empty: any).
    QStringList senders;          ///< "user@example.com", "example.com", "*.example.com", "<>"
    QStringList recipientDomains; ///< "example.com", "*.example.com"
    QList<Subnet> clientNetworks;
    QStringList authUsers; ///< AUTH identities; "*" any authenticated client
    QStringList listeners; ///< [listener.NAME] names

    // Action.
    Transport transport = Transport::Smarthost;
    QString smarthost; ///< the NAME of smarthost:NAME; empty: [smarthost]
    QString heloName;  ///< empty: the smarthost's helo-name, else [general] hostname

    // Header rewriting (docs/routing.md#rewriting).
    QString fromAddress; ///< set the From: address
    QString fromName;    ///< set the From: display name
    FromNameFix fixFromName = FromNameFix::Keep;
    bool addDate = false;      ///< add Date: when missing
    bool addMessageId = false; ///< add Message-ID: when missing
    QString envelopeSender;    ///< rewrite MAIL FROM (never a null sender)

    bool isCatchAll() const
    {
        return senders.isEmpty() && recipientDomains.isEmpty() && clientNetworks.isEmpty() &&
               authUsers.isEmpty() && listeners.isEmpty();
    }
    /// "smarthost", "smarthost:NAME" or "mx", as written in the file.
    QString transportText() const
    {
        if (transport == Transport::Mx)
            return QStringLiteral("mx");
        return smarthost.isEmpty() ? QStringLiteral("smarthost")
                                   : QStringLiteral("smarthost:") + smarthost;
    }
};

} // namespace RelayDesk::Config
