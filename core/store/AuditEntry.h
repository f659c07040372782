#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace RelayDesk::Store {

/// One admin action in the audit log: who did what to which thing, and the
/// value before and after where that is not a secret (a replaced password
/// is recorded as "replaced", never as its value).
struct AuditEntry
{
    qint64 id = 0;     ///< assigned by the log; ascending
    QDateTime time;    ///< UTC; set by the log when invalid
    QString localUser; ///< the OS user who acted (e.g. from qEnvironmentVariable("USER"))
    QString action;  ///< e.g. "config.change", "credential.replace", "queue.delete", "auth.unblock"
    QString subject; ///< what it acted on: a setting, a credential name, message ids, an address
    QString before;  ///< empty where not applicable or secret
    QString after;
};

/// Which entries AuditLog::query returns: all conditions that are set apply;
/// newest first.
struct AuditFilter
{
    QDateTime since; ///< inclusive; invalid: no lower bound
    QDateTime until; ///< exclusive; invalid: no upper bound
    QString localUser;
    QString action; ///< exact, or a prefix ending in '.' ("queue." for all queue actions)
    QString subjectContains;
    int limit = 1000; ///< at most this many rows (1..100000)
};

} // namespace RelayDesk::Store

Q_DECLARE_METATYPE(RelayDesk::Store::AuditEntry)
Q_DECLARE_METATYPE(RelayDesk::Store::AuditFilter)
