#pragma once

#include <QtGlobal>

namespace RelayDesk::Config {

/// The [limits] section: bounds that keep one client from exhausting the relay.
struct LimitsConfig
{
    // Accepted ranges, shared by the INI file and the command line.
    static constexpr int kMaxCount = 100000;         ///< recipients, sessions
    static constexpr int kMaxBadCommands = 1000;     ///< max-bad-commands
    static constexpr int kMaxTimeoutSeconds = 86400; ///< command/data timeouts

    qint64 maxMessageSize = 25 * 1024 * 1024; ///< octets, advertised with SIZE
    int maxRecipients = 100;                  ///< per message
    int maxSessions = 100;                    ///< concurrent sessions overall
    int maxSessionsPerClient = 20;            ///< concurrent sessions per client address
    int maxBadCommands = 10;                  ///< errors before the session is dropped
    int commandTimeoutSeconds = 300;          ///< RFC 5321 4.5.3.2.7
    int dataTimeoutSeconds = 180;             ///< RFC 5321 4.5.3.2.6
    // Rate limits (issue 5); 0 is unlimited. Over a limit the client gets
    // 451 4.7.1 at MAIL (messages) or 452 4.5.3 at RCPT (recipients).
    static constexpr int kMaxRate = 1000000;
    int messagesPerMinute = 0;        ///< per client address
    int recipientsPerHour = 0;        ///< per client address
    int accountMessagesPerMinute = 0; ///< per AUTH account, unless the account sets its own
    int accountRecipientsPerHour = 0; ///< per AUTH account, unless the account sets its own
    /// Sessions one AUTH account may have logged in at once (454 4.7.0 at
    /// AUTH over it); 0 is unlimited. Bounds what one leaked password can do.
    int accountMaxSessions = 10;
};

} // namespace RelayDesk::Config
