#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace RelayDesk::Smtp {

/// Parses the arguments of MAIL FROM and RCPT TO (RFC 5321 4.1.2): the path
/// in angle brackets (quoted local parts, IPv4/IPv6 address literals, source
/// routes ignored) and the ESMTP parameters after it. UTF-8 in the address is
/// accepted only in an SMTPUTF8 transaction (RFC 6531), and then only when it
/// is valid UTF-8. Pure functions, no state.
class AddressParser
{
public:
    enum class Error {
        None,
        Syntax,     ///< not "FROM:<...>" / "TO:<...>" or broken parameters -> 501 5.5.2
        BadAddress, ///< the mailbox itself is malformed -> 501 5.1.7 / 5.1.3
    };

    struct Parameter
    {
        QByteArray keyword; ///< upper case
        QByteArray value;   ///< empty when there was no "="
        bool hasValue = false;
    };

    struct Result
    {
        Error error = Error::None;
        QString mailbox; ///< without brackets; empty for the null path <>
        bool nullPath = false;
        /// RCPT TO:<postmaster> without a domain (RFC 5321 4.5.1); mailbox is
        /// then "postmaster" and the server adds its own hostname.
        bool postmaster = false;
        QList<Parameter> parameters;
    };

    /// "FROM:<reverse-path> [params]". The null path <> is allowed. UTF-8 is
    /// allowed when the parameters include SMTPUTF8.
    static Result parseMailFrom(QByteArrayView argument);

    /// "TO:<forward-path> [params]". The null path is a BadAddress; the
    /// reserved <postmaster> (any case, no domain) is accepted.
    static Result parseRcptTo(QByteArrayView argument, bool smtpUtf8);

    /// Local-part "@" (domain / address-literal), as inside the brackets.
    static bool isValidMailbox(QByteArrayView mailbox, bool allowUtf8);
    static bool isValidDomain(QByteArrayView domain, bool allowUtf8);
    /// "[1.2.3.4]", "[IPv6:...]" or a general "[tag:content]" literal.
    static bool isValidAddressLiteral(QByteArrayView literal);

    static constexpr qsizetype MaxLocalPart = 64;
    static constexpr qsizetype MaxDomain = 255;
    static constexpr qsizetype MaxPath = 256;
};

} // namespace RelayDesk::Smtp
