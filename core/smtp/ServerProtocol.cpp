#include "ServerProtocol.h"

#include "AddressParser.h"
#include "CommandChecks.h"
#include "CommandParser.h"
#include "ServerCapabilities.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace RelayDesk::Smtp {

using State = ServerProtocol::State;
using Event = ServerProtocol::Event;

namespace {

constexpr quint32 bit(State state)
{
    return 1u << static_cast<quint32>(state);
}

// States in which a command line is a command (not content, not SASL).
constexpr quint32 AnyCommandState = bit(State::Greeted) | bit(State::Ready) |
                                    bit(State::MailGiven) | bit(State::RcptGiven) |
                                    bit(State::ChunkDone);

} // namespace

struct ServerProtocol::CommandRule
{
    QByteArrayView verb;
    Event event;
    quint32 allowedStates;
    CommandChecks::Check check; ///< may be null
    Action action;
};

// The whole command set at a glance: where each command is allowed, what is
// checked before it runs, and what it does. Wrong state ->
// CommandChecks::sequence().
const ServerProtocol::CommandRule ServerProtocol::s_rules[] = {
    {"EHLO", Event::Ehlo, AnyCommandState, nullptr, &ServerProtocol::doEhlo},
    {"HELO", Event::Helo, AnyCommandState, nullptr, &ServerProtocol::doHelo},
    {"MAIL", Event::Mail, bit(State::Ready), &CommandChecks::mail, &ServerProtocol::doMail},
    {"RCPT", Event::Rcpt, bit(State::MailGiven) | bit(State::RcptGiven), nullptr,
     &ServerProtocol::doRcpt},
    {"DATA", Event::Data, bit(State::RcptGiven), &CommandChecks::noArgument,
     &ServerProtocol::doData},
    {"BDAT", Event::Bdat, bit(State::RcptGiven) | bit(State::ChunkDone), &CommandChecks::esmtp,
     &ServerProtocol::doBdat},
    {"RSET", Event::Rset, AnyCommandState, &CommandChecks::noArgument, &ServerProtocol::doRset},
    {"NOOP", Event::Noop, AnyCommandState, nullptr, &ServerProtocol::doNoop},
    {"QUIT", Event::Quit, AnyCommandState, nullptr, &ServerProtocol::doQuit},
    {"HELP", Event::Help, AnyCommandState, nullptr, &ServerProtocol::doHelp},
    {"VRFY", Event::Vrfy, AnyCommandState, nullptr, &ServerProtocol::doVrfy},
    {"EXPN", Event::Expn, AnyCommandState, nullptr, &ServerProtocol::doExpn},
    {"STARTTLS", Event::StartTls, bit(State::Ready), &CommandChecks::startTls,
     &ServerProtocol::doStartTls},
    {"AUTH", Event::Auth, bit(State::Ready), &CommandChecks::auth, &ServerProtocol::doAuth},
};

ServerProtocol::ServerProtocol(Output& output, Session session)
    : m_output(output), m_session(std::move(session)), m_lineReader(MaxMailRcptLine),
      m_transaction(m_session.limits)
{}

void ServerProtocol::start(const QString& tlsVersion)
{
    if (m_state != State::Connected)
        return;
    if (!tlsVersion.isEmpty()) {
        m_tlsActive = true;
        m_tlsVersion = tlsVersion;
    }
    m_state = State::Greeted;
    send("220 " + m_session.limits.hostname.toUtf8() + " ESMTP RelayDesk\r\n");
}

void ServerProtocol::receive(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::ReadingData:
            bytes = bytes.sliced(m_transaction.feedData(bytes));
            if (m_transaction.isDataComplete())
                finishContent();
            else if (isEndlessContent())
                closeWith(reply(552, "5.3.4", "Error: message size exceeds fixed limit; closing"));
            break;
        case State::ReadingChunk: {
            const qsizetype used = m_transaction.feedChunk(bytes);
            bytes = bytes.sliced(used);
            if (!m_chunkRejection.isEmpty())
                m_rejectedChunkOctets += used;
            if (m_transaction.isChunkComplete())
                finishChunk();
            else if (isEndlessContent())
                closeWith(reply(552, "5.3.4", "Error: message size exceeds fixed limit; closing"));
            break;
        }
        case State::WaitingAuth:
        case State::WaitingSubmit:
            bufferPending(bytes);
            return;
        case State::Connected:
        case State::WaitingTls: // CVE-2011-0411: what came with STARTTLS is dropped
        case State::Closed:
            return;
        case State::Greeted:
        case State::Ready:
        case State::MailGiven:
        case State::RcptGiven:
        case State::ChunkDone:
        case State::AuthResponse:
            bytes = consumeLine(bytes);
            break;
        }
    }
}

QByteArrayView ServerProtocol::consumeLine(QByteArrayView bytes)
{
    const bool sasl = m_state == State::AuthResponse;
    const LineReader::Step step = m_lineReader.read(bytes, sasl ? MaxSaslLine : MaxMailRcptLine);
    if (step.status == LineReader::Status::Line) {
        handleLine(step.line);
    } else if (step.status == LineReader::Status::TooLong && sasl) {
        m_sasl.reset();
        m_state = State::Ready;
        sendError(reply(500, "5.5.6", "Authentication exchange line is too long"));
    } else if (step.status == LineReader::Status::TooLong) {
        m_output.commandReceived("<line too long>");
        sendError(reply(500, "5.5.2", "Line too long"));
    }
    return bytes.sliced(step.consumed);
}

void ServerProtocol::handleLine(QByteArrayView line)
{
    if (m_state == State::AuthResponse) {
        m_output.commandReceived("***");
        applySasl(m_sasl.respond(line));
        return;
    }
    handleCommand(line);
}

void ServerProtocol::handleCommand(QByteArrayView line)
{
    // The reader allowed up to MaxMailRcptLine; only MAIL and RCPT may use
    // more than the base 512 octets (line excludes its CRLF).
    if (line.size() + 2 > MaxCommandLine) {
        const QByteArrayView verb = line.first(qMin<qsizetype>(4, line.size()));
        const bool extended = verb.compare("MAIL", Qt::CaseInsensitive) == 0 ||
                              verb.compare("RCPT", Qt::CaseInsensitive) == 0;
        if (!extended) {
            m_output.commandReceived("<line too long>");
            sendError(reply(500, "5.5.2", "Line too long"));
            return;
        }
    }
    const auto command = CommandParser::parse(line);
    if (!command) {
        m_output.commandReceived(line);
        sendError(reply(500, "5.5.2", "Error: bad syntax"));
        return;
    }
    const CommandRule* rule = nullptr;
    for (const CommandRule& candidate : s_rules) {
        if (candidate.verb.compare(command->verb, Qt::CaseInsensitive) == 0) {
            rule = &candidate;
            break;
        }
    }
    if (rule && rule->event == Event::Auth && command->argument.contains(' ')) {
        // Never let an initial response (a password) reach the transcript.
        const QByteArrayView argument = command->argument;
        m_output.commandReceived("AUTH " + argument.first(argument.indexOf(' ')).toByteArray() +
                                 " ***");
    } else {
        m_output.commandReceived(line);
    }
    if (!rule) {
        sendError(reply(500, "5.5.2", "Error: command not recognized"));
        return;
    }
    dispatch(*rule, command->argument);
}

void ServerProtocol::dispatch(const CommandRule& rule, QByteArrayView argument)
{
    const CommandChecks::Context context{m_state,
                                         m_esmtp,
                                         m_tlsActive,
                                         m_session.tlsAvailable,
                                         !m_authUser.isEmpty(),
                                         authOffered(),
                                         m_session.requireAuth};
    if (!(rule.allowedStates & bit(m_state))) {
        reject(rule, argument, format(CommandChecks::sequence(rule.event, context)));
        return;
    }
    if (const auto refusal = rule.check ? rule.check(context, argument) : std::nullopt) {
        reject(rule, argument, format(*refusal));
        return;
    }
    (this->*rule.action)(argument);
}

void ServerProtocol::reject(const CommandRule& rule, QByteArrayView argument,
                            const QByteArray& reply)
{
    if (rule.event != Event::Bdat) {
        sendError(reply);
        return;
    }
    // RFC 3030 2: a refused BDAT chunk is still read (and dropped) before
    // the reply, or its octets would be taken for commands.
    const auto bdat = CommandParser::parseBdat(argument);
    if (!bdat) {
        closeWith(this->reply(501, "5.5.4", "Syntax: BDAT count [LAST]; closing"));
        return;
    }
    startChunk(bdat->size, bdat->last, reply);
}

void ServerProtocol::bufferPending(QByteArrayView bytes)
{
    if (m_pending.size() + bytes.size() > MaxPendingInput) {
        m_pending.clear();
        closeWith(reply(421, "4.7.0", "Error: too much pipelined input"));
        return;
    }
    m_pending.append(bytes);
}

void ServerProtocol::resumeAfterWait()
{
    if (m_pending.isEmpty())
        return;
    const QByteArray pending = std::exchange(m_pending, QByteArray());
    receive(pending);
}

void ServerProtocol::doEhlo(QByteArrayView argument)
{
    greet(argument, true);
}

void ServerProtocol::doHelo(QByteArrayView argument)
{
    greet(argument, false);
}

void ServerProtocol::greet(QByteArrayView argument, bool esmtp)
{
    if (!CommandParser::isValidHeloName(argument)) {
        sendError(reply(501, "5.5.2", esmtp ? "Syntax: EHLO hostname" : "Syntax: HELO hostname"));
        return;
    }
    resetTransaction();
    m_esmtp = esmtp;
    m_heloName = QString::fromLatin1(argument);
    m_state = State::Ready;
    if (!esmtp) {
        send("250 " + m_session.limits.hostname.toUtf8() + "\r\n");
        return;
    }
    send(ServerCapabilities::ehloReply({m_session.limits.hostname, m_session.limits.maxMessageSize,
                                        m_session.tlsAvailable && !m_tlsActive, authOffered()}));
}

void ServerProtocol::doMail(QByteArrayView argument)
{
    const ServerReply verdict = m_transaction.mail(argument, m_esmtp);
    if (verdict.accepted()) {
        const QString sender = AddressParser::parseMailFrom(argument).mailbox;
        if (const auto refusal = m_output.checkMail(m_authUser, sender)) {
            resetTransaction();
            answer(*refusal);
            return;
        }
        m_state = State::MailGiven;
    }
    answer(verdict);
}

void ServerProtocol::doRcpt(QByteArrayView argument)
{
    if (const auto refusal = m_output.checkRcpt(m_authUser)) {
        answer(*refusal);
        return;
    }
    const ServerReply verdict =
        m_transaction.rcpt(argument, m_esmtp, m_session.relayAllowed || !m_authUser.isEmpty());
    if (verdict.accepted())
        m_state = State::RcptGiven;
    answer(verdict);
}

void ServerProtocol::doData(QByteArrayView)
{
    m_transaction.beginData(origin());
    m_state = State::ReadingData;
    send("354 End data with <CR><LF>.<CR><LF>\r\n");
}

void ServerProtocol::doBdat(QByteArrayView argument)
{
    const auto bdat = CommandParser::parseBdat(argument);
    if (!bdat) {
        // The chunk size is unknown, so the following octets cannot be told
        // apart from commands: the only safe way on is to hang up.
        closeWith(reply(501, "5.5.4", "Syntax: BDAT count [LAST]; closing"));
        return;
    }
    startChunk(bdat->size, bdat->last, {});
}

void ServerProtocol::startChunk(qint64 size, bool last, const QByteArray& rejection)
{
    m_chunkRejection = rejection;
    m_rejectedChunkOctets = 0;
    if (!rejection.isEmpty()) {
        m_stateAfterRejectedChunk = m_state;
    } else if (!m_transaction.isChunking()) {
        m_transaction.beginChunks(origin(), size);
    }
    m_transaction.beginChunk(size, last, !rejection.isEmpty());
    m_state = State::ReadingChunk;
    if (size == 0)
        finishChunk();
}

bool ServerProtocol::isEndlessContent() const
{
    // (Capped so that the doubling cannot overflow.)
    const qint64 limit = std::min<qint64>(m_session.limits.maxMessageSize, qint64(1) << 40);
    const qint64 bound = 2 * limit + MaxDiscardSlack;
    if (!m_chunkRejection.isEmpty())
        return m_rejectedChunkOctets > bound;
    return m_transaction.size() > bound;
}

void ServerProtocol::finishChunk()
{
    if (!m_chunkRejection.isEmpty()) {
        m_state = m_stateAfterRejectedChunk;
        sendError(std::exchange(m_chunkRejection, QByteArray()));
        return;
    }
    if (m_transaction.isLastChunk()) {
        m_transaction.finishChunks();
        finishContent();
        return;
    }
    m_state = State::ChunkDone;
    if (m_transaction.isOverflowed()) {
        send(reply(552, "5.3.4", "Error: message size exceeds fixed limit"));
        return;
    }
    send(reply(250, "2.0.0", QByteArray::number(m_transaction.size()) + " octets received"));
}

void ServerProtocol::finishContent()
{
    if (m_transaction.isOverflowed()) {
        ++m_messagesRejected;
        resetTransaction();
        send(reply(552, "5.3.4", "Error: message size exceeds fixed limit"));
        return;
    }
    // Invariant 1: no 250 until the host says the message is durable.
    m_state = State::WaitingSubmit;
    m_output.submit(m_transaction.takeMessage());
}

void ServerProtocol::submitted(const SubmitResult& result)
{
    if (m_state != State::WaitingSubmit)
        return;
    resetTransaction();
    if (result.ok) {
        ++m_messagesAccepted;
        send(reply(250, "2.0.0", "Ok: queued as " + result.queueId.toUtf8()));
    } else if (result.temporary) {
        ++m_messagesRejected;
        send(reply(451, "4.3.0", "Error: temporary local problem, try again later"));
    } else {
        ++m_messagesRejected;
        send(reply(554, "5.3.0", "Error: message not accepted"));
    }
    resumeAfterWait();
}

void ServerProtocol::doRset(QByteArrayView)
{
    resetTransaction();
    send(reply(250, "2.0.0", "Ok"));
}

void ServerProtocol::doNoop(QByteArrayView)
{
    send(reply(250, "2.0.0", "Ok"));
}

void ServerProtocol::doQuit(QByteArrayView)
{
    closeWith(reply(221, "2.0.0", "Bye"));
}

void ServerProtocol::doHelp(QByteArrayView)
{
    send(reply(214, "2.0.0", ServerCapabilities::helpText()));
}

void ServerProtocol::doVrfy(QByteArrayView argument)
{
    if (argument.isEmpty()) {
        sendError(reply(501, "5.5.4", "Syntax: VRFY address"));
        return;
    }
    // No user enumeration: the answer is the same for every address.
    send(reply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"));
}

void ServerProtocol::doExpn(QByteArrayView)
{
    send(reply(502, "5.5.1", "Error: EXPN not available"));
}

void ServerProtocol::doStartTls(QByteArrayView)
{
    send(reply(220, "2.0.0", "Ready to start TLS"));
    m_state = State::WaitingTls;
    // CVE-2011-0411: anything pipelined behind STARTTLS must not be taken
    // as if it had arrived over TLS.
    m_lineReader.clear();
    m_pending.clear();
    m_output.startTls();
}

void ServerProtocol::tlsStarted(const QString& tlsVersion)
{
    if (m_state != State::WaitingTls)
        return;
    m_tlsActive = true;
    m_tlsVersion = tlsVersion;
    resetSession(); // RFC 3207 4.2: forget everything, EHLO again
}

void ServerProtocol::doAuth(QByteArrayView argument)
{
    if (const auto refusal = m_output.checkAuth()) {
        answer(*refusal);
        return;
    }
    const auto auth = CommandParser::parseAuth(argument);
    if (!auth) {
        sendError(reply(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]"));
        return;
    }
    applySasl(m_sasl.start(auth->mechanism, auth->hasInitialResponse, auth->initialResponse));
}

void ServerProtocol::applySasl(const SaslExchange::Step& step)
{
    switch (step.outcome) {
    case SaslExchange::Outcome::Challenge:
        m_state = State::AuthResponse;
        send("334 " + step.challenge + "\r\n");
        return;
    case SaslExchange::Outcome::Credentials:
        m_saslUser = step.user;
        m_state = State::WaitingAuth;
        m_output.authenticate(step.user, step.password);
        return;
    case SaslExchange::Outcome::Failed:
        m_state = State::Ready;
        sendError(reply(step.code, step.enhanced, step.text));
        return;
    }
}

void ServerProtocol::authenticated(bool ok)
{
    if (m_state != State::WaitingAuth)
        return;
    m_state = State::Ready;
    const QString user = std::exchange(m_saslUser, QString());
    if (ok) {
        m_authUser = user;
        send(reply(235, "2.7.0", "Authentication successful"));
    } else {
        sendError(reply(535, "5.7.8", "Error: authentication failed"));
    }
    resumeAfterWait();
}

void ServerProtocol::authenticationRefused(const ServerReply& refusal)
{
    if (m_state != State::WaitingAuth)
        return;
    m_state = State::Ready;
    m_saslUser.clear();
    answer(refusal);
    resumeAfterWait();
}

void ServerProtocol::timedOut()
{
    switch (m_state) {
    case State::Closed:
        return;
    case State::WaitingAuth:
        // The host, not the client, is slow: a temporary failure (RFC 4954
        // 6), and the session goes on. A late answer is ignored.
        m_saslUser.clear();
        m_state = State::Ready;
        send(reply(454, "4.7.0", "Temporary authentication failure, try again later"));
        resumeAfterWait();
        return;
    case State::WaitingSubmit:
        // Not queued as far as the client knows: it keeps the message and
        // retries (if the host did store it after all, the copy is a duplicate,
        // never a loss).
        ++m_messagesRejected;
        resetTransaction();
        send(reply(451, "4.3.0", "Error: queueing timed out, try again later"));
        resumeAfterWait();
        return;
    default:
        break;
    }
    closeWith(reply(421, "4.4.2",
                    m_session.limits.hostname.toUtf8() + " Error: timeout exceeded, closing"));
}

int ServerProtocol::timeoutMs() const
{
    switch (m_state) {
    case State::ReadingData:
    case State::ReadingChunk:
        return m_session.limits.dataBlockTimeoutMs;
    case State::Connected:
    case State::WaitingTls:
        return m_session.limits.tlsHandshakeTimeoutMs;
    case State::WaitingAuth:
    case State::WaitingSubmit:
        return m_session.limits.hostWaitTimeoutMs;
    default:
        return m_session.limits.commandTimeoutMs;
    }
}

bool ServerProtocol::isWaiting() const
{
    return m_state == State::WaitingTls || isWaitingForHost();
}

bool ServerProtocol::isWaitingForHost() const
{
    return m_state == State::WaitingAuth || m_state == State::WaitingSubmit;
}

const char* ServerProtocol::stateName(State state)
{
    static constexpr const char* names[] = {
        "Connected",   "Greeted",       "Ready",     "MailGiven",    "RcptGiven",
        "ReadingData", "ReadingChunk",  "ChunkDone", "AuthResponse", "WaitingTls",
        "WaitingAuth", "WaitingSubmit", "Closed"};
    static_assert(std::size(names) == std::size_t(State::Closed) + 1);
    const auto index = static_cast<std::size_t>(state);
    return index < std::size(names) ? names[index] : "?";
}

MailTransaction::Origin ServerProtocol::origin() const
{
    MailTransaction::Origin origin;
    origin.heloName = m_heloName;
    origin.clientAddress = m_session.clientAddress;
    origin.clientPort = m_session.clientPort;
    origin.listener = m_session.listenerName;
    origin.esmtp = m_esmtp;
    origin.tls = m_tlsActive;
    origin.tlsVersion = m_tlsVersion;
    origin.authUser = m_authUser;
    origin.receivedAt = m_session.clock ? m_session.clock() : QDateTime::currentDateTimeUtc();
    return origin;
}

bool ServerProtocol::authOffered() const
{
    return m_tlsActive || m_session.allowPlainAuth;
}

void ServerProtocol::resetTransaction()
{
    m_transaction.reset();
    m_state = m_heloName.isEmpty() ? State::Greeted : State::Ready;
}

void ServerProtocol::resetSession()
{
    m_esmtp = false;
    m_heloName.clear();
    m_authUser.clear();
    m_saslUser.clear();
    m_sasl.reset();
    m_pending.clear();
    resetTransaction();
}

QByteArray ServerProtocol::reply(int code, const char* enhanced, QByteArrayView text) const
{
    QByteArray out;
    out.reserve(16 + text.size());
    out += QByteArray::number(code);
    out += ' ';
    if (m_esmtp && enhanced) {
        out += enhanced;
        out += ' ';
    }
    out += text;
    out += "\r\n";
    return out;
}

QByteArray ServerProtocol::format(const ServerReply& verdict) const
{
    return reply(verdict.code, verdict.enhanced, verdict.text);
}

void ServerProtocol::answer(const ServerReply& verdict)
{
    if (verdict.clientError)
        sendError(format(verdict));
    else
        send(format(verdict));
}

void ServerProtocol::send(const QByteArray& reply)
{
    m_output.sendReply(reply);
}

void ServerProtocol::sendError(const QByteArray& reply)
{
    ++m_badCommands;
    if (m_badCommands > m_session.limits.maxBadCommands) {
        closeWith(this->reply(421, "4.7.0",
                              m_session.limits.hostname.toUtf8() + " Error: too many errors"));
        return;
    }
    send(reply);
}

void ServerProtocol::closeWith(const QByteArray& reply)
{
    send(reply);
    m_state = State::Closed;
    m_pending.clear();
    m_output.close();
}

} // namespace RelayDesk::Smtp
