#pragma once

#include "StoreTypes.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

class QSqlDatabase;

namespace RelayDesk::Store {

/// The admin GUI's queries and queue actions for SqliteStore (issue 4), on
/// its connection. The actions run inside the caller's transaction; the
/// queries need none (WAL readers see a consistent snapshot per statement).
/// Kept apart so that SqliteStore stays about the delivery cycle.
///
/// The queue page pages by message id through the partial index
/// recipients_pending, so its cost does not grow with the delivered
/// history; the delivery log, the hourly chart and today's counts range-scan
/// delivery_log_time. Tests check both with EXPLAIN QUERY PLAN through the
/// statements exposed below.
class SqliteAdminQueries final
{
public:
    /// An SQL text with its bound values (named placeholders).
    struct Statement
    {
        QString sql;
        QList<QPair<QString, QVariant>> binds;
    };

    static bool queueRows(const QSqlDatabase& db, qint64 afterMessageId, int limit, QueuePage* page,
                          QString* error);

    static bool setHeld(const QSqlDatabase& db, const QVector<qint64>& messageIds, bool held,
                        qint64 nowMs, QueueActionCounts* counts, QString* error);
    static bool retryMessages(const QSqlDatabase& db, const QVector<qint64>& messageIds,
                              qint64 nowMs, QueueActionCounts* counts, QString* error);
    static bool deleteMessages(const QSqlDatabase& db, const QVector<qint64>& messageIds,
                               QueueActionCounts* counts, QString* error);

    static bool messageDetail(const QSqlDatabase& db, qint64 messageId, MessageRecord* record,
                              QString* error);
    static bool messageContent(const QSqlDatabase& db, qint64 messageId, QByteArray* content,
                               QString* error);

    static bool queryDeliveryLog(const QSqlDatabase& db, const DeliveryLogFilter& filter,
                                 QVector<DeliveryLogRecord>* rows, QString* error);
    static bool failedRecipients(const QSqlDatabase& db, const QDateTime& since, int limit,
                                 QVector<FailedEnvelope>* rows, QString* error);
    static bool hourlyCounts(const QSqlDatabase& db, const QDateTime& now,
                             QVector<HourlyAttempts>* hours, QString* error);
    static bool todayCounts(const QSqlDatabase& db, const QDateTime& since, DayCounts* counts,
                            QString* error);

    // The statements whose plans matter at scale (for EXPLAIN QUERY PLAN).
    static Statement queuePageStatement(qint64 afterMessageId, int limit);
    static Statement deliveryLogStatement(const DeliveryLogFilter& filter);
    static Statement hourlyStatement(qint64 fromMs, qint64 toMs);
    static Statement todayStatement(qint64 sinceMs);
    static Statement failedStatement(qint64 sinceMs, int limit);

    /// "%text%" with %, _ and the escape character taken literally (ESCAPE '\').
    static QString likePattern(const QString& text);
};

} // namespace RelayDesk::Store
