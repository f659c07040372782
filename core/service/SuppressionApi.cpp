// The suppression-list part of the admin API (issue 6): RelayService's
// requests and RelayCore's side of them, kept apart from the issue 4 API.

#include "RelayCore.h"
#include "RelayService.h"
#include "SecurityAdmin.h"
#include "SuppressionManager.h"
#include "bounce/BounceMessageReader.h"
#include "bounce/FailureClassifier.h"
#include "delivery/DeliveryEngine.h"

#include <QFile>
#include <QPointer>
#include <QThreadPool>

namespace RelayDesk::Service {

namespace {

const QString NotRunning = QStringLiteral("the relay is not running");

/// Largest bounce file classifyBounceFile reads.
constexpr qint64 MaxBounceFileBytes = 32 * 1024 * 1024;

} // namespace

// --- RelayCore (core thread) ---------------------------------------------------

void RelayCore::requestSuppressions(const SuppressionFilter& filter)
{
    if (!m_suppressions) {
        Q_EMIT suppressionsReady({}, NotRunning);
        return;
    }
    m_suppressions->request(filter,
                            [this](const QVector<SuppressionEntry>& entries, const QString& error) {
                                Q_EMIT suppressionsReady(entries, error);
                            });
}

void RelayCore::addSuppression(const SuppressionEntry& entry)
{
    if (!m_suppressions) {
        Q_EMIT actionDone({QStringLiteral("suppress"), 0, NotRunning});
        return;
    }
    m_suppressions->add(entry, [this, entry](int affected, const QString& error) {
        if (error.isEmpty())
            m_security->audit(QStringLiteral("suppression.add"),
                              entry.senderDomain + QStringLiteral(" -> ") + entry.recipient, {},
                              QStringLiteral("suppressed"));
        Q_EMIT actionDone({QStringLiteral("suppress"), affected, error});
    });
}

void RelayCore::removeSuppression(const QString& senderDomain, const QString& recipient,
                                  bool retryHeld)
{
    if (!m_suppressions) {
        Q_EMIT actionDone({QStringLiteral("unsuppress"), 0, NotRunning});
        return;
    }
    m_suppressions->remove(senderDomain, recipient, retryHeld,
                           [this, senderDomain, recipient](int affected, const QString& error) {
                               if (error.isEmpty())
                                   m_security->audit(
                                       QStringLiteral("suppression.remove"),
                                       senderDomain + QStringLiteral(" -> ") + recipient,
                                       QStringLiteral("suppressed"), QStringLiteral("removed"));
                               if (affected > 1 && m_delivery)
                                   m_delivery->wake(); // released mail is due now
                               Q_EMIT actionDone({QStringLiteral("unsuppress"), affected, error});
                           });
}

void RelayCore::exportSuppressions(const QString& path)
{
    if (!m_suppressions) {
        Q_EMIT suppressionsExported(path, 0, NotRunning);
        return;
    }
    m_suppressions->exportCsv(path, [this, path](int rows, const QString& error) {
        Q_EMIT suppressionsExported(path, rows, error);
    });
}

void RelayCore::importSuppressions(const QString& path)
{
    if (!m_suppressions) {
        Q_EMIT suppressionsImported(path, 0, NotRunning);
        return;
    }
    m_suppressions->importCsv(path, [this, path](int rows, const QString& error) {
        Q_EMIT suppressionsImported(path, rows, error);
    });
}

// --- RelayService (caller's thread) ------------------------------------------

void RelayService::connectSuppressions()
{
    qRegisterMetaType<SuppressionEntry>();
    qRegisterMetaType<QVector<SuppressionEntry>>();
    qRegisterMetaType<SuppressionFilter>();
    qRegisterMetaType<BounceFileRecipient>();
    qRegisterMetaType<QVector<BounceFileRecipient>>();
    connect(m_core, &RelayCore::suppressionsReady, this, &RelayService::suppressionsReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::suppressionsChanged, this, &RelayService::suppressionsChanged,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::suppressionsExported, this, &RelayService::suppressionsExported,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::suppressionsImported, this, &RelayService::suppressionsImported,
            Qt::QueuedConnection);
}

void RelayService::requestSuppressions(SuppressionFilter filter)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, filter = std::move(filter)] { core->requestSuppressions(filter); },
        Qt::QueuedConnection);
}

void RelayService::addSuppression(SuppressionEntry entry)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, entry = std::move(entry)] { core->addSuppression(entry); },
        Qt::QueuedConnection);
}

void RelayService::removeSuppression(QString senderDomain, QString recipient, bool retryHeld)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core,
        [core, senderDomain = std::move(senderDomain), recipient = std::move(recipient),
         retryHeld] { core->removeSuppression(senderDomain, recipient, retryHeld); },
        Qt::QueuedConnection);
}

void RelayService::exportSuppressions(QString path)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, path = std::move(path)] { core->exportSuppressions(path); },
        Qt::QueuedConnection);
}

void RelayService::importSuppressions(QString path)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, path = std::move(path)] { core->importSuppressions(path); },
        Qt::QueuedConnection);
}

void RelayService::classifyBounceFile(QString path)
{
    const QPointer<RelayService> self(this);
    // A pool thread reads and classifies (the classifier is const and
    // thread-safe); the answer is posted back to this object's thread.
    QThreadPool::globalInstance()->start([self, path] {
        QVector<BounceFileRecipient> out;
        QString error;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            error = tr("cannot read %1: %2").arg(path, file.errorString());
        } else if (file.size() > MaxBounceFileBytes) {
            error =
                tr("%1 is larger than %2 MiB").arg(path).arg(MaxBounceFileBytes / (1024 * 1024));
        } else {
            const QByteArray bytes = file.readAll();
            const auto& classifier = Bounce::FailureClassifier::instance();
            const Bounce::BounceReport report = Bounce::BounceMessageReader::read(bytes);
            const auto classified = classifier.classifyRecipients(bytes);
            for (qsizetype i = 0; i < classified.size(); ++i) {
                const auto& rc = classified.at(i);
                BounceFileRecipient r;
                r.recipient = rc.recipient;
                r.reason = rc.classification.reason;
                r.hard = rc.classification.hard;
                r.status = rc.classification.status;
                if (i < report.entries.size())
                    r.diagnostic = report.entries.at(i).diagnostic.simplified().left(2000);
                const Bounce::ReasonDescription d = classifier.describe(r.reason);
                r.title = d.title;
                r.explanation = d.explanation;
                r.fix = d.fix;
                out << r;
            }
            if (report.kind == Bounce::BounceReport::Kind::Unknown && out.size() <= 1 &&
                (out.isEmpty() || out.constFirst().reason == QLatin1String("undefined")))
                error = tr("%1 does not look like a bounce message").arg(path);
        }
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, path, out, error] {
                    if (self)
                        Q_EMIT self->bounceFileClassified(path, out, error);
                },
                Qt::QueuedConnection);
    });
}

} // namespace RelayDesk::Service
