// libFuzzer harness: SMTP command lines through CommandParser.
// Input: any bytes, cut into lines at LF as the server's LineReader would.

#include "FuzzSupport.h"
#include "smtp/CommandParser.h"

#include <cstdint>

using RelayDesk::Smtp::CommandParser;

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

void checkLine(QByteArrayView line)
{
    const auto command = CommandParser::parse(line);
    if (!command)
        return;
    // The views point into the line: the verb is its first letters...
    FUZZ_CHECK(!command->verb.isEmpty());
    FUZZ_CHECK(command->verb.data() == line.data());
    for (char c : command->verb)
        FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    // ... and no control character survives anywhere (NUL, bare CR, ESC).
    for (char c : line) {
        const auto u = static_cast<unsigned char>(c);
        FUZZ_CHECK(c == '\t' || (u >= 0x20 && u != 0x7f));
    }
    if (!command->argument.isEmpty()) {
        FUZZ_CHECK(command->argument.data() > line.data());
        FUZZ_CHECK(command->argument.data() + command->argument.size() <=
                   line.data() + line.size());
        FUZZ_CHECK(!isBlank(command->argument.back()));
    }

    if (const auto bdat = CommandParser::parseBdat(command->argument)) {
        FUZZ_CHECK(bdat->size >= 0);
        // The count is digits only, so printing it back gives its prefix
        // (leading zeros aside).
        QByteArrayView digits = command->argument;
        while (digits.size() > 1 && digits.front() == '0' && digits[1] >= '0' && digits[1] <= '9')
            digits = digits.sliced(1);
        FUZZ_CHECK(digits.startsWith(QByteArray::number(bdat->size)));
    }
    if (const auto auth = CommandParser::parseAuth(command->argument)) {
        FUZZ_CHECK(!auth->mechanism.isEmpty() && auth->mechanism.size() <= 20);
        FUZZ_CHECK(auth->mechanism == auth->mechanism.toUpper());
        FUZZ_CHECK(!auth->hasInitialResponse ||
                   (!auth->initialResponse.isEmpty() && !auth->initialResponse.contains(' ')));
    }
    if (CommandParser::isValidHeloName(command->argument)) {
        // It goes into a Received: header: nothing that could end or fold it.
        for (char c : command->argument) {
            const auto u = static_cast<unsigned char>(c);
            FUZZ_CHECK(u > 0x20 && u < 0x7f && c != '(' && c != ')');
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    while (!input.isEmpty()) {
        const qsizetype lf = input.indexOf('\n');
        QByteArrayView line = lf < 0 ? input : input.first(lf);
        input = lf < 0 ? QByteArrayView() : input.sliced(lf + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        checkLine(line);
    }
    return 0;
}
