#pragma once

#include "LineReader.h"
#include "ListenerSettings.h"
#include "MailTransaction.h"
#include "ReceivedMessage.h"
#include "SaslExchange.h"
#include "ServerReply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace RelayDesk::Smtp {

/// The server side of SMTP (RFC 5321 with PIPELINING, SIZE, 8BITMIME,
/// ENHANCEDSTATUSCODES, SMTPUTF8, CHUNKING, DSN, STARTTLS and AUTH) as a pure
/// state machine: bytes come in through receive(), replies and requests go
/// out through Output, results of those requests come back through
/// tlsStarted()/authenticated()/submitted(). No sockets, timers or threads,
/// so every rule is testable by feeding bytes.
///
/// Each command has one entry in a table (verb, the states it is allowed in,
/// a check, an action); see ServerProtocol.cpp. While a request is pending
/// (AUTH check, queueing), pipelined input is buffered (bounded) and handled
/// when the result arrives. Input after STARTTLS is discarded.
///
/// Helpers keep this class to the session: LineReader cuts command lines,
/// CommandChecks holds the preconditions and sequence errors, MailTransaction
/// the envelope, the content and its size, ServerCapabilities the EHLO reply.
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
        /// The host's abuse policy (issue 5; see SessionHost): a refusal
        /// to send instead of going on, std::nullopt to go on. Before AUTH;
        /// after MAIL FROM passed the protocol's checks; before RCPT TO is
        /// looked at (so a recipient over the rate is never accepted).
        virtual std::optional<ServerReply> checkAuth() { return std::nullopt; }
        virtual std::optional<ServerReply> checkMail(const QString& authUser, const QString& sender)
        {
            Q_UNUSED(authUser)
            Q_UNUSED(sender)
            return std::nullopt;
        }
        virtual std::optional<ServerReply> checkRcpt(const QString& authUser)
        {
            Q_UNUSED(authUser)
            return std::nullopt;
        }
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
    /// RFC 5321 4.5.3.1.4: 512 octets including CRLF for a command line.
    static constexpr qsizetype MaxCommandLine = 512;
    /// Extensions raise that for MAIL and RCPT only: SIZE= 26 (RFC 1870),
    /// SMTPUTF8 10 (RFC 6531), AUTH= 500 (RFC 4954), an ENVID= of up to 100
    /// and an ORCPT= of up to 500 characters (RFC 3461). 2048 (Postfix's line
    /// limit) leaves room for all of them; it also bounds the line buffer.
    static constexpr qsizetype MaxMailRcptLine = 2048;
    /// RFC 4954 4: 12288 octets for a SASL response line.
    static constexpr qsizetype MaxSaslLine = 12288;
    /// Content over the size limit is read and dropped so that the client
    /// gets its 552 in step, but not without end: beyond twice the limit
    /// plus this much, the session answers 552 at once and closes (an
    /// endless DATA or a huge BDAT count would otherwise hold a session
    /// forever, since a client that keeps sending never times out).
    static constexpr qint64 MaxDiscardSlack = 1024 * 1024;

    ServerProtocol(Output& output, Session session);

    /// Sends the greeting. tlsVersion is set when the connection is already
    /// encrypted (implicit TLS).
    void start(const QString& tlsVersion = {});
    void receive(QByteArrayView bytes);

    void tlsStarted(const QString& tlsVersion);
    void authenticated(bool ok);
    /// The credentials were right but the host refuses the login now (e.g.
    /// 454 4.7.0: the account has its maximum of sessions): sends the
    /// refusal; the session stays unauthenticated and goes on.
    void authenticationRefused(const ServerReply& refusal);
    void submitted(const SubmitResult& result);
    /// The adapter's timer for timeoutMs() ran out. The client was too slow:
    /// 421 4.4.2 and close. The host was too slow (AUTH check, queueing):
    /// 454 4.7.0 / 451 4.3.0, the session goes on and a late result is ignored.
    void timedOut();

    State state() const { return m_state; }
    /// The wait that applies now: data block timeout while content is
    /// expected, TLS handshake while it runs, the host-wait bound while the
    /// host checks credentials or queues a message (the client is not to
    /// blame for that), command timeout otherwise.
    int timeoutMs() const;
    /// True while a request is out (TLS, AUTH, queueing): the adapter may
    /// stop reading the socket until it is answered.
    bool isWaiting() const;
    /// True while the host has an AUTH check or a message to answer.
    bool isWaitingForHost() const;
    bool isClosed() const { return m_state == State::Closed; }
    bool isTlsActive() const { return m_tlsActive; }
    QString authUser() const { return m_authUser; }
    int messagesAccepted() const { return m_messagesAccepted; }
    int messagesRejected() const { return m_messagesRejected; }

    static const char* stateName(State state);

private:
    struct CommandRule;
    using Action = void (ServerProtocol::*)(QByteArrayView argument);
    static const CommandRule s_rules[];

    QByteArrayView consumeLine(QByteArrayView bytes);
    void handleLine(QByteArrayView line);
    void handleCommand(QByteArrayView line);
    void dispatch(const CommandRule& rule, QByteArrayView argument);
    void reject(const CommandRule& rule, QByteArrayView argument, const QByteArray& reply);
    void bufferPending(QByteArrayView bytes);
    void resumeAfterWait();

    // Actions.
    void doEhlo(QByteArrayView argument);
    void doHelo(QByteArrayView argument);
    void greet(QByteArrayView argument, bool esmtp);
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
    void startChunk(qint64 size, bool last, const QByteArray& rejection);
    /// More content was dropped than MaxDiscardSlack allows (see there).
    bool isEndlessContent() const;
    void finishChunk();
    void finishContent();
    /// The session's part of what is recorded with a message.
    MailTransaction::Origin origin() const;

    bool authOffered() const;
    void resetTransaction();
    void resetSession();

    /// "code[ esc] text\r\n"; the enhanced code only after EHLO.
    QByteArray reply(int code, const char* enhanced, QByteArrayView text) const;
    QByteArray format(const ServerReply& verdict) const;
    /// Sends a helper's verdict; a client error counts towards maxBadCommands.
    void answer(const ServerReply& verdict);
    void send(const QByteArray& reply);
    /// A negative reply to a client mistake: counts towards maxBadCommands.
    void sendError(const QByteArray& reply);
    void closeWith(const QByteArray& reply);

    Output& m_output;
    Session m_session;
    State m_state = State::Connected;

    // Input framing.
    LineReader m_lineReader;
    QByteArray m_pending; ///< input that arrived while a request was pending

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

    MailTransaction m_transaction;

    // A refused BDAT chunk is read and discarded, then answered with this.
    QByteArray m_chunkRejection;
    qint64 m_rejectedChunkOctets = 0; ///< read of the refused chunk so far
    State m_stateAfterRejectedChunk = State::Ready;
};

} // namespace RelayDesk::Smtp
