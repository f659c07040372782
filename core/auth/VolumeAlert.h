#pragma once

#include <QDateTime>
#include <QString>

namespace RelayDesk::Auth {

/// A device (client address or account) sending far more than usual this
/// hour: a compromised app or a mail loop. The service turns it into an
/// Alert of kind Abuse.
struct VolumeAlert
{
    QString device;
    QDateTime hourStart; ///< UTC, the hour in question
    qint64 messagesThisHour = 0;
    double usualPerHour = 0; ///< the device's exponentially weighted average
};

} // namespace RelayDesk::Auth
