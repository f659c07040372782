#pragma once

#include <QHostAddress>
#include <QObject>
#include <QVector>
#include <atomic>

class QThread;

namespace RelayDesk::Bench {

/// A real SMTP client load: `sessions` connections to the relay, each on its
/// own thread (never the GUI thread), together sending `ratePerSecond`
/// messages per second on a fixed schedule (a session that falls behind
/// sends at once until it has caught up). Each session keeps its connection
/// and sends one transaction after the other.
class LoadSender final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadSender)

public:
    LoadSender(quint16 port, int ratePerSecond, int sessions, QObject* parent = nullptr);
    ~LoadSender() override;

    void start();
    /// Stops sending and waits for the sessions to end.
    void stop();

    int accepted() const { return m_accepted.load(); }
    int refused() const { return m_refused.load(); }

private:
    void runSession(int index);

    quint16 m_port;
    int m_rate;
    int m_sessions;
    std::atomic<bool> m_running{false};
    std::atomic<int> m_accepted{0};
    std::atomic<int> m_refused{0};
    QVector<QThread*> m_threads;
};

} // namespace RelayDesk::Bench
