// RelayCore's admin API (issue 4): the queue console, message detail,
// delivery log, bounces, devices, intake pause, live settings and alerts.
// Kept apart from RelayCore.cpp, which stays the relay's start/stop and
// SMTP host side.

#include "CoreSecrets.h"
#include "DeliveryLogCsv.h"
#include "DeviceTracker.h"
#include "RelayCore.h"
#include "SecurityAdmin.h"
#include "SuppressionManager.h"
#include "auth/CredentialResolver.h"
#include "bounce/FailureClassifier.h"
#include "delivery/DeliveryEngine.h"
#include "delivery/DsnNotifier.h"
#include "delivery/RouteTable.h"
#include "smtp/Listener.h"
#include "store/StoreWorker.h"

#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <algorithm>
#include <memory>

namespace RelayDesk::Service {

Q_DECLARE_LOGGING_CATEGORY(lcCore)

namespace {

const QString NotRunning = QStringLiteral("the relay is not running");
/// deliveredToday / failedToday are asked for at most this often.
constexpr qint64 TodayCountsIntervalMs = 5 * 1000;
/// Failed recipients the Bounces page groups at most.
constexpr int MaxBounceRecipients = 10000;
/// Largest queue page after the first (see RelayService::requestQueue).
constexpr int MaxQueuePage = 16384;

QDateTime localMidnightUtc(const QDateTime& now)
{
    return now.toLocalTime().date().startOfDay(Qt::LocalTime).toUTC();
}

Delivery::RouteEnvelope envelopeFor(qint64 messageId, const QString& sender,
                                    const QString& recipient, const QString& clientAddress,
                                    const QString& authUser, const QString& listener)
{
    Delivery::RouteEnvelope e;
    e.messageId = messageId;
    e.sender = sender;
    e.recipient = recipient;
    e.clientAddress = QHostAddress(clientAddress);
    e.authUser = authUser;
    e.listener = listener;
    return e;
}

bool sameListener(const Smtp::ListenerSettings& a, const Smtp::ListenerSettings& b)
{
    return a.name == b.name && a.address == b.address && a.port == b.port && a.mode == b.mode &&
           a.certificateFile == b.certificateFile && a.privateKeyFile == b.privateKeyFile &&
           a.keyPassphrase == b.keyPassphrase && a.minimumTls == b.minimumTls &&
           a.requireAuth == b.requireAuth && a.allowPlainAuth == b.allowPlainAuth;
}

bool sameLimits(const Smtp::ServerLimits& a, const Smtp::ServerLimits& b)
{
    return a.hostname == b.hostname && a.maxMessageSize == b.maxMessageSize &&
           a.maxRecipients == b.maxRecipients && a.maxSessions == b.maxSessions &&
           a.maxSessionsPerClient == b.maxSessionsPerClient &&
           a.maxBadCommands == b.maxBadCommands && a.commandTimeoutMs == b.commandTimeoutMs &&
           a.dataBlockTimeoutMs == b.dataBlockTimeoutMs &&
           a.tlsHandshakeTimeoutMs == b.tlsHandshakeTimeoutMs &&
           a.hostWaitTimeoutMs == b.hostWaitTimeoutMs;
}

QString describeListener(const Smtp::ListenerSettings& l)
{
    const QString host = l.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(l.address.toString())
                             : l.address.toString();
    QString mode = l.mode == Smtp::ListenerSettings::Mode::ImplicitTls
                       ? QStringLiteral("TLS")
                       : (l.certificateFile.isEmpty() ? QStringLiteral("plain")
                                                      : QStringLiteral("plain, STARTTLS"));
    if (l.requireAuth)
        mode += QStringLiteral(", AUTH required");
    return QStringLiteral("%1:%2 (%3)").arg(host).arg(l.port).arg(mode);
}

} // namespace

// --- listeners, sessions, status --------------------------------------------

void RelayCore::connectListener(Smtp::Listener* listener)
{
    listener->setPaused(m_intakePaused);
    connect(listener, &Smtp::Listener::sessionStarted, this, [this] { ++m_status.activeSessions; });
    connect(listener, &Smtp::Listener::sessionFinished, this,
            [this, listener](const Smtp::SessionSummary& summary) {
                onSessionFinished(listener, summary);
            });
}

void RelayCore::onSessionFinished(Smtp::Listener* listener, const Smtp::SessionSummary& summary)
{
    // Refused sessions never counted as started.
    if (!summary.refused)
        m_status.activeSessions = qMax(0, m_status.activeSessions - 1);
    if (m_devices)
        m_devices->sessionFinished(summary);
    const auto retiring = std::find(m_retiring.begin(), m_retiring.end(), listener);
    if (retiring != m_retiring.end() && listener->sessionCount() == 0) {
        m_retiring.erase(retiring);
        listener->deleteLater(); // we are inside its signal
    }
}

void RelayCore::retireListener(Smtp::Listener* listener)
{
    listener->close();
    if (listener->sessionCount() == 0)
        listener->deleteLater();
    else
        m_retiring.push_back(listener); // deleted when its last session ends
}

void RelayCore::startDsn()
{
    // Bounces to the sender (RFC 3464): one DSN per message whose recipients
    // failed, and one delay warning, queued as new mail through the store.
    m_dsn = new Delivery::DsnNotifier(m_store.get(), &m_clock, m_settings.limits.hostname,
                                      m_settings.delayWarningSeconds,
                                      m_settings.retry.maxAgeSeconds, this);
    connect(m_delivery, &Delivery::DeliveryEngine::attemptsRecorded, m_dsn,
            &Delivery::DsnNotifier::onAttemptsRecorded);
    connect(m_dsn, &Delivery::DsnNotifier::dsnQueued, this,
            [this](qint64 messageId, Bounce::DsnKind kind, qint64 dsnMessageId) {
                qCInfo(lcCore).noquote()
                    << (kind == Bounce::DsnKind::Delay ? "delay warning" : "bounce") << dsnMessageId
                    << "queued to the sender of message" << messageId;
                if (m_delivery)
                    m_delivery->wake();
            });
    connect(m_dsn, &Delivery::DsnNotifier::storeErrorOccurred, this,
            [](const QString& error) { qCWarning(lcCore).noquote() << "bounces:" << error; });
    m_dsn->start();
}

void RelayCore::refreshTodayCounts()
{
    const QDateTime now = m_clock.now();
    if (!m_store || m_todayRequested ||
        (m_todayAskedAt.isValid() && m_todayAskedAt.msecsTo(now) < TodayCountsIntervalMs))
        return;
    m_todayAskedAt = now;
    m_todayRequested = true;
    m_store->todayCounts(localMidnightUtc(now), this,
                         [this](const Store::DayCounts& counts, const QString& error) {
                             m_todayRequested = false;
                             if (!error.isEmpty()) {
                                 qCWarning(lcCore).noquote() << "today's counts:" << error;
                                 return;
                             }
                             m_status.deliveredToday = counts.delivered;
                             m_status.failedToday = counts.failed;
                         });
}

void RelayCore::raise(const QVector<Alert>& alerts)
{
    for (const Alert& alert : alerts) {
        qCWarning(lcCore).noquote() << "alert:" << alert.text;
        Q_EMIT alertRaised(alert);
    }
}

void RelayCore::checkDevices()
{
    if (!m_devices)
        return;
    m_devices->requestDevices([this](const QVector<DeviceInfo>& devices, const QString& error) {
        if (error.isEmpty())
            raise(m_alerts.devicesChecked(devices, m_clock.now()));
    });
}

void RelayCore::setIntakePaused(bool paused)
{
    m_intakePaused = paused;
    for (auto* listener : m_listeners)
        listener->setPaused(paused);
    m_status.intakePaused = paused;
    qCInfo(lcCore) << (paused ? "intake paused: new sessions get 421" : "intake resumed");
    m_security->audit(paused ? QStringLiteral("intake.pause") : QStringLiteral("intake.resume"),
                      QStringLiteral("intake"));
    Q_EMIT actionDone({paused ? QStringLiteral("pause") : QStringLiteral("resume"), 0, {}});
    publish();
}

// --- queue ------------------------------------------------------------------

void RelayCore::requestQueue(quint64 generation, int batchSize)
{
    if (!m_store) {
        Q_EMIT queueBatch(generation, {}, true);
        return;
    }
    requestQueuePage(generation, 0, std::max(1, batchSize));
}

void RelayCore::requestQueuePage(quint64 generation, qint64 after, int batchSize)
{
    // The continuation of a previous page may arrive after stop() has
    // closed the store: end the stream instead of touching it.
    if (!m_store) {
        Q_EMIT queueBatch(generation, {}, true);
        return;
    }
    m_store->queueRows(
        after, batchSize, this,
        [this, generation, batchSize](const Store::QueuePage& page, const QString& error) {
            if (!error.isEmpty()) {
                qCWarning(lcCore).noquote() << "reading the queue failed:" << error;
                Q_EMIT queueBatch(generation, {}, true);
                return;
            }
            const bool last = !page.hasMore || page.rows.isEmpty();
            // Ask for the next page first, so the store thread reads it
            // while this thread converts and routes the current one. Pages
            // grow: the first is small (the view's first screen), the rest
            // large (100,000 rows in 2,000-row pages were 50 round trips).
            if (!last) {
                const int next =
                    int(std::min<qint64>(qint64(batchSize) * 4, std::max(batchSize, MaxQueuePage)));
                requestQueuePage(generation, page.rows.constLast().messageId, next);
            }
            const Delivery::RouteTable table = routeTable(m_settings.routes);
            QVector<QueueRow> rows;
            rows.reserve(page.rows.size());
            for (const Store::QueueRowData& d : page.rows) {
                QueueRow r;
                r.messageId = d.messageId;
                r.receivedAt = d.receivedAt;
                r.sender = d.sender;
                r.recipients = d.recipients;
                r.totalRecipients = d.totalRecipients;
                r.size = d.size;
                r.clientAddress = d.clientAddress;
                r.heloName = d.heloName;
                r.authUser = d.authUser;
                if (!d.recipients.isEmpty())
                    r.route =
                        table
                            .routeFor(envelopeFor(d.messageId, d.sender, d.recipients.constFirst(),
                                                  d.clientAddress, d.authUser, d.listener))
                            .name;
                r.state = d.state;
                r.attempts = d.attempts;
                r.nextAttempt = d.nextAttempt;
                r.lastCode = d.lastCode;
                r.lastReply = d.lastReply;
                rows.append(std::move(r));
            }
            Q_EMIT queueBatch(generation, rows, last);
        });
}

void RelayCore::queueAction(const QString& action, const QVector<qint64>& messageIds)
{
    if (!m_store) {
        Q_EMIT actionDone({action, 0, NotRunning});
        return;
    }
    auto done = [this, action, messageIds](const Store::QueueActionCounts& counts,
                                           const QString& error) {
        if (error.isEmpty())
            m_security->audit(QStringLiteral("queue.") + action, SecurityAdmin::idList(messageIds),
                              {}, QStringLiteral("%1 changed").arg(counts.changed));
        if (!error.isEmpty())
            qCWarning(lcCore).noquote() << action << "failed:" << error;
        else
            qCInfo(lcCore).noquote() << action << counts.messages << "message(s):" << counts.changed
                                     << "changed," << counts.inFlight << "in flight";
        Q_EMIT actionDone({action, error.isEmpty() ? counts.changed : 0, error});
        if (error.isEmpty() && m_delivery)
            m_delivery->wake();
        refreshStatus();
    };
    const QDateTime now = m_clock.now();
    if (action == QLatin1String("retry"))
        m_store->retryMessages(messageIds, now, this, done);
    else if (action == QLatin1String("hold"))
        m_store->setHeld(messageIds, true, now, this, done);
    else if (action == QLatin1String("release"))
        m_store->setHeld(messageIds, false, now, this, done);
    else
        m_store->deleteMessages(messageIds, this, done);
}

void RelayCore::retryMessages(const QVector<qint64>& messageIds)
{
    queueAction(QStringLiteral("retry"), messageIds);
}

void RelayCore::holdMessages(const QVector<qint64>& messageIds)
{
    queueAction(QStringLiteral("hold"), messageIds);
}

void RelayCore::releaseMessages(const QVector<qint64>& messageIds)
{
    queueAction(QStringLiteral("release"), messageIds);
}

void RelayCore::deleteMessages(const QVector<qint64>& messageIds)
{
    queueAction(QStringLiteral("delete"), messageIds);
}

// --- message detail -----------------------------------------------------------

void RelayCore::requestMessageDetail(qint64 messageId)
{
    if (!m_store) {
        MessageDetail detail;
        detail.messageId = messageId;
        Q_EMIT messageDetailReady(detail);
        return;
    }
    m_store->messageDetail(
        messageId, this, [this, messageId](const Store::MessageRecord& r, const QString& error) {
            MessageDetail d;
            d.messageId = messageId;
            if (!error.isEmpty())
                qCWarning(lcCore).noquote() << "message detail" << messageId << ":" << error;
            d.found = r.found && error.isEmpty();
            if (d.found) {
                d.receivedAt = r.receivedAt;
                d.sender = r.sender;
                d.size = r.size;
                d.contentAvailable = r.contentAvailable;
                d.headers = r.headers;
                d.heloName = r.heloName;
                d.clientAddress = r.clientAddress;
                d.listener = r.listener;
                d.tlsVersion = r.tlsVersion;
                d.authUser = r.authUser;
                d.envid = r.envid;
                d.ret = r.ret;
                d.kind = r.kind;
                const Delivery::RouteTable table = routeTable(m_settings.routes);
                for (const Store::RecipientRecord& rr : r.recipients) {
                    RecipientDetail rd;
                    rd.recipientId = rr.recipientId;
                    rd.address = rr.address;
                    rd.state = rr.state;
                    rd.attempts = rr.attempts;
                    rd.nextAttempt = rr.nextAttempt;
                    // The route is not stored with the attempt: the current
                    // routes decide (what a pending recipient takes next).
                    rd.route = table
                                   .routeFor(envelopeFor(r.messageId, r.sender, rr.address,
                                                         r.clientAddress, r.authUser, r.listener))
                                   .name;
                    rd.notify = rr.notify;
                    rd.orcpt = rr.orcpt;
                    d.recipients.append(rd);
                }
                for (const Store::DeliveryLogEntry& e : r.attempts)
                    d.attempts.append(AttemptDetail{e, e.transcript});
            }
            Q_EMIT messageDetailReady(d);
        });
}

void RelayCore::saveMessage(qint64 messageId, const QString& path)
{
    if (!m_store) {
        Q_EMIT messageSaved(messageId, path, NotRunning);
        return;
    }
    m_store->messageContent(
        messageId, this, [this, messageId, path](const QByteArray& content, const QString& error) {
            if (!error.isEmpty() || content.isEmpty()) {
                Q_EMIT messageSaved(
                    messageId, path,
                    error.isEmpty() ? QStringLiteral("the message content is not stored") : error);
                return;
            }
            QSaveFile file(path);
            QString writeError;
            if (!file.open(QIODevice::WriteOnly)) {
                writeError = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            } else {
                // Mail is private: only the user who saved it may read it.
                file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
                file.write(content);
                if (!file.commit())
                    writeError =
                        QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            }
            Q_EMIT messageSaved(messageId, path, writeError);
        });
}

// --- delivery log, bounces, hourly counts --------------------------------------

namespace {

Store::DeliveryLogFilter filterFor(const DeliveryLogQuery& q)
{
    Store::DeliveryLogFilter f;
    f.from = q.from;
    f.to = q.to;
    f.states = q.states;
    f.sender = q.sender;
    f.recipient = q.recipient;
    f.device = q.device;
    f.reply = q.reply;
    f.limit = q.limit;
    return f;
}

QVector<DeliveryLogRow> rowsFrom(const QVector<Store::DeliveryLogRecord>& records)
{
    QVector<DeliveryLogRow> rows;
    rows.reserve(records.size());
    for (const Store::DeliveryLogRecord& r : records)
        rows.append(DeliveryLogRow{r.entry, r.sender, r.clientAddress, r.heloName});
    return rows;
}

} // namespace

void RelayCore::queryDeliveryLog(const DeliveryLogQuery& query)
{
    if (!m_store) {
        Q_EMIT deliveryLogReady(query, {});
        return;
    }
    m_store->queryDeliveryLog(
        filterFor(query), this,
        [this, query](const QVector<Store::DeliveryLogRecord>& records, const QString& error) {
            if (!error.isEmpty())
                qCWarning(lcCore).noquote() << "delivery log query failed:" << error;
            Q_EMIT deliveryLogReady(query, rowsFrom(records));
        });
}

void RelayCore::exportDeliveryLog(const DeliveryLogQuery& query, const QString& path)
{
    if (!m_store) {
        Q_EMIT deliveryLogExported(path, 0, NotRunning);
        return;
    }
    m_store->queryDeliveryLog(
        filterFor(query), this,
        [this, path](const QVector<Store::DeliveryLogRecord>& records, const QString& error) {
            if (!error.isEmpty()) {
                Q_EMIT deliveryLogExported(path, 0, error);
                return;
            }
            const QVector<DeliveryLogRow> rows = rowsFrom(records);
            const QString writeError = DeliveryLogCsv::write(path, rows);
            Q_EMIT deliveryLogExported(path, writeError.isEmpty() ? int(rows.size()) : 0,
                                       writeError);
        });
}

void RelayCore::requestBounceGroups(const QDateTime& since)
{
    if (!m_store) {
        Q_EMIT bounceGroupsReady({});
        return;
    }
    m_store->failedRecipients(
        since, MaxBounceRecipients, this,
        [this](const QVector<Store::FailedEnvelope>& failed, const QString& error) {
            if (!error.isEmpty())
                qCWarning(lcCore).noquote() << "reading failed recipients:" << error;
            const Bounce::FailureClassifier& classifier = Bounce::FailureClassifier::instance();
            QVector<BounceGroup> groups;
            QHash<QString, qsizetype> index; // reason -> position in groups
            for (const Store::FailedEnvelope& f : failed) {
                const Bounce::Classification c = classifier.classifyReply(
                    f.replyCode, f.enhancedStatus, f.replyText, f.upstreamHost);
                auto it = index.find(c.reason);
                if (it == index.end()) {
                    // Described for the provider of the newest failure.
                    const Bounce::ReasonDescription text =
                        classifier.describe(c.reason, classifier.providerForHost(f.upstreamHost));
                    BounceGroup g;
                    g.reason = c.reason;
                    g.title = text.title.isEmpty() ? c.reason : text.title;
                    g.explanation = text.explanation;
                    g.fix = text.fix;
                    g.hard = false; // set below: any recipient refused for good
                    groups.append(g);
                    it = index.insert(c.reason, groups.size() - 1);
                }
                FailedRecipient r;
                r.messageId = f.messageId;
                r.recipientId = f.recipientId;
                r.failedAt = f.failedAt;
                r.sender = f.sender;
                r.recipient = f.recipient;
                r.clientAddress = f.clientAddress;
                r.replyCode = f.replyCode;
                r.enhancedStatus = f.enhancedStatus;
                r.replyText = f.replyText;
                r.upstreamHost = f.upstreamHost;
                BounceGroup& group = groups[*it];
                group.hard = group.hard || Bounce::isPermanentFailure(f.replyCode, c);
                group.recipients.append(r);
            }
            // Biggest problem first.
            std::stable_sort(groups.begin(), groups.end(),
                             [](const BounceGroup& a, const BounceGroup& b) {
                                 return a.recipients.size() > b.recipients.size();
                             });
            Q_EMIT bounceGroupsReady(groups);
        });
}

void RelayCore::requestHourlyCounts()
{
    if (!m_store) {
        Q_EMIT hourlyCountsReady({});
        return;
    }
    m_store->hourlyCounts(
        m_clock.now(), this,
        [this](const QVector<Store::HourlyAttempts>& hours, const QString& error) {
            if (!error.isEmpty())
                qCWarning(lcCore).noquote() << "hourly counts:" << error;
            QVector<HourlyCount> out;
            out.reserve(hours.size());
            for (const Store::HourlyAttempts& h : hours)
                out.append(HourlyCount{h.hourStart, h.delivered, h.deferred, h.failed});
            Q_EMIT hourlyCountsReady(out);
        });
}

// --- devices -----------------------------------------------------------------

void RelayCore::requestDevices()
{
    if (!m_devices) {
        Q_EMIT devicesReady({});
        return;
    }
    m_devices->requestDevices([this](const QVector<DeviceInfo>& devices, const QString& error) {
        if (!error.isEmpty())
            qCWarning(lcCore).noquote() << "reading devices:" << error;
        Q_EMIT devicesReady(devices);
        raise(m_alerts.devicesChecked(devices, m_clock.now()));
    });
}

void RelayCore::setDeviceExpectation(const QString& address, int hours)
{
    if (!m_devices) {
        Q_EMIT actionDone({QStringLiteral("expect"), 0, NotRunning});
        return;
    }
    m_devices->setExpectation(address, hours, [this, address, hours](const QString& error) {
        if (error.isEmpty())
            m_security->audit(QStringLiteral("device.expect"), address, {},
                              QStringLiteral("every %1 h").arg(hours));
        Q_EMIT actionDone({QStringLiteral("expect"), error.isEmpty() ? 1 : 0, error});
    });
}

// --- settings ----------------------------------------------------------------

QString RelayCore::validate(const CoreSettings& s) const
{
    if (s.listeners.isEmpty())
        return tr("no listener configured");
    if (m_status.state == RelayStatus::State::Running && s.dataDir != m_settings.dataDir)
        return tr("the data directory cannot change while the relay runs (restart it)");
    for (const auto& l : s.listeners) {
        if (l.mode == Smtp::ListenerSettings::Mode::ImplicitTls && l.certificateFile.isEmpty())
            return tr("listener %1: implicit TLS needs a certificate").arg(describeListener(l));
    }
    if (!s.smarthost.host.isEmpty() && s.smarthost.port == 0)
        return tr("the smarthost %1 has no port").arg(s.smarthost.host);
    for (auto it = s.namedSmarthosts.cbegin(); it != s.namedSmarthosts.cend(); ++it) {
        if (it->host.isEmpty() || it->port == 0)
            return tr("smarthost %1 needs a host and a port").arg(it.key());
    }
    for (const Delivery::Route& r : s.routes) {
        if (r.transport.kind == Delivery::Route::Transport::Kind::Smarthost) {
            const bool known = r.transport.smarthost.isEmpty()
                                   ? !s.smarthost.host.isEmpty()
                                   : s.namedSmarthosts.contains(r.transport.smarthost);
            if (!known)
                return tr("route %1 uses smarthost %2, which is not configured")
                    .arg(r.name, r.transport.smarthost.isEmpty() ? QStringLiteral("(default)")
                                                                 : r.transport.smarthost);
        }
    }
    if (s.retentionDays < 1)
        return tr("messages must be kept for at least one day");
    if (s.statusIntervalMs < 50)
        return tr("the status interval is too short");
    return {};
}

bool RelayCore::rebindListeners(const CoreSettings& settings, QString* error)
{
    const bool limitsSame = sameLimits(settings.limits, m_settings.limits);
    std::vector<Smtp::Listener*> old = m_listeners;
    std::vector<Smtp::Listener*> next(settings.listeners.size(), nullptr);
    for (qsizetype i = 0; limitsSame && i < settings.listeners.size(); ++i) {
        const auto match = std::find_if(old.begin(), old.end(), [&](Smtp::Listener* l) {
            return sameListener(l->settings(), settings.listeners.at(i));
        });
        if (match != old.end()) {
            next[i] = *match;
            old.erase(match); // `old` keeps the ones to retire
        }
    }
    if (old.empty() && std::find(next.begin(), next.end(), nullptr) == next.end())
        return true; // nothing changed

    // Free the ports first: a changed listener may keep its address.
    for (auto* l : old)
        l->close();
    std::vector<Smtp::Listener*> created;
    for (qsizetype i = 0; i < settings.listeners.size(); ++i) {
        if (next[i])
            continue;
        auto* listener = new Smtp::Listener(settings.listeners.at(i), settings.limits, this, this);
        QString listenError;
        if (!listener->listen(&listenError)) {
            *error =
                tr("listener %1: %2").arg(describeListener(settings.listeners.at(i)), listenError);
            delete listener;
            for (auto* l : created)
                delete l;
            for (auto* l : old) { // back to how it was
                QString again;
                if (!l->listen(&again))
                    qCWarning(lcCore).noquote() << "cannot listen again:" << again;
            }
            return false;
        }
        connectListener(listener);
        created.push_back(listener);
        next[i] = listener;
    }
    for (auto* l : old)
        retireListener(l);
    m_listeners = next;
    m_status.listeners.clear();
    for (const auto& l : settings.listeners)
        m_status.listeners.append(describeListener(l));
    return true;
}

void RelayCore::applySettings(const CoreSettings& settings)
{
    const QString action = QStringLiteral("apply-settings");
    if (const QString invalid = validate(settings); !invalid.isEmpty()) {
        Q_EMIT actionDone({action, 0, invalid});
        return;
    }
    if (m_status.state != RelayStatus::State::Running) {
        m_settings = settings; // used at the next start
        ++m_settingsGeneration;
        m_alerts.setQueueStuckSeconds(settings.queueStuckSeconds);
        Q_EMIT actionDone({action, 0, {}});
        // A start still reading secrets reads those of these settings
        // instead. Queued: never replace the resolver from inside one of
        // its own callbacks.
        if (m_status.state == RelayStatus::State::Starting)
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_status.state == RelayStatus::State::Starting)
                        resolveSecretsThenRun();
                },
                Qt::QueuedConnection);
        return;
    }
    if (m_applying) {
        Q_EMIT actionDone({action, 0, tr("settings are being applied already")});
        return;
    }

    // Secrets whose reference did not change keep their resolved value; the
    // others are read (keychain, file) before anything changes.
    auto pending = std::make_shared<CoreSettings>(settings);
    QList<CoreSecret> todo = secretsToResolve(pending.get(), &m_settings);
    if (todo.isEmpty()) {
        applyResolved(*pending);
        return;
    }
    m_applying = true;
    if (!m_credentials)
        m_credentials = new Auth::CredentialResolver(m_settings.dataDir, this);
    resolveSecrets(m_credentials, pending, std::move(todo),
                   [this, pending, action](const QString& error) {
                       m_applying = false;
                       if (!error.isEmpty()) {
                           Q_EMIT actionDone({action, 0, error});
                           return;
                       }
                       applyResolved(*pending);
                   });
}

void RelayCore::applyResolved(CoreSettings settings)
{
    const QString action = QStringLiteral("apply-settings");
    if (m_status.state != RelayStatus::State::Running) {
        Q_EMIT actionDone({action, 0, NotRunning});
        return;
    }
    QString error;
    if (!rebindListeners(settings, &error)) {
        qCWarning(lcCore).noquote() << "settings not applied:" << error;
        Q_EMIT actionDone({action, 0, error});
        return;
    }
    const bool dsnChanged = settings.limits.hostname != m_settings.limits.hostname ||
                            settings.delayWarningSeconds != m_settings.delayWarningSeconds ||
                            settings.retry.maxAgeSeconds != m_settings.retry.maxAgeSeconds;
    const bool statusIntervalChanged = settings.statusIntervalMs != m_settings.statusIntervalMs;
    m_settings = std::move(settings);
    m_status.smarthost =
        m_settings.smarthost.host.isEmpty()
            ? QString()
            : QStringLiteral("%1:%2").arg(m_settings.smarthost.host).arg(m_settings.smarthost.port);
    m_alerts.setQueueStuckSeconds(m_settings.queueStuckSeconds);
    if (m_suppressions)
        m_suppressions->setSettings(m_settings.suppression);
    m_security->configure(m_settings);
    m_security->audit(QStringLiteral("config.apply"), QStringLiteral("settings"), {},
                      QStringLiteral("listeners: %1; smarthost: %2")
                          .arg(m_status.listeners.join(QStringLiteral(", ")), m_status.smarthost));
    if (statusIntervalChanged)
        m_statusTimer.start(m_settings.statusIntervalMs);

    const bool deliverable = !m_settings.smarthost.host.isEmpty() || !m_settings.routes.isEmpty();
    if (m_delivery) {
        // Swapped in place: the engine keeps its claimed mail and running
        // connections (those finish with the old settings); new connections
        // and the next claim use the new ones.
        QHash<QString, Delivery::SmarthostSettings> smarthosts = m_settings.namedSmarthosts;
        if (!m_settings.smarthost.host.isEmpty())
            smarthosts.insert(QString(), m_settings.smarthost);
        m_delivery->setSmarthosts(smarthosts);
        m_delivery->setRoutes(routeTable(m_settings.routes));
        m_delivery->setMxSettings(m_settings.mx);
        m_delivery->setHostname(m_settings.limits.hostname);
        m_delivery->setRetryPolicy(m_settings.retry);
        if (dsnChanged && m_dsn) {
            delete m_dsn;
            m_dsn = nullptr;
            startDsn();
        }
    } else if (deliverable) {
        startDelivery();
    }
    qCInfo(lcCore).noquote() << "settings applied; listening on"
                             << m_status.listeners.join(QStringLiteral(", "));
    Q_EMIT actionDone({action, 0, {}});
    // Deferred mail tries the new settings now rather than at its next retry.
    if (m_delivery)
        flushQueue();
    refreshStatus();
}

} // namespace RelayDesk::Service
