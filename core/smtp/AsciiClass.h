#pragma once

namespace RelayDesk::Smtp::Ascii {

// Character classes of the SMTP grammar (RFC 5321 4.1.2). Deliberately not
// <cctype>: those depend on the C locale and take int.

constexpr bool isAlpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace RelayDesk::Smtp::Ascii
