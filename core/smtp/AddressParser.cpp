#include "AddressParser.h"

#include "AsciiClass.h"

#include <QHostAddress>

namespace RelayDesk::Smtp {

namespace {

using Ascii::isAlpha;
using Ascii::isDigit;

bool isNonAscii(char c)
{
    return static_cast<unsigned char>(c) >= 0x80;
}

bool isAtext(char c, bool allowUtf8)
{
    if (isAlpha(c) || isDigit(c))
        return true;
    if (allowUtf8 && isNonAscii(c))
        return true;
    static constexpr QByteArrayView specials("!#$%&'*+-/=?^_`{|}~");
    return specials.contains(c);
}

bool isDotString(QByteArrayView s, bool allowUtf8)
{
    if (s.isEmpty() || s.front() == '.' || s.back() == '.')
        return false;
    char previous = 0;
    for (char c : s) {
        if (c == '.') {
            if (previous == '.')
                return false;
        } else if (!isAtext(c, allowUtf8)) {
            return false;
        }
        previous = c;
    }
    return true;
}

bool isQuotedString(QByteArrayView s, bool allowUtf8)
{
    if (s.size() < 2 || s.front() != '"' || s.back() != '"')
        return false;
    for (qsizetype i = 1; i < s.size() - 1; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        if (u == '\\') {
            ++i;
            if (i >= s.size() - 1)
                return false;
            const auto q = static_cast<unsigned char>(s[i]);
            if (q < 32 || q > 126)
                return false;
        } else if (u == '"') {
            return false;
        } else if (u >= 0x80) {
            if (!allowUtf8)
                return false;
        } else if (u < 32 || u > 126) {
            return false;
        }
    }
    return true;
}

bool isIpv4Literal(QByteArrayView s)
{
    int parts = 0;
    qsizetype i = 0;
    while (i <= s.size()) {
        qsizetype start = i;
        int value = 0;
        while (i < s.size() && isDigit(s[i]) && i - start < 3) {
            value = value * 10 + (s[i] - '0');
            ++i;
        }
        if (i == start || value > 255)
            return false;
        ++parts;
        if (i == s.size())
            break;
        if (s[i] != '.')
            return false;
        ++i;
    }
    return parts == 4;
}

// Splits "param param=value ..." into parameters; false on bad syntax.
bool parseParameters(QByteArrayView s, QList<AddressParser::Parameter>* out)
{
    while (!s.isEmpty()) {
        qsizetype end = s.indexOf(' ');
        QByteArrayView word = end < 0 ? s : s.first(end);
        s = end < 0 ? QByteArrayView() : s.sliced(end + 1);
        if (word.isEmpty())
            continue; // tolerate several blanks
        AddressParser::Parameter parameter;
        const qsizetype eq = word.indexOf('=');
        const QByteArrayView keyword = eq < 0 ? word : word.first(eq);
        if (keyword.isEmpty() || !(isAlpha(keyword[0]) || isDigit(keyword[0])))
            return false;
        for (char c : keyword) {
            if (!isAlpha(c) && !isDigit(c) && c != '-')
                return false;
        }
        parameter.keyword = keyword.toByteArray().toUpper();
        if (eq >= 0) {
            const QByteArrayView value = word.sliced(eq + 1);
            if (value.isEmpty())
                return false;
            for (char c : value) {
                const auto u = static_cast<unsigned char>(c);
                if (u < 33 || u == '=' || u == 127)
                    return false;
            }
            parameter.value = value.toByteArray();
            parameter.hasValue = true;
        }
        out->append(parameter);
    }
    return true;
}

// Finds the '>' that closes a path starting with '<' at s[0], skipping
// quoted local parts (which may contain '>').
qsizetype closingBracket(QByteArrayView s)
{
    bool quoted = false;
    for (qsizetype i = 1; i < s.size(); ++i) {
        const char c = s[i];
        if (quoted) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '>') {
            return i;
        } else if (c == '<') {
            return -1;
        }
    }
    return -1;
}

AddressParser::Result parsePath(QByteArrayView argument, QByteArrayView prefix, bool isSender,
                                bool smtpUtf8)
{
    AddressParser::Result result;
    if (argument.size() < prefix.size() ||
        argument.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0) {
        result.error = AddressParser::Error::Syntax;
        return result;
    }
    QByteArrayView rest = argument.sliced(prefix.size());
    // "MAIL FROM: <a@b>" is wrong but common (old printers, scripts).
    while (rest.startsWith(' '))
        rest = rest.sliced(1);
    if (!rest.startsWith('<')) {
        result.error = AddressParser::Error::Syntax;
        return result;
    }
    const qsizetype close = closingBracket(rest);
    if (close < 0) {
        result.error = AddressParser::Error::Syntax;
        return result;
    }
    QByteArrayView path = rest.sliced(1, close - 1);
    QByteArrayView parameters = rest.sliced(close + 1);
    if (!parameters.isEmpty()) {
        if (parameters.front() != ' ' ||
            !parseParameters(parameters.sliced(1), &result.parameters)) {
            result.error = AddressParser::Error::Syntax;
            return result;
        }
    }
    if (isSender) {
        for (const auto& p : std::as_const(result.parameters)) {
            if (p.keyword == "SMTPUTF8")
                smtpUtf8 = true;
        }
    }
    if (path.size() > AddressParser::MaxPath) {
        result.error = AddressParser::Error::BadAddress;
        return result;
    }
    // A-d-l (source route, "@a,@b:") is obsolete; RFC 5321 C says ignore it.
    if (path.startsWith('@')) {
        const qsizetype colon = path.indexOf(':');
        if (colon < 0) {
            result.error = AddressParser::Error::BadAddress;
            return result;
        }
        path = path.sliced(colon + 1);
    }
    if (path.isEmpty()) {
        if (!isSender)
            result.error = AddressParser::Error::BadAddress;
        result.nullPath = true;
        return result;
    }
    // RFC 5321 4.5.1: "RCPT TO:<Postmaster>" needs no domain and must work.
    if (!isSender && path.compare("postmaster", Qt::CaseInsensitive) == 0) {
        result.mailbox = QStringLiteral("postmaster");
        result.postmaster = true;
        return result;
    }
    if (!AddressParser::isValidMailbox(path, smtpUtf8)) {
        result.error = AddressParser::Error::BadAddress;
        return result;
    }
    result.mailbox = QString::fromUtf8(path);
    return result;
}

} // namespace

AddressParser::Result AddressParser::parseMailFrom(QByteArrayView argument)
{
    return parsePath(argument, "FROM:", true, false);
}

AddressParser::Result AddressParser::parseRcptTo(QByteArrayView argument, bool smtpUtf8)
{
    return parsePath(argument, "TO:", false, smtpUtf8);
}

bool AddressParser::isValidMailbox(QByteArrayView mailbox, bool allowUtf8)
{
    if (allowUtf8 && !mailbox.isValidUtf8())
        return false;
    qsizetype at = -1;
    if (mailbox.startsWith('"')) {
        // The closing quote is the first unescaped '"' after the opening one.
        for (qsizetype i = 1; i < mailbox.size(); ++i) {
            if (mailbox[i] == '\\') {
                ++i;
            } else if (mailbox[i] == '"') {
                at = i + 1;
                break;
            }
        }
        if (at < 0 || at >= mailbox.size() || mailbox[at] != '@')
            return false;
        if (!isQuotedString(mailbox.first(at), allowUtf8))
            return false;
    } else {
        at = mailbox.lastIndexOf('@');
        if (at <= 0 || !isDotString(mailbox.first(at), allowUtf8))
            return false;
    }
    if (at > MaxLocalPart)
        return false;
    const QByteArrayView domain = mailbox.sliced(at + 1);
    if (domain.startsWith('['))
        return isValidAddressLiteral(domain);
    return isValidDomain(domain, allowUtf8);
}

bool AddressParser::isValidDomain(QByteArrayView domain, bool allowUtf8)
{
    if (domain.isEmpty() || domain.size() > MaxDomain)
        return false;
    if (allowUtf8 && !domain.isValidUtf8())
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= domain.size(); ++i) {
        if (i < domain.size() && domain[i] != '.') {
            const char c = domain[i];
            if (!(isAlpha(c) || isDigit(c) || c == '-' || (allowUtf8 && isNonAscii(c))))
                return false;
            continue;
        }
        const QByteArrayView label = domain.sliced(labelStart, i - labelStart);
        if (label.isEmpty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        labelStart = i + 1;
    }
    return true;
}

bool AddressParser::isValidAddressLiteral(QByteArrayView literal)
{
    if (literal.size() < 3 || literal.front() != '[' || literal.back() != ']')
        return false;
    const QByteArrayView inner = literal.sliced(1, literal.size() - 2);
    if (isIpv4Literal(inner))
        return true;
    const qsizetype colon = inner.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArrayView tag = inner.first(colon);
    const QByteArrayView content = inner.sliced(colon + 1);
    if (tag.compare("IPv6", Qt::CaseInsensitive) == 0) {
        for (char c : content) {
            if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
                  c == '.'))
                return false;
        }
        QHostAddress address;
        return address.setAddress(QString::fromLatin1(content)) &&
               address.protocol() == QAbstractSocket::IPv6Protocol;
    }
    // General-address-literal: Standardized-tag ":" 1*dcontent.
    if (tag.back() == '-' || content.isEmpty())
        return false;
    for (char c : tag) {
        if (!isAlpha(c) && !isDigit(c) && c != '-')
            return false;
    }
    for (char c : content) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 33 || u > 126 || c == '[' || c == '\\' || c == ']')
            return false;
        // RFC 5321 allows these in dcontent, but inside a forwarded path they
        // are read differently by different parsers (a quote that hides the
        // closing '>', an '@' where the next hop splits local part and
        // domain), and no registered tag needs them (fuzz_address_parser).
        if (c == '"' || c == '<' || c == '>' || c == '@')
            return false;
    }
    return true;
}

} // namespace RelayDesk::Smtp
