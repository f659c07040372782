#include "ConfigValueParser.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <limits>

namespace RelayDesk::Config {

std::optional<quint16> ConfigValueParser::parsePort(const QString& text)
{
    const auto value = parseInteger(text, 1, 65535);
    if (!value)
        return std::nullopt;
    return static_cast<quint16>(*value);
}

std::optional<bool> ConfigValueParser::parseBool(const QString& text)
{
    const QString value = text.trimmed().toLower();
    if (value == QLatin1String("true") || value == QLatin1String("yes") ||
        value == QLatin1String("on") || value == QLatin1String("1"))
        return true;
    if (value == QLatin1String("false") || value == QLatin1String("no") ||
        value == QLatin1String("off") || value == QLatin1String("0"))
        return false;
    return std::nullopt;
}

std::optional<qint64> ConfigValueParser::parseInteger(const QString& text, qint64 min, qint64 max)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    const QString value = text.trimmed();
    if (!digits.match(value).hasMatch())
        return std::nullopt;
    const qint64 number = value.toLongLong();
    if (number < min || number > max)
        return std::nullopt;
    return number;
}

std::optional<qint64> ConfigValueParser::parseSize(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([0-9]{1,15})\\s*(|K|KiB|M|MiB|G|GiB)$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 number = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).isEmpty() ? QChar() : match.captured(2).at(0).toUpper();
    qint64 factor = 1;
    if (unit == QLatin1Char('K'))
        factor = 1024;
    else if (unit == QLatin1Char('M'))
        factor = 1024 * 1024;
    else if (unit == QLatin1Char('G'))
        factor = 1024 * 1024 * 1024;
    return number * factor;
}

std::optional<qint64> ConfigValueParser::parseDuration(const QString& text)
{
    static const QRegularExpression whole(QStringLiteral("^([0-9]+[smhdw]?)+$"));
    static const QRegularExpression part(QStringLiteral("([0-9]+)([smhdw]?)"));
    const QString value = text.trimmed().toLower();
    if (value.isEmpty() || value.size() > 32 || !whole.match(value).hasMatch())
        return std::nullopt;
    qint64 total = 0;
    auto it = part.globalMatch(value);
    int parts = 0;
    bool lastWasBare = false;
    while (it.hasNext()) {
        const auto match = it.next();
        // "1h30" is ambiguous; a bare number is only valid on its own.
        if (lastWasBare)
            return std::nullopt;
        const qint64 number = match.captured(1).toLongLong();
        const QString unit = match.captured(2);
        qint64 factor = 1;
        if (unit == QLatin1String("m"))
            factor = 60;
        else if (unit == QLatin1String("h"))
            factor = 3600;
        else if (unit == QLatin1String("d"))
            factor = 86400;
        else if (unit == QLatin1String("w"))
            factor = 7 * 86400;
        lastWasBare = unit.isEmpty();
        if (number > 100LL * 365 * 86400)
            return std::nullopt;
        total += number * factor;
        ++parts;
    }
    if (lastWasBare && parts > 1)
        return std::nullopt;
    if (parts == 0 || total <= 0 || total > 100LL * 365 * 86400)
        return std::nullopt;
    return total;
}

std::optional<QList<int>> ConfigValueParser::parseDurationList(const QStringList& items)
{
    QList<int> result;
    for (const QString& item : items) {
        const auto seconds = parseDuration(item);
        if (!seconds || *seconds > std::numeric_limits<int>::max())
            return std::nullopt;
        result.append(static_cast<int>(*seconds));
    }
    if (result.isEmpty())
        return std::nullopt;
    return result;
}

std::optional<ConfigValueParser::HostPort> ConfigValueParser::parseHostPort(const QString& text,
                                                                            quint16 defaultPort)
{
    const QString value = text.trimmed();
    QString host;
    QString portText;
    if (value.startsWith(QLatin1Char('['))) {
        const qsizetype close = value.indexOf(QLatin1Char(']'));
        if (close < 0)
            return std::nullopt;
        host = value.mid(1, close - 1);
        const QString rest = value.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(QLatin1Char(':')))
                return std::nullopt;
            portText = rest.mid(1);
            if (portText.isEmpty())
                return std::nullopt;
        }
        const QHostAddress address(host);
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
    } else {
        if (value.count(QLatin1Char(':')) > 1)
            return std::nullopt; // a bare IPv6 address needs brackets
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        host = colon < 0 ? value : value.left(colon);
        if (colon >= 0) {
            portText = value.mid(colon + 1);
            if (portText.isEmpty())
                return std::nullopt;
        }
        if (QHostAddress(host).isNull() && !isValidHostname(host))
            return std::nullopt;
    }
    if (host.isEmpty())
        return std::nullopt;
    quint16 port = defaultPort;
    if (!portText.isEmpty()) {
        const auto parsed = parsePort(portText);
        if (!parsed)
            return std::nullopt;
        port = *parsed;
    }
    if (port == 0)
        return std::nullopt;
    return HostPort{host, port};
}

bool ConfigValueParser::isValidHostname(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$"));
    return pattern.match(text).hasMatch();
}

std::optional<TlsVersion> ConfigValueParser::parseTlsVersion(const QString& text)
{
    const QString value = text.trimmed();
    if (value == QLatin1String("1.0"))
        return TlsVersion::V1_0;
    if (value == QLatin1String("1.1"))
        return TlsVersion::V1_1;
    if (value == QLatin1String("1.2"))
        return TlsVersion::V1_2;
    if (value == QLatin1String("1.3"))
        return TlsVersion::V1_3;
    return std::nullopt;
}

} // namespace RelayDesk::Config
