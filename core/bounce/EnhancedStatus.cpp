#include "EnhancedStatus.h"

#include "StatusCodeRegistry.h"

namespace RelayDesk::Bounce {

namespace {

bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

/// Reads 1-3 digits at `pos`; -1 when there are none or more than three.
int readNumber(QStringView text, qsizetype& pos)
{
    int value = 0;
    int digits = 0;
    while (pos < text.size() && isDigit(text.at(pos))) {
        if (++digits > 3)
            return -1;
        value = value * 10 + (text.at(pos).unicode() - '0');
        ++pos;
    }
    return digits == 0 ? -1 : value;
}

/// Parses "c.s.d" at `pos`; on success `pos` is just after it.
std::optional<EnhancedStatus> readCode(QStringView text, qsizetype& pos)
{
    qsizetype p = pos;
    if (p >= text.size())
        return std::nullopt;
    const QChar c = text.at(p);
    if (c != QLatin1Char('2') && c != QLatin1Char('4') && c != QLatin1Char('5'))
        return std::nullopt;
    ++p;
    if (p >= text.size() || text.at(p) != QLatin1Char('.'))
        return std::nullopt;
    ++p;
    const int subject = readNumber(text, p);
    if (subject < 0 || p >= text.size() || text.at(p) != QLatin1Char('.'))
        return std::nullopt;
    ++p;
    const int detail = readNumber(text, p);
    if (detail < 0)
        return std::nullopt;
    pos = p;
    return EnhancedStatus(c.unicode() - '0', subject, detail);
}

/// A code must stand alone: "5.1.1" in "10.5.1.1" or "v5.1.1" is not one.
bool boundaryBefore(QStringView text, qsizetype pos)
{
    if (pos == 0)
        return true;
    const QChar c = text.at(pos - 1);
    if (c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_'))
        return false;
    // "550-5.1.1" is a continuation line; "abc-5.1.1" is part of a name.
    return !(c == QLatin1Char('-') && pos >= 2 && text.at(pos - 2).isLetter());
}

bool boundaryAfter(QStringView text, qsizetype pos)
{
    if (pos >= text.size())
        return true;
    const QChar c = text.at(pos);
    if (c == QLatin1Char('.'))
        return pos + 1 >= text.size() || !isDigit(text.at(pos + 1)); // sentence end is fine
    return !(c.isLetterOrNumber() || c == QLatin1Char('_'));
}

} // namespace

EnhancedStatus::EnhancedStatus(int statusClass, int subject, int detail)
{
    if ((statusClass == 2 || statusClass == 4 || statusClass == 5) && subject >= 0 &&
        subject <= 999 && detail >= 0 && detail <= 999) {
        m_class = statusClass;
        m_subject = subject;
        m_detail = detail;
    }
}

std::optional<EnhancedStatus> EnhancedStatus::parse(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    qsizetype pos = 0;
    const auto code = readCode(trimmed, pos);
    if (!code || pos != trimmed.size())
        return std::nullopt;
    return code;
}

std::optional<EnhancedStatus> EnhancedStatus::fromReplyText(QStringView text, int replyCode)
{
    qsizetype pos = 0;
    while (pos < text.size() && text.at(pos).isSpace())
        ++pos;
    // Some MTAs write "#5.1.0" (Google Workspace relaying an old Exchange).
    if (pos < text.size() && text.at(pos) == QLatin1Char('#'))
        ++pos;
    const auto code = readCode(text, pos);
    if (!code || !boundaryAfter(text, pos))
        return std::nullopt;
    if (replyCode >= 200 && replyCode <= 599 && code->classDigit() != replyCode / 100)
        return std::nullopt;
    return code;
}

std::optional<EnhancedStatus> EnhancedStatus::findInText(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('2') && c != QLatin1Char('4') && c != QLatin1Char('5'))
            continue;
        if (!boundaryBefore(text, i) && text.at(i - 1) != QLatin1Char('#'))
            continue;
        qsizetype pos = i;
        const auto code = readCode(text, pos);
        if (code && boundaryAfter(text, pos))
            return code;
    }
    return std::nullopt;
}

EnhancedStatus EnhancedStatus::fromReplyCode(int replyCode)
{
    // Defaults for replies without an enhanced code. Where RFC 5321 gives a
    // reply code one meaning, we name the matching RFC 3463 condition; where
    // a code is used for several conditions (550 is "no such user" as often
    // as "refused by policy"), we stay with X.0.0 rather than guess wrong,
    // because the classifier (issue 6) reads the text for the real reason.
    switch (replyCode) {
    case 251: // user not local; will forward
        return {2, 1, 5};
    case 421: // service not available, closing channel (shutdown, overload)
        return {4, 3, 2};
    case 450: // mailbox unavailable (busy, temporarily blocked)
        return {4, 2, 0};
    case 451: // local error in processing
        return {4, 3, 0};
    case 452: // insufficient system storage
        return {4, 3, 1};
    case 455: // unable to accommodate parameters
        return {4, 5, 4};
    case 500: // syntax error, command unrecognised
        return {5, 5, 2};
    case 501: // syntax error in parameters
        return {5, 5, 4};
    case 502: // command not implemented
    case 503: // bad sequence of commands
        return {5, 5, 1};
    case 504: // command parameter not implemented
        return {5, 5, 4};
    case 521: // host does not accept mail (RFC 7504)
        return {5, 3, 2};
    case 530: // authentication required (RFC 4954)
        return {5, 7, 0};
    case 534: // authentication mechanism too weak (RFC 4954)
        return {5, 7, 9};
    case 535: // authentication credentials invalid (RFC 4954)
        return {5, 7, 8};
    case 538: // encryption required for the mechanism (RFC 4954)
        return {5, 7, 11};
    case 551: // user not local
        return {5, 1, 6};
    case 552: // exceeded storage allocation
        return {5, 2, 2};
    case 553: // mailbox name not allowed
        return {5, 1, 3};
    case 555: // MAIL/RCPT parameters not recognised
        return {5, 5, 4};
    case 556: // domain does not accept mail (RFC 7504)
        return {5, 1, 10};
    default:
        break;
    }
    if (replyCode >= 200 && replyCode < 300)
        return {2, 0, 0};
    if (replyCode >= 400 && replyCode < 500)
        return {4, 0, 0};
    if (replyCode >= 500 && replyCode < 600)
        return {5, 0, 0};
    return {};
}

EnhancedStatus EnhancedStatus::withClass(Class statusClass) const
{
    if (!isValid())
        return {};
    return {static_cast<int>(statusClass), m_subject, m_detail};
}

QString EnhancedStatus::toString() const
{
    if (!isValid())
        return {};
    return QStringLiteral("%1.%2.%3").arg(m_class).arg(m_subject).arg(m_detail);
}

QString EnhancedStatus::title() const
{
    if (!isValid())
        return {};
    if (const StatusCodeEntry* entry = StatusCodeRegistry::find(m_subject, m_detail))
        return QString::fromLatin1(entry->title);
    return StatusCodeRegistry::subjectTitle(m_subject);
}

} // namespace RelayDesk::Bounce
