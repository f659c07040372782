#include "CommandParser.h"

#include "AsciiClass.h"

#include <limits>

namespace RelayDesk::Smtp {

namespace {

using Ascii::isAlpha;
using Ascii::isDigit;

bool isControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

QByteArrayView trimmedBlanks(QByteArrayView v)
{
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

} // namespace

std::optional<CommandParser::Command> CommandParser::parse(QByteArrayView line)
{
    qsizetype verbEnd = 0;
    while (verbEnd < line.size() && isAlpha(line[verbEnd]))
        ++verbEnd;
    if (verbEnd == 0)
        return std::nullopt;
    if (verbEnd < line.size() && line[verbEnd] != ' ')
        return std::nullopt;
    // Control characters (NUL, bare CR, ESC ...) have no place in a command;
    // tab is tolerated as blank space only at the end.
    for (char c : line) {
        if (isControl(c) && c != '\t')
            return std::nullopt;
    }
    Command command;
    command.verb = line.first(verbEnd);
    if (verbEnd < line.size())
        command.argument = trimmedBlanks(line.sliced(verbEnd + 1));
    return command;
}

std::optional<CommandParser::BdatArguments> CommandParser::parseBdat(QByteArrayView argument)
{
    qsizetype i = 0;
    BdatArguments result;
    while (i < argument.size() && isDigit(argument[i])) {
        const int digit = argument[i] - '0';
        if (result.size > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        result.size = result.size * 10 + digit;
        ++i;
    }
    if (i == 0)
        return std::nullopt;
    QByteArrayView rest = argument.sliced(i);
    if (rest.isEmpty())
        return result;
    if (rest.compare(" LAST", Qt::CaseInsensitive) == 0) {
        result.last = true;
        return result;
    }
    return std::nullopt;
}

std::optional<CommandParser::AuthArguments> CommandParser::parseAuth(QByteArrayView argument)
{
    const qsizetype space = argument.indexOf(' ');
    const QByteArrayView mechanism = space < 0 ? argument : argument.first(space);
    if (mechanism.isEmpty() || mechanism.size() > 20)
        return std::nullopt;
    for (char c : mechanism) {
        if (!isAlpha(c) && !isDigit(c) && c != '-' && c != '_')
            return std::nullopt;
    }
    AuthArguments result;
    result.mechanism = mechanism.toByteArray().toUpper();
    if (space >= 0) {
        result.initialResponse = argument.sliced(space + 1);
        if (result.initialResponse.isEmpty() || result.initialResponse.contains(' '))
            return std::nullopt;
        result.hasInitialResponse = true;
    }
    return result;
}

bool CommandParser::isValidHeloName(QByteArrayView argument)
{
    if (argument.isEmpty() || argument.size() > 255)
        return false;
    for (char c : argument) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '(' || c == ')' || c == '\\')
            return false;
    }
    return true;
}

} // namespace RelayDesk::Smtp
