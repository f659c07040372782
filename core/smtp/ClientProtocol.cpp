#include "ClientProtocol.h"

#include "ClientDataEncoder.h"

#include <algorithm>
#include <optional>

namespace RelayDesk::Smtp {

namespace {

ClientDisposition dispositionOf(int code)
{
    if (code >= 500 && code < 600)
        return ClientDisposition::Permanent;
    return ClientDisposition::Transient;
}

/// ESMTP parameters are printable US-ASCII (RFC 5321 4.1.2; DSN values are
/// xtext). Checked here as well because a CR or LF would inject a command.
bool isSafeParameter(const QByteArray& parameters)
{
    return std::all_of(parameters.cbegin(), parameters.cend(),
                       [](char c) { return c >= 0x20 && c < 0x7f; });
}

} // namespace

ClientProtocol::ClientProtocol(ClientProtocolSettings settings, ClientProtocolOutput* output)
    : m_settings(std::move(settings)), m_output(output),
      m_reader(m_settings.maxReplyLineLength, m_settings.maxReplyLines)
{}

ClientReply ClientProtocol::localReply(int code, const char* enhanced, const QString& text,
                                       ClientDisposition disposition)
{
    const QString status = QString::fromLatin1(enhanced);
    return ClientReply::makeLocal(code, status, status.isEmpty() ? text : status + u' ' + text,
                                  disposition);
}

void ClientProtocol::receive(const QByteArray& data)
{
    if (m_state == State::Ended)
        return;
    if (m_state == State::TlsHandshake)
        return; // nothing may arrive in clear text while TLS is being set up
    m_replies.clear();
    QString error;
    const bool ok = m_reader.feed(data, m_replies, &error);
    for (const ClientReply& reply : std::as_const(m_replies)) {
        if (m_state == State::Ended || m_state == State::TlsHandshake)
            break; // the rest was sent before TLS or after the end: ignore it
        handleReply(reply);
    }
    if (!ok && m_state != State::Ended)
        failSession(localReply(0, "4.5.0", QStringLiteral("protocol error: ") + error,
                               ClientDisposition::Transient),
                    false);
}

void ClientProtocol::handleReply(const ClientReply& reply)
{
    // 421: the upstream is closing the session (RFC 5321 3.8), in any state.
    if (reply.code == 421 && m_state != State::Quit) {
        failSession(reply, false);
        return;
    }
    switch (m_state) {
    case State::Greeting:
        if (reply.code == 220) {
            sendEhlo();
        } else {
            ClientReply r = reply;
            r.disposition = ClientDisposition::Transient;
            failSession(r, true);
        }
        return;
    case State::Ehlo:
        if (reply.code == 250) {
            parseCapabilities(reply.text);
            afterCapabilities();
        } else if (reply.code >= 500) {
            // Pre-ESMTP servers (RFC 5321 4.1.4): fall back to HELO.
            m_state = State::Helo;
            sendCommand("HELO " + m_settings.heloName.toUtf8() + "\r\n");
        } else {
            failSession(reply, true);
        }
        return;
    case State::Helo:
        if (reply.code == 250) {
            m_caps = ClientCapabilities{};
            afterCapabilities();
        } else {
            ClientReply r = reply;
            r.disposition = ClientDisposition::Transient;
            failSession(r, true);
        }
        return;
    case State::StartTls:
        if (reply.code == 220) {
            // Anything already buffered was sent in clear text before the
            // handshake: never act on it after TLS (command injection).
            m_reader.clear();
            m_state = State::TlsHandshake;
            m_output->startTls();
        } else if (m_settings.startTls == ClientProtocolSettings::StartTls::Required) {
            ClientReply r = reply;
            r.disposition = ClientDisposition::Transient;
            r.text = QStringLiteral("STARTTLS refused: ") + reply.text;
            failSession(r, true);
        } else {
            beginAuth(); // opportunistic: carry on in clear text
        }
        return;
    case State::AuthPlain:
    case State::AuthLoginDone:
        if (reply.code == 235) {
            becomeIdle();
        } else {
            // Soft bounce: a rejected login is a configuration problem that
            // the admin fixes; the mail waits instead of bouncing.
            ClientReply r = reply;
            r.disposition = ClientDisposition::Transient;
            r.text = QStringLiteral("authentication failed: ") + reply.text;
            failSession(r, true);
        }
        return;
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
        if (reply.code == 334) {
            const bool user = m_state == State::AuthLoginUser;
            m_state = user ? State::AuthLoginPassword : State::AuthLoginDone;
            sendCommand((user ? m_settings.username : m_settings.password).toUtf8().toBase64() +
                        "\r\n");
        } else {
            ClientReply r = reply;
            r.disposition = ClientDisposition::Transient;
            r.text = QStringLiteral("authentication failed: ") + reply.text;
            failSession(r, true);
        }
        return;
    case State::Transaction:
        handleTransactionReply(reply);
        return;
    case State::Quit:
        m_state = State::Ended;
        m_output->sessionEnded(false, reply);
        return;
    case State::Idle: {
        ClientReply r = localReply(
            0, "4.5.0", QStringLiteral("unexpected reply while idle: ") + reply.toString(),
            ClientDisposition::Transient);
        failSession(r, true);
        return;
    }
    case State::TlsHandshake:
    case State::Ended:
        return;
    }
}

void ClientProtocol::sendEhlo()
{
    m_state = State::Ehlo;
    sendCommand("EHLO " + m_settings.heloName.toUtf8() + "\r\n");
}

void ClientProtocol::parseCapabilities(const QString& text)
{
    m_caps = ClientCapabilities{};
    m_caps.esmtp = true;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0 is the greeting text
        const QStringList words = lines.at(i).trimmed().split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        QString keyword = words.constFirst().toUpper();
        QStringList args = words.mid(1);
        if (keyword.startsWith(QLatin1String("AUTH="))) { // pre-RFC 4954 servers
            args.prepend(keyword.mid(5));
            keyword = QStringLiteral("AUTH");
        }
        if (keyword == QLatin1String("PIPELINING")) {
            m_caps.pipelining = true;
        } else if (keyword == QLatin1String("STARTTLS")) {
            m_caps.startTls = true;
        } else if (keyword == QLatin1String("8BITMIME")) {
            m_caps.eightBitMime = true;
        } else if (keyword == QLatin1String("SMTPUTF8")) {
            m_caps.smtpUtf8 = true;
        } else if (keyword == QLatin1String("ENHANCEDSTATUSCODES")) {
            m_caps.enhancedStatusCodes = true;
        } else if (keyword == QLatin1String("DSN")) {
            m_caps.dsn = true;
        } else if (keyword == QLatin1String("SIZE")) {
            m_caps.sizeAdvertised = true;
            m_caps.sizeLimit = args.isEmpty() ? 0 : args.constFirst().toLongLong();
        } else if (keyword == QLatin1String("AUTH")) {
            for (const QString& mech : std::as_const(args)) {
                const QString upper = mech.toUpper();
                if (!m_caps.authMechanisms.contains(upper))
                    m_caps.authMechanisms.append(upper);
            }
        }
    }
}

void ClientProtocol::afterCapabilities()
{
    if (!m_settings.tlsActive && m_settings.startTls != ClientProtocolSettings::StartTls::Never) {
        if (m_caps.startTls) {
            m_state = State::StartTls;
            sendCommand("STARTTLS\r\n");
            return;
        }
        if (m_settings.startTls == ClientProtocolSettings::StartTls::Required) {
            failSession(localReply(0, "4.7.10",
                                   QStringLiteral("TLS is required, but the upstream did not "
                                                  "offer STARTTLS"),
                                   ClientDisposition::Transient),
                        true);
            return;
        }
    }
    beginAuth();
}

void ClientProtocol::beginAuth()
{
    if (m_settings.username.isEmpty()) {
        becomeIdle();
        return;
    }
    if (!m_settings.tlsActive && !m_settings.allowPlaintextAuth) {
        failSession(localReply(0, "4.7.10",
                               QStringLiteral("refusing to send credentials over an "
                                              "unencrypted connection"),
                               ClientDisposition::Transient),
                    true);
        return;
    }
    if (m_caps.authMechanisms.contains(QLatin1String("PLAIN"))) {
        // RFC 4616: authzid NUL authcid NUL passwd, as an initial response.
        const QByteArray token =
            '\0' + m_settings.username.toUtf8() + '\0' + m_settings.password.toUtf8();
        m_state = State::AuthPlain;
        sendCommand("AUTH PLAIN " + token.toBase64() + "\r\n");
    } else if (m_caps.authMechanisms.contains(QLatin1String("LOGIN"))) {
        m_state = State::AuthLoginUser;
        sendCommand("AUTH LOGIN\r\n");
    } else {
        const QString offered = m_caps.authMechanisms.isEmpty()
                                    ? QStringLiteral("the upstream does not offer AUTH")
                                    : QStringLiteral("no supported AUTH mechanism (offered: %1)")
                                          .arg(m_caps.authMechanisms.join(u' '));
        failSession(localReply(0, "4.7.0", QStringLiteral("cannot authenticate: ") + offered,
                               ClientDisposition::Transient),
                    true);
    }
}

void ClientProtocol::becomeIdle()
{
    m_state = State::Idle;
    m_output->sessionReady();
}

void ClientProtocol::tlsStarted()
{
    if (m_state != State::TlsHandshake)
        return;
    m_settings.tlsActive = true;
    m_reader.clear();
    sendEhlo(); // capabilities may differ once TLS is up (RFC 3207 4.2)
}

bool ClientProtocol::sendMessage(const ClientMessage& message)
{
    if (m_state != State::Idle)
        return false;
    const int count = int(message.recipients.size());
    m_message = message;
    m_result.recipients = QVector<ClientReply>(count);
    m_settled = QVector<bool>(count, false);
    m_accepted = QVector<bool>(count, false);
    m_expected.clear();
    m_rcptReplies = 0;
    m_mailAccepted = false;
    m_state = State::Transaction;

    // Decisions that need no upstream reply come first: nothing is sent.
    std::optional<ClientReply> refusal;
    const bool utf8 = ClientDataEncoder::needsSmtpUtf8(message);
    if (count == 0) {
        refusal = localReply(0, "", {}, ClientDisposition::Permanent);
    } else if (!ClientDataEncoder::isSafeAddress(message.sender) ||
               !std::all_of(message.recipients.cbegin(), message.recipients.cend(),
                            ClientDataEncoder::isSafeAddress)) {
        refusal = localReply(553, "5.1.3", QStringLiteral("malformed address in the envelope"),
                             ClientDisposition::Permanent);
    } else if (!isSafeParameter(message.mailParameters) ||
               !std::all_of(message.rcptParameters.cbegin(), message.rcptParameters.cend(),
                            isSafeParameter)) {
        refusal = localReply(555, "5.5.4", QStringLiteral("malformed envelope parameter"),
                             ClientDisposition::Permanent);
    } else if (utf8 && !m_caps.smtpUtf8) {
        refusal = localReply(550, "5.6.7",
                             QStringLiteral("SMTPUTF8 is required, but was not offered by the "
                                            "upstream"),
                             ClientDisposition::Permanent);
    } else if (m_caps.sizeLimit > 0 && message.content.size() > m_caps.sizeLimit) {
        refusal = localReply(552, "5.3.4",
                             QStringLiteral("message size %1 exceeds the upstream's limit of %2")
                                 .arg(message.content.size())
                                 .arg(m_caps.sizeLimit),
                             ClientDisposition::Permanent);
    }
    if (refusal) {
        for (int i = 0; i < count; ++i)
            settle(i, *refusal);
        finishMessage();
        return true;
    }

    QByteArray batch;
    if (m_needRset) {
        batch += "RSET\r\n";
        m_expected.push_back(Expect::Rset);
        m_needRset = false;
    }
    batch += "MAIL FROM:<" + message.sender.toUtf8() + '>';
    if (m_caps.sizeAdvertised)
        batch += " SIZE=" + QByteArray::number(message.content.size());
    if (m_caps.eightBitMime && ClientDataEncoder::hasEightBit(message.content))
        batch += " BODY=8BITMIME";
    if (utf8)
        batch += " SMTPUTF8";
    // Without DSN upstream the parameters are dropped: our own DsnNotifier
    // reports failures and delays then (RFC 3461 section 4).
    if (m_caps.dsn && !message.mailParameters.isEmpty())
        batch += ' ' + message.mailParameters;
    batch += "\r\n";
    m_expected.push_back(Expect::Mail);
    if (m_caps.pipelining) {
        for (int i = 0; i < count; ++i) {
            batch += rcptCommand(i);
            m_expected.push_back(Expect::Rcpt);
        }
        batch += "DATA\r\n";
        m_expected.push_back(Expect::Data);
    }
    m_output->sendData(batch);
    return true;
}

void ClientProtocol::sendRcpt(int index)
{
    m_expected.push_back(Expect::Rcpt);
    sendCommand(rcptCommand(index));
}

QByteArray ClientProtocol::rcptCommand(int index) const
{
    QByteArray command = "RCPT TO:<" + m_message.recipients.at(index).toUtf8() + '>';
    if (m_caps.dsn && index < m_message.rcptParameters.size() &&
        !m_message.rcptParameters.at(index).isEmpty())
        command += ' ' + m_message.rcptParameters.at(index);
    command += "\r\n";
    return command;
}

void ClientProtocol::settle(int index, const ClientReply& reply)
{
    if (m_settled.at(index))
        return;
    m_settled[index] = true;
    m_result.recipients[index] = reply;
}

void ClientProtocol::handleTransactionReply(const ClientReply& reply)
{
    if (m_expected.empty()) {
        failSession(localReply(0, "4.5.0", QStringLiteral("unexpected reply: ") + reply.toString(),
                               ClientDisposition::Transient),
                    true);
        return;
    }
    const Expect expect = m_expected.front();
    m_expected.pop_front();
    const int count = int(m_message.recipients.size());
    const bool positive = reply.code >= 200 && reply.code < 300;
    ClientReply failure = reply;
    failure.disposition = dispositionOf(reply.code);

    switch (expect) {
    case Expect::Rset:
        if (!positive) {
            ClientReply r = failure;
            r.disposition = ClientDisposition::Transient;
            failSession(r, true);
            return;
        }
        break;
    case Expect::Mail:
        m_mailAccepted = positive;
        if (!positive) {
            for (int i = 0; i < count; ++i)
                settle(i, failure);
        } else if (!m_caps.pipelining) {
            sendRcpt(0);
        }
        break;
    case Expect::Rcpt: {
        const int index = m_rcptReplies++;
        if (!m_mailAccepted)
            break; // already settled with the MAIL reply (pipelined RCPTs)
        if (positive)
            m_accepted[index] = true;
        else
            settle(index, failure);
        if (!m_caps.pipelining) {
            if (index + 1 < count) {
                sendRcpt(index + 1);
            } else if (m_accepted.contains(true)) {
                m_expected.push_back(Expect::Data);
                sendCommand("DATA\r\n");
            } else {
                m_needRset = true; // MAIL is still open on the server
            }
        }
        break;
    }
    case Expect::Data:
        if (reply.code == 354) {
            if (m_accepted.contains(true)) {
                m_expected.push_back(Expect::Content);
                m_output->sendData(ClientDataEncoder::encodeContent(m_message.content));
            } else {
                // RFC 2920 3.1: the server accepted DATA although no recipient
                // was accepted; end it with an empty body and reset.
                m_expected.push_back(Expect::DotOnly);
                m_output->sendData(".\r\n");
            }
        } else {
            for (int i = 0; i < count; ++i)
                settle(i, failure); // only the RCPT-accepted ones are still open
            if (m_mailAccepted)
                m_needRset = true;
        }
        break;
    case Expect::Content: {
        ClientReply final = failure;
        if (positive) {
            final.disposition = ClientDisposition::Delivered;
            final.upstreamQueueId = ClientReplyReader::parseQueueId(reply.text);
        }
        for (int i = 0; i < count; ++i)
            settle(i, final);
        break;
    }
    case Expect::DotOnly:
        m_needRset = true;
        break;
    }
    if (m_state == State::Transaction && m_expected.empty())
        finishMessage();
}

void ClientProtocol::finishMessage()
{
    m_state = State::Idle;
    m_message = ClientMessage{}; // drop our reference to the content
    m_output->messageFinished(m_result);
}

void ClientProtocol::failSession(const ClientReply& reason, bool sayQuit)
{
    const bool inTransaction = m_state == State::Transaction;
    m_state = State::Ended;
    m_expected.clear();
    if (sayQuit)
        m_output->sendData("QUIT\r\n");
    if (inTransaction) {
        ClientReply r = reason;
        r.disposition = ClientDisposition::Transient;
        for (int i = 0; i < m_settled.size(); ++i)
            settle(i, r);
        m_message = ClientMessage{};
        m_output->messageFinished(m_result);
    }
    m_output->sessionEnded(true, reason);
}

void ClientProtocol::connectionLost(const QString& text)
{
    if (m_state == State::Ended)
        return;
    if (m_state == State::Quit) {
        m_state = State::Ended;
        m_output->sessionEnded(false, localReply(0, "", text, ClientDisposition::Transient));
        return;
    }
    failSession(localReply(0, "4.4.2", text, ClientDisposition::Transient), false);
}

void ClientProtocol::quit()
{
    if (m_state == State::Ended || m_state == State::Quit)
        return;
    if (m_state != State::Idle) {
        connectionLost(QStringLiteral("session aborted"));
        return;
    }
    m_state = State::Quit;
    sendCommand("QUIT\r\n");
}

void ClientProtocol::sendCommand(const QByteArray& command)
{
    m_output->sendData(command);
}

bool ClientProtocol::awaitingReply() const
{
    switch (m_state) {
    case State::Idle:
    case State::TlsHandshake:
    case State::Ended:
        return false;
    default:
        return true;
    }
}

bool ClientProtocol::awaitingFinalReply() const
{
    return m_state == State::Transaction && !m_expected.empty() &&
           m_expected.front() == Expect::Content;
}

QString ClientProtocol::waitingFor() const
{
    switch (m_state) {
    case State::Greeting:
        return QStringLiteral("the greeting");
    case State::Ehlo:
        return QStringLiteral("the reply to EHLO");
    case State::Helo:
        return QStringLiteral("the reply to HELO");
    case State::StartTls:
        return QStringLiteral("the reply to STARTTLS");
    case State::TlsHandshake:
        return QStringLiteral("the TLS handshake");
    case State::AuthPlain:
    case State::AuthLoginUser:
    case State::AuthLoginPassword:
    case State::AuthLoginDone:
        return QStringLiteral("the reply to AUTH");
    case State::Transaction:
        if (m_expected.empty())
            return QStringLiteral("the transaction");
        switch (m_expected.front()) {
        case Expect::Rset:
            return QStringLiteral("the reply to RSET");
        case Expect::Mail:
            return QStringLiteral("the reply to MAIL FROM");
        case Expect::Rcpt:
            return QStringLiteral("the reply to RCPT TO");
        case Expect::Data:
            return QStringLiteral("the reply to DATA");
        case Expect::Content:
        case Expect::DotOnly:
            return QStringLiteral("the reply to the end of data");
        }
        break;
    case State::Quit:
        return QStringLiteral("the reply to QUIT");
    case State::Idle:
    case State::Ended:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace RelayDesk::Smtp
