#pragma once

#include "SuppressionTypes.h"
#include "auth/AuthThrottle.h"
#include "auth/RateLimits.h"
#include "auth/VolumeMonitor.h"
#include "config/CredentialReference.h"
#include "delivery/MxDeliverySettings.h"
#include "delivery/Route.h"
#include "delivery/SmarthostSettings.h"
#include "queue/RetryPolicy.h"
#include "smtp/ListenerSettings.h"

#include <QHash>
#include <QHostAddress>
#include <QPair>
#include <QString>
#include <QVector>

namespace RelayDesk::Service {

/// Everything the core needs to run, already validated and in the types of
/// the modules that use it. Built from the INI file and the command line by
/// coreSettingsFromConfig(); tests build it directly.
struct CoreSettings
{
    QString dataDir;
    QVector<Smtp::ListenerSettings> listeners;
    Smtp::ServerLimits limits;
    /// Networks that may relay without AUTH.
    QVector<QPair<QHostAddress, int>> allowedNetworks;
    /// host empty: no smarthost, mail stays queued until one is configured.
    Delivery::SmarthostSettings smarthost;
    /// Where the smarthost password comes from (keychain, the daemon's
    /// root-only credentials file, or a password file). Resolved on the core
    /// thread at start; the secret is only ever held in memory.
    Config::CredentialReference smarthostPasswordRef;
    /// [smarthost.NAME] sections, for routes and as fallbacks, and where
    /// each one's password comes from.
    QHash<QString, Delivery::SmarthostSettings> namedSmarthosts;
    QHash<QString, Config::CredentialReference> namedPasswordRefs;
    /// Listener name → where the passphrase of its encrypted TLS key is
    /// kept; resolved at start into ListenerSettings::keyPassphrase.
    QHash<QString, Config::CredentialReference> keyPassphraseRefs;
    /// [route.NAME] sections in file order; what none matches goes to the
    /// default smarthost.
    QVector<Delivery::Route> routes;
    /// Direct delivery to recipient domains' MX hosts (routes with transport mx).
    Delivery::MxDeliverySettings mx;
    Queue::RetryPolicy retry;
    /// Delivered and failed messages (with their delivery log) are kept this
    /// long for the GUI and for proof of hand-over, then removed.
    int retentionDays = 30;
    /// A delay warning DSN goes to the sender once a message has waited this
    /// long (RFC 3464 "delayed"); 0 turns them off.
    qint64 delayWarningSeconds = 4 * 60 * 60;
    int statusIntervalMs = 1000; ///< how often a RelayStatus snapshot is published
    /// The tray's "queue stuck" alert: the oldest pending message has
    /// waited longer than this (0 turns the alert off).
    qint64 queueStuckSeconds = 60 * 60;
    /// [bounces]: the suppression list and incoming bounces (issue 6).
    SuppressionSettings suppression;
    /// [limits] rate limits and [security] (issue 5); see SecurityAdmin.
    Auth::RateLimits clientRateLimits;  ///< per client address; 0 = unlimited
    Auth::RateLimits accountRateLimits; ///< per AUTH account without limits of its own
    Auth::AuthThrottle::Settings authThrottle;
    Auth::VolumeMonitor::Settings volume;
};

} // namespace RelayDesk::Service

Q_DECLARE_METATYPE(RelayDesk::Service::CoreSettings)
