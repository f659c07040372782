#pragma once

namespace RelayDesk::Bounce {

/// Value of one hexadecimal digit (either case), or -1. Shared by xtext
/// (RFC 3461) and quoted-printable decoding.
constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

} // namespace RelayDesk::Bounce
