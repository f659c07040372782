#include "CommandChecks.h"

namespace RelayDesk::Smtp {

using State = ServerProtocol::State;
using Event = ServerProtocol::Event;

namespace {

ServerReply refuse(int code, const char* enhanced, const char* text)
{
    return {code, enhanced, text, true};
}

} // namespace

ServerReply CommandChecks::sequence(Event event, const Context& context)
{
    const State state = context.state;
    if (state == State::Greeted)
        return refuse(503, "5.5.1", "Error: send HELO/EHLO first");
    const bool inTransaction =
        state == State::MailGiven || state == State::RcptGiven || state == State::ChunkDone;
    switch (event) {
    case Event::Mail:
        return refuse(503, "5.5.1", "Error: nested MAIL command");
    case Event::Rcpt:
        if (state == State::ChunkDone)
            return refuse(503, "5.5.1", "Error: RCPT after BDAT");
        return refuse(503, "5.5.1", "Error: need MAIL command");
    case Event::Data:
    case Event::Bdat:
        if (state == State::MailGiven)
            return refuse(554, "5.5.1", "Error: no valid recipients");
        if (state == State::ChunkDone)
            return refuse(503, "5.5.1", "Error: DATA after BDAT");
        return refuse(503, "5.5.1", "Error: need RCPT command");
    case Event::StartTls:
    case Event::Auth:
        if (inTransaction)
            return refuse(503, "5.5.1", "Error: not allowed during a mail transaction");
        break;
    default:
        break;
    }
    return refuse(503, "5.5.1", "Error: bad sequence of commands");
}

std::optional<ServerReply> CommandChecks::esmtp(const Context& context, QByteArrayView)
{
    if (!context.esmtp)
        return refuse(503, "5.5.1", "Error: send EHLO first");
    return std::nullopt;
}

std::optional<ServerReply> CommandChecks::mail(const Context& context, QByteArrayView)
{
    if (context.requireAuth && !context.authenticated)
        return refuse(530, "5.7.0", "Authentication required");
    return std::nullopt;
}

std::optional<ServerReply> CommandChecks::startTls(const Context& context, QByteArrayView argument)
{
    if (!context.esmtp)
        return refuse(503, "5.5.1", "Error: send EHLO first");
    if (context.tlsActive)
        return refuse(503, "5.5.1", "Error: TLS already active");
    if (!context.tlsAvailable)
        return refuse(502, "5.5.1", "Error: STARTTLS not available");
    if (!argument.isEmpty())
        return refuse(501, "5.5.4", "Syntax: STARTTLS");
    return std::nullopt;
}

std::optional<ServerReply> CommandChecks::auth(const Context& context, QByteArrayView)
{
    if (!context.esmtp)
        return refuse(503, "5.5.1", "Error: send EHLO first");
    if (context.authenticated)
        return refuse(503, "5.5.1", "Error: already authenticated");
    if (!context.authOffered) {
        if (context.tlsAvailable)
            return refuse(538, "5.7.11", "Error: encryption required, use STARTTLS first");
        return refuse(503, "5.5.1", "Error: authentication not enabled");
    }
    return std::nullopt;
}

std::optional<ServerReply> CommandChecks::noArgument(const Context&, QByteArrayView argument)
{
    if (!argument.isEmpty())
        return refuse(501, "5.5.4", "Syntax error: no parameters allowed");
    return std::nullopt;
}

} // namespace RelayDesk::Smtp
