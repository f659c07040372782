#pragma once

#include "RelayConfig.h"

#include <QString>

namespace RelayDesk::Config {

/// Writes a RelayConfig as relaydesk.ini text that ConfigLoader loads back to
/// an equal configuration: every section and key the loader knows, in the
/// order of docs/configuration.md, with a header saying that RelayDesk wrote
/// the file. The configuration holds credential references only, so the text
/// never contains a secret (no key that ConfigLoader::isSecretKey refuses).
///
/// What the INI format cannot express is written as the loader would read
/// it back: a listener without a certificate of its own takes [tls]'s, and
/// an empty retry schedule keeps the default one.
class ConfigWriter
{
public:
    /// The whole file, UTF-8 when encoded with toUtf8(), LF line endings.
    static QString toIni(const RelayConfig& config);

    /// Seconds (> 0) in the file's duration syntax: "90s", "5m", "1h30m", "5d".
    static QString formatDuration(qint64 seconds);
    /// Octets in the file's size syntax: "25M", "512K", "1G" or plain digits.
    static QString formatSize(qint64 bytes);
    /// A single value as QSettings reads it back unchanged: plain when that
    /// is safe, otherwise in double quotes with '\' and '"' escaped.
    static QString quoted(const QString& value);
};

} // namespace RelayDesk::Config
