#pragma once

#include <QObject>

class QSocketNotifier;

namespace RelayDesk {

/// Turns SIGTERM/SIGINT/SIGHUP into a Qt signal on the main thread (the
/// self-pipe trick: the handler only writes one byte to a socketpair).
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)

public:
    explicit UnixSignalWatcher(QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

    /// Installs the handler for one signal; false if it could not.
    bool watch(int signalNumber);

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace RelayDesk
