#pragma once

#include "CredentialReference.h"

#include <QString>
#include <QStringList>

namespace RelayDesk::Config {

/// The [smarthost] section (the default route's upstream; name empty) or a
/// named [smarthost.NAME] section that routes refer to as smarthost:NAME.
/// An empty host means no smarthost is configured. With `preset = ID` the
/// preset's host, port, TLS mode and documented limits are the starting
/// point and the section's own keys override them.
struct SmarthostConfig
{
    enum class TlsMode {
        None,          ///< never (trusted loopback/LAN upstreams only)
        StartTls,      ///< STARTTLS required, or the message is deferred
        Opportunistic, ///< STARTTLS when offered, plain otherwise
        Tls,           ///< TLS from the first byte (port 465)
    };

    static constexpr int kMaxConnections = 100;              ///< accepted max-connections
    static constexpr int kMaxMessagesPerConnection = 100000; ///< accepted messages-per-connection

    static constexpr int kMaxMessagesPerMinute = 1000000;
    static constexpr int kMaxRecipientsPerDay = 100000000;

    QString name;   ///< empty for [smarthost]; NAME for [smarthost.NAME]
    QString preset; ///< the ProviderPreset id it was built from, if any
    QString host;
    quint16 port = 587;
    TlsMode tls = TlsMode::StartTls;
    bool verify = true;              ///< check the certificate chain and host name
    QString caFile;                  ///< extra CA (PEM) trusted for internal upstreams
    QString username;                ///< empty: no AUTH
    CredentialReference passwordRef; ///< where the password is kept
    QString heloName;                ///< empty: [general] hostname
    int maxConnections = 4;          ///< parallel connections to the upstream
    int messagesPerConnection = 100; ///< then QUIT and reconnect
    int messagesPerMinute = 0;       ///< pace to stay under; 0: no limit
    int recipientsPerDay = 0;        ///< rolling 24 hours; 0: no limit
    /// [smarthost.NAME] sections tried in order when this one is down or
    /// answers 4xx at connect. Their own fallbacks are not followed.
    QStringList fallbacks;

    bool isEnabled() const { return !host.isEmpty(); }
    /// "smarthost" or "smarthost.NAME", as in the file.
    QString sectionName() const
    {
        return name.isEmpty() ? QStringLiteral("smarthost") : QStringLiteral("smarthost.") + name;
    }
};

} // namespace RelayDesk::Config
