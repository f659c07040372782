#pragma once

#include "ClientTypes.h"

#include <QByteArray>

namespace RelayDesk::Smtp {

/// What ClientProtocol asks of its transport. Implemented by the socket
/// adapter (Delivery::SmtpClientConnection) and by tests. Callbacks run
/// synchronously from inside ClientProtocol calls: implementations must not
/// call back into the protocol from them (queue the work instead).
class ClientProtocolOutput
{
public:
    virtual ~ClientProtocolOutput() = default;

    /// Bytes to write to the upstream, in order (commands, content).
    virtual void sendData(const QByteArray& data) = 0;

    /// The upstream said 220 to STARTTLS: start the TLS handshake and call
    /// ClientProtocol::tlsStarted() when it is done.
    virtual void startTls() = 0;

    /// The session is set up (greeting, EHLO, TLS, AUTH) and idle: messages
    /// may be sent. Called once per session.
    virtual void sessionReady() = 0;

    /// The message given to ClientProtocol::sendMessage() is done, one reply
    /// per recipient. The protocol is idle again unless the session ended.
    virtual void messageFinished(const ClientMessageResult& result) = 0;

    /// The session is over: after QUIT (failed=false) or because of an error
    /// (failed=true, `reason` explains it). The transport closes the socket.
    virtual void sessionEnded(bool failed, const ClientReply& reason) = 0;
};

} // namespace RelayDesk::Smtp
