#pragma once

#include "ServerProtocol.h"
#include "ServerReply.h"

#include <QByteArrayView>
#include <optional>

namespace RelayDesk::Smtp {

/// The preconditions of the SMTP commands as pure functions of the session's
/// state, for ServerProtocol's command table: the sequence error for a
/// command in the wrong state (saying what is missing), and the checks a
/// command passes before it runs (EHLO given, TLS or AUTH available, AUTH
/// done where the listener requires it, no argument where none is allowed).
class CommandChecks
{
public:
    struct Context
    {
        ServerProtocol::State state = ServerProtocol::State::Greeted;
        bool esmtp = false;
        bool tlsActive = false;
        bool tlsAvailable = false;
        bool authenticated = false;
        bool authOffered = false;
        bool requireAuth = false;
    };

    /// A check: nothing when the command may run, else the refusal.
    using Check = std::optional<ServerReply> (*)(const Context& context, QByteArrayView argument);

    /// The reply to a command that is not allowed in context.state.
    static ServerReply sequence(ServerProtocol::Event event, const Context& context);

    static std::optional<ServerReply> esmtp(const Context& context, QByteArrayView argument);
    static std::optional<ServerReply> mail(const Context& context, QByteArrayView argument);
    static std::optional<ServerReply> startTls(const Context& context, QByteArrayView argument);
    static std::optional<ServerReply> auth(const Context& context, QByteArrayView argument);
    static std::optional<ServerReply> noArgument(const Context& context, QByteArrayView argument);
};

} // namespace RelayDesk::Smtp
