#include "MailDate.h"

#include <QLocale>
#include <QRegularExpression>

namespace RelayDesk::Bounce {

namespace {

constexpr const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};

/// Offset in seconds for an RFC 5322 zone ("+0900", "GMT", "EST"); false
/// when unknown. Military single letters are treated as +0000 as RFC 5322
/// section 4.3 advises.
bool zoneOffset(const QString& zone, int* seconds)
{
    static const QRegularExpression numeric(QStringLiteral("^([+-])(\\d\\d)(\\d\\d)$"));
    const auto m = numeric.match(zone);
    if (m.hasMatch()) {
        const int value = m.captured(2).toInt() * 3600 + m.captured(3).toInt() * 60;
        *seconds = m.captured(1) == QLatin1String("-") ? -value : value;
        return true;
    }
    const QString upper = zone.toUpper();
    struct Named
    {
        const char* name;
        int hours;
    };
    static constexpr Named named[] = {
        {"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4}, {"CST", -6},
        {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {"JST", 9}};
    for (const Named& n : named) {
        if (upper == QLatin1String(n.name)) {
            *seconds = n.hours * 3600;
            return true;
        }
    }
    if (upper.size() == 1 && upper.at(0).isLetter()) {
        *seconds = 0;
        return true;
    }
    return false;
}

} // namespace

QString MailDate::format(const QDateTime& dateTime)
{
    const QDateTime utc = dateTime.toUTC();
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")) +
           QStringLiteral(" +0000");
}

QDateTime MailDate::parse(QStringView text)
{
    // Comments first: "Fri, 13 Feb 2015 02:47:49 +0000 (UTC)".
    QString s;
    int depth = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && depth > 0)
            --depth;
        else if (depth == 0)
            s.append(c);
    }
    static const QRegularExpression re(
        QStringLiteral("^\\s*(?:[A-Za-z]{3,9}\\s*,\\s*)?(\\d{1,2})\\s+([A-Za-z]{3,9})\\.?\\s+"
                       "(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*"
                       "([+-]\\d{4}|[A-Za-z]{1,5})?\\s*$"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return {};
    const QString monthName = m.captured(2).left(3).toLower();
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (monthName == QLatin1String(months[i]))
            month = i + 1;
    }
    if (month == 0)
        return {};
    int year = m.captured(3).toInt();
    if (m.captured(3).size() == 2) // RFC 5322 4.3: 00-49 is 2000-2049
        year += year < 50 ? 2000 : 1900;
    else if (m.captured(3).size() == 3)
        year += 1900;
    const QDate date(year, month, m.captured(1).toInt());
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(),
                     m.captured(6).isEmpty() ? 0 : m.captured(6).toInt());
    if (!date.isValid() || !time.isValid())
        return {};
    int offset = 0;
    if (!m.captured(7).isEmpty() && !zoneOffset(m.captured(7), &offset))
        return {};
    // QTimeZone::fromSecondsAheadOfUtc is Qt 6.5; shifting a UTC time is the same.
    return QDateTime(date, time, Qt::UTC).addSecs(-offset);
}

} // namespace RelayDesk::Bounce
