#pragma once

#include <QObject>
#include <QString>
#include <memory>

class QLocalServer;
class QLockFile;

namespace RelayDesk::Ui {

/// One RelayDesk per user. The first instance takes a lock file and listens
/// on a local socket named after the user; a later launch finds the lock
/// held, asks the first instance (over the socket) to show its window and
/// exits. The lock file closes the race where a crashed instance left a
/// stale socket behind: only the lock holder removes and re-creates it.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    /// `key` names the socket and the lock; empty = "relaydesk-<user id>".
    explicit SingleInstance(QString key = {}, QObject* parent = nullptr);
    ~SingleInstance() override;

    /// The default key for the current user.
    static QString defaultKey();

    /// Takes the lock and starts listening. False when another instance
    /// holds it (then call activateRunning()) or the socket cannot listen
    /// (see errorString()).
    bool tryBecomePrimary();

    /// Tells the running instance to show its window. Returns once it has
    /// acknowledged (a local socket round-trip; called before any window
    /// exists, at startup only) or `timeoutMs` passed.
    bool activateRunning(int timeoutMs = 3000);

    bool isPrimary() const { return m_server != nullptr; }
    QString serverName() const;
    QString lockPath() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    /// Another launch asked this (primary) instance to show itself.
    void activationRequested();

private:
    void onNewConnection();

    QString m_key;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer* m_server = nullptr;
    QString m_error;
};

} // namespace RelayDesk::Ui
