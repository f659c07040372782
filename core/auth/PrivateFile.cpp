#include "PrivateFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <sys/stat.h>
#include <unistd.h>

namespace RelayDesk::Auth {

std::optional<QByteArray> PrivateFile::read(const QString& path, qint64 maxSize, QString* error,
                                            bool* missing)
{
    if (missing)
        *missing = false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (!file.exists()) {
            if (missing)
                *missing = true;
            *error = QStringLiteral("%1: no such file").arg(path);
        } else {
            *error = QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        }
        return std::nullopt;
    }
    // Check the file we actually opened, not the path (no race with a rename).
    struct stat info
    {
    };
    if (::fstat(file.handle(), &info) != 0) {
        *error = QStringLiteral("%1: cannot stat").arg(path);
        return std::nullopt;
    }
    if (!S_ISREG(info.st_mode)) {
        *error = QStringLiteral("%1: not a regular file").arg(path);
        return std::nullopt;
    }
    if (info.st_uid != ::geteuid()) {
        *error = QStringLiteral("%1: owned by uid %2, not by the user running RelayDesk (uid %3); "
                                "run: chown %3 %1")
                     .arg(path)
                     .arg(info.st_uid)
                     .arg(::geteuid());
        return std::nullopt;
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        *error = QStringLiteral("%1: accessible by group or others (mode %2); it holds secrets, "
                                "run: chmod 600 %1")
                     .arg(path)
                     .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return std::nullopt;
    }
    if (info.st_size > maxSize) {
        *error = QStringLiteral("%1: larger than %2 bytes").arg(path).arg(maxSize);
        return std::nullopt;
    }
    QByteArray data = file.read(maxSize + 1);
    if (data.size() > maxSize) {
        *error = QStringLiteral("%1: larger than %2 bytes").arg(path).arg(maxSize);
        return std::nullopt;
    }
    return data;
}

bool PrivateFile::write(const QString& path, const QByteArray& data, QString* error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("%1: cannot create the directory").arg(info.absolutePath());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        *error = QStringLiteral("%1: cannot set mode 0600").arg(path);
        return false;
    }
    if (file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace RelayDesk::Auth
