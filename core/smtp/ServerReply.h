#pragma once

#include <QByteArray>

namespace RelayDesk::Smtp {

/// A reply decided by one of ServerProtocol's helpers (MailTransaction,
/// CommandChecks). ServerProtocol formats it: the RFC 3463 enhanced code is
/// shown only after EHLO.
struct ServerReply
{
    int code = 250;
    const char* enhanced = "2.0.0";
    QByteArray text = "Ok";
    bool clientError = true; ///< a refusal that counts towards maxBadCommands

    bool accepted() const { return code < 400; }
};

} // namespace RelayDesk::Smtp
