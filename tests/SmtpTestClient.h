#pragma once

// Small helpers for Qt tests that talk SMTP to a real listener on loopback.

#include <QByteArray>
#include <QHostAddress>
#include <QSslSocket>
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

/// A blocking SMTP client on loopback for tests that run a real listener on
/// another thread (RelayService): connect and EHLO, commands, AUTH PLAIN,
/// one whole message, and STARTTLS without certificate checks.
struct SmtpClient
{
    QSslSocket socket;

    /// Connected, greeted and past EHLO.
    bool open(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000) || !readReply(socket).startsWith("220"))
            return false;
        return command("EHLO test.lan").startsWith("250");
    }
    QByteArray command(const QByteArray& line)
    {
        socket.write(line + "\r\n");
        return readReply(socket);
    }
    QByteArray authPlain(const QString& user, const QString& password)
    {
        const QByteArray plain = '\0' + user.toUtf8() + '\0' + password.toUtf8();
        return command("AUTH PLAIN " + plain.toBase64());
    }
    /// STARTTLS, the handshake (the test certificate is not checked) and
    /// EHLO again; true when all three succeeded.
    bool startTls()
    {
        if (!command("STARTTLS").startsWith("220"))
            return false;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.startClientEncryption();
        if (!socket.waitForEncrypted(10000))
            return false;
        return command("EHLO test.lan").startsWith("250");
    }
    /// One whole message; returns the first reply that is not positive, or
    /// the final 250.
    QByteArray message(const QByteArray& sender, const QList<QByteArray>& recipients)
    {
        QByteArray reply = command("MAIL FROM:<" + sender + ">");
        if (!reply.startsWith('2'))
            return reply;
        for (const QByteArray& r : recipients) {
            reply = command("RCPT TO:<" + r + ">");
            if (!reply.startsWith('2')) {
                command("RSET");
                return reply;
            }
        }
        if (!command("DATA").startsWith("354"))
            return "DATA refused";
        return command("Subject: t\r\n\r\nbody\r\n.");
    }
};

} // namespace RelayDesk::Tests
