#pragma once

#include <QString>
#include <optional>

namespace RelayDesk::Auth {

/// A secret kept in a file of its own (--smarthost-password-file,
/// password-ref = file:/path): the first line, without its line ending.
/// The file must be private (see PrivateFile); its content is never logged
/// or put into an error message.
class PasswordFile
{
public:
    /// nullopt with *error when the file is missing, not private, larger
    /// than 64 KiB, or its first line is empty.
    static std::optional<QString> read(const QString& path, QString* error);
};

} // namespace RelayDesk::Auth
