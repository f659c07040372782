#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace RelayDesk::Smtp {

/// Splits an SMTP command line (without its CRLF) into verb and argument and
/// parses the arguments of the commands whose syntax is not about addresses
/// (BDAT, AUTH, EHLO/HELO). Pure functions: views point into the caller's line.
class CommandParser
{
public:
    struct Command
    {
        QByteArrayView verb;     ///< as typed; compare case-insensitively
        QByteArrayView argument; ///< after the first SP, trailing blanks removed
    };

    struct BdatArguments
    {
        qint64 size = 0;
        bool last = false;
    };

    struct AuthArguments
    {
        QByteArray mechanism; ///< upper case
        bool hasInitialResponse = false;
        QByteArrayView initialResponse; ///< base64 as sent; "=" means empty
    };

    /// Nothing when the line is not "VERB" or "VERB SP argument" (letters only
    /// in the verb, no NUL or other control characters anywhere).
    static std::optional<Command> parse(QByteArrayView line);

    /// "count [LAST]" (RFC 3030); nothing on bad syntax or a count that does
    /// not fit in 63 bits.
    static std::optional<BdatArguments> parseBdat(QByteArrayView argument);

    /// "mechanism [initial-response]" (RFC 4954).
    static std::optional<AuthArguments> parseAuth(QByteArrayView argument);

    /// EHLO/HELO argument: one word of printable ASCII. Deliberately lenient
    /// (office devices send names like "PRINTER_01"); it only ends up in a
    /// Received: header, where it must not be able to break the header.
    static bool isValidHeloName(QByteArrayView argument);
};

} // namespace RelayDesk::Smtp
