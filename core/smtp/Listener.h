#pragma once

#include "ListenerSettings.h"
#include "SessionSummary.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <optional>

namespace RelayDesk::Smtp {

class ServerSession;
class SessionHost;
class SslTcpServer;

/// One listening socket of the SMTP server. Accepts connections, caps the
/// number of concurrent sessions overall and per client address (over the
/// cap: "421 4.7.0 Too many connections" and close), loads the listener's
/// certificate, and runs a ServerSession per connection. The SessionHost
/// must outlive the listener.
class Listener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Listener)

public:
    Listener(const ListenerSettings& settings, const ServerLimits& limits, SessionHost* host,
             QObject* parent = nullptr);
    ~Listener() override;

    /// Loads the certificate (if any) and starts listening. False with
    /// *error set when the certificate/key is unusable or the port is taken.
    bool listen(QString* error);
    /// Stops accepting; running sessions continue.
    void close();
    bool isListening() const;
    /// While paused, new connections get "421 4.3.2 Service paused, try
    /// again later" and are closed; running sessions go on (the admin's
    /// "pause intake": the clients retry later, nothing is lost).
    void setPaused(bool paused) { m_paused = paused; }
    bool isPaused() const { return m_paused; }

    QHostAddress serverAddress() const;
    /// The bound port (useful with port 0 in tests).
    quint16 serverPort() const;
    const ListenerSettings& settings() const { return m_settings; }

    int sessionCount() const { return static_cast<int>(m_sessions.size()); }
    int sessionCount(const QHostAddress& client) const;
    /// Transcripts of the running sessions, for the GUI.
    QList<SessionSummary> activeSessions() const;

signals:
    void sessionStarted(const QHostAddress& client);
    /// Every session that ends, including the ones refused at connect.
    void sessionFinished(const RelayDesk::Smtp::SessionSummary& summary);

private:
    void acceptConnections();

    ListenerSettings m_settings;
    ServerLimits m_limits;
    SessionHost* m_host;
    SslTcpServer* m_server;
    std::optional<QSslConfiguration> m_tls;
    QSet<ServerSession*> m_sessions;
    QHash<QHostAddress, int> m_perClient;
    int m_refusing = 0;
    bool m_paused = false;
};

} // namespace RelayDesk::Smtp
