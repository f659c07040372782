#pragma once

#include "ClientTypes.h"

#include <QByteArray>
#include <QString>

namespace RelayDesk::Smtp {

/// What the client needs to know about a message before sending it, and
/// its on-the-wire form. Stateless helpers, kept apart from the protocol's
/// state machine.
class ClientDataEncoder
{
public:
    /// The content with leading dots doubled, a final CRLF ensured and
    /// ".\r\n" appended (RFC 5321 4.5.2), in one allocation.
    static QByteArray encodeContent(const QByteArray& content);
    /// An address outside ASCII needs SMTPUTF8 (RFC 6531).
    static bool needsSmtpUtf8(const ClientMessage& message);
    /// Octets >= 0x80 ask for BODY=8BITMIME (RFC 6152).
    static bool hasEightBit(const QByteArray& content);
    /// CR, LF, NUL or angle brackets in an address would let it inject
    /// commands; absurd lengths are refused too.
    static bool isSafeAddress(const QString& address);
};

} // namespace RelayDesk::Smtp
