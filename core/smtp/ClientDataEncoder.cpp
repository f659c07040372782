#include "ClientDataEncoder.h"

#include <algorithm>

namespace RelayDesk::Smtp {

bool ClientDataEncoder::isSafeAddress(const QString& address)
{
    if (address.size() > 320)
        return false;
    return std::none_of(address.cbegin(), address.cend(), [](QChar c) {
        return c == u'\r' || c == u'\n' || c == u'<' || c == u'>' || c == u'\0';
    });
}

bool ClientDataEncoder::needsSmtpUtf8(const ClientMessage& message)
{
    const auto nonAscii = [](const QString& s) {
        return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() > 0x7f; });
    };
    return nonAscii(message.sender) ||
           std::any_of(message.recipients.cbegin(), message.recipients.cend(), nonAscii);
}

bool ClientDataEncoder::hasEightBit(const QByteArray& content)
{
    return std::any_of(content.cbegin(), content.cend(),
                       [](char c) { return static_cast<uchar>(c) >= 0x80; });
}

QByteArray ClientDataEncoder::encodeContent(const QByteArray& content)
{
    QByteArray out;
    out.reserve(content.size() + content.size() / 256 + 8);
    qsizetype from = 0;
    if (content.startsWith('.'))
        out.append('.');
    qsizetype at;
    while ((at = content.indexOf("\n.", from)) >= 0) {
        out.append(content.constData() + from, at + 1 - from);
        out.append('.');
        from = at + 1;
    }
    out.append(content.constData() + from, content.size() - from);
    if (!content.isEmpty() && !content.endsWith("\r\n"))
        out.append("\r\n");
    out.append(".\r\n");
    return out;
}

} // namespace RelayDesk::Smtp
