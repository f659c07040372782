#include "SingleInstance.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace RelayDesk::Ui {

namespace {

const QByteArray activateCommand = QByteArrayLiteral("activate\n");
const QByteArray activatedReply = QByteArrayLiteral("ok\n");

} // namespace

SingleInstance::SingleInstance(QString key, QObject* parent)
    : QObject(parent), m_key(key.isEmpty() ? defaultKey() : std::move(key))
{}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

QString SingleInstance::defaultKey()
{
#if defined(Q_OS_UNIX)
    return QStringLiteral("relaydesk-%1").arg(::getuid());
#else
    return QStringLiteral("relaydesk-%1").arg(qEnvironmentVariable("USERNAME"));
#endif
}

QString SingleInstance::serverName() const
{
    return m_key;
}

QString SingleInstance::lockPath() const
{
    return QDir::temp().filePath(m_key + QStringLiteral(".lock"));
}

bool SingleInstance::tryBecomePrimary()
{
    if (m_server)
        return true;
    m_lock = std::make_unique<QLockFile>(lockPath());
    // Stale only when the holder's process is gone, however long it ran.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        m_error = m_lock->error() == QLockFile::LockFailedError
                      ? tr("RelayDesk is already running for this user.")
                      : tr("The lock file %1 cannot be created.").arg(lockPath());
        m_lock.reset();
        return false;
    }
    // We hold the lock, so a socket left by a crashed instance is stale.
    QLocalServer::removeServer(m_key);
    auto server = std::make_unique<QLocalServer>(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_key)) {
        m_error = server->errorString();
        m_lock->unlock();
        m_lock.reset();
        return false;
    }
    m_server = server.release();
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

bool SingleInstance::activateRunning(int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_key);
    if (!socket.waitForConnected(timeoutMs)) {
        m_error = socket.errorString();
        return false;
    }
    socket.write(activateCommand);
    if (!socket.waitForBytesWritten(timeoutMs)) {
        m_error = socket.errorString();
        return false;
    }
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs)) {
            m_error = socket.errorString();
            return false;
        }
    }
    return socket.readLine() == activatedReply;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            // One short command per connection; anything else is dropped.
            if (socket->bytesAvailable() > 64 && !socket->canReadLine()) {
                socket->abort();
                return;
            }
            if (!socket->canReadLine())
                return;
            if (socket->readLine() == activateCommand) {
                socket->write(activatedReply);
                Q_EMIT activationRequested();
            }
            socket->disconnectFromServer();
        });
    }
}

} // namespace RelayDesk::Ui
