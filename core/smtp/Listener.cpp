#include "Listener.h"

#include "ServerSession.h"
#include "ServerTlsConfiguration.h"
#include "SslTcpServer.h"

#include <QSslSocket>

namespace RelayDesk::Smtp {

Listener::Listener(const ListenerSettings& settings, const ServerLimits& limits, SessionHost* host,
                   QObject* parent)
    : QObject(parent), m_settings(settings), m_limits(limits), m_host(host),
      m_server(new SslTcpServer(this))
{
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &Listener::acceptConnections);
}

Listener::~Listener()
{
    // Sessions are children; make sure none reports back into a half-
    // destroyed listener.
    for (ServerSession* session : std::as_const(m_sessions))
        session->disconnect(this);
}

bool Listener::listen(QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    m_tls.reset();
    if (!m_settings.certificateFile.isEmpty()) {
        QString tlsError;
        m_tls = ServerTlsConfiguration::load(m_settings, &tlsError);
        if (!m_tls) {
            *error = QStringLiteral("listener %1: %2").arg(m_settings.name, tlsError);
            return false;
        }
    } else if (m_settings.mode == ListenerSettings::Mode::ImplicitTls) {
        *error =
            QStringLiteral("listener %1: implicit TLS needs a certificate").arg(m_settings.name);
        return false;
    }
    if (!m_server->listen(m_settings.address, m_settings.port)) {
        *error = QStringLiteral("listener %1: cannot listen on %2 port %3: %4")
                     .arg(m_settings.name, m_settings.address.toString())
                     .arg(m_settings.port)
                     .arg(m_server->errorString());
        return false;
    }
    return true;
}

void Listener::close()
{
    m_server->close();
}

bool Listener::isListening() const
{
    return m_server->isListening();
}

QHostAddress Listener::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 Listener::serverPort() const
{
    return m_server->serverPort();
}

int Listener::sessionCount(const QHostAddress& client) const
{
    return m_perClient.value(ServerSession::normalisedAddress(client));
}

QList<SessionSummary> Listener::activeSessions() const
{
    QList<SessionSummary> out;
    out.reserve(m_sessions.size());
    for (const ServerSession* session : m_sessions)
        out.append(session->summary());
    return out;
}

void Listener::acceptConnections()
{
    while (QTcpSocket* tcp = m_server->nextPendingConnection()) {
        auto* socket = qobject_cast<QSslSocket*>(tcp);
        if (!socket) {
            tcp->abort();
            tcp->deleteLater();
            continue;
        }
        const QHostAddress client = ServerSession::normalisedAddress(socket->peerAddress());
        const bool overCap = m_paused || m_sessions.size() >= m_limits.maxSessions ||
                             m_perClient.value(client) >= m_limits.maxSessionsPerClient;
        if (overCap && m_refusing >= m_limits.maxSessions) {
            // A flood: do not even spend a reply on it.
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto* session = new ServerSession(socket, m_settings, m_limits, m_tls, m_host, this);
        if (overCap) {
            ++m_refusing;
            connect(session, &ServerSession::finished, this, [this, session] {
                --m_refusing;
                emit sessionFinished(session->summary());
                session->deleteLater();
            });
            session->startRefused(m_paused ? "421 4.3.2 " + m_limits.hostname.toUtf8() +
                                                 " Service paused, try again later\r\n"
                                           : "421 4.7.0 " + m_limits.hostname.toUtf8() +
                                                 " Too many connections, try again later\r\n");
            continue;
        }
        m_sessions.insert(session);
        ++m_perClient[client];
        connect(session, &ServerSession::finished, this, [this, session, client] {
            m_sessions.remove(session);
            if (--m_perClient[client] <= 0)
                m_perClient.remove(client);
            emit sessionFinished(session->summary());
            session->deleteLater();
        });
        emit sessionStarted(client);
        session->start();
    }
}

} // namespace RelayDesk::Smtp
