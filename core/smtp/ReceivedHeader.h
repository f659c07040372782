#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace RelayDesk::Smtp {

/// Formats the trace header we prepend to every accepted message
/// (RFC 5321 4.4, protocol keywords from RFC 3848).
class ReceivedHeader
{
public:
    struct Fields
    {
        QString heloName;
        QString clientAddressLiteral; ///< "[192.0.2.1]" or "[IPv6:2001:db8::1]"
        QString hostname;             ///< ours
        QString protocol;             ///< SMTP, ESMTP, ESMTPS, ESMTPA, ESMTPSA
        QString tlsVersion;           ///< empty when plain
        QString authUser;             ///< empty when not authenticated
        QString recipient;            ///< only when the message has exactly one recipient
        QDateTime date;
    };

    /// The complete header field, folded, ending in CRLF.
    static QByteArray format(const Fields& fields);

    /// RFC 3848 keyword for a session.
    static QString protocolKeyword(bool esmtp, bool tls, bool authenticated);

    /// "[a.b.c.d]" or "[IPv6:...]".
    static QString addressLiteral(const QString& clientAddress);

    /// Printable ASCII only, without the characters that would end a comment;
    /// anything else from the client becomes '?'.
    static QByteArray commentSafe(const QString& text);
};

} // namespace RelayDesk::Smtp
