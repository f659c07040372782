#include "SuppressionManager.h"

#include "bounce/BounceMessageReader.h"
#include "bounce/DsnParser.h"
#include "bounce/FailureClassifier.h"
#include "bounce/MimeEntity.h"
#include "bounce/Xtext.h"
#include "store/SqliteStore.h"
#include "store/SqliteSuppressions.h"
#include "store/StoreWorker.h"

#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QSet>
#include <QSqlDatabase>

namespace RelayDesk::Service {

Q_LOGGING_CATEGORY(lcSuppression, "relaydesk.suppression")

namespace {

using Store::SqliteSuppressions;

/// How far back an incoming bounce looks for the message it reports on.
constexpr qint64 BounceMatchDays = 30;
/// Messages to one recipient an incoming bounce compares (newest first).
constexpr int BounceCandidates = 50;

QSqlDatabase databaseOf(Store::MessageStore& store)
{
    auto* sqlite = dynamic_cast<Store::SqliteStore*>(&store);
    return sqlite ? QSqlDatabase::database(sqlite->connectionName(), false) : QSqlDatabase();
}

template <typename F> void postTo(const QPointer<SuppressionManager>& context, F done)
{
    if (context)
        QMetaObject::invokeMethod(context.data(), std::move(done), Qt::QueuedConnection);
}

QString lower(const QString& address)
{
    return address.trimmed().toLower();
}

bool isPermanentReply(const Store::AttemptOutcome& o)
{
    if (o.replyCode >= 500 && o.replyCode <= 599)
        return true;
    return o.replyCode == 0 && o.enhancedStatus.startsWith(QLatin1Char('5'));
}

QString firstLine(const QString& text)
{
    const QString simplified = text.trimmed();
    const qsizetype newline = simplified.indexOf(QLatin1Char('\n'));
    return (newline < 0 ? simplified : simplified.left(newline)).simplified().left(500);
}

} // namespace

SuppressionManager::SuppressionManager(Store::StoreWorker* store, const Queue::Clock* clock,
                                       SuppressionSettings settings, QObject* parent)
    : QObject(parent), m_store(store), m_clock(clock), m_settings(std::move(settings))
{}

void SuppressionManager::start()
{
    reload();
}

void SuppressionManager::setSettings(const SuppressionSettings& settings)
{
    m_settings = settings;
}

QDateTime SuppressionManager::expiryFrom(const QDateTime& created) const
{
    return m_settings.expirySeconds > 0 ? created.addSecs(m_settings.expirySeconds) : QDateTime();
}

QString SuppressionManager::replyText(const SuppressionEntry& entry)
{
    QString text = QStringLiteral("Recipient suppressed: %1 since %2")
                       .arg(entry.reason, entry.created.toUTC().toString(Qt::ISODate));
    if (entry.sourceMessageId > 0)
        text += QStringLiteral(" (message %1)").arg(entry.sourceMessageId);
    return text;
}

QString SuppressionManager::returnedMessageId(const QByteArray& bounce)
{
    const Bounce::MimeEntity root = Bounce::MimeEntity::parse(bounce);
    const Bounce::MimeEntity* returned = root.find([](const Bounce::MimeEntity& e) {
        return e.mediaType() == "message/rfc822" || e.mediaType() == "text/rfc822-headers" ||
               e.mediaType() == "message/rfc822-headers";
    });
    if (!returned)
        return {};
    const QByteArray body = returned->decodedBody();
    const Bounce::MimeHeaders headers = Bounce::MimeHeaders::parse(
        QByteArrayView(body).first(Bounce::MimeHeaders::bodyOffset(body)));
    QString id = QString::fromUtf8(headers.value("Message-ID")).trimmed();
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
        id = id.mid(1, id.size() - 2);
    return id;
}

const SuppressionEntry* SuppressionManager::lookUp(const QString& sender,
                                                   const QString& recipient) const
{
    const auto it = m_entries.constFind(lower(recipient));
    if (it == m_entries.cend())
        return nullptr;
    const QString domain = SqliteSuppressions::domainOf(sender);
    const QDateTime now = m_clock->now();
    const SuppressionEntry* any = nullptr;
    for (const SuppressionEntry& entry : *it) {
        if (entry.isExpired(now))
            continue;
        if (entry.senderDomain == domain && !domain.isEmpty())
            return &entry;
        if (entry.senderDomain.isEmpty())
            any = &entry;
    }
    return any;
}

void SuppressionManager::remember(const SuppressionEntry& entry)
{
    QVector<SuppressionEntry>& list = m_entries[entry.recipient];
    for (SuppressionEntry& existing : list) {
        if (existing.senderDomain == entry.senderDomain) {
            existing = entry;
            return;
        }
    }
    list.append(entry);
}

void SuppressionManager::forget(const QString& senderDomain, const QString& recipient)
{
    const auto it = m_entries.find(lower(recipient));
    if (it == m_entries.end())
        return;
    it->removeIf([&](const SuppressionEntry& e) { return e.senderDomain == lower(senderDomain); });
    if (it->isEmpty())
        m_entries.erase(it);
}

void SuppressionManager::reload()
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    m_store->runOnStore([self, now](Store::MessageStore& store) {
        QString error;
        SuppressionFilter all;
        all.limit = 0;
        const QVector<SuppressionEntry> entries =
            SqliteSuppressions::list(databaseOf(store), all, now, &error);
        if (!error.isEmpty())
            qCWarning(lcSuppression).noquote() << error;
        postTo(self, [self, entries] {
            self->m_entries.clear();
            for (const SuppressionEntry& entry : entries)
                self->remember(entry);
            qCInfo(lcSuppression) << entries.size() << "suppressed recipients in force";
            Q_EMIT self->changed();
        });
    });
}

bool SuppressionManager::takeOver(Store::NewMessage& message, const CommitDone& done)
{
    bool bounce = false;
    const QString returnPath = lower(m_settings.returnPathAddress);
    if (!returnPath.isEmpty()) {
        for (qsizetype i = message.recipients.size() - 1; i >= 0; --i) {
            if (lower(message.recipients.at(i)) != returnPath)
                continue;
            bounce = true;
            message.recipients.removeAt(i);
            if (i < message.recipientDsn.size())
                message.recipientDsn.removeAt(i);
        }
    }
    if (bounce) {
        if (message.recipients.isEmpty()) {
            // Answered once the bounce is recorded; it is not relayed.
            processBounce(message.content, [done] { done(true, 0, QString()); });
            return true;
        }
        processBounce(message.content, {});
    }

    if (!m_settings.enabled || m_entries.isEmpty())
        return false;
    QHash<QString, SuppressionEntry> hits;
    for (const QString& recipient : std::as_const(message.recipients)) {
        if (const SuppressionEntry* entry = lookUp(message.sender, recipient))
            hits.insert(lower(recipient), *entry);
    }
    if (hits.isEmpty())
        return false;
    commitWithSuppressed(message, hits, done);
    return true;
}

void SuppressionManager::commitWithSuppressed(const Store::NewMessage& message,
                                              const QHash<QString, SuppressionEntry>& hits,
                                              const CommitDone& done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    const bool hold = m_settings.action == SuppressionSettings::Action::Hold;
    // One store task: the message is committed (durable before the 250) and
    // its suppressed recipients decided before any later claim can run.
    m_store->runOnStore([self, message, hits, now, hold, done](Store::MessageStore& store) {
        QString error;
        const QVector<qint64> ids = store.commitMessages({message}, &error);
        if (ids.size() != 1) {
            postTo(self, [done, error] { done(false, 0, error); });
            return;
        }
        const qint64 id = ids.constFirst();
        const Store::MessageRecord record = store.messageDetail(id, &error);
        QVector<Store::AttemptOutcome> outcomes;
        for (const Store::RecipientRecord& recipient : record.recipients) {
            const auto hit = hits.constFind(lower(recipient.address));
            if (hit == hits.cend())
                continue;
            Store::AttemptOutcome o;
            o.messageId = id;
            o.recipientId = recipient.recipientId;
            o.newState = hold ? Store::RecipientState::Held : Store::RecipientState::Failed;
            o.attemptedAt = now;
            o.replyCode = 550;
            o.enhancedStatus = QStringLiteral("5.1.1");
            o.replyText = replyText(*hit);
            outcomes << o;
        }
        if (!store.recordOutcomes(outcomes, &error))
            qCWarning(lcSuppression).noquote()
                << "message" << id << ": cannot record the suppressed recipients:" << error;
        else
            qCInfo(lcSuppression).noquote()
                << "message" << id << ":" << outcomes.size() << "suppressed recipient(s)"
                << (hold ? "held" : "failed");
        postTo(self, [done, id] { done(true, id, QString()); });
    });
}

void SuppressionManager::attemptsRecorded(const QVector<Store::AttemptOutcome>& outcomes)
{
    if (!m_settings.enabled)
        return;
    const auto& classifier = Bounce::FailureClassifier::instance();
    QVector<QPair<Store::AttemptOutcome, QString>> permanent;
    for (const Store::AttemptOutcome& o : outcomes) {
        if (o.newState != Store::RecipientState::Failed || !isPermanentReply(o))
            continue;
        const Bounce::Classification c =
            classifier.classifyReply(o.replyCode, o.enhancedStatus, o.replyText, o.upstreamHost);
        if (m_settings.reasons.contains(c.reason))
            permanent.append({o, c.reason});
    }
    if (permanent.isEmpty())
        return;
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    const QDateTime expires = expiryFrom(now);
    m_store->runOnStore([self, permanent, now, expires](Store::MessageStore& store) {
        QVector<SuppressionEntry> added;
        QString error;
        for (const auto& [o, reason] : permanent) {
            const Store::MessageRecord record = store.messageDetail(o.messageId, &error);
            // Mail from the null sender (our own DSNs) suppresses nothing:
            // an entry without a domain would stop every sender.
            if (!record.found || record.sender.isEmpty())
                continue;
            for (const Store::RecipientRecord& r : record.recipients) {
                if (r.recipientId != o.recipientId)
                    continue;
                SuppressionEntry e;
                e.senderDomain = SqliteSuppressions::domainOf(record.sender);
                e.recipient = lower(r.address);
                e.reason = reason;
                e.created = now;
                e.expires = expires;
                e.sourceMessageId = o.messageId;
                e.detail = firstLine(
                    QStringLiteral("%1 %2 %3").arg(o.replyCode).arg(o.enhancedStatus, o.replyText));
                if (SqliteSuppressions::add(databaseOf(store), e, &error))
                    added << e;
                else
                    qCWarning(lcSuppression).noquote() << error;
            }
        }
        postTo(self, [self, added] {
            for (const SuppressionEntry& e : added) {
                self->remember(e);
                qCInfo(lcSuppression).noquote()
                    << "suppressed" << e.recipient << "for" << e.senderDomain << "(" << e.reason
                    << ", message" << e.sourceMessageId << ")";
            }
            if (!added.isEmpty())
                Q_EMIT self->changed();
        });
    });
}

void SuppressionManager::processBounce(const QByteArray& content, std::function<void()> done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    const QDateTime expires = expiryFrom(now);
    const QStringList reasons = m_settings.reasons;
    m_store->runOnStore([self, content, now, expires, reasons,
                         done = std::move(done)](Store::MessageStore& store) {
        const Bounce::BounceReport report = Bounce::BounceMessageReader::read(content);
        const QList<Bounce::RecipientClassification> classified =
            Bounce::FailureClassifier::instance().classifyRecipients(content);
        const Bounce::ParsedDsn dsn = Bounce::DsnParser::parse(content);
        QString envid = dsn.originalEnvelopeId;
        if (const auto decoded = Bounce::Xtext::decode(envid.toUtf8()))
            envid = QString::fromUtf8(*decoded);
        const QString messageId = returnedMessageId(content);

        int considered = 0;
        QVector<Store::AttemptOutcome> outcomes;
        QVector<SuppressionEntry> added;
        QString error;
        for (qsizetype i = 0; i < classified.size(); ++i) {
            const Bounce::RecipientClassification& rc = classified.at(i);
            const Bounce::BounceEntry entry =
                i < report.entries.size() ? report.entries.at(i) : Bounce::BounceEntry();
            const QString reason = rc.classification.reason;
            const bool failed =
                entry.action.isEmpty() ||
                entry.action.compare(QLatin1String("failed"), Qt::CaseInsensitive) == 0;
            if (rc.recipient.isEmpty() || !failed || reason == QLatin1String("delivered") ||
                reason == QLatin1String("feedback") || reason == QLatin1String("vacation"))
                continue;
            ++considered;
            Store::DeliveryLogFilter filter;
            filter.recipient = rc.recipient;
            filter.from = now.addDays(-BounceMatchDays);
            filter.limit = BounceCandidates;
            const QVector<Store::DeliveryLogRecord> rows = store.queryDeliveryLog(filter, &error);
            QSet<qint64> seen;
            Store::MessageRecord best;
            for (const Store::DeliveryLogRecord& row : rows) {
                if (lower(row.entry.recipient) != rc.recipient ||
                    seen.contains(row.entry.messageId))
                    continue;
                seen.insert(row.entry.messageId);
                const Store::MessageRecord record =
                    store.messageDetail(row.entry.messageId, &error);
                if (!record.found)
                    continue;
                const bool byEnvid = !envid.isEmpty() && record.envid == envid;
                const bool byMessageId =
                    !messageId.isEmpty() && !record.headers.isEmpty() &&
                    record.headers.contains(QByteArray('<' + messageId.toUtf8() + '>'));
                if (byEnvid || byMessageId) {
                    best = record;
                    break;
                }
                if (!best.found)
                    best = record; // the newest message to that recipient
            }
            if (!best.found) {
                qCInfo(lcSuppression).noquote()
                    << "incoming bounce for" << rc.recipient << "matches no message";
                continue;
            }
            for (const Store::RecipientRecord& r : best.recipients) {
                if (lower(r.address) != rc.recipient)
                    continue;
                Store::AttemptOutcome o;
                o.messageId = best.messageId;
                o.recipientId = r.recipientId;
                o.newState = Store::RecipientState::Failed;
                o.attemptedAt = now;
                o.upstreamHost = QStringLiteral("bounce");
                const QString status = rc.classification.status;
                o.replyCode = entry.replyCode >= 400                ? entry.replyCode
                              : status.startsWith(QLatin1Char('4')) ? 450
                                                                    : 550;
                o.enhancedStatus = status;
                o.replyText = QStringLiteral("Bounce received (%1): %2")
                                  .arg(reason, firstLine(entry.diagnostic));
                outcomes << o;
                if (reasons.contains(reason) && rc.classification.hard && !best.sender.isEmpty()) {
                    SuppressionEntry e;
                    e.senderDomain = SqliteSuppressions::domainOf(best.sender);
                    e.recipient = rc.recipient;
                    e.reason = reason;
                    e.created = now;
                    e.expires = expires;
                    e.sourceMessageId = best.messageId;
                    e.detail = o.replyText.left(500);
                    if (SqliteSuppressions::add(databaseOf(store), e, &error))
                        added << e;
                }
            }
        }
        if (!outcomes.isEmpty() && !store.recordOutcomes(outcomes, &error))
            qCWarning(lcSuppression).noquote() << "cannot record an incoming bounce:" << error;
        const int matched = int(outcomes.size());
        qCInfo(lcSuppression).noquote()
            << "incoming bounce:" << considered << "failed recipient(s)," << matched << "matched";
        postTo(self, [self, added, considered, matched, done] {
            for (const SuppressionEntry& e : added)
                self->remember(e);
            if (!added.isEmpty())
                Q_EMIT self->changed();
            Q_EMIT self->bounceProcessed(considered, matched);
            if (done)
                done();
        });
    });
}

void SuppressionManager::request(const SuppressionFilter& filter, ListDone done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    m_store->runOnStore([self, filter, now, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        QVector<SuppressionEntry> entries =
            SqliteSuppressions::list(databaseOf(store), filter, now, &error);
        postTo(self, [entries = std::move(entries), error, done] { done(entries, error); });
    });
}

void SuppressionManager::add(SuppressionEntry entry, ActionDone done)
{
    const QDateTime now = m_clock->now();
    entry.recipient = lower(entry.recipient);
    entry.senderDomain = lower(entry.senderDomain);
    if (entry.senderDomain.startsWith(QLatin1Char('@')))
        entry.senderDomain.remove(0, 1);
    if (!entry.created.isValid())
        entry.created = now;
    if (!entry.expires.isValid())
        entry.expires = expiryFrom(entry.created);
    if (entry.reason.isEmpty())
        entry.reason = QStringLiteral("manual");
    const QPointer<SuppressionManager> self(this);
    m_store->runOnStore([self, entry, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        const bool ok = SqliteSuppressions::add(databaseOf(store), entry, &error);
        postTo(self, [self, entry, ok, error, done] {
            if (ok) {
                self->remember(entry);
                Q_EMIT self->changed();
            }
            done(ok ? 1 : 0, error);
        });
    });
}

void SuppressionManager::remove(const QString& senderDomain, const QString& recipient,
                                bool retryHeld, ActionDone done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    const QString domain = lower(senderDomain);
    const QString address = lower(recipient);
    m_store->runOnStore([self, domain, address, retryHeld, now,
                         done = std::move(done)](Store::MessageStore& store) {
        QString error;
        const bool removed = SqliteSuppressions::remove(databaseOf(store), domain, address, &error);
        int released = 0;
        if (error.isEmpty() && !removed)
            error = QStringLiteral("%1 is not suppressed for %2")
                        .arg(address, domain.isEmpty() ? QStringLiteral("every sender") : domain);
        if (removed && retryHeld) {
            // Messages holding this recipient for the removed entry (and, as
            // the store releases per message, their other held recipients).
            QVector<qint64> ids;
            QString pendingError;
            for (const Store::PendingEnvelope& p : store.pendingEnvelopes(&pendingError)) {
                if (lower(p.recipient) == address &&
                    (domain.isEmpty() || SqliteSuppressions::domainOf(p.sender) == domain) &&
                    !ids.contains(p.messageId))
                    ids << p.messageId;
            }
            if (!ids.isEmpty()) {
                const auto counts = store.setHeld(ids, false, now, &pendingError);
                released = counts ? counts->changed : 0;
            }
            if (!pendingError.isEmpty())
                qCWarning(lcSuppression).noquote() << "releasing held mail:" << pendingError;
        }
        postTo(self, [self, domain, address, removed, released, error, done] {
            if (removed) {
                self->forget(domain, address);
                Q_EMIT self->changed();
            }
            done(removed ? 1 + released : 0, error);
        });
    });
}

void SuppressionManager::exportCsv(const QString& path, ActionDone done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    m_store->runOnStore([self, path, now, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        SuppressionFilter all;
        all.includeExpired = true;
        all.limit = 0;
        const QVector<SuppressionEntry> entries =
            SqliteSuppressions::list(databaseOf(store), all, now, &error);
        int rows = 0;
        if (error.isEmpty()) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(SqliteSuppressions::toCsv(entries)) < 0 || !file.commit())
                error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            else
                rows = int(entries.size());
        }
        postTo(self, [rows, error, done] { done(rows, error); });
    });
}

void SuppressionManager::importCsv(const QString& path, ActionDone done)
{
    const QPointer<SuppressionManager> self(this);
    const QDateTime now = m_clock->now();
    m_store->runOnStore([self, path, now, done = std::move(done)](Store::MessageStore& store) {
        QString error;
        QVector<SuppressionEntry> entries;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        else if (file.size() > SqliteSuppressions::MaxCsvBytes)
            error = QStringLiteral("%1 is larger than %2 MiB")
                        .arg(path)
                        .arg(SqliteSuppressions::MaxCsvBytes / (1024 * 1024));
        else
            entries = SqliteSuppressions::fromCsv(file.readAll(), now, &error);
        if (error.isEmpty() && !SqliteSuppressions::addAll(databaseOf(store), entries, &error))
            entries.clear();
        const int rows = error.isEmpty() ? int(entries.size()) : 0;
        postTo(self, [self, rows, error, done] {
            if (rows > 0)
                self->reload();
            done(rows, error);
        });
    });
}

} // namespace RelayDesk::Service
