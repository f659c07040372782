#pragma once

#include <QString>

namespace RelayDesk::Auth {

/// Strong random passwords for new SMTP AUTH accounts (`relaydeskd user add
/// NAME --generate`, the GUI): OpenSSL's RAND_bytes, an alphabet without
/// look-alikes (0/O, 1/l/I) and without characters that need quoting in
/// device web forms. 24 characters of 57 symbols are ~140 bits.
class PasswordGenerator
{
public:
    static constexpr int DefaultLength = 24;
    static constexpr int MinimumLength = 20;

    /// Empty when OpenSSL's generator fails (never a weak fallback).
    /// Lengths below MinimumLength are raised to it.
    static QString generate(int length = DefaultLength);
    static QString alphabet();
};

} // namespace RelayDesk::Auth
