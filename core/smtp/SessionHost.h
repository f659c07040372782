#pragma once

#include "ReceivedMessage.h"
#include "ServerReply.h"

#include <QHostAddress>
#include <QString>
#include <functional>
#include <optional>

namespace RelayDesk::Smtp {

/// What an SMTP server session needs from the rest of the relay: relay policy,
/// authentication and queueing. Implemented by the service layer; the SMTP
/// code never sees the store or the account database.
///
/// The asynchronous calls take a completion that the host invokes exactly
/// once, later, on the thread of the calling session (never synchronously
/// from inside the call). The caller must cope with being destroyed before
/// the completion runs (guard with QPointer).
class SessionHost
{
public:
    virtual ~SessionHost() = default;

    /// True when the client's address is in an allowed network (may relay
    /// without AUTH).
    virtual bool isRelayAllowed(const QHostAddress& client) const = 0;

    /// Checks a username/password pair against the local accounts.
    virtual void authenticate(const QString& user, const QString& password,
                              std::function<void(bool ok)> done) = 0;

    /// Queues a message durably. ok=true means content and envelope are on
    /// stable storage: only then may the session answer 250.
    virtual void submit(const ReceivedMessage& message, std::function<void(SubmitResult)> done) = 0;

    // Abuse protection (issue 5). The defaults allow everything, so a host
    // without these policies (tests, tools) behaves as before. A refusal is
    // sent as given (the enhanced code only after EHLO); the session goes on.

    /// Before AUTH starts: e.g. 454 4.7.0 while the client is locked out.
    virtual std::optional<ServerReply> checkAuth(const QHostAddress& client)
    {
        Q_UNUSED(client)
        return std::nullopt;
    }

    /// authenticate() with the client's address, so the host can slow down
    /// and lock out password guessing per address. Same contract.
    virtual void authenticateClient(const QHostAddress& client, const QString& user,
                                    const QString& password, std::function<void(bool ok)> done)
    {
        Q_UNUSED(client)
        authenticate(user, password, std::move(done));
    }

    /// After MAIL FROM passed the protocol's checks: the account's allowed
    /// senders (550 5.7.60) and the message rate (451 4.7.1). authUser is
    /// empty for a client that did not authenticate. Allowed = counted.
    virtual std::optional<ServerReply> checkMail(const QHostAddress& client,
                                                 const QString& authUser, const QString& sender)
    {
        Q_UNUSED(client)
        Q_UNUSED(authUser)
        Q_UNUSED(sender)
        return std::nullopt;
    }

    /// After RCPT TO passed the protocol's checks: the recipient rate
    /// (452 4.5.3). Allowed = counted.
    virtual std::optional<ServerReply> checkRcpt(const QHostAddress& client,
                                                 const QString& authUser)
    {
        Q_UNUSED(client)
        Q_UNUSED(authUser)
        return std::nullopt;
    }

    /// The password was right: the login may still be refused (454 4.7.0
    /// while the account has its maximum of concurrent sessions), and the
    /// session stays unauthenticated. Allowed = counted: the session calls
    /// accountSessionEnded() exactly once for it when it ends (or logs in
    /// again), however it ends.
    virtual std::optional<ServerReply> admitAccountSession(const QHostAddress& client,
                                                           const QString& user)
    {
        Q_UNUSED(client)
        Q_UNUSED(user)
        return std::nullopt;
    }
    virtual void accountSessionEnded(const QString& user) { Q_UNUSED(user) }
};

} // namespace RelayDesk::Smtp
