#include "ServerCapabilities.h"

#include <QList>

namespace RelayDesk::Smtp {

QByteArray ServerCapabilities::ehloReply(const Offer& offer)
{
    // ENHANCEDSTATUSCODES is a promise: every reply after EHLO carries an
    // RFC 3463 code (ServerProtocol::reply()). DSN (RFC 3461): MailTransaction
    // takes NOTIFY, ORCPT, RET and ENVID and they travel with the message to
    // the bounce side, which must honour them (e.g. no bounce on NOTIFY=NEVER).
    QList<QByteArray> lines{offer.hostname.toUtf8(),
                            "PIPELINING",
                            "SIZE " + QByteArray::number(offer.maxMessageSize),
                            "8BITMIME",
                            "ENHANCEDSTATUSCODES",
                            "SMTPUTF8",
                            "CHUNKING",
                            "DSN"};
    if (offer.startTls)
        lines.append("STARTTLS");
    // No AUTH in the clear unless the admin allowed it for this listener.
    if (offer.auth)
        lines.append("AUTH PLAIN LOGIN");
    QByteArray out;
    out.reserve(160);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += i + 1 < lines.size() ? "250-" : "250 ";
        out += lines.at(i);
        out += "\r\n";
    }
    return out;
}

QByteArray ServerCapabilities::helpText()
{
    return "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY STARTTLS AUTH";
}

} // namespace RelayDesk::Smtp
