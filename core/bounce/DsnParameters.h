#pragma once

#include "DsnTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace RelayDesk::Bounce {

/// Parsers and formatters for the ESMTP parameters of RFC 3461: RET and
/// ENVID on MAIL FROM, NOTIFY and ORCPT on RCPT TO. Pure functions.
///
/// The SMTP server calls applyMailParameter()/applyRcptParameter() for each
/// parameter that Smtp::AddressParser split off; NotDsn means "not ours, go
/// on with the other extensions", Duplicate and Invalid mean "reply 501
/// 5.5.4" with rejectionText(). The delivery engine uses the format*()
/// functions to pass the parameters on to a DSN-capable upstream (RFC 3461
/// section 5.2), which then reports instead of us.
class DsnParameters
{
public:
    enum class Result {
        Applied,   ///< a DSN parameter, valid; the request was updated
        NotDsn,    ///< not a DSN parameter; the request is unchanged
        Duplicate, ///< the parameter was already given in this command
        Invalid,   ///< a DSN parameter with a bad value (or none)
    };

    /// RFC 3461 section 4.4: ENVID is at most 100 characters (we count the
    /// xtext as sent, the stricter reading).
    static constexpr qsizetype MaxEnvelopeIdLength = 100;
    /// RFC 3461 section 4.2: the ORCPT value is at most 500 characters.
    static constexpr qsizetype MaxOriginalRecipientLength = 500;

    /// `keyword` in any case; `value` as after "=" (hasValue false for a
    /// parameter without "=").
    static Result applyMailParameter(QByteArrayView keyword, QByteArrayView value, bool hasValue,
                                     DsnRequest& request);
    static Result applyRcptParameter(QByteArrayView keyword, QByteArrayView value, bool hasValue,
                                     RecipientDsnRequest& request);

    /// "FULL" / "HDRS" (any case).
    static std::optional<DsnReturn> parseRet(QByteArrayView value);
    /// xtext, at most MaxEnvelopeIdLength, decoding to printable US-ASCII.
    static std::optional<QString> parseEnvelopeId(QByteArrayView value);
    /// "NEVER" (returned as empty flags) or a comma-separated list of
    /// SUCCESS, FAILURE, DELAY (any case; repeats are harmless).
    static std::optional<NotifyConditions> parseNotify(QByteArrayView value);
    /// "addr-type;xtext", at most MaxOriginalRecipientLength; addr-type is
    /// an RFC 5322 atom, the address decodes to printable US-ASCII.
    static std::optional<OriginalRecipient> parseOriginalRecipient(QByteArrayView value);

    /// "RET=HDRS ENVID=..." (only what was given; empty when nothing).
    static QByteArray formatMailParameters(const DsnRequest& request);
    /// "NOTIFY=FAILURE,DELAY ORCPT=rfc822;..." (only what was given).
    static QByteArray formatRcptParameters(const RecipientDsnRequest& request);
    /// "NEVER" for empty flags, else "SUCCESS,FAILURE,DELAY" in that order.
    static QByteArray formatNotify(NotifyConditions notify);

    /// The text after "501 5.5.4 " for a Duplicate or Invalid result.
    static QString rejectionText(Result result, QByteArrayView keyword);
};

} // namespace RelayDesk::Bounce
