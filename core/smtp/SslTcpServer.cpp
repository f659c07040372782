#include "SslTcpServer.h"

#include <QSslSocket>

namespace RelayDesk::Smtp {

SslTcpServer::SslTcpServer(QObject* parent) : QTcpServer(parent) {}

void SslTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    addPendingConnection(socket);
}

} // namespace RelayDesk::Smtp
