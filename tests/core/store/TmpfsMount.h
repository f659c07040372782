#pragma once

#include <QString>
#include <QTemporaryDir>

namespace RelayDesk::Tests {

/// A small tmpfs mounted on a fresh temporary directory, so that a test can
/// fill a real file system and watch the store fail and recover. Mounting
/// needs root (CI runs the tests as root); isMounted() says whether it
/// worked and error() why not. Unmounted by the destructor.
class TmpfsMount final
{
public:
    explicit TmpfsMount(const QString& size);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;

    bool isMounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString path() const { return m_dir.path(); }

    /// Writes a filler file until the file system reports that it is full.
    /// Returns the number of bytes written, or -1 when the file system
    /// never filled up.
    qint64 fill();
    /// Deletes the filler file, making the space available again.
    bool release();

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};

} // namespace RelayDesk::Tests
