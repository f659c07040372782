#pragma once

#include <QByteArrayView>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

/// Shared by the fuzz harnesses (tests/fuzz): a check that aborts with a
/// message (libFuzzer and the replay main both treat an abort as a finding),
/// and a splitter that cuts the input into pieces whose sizes the input
/// itself decides, so that the fuzzer can drive chunk boundaries.
namespace RelayDesk::Fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line)
{
    std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
    std::abort();
}

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::RelayDesk::Fuzz::fail(#condition, __FILE__, __LINE__);                               \
    } while (false)

/// Cuts bytes into consecutive pieces of 1..maxPiece octets. The sizes come
/// from a xorshift generator seeded by the harness from input bytes: the same
/// input always gives the same cut, and a mutated seed gives another one.
class Splitter
{
public:
    Splitter(QByteArrayView bytes, std::uint32_t seed, qsizetype maxPiece)
        : m_bytes(bytes), m_state(seed | 1u), m_maxPiece(maxPiece < 1 ? 1 : maxPiece)
    {}

    bool atEnd() const { return m_bytes.isEmpty(); }

    QByteArrayView next()
    {
        const qsizetype size = qMin<qsizetype>(m_bytes.size(), 1 + random() % m_maxPiece);
        const QByteArrayView piece = m_bytes.first(size);
        m_bytes = m_bytes.sliced(size);
        return piece;
    }

    std::uint32_t random()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }

private:
    QByteArrayView m_bytes;
    std::uint32_t m_state;
    qsizetype m_maxPiece;
};

/// Reads the harness's header bytes; zero when the input is shorter.
inline std::uint8_t headerByte(QByteArrayView input, qsizetype index)
{
    return index < input.size() ? static_cast<std::uint8_t>(input[index]) : 0;
}

} // namespace RelayDesk::Fuzz
