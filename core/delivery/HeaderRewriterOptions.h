#pragma once

#include <QString>

namespace RelayDesk::Delivery {

/// What a route rewrites in a message before it is handed on (the fixes
/// printers and scanners need). All off by default: a default-constructed
/// value leaves the message untouched.
struct HeaderRewriterOptions
{
    /// What to do with a From: display name providers refuse.
    enum class FromNameFix {
        Keep,   ///< leave it alone
        Quote,  ///< make it valid: quoted string, RFC 2047 for non-ASCII
        Remove, ///< drop a display name that contains '@'; quote the rest
    };

    QString fromAddress; ///< set the From: address (adds From: when missing)
    QString fromName;    ///< set the From: display name
    FromNameFix fixFromName = FromNameFix::Keep;
    bool addDate = false;      ///< add Date: when missing
    bool addMessageId = false; ///< add Message-ID: when missing
    QString envelopeSender;    ///< rewrite MAIL FROM; a null sender is kept

    bool isEmpty() const
    {
        return fromAddress.isEmpty() && fromName.isEmpty() && fixFromName == FromNameFix::Keep &&
               !addDate && !addMessageId && envelopeSender.isEmpty();
    }
    friend bool operator==(const HeaderRewriterOptions&, const HeaderRewriterOptions&) = default;
};

} // namespace RelayDesk::Delivery
