#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace RelayDesk::Bounce {

/// The "xtext" encoding of RFC 3461 section 4 (ENVID and ORCPT values):
/// printable US-ASCII except "+" and "=" stands for itself, any other octet
/// is "+" and two upper-case hex digits.
class Xtext
{
public:
    /// Decodes; nullopt for characters outside xtext (space, controls, 8-bit,
    /// a bare "="), or a "+" not followed by two hex digits. Lower-case hex is
    /// accepted (the RFC asks senders for upper case; some clients don't).
    static std::optional<QByteArray> decode(QByteArrayView text);
    /// Encodes any octets; the result is always valid xtext.
    static QByteArray encode(QByteArrayView raw);
    /// True when every octet is printable US-ASCII or a space (RFC 3461's
    /// condition on decoded ENVID and ORCPT values, which also keeps CR/LF
    /// out of the DSN's header fields).
    static bool isPrintableAscii(QByteArrayView raw);
};

} // namespace RelayDesk::Bounce
