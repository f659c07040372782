#pragma once

#include "TlsVersion.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace RelayDesk::Config {

/// Parses the value syntaxes shared by the INI file and the command line.
/// Each returns nullopt on bad input; the callers add file/line/option.
class ConfigValueParser
{
public:
    struct HostPort
    {
        QString host;
        quint16 port = 0;
    };

    /// 1-65535, decimal.
    static std::optional<quint16> parsePort(const QString& text);
    /// true/false, yes/no, on/off, 1/0 (case-insensitive).
    static std::optional<bool> parseBool(const QString& text);
    /// A decimal integer within [min, max].
    static std::optional<qint64> parseInteger(const QString& text, qint64 min, qint64 max);
    /// Octets: "26214400", "512K", "25M", "1G" (binary units; KiB/MiB/GiB too).
    static std::optional<qint64> parseSize(const QString& text);
    /// Seconds: "90", "90s", "5m", "1h30m", "5d", "1w". Must be > 0.
    static std::optional<qint64> parseDuration(const QString& text);
    /// A comma separated list of durations, e.g. "1m,5m,15m,30m,1h".
    static std::optional<QList<int>> parseDurationList(const QStringList& items);
    /// "host:port", "1.2.3.4:25", "[::1]:2525"; a missing port gives
    /// defaultPort (0: the port is required).
    static std::optional<HostPort> parseHostPort(const QString& text, quint16 defaultPort);
    /// An RFC 1123 host name (letters, digits, '-', dots), at most 253 characters.
    static bool isValidHostname(const QString& text);
    /// "1.0", "1.1", "1.2", "1.3".
    static std::optional<TlsVersion> parseTlsVersion(const QString& text);
};

} // namespace RelayDesk::Config
