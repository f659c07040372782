#include "PasswordFile.h"

#include "PrivateFile.h"

namespace RelayDesk::Auth {

std::optional<QString> PasswordFile::read(const QString& path, QString* error)
{
    const auto data = PrivateFile::read(path, 64 * 1024, error);
    if (!data)
        return std::nullopt;
    QByteArray line = data->left(data->indexOf('\n') < 0 ? data->size() : data->indexOf('\n'));
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        *error = QStringLiteral("%1: the first line (the password) is empty").arg(path);
        return std::nullopt;
    }
    return QString::fromUtf8(line);
}

} // namespace RelayDesk::Auth
