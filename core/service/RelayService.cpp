#include "RelayService.h"

#include "RelayCore.h"

namespace RelayDesk::Service {

RelayService::RelayService(CoreSettings settings, QObject* parent) : QObject(parent)
{
    qRegisterMetaType<RelayStatus>();
    qRegisterMetaType<CoreSettings>();
    qRegisterMetaType<Delivery::RoutePreview>();
    m_thread.setObjectName(QStringLiteral("relaydesk-core"));
    m_core = new RelayCore(std::move(settings));
    m_core->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_core, &QObject::deleteLater);
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
    m_thread.start();
}

RelayService::~RelayService()
{
    // The core's own destructor (run on its thread by deleteLater when the
    // thread finishes) closes sockets and drains the store worker, so a
    // forced shutdown still leaves every committed message on disk.
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

void RelayService::onStatus(const RelayStatus& status)
{
    m_lastStatus = status;
    Q_EMIT statusChanged(status);
}

} // namespace RelayDesk::Service
