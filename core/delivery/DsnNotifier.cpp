#include "DsnNotifier.h"

#include "bounce/DsnPolicy.h"
#include "bounce/EnhancedStatus.h"
#include "store/StoreWorker.h"

#include <QLoggingCategory>
#include <algorithm>

namespace RelayDesk::Delivery {

namespace {

Q_LOGGING_CATEGORY(lcDsn, "relaydesk.delivery.dsn")

bool isFinal(Store::RecipientState state)
{
    return state == Store::RecipientState::Delivered || state == Store::RecipientState::Failed;
}

} // namespace

DsnNotifier::DsnNotifier(Store::StoreWorker* store, const Queue::Clock* clock, QString hostname,
                         qint64 delayWarningSeconds, qint64 maxAgeSeconds, QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock),
      m_builder(std::move(hostname), Bounce::DsnPolicy(delayWarningSeconds)),
      m_delayWarningSeconds(delayWarningSeconds), m_maxAgeSeconds(maxAgeSeconds)
{
    m_timer.setInterval(DefaultCheckIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DsnNotifier::checkNow);
}

DsnNotifier::~DsnNotifier() = default;

void DsnNotifier::setCheckInterval(int ms)
{
    m_timer.setInterval(std::max(ms, 1));
}

void DsnNotifier::start()
{
    m_timer.start();
    checkNow();
}

void DsnNotifier::stop()
{
    m_timer.stop();
}

void DsnNotifier::onAttemptsRecorded(const QVector<Store::AttemptOutcome>& outcomes)
{
    // Only an outcome that made a recipient final can complete a message;
    // the store's own flag (an index lookup) says which ones need a report.
    const bool anyFinal =
        std::any_of(outcomes.cbegin(), outcomes.cend(),
                    [](const Store::AttemptOutcome& o) { return isFinal(o.newState); });
    if (anyFinal)
        requestFailureReports();
}

void DsnNotifier::checkNow()
{
    requestFailureReports();
    if (m_delayWarningSeconds > 0)
        requestDelayWarnings();
}

void DsnNotifier::requestFinished()
{
    if (--m_outstanding == 0)
        emit checkCompleted();
}

void DsnNotifier::requestFailureReports()
{
    if (m_failurePass.running) {
        // The running query may have been answered before this batch was
        // recorded: ask once more afterwards.
        m_failurePass.again = true;
        return;
    }
    m_failurePass.running = true;
    m_failurePass.again = false;
    requestStarted();
    m_store->failureReportsDue(
        BatchSize, this,
        [this](const QVector<Store::DsnCandidate>& candidates, const QString& error) {
            onFailureReports(candidates, error);
        });
}

void DsnNotifier::onFailureReports(const QVector<Store::DsnCandidate>& candidates,
                                   const QString& error)
{
    m_failurePass.running = false;
    if (!error.isEmpty())
        emit storeErrorOccurred(error);

    QVector<qint64> noReport;
    int handled = 0;
    for (const Store::DsnCandidate& candidate : candidates) {
        if (m_failureInProgress.contains(candidate.messageId))
            continue;
        ++handled;
        QList<Bounce::DsnRecipientReport> failed;
        for (const Store::DsnCandidateRecipient& r : candidate.recipients) {
            if (r.state == Store::RecipientState::Failed &&
                Bounce::DsnPolicy::shouldSend(candidate.sender, r.dsn, Bounce::DsnKind::Failure))
                failed.append(recipientReport(r, Bounce::DsnAction::Failed, candidate.receivedAt));
        }
        if (failed.isEmpty())
            noReport.append(candidate.messageId); // NOTIFY=NEVER or without FAILURE
        else
            queueReport(candidate, Bounce::DsnKind::Failure, failed);
    }
    if (!noReport.isEmpty()) {
        for (const qint64 id : std::as_const(noReport))
            m_failureInProgress.insert(id);
        requestStarted();
        m_store->markFailureReported(noReport, this,
                                     [this, noReport](bool ok, const QString& markError) {
                                         for (const qint64 id : noReport)
                                             m_failureInProgress.remove(id);
                                         if (!ok)
                                             emit storeErrorOccurred(markError);
                                         requestFinished();
                                     });
    }
    // A full batch may have left more behind. The commits and marks above
    // are queued before the next query, so it does not see these again;
    // without progress (all in progress) the next trigger asks instead.
    if (m_failurePass.again || (candidates.size() >= BatchSize && handled > 0))
        requestFailureReports();
    requestFinished();
}

void DsnNotifier::requestDelayWarnings()
{
    if (m_delayPass.running) {
        m_delayPass.again = true;
        return;
    }
    m_delayPass.running = true;
    m_delayPass.again = false;
    requestStarted();
    m_store->delayWarningsDue(m_clock->now(), m_delayWarningSeconds, BatchSize, this,
                              [this](const QVector<Store::DsnCandidate>& candidates,
                                     const QString& error) { onDelayWarnings(candidates, error); });
}

void DsnNotifier::onDelayWarnings(const QVector<Store::DsnCandidate>& candidates,
                                  const QString& error)
{
    m_delayPass.running = false;
    if (!error.isEmpty())
        emit storeErrorOccurred(error);

    QVector<qint64> noWarning;
    int handled = 0;
    for (const Store::DsnCandidate& candidate : candidates) {
        if (m_delayInProgress.contains(candidate.messageId))
            continue;
        ++handled;
        QList<Bounce::DsnRecipientReport> delayed;
        for (const Store::DsnCandidateRecipient& r : candidate.recipients) {
            if (r.state == Store::RecipientState::Deferred &&
                Bounce::DsnPolicy::shouldSend(candidate.sender, r.dsn, Bounce::DsnKind::Delay))
                delayed.append(
                    recipientReport(r, Bounce::DsnAction::Delayed, candidate.receivedAt));
        }
        if (delayed.isEmpty())
            noWarning.append(candidate.messageId); // nobody asked for DELAY
        else
            queueReport(candidate, Bounce::DsnKind::Delay, delayed);
    }
    if (!noWarning.isEmpty()) {
        for (const qint64 id : std::as_const(noWarning))
            m_delayInProgress.insert(id);
        requestStarted();
        m_store->markDelayWarned(noWarning, m_clock->now(), this,
                                 [this, noWarning](bool ok, const QString& markError) {
                                     for (const qint64 id : noWarning)
                                         m_delayInProgress.remove(id);
                                     if (!ok)
                                         emit storeErrorOccurred(markError);
                                     requestFinished();
                                 });
    }
    if (m_delayPass.again || (candidates.size() >= BatchSize && handled > 0))
        requestDelayWarnings();
    requestFinished();
}

Bounce::DsnRecipientReport
DsnNotifier::recipientReport(const Store::DsnCandidateRecipient& recipient,
                             Bounce::DsnAction action, const QDateTime& receivedAt) const
{
    Bounce::DsnRecipientReport report;
    report.finalRecipient = recipient.address;
    report.originalRecipient = recipient.dsn.originalRecipient;
    report.action = action;
    // Invalid when the upstream gave none: the builder then derives it.
    report.status =
        Bounce::EnhancedStatus::parse(recipient.lastStatus).value_or(Bounce::EnhancedStatus());
    report.remoteMta = Bounce::DsnBuilder::hostFromUpstream(recipient.lastHost);
    report.replyCode = recipient.lastCode;
    report.replyText = recipient.lastText;
    report.lastAttempt = recipient.lastAttempt;
    if (action == Bounce::DsnAction::Delayed && receivedAt.isValid() && m_maxAgeSeconds > 0)
        report.willRetryUntil = receivedAt.addSecs(m_maxAgeSeconds);
    return report;
}

void DsnNotifier::queueReport(const Store::DsnCandidate& candidate, Bounce::DsnKind kind,
                              const QList<Bounce::DsnRecipientReport>& recipients)
{
    Bounce::DsnReport report;
    report.originalSender = candidate.sender;
    report.request = candidate.dsn;
    report.arrivalDate = candidate.receivedAt;
    report.originalContent = candidate.content;
    report.queueId = QString::number(candidate.messageId);
    report.recipients = recipients;
    const QDateTime now = m_clock->now();
    const Bounce::DsnMessage dsn = m_builder.build(report, now);

    Store::NewMessage message;
    message.sender = QString(); // the null sender: nobody reports on a report
    message.recipients = {dsn.recipient};
    message.content = dsn.content;
    message.heloName = m_builder.reportingMta();
    message.receivedAt = now;
    message.kind = kind == Bounce::DsnKind::Delay ? Store::MessageKind::DelayReport
                                                  : Store::MessageKind::FailureReport;
    message.reportsOn = candidate.messageId;

    const qint64 original = candidate.messageId;
    QSet<qint64>& inProgress =
        kind == Bounce::DsnKind::Delay ? m_delayInProgress : m_failureInProgress;
    inProgress.insert(original);
    requestStarted();
    m_store->commit(
        std::move(message), this,
        [this, original, kind, &inProgress](bool ok, qint64 dsnId, const QString& error) {
            inProgress.remove(original);
            if (ok && dsnId > 0) {
                qCInfo(lcDsn).noquote()
                    << (kind == Bounce::DsnKind::Delay ? "delay warning" : "failure report")
                    << dsnId << "queued about message" << original;
                emit dsnQueued(original, kind, dsnId);
            } else if (!ok) {
                qCWarning(lcDsn).noquote()
                    << "could not queue the report about message" << original << ":" << error;
                emit storeErrorOccurred(error);
            }
            requestFinished();
        });
}

} // namespace RelayDesk::Delivery
