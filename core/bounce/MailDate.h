#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace RelayDesk::Bounce {

/// RFC 5322 section 3.3 date-time, as DSN fields (Arrival-Date,
/// Last-Attempt-Date, Will-Retry-Until) and the Date: header use it.
class MailDate
{
public:
    /// "Thu, 13 Feb 2015 02:47:49 +0000" in UTC, with English names
    /// whatever the process locale is.
    static QString format(const QDateTime& dateTime);
    /// Tolerant of what real MTAs write: optional weekday, comments such as
    /// "(UTC)", obsolete zone names (GMT, UT, EST, ...), two-digit years,
    /// missing seconds. Invalid QDateTime when it cannot be read.
    static QDateTime parse(QStringView text);
};

} // namespace RelayDesk::Bounce
