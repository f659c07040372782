#pragma once

#include "EnhancedStatus.h"

#include <QList>
#include <QString>

namespace RelayDesk::Bounce {

/// One enumerated code of the IANA "SMTP Enhanced Status Codes" registry
/// (RFC 3463, RFC 5248 and the RFCs that registered codes later).
struct StatusCodeEntry
{
    int subject = 0;
    int detail = 0;
    const char* title = nullptr;       ///< the registry's short title
    const char* explanation = nullptr; ///< plain language, for the sender
    const char* advice = nullptr;      ///< what the sender can do; nullptr: the subject's advice
    const char* reference = nullptr;   ///< the RFC that defines it
};

/// The enhanced status code registry as data: titles, plain-language
/// explanations and advice for DSN texts and the GUI. Lookups ignore the
/// class digit, as the registry does (X.1.1 is the same condition whether
/// reported as 4.1.1 or 5.1.1).
class StatusCodeRegistry
{
public:
    /// The entry for subject.detail, or nullptr when the code is not registered
    /// (providers use private details such as 5.7.509 or 5.4.312).
    static const StatusCodeEntry* find(int subject, int detail);
    static const StatusCodeEntry* find(const EnhancedStatus& status)
    {
        return find(status.subject(), status.detail());
    }

    /// RFC 3463 section 3 subject titles ("Mailbox Status"); "Unknown Status"
    /// for subjects outside 0-7.
    static QString subjectTitle(int subject);
    /// RFC 3463 section 3.1 class titles ("Permanent Failure").
    static QString classTitle(EnhancedStatus::Class statusClass);

    /// One plain sentence: what the code means for the sender's message.
    static QString explanation(const EnhancedStatus& status);
    /// What the sender can do about it (entry advice, else the subject's).
    static QString advice(const EnhancedStatus& status);

    /// Every entry, in registry order (for tests and the GUI's help page).
    static QList<StatusCodeEntry> entries();
};

} // namespace RelayDesk::Bounce
