#pragma once

#include <QTcpServer>

namespace RelayDesk::Smtp {

/// A QTcpServer whose pending connections are QSslSocket objects, so that a
/// session can switch to TLS (STARTTLS or implicit) on the same socket.
class SslTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SslTcpServer)

public:
    explicit SslTcpServer(QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace RelayDesk::Smtp
