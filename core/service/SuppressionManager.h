#pragma once

#include "SuppressionTypes.h"
#include "queue/Clock.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace RelayDesk::Store {
class StoreWorker;
}

namespace RelayDesk::Service {

/// The suppression list and incoming bounces (issue 6), on the core thread.
///
/// Adding: a recipient whose attempt ended Failed with a 5xx reply that the
/// FailureClassifier reads as one of SuppressionSettings::reasons
/// (userunknown, hostunknown, hasmoved, notaccept by default) is added for
/// its message's sender domain (attemptsRecorded), with an expiry.
///
/// Enforcing: at intake, RelayCore hands every new message to takeOver().
/// The check is a lookup in an in-memory copy of the entries in force (a
/// hash per recipient), so SMTP intake stays fast. A message that names a
/// suppressed recipient is committed on the store thread together with the
/// outcome for that recipient (Failed with "550 5.1.1 Recipient suppressed:
/// ..." or Held), in one store task, so no claim can take the recipient in
/// between and it never reaches an upstream; the other recipients go on as
/// usual. Messages without suppressed recipients take the normal
/// group-commit path untouched.
///
/// Incoming bounces: mail for SuppressionSettings::returnPathAddress is not
/// relayed; it is read as a bounce (BounceMessageReader + FailureClassifier)
/// and each failed recipient is matched to the original message (ENVID,
/// then the returned Message-ID, then the newest message to that recipient
/// in the last 30 days), whose envelope becomes Failed with the bounce's
/// reason in the delivery log; a hard reason also adds a suppression.
class SuppressionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionManager)

public:
    /// `store` must outlive the manager's last request (RelayCore deletes it
    /// after the store worker has drained).
    SuppressionManager(Store::StoreWorker* store, const Queue::Clock* clock,
                       SuppressionSettings settings, QObject* parent = nullptr);

    /// Loads the entries in force into memory.
    void start();
    void setSettings(const SuppressionSettings& settings);
    const SuppressionSettings& settings() const { return m_settings; }

    using CommitDone = std::function<void(bool ok, qint64 messageId, QString error)>;
    /// Intake. Takes incoming bounces out of `message` (they are processed
    /// and not relayed). Returns true when it commits the message itself
    /// (or there is nothing left to commit): `done` is then called later.
    /// False: the caller commits `message` (possibly with fewer recipients).
    bool takeOver(Store::NewMessage& message, const CommitDone& done);

    /// The entry in force for sender -> recipient in memory, if any.
    const SuppressionEntry* lookUp(const QString& sender, const QString& recipient) const;

    /// Adds suppressions for permanent failures (DeliveryEngine::attemptsRecorded).
    void attemptsRecorded(const QVector<Store::AttemptOutcome>& outcomes);

    using ListDone = std::function<void(QVector<SuppressionEntry> entries, QString error)>;
    void request(const SuppressionFilter& filter, ListDone done);
    using ActionDone = std::function<void(int affected, QString error)>;
    /// A missing `created` is now; a missing `expires` created + the expiry.
    void add(SuppressionEntry entry, ActionDone done);
    /// `affected`: 1 for the removed entry, plus messages released when
    /// `retryHeld` (their held recipients become due now).
    void remove(const QString& senderDomain, const QString& recipient, bool retryHeld,
                ActionDone done);
    /// CSV of every entry, expired ones included; `affected` = rows.
    void exportCsv(const QString& path, ActionDone done);
    void importCsv(const QString& path, ActionDone done);

    /// How a suppressed recipient's reply reads in the delivery log.
    static QString replyText(const SuppressionEntry& entry);
    /// The Message-ID of the message a bounce returns (its message/rfc822
    /// or text/rfc822-headers part), without angle brackets; empty if none.
    static QString returnedMessageId(const QByteArray& bounce);

Q_SIGNALS:
    /// Entries were added or removed (the GUI's list is stale).
    void changed();
    /// An incoming bounce was processed: `matched` recipients updated.
    void bounceProcessed(int recipients, int matched);

private:
    void reload();
    void remember(const SuppressionEntry& entry);
    void forget(const QString& senderDomain, const QString& recipient);
    void processBounce(const QByteArray& content, std::function<void()> done);
    void commitWithSuppressed(const Store::NewMessage& message,
                              const QHash<QString, SuppressionEntry>& hits, const CommitDone& done);
    QDateTime expiryFrom(const QDateTime& created) const;

    Store::StoreWorker* m_store;
    const Queue::Clock* m_clock;
    SuppressionSettings m_settings;
    /// Entries in force by recipient (lower case); a few per recipient at most.
    QHash<QString, QVector<SuppressionEntry>> m_entries;
};

} // namespace RelayDesk::Service
