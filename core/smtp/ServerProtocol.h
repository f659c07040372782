#pragma once

#include "ContentDecoder.h"
#include "ListenerSettings.h"
#include "ReceivedMessage.h"
#include "SaslExchange.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <functional>

namespace RelayDesk::Smtp {

/// The server side of SMTP (RFC 5321 with PIPELINING, SIZE, 8BITMIME,
/// ENHANCEDSTATUSCODES, SMTPUTF8, CHUNKING, STARTTLS and AUTH) as a pure
/// state machine: bytes come in through receive(), replies and requests go
/// out through Output, results of those requests come back through
/// tlsStarted()/authenticated()/submitted(). No sockets, timers or threads,
/// so every rule is testable by feeding bytes.
///
/// Each command has one entry in a table (verb, the states it is allowed in,
/// a check, an action); see ServerProtocol.cpp. While a request is pending
/// (AUTH check, queueing), pipelined input is buffered (bounded) and handled
/// when the result arrives. Input after STARTTLS is discarded.
class ServerProtocol
{
public:
    /// Where the protocol's output goes; implemented by ServerSession (and
    /// by tests). Calls happen synchronously from inside the protocol's
    /// methods; results must come back later, never from inside the call.
    class Output
    {
    public:
        virtual ~Output() = default;
        /// A complete reply, one or more CRLF-terminated lines.
        virtual void sendReply(const QByteArray& reply) = 0;
        /// Start the TLS handshake after the 220 that was just sent;
        /// answer with tlsStarted() (or close the connection on failure).
        virtual void startTls() = 0;
        /// Close the connection after the replies sent so far.
        virtual void close() = 0;
        /// Check credentials; answer with authenticated().
        virtual void authenticate(const QString& user, const QString& password) = 0;
        /// Queue a message; answer with submitted().
        virtual void submit(const ReceivedMessage& message) = 0;
        /// A command line for the transcript, AUTH payloads already masked.
        virtual void commandReceived(QByteArrayView line) { Q_UNUSED(line) }
    };

    /// What the protocol knows of the connection it serves.
    struct Session
    {
        ServerLimits limits;
        QString listenerName;
        QHostAddress clientAddress;
        quint16 clientPort = 0;
        bool relayAllowed = false; ///< host->isRelayAllowed(clientAddress)
        bool tlsAvailable = false; ///< the listener has a certificate
        bool requireAuth = false;
        bool allowPlainAuth = false;
        /// Current time (UTC) for Received: and receivedAt; tests pin it.
        std::function<QDateTime()> clock;
    };

    enum class State : quint8 {
        Connected,     ///< greeting not sent yet (implicit TLS handshake running)
        Greeted,       ///< waiting for EHLO/HELO
        Ready,         ///< EHLO/HELO done, no mail transaction
        MailGiven,     ///< MAIL accepted, no recipient yet
        RcptGiven,     ///< at least one recipient accepted
        ReadingData,   ///< message content after DATA
        ReadingChunk,  ///< octets of a BDAT chunk
        ChunkDone,     ///< between BDAT chunks of one message
        AuthResponse,  ///< waiting for a SASL continuation line
        WaitingTls,    ///< STARTTLS answered; handshake running
        WaitingAuth,   ///< host checks credentials
        WaitingSubmit, ///< host queues the message
        Closed,
    };

    /// What can happen to the protocol: a command, or a result from outside.
    enum class Event : quint8 {
        Ehlo,
        Helo,
        Mail,
        Rcpt,
        Data,
        Bdat,
        Rset,
        Noop,
        Quit,
        Help,
        Vrfy,
        Expn,
        StartTls,
        Auth,
        UnknownCommand,
        LineTooLong,
        SaslResponse,
        ContentComplete,
        TlsStarted,
        Authenticated,
        Submitted,
        TimedOut,
    };

    /// Limit on input buffered while a request is pending.
    static constexpr qsizetype MaxPendingInput = 256 * 1024;
    /// RFC 5321 4.5.3.1.4: 512 octets including CRLF.
    static constexpr qsizetype MaxCommandLine = 512;
    /// RFC 4954 4: 12288 octets for a SASL response line.
    static constexpr qsizetype MaxSaslLine = 12288;

    ServerProtocol(Output& output, Session session);

    /// Sends the greeting. tlsVersion is set when the connection is already
    /// encrypted (implicit TLS).
    void start(const QString& tlsVersion = {});
    void receive(QByteArrayView bytes);

    void tlsStarted(const QString& tlsVersion);
    void authenticated(bool ok);
    void submitted(const SubmitResult& result);
    /// The adapter's timer for timeoutMs() ran out: 421 4.4.2 and close.
    void timedOut();

    State state() const { return m_state; }
    /// The wait that applies now: data block timeout while content is
    /// expected, TLS handshake while it runs, command timeout otherwise.
    int timeoutMs() const;
    /// True while a request is out (TLS, AUTH, queueing): the adapter may
    /// stop reading the socket until it is answered.
    bool isWaiting() const;
    bool isClosed() const { return m_state == State::Closed; }
    bool isTlsActive() const { return m_tlsActive; }
    QString authUser() const { return m_authUser; }
    int messagesAccepted() const { return m_messagesAccepted; }
    int messagesRejected() const { return m_messagesRejected; }

    static const char* stateName(State state);

private:
    struct CommandRule;
    using Check = QByteArray (ServerProtocol::*)(QByteArrayView argument);
    using Action = void (ServerProtocol::*)(QByteArrayView argument);
    static const CommandRule s_rules[];

    void process(QByteArrayView bytes);
    QByteArrayView consumeLine(QByteArrayView bytes);
    void handleLine(QByteArrayView line);
    void handleCommand(QByteArrayView line);
    void dispatch(const CommandRule& rule, QByteArrayView argument);
    void reject(const CommandRule& rule, QByteArrayView argument, const QByteArray& reply);
    void bufferPending(QByteArrayView bytes);
    void resumeAfterWait();

    // Checks: empty result means go ahead, otherwise the error reply.
    QByteArray checkSequence(Event event) const;
    QByteArray checkEsmtp(QByteArrayView argument);
    QByteArray checkMail(QByteArrayView argument);
    QByteArray checkStartTls(QByteArrayView argument);
    QByteArray checkAuth(QByteArrayView argument);
    QByteArray checkNoArgument(QByteArrayView argument);

    // Actions.
    void doEhlo(QByteArrayView argument);
    void doHelo(QByteArrayView argument);
    void doMail(QByteArrayView argument);
    void doRcpt(QByteArrayView argument);
    void doData(QByteArrayView argument);
    void doBdat(QByteArrayView argument);
    void doRset(QByteArrayView argument);
    void doNoop(QByteArrayView argument);
    void doQuit(QByteArrayView argument);
    void doHelp(QByteArrayView argument);
    void doVrfy(QByteArrayView argument);
    void doExpn(QByteArrayView argument);
    void doStartTls(QByteArrayView argument);
    void doAuth(QByteArrayView argument);

    void applySasl(const SaslExchange::Step& step);
    void feedChunk(QByteArrayView bytes, qsizetype* consumed);
    void startChunk(qint64 size, bool last, const QByteArray& rejection);
    void finishChunk();
    void finishContent();
    QByteArray receivedHeader();

    bool authOffered() const;
    void resetTransaction();
    void resetSession();

    /// "code[ esc] text\r\n"; the enhanced code only after EHLO.
    QByteArray reply(int code, const char* enhanced, QByteArrayView text) const;
    void send(const QByteArray& reply);
    /// A negative reply to a client mistake: counts towards maxBadCommands.
    void sendError(const QByteArray& reply);
    void closeWith(const QByteArray& reply);

    Output& m_output;
    Session m_session;
    State m_state = State::Connected;

    // Input framing.
    QByteArray m_line;
    bool m_discardingLine = false;
    QByteArray m_pending;

    // Session.
    bool m_esmtp = false;
    bool m_tlsActive = false;
    QString m_tlsVersion;
    QString m_heloName;
    QString m_authUser;
    int m_badCommands = 0;
    int m_messagesAccepted = 0;
    int m_messagesRejected = 0;

    // SASL exchange in progress.
    SaslExchange m_sasl;
    QString m_saslUser; ///< whose credentials the host is checking

    // Mail transaction.
    QString m_sender;
    QStringList m_recipients;
    qint64 m_declaredSize = -1;
    bool m_eightBitMime = false;
    bool m_smtpUtf8 = false;
    bool m_chunking = false;
    ContentDecoder m_decoder;
    QDateTime m_receivedAt;

    // Current BDAT chunk.
    qint64 m_chunkRemaining = 0;
    bool m_chunkLast = false;
    QByteArray m_chunkRejection; ///< non-empty: chunk is read and discarded, then this reply
    State m_stateAfterRejectedChunk = State::Ready;
};

} // namespace RelayDesk::Smtp
