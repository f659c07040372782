#pragma once

#include "BouncesConfig.h"
#include "GeneralConfig.h"
#include "LimitsConfig.h"
#include "ListenerConfig.h"
#include "RetryConfig.h"
#include "RouteConfig.h"
#include "SecurityConfig.h"
#include "SmarthostConfig.h"
#include "Subnet.h"
#include "TlsDefaults.h"

#include <QList>
#include <QString>

namespace RelayDesk::Config {

/// The complete, validated relay configuration. A default-constructed
/// RelayConfig is the built-in default: one listener on 127.0.0.1:2525 and
/// relaying for 127.0.0.0/8 and ::1 only (closed by default).
struct RelayConfig
{
    QString sourceFile; ///< the INI file it was loaded from; empty: defaults only
    GeneralConfig general;
    TlsDefaults tls;
    QList<ListenerConfig> listeners{ListenerConfig{}};
    QList<Subnet> allowedNetworks{*Subnet::parse(QStringLiteral("127.0.0.0/8")),
                                  *Subnet::parse(QStringLiteral("::1/128"))};
    LimitsConfig limits;
    SmarthostConfig smarthost; ///< [smarthost] + command line: the default route
    /// [smarthost.NAME] sections in file order, for routes and fallbacks.
    QList<SmarthostConfig> smarthosts;
    /// [route.NAME] sections in file order; the first match wins.
    QList<RouteConfig> routes;
    RetryConfig retry;
    SecurityConfig security;
    BouncesConfig bounces;

    /// True when the client may relay without AUTH.
    bool isAllowedNetwork(const QHostAddress& client) const;
    /// The EHLO name towards the smarthost.
    QString smarthostHeloName() const;
    /// The EHLO name towards a smarthost section ([general] hostname when
    /// it sets none).
    QString heloNameFor(const SmarthostConfig& smarthost) const;
    /// [smarthost.NAME]; an empty name is [smarthost]. nullptr when unknown.
    const SmarthostConfig* findSmarthost(const QString& name) const;

    /// A rule that spans several settings was broken; section/key name the
    /// setting to blame (for the loader's line number), message says what.
    struct Problem
    {
        QString section;
        QString key;
        QString message;
    };
    /// Checks the rules between settings (TLS listeners need a certificate,
    /// no two listeners on one address, AUTH needs a password reference...).
    /// Returns the first problem, or an empty message.
    Problem crossCheck() const;
};

} // namespace RelayDesk::Config
