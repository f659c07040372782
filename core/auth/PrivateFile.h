#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace RelayDesk::Auth {

/// Files that hold secrets (accounts, credentials, password files): owned by
/// the user we run as (root for the daemon) and closed to group and others.
/// A file anyone else can read is refused rather than used, so a leak is
/// noticed and fixed instead of silently continuing.
class PrivateFile
{
public:
    /// Reads at most maxSize bytes. nullopt with *error when the file is
    /// missing (*missing set to true when given), unreadable, too large, not
    /// a regular file, owned by someone else or open to group/others.
    static std::optional<QByteArray> read(const QString& path, qint64 maxSize, QString* error,
                                          bool* missing = nullptr);
    /// Atomically replaces the file (QSaveFile) with mode 0600; the mode is
    /// set before the first byte is written.
    static bool write(const QString& path, const QByteArray& data, QString* error);
};

} // namespace RelayDesk::Auth
