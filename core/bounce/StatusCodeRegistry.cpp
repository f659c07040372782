#include "StatusCodeRegistry.h"

#include <iterator>

namespace RelayDesk::Bounce {

namespace {

// The IANA "SMTP Enhanced Status Codes" registry, enumerated codes
// (https://www.iana.org/assignments/smtp-enhanced-status-codes). Titles are
// the registry's; explanations and advice are ours, written for an office
// user who got the bounce, not for a mail administrator.
constexpr StatusCodeEntry registry[] = {
    {0, 0, "Other undefined Status",
     "The receiving mail system reported a problem without saying what kind.", nullptr, "RFC 3463"},

    {1, 0, "Other address status", "Something is wrong with one of the addresses.", nullptr,
     "RFC 3463"},
    {1, 1, "Bad destination mailbox address",
     "The recipient's mail server says this mailbox does not exist.",
     "Check the address for typing errors. If it is correct, the person may have left or "
     "changed address: reach them another way and ask for their current address.",
     "RFC 3463"},
    {1, 2, "Bad destination system address",
     "The domain part of the recipient's address (after the @) does not exist or cannot "
     "receive mail.",
     "Check the part after the @ for typing errors.", "RFC 3463"},
    {1, 3, "Bad destination mailbox address syntax",
     "The recipient's address is not a valid e-mail address.",
     "Check the address for typing errors such as spaces, missing or extra characters.",
     "RFC 3463"},
    {1, 4, "Destination mailbox address ambiguous",
     "The recipient's address matches more than one mailbox at the destination.",
     "Use the recipient's full, exact address.", "RFC 3463"},
    {1, 5, "Destination address valid", "The recipient's address is valid.", nullptr, "RFC 3463"},
    {1, 6, "Destination mailbox has moved, No forwarding address",
     "The recipient's mailbox has moved and mail is not forwarded.",
     "Ask the recipient for their new address.", "RFC 3463"},
    {1, 7, "Bad sender's mailbox address syntax",
     "The sender address of your message is not a valid e-mail address.",
     "Ask your administrator to check the sender address your device or program uses.", "RFC 3463"},
    {1, 8, "Bad sender's system address",
     "The domain of your sender address does not exist or cannot receive replies.",
     "Ask your administrator to check the sender address your device or program uses.", "RFC 3463"},
    {1, 9, "Message relayed to non-compliant mailer",
     "The message was handed to a system that cannot report its delivery.", nullptr, "RFC 3886"},
    {1, 10, "Recipient address has null MX",
     "The recipient's domain has declared that it does not accept any e-mail.",
     "Check the part after the @; this domain cannot receive mail at all.", "RFC 7505"},

    {2, 0, "Other or undefined mailbox status",
     "The recipient's mailbox has a problem that the server did not describe.", nullptr,
     "RFC 3463"},
    {2, 1, "Mailbox disabled, not accepting messages",
     "The recipient's mailbox exists but is disabled and accepts no mail.",
     "Reach the recipient another way; the account may be closed or suspended.", "RFC 3463"},
    {2, 2, "Mailbox full", "The recipient's mailbox is full.",
     "Try again later, or reach the recipient another way so that they can make room.", "RFC 3463"},
    {2, 3, "Message length exceeds administrative limit",
     "The message is larger than the recipient's mailbox allows.",
     "Send smaller attachments, or share large files through a link.", "RFC 3463"},
    {2, 4, "Mailing list expansion problem",
     "The recipient is a mailing list that could not be expanded.",
     "Tell the list's owner about this report.", "RFC 3463"},

    {3, 0, "Other or undefined mail system status",
     "The receiving mail system had a problem of its own.", nullptr, "RFC 3463"},
    {3, 1, "Mail system full", "The receiving mail server is out of storage space.",
     "Try again later.", "RFC 3463"},
    {3, 2, "System not accepting network messages",
     "The receiving mail server is not accepting mail at the moment (for example during "
     "maintenance).",
     "Try again later.", "RFC 3463"},
    {3, 3, "System not capable of selected features",
     "The receiving mail server cannot handle a feature the message needs.", nullptr, "RFC 3463"},
    {3, 4, "Message too big for system", "The message is larger than the receiving server accepts.",
     "Send smaller attachments, or share large files through a link.", "RFC 3463"},
    {3, 5, "System incorrectly configured", "The receiving mail server is misconfigured.",
     "Tell the recipient's administrator about this report.", "RFC 3463"},
    {3, 6, "Requested priority was changed",
     "The message was accepted with a different priority than requested.", nullptr, "RFC 6710"},

    {4, 0, "Other or undefined network or routing status",
     "There was a network or routing problem on the way to the recipient.", nullptr, "RFC 3463"},
    {4, 1, "No answer from host", "The recipient's mail server did not answer.", nullptr,
     "RFC 3463"},
    {4, 2, "Bad connection", "The connection to the recipient's mail server broke off.", nullptr,
     "RFC 3463"},
    {4, 3, "Directory server failure",
     "A directory (name) server needed to deliver the message failed.", nullptr, "RFC 3463"},
    {4, 4, "Unable to route", "No mail server could be found for the recipient's domain.",
     "Check the part after the @ for typing errors.", "RFC 3463"},
    {4, 5, "Mail system congestion", "The mail system is congested.", "Try again later.",
     "RFC 3463"},
    {4, 6, "Routing loop detected",
     "The message went around in a loop between mail servers and was stopped.",
     "Tell your administrator; a forwarding or routing rule needs fixing.", "RFC 3463"},
    {4, 7, "Delivery time expired",
     "The message could not be delivered within the time allowed and was given up.", nullptr,
     "RFC 3463"},

    {5, 0, "Other or undefined protocol status",
     "The mail servers could not agree on how to transfer the message.", nullptr, "RFC 3463"},
    {5, 1, "Invalid command", "A mail server rejected a command it does not know.", nullptr,
     "RFC 3463"},
    {5, 2, "Syntax error", "A mail server rejected a malformed command.", nullptr, "RFC 3463"},
    {5, 3, "Too many recipients",
     "The message has more recipients than the server accepts at once.",
     "Send the message to fewer recipients at a time.", "RFC 3463"},
    {5, 4, "Invalid command arguments", "A mail server rejected a command's parameters.", nullptr,
     "RFC 3463"},
    {5, 5, "Wrong protocol version", "The mail servers speak incompatible protocol versions.",
     nullptr, "RFC 3463"},
    {5, 6, "Authentication Exchange line is too long",
     "The login to the mail server failed because a line was too long.", nullptr, "RFC 4954"},

    {6, 0, "Other or undefined media error",
     "The receiving server could not handle the message's content.", nullptr, "RFC 3463"},
    {6, 1, "Media not supported",
     "The message contains a kind of content the recipient's system does not support.",
     "Send the content in another format.", "RFC 3463"},
    {6, 2, "Conversion required and prohibited",
     "The message would have to be converted for the recipient, but conversion was not "
     "allowed.",
     nullptr, "RFC 3463"},
    {6, 3, "Conversion required but not supported",
     "The message would have to be converted for the recipient, which is not possible.", nullptr,
     "RFC 3463"},
    {6, 4, "Conversion with loss performed",
     "The message was converted for the recipient and something was lost.", nullptr, "RFC 3463"},
    {6, 5, "Conversion Failed", "Converting the message for the recipient failed.", nullptr,
     "RFC 3463"},
    {6, 6, "Message content not available", "Content the message refers to could not be fetched.",
     nullptr, "RFC 4468"},
    {6, 7, "Non-ASCII addresses not permitted for that sender/recipient",
     "An address with non-English characters cannot be used with this recipient.",
     "Use an address with plain (ASCII) characters only.", "RFC 6531"},
    {6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client",
     "The servers could not exchange a reply with international characters.", nullptr, "RFC 6531"},
    {6, 9, "UTF-8 header message cannot be transferred to one or more recipients",
     "The message has international characters in its headers that the recipient's system "
     "cannot accept.",
     "Use plain (ASCII) characters in addresses and the subject.", "RFC 6531"},
    {6, 10, "UTF-8 string reply is required, but not permitted by the SMTP client",
     "The servers could not exchange a reply with international characters.", nullptr, "RFC 6531"},

    {7, 0, "Other or undefined security status",
     "The message was refused for a security or policy reason.", nullptr, "RFC 3463"},
    {7, 1, "Delivery not authorized, message refused",
     "The recipient's mail server refused the message by its policy.", nullptr, "RFC 3463"},
    {7, 2, "Mailing list expansion prohibited", "You are not allowed to send to this mailing list.",
     "Ask the list's owner for permission to post.", "RFC 3463"},
    {7, 3, "Security conversion required but not possible",
     "The message would need a security conversion that is not possible.", nullptr, "RFC 3463"},
    {7, 4, "Security features not supported",
     "The message needs security features the receiving system lacks.", nullptr, "RFC 3463"},
    {7, 5, "Cryptographic failure", "A cryptographic operation failed.", nullptr, "RFC 3463"},
    {7, 6, "Cryptographic algorithm not supported",
     "The message uses a cryptographic algorithm the receiving system does not support.", nullptr,
     "RFC 3463"},
    {7, 7, "Message integrity failure", "The message was changed or damaged on its way.", nullptr,
     "RFC 3463"},
    {7, 8, "Authentication credentials invalid",
     "The user name or password for the sending mail server was not accepted.",
     "Tell your administrator: the relay's credentials for its mail provider need checking.",
     "RFC 4954"},
    {7, 9, "Authentication mechanism is too weak",
     "The sending login method is considered too weak by the mail provider.",
     "Tell your administrator: the relay's login method for its mail provider needs "
     "changing.",
     "RFC 4954"},
    {7, 10, "Encryption Needed", "The mail server requires an encrypted connection.",
     "Tell your administrator about this report.", "RFC 5248"},
    {7, 11, "Encryption required for requested authentication mechanism",
     "The login to the mail server requires an encrypted connection.",
     "Tell your administrator about this report.", "RFC 4954"},
    {7, 12, "A password transition is needed",
     "The account used for sending must change its password first.",
     "Tell your administrator about this report.", "RFC 4954"},
    {7, 13, "User Account Disabled", "The account involved has been disabled.",
     "Reach the recipient another way, or ask your administrator if it is your account.",
     "RFC 5248"},
    {7, 14, "Trust relationship required",
     "The receiving system only accepts mail from systems it has a trust relationship with.",
     "Tell your administrator about this report.", "RFC 5248"},
    {7, 15, "Priority Level is too low", "The message's priority is too low to be accepted now.",
     nullptr, "RFC 6710"},
    {7, 16, "Message is too big for the specified priority",
     "The message is too big for the priority it was sent with.", nullptr, "RFC 6710"},
    {7, 17, "Mailbox owner has changed", "The recipient's mailbox now belongs to someone else.",
     "Reach the person another way and ask for their current address.", "RFC 7293"},
    {7, 18, "Domain owner has changed", "The recipient's domain now belongs to someone else.",
     "Reach the person another way and ask for their current address.", "RFC 7293"},
    {7, 19, "RRVS test cannot be completed",
     "The check that the recipient's mailbox has not changed owner could not be done.", nullptr,
     "RFC 7293"},
    {7, 20, "No passing DKIM signature found",
     "The recipient's server requires a valid DKIM signature, and the message had none.",
     "Tell your administrator: DKIM signing for your domain needs setting up.", "RFC 7372"},
    {7, 21, "No acceptable DKIM signature found",
     "The message's DKIM signature was not acceptable to the recipient's server.",
     "Tell your administrator: DKIM signing for your domain needs checking.", "RFC 7372"},
    {7, 22, "No valid author-matched DKIM signature found",
     "The message had no valid DKIM signature matching the sender's domain.",
     "Tell your administrator: DKIM signing for your domain needs checking.", "RFC 7372"},
    {7, 23, "SPF validation failed",
     "The recipient's server says this relay is not allowed to send for your domain (SPF).",
     "Tell your administrator: your domain's SPF record must include the relay's mail "
     "provider.",
     "RFC 7372"},
    {7, 24, "SPF validation error",
     "The recipient's server could not check your domain's SPF record.",
     "Tell your administrator: your domain's SPF record needs checking.", "RFC 7372"},
    {7, 25, "Reverse DNS validation failed",
     "The sending server's IP address has no matching reverse DNS (PTR) name.",
     "Tell your administrator: the relay's public IP address needs a reverse DNS name.",
     "RFC 7372"},
    {7, 26, "Multiple authentication checks failed",
     "The message failed the recipient's sender authentication checks (SPF, DKIM, DMARC).",
     "Tell your administrator: SPF, DKIM and DMARC for your domain need checking.", "RFC 7372"},
    {7, 27, "Sender address has null MX",
     "Your sender address's domain declares that it does not accept mail, so replies would be "
     "impossible.",
     "Tell your administrator: the sender address your device or program uses is not usable.",
     "RFC 7505"},
    {7, 28, "Mail flood detected",
     "The recipient's server saw an unusual amount of mail from this sender.",
     "Try again later; if it keeps happening, tell your administrator.", "IANA registry"},
    {7, 29, "ARC validation failure",
     "The message's forwarding chain (ARC) could not be validated.", nullptr, "RFC 8617"},
    {7, 30, "REQUIRETLS support required",
     "The message required a secure connection all the way, which the recipient's system "
     "could not provide.",
     nullptr, "RFC 8689"},
};

struct SubjectText
{
    const char* title;
    const char* advice;
};

// RFC 3463 section 3, subjects 0-7, with our default advice for each.
constexpr SubjectText subjects[] = {
    {"Other or Undefined Status",
     "If the problem persists, send this report to your administrator."},
    {"Addressing Status", "Check the address for typing errors."},
    {"Mailbox Status", "Reach the recipient another way and tell them about the problem."},
    {"Mail System Status",
     "The problem is on the recipient's side; try again later or tell the recipient."},
    {"Network and Routing Status",
     "The recipient's mail server could not be reached; try again later. If it keeps failing, "
     "tell your administrator."},
    {"Mail Delivery Protocol Status", "Send this report to your administrator."},
    {"Message Content or Media Status", "Try sending the content in another form."},
    {"Security or Policy Status",
     "The recipient's mail server refused the message by its rules. Send this report to your "
     "administrator, who can check the relay's settings or contact the recipient's "
     "administrator."},
};

} // namespace

const StatusCodeEntry* StatusCodeRegistry::find(int subject, int detail)
{
    for (const StatusCodeEntry& entry : registry) {
        if (entry.subject == subject && entry.detail == detail)
            return &entry;
    }
    return nullptr;
}

QString StatusCodeRegistry::subjectTitle(int subject)
{
    if (subject < 0 || subject >= int(std::size(subjects)))
        return QStringLiteral("Unknown Status");
    return QString::fromLatin1(subjects[subject].title);
}

QString StatusCodeRegistry::classTitle(EnhancedStatus::Class statusClass)
{
    switch (statusClass) {
    case EnhancedStatus::Class::Success:
        return QStringLiteral("Success");
    case EnhancedStatus::Class::PersistentTransient:
        return QStringLiteral("Persistent Transient Failure");
    case EnhancedStatus::Class::PermanentFailure:
        return QStringLiteral("Permanent Failure");
    case EnhancedStatus::Class::Invalid:
        break;
    }
    return QStringLiteral("Invalid");
}

QString StatusCodeRegistry::explanation(const EnhancedStatus& status)
{
    if (!status.isValid())
        return QStringLiteral("The receiving mail system gave no status code.");
    if (const StatusCodeEntry* entry = find(status))
        return QString::fromLatin1(entry->explanation);
    // A provider's private detail (5.7.509, 5.4.312): the subject still tells
    // the kind of problem.
    return QStringLiteral("The receiving mail system reported a problem of the kind \"%1\".")
        .arg(subjectTitle(status.subject()));
}

QString StatusCodeRegistry::advice(const EnhancedStatus& status)
{
    if (const StatusCodeEntry* entry = status.isValid() ? find(status) : nullptr;
        entry && entry->advice)
        return QString::fromLatin1(entry->advice);
    const int subject = status.isValid() ? status.subject() : 0;
    if (subject < 0 || subject >= int(std::size(subjects)))
        return QString::fromLatin1(subjects[0].advice);
    return QString::fromLatin1(subjects[subject].advice);
}

QList<StatusCodeEntry> StatusCodeRegistry::entries()
{
    return QList<StatusCodeEntry>(std::begin(registry), std::end(registry));
}

} // namespace RelayDesk::Bounce
