#pragma once

#include "service/AdminTypes.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace RelayDesk::Store {

/// The `devices` table beside the queue (issue 4): one row per client
/// address that has talked to the listeners, updated when each session
/// ends. Used on the store worker's thread (StoreWorker::runOnStore) with
/// the store's own connection, so it shares the queue's WAL and locking.
/// The table is created on first use; no schema version is needed because
/// nothing else refers to it.
///
/// "Today" counters belong to the local day that started at `dayStart`
/// (UTC); a session on a later day starts them from zero, and a read on a
/// later day shows zero.
class SqliteDevices final
{
public:
    /// A stored last transcript keeps at most this many lines / octets.
    static constexpr int MaxTranscriptLines = 200;
    static constexpr int MaxTranscriptBytes = 64 * 1024;

    /// Creates the table when missing.
    static bool ensureTable(const QSqlDatabase& db, QString* error);

    /// Adds one finished session of `session.address`: heloName/authUser
    /// of that session (an empty HELO keeps the previous one), lastSeen =
    /// when it ended, messagesToday = messages accepted in it, errorsToday
    /// = messages rejected or the session refused, lastTranscript (empty
    /// keeps the previous one).
    static bool recordSession(const QSqlDatabase& db, const Service::DeviceInfo& session,
                              const QDateTime& dayStart, QString* error);

    /// Every device, most recently seen first. `quiet` is set from the
    /// expectation against `now` (no mail accepted for longer than
    /// expectEveryHours since the last one, or since first seen).
    static QVector<Service::DeviceInfo> devices(const QSqlDatabase& db, const QDateTime& dayStart,
                                                const QDateTime& now, QString* error);

    /// Sets "expect mail at least every `hours` hours" (0: no expectation).
    /// False with *error set when the device is unknown.
    static bool setExpectation(const QSqlDatabase& db, const QString& address, int hours,
                               QString* error);

    static bool setReverseName(const QSqlDatabase& db, const QString& address, const QString& name,
                               QString* error);

    /// The bounded form stored for a transcript.
    static QStringList bounded(QStringList transcript);
};

} // namespace RelayDesk::Store
