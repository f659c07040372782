#include "LoadSender.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QThread>

namespace RelayDesk::Bench {

namespace {

/// One whole SMTP reply (its last line has "NNN "), or empty after 10 s.
QByteArray readReply(QTcpSocket& socket)
{
    QByteArray reply;
    while (true) {
        while (!socket.canReadLine()) {
            if (!socket.waitForReadyRead(10000))
                return {};
        }
        const QByteArray line = socket.readLine();
        reply += line;
        if (line.size() >= 4 && line.at(3) == ' ')
            return reply;
    }
}

bool command(QTcpSocket& socket, const QByteArray& line, char expected)
{
    socket.write(line);
    const QByteArray reply = readReply(socket);
    return !reply.isEmpty() && reply.at(0) == expected;
}

/// A message of about 2 KB, like a scan notification or a short report.
QByteArray messageText(int session, int number)
{
    QByteArray text = "From: <load" + QByteArray::number(session) +
                      "@bench.test>\r\nTo: <sink@dest.bench.test>\r\nSubject: load message " +
                      QByteArray::number(number) + "\r\n\r\n";
    for (int line = 0; line < 30; ++line)
        text += "The quick brown fox jumps over the lazy dog, line " + QByteArray::number(line) +
                ".\r\n";
    return text + ".\r\n";
}

} // namespace

LoadSender::LoadSender(quint16 port, int ratePerSecond, int sessions, QObject* parent)
    : QObject(parent), m_port(port), m_rate(ratePerSecond), m_sessions(sessions)
{}

LoadSender::~LoadSender()
{
    stop();
}

void LoadSender::start()
{
    m_running = true;
    for (int index = 0; index < m_sessions; ++index) {
        QThread* thread = QThread::create([this, index] { runSession(index); });
        m_threads.append(thread);
        thread->start();
    }
}

void LoadSender::stop()
{
    m_running = false;
    for (QThread* thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
    m_threads.clear();
}

void LoadSender::runSession(int index)
{
    // Session `index` sends messages index, index + sessions, ... at
    // number / rate seconds after the start.
    QElapsedTimer clock;
    clock.start();
    QTcpSocket socket;
    bool ready = false;
    for (int k = 0; m_running; ++k) {
        const qint64 dueNs = qint64((double(k) * m_sessions + index) * 1e9 / m_rate);
        const qint64 waitNs = dueNs - clock.nsecsElapsed();
        if (waitNs > 0)
            QThread::usleep(quint64(waitNs / 1000));
        if (!m_running)
            break;
        if (!ready) {
            socket.abort();
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            ready = socket.waitForConnected(5000) && readReply(socket).startsWith("220") &&
                    command(socket, "EHLO load-" + QByteArray::number(index) + ".bench\r\n", '2');
            if (!ready) {
                ++m_refused;
                QThread::msleep(100);
                continue;
            }
        }
        const bool ok =
            command(socket, "MAIL FROM:<load" + QByteArray::number(index) + "@bench.test>\r\n",
                    '2') &&
            command(socket, "RCPT TO:<sink@dest.bench.test>\r\n", '2') &&
            command(socket, "DATA\r\n", '3') && command(socket, messageText(index, k), '2');
        if (ok) {
            ++m_accepted;
        } else {
            ++m_refused;
            ready = false;
        }
    }
    if (ready) {
        socket.write("QUIT\r\n");
        readReply(socket);
    }
}

} // namespace RelayDesk::Bench
