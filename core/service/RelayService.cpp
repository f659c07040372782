#include "RelayService.h"

#include "RelayCore.h"

#include <openssl/crypto.h>

namespace RelayDesk::Service {

RelayService::RelayService(CoreSettings settings, QObject* parent) : QObject(parent)
{
    qRegisterMetaType<RelayStatus>();
    qRegisterMetaType<CoreSettings>();
    qRegisterMetaType<Delivery::RoutePreview>();
    qRegisterMetaType<QueueRow>();
    qRegisterMetaType<QVector<QueueRow>>();
    qRegisterMetaType<ActionResult>();
    qRegisterMetaType<MessageDetail>();
    qRegisterMetaType<DeliveryLogQuery>();
    qRegisterMetaType<QVector<DeliveryLogRow>>();
    qRegisterMetaType<QVector<BounceGroup>>();
    qRegisterMetaType<QVector<DeviceInfo>>();
    qRegisterMetaType<QVector<HourlyCount>>();
    qRegisterMetaType<Alert>();
    m_thread.setObjectName(QStringLiteral("relaydesk-core"));
    m_core = new RelayCore(std::move(settings));
    m_core->moveToThread(&m_thread);
    // The core is deleted on its own thread as that thread ends, and then
    // the thread's OpenSSL state (RAND_bytes' DRBGs, the error queue) is
    // released. OpenSSL would free it in a pthread key destructor, but that
    // runs after QThread::wait() has returned (Qt's threads are detached), so
    // a program exiting right after stop() raced it and LSan saw a leak.
    RelayCore* core = m_core;
    connect(
        &m_thread, &QThread::finished, &m_thread,
        [core] {
            delete core;
            OPENSSL_thread_stop();
        },
        Qt::DirectConnection);
    connect(m_core, &RelayCore::statusChanged, this, &RelayService::onStatus, Qt::QueuedConnection);
    connect(
        m_core, &RelayCore::stopped, this,
        [this] {
            m_stopping = false;
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
    connect(m_core, &RelayCore::routePreviewReady, this, &RelayService::routePreviewReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::routePreviewFailed, this, &RelayService::routePreviewFailed,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::queueBatch, this, &RelayService::queueBatch, Qt::QueuedConnection);
    connect(m_core, &RelayCore::actionDone, this, &RelayService::actionDone, Qt::QueuedConnection);
    connect(m_core, &RelayCore::messageDetailReady, this, &RelayService::messageDetailReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::messageSaved, this, &RelayService::messageSaved,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::deliveryLogReady, this, &RelayService::deliveryLogReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::deliveryLogExported, this, &RelayService::deliveryLogExported,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::bounceGroupsReady, this, &RelayService::bounceGroupsReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::devicesReady, this, &RelayService::devicesReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::hourlyCountsReady, this, &RelayService::hourlyCountsReady,
            Qt::QueuedConnection);
    connect(m_core, &RelayCore::alertRaised, this, &RelayService::alertRaised,
            Qt::QueuedConnection);
    connectSuppressions();
    connectSecurity();
    m_thread.start();
}

RelayService::~RelayService()
{
    // The core's own destructor (run on its thread when the thread finishes) closes sockets and
    // drains the store worker, so a forced shutdown still leaves every committed message on disk.
    m_thread.quit();
    m_thread.wait();
}

void RelayService::start()
{
    QMetaObject::invokeMethod(m_core, &RelayCore::start, Qt::QueuedConnection);
}

void RelayService::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    QMetaObject::invokeMethod(m_core, &RelayCore::stop, Qt::QueuedConnection);
}

void RelayService::flushQueue()
{
    QMetaObject::invokeMethod(m_core, &RelayCore::flushQueue, Qt::QueuedConnection);
}

void RelayService::previewRoutes(QVector<Delivery::Route> newRoutes)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, routes = std::move(newRoutes)] { core->previewRoutes(routes); },
        Qt::QueuedConnection);
}

void RelayService::setIntakePaused(bool paused)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, paused] { core->setIntakePaused(paused); }, Qt::QueuedConnection);
}

void RelayService::requestQueue(quint64 generation, int batchSize)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, generation, batchSize] { core->requestQueue(generation, batchSize); },
        Qt::QueuedConnection);
}

void RelayService::retryMessages(QVector<qint64> messageIds)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, ids = std::move(messageIds)] { core->retryMessages(ids); },
        Qt::QueuedConnection);
}

void RelayService::holdMessages(QVector<qint64> messageIds)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, ids = std::move(messageIds)] { core->holdMessages(ids); },
        Qt::QueuedConnection);
}

void RelayService::releaseMessages(QVector<qint64> messageIds)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, ids = std::move(messageIds)] { core->releaseMessages(ids); },
        Qt::QueuedConnection);
}

void RelayService::deleteMessages(QVector<qint64> messageIds)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, ids = std::move(messageIds)] { core->deleteMessages(ids); },
        Qt::QueuedConnection);
}

void RelayService::requestMessageDetail(qint64 messageId)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, messageId] { core->requestMessageDetail(messageId); }, Qt::QueuedConnection);
}

void RelayService::saveMessage(qint64 messageId, QString path)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, messageId, path = std::move(path)] { core->saveMessage(messageId, path); },
        Qt::QueuedConnection);
}

void RelayService::queryDeliveryLog(DeliveryLogQuery query)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, query = std::move(query)] { core->queryDeliveryLog(query); },
        Qt::QueuedConnection);
}

void RelayService::exportDeliveryLog(DeliveryLogQuery query, QString path)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core,
        [core, query = std::move(query), path = std::move(path)] {
            core->exportDeliveryLog(query, path);
        },
        Qt::QueuedConnection);
}

void RelayService::requestBounceGroups(QDateTime since)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, since] { core->requestBounceGroups(since); }, Qt::QueuedConnection);
}

void RelayService::requestDevices()
{
    QMetaObject::invokeMethod(m_core, &RelayCore::requestDevices, Qt::QueuedConnection);
}

void RelayService::setDeviceExpectation(QString address, int hours)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core,
        [core, address = std::move(address), hours] { core->setDeviceExpectation(address, hours); },
        Qt::QueuedConnection);
}

void RelayService::requestHourlyCounts()
{
    QMetaObject::invokeMethod(m_core, &RelayCore::requestHourlyCounts, Qt::QueuedConnection);
}

void RelayService::applySettings(CoreSettings settings)
{
    RelayCore* core = m_core;
    QMetaObject::invokeMethod(
        m_core, [core, settings = std::move(settings)] { core->applySettings(settings); },
        Qt::QueuedConnection);
}

void RelayService::onStatus(const RelayStatus& status)
{
    m_lastStatus = status;
    Q_EMIT statusChanged(status);
}

} // namespace RelayDesk::Service
