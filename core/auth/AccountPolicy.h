#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Auth {

/// What one local SMTP AUTH account may do once logged in: which envelope
/// senders it may use (so a compromised printer cannot send as the CEO) and
/// an optional rate limit of its own. Kept with the password hash in the
/// accounts file; an account without a policy (an old "name:hash" line)
/// may use any sender and has no limit of its own.
struct AccountPolicy
{
    /// "user@example.com" (that address), "@example.com" (any address in
    /// that domain, not its subdomains) or "*" (any sender). Compared
    /// case-insensitively.
    QStringList allowedSenders{QStringLiteral("*")};
    int messagesPerMinute = 0; ///< 0: only the [limits] defaults apply
    int recipientsPerHour = 0; ///< 0: only the [limits] defaults apply

    /// The null sender <> (empty) needs "*": bounces come from the relay.
    bool allowsSender(const QString& sender) const;
    bool allowsAnySender() const;

    /// An address or @domain without blanks, ':' ';' ',' or '=' (the file
    /// format uses them), or "*".
    static bool isValidSenderPattern(const QString& pattern);

    /// The accounts file's third field: "senders=a@x,@y rate=30 rcpt-rate=500";
    /// empty for the default policy (so such lines stay "name:hash").
    QString serialize() const;
    /// nullopt with *error for an unknown key or a bad value.
    static std::optional<AccountPolicy> parse(const QString& text, QString* error);
    /// For `relaydeskd user list`: "senders: *; rate: 30/min, 500 recipients/h".
    QString describe() const;

    friend bool operator==(const AccountPolicy&, const AccountPolicy&) = default;
};

} // namespace RelayDesk::Auth
