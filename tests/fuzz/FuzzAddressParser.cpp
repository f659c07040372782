// libFuzzer harness: MAIL FROM / RCPT TO arguments and mailbox syntax
// through AddressParser. Input: one argument per line ("FROM:<a@b> SIZE=1",
// "TO:<x@y>", or a bare mailbox); the first octet of a line that is '8'
// means "in an SMTPUTF8 transaction".

#include "FuzzSupport.h"
#include "smtp/AddressParser.h"

#include <cstdint>

using RelayDesk::Smtp::AddressParser;

namespace {

/// What an accepted path must look like, whichever way it was written.
void checkAccepted(const AddressParser::Result& result, bool smtpUtf8)
{
    if (result.error != AddressParser::Error::None)
        return;
    if (result.nullPath) {
        FUZZ_CHECK(result.mailbox.isEmpty());
        return;
    }
    const QByteArray mailbox = result.mailbox.toUtf8();
    FUZZ_CHECK(!mailbox.isEmpty());
    FUZZ_CHECK(mailbox.size() <= AddressParser::MaxPath);
    // Nothing that could break the envelope of the upstream session or a
    // header line: no brackets, no line ends, no NUL.
    FUZZ_CHECK(!mailbox.contains('\r') && !mailbox.contains('\n') && !mailbox.contains('\0'));
    // Outside a quoted local part, nothing another parser could read as the
    // end of the path, a second '@' or the start of a quoted string.
    qsizetype domainStart = mailbox.lastIndexOf('@') + 1;
    if (mailbox.startsWith('"')) {
        for (qsizetype i = 1; i < mailbox.size(); ++i) {
            if (mailbox[i] == '\\') {
                ++i;
            } else if (mailbox[i] == '"') {
                domainStart = i + 2;
                break;
            }
        }
    }
    const QByteArray domain = mailbox.mid(domainStart);
    for (char c : {'<', '>', '"', '@'})
        FUZZ_CHECK(result.postmaster || !domain.contains(c));
    if (result.postmaster) {
        FUZZ_CHECK(mailbox == "postmaster");
        return;
    }
    FUZZ_CHECK(AddressParser::isValidMailbox(mailbox, smtpUtf8));
    // Round trip: the mailbox written back as a path is accepted as itself
    // (so the relay forwards exactly what it accepted, with no source route).
    const auto again = AddressParser::parseRcptTo("TO:<" + mailbox + ">", smtpUtf8);
    FUZZ_CHECK(again.error == AddressParser::Error::None);
    FUZZ_CHECK(again.mailbox == result.mailbox);
}

void checkLine(QByteArrayView line)
{
    bool smtpUtf8 = false;
    if (line.startsWith('8')) {
        smtpUtf8 = true;
        line = line.sliced(1);
    }
    const auto from = AddressParser::parseMailFrom(line);
    bool fromUtf8 = false;
    for (const auto& p : from.parameters) {
        FUZZ_CHECK(!p.keyword.isEmpty());
        FUZZ_CHECK(p.keyword == p.keyword.toUpper());
        FUZZ_CHECK(p.hasValue || p.value.isEmpty());
        if (p.keyword == "SMTPUTF8")
            fromUtf8 = true;
    }
    checkAccepted(from, fromUtf8);
    checkAccepted(AddressParser::parseRcptTo(line, smtpUtf8), smtpUtf8);

    if (AddressParser::isValidMailbox(line, smtpUtf8)) {
        FUZZ_CHECK(line.contains('@'));
        FUZZ_CHECK(!smtpUtf8 || line.isValidUtf8());
        for (char c : line)
            FUZZ_CHECK(smtpUtf8 || static_cast<unsigned char>(c) < 0x80);
    }
    if (AddressParser::isValidDomain(line, smtpUtf8)) {
        FUZZ_CHECK(line.size() <= AddressParser::MaxDomain);
        FUZZ_CHECK(!line.startsWith('.') && !line.endsWith('.') && !line.contains(".."));
    }
    if (AddressParser::isValidAddressLiteral(line))
        FUZZ_CHECK(line.startsWith('[') && line.endsWith(']'));
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
