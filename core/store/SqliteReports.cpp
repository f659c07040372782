#include "SqliteReports.h"

#include "SqliteDsnColumns.h"
#include "SqliteStatements.h"

#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QVariant>

namespace RelayDesk::Store {

namespace {

// As in SqliteStore.cpp: SQLite's own message when there is one.
bool run(QSqlQuery& query, const char* what, QString* error)
{
    if (query.exec())
        return true;
    if (error) {
        const QSqlError e = query.lastError();
        *error = QStringLiteral("%1: %2").arg(
            QLatin1String(what), e.databaseText().isEmpty() ? e.text() : e.databaseText());
    }
    return false;
}

QDateTime fromMs(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString jsonIds(const QVector<qint64>& ids)
{
    QByteArray json = "[";
    for (const qint64 id : ids) {
        if (json.size() > 1)
            json += ',';
        json += QByteArray::number(id);
    }
    json += ']';
    return QString::fromLatin1(json);
}

} // namespace

bool SqliteReports::earlierReport(SqliteStatements& s, const NewMessage& report,
                                  std::optional<qint64>* earlier, QString* error)
{
    QSqlQuery& query = s.reportState;
    query.bindValue(QStringLiteral(":id"), report.reportsOn);
    if (!run(query, "read report state", error))
        return false;
    *earlier = std::nullopt;
    if (query.next()) {
        if (report.kind == MessageKind::FailureReport && query.value(0).toInt() == 2)
            *earlier = query.value(1).toLongLong();
        else if (report.kind == MessageKind::DelayReport && !query.value(2).isNull())
            *earlier = query.value(3).toLongLong();
    }
    query.finish();
    return true;
}

bool SqliteReports::recordReport(SqliteStatements& s, const NewMessage& report, qint64 reportId,
                                 qint64 atMs, QString* error)
{
    if (report.kind == MessageKind::DelayReport) {
        QSqlQuery& mark = s.recordDelayReport;
        mark.bindValue(QStringLiteral(":at"), atMs);
        mark.bindValue(QStringLiteral(":dsn"), reportId);
        mark.bindValue(QStringLiteral(":id"), report.reportsOn);
        return run(mark, "record delay warning", error);
    }
    QSqlQuery& mark = s.recordFailureReport;
    mark.bindValue(QStringLiteral(":dsn"), reportId);
    mark.bindValue(QStringLiteral(":id"), report.reportsOn);
    if (!run(mark, "record failure report", error))
        return false;
    s.dropContent.bindValue(QStringLiteral(":id"), report.reportsOn);
    s.dropContent.bindValue(QStringLiteral(":message"), report.reportsOn);
    return run(s.dropContent, "drop reported content", error);
}

bool SqliteReports::markNoFailureReport(SqliteStatements& s, qint64 messageId, QString* error)
{
    s.reportState.bindValue(QStringLiteral(":id"), messageId);
    if (!run(s.reportState, "read report state", error))
        return false;
    const bool due = s.reportState.next() && s.reportState.value(0).toInt() == 1;
    s.reportState.finish();
    if (!due)
        return true;
    NewMessage none;
    none.kind = MessageKind::FailureReport;
    none.reportsOn = messageId;
    return recordReport(s, none, 0, 0, error);
}

QVector<DsnCandidate> SqliteReports::failureReportsDue(SqliteStatements& s, int maxMessages,
                                                       QString* error)
{
    QVector<DsnCandidate> candidates;
    QSqlQuery& query = s.failureReportsDue;
    query.bindValue(QStringLiteral(":limit"), maxMessages);
    if (run(query, "failure reports due", error))
        readCandidates(s, query, &candidates, error);
    return candidates;
}

QVector<DsnCandidate> SqliteReports::delayWarningsDue(SqliteStatements& s, qint64 cutoffMs,
                                                      int maxMessages, QString* error)
{
    QVector<DsnCandidate> candidates;
    QSqlQuery& query = s.delayWarningsDue;
    query.bindValue(QStringLiteral(":cutoff"), cutoffMs);
    query.bindValue(QStringLiteral(":limit"), maxMessages);
    if (run(query, "delay warnings due", error))
        readCandidates(s, query, &candidates, error);
    return candidates;
}

bool SqliteReports::readCandidates(SqliteStatements& s, QSqlQuery& messages,
                                   QVector<DsnCandidate>* candidates, QString* error)
{
    QHash<qint64, qsizetype> indexOf;
    QVector<qint64> ids;
    while (messages.next()) {
        DsnCandidate candidate;
        candidate.messageId = messages.value(0).toLongLong();
        candidate.sender = messages.value(1).toString();
        candidate.receivedAt = fromMs(messages.value(2));
        candidate.content = messages.value(3).toByteArray();
        candidate.dsn = SqliteDsnColumns::request(messages.value(4), messages.value(5));
        indexOf.insert(candidate.messageId, candidates->size());
        ids.append(candidate.messageId);
        candidates->append(std::move(candidate));
    }
    messages.finish();
    if (ids.isEmpty())
        return true;

    QSqlQuery& recipients = s.candidateRecipients;
    recipients.bindValue(QStringLiteral(":ids"), jsonIds(ids));
    if (!run(recipients, "read recipients of DSN candidates", error)) {
        candidates->clear();
        return false;
    }
    while (recipients.next()) {
        const auto it = indexOf.constFind(recipients.value(1).toLongLong());
        if (it == indexOf.cend())
            continue;
        DsnCandidateRecipient r;
        r.recipientId = recipients.value(0).toLongLong();
        r.address = recipients.value(2).toString();
        r.state = RecipientState(recipients.value(3).toInt());
        r.attempts = recipients.value(4).toInt();
        r.lastCode = recipients.value(5).toInt();
        r.lastStatus = recipients.value(6).toString();
        r.lastText = recipients.value(7).toString();
        r.lastHost = recipients.value(8).toString();
        r.lastAttempt = fromMs(recipients.value(9));
        r.nextAttempt = fromMs(recipients.value(10));
        r.dsn = SqliteDsnColumns::recipientRequest(recipients.value(11), recipients.value(12));
        (*candidates)[*it].recipients.append(std::move(r));
    }
    recipients.finish();
    return true;
}

} // namespace RelayDesk::Store
