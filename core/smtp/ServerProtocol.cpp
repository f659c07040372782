#include "ServerProtocol.h"

#include "AddressParser.h"
#include "CommandParser.h"
#include "ReceivedHeader.h"

#include <algorithm>

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

constexpr qsizetype DefaultContentReserve = 64 * 1024;
constexpr qsizetype MaxContentReserve = 1024 * 1024;

// Reserve what the client announced (SIZE=, BDAT count) to avoid regrowing,
// but never more than 1 MiB on the strength of a claim alone.
qsizetype reserveFor(qint64 announced)
{
    if (announced <= 0)
        return DefaultContentReserve;
    return static_cast<qsizetype>(std::min<qint64>(announced + 1024, MaxContentReserve));
}

} // namespace

struct ServerProtocol::CommandRule
{
    QByteArrayView verb;
    Event event;
    quint32 allowedStates;
    Check check; ///< may be null
    Action action;
};

// The whole command set at a glance: where each command is allowed, what is
// checked before it runs, and what it does. Wrong state -> checkSequence().
const ServerProtocol::CommandRule ServerProtocol::s_rules[] = {
    {"EHLO", Event::Ehlo, AnyCommandState, nullptr, &ServerProtocol::doEhlo},
    {"HELO", Event::Helo, AnyCommandState, nullptr, &ServerProtocol::doHelo},
    {"MAIL", Event::Mail, bit(State::Ready), &ServerProtocol::checkMail, &ServerProtocol::doMail},
    {"RCPT", Event::Rcpt, bit(State::MailGiven) | bit(State::RcptGiven), nullptr,
     &ServerProtocol::doRcpt},
    {"DATA", Event::Data, bit(State::RcptGiven), &ServerProtocol::checkNoArgument,
     &ServerProtocol::doData},
    {"BDAT", Event::Bdat, bit(State::RcptGiven) | bit(State::ChunkDone),
     &ServerProtocol::checkEsmtp, &ServerProtocol::doBdat},
    {"RSET", Event::Rset, AnyCommandState, &ServerProtocol::checkNoArgument,
     &ServerProtocol::doRset},
    {"NOOP", Event::Noop, AnyCommandState, nullptr, &ServerProtocol::doNoop},
    {"QUIT", Event::Quit, AnyCommandState, nullptr, &ServerProtocol::doQuit},
    {"HELP", Event::Help, AnyCommandState, nullptr, &ServerProtocol::doHelp},
    {"VRFY", Event::Vrfy, AnyCommandState, nullptr, &ServerProtocol::doVrfy},
    {"EXPN", Event::Expn, AnyCommandState, nullptr, &ServerProtocol::doExpn},
    {"STARTTLS", Event::StartTls, bit(State::Ready), &ServerProtocol::checkStartTls,
     &ServerProtocol::doStartTls},
    {"AUTH", Event::Auth, bit(State::Ready), &ServerProtocol::checkAuth, &ServerProtocol::doAuth},
};

ServerProtocol::ServerProtocol(Output& output, Session session)
    : m_output(output), m_session(std::move(session))
{
    m_line.reserve(MaxCommandLine);
}

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
    process(bytes);
}

void ServerProtocol::process(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::ReadingData: {
            const qsizetype used = m_decoder.feed(bytes);
            bytes = bytes.sliced(used);
            if (m_decoder.isComplete())
                finishContent();
            break;
        }
        case State::ReadingChunk: {
            qsizetype used = 0;
            feedChunk(bytes, &used);
            bytes = bytes.sliced(used);
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
    const qsizetype limit = m_state == State::AuthResponse ? MaxSaslLine : MaxCommandLine;
    const qsizetype lf = bytes.indexOf('\n');
    const QByteArrayView part = lf < 0 ? bytes : bytes.first(lf);
    const QByteArrayView rest = lf < 0 ? QByteArrayView() : bytes.sliced(lf + 1);
    if (!m_discardingLine) {
        // +1: the LF counts against the limit too.
        if (m_line.size() + part.size() + 1 > limit) {
            m_discardingLine = true; // bounded memory: drop until the next LF
            m_line.resize(0);
        } else if (lf < 0) {
            m_line.append(part);
            return rest;
        }
    }
    if (lf < 0)
        return rest;
    if (m_discardingLine) {
        m_discardingLine = false;
        if (m_state == State::AuthResponse) {
            m_sasl.reset();
            m_state = State::Ready;
            sendError(reply(500, "5.5.6", "Authentication exchange line is too long"));
        } else {
            m_output.commandReceived("<line too long>");
            sendError(reply(500, "5.5.2", "Line too long"));
        }
        return rest;
    }
    QByteArrayView line = part;
    if (!m_line.isEmpty()) {
        m_line.append(part);
        line = m_line;
    }
    if (line.endsWith('\r'))
        line.chop(1);
    handleLine(line);
    m_line.resize(0);
    return rest;
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
    if (!(rule.allowedStates & bit(m_state))) {
        reject(rule, argument, checkSequence(rule.event));
        return;
    }
    if (rule.check) {
        const QByteArray error = (this->*rule.check)(argument);
        if (!error.isEmpty()) {
            reject(rule, argument, error);
            return;
        }
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
    process(pending);
}

QByteArray ServerProtocol::checkSequence(Event event) const
{
    if (m_state == State::Greeted)
        return reply(503, "5.5.1", "Error: send HELO/EHLO first");
    const bool inTransaction =
        m_state == State::MailGiven || m_state == State::RcptGiven || m_state == State::ChunkDone;
    switch (event) {
    case Event::Mail:
        return reply(503, "5.5.1", "Error: nested MAIL command");
    case Event::Rcpt:
        if (m_state == State::ChunkDone)
            return reply(503, "5.5.1", "Error: RCPT after BDAT");
        return reply(503, "5.5.1", "Error: need MAIL command");
    case Event::Data:
    case Event::Bdat:
        if (m_state == State::MailGiven)
            return reply(554, "5.5.1", "Error: no valid recipients");
        if (m_state == State::ChunkDone)
            return reply(503, "5.5.1", "Error: DATA after BDAT");
        return reply(503, "5.5.1", "Error: need RCPT command");
    case Event::StartTls:
    case Event::Auth:
        if (inTransaction)
            return reply(503, "5.5.1", "Error: not allowed during a mail transaction");
        break;
    default:
        break;
    }
    return reply(503, "5.5.1", "Error: bad sequence of commands");
}

QByteArray ServerProtocol::checkEsmtp(QByteArrayView)
{
    if (!m_esmtp)
        return reply(503, "5.5.1", "Error: send EHLO first");
    return {};
}

QByteArray ServerProtocol::checkMail(QByteArrayView)
{
    if (m_session.requireAuth && m_authUser.isEmpty())
        return reply(530, "5.7.0", "Authentication required");
    return {};
}

QByteArray ServerProtocol::checkStartTls(QByteArrayView argument)
{
    if (!m_esmtp)
        return reply(503, "5.5.1", "Error: send EHLO first");
    if (m_tlsActive)
        return reply(503, "5.5.1", "Error: TLS already active");
    if (!m_session.tlsAvailable)
        return reply(502, "5.5.1", "Error: STARTTLS not available");
    if (!argument.isEmpty())
        return reply(501, "5.5.4", "Syntax: STARTTLS");
    return {};
}

QByteArray ServerProtocol::checkAuth(QByteArrayView)
{
    if (!m_esmtp)
        return reply(503, "5.5.1", "Error: send EHLO first");
    if (!m_authUser.isEmpty())
        return reply(503, "5.5.1", "Error: already authenticated");
    if (!authOffered()) {
        if (m_session.tlsAvailable)
            return reply(538, "5.7.11", "Error: encryption required, use STARTTLS first");
        return reply(503, "5.5.1", "Error: authentication not enabled");
    }
    return {};
}

QByteArray ServerProtocol::checkNoArgument(QByteArrayView argument)
{
    if (!argument.isEmpty())
        return reply(501, "5.5.4", "Syntax error: no parameters allowed");
    return {};
}

void ServerProtocol::doEhlo(QByteArrayView argument)
{
    if (!CommandParser::isValidHeloName(argument)) {
        sendError(reply(501, "5.5.2", "Syntax: EHLO hostname"));
        return;
    }
    resetTransaction();
    m_esmtp = true;
    m_heloName = QString::fromLatin1(argument);
    m_state = State::Ready;
    QList<QByteArray> lines{m_session.limits.hostname.toUtf8(),
                            "PIPELINING",
                            "SIZE " + QByteArray::number(m_session.limits.maxMessageSize),
                            "8BITMIME",
                            "ENHANCEDSTATUSCODES",
                            "SMTPUTF8",
                            "CHUNKING"};
    if (m_session.tlsAvailable && !m_tlsActive)
        lines.append("STARTTLS");
    if (authOffered())
        lines.append("AUTH PLAIN LOGIN");
    QByteArray out;
    out.reserve(160);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        out += i + 1 < lines.size() ? "250-" : "250 ";
        out += lines.at(i);
        out += "\r\n";
    }
    send(out);
}

void ServerProtocol::doHelo(QByteArrayView argument)
{
    if (!CommandParser::isValidHeloName(argument)) {
        sendError(reply(501, "5.5.2", "Syntax: HELO hostname"));
        return;
    }
    resetTransaction();
    m_esmtp = false;
    m_heloName = QString::fromLatin1(argument);
    m_state = State::Ready;
    send("250 " + m_session.limits.hostname.toUtf8() + "\r\n");
}

void ServerProtocol::doMail(QByteArrayView argument)
{
    const auto path = AddressParser::parseMailFrom(argument);
    if (path.error == AddressParser::Error::Syntax) {
        sendError(reply(501, "5.5.2", "Syntax: MAIL FROM:<address>"));
        return;
    }
    if (path.error == AddressParser::Error::BadAddress) {
        sendError(reply(501, "5.1.7", "Bad sender address syntax"));
        return;
    }
    qint64 declaredSize = -1;
    bool eightBitMime = false;
    bool smtpUtf8 = false;
    for (const auto& parameter : path.parameters) {
        if (!m_esmtp) {
            sendError(reply(555, "5.5.4", "Error: parameters need EHLO"));
            return;
        }
        if (parameter.keyword == "SIZE") {
            bool ok = parameter.hasValue && parameter.value.size() <= 18;
            for (char c : parameter.value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok) {
                sendError(reply(501, "5.5.4", "Error: bad SIZE parameter"));
                return;
            }
            declaredSize = parameter.value.toLongLong();
            if (declaredSize > m_session.limits.maxMessageSize) {
                send(reply(552, "5.3.4", "Error: message size exceeds fixed limit"));
                return;
            }
        } else if (parameter.keyword == "BODY") {
            const QByteArray body = parameter.value.toUpper();
            if (body == "8BITMIME") {
                eightBitMime = true;
            } else if (body != "7BIT") {
                sendError(reply(555, "5.5.4", "Error: unsupported BODY type"));
                return;
            }
        } else if (parameter.keyword == "SMTPUTF8" && !parameter.hasValue) {
            smtpUtf8 = true;
        } else if (parameter.keyword == "AUTH" && parameter.hasValue) {
            // RFC 4954 5: we advertise AUTH, so clients may send AUTH=<...>.
            // The value is the original submitter; nothing here trusts it.
        } else {
            sendError(reply(555, "5.5.4", "Error: unsupported parameter " + parameter.keyword));
            return;
        }
    }
    m_sender = path.mailbox;
    m_recipients.clear();
    m_declaredSize = declaredSize;
    m_eightBitMime = eightBitMime;
    m_smtpUtf8 = smtpUtf8;
    m_state = State::MailGiven;
    send(reply(250, "2.1.0", "Ok"));
}

void ServerProtocol::doRcpt(QByteArrayView argument)
{
    const auto path = AddressParser::parseRcptTo(argument, m_smtpUtf8);
    if (path.error == AddressParser::Error::Syntax) {
        sendError(reply(501, "5.5.2", "Syntax: RCPT TO:<address>"));
        return;
    }
    if (path.error == AddressParser::Error::BadAddress) {
        sendError(reply(501, "5.1.3", "Bad recipient address syntax"));
        return;
    }
    if (!path.parameters.isEmpty()) {
        sendError(
            reply(555, "5.5.4", "Error: unsupported parameter " + path.parameters.first().keyword));
        return;
    }
    if (m_recipients.size() >= m_session.limits.maxRecipients) {
        send(reply(452, "4.5.3", "Error: too many recipients"));
        return;
    }
    // Invariant 3: never an open relay.
    if (!m_session.relayAllowed && m_authUser.isEmpty()) {
        sendError(reply(554, "5.7.1", "Error: relay access denied"));
        return;
    }
    m_recipients.append(path.mailbox);
    m_state = State::RcptGiven;
    send(reply(250, "2.1.5", "Ok"));
}

void ServerProtocol::doData(QByteArrayView)
{
    m_decoder.begin(ContentDecoder::Mode::Data, m_session.limits.maxMessageSize, receivedHeader(),
                    reserveFor(m_declaredSize));
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
    m_chunkRemaining = size;
    m_chunkLast = last;
    if (!rejection.isEmpty()) {
        m_stateAfterRejectedChunk = m_state;
    } else if (!m_chunking) {
        m_chunking = true;
        m_decoder.begin(ContentDecoder::Mode::Chunks, m_session.limits.maxMessageSize,
                        receivedHeader(), reserveFor(m_declaredSize > 0 ? m_declaredSize : size));
    }
    m_state = State::ReadingChunk;
    if (size == 0)
        finishChunk();
}

void ServerProtocol::feedChunk(QByteArrayView bytes, qsizetype* consumed)
{
    const qsizetype take = static_cast<qsizetype>(std::min<qint64>(bytes.size(), m_chunkRemaining));
    if (m_chunkRejection.isEmpty())
        m_decoder.feed(bytes.first(take));
    m_chunkRemaining -= take;
    *consumed = take;
    if (m_chunkRemaining == 0)
        finishChunk();
}

void ServerProtocol::finishChunk()
{
    if (!m_chunkRejection.isEmpty()) {
        m_state = m_stateAfterRejectedChunk;
        sendError(std::exchange(m_chunkRejection, QByteArray()));
        return;
    }
    if (m_chunkLast) {
        m_decoder.finishChunks();
        finishContent();
        return;
    }
    m_state = State::ChunkDone;
    if (m_decoder.isOverflowed()) {
        send(reply(552, "5.3.4", "Error: message size exceeds fixed limit"));
        return;
    }
    send(reply(250, "2.0.0", QByteArray::number(m_decoder.size()) + " octets received"));
}

void ServerProtocol::finishContent()
{
    if (m_decoder.isOverflowed()) {
        m_decoder.takeContent();
        ++m_messagesRejected;
        resetTransaction();
        send(reply(552, "5.3.4", "Error: message size exceeds fixed limit"));
        return;
    }
    ReceivedMessage message;
    message.sender = m_sender;
    message.recipients = m_recipients;
    message.content = m_decoder.takeContent();
    message.heloName = m_heloName;
    message.clientAddress = m_session.clientAddress.toString();
    message.clientPort = m_session.clientPort;
    message.listener = m_session.listenerName;
    message.tlsVersion = m_tlsActive ? m_tlsVersion : QString();
    message.authUser = m_authUser;
    message.eightBitMime = m_eightBitMime;
    message.smtpUtf8 = m_smtpUtf8;
    message.receivedAt = m_receivedAt;
    message.normalisedLineEnds = m_decoder.normalisedLineEnds();
    message.foldedLongLines = m_decoder.foldedLongLines();
    // Invariant 1: no 250 until the host says the message is durable.
    m_state = State::WaitingSubmit;
    m_output.submit(message);
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
    send(reply(214, "2.0.0",
               "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY STARTTLS AUTH"));
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
    m_line.resize(0);
    m_discardingLine = false;
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

void ServerProtocol::timedOut()
{
    if (m_state == State::Closed)
        return;
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
    default:
        return m_session.limits.commandTimeoutMs;
    }
}

bool ServerProtocol::isWaiting() const
{
    return m_state == State::WaitingTls || m_state == State::WaitingAuth ||
           m_state == State::WaitingSubmit;
}

const char* ServerProtocol::stateName(State state)
{
    switch (state) {
    case State::Connected:
        return "Connected";
    case State::Greeted:
        return "Greeted";
    case State::Ready:
        return "Ready";
    case State::MailGiven:
        return "MailGiven";
    case State::RcptGiven:
        return "RcptGiven";
    case State::ReadingData:
        return "ReadingData";
    case State::ReadingChunk:
        return "ReadingChunk";
    case State::ChunkDone:
        return "ChunkDone";
    case State::AuthResponse:
        return "AuthResponse";
    case State::WaitingTls:
        return "WaitingTls";
    case State::WaitingAuth:
        return "WaitingAuth";
    case State::WaitingSubmit:
        return "WaitingSubmit";
    case State::Closed:
        return "Closed";
    }
    return "?";
}

QByteArray ServerProtocol::receivedHeader()
{
    m_receivedAt = m_session.clock ? m_session.clock() : QDateTime::currentDateTimeUtc();
    ReceivedHeader::Fields fields;
    fields.heloName = m_heloName;
    fields.clientAddressLiteral =
        ReceivedHeader::addressLiteral(m_session.clientAddress.toString());
    fields.hostname = m_session.limits.hostname;
    fields.protocol = ReceivedHeader::protocolKeyword(m_esmtp, m_tlsActive, !m_authUser.isEmpty());
    fields.tlsVersion = m_tlsActive ? m_tlsVersion : QString();
    fields.authUser = m_authUser;
    if (m_recipients.size() == 1)
        fields.recipient = m_recipients.first();
    fields.date = m_receivedAt;
    return ReceivedHeader::format(fields);
}

bool ServerProtocol::authOffered() const
{
    return m_tlsActive || m_session.allowPlainAuth;
}

void ServerProtocol::resetTransaction()
{
    m_sender.clear();
    m_recipients.clear();
    m_declaredSize = -1;
    m_eightBitMime = false;
    m_smtpUtf8 = false;
    m_chunking = false;
    m_chunkRemaining = 0;
    m_chunkLast = false;
    m_decoder.takeContent();
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
