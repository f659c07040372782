#include "ReceivedHeader.h"

namespace RelayDesk::Smtp {

QByteArray ReceivedHeader::format(const Fields& fields)
{
    QByteArray header;
    header.reserve(256);
    header += "Received: from ";
    header += commentSafe(fields.heloName.isEmpty() ? QStringLiteral("unknown") : fields.heloName);
    header += " (";
    header += fields.clientAddressLiteral.toLatin1();
    header += ")\r\n\tby ";
    header += commentSafe(fields.hostname);
    header += " (RelayDesk) with ";
    header += fields.protocol.toLatin1();
    if (!fields.tlsVersion.isEmpty()) {
        header += " (";
        header += commentSafe(fields.tlsVersion);
        header += ')';
    }
    if (!fields.authUser.isEmpty()) {
        header += "\r\n\t(authenticated as ";
        header += commentSafe(fields.authUser);
        header += ')';
    }
    if (!fields.recipient.isEmpty()) {
        header += "\r\n\tfor <";
        header += commentSafe(fields.recipient);
        header += '>';
    }
    header += ";\r\n\t";
    header += fields.date.toUTC().toString(Qt::RFC2822Date).toLatin1();
    header += "\r\n";
    return header;
}

QString ReceivedHeader::protocolKeyword(bool esmtp, bool tls, bool authenticated)
{
    if (!esmtp)
        return QStringLiteral("SMTP");
    QString keyword = QStringLiteral("ESMTP");
    if (tls)
        keyword += QLatin1Char('S');
    if (authenticated)
        keyword += QLatin1Char('A');
    return keyword;
}

QString ReceivedHeader::addressLiteral(const QString& clientAddress)
{
    if (clientAddress.contains(QLatin1Char(':')))
        return QStringLiteral("[IPv6:%1]").arg(clientAddress);
    return QStringLiteral("[%1]").arg(clientAddress);
}

QByteArray ReceivedHeader::commentSafe(const QString& text)
{
    QByteArray out = text.toUtf8();
    for (char& c : out) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '(' || c == ')' || c == '\\')
            c = '?';
    }
    return out;
}

} // namespace RelayDesk::Smtp
