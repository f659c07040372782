#pragma once

#include <QByteArray>
#include <QString>

namespace RelayDesk::Smtp {

/// What the server tells a client it offers: the EHLO reply (RFC 5321
/// 4.1.1.1) with its extension keywords, and the HELP text. One place to read
/// which extensions are advertised and when (see docs/smtp.md).
class ServerCapabilities
{
public:
    struct Offer
    {
        QString hostname;          ///< ours, first line of the reply
        qint64 maxMessageSize = 0; ///< advertised with SIZE (RFC 1870)
        bool startTls = false;     ///< a certificate is loaded and TLS is not active yet
        bool auth = false;         ///< TLS is active, or plain AUTH is allowed
    };

    /// The complete multi-line 250 reply to EHLO.
    static QByteArray ehloReply(const Offer& offer);
    /// The text of the 214 reply to HELP.
    static QByteArray helpText();
};

} // namespace RelayDesk::Smtp
