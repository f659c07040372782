#pragma once

// A real relay with a real upstream on loopback for the Delivery log,
// Bounces and Devices page tests: the upstream (tests/fixtures/upstream,
// aiosmtpd) accepts "office@", defers "defer-me@" (450 4.2.0) and rejects
// "reject-me@" (550 5.1.1); a real SMTP client ("scanner.lan" on
// 127.0.0.1) sends one message to each, and the relay delivers, defers
// and fails them. Retries wait an hour, so the deferred one stays put.

#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <memory>

namespace RelayDesk::Tests {

class LogPagesFixture
{
public:
    /// Starts the upstream and the relay; returns an error text or "".
    QString start(const QString& upstreamScript)
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        if (upstreamScript.isEmpty())
            return QStringLiteral("tests/fixtures/upstream/upstream.py not found");
        m_upstream.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_upstream.start(QStringLiteral("/usr/bin/python3"),
                         {upstreamScript, QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--mode"), QStringLiteral("accept")});
        if (!m_upstream.waitForStarted(10000))
            return QStringLiteral("upstream did not start: ") + m_upstream.errorString();
        // It prints "PORT <n>" once it listens.
        QDeadlineTimer deadline(15000);
        while (!m_upstream.canReadLine() && !deadline.hasExpired())
            m_upstream.waitForReadyRead(100);
        const QByteArray line = m_upstream.readLine().trimmed();
        if (!line.startsWith("PORT "))
            return QStringLiteral("upstream said: ") + QString::fromUtf8(line);
        m_upstreamPort = quint16(line.mid(5).toUInt());

        Service::CoreSettings settings;
        settings.dataDir = m_dir.filePath(QStringLiteral("data"));
        Smtp::ListenerSettings listener;
        listener.name = QStringLiteral("test");
        listener.address = QHostAddress::LocalHost;
        listener.port = freePort();
        m_port = listener.port;
        settings.listeners = {listener};
        settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
        settings.statusIntervalMs = 50;
        settings.smarthost.host = QStringLiteral("127.0.0.1");
        settings.smarthost.port = m_upstreamPort;
        settings.smarthost.tls = Delivery::TlsMode::None;
        settings.retry.delaysSeconds = {3600};
        m_relay = std::make_unique<Service::RelayService>(settings);
        m_relay->start();
        QSignalSpy spy(m_relay.get(), &Service::RelayService::statusChanged);
        using State = Service::RelayStatus::State;
        while (m_relay->lastStatus().state != State::Running &&
               m_relay->lastStatus().state != State::Failed && !deadline.hasExpired())
            spy.wait(100);
        if (m_relay->lastStatus().state != State::Running)
            return QStringLiteral("relay did not start: ") + m_relay->lastStatus().error;
        return {};
    }

    /// One SMTP session from 127.0.0.1 with three messages; returns "" or
    /// the reply that went wrong.
    QString sendThree()
    {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_port);
        if (!client.waitForConnected(5000))
            return QStringLiteral("no connection to the relay");
        if (!readReply(client).startsWith("220"))
            return QStringLiteral("no greeting");
        const QList<QPair<QByteArray, QByteArray>> dialogue{
            {"EHLO scanner.lan\r\n", "250"},
            {"MAIL FROM:<scanner@example.com>\r\n", "250"},
            {"RCPT TO:<office@example.net>\r\n", "250"},
            {"DATA\r\n", "354"},
            {"Subject: scan 1\r\n\r\nfirst\r\n.\r\n", "250"},
            {"MAIL FROM:<copier@example.com>\r\n", "250"},
            {"RCPT TO:<defer-me@example.net>\r\n", "250"},
            {"DATA\r\n", "354"},
            {"Subject: scan 2\r\n\r\nsecond\r\n.\r\n", "250"},
            // A null sender: no bounce of our own joins the log.
            {"MAIL FROM:<>\r\n", "250"},
            {"RCPT TO:<reject-me@example.net>\r\n", "250"},
            {"DATA\r\n", "354"},
            {"Subject: scan 3\r\n\r\nthird\r\n.\r\n", "250"},
            {"QUIT\r\n", "221"},
        };
        for (const auto& [command, expected] : dialogue) {
            client.write(command);
            const QByteArray reply = readReply(client);
            if (!reply.startsWith(expected))
                return QString::fromUtf8(command.trimmed() + " -> " + reply);
        }
        return {};
    }

    /// Waits until the relay has delivered, deferred and failed one each.
    QString waitForResults()
    {
        QSignalSpy spy(m_relay.get(), &Service::RelayService::statusChanged);
        QDeadlineTimer deadline(30000);
        auto done = [this] {
            const auto& s = m_relay->lastStatus();
            return s.deliveredSinceStart >= 1 && s.deferredSinceStart >= 1 &&
                   s.failedSinceStart >= 1;
        };
        while (!done() && !deadline.hasExpired())
            spy.wait(100);
        if (!done())
            return QStringLiteral("delivery results did not arrive");
        return {};
    }

    /// Stops the relay and the upstream; returns "" or what went wrong.
    QString stop()
    {
        QString error;
        if (m_relay) {
            QSignalSpy stopped(m_relay.get(), &Service::RelayService::stopped);
            m_relay->stop();
            if (!stopped.wait(15000))
                error = QStringLiteral("relay did not stop");
            m_relay.reset();
        }
        m_upstream.kill();
        m_upstream.waitForFinished(5000);
        return error;
    }

    ~LogPagesFixture() { stop(); }

    Service::RelayService* relay() const { return m_relay.get(); }
    QString upstreamHost() const { return QStringLiteral("127.0.0.1:%1").arg(m_upstreamPort); }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QProcess m_upstream;
    std::unique_ptr<Service::RelayService> m_relay;
    quint16 m_upstreamPort = 0;
    quint16 m_port = 0;
};

} // namespace RelayDesk::Tests
