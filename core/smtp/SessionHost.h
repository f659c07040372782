#pragma once

#include "ReceivedMessage.h"

#include <QHostAddress>
#include <QString>

#include <functional>

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
};

} // namespace RelayDesk::Smtp
