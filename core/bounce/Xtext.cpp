#include "Xtext.h"

#include "HexDigit.h"

namespace RelayDesk::Bounce {

namespace {

bool isXchar(char c)
{
    return c >= '!' && c <= '~' && c != '+' && c != '=';
}

} // namespace

std::optional<QByteArray> Xtext::decode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '+') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int high = hexValue(text.at(i + 1));
            const int low = hexValue(text.at(i + 2));
            if (high < 0 || low < 0)
                return std::nullopt;
            out.append(char(high * 16 + low));
            i += 2;
        } else if (isXchar(c)) {
            out.append(c);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

QByteArray Xtext::encode(QByteArrayView raw)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(raw.size());
    for (const char c : raw) {
        if (isXchar(c)) {
            out.append(c);
        } else {
            const auto u = static_cast<unsigned char>(c);
            out.append('+');
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xF]);
        }
    }
    return out;
}

bool Xtext::isPrintableAscii(QByteArrayView raw)
{
    for (const char c : raw) {
        if (c < ' ' || c > '~')
            return false;
    }
    return true;
}

} // namespace RelayDesk::Bounce
