#pragma once

// Small helpers for Qt tests that talk SMTP to a real listener on loopback.

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace RelayDesk::Tests {

/// A loopback port that was free a moment ago.
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/// Reads one SMTP reply (all its lines, up to the one with "NNN "); returns
/// what arrived when the server goes quiet for 5 s.
inline QByteArray readReply(QTcpSocket& socket)
{
    QByteArray reply;
    while (true) {
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(5000))
                return reply;
        }
        const QByteArray line = socket.readLine();
        reply += line;
        if (line.size() >= 4 && line.at(3) == ' ')
            return reply;
    }
}

} // namespace RelayDesk::Tests
