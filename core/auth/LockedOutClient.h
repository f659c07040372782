#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace RelayDesk::Auth {

/// One client address that AuthThrottle locked out after too many AUTH
/// failures: a value for the GUI's "blocked clients" list.
struct LockedOutClient
{
    QString address;
    int failures = 0; ///< failures that led to the lockout
    QDateTime until;  ///< UTC; AUTH is refused before this

    friend bool operator==(const LockedOutClient&, const LockedOutClient&) = default;
};

} // namespace RelayDesk::Auth

Q_DECLARE_METATYPE(RelayDesk::Auth::LockedOutClient)
