// libFuzzer harness: the DATA/BDAT reader. Message content through
// ContentDecoder and command lines through LineReader, each fed twice: in one
// piece and in pieces whose boundaries the input decides. Both ways must give
// the same result (a chunk boundary must never change the framing, the core
// of SMTP smuggling defence), and the result must be canonical content.
//
// Input: 4 header octets, then the client's bytes.
//   [0] bit 0: BDAT (chunks) instead of DATA; bits 1-7: size limit selector
//   [1] largest piece (1..256 octets)
//   [2..3] seed for the piece sizes

#include "FuzzSupport.h"
#include "smtp/ContentDecoder.h"
#include "smtp/LineReader.h"

#include <QList>
#include <cstdint>

using RelayDesk::Fuzz::headerByte;
using RelayDesk::Fuzz::Splitter;
using RelayDesk::Smtp::ContentDecoder;
using RelayDesk::Smtp::LineReader;

namespace {

struct Decoded
{
    QByteArray content;
    qsizetype consumed = 0;
    bool complete = false;
    bool overflowed = false;
    qint64 size = 0;
    int normalised = 0;
    int folded = 0;
};

const QByteArray kPrefix = "Received: from fuzz\r\n";

Decoded decode(ContentDecoder::Mode mode, qint64 maxSize, QByteArrayView bytes, Splitter* splitter)
{
    ContentDecoder decoder;
    decoder.begin(mode, maxSize, kPrefix, 64);
    Decoded out;
    auto feed = [&](QByteArrayView piece) {
        const qsizetype used = decoder.feed(piece);
        FUZZ_CHECK(used >= 0 && used <= piece.size());
        out.consumed += used;
        // DATA stops right after the end marker; BDAT takes every octet.
        FUZZ_CHECK(used == piece.size() || decoder.isComplete());
        FUZZ_CHECK(mode == ContentDecoder::Mode::Data || used == piece.size());
    };
    if (splitter) {
        while (!splitter->atEnd() && !decoder.isComplete())
            feed(splitter->next());
    } else {
        feed(bytes);
    }
    if (mode == ContentDecoder::Mode::Chunks)
        decoder.finishChunks();
    out.complete = decoder.isComplete();
    out.overflowed = decoder.isOverflowed();
    out.size = decoder.size();
    out.normalised = decoder.normalisedLineEnds();
    out.folded = decoder.foldedLongLines();
    out.content = decoder.takeContent();
    return out;
}

void checkCanonical(const Decoded& d, ContentDecoder::Mode mode, qint64 maxSize,
                    QByteArrayView input)
{
    if (d.overflowed) {
        FUZZ_CHECK(d.size > maxSize);
        FUZZ_CHECK(d.content.isEmpty()); // nothing kept beyond the limit
        return;
    }
    FUZZ_CHECK(d.size <= maxSize);
    FUZZ_CHECK(d.content.startsWith(kPrefix));
    const QByteArrayView body = QByteArrayView(d.content).sliced(kPrefix.size());
    // Bounded: at most a CRLF per sent octet plus the folds.
    FUZZ_CHECK(body.size() <=
               2 * d.size + 3 * (d.size / (ContentDecoder::MaxLineLength - 1) + 1) + 2);
    // CRLF line ends only, lines of at most 998 octets.
    qsizetype lineLength = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\r') {
            FUZZ_CHECK(i + 1 < body.size() && body[i + 1] == '\n');
            ++i;
            lineLength = 0;
            continue;
        }
        FUZZ_CHECK(c != '\n');
        ++lineLength;
        FUZZ_CHECK(lineLength <= ContentDecoder::MaxLineLength);
    }
    if (mode == ContentDecoder::Mode::Chunks || d.complete)
        FUZZ_CHECK(body.isEmpty() || body.endsWith("\r\n"));
    if (mode == ContentDecoder::Mode::Data && d.complete) {
        // Only CRLF "." CRLF ends DATA (or "." CRLF as the very first line,
        // the CRLF of the DATA command being the first half).
        const QByteArrayView used = input.first(d.consumed);
        FUZZ_CHECK(used.endsWith("\r\n.\r\n") || used == ".\r\n");
        // A dot line inside the content comes out dot-stuffing-free but is
        // kept: re-stuffed on the way out, it cannot end the message early.
    }
}

void checkContent(QByteArrayView header, QByteArrayView bytes)
{
    const auto mode =
        (headerByte(header, 0) & 1) ? ContentDecoder::Mode::Chunks : ContentDecoder::Mode::Data;
    static constexpr qint64 limits[] = {0, 1, 5, 64, 1000, 4096, 1 << 20};
    const qint64 maxSize = limits[(headerByte(header, 0) >> 1) % std::size(limits)];
    const qsizetype maxPiece = 1 + headerByte(header, 1);
    const std::uint32_t seed = headerByte(header, 2) << 8 | headerByte(header, 3);

    const Decoded whole = decode(mode, maxSize, bytes, nullptr);
    Splitter splitter(bytes, seed, maxPiece);
    const Decoded pieces = decode(mode, maxSize, bytes, &splitter);
    checkCanonical(whole, mode, maxSize, bytes);
    FUZZ_CHECK(whole.consumed == pieces.consumed);
    FUZZ_CHECK(whole.complete == pieces.complete);
    FUZZ_CHECK(whole.overflowed == pieces.overflowed);
    FUZZ_CHECK(whole.size == pieces.size);
    FUZZ_CHECK(whole.normalised == pieces.normalised);
    FUZZ_CHECK(whole.folded == pieces.folded);
    FUZZ_CHECK(whole.content == pieces.content);
}

struct LineResult
{
    LineReader::Status status;
    QByteArray line;
    bool operator==(const LineResult&) const = default;
};

QList<LineResult> readLines(QByteArrayView bytes, qsizetype limit, Splitter* splitter)
{
    LineReader reader(64);
    QList<LineResult> out;
    auto feed = [&](QByteArrayView piece) {
        while (!piece.isEmpty()) {
            const LineReader::Step step = reader.read(piece, limit);
            FUZZ_CHECK(step.consumed > 0 && step.consumed <= piece.size());
            if (step.status != LineReader::Status::Incomplete) {
                FUZZ_CHECK(piece[step.consumed - 1] == '\n');
                out.append({step.status, step.line.toByteArray()});
            } else {
                FUZZ_CHECK(step.consumed == piece.size());
            }
            piece = piece.sliced(step.consumed);
        }
    };
    if (splitter) {
        while (!splitter->atEnd())
            feed(splitter->next());
    } else {
        feed(bytes);
    }
    return out;
}

void checkLines(QByteArrayView header, QByteArrayView bytes)
{
    static constexpr qsizetype limits[] = {2, 3, 16, 512, 2048};
    const qsizetype limit = limits[headerByte(header, 1) % std::size(limits)];
    const QList<LineResult> whole = readLines(bytes, limit, nullptr);
    Splitter splitter(bytes, headerByte(header, 3) << 8 | headerByte(header, 2),
                      1 + headerByte(header, 1));
    FUZZ_CHECK(readLines(bytes, limit, &splitter) == whole);
    // Against the plain definition: split at LF, drop one CR before it.
    qsizetype index = 0;
    QByteArrayView rest = bytes;
    while (true) {
        const qsizetype lf = rest.indexOf('\n');
        if (lf < 0)
            break;
        QByteArrayView line = rest.first(lf);
        rest = rest.sliced(lf + 1);
        FUZZ_CHECK(index < whole.size());
        const LineResult& got = whole.at(index++);
        if (line.size() + 1 > limit) {
            FUZZ_CHECK(got.status == LineReader::Status::TooLong);
            continue;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        FUZZ_CHECK(got.status == LineReader::Status::Line);
        FUZZ_CHECK(got.line == line);
    }
    FUZZ_CHECK(index == whole.size());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    const QByteArrayView header = input.first(qMin<qsizetype>(4, input.size()));
    const QByteArrayView bytes = input.sliced(header.size());
    checkContent(header, bytes);
    checkLines(header, bytes);
    return 0;
}
