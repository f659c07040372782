// libFuzzer harness: a whole SMTP session through the ServerProtocol state
// machine, delivered in pieces whose boundaries the input decides, with the
// host's answers (TLS, AUTH, queueing) also decided by the input. Checks
// the relay's safety rules on every run:
//   - no message is queued for a client that may not relay and never
//     authenticated (never an open relay);
//   - every queued message has a sender path, recipients and canonical
//     content (CRLF only, lines of at most 998 octets);
//   - replies are well-formed ("ddd" SP/- text CRLF) and nothing is sent
//     after the connection was closed;
//   - nothing that arrived before the TLS handshake counts afterwards.
//
// Input: 4 header octets, then the client's bytes.
//   [0] bit 0 relay allowed, 1 TLS available, 2 AUTH required,
//       3 plain AUTH allowed, 4 credentials accepted, 5 queueing fails,
//       6 failure is permanent, 7 a timeout fires after the last piece
//   [1] largest piece (1..256 octets)
//   [2..3] seed for the piece sizes

#include "FuzzSupport.h"
#include "smtp/ServerProtocol.h"

#include <QDateTime>
#include <cstdint>
#include <optional>

using RelayDesk::Fuzz::headerByte;
using RelayDesk::Fuzz::Splitter;
using namespace RelayDesk::Smtp;

namespace {

class Host final : public ServerProtocol::Output
{
public:
    explicit Host(std::uint8_t flags) : m_flags(flags) {}

    void sendReply(const QByteArray& reply) override
    {
        FUZZ_CHECK(!m_closed);
        FUZZ_CHECK(reply.endsWith("\r\n"));
        // Every line: three digits, then SP or '-' (only the last has SP).
        const QList<QByteArray> lines = reply.chopped(2).split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray line = lines.at(i);
            if (i + 1 < lines.size()) {
                FUZZ_CHECK(line.endsWith('\r'));
                line.chop(1);
            }
            FUZZ_CHECK(line.size() >= 3);
            for (int d = 0; d < 3; ++d)
                FUZZ_CHECK(line[d] >= '0' && line[d] <= '9');
            FUZZ_CHECK(!line.contains('\r') && !line.contains('\0'));
            if (line.size() > 3)
                FUZZ_CHECK(line[3] == (i + 1 < lines.size() ? '-' : ' '));
        }
        ++m_replies;
    }
    void startTls() override
    {
        FUZZ_CHECK(!m_tlsRequested);
        m_tlsRequested = true;
    }
    void close() override
    {
        FUZZ_CHECK(!m_closed);
        m_closed = true;
    }
    void authenticate(const QString&, const QString&) override
    {
        FUZZ_CHECK(!m_authRequested);
        m_authRequested = true;
    }
    void submit(const ReceivedMessage& message) override
    {
        FUZZ_CHECK(!m_submitPending);
        m_submitPending = true;
        checkMessage(message);
    }

    /// Answers the requests made during the last receive(), as a real host
    /// does: later, never from inside the call.
    void answer(ServerProtocol& protocol)
    {
        for (;;) {
            if (m_tlsRequested) {
                m_tlsRequested = false;
                m_authenticatedOnce = false; // RFC 3207: the session starts over
                protocol.tlsStarted(QStringLiteral("TLSv1.3"));
            } else if (m_authRequested) {
                m_authRequested = false;
                const bool ok = m_flags & 0x10;
                if (ok)
                    m_authenticatedOnce = true;
                protocol.authenticated(ok);
            } else if (m_submitPending) {
                m_submitPending = false;
                SubmitResult result;
                result.ok = !(m_flags & 0x20);
                result.temporary = !(m_flags & 0x40);
                result.queueId = QStringLiteral("Q%1").arg(m_messages);
                protocol.submitted(result);
            } else {
                return;
            }
        }
    }

    bool closed() const { return m_closed; }
    int replies() const { return m_replies; }

private:
    void checkMessage(const ReceivedMessage& message)
    {
        ++m_messages;
        // Never an open relay.
        FUZZ_CHECK((m_flags & 0x01) || m_authenticatedOnce);
        if (!(m_flags & 0x01) || (m_flags & 0x04))
            FUZZ_CHECK(!message.authUser.isEmpty()); // AUTH required / not an allowed network
        FUZZ_CHECK(!message.recipients.isEmpty());
        FUZZ_CHECK(message.recipients.size() <= 5);
        FUZZ_CHECK(message.recipientDsn.size() == message.recipients.size());
        for (const QString& r : message.recipients)
            FUZZ_CHECK(!r.isEmpty() && !r.contains(QLatin1Char('\r')) &&
                       !r.contains(QLatin1Char('\n')) && !r.contains(QLatin1Char('>')));
        FUZZ_CHECK(!message.sender.contains(QLatin1Char('\r')) &&
                   !message.sender.contains(QLatin1Char('\n')));
        FUZZ_CHECK(!message.heloName.isEmpty());
        const QByteArray& content = message.content;
        FUZZ_CHECK(content.startsWith("Received: "));
        FUZZ_CHECK(content.endsWith("\r\n"));
        qsizetype lineLength = 0;
        for (qsizetype i = 0; i < content.size(); ++i) {
            if (content[i] == '\r') {
                FUZZ_CHECK(i + 1 < content.size() && content[i + 1] == '\n');
                ++i;
                lineLength = 0;
            } else {
                FUZZ_CHECK(content[i] != '\n');
                FUZZ_CHECK(++lineLength <= 998);
            }
        }
        FUZZ_CHECK(content.size() <= 3 * 64 * 1024);
    }

    std::uint8_t m_flags;
    bool m_closed = false;
    bool m_tlsRequested = false;
    bool m_authRequested = false;
    bool m_submitPending = false;
    bool m_authenticatedOnce = false;
    int m_replies = 0;
    int m_messages = 0;
};

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
    const std::uint8_t flags = headerByte(header, 0);

    ServerProtocol::Session session;
    session.limits.hostname = QStringLiteral("relay.test");
    session.limits.maxMessageSize = 64 * 1024; // small, so the fuzzer reaches the limit
    session.limits.maxRecipients = 5;
    session.listenerName = QStringLiteral("lan");
    session.clientAddress = QHostAddress(QStringLiteral("192.0.2.10"));
    session.clientPort = 40000;
    session.relayAllowed = flags & 0x01;
    session.tlsAvailable = flags & 0x02;
    session.requireAuth = flags & 0x04;
    session.allowPlainAuth = flags & 0x08;
    static const QDateTime pinned = QDateTime::fromSecsSinceEpoch(1'795'000'000, Qt::UTC);
    session.clock = [] { return pinned; };

    Host host(flags);
    ServerProtocol protocol(host, session);
    protocol.start();
    FUZZ_CHECK(host.replies() == 1);
    Splitter splitter(bytes, headerByte(header, 2) << 8 | headerByte(header, 3),
                      1 + headerByte(header, 1));
    while (!splitter.atEnd() && !protocol.isClosed()) {
        protocol.receive(splitter.next());
        host.answer(protocol);
    }
    if ((flags & 0x80) && !protocol.isClosed()) {
        protocol.timedOut();
        host.answer(protocol);
    }
    FUZZ_CHECK(protocol.isClosed() == host.closed());
    FUZZ_CHECK(protocol.timeoutMs() > 0);
    return 0;
}
