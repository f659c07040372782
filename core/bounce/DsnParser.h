#pragma once

#include "ParsedDsn.h"

#include <QByteArrayView>

namespace RelayDesk::Bounce {

/// Reads delivery status notifications (RFC 3464) back into per-recipient
/// fields: our own (tests, and DSNs that come back to us) and those of other
/// MTAs (Postfix, Exim, Sendmail, Microsoft 365, Gmail, Amazon SES, ...)
/// arriving at a bounce address (issue 6). Lenient where real MTAs differ
/// from the RFC: the delivery-status part may sit inside nested multiparts,
/// be base64 or quoted-printable encoded, or be labelled
/// message/global-delivery-status (RFC 6533, UTF-8 allowed); the
/// per-message block may be missing; fields may be folded or repeated.
class DsnParser
{
public:
    /// Messages larger than this are refused (a bounce is small; the cap keeps
    /// a hostile one from costing much).
    static constexpr qsizetype MaxMessageSize = 64 * 1024 * 1024;
    /// Recipient blocks beyond this are ignored.
    static constexpr int MaxRecipients = 10000;

    /// How deep a DSN forwarded inside message/rfc822 attachments is looked for.
    static constexpr int MaxNesting = 3;

    /// A whole message (headers and body). When it has no delivery-status
    /// part of its own, the DSN inside an attached message/rfc822 is read.
    static ParsedDsn parse(QByteArrayView message);

    /// Just the body of a message/delivery-status part (already decoded);
    /// fills the per-message and per-recipient fields of `dsn`.
    static bool parseDeliveryStatus(QByteArrayView body, ParsedDsn& dsn);

private:
    static ParsedDsn parse(QByteArrayView message, int nesting);
};

} // namespace RelayDesk::Bounce
