#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Delivery {

/// How we talk TLS to an upstream.
enum class TlsMode {
    None,                  ///< never (trusted loopback/LAN upstreams only)
    StartTlsOpportunistic, ///< STARTTLS when offered, plain otherwise
    StartTlsRequired,      ///< STARTTLS or defer the message
    Implicit,              ///< TLS from the first byte (port 465)
};

/// One upstream smarthost and how to deliver to it.
struct SmarthostSettings
{
    QString host;
    quint16 port = 587;
    TlsMode tls = TlsMode::StartTlsRequired;
    bool verifyPeer = true; ///< check the certificate chain and host name
    QString caFile;         ///< extra CA (PEM) trusted for internal upstreams
    QString username;       ///< empty: no AUTH
    QString password;       ///< from the credential store; never logged
    QString heloName = QStringLiteral("localhost"); ///< our EHLO name
    int maxConnections = 4;                         ///< parallel connections to this upstream
    int maxMessagesPerConnection = 100;             ///< then QUIT and reconnect
    int connectTimeoutMs = 30 * 1000;
    int commandTimeoutMs = 5 * 60 * 1000; ///< RFC 5321 4.5.3.2
    int dataTimeoutMs = 10 * 60 * 1000;   ///< final "." reply (RFC 5321 4.5.3.2.6)
    /// Names of other smarthosts (DeliveryEngine::setSmarthosts) tried in
    /// order when this one is down or answers 4xx at connect. Their own
    /// fallbacks are not followed.
    QStringList fallbacks;
    int messagesPerMinute = 0; ///< pace to stay under (rolling 60 s); 0: no limit
    int recipientsPerDay = 0;  ///< rolling 24 hours; 0: no limit
};

} // namespace RelayDesk::Delivery
