#pragma once

// Starts tests/fixtures/dns/dns_fixture.py (dnsmasq on 127.0.0.53:53, a
// SERVFAIL responder, a silent server, optionally the MTA-STS HTTPS server)
// and stops it again. The fixture also stops when our end of its stdin
// closes, so a crashed test leaves no server behind.

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class DnsFixture
{
public:
    static constexpr int startMs = 60000;

    static QHostAddress server() { return QHostAddress(QStringLiteral("127.0.0.53")); }
    static QHostAddress silentServer() { return QHostAddress(QStringLiteral("127.0.0.55")); }
    /// Nothing listens there: queries are refused by the kernel.
    static QHostAddress deadServer() { return QHostAddress(QStringLiteral("127.0.0.56")); }

    ~DnsFixture() { stop(); }

    bool start(bool https)
    {
        if (!m_dir.isValid())
            return false;
        QStringList args{QStringLiteral(RELAYDESK_TESTS_DIR "/fixtures/dns/dns_fixture.py"),
                         QStringLiteral("--workdir"), m_dir.path()};
        if (https)
            args << QStringLiteral("--https");
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("/usr/bin/python3"), args);
        const QByteArray line = readLine();
        if (!line.startsWith("READY ")) {
            qWarning().noquote() << "dns fixture did not start:" << line;
            return false;
        }
        m_httpsPort = quint16(line.mid(line.indexOf('=') + 1).trimmed().toUInt());
        return true;
    }

    /// Sends one command ("txt NAME VALUE", "policy DOMAIN PATH"); true on OK.
    bool command(const QByteArray& line)
    {
        m_process.write(line + '\n');
        const QByteArray answer = readLine();
        if (answer.trimmed() != "OK")
            qWarning().noquote() << "dns fixture:" << line << "->" << answer;
        return answer.trimmed() == "OK";
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.write("quit\n");
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(30000)) {
            m_process.terminate();
            m_process.waitForFinished(10000);
        }
    }

    quint16 httpsPort() const { return m_httpsPort; }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    /// How often the HTTPS server was asked for `host`'s policy.
    int policyRequests(const QString& host) const
    {
        QFile log(path(QStringLiteral("https.log")));
        if (!log.open(QIODevice::ReadOnly))
            return 0;
        int count = 0;
        while (!log.atEnd()) {
            if (log.readLine().startsWith(host.toLatin1() + ' '))
                ++count;
        }
        return count;
    }

private:
    QByteArray readLine()
    {
        QDeadlineTimer deadline(startMs);
        while (!m_process.canReadLine()) {
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return m_process.readAll();
            m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        }
        return m_process.readLine();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_httpsPort = 0;
};
