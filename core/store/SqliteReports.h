#pragma once

#include "StoreTypes.h"

#include <QSqlQuery>
#include <optional>

namespace RelayDesk::Store {

struct SqliteStatements;

/// The DSN bookkeeping of SqliteStore (schema version 3), on its prepared
/// statements and inside the caller's transaction: which reports are due,
/// and the note that one was made, so that each is made once. Kept apart so
/// that SqliteStore stays about transactions and the queue itself.
class SqliteReports final
{
public:
    /// For a new DSN (`report.kind`, `report.reportsOn`): the report already
    /// made about that message (its id; 0 when none was needed), or nullopt
    /// when none was made yet or the message is gone (retention).
    static bool earlierReport(SqliteStatements& s, const NewMessage& report,
                              std::optional<qint64>* earlier, QString* error);

    /// Notes in the original message that `reportId` reports on it; a
    /// failure report also lets the original's content go.
    static bool recordReport(SqliteStatements& s, const NewMessage& report, qint64 reportId,
                             qint64 atMs, QString* error);

    /// A message awaiting its failure report needs none: marked, content
    /// dropped. Any other message is left alone (it may still fail later).
    static bool markNoFailureReport(SqliteStatements& s, qint64 messageId, QString* error);

    static QVector<DsnCandidate> failureReportsDue(SqliteStatements& s, int maxMessages,
                                                   QString* error);
    static QVector<DsnCandidate> delayWarningsDue(SqliteStatements& s, qint64 cutoffMs,
                                                  int maxMessages, QString* error);

private:
    /// Reads the rows of failureReportsDue or delayWarningsDue, then all
    /// their recipients in one statement.
    static bool readCandidates(SqliteStatements& s, QSqlQuery& messages,
                               QVector<DsnCandidate>* candidates, QString* error);
};

} // namespace RelayDesk::Store
