#pragma once

#include "ClientProtocolOutput.h"
#include "ClientReplyReader.h"
#include "ClientTypes.h"

#include <deque>

namespace RelayDesk::Smtp {

/// The SMTP client (RFC 5321) as a pure state machine: the transport feeds
/// the upstream's bytes in through receive(), and everything that goes out
/// (commands, content, "start TLS now", results) leaves through a
/// ClientProtocolOutput. No sockets, no timers: the adapter owns those and
/// reports a lost connection or a timeout through connectionLost().
///
/// Session: greeting -> EHLO (HELO when EHLO gets 5xx) -> STARTTLS and EHLO
/// again (when required, or when offered and opportunistic) -> AUTH PLAIN
/// (LOGIN when only LOGIN is offered) when a username is set -> idle. Then
/// per message: [RSET] MAIL, RCPT..., DATA, content, "." -> one reply per
/// recipient; MAIL/RCPT/DATA go out in one write when PIPELINING is offered
/// (RFC 2920). Session-level problems (STARTTLS missing, AUTH refused, 421)
/// end the session with a transient result, so the caller defers.
class ClientProtocol final
{
public:
    enum class State {
        Greeting, ///< waiting for the 220 greeting
        Ehlo,
        Helo,
        StartTls,     ///< STARTTLS sent
        TlsHandshake, ///< the adapter is doing the handshake
        AuthPlain,
        AuthLoginUser,     ///< AUTH LOGIN sent, waiting for the username prompt
        AuthLoginPassword, ///< username sent, waiting for the password prompt
        AuthLoginDone,     ///< password sent, waiting for 235
        Idle,              ///< ready for a message
        Transaction,       ///< a message is under way
        Quit,              ///< QUIT sent
        Ended,             ///< nothing more happens on this session
    };

    ClientProtocol(ClientProtocolSettings settings, ClientProtocolOutput* output);
    ClientProtocol(const ClientProtocol&) = delete;
    ClientProtocol& operator=(const ClientProtocol&) = delete;

    /// Bytes from the upstream.
    void receive(const QByteArray& data);
    /// The TLS handshake requested through startTls() succeeded.
    void tlsStarted();
    /// The connection broke or a timeout fired: fails the message under way
    /// (its undecided recipients get a transient result with `text`) and ends
    /// the session.
    void connectionLost(const QString& text);

    /// Starts a message; only in State::Idle (returns false otherwise). A
    /// message that cannot be sent at all (too large for the upstream's SIZE,
    /// needs SMTPUTF8 the upstream lacks, malformed address) finishes at once,
    /// synchronously, without a byte written.
    bool sendMessage(const ClientMessage& message);
    /// Ends an idle session politely.
    void quit();

    State state() const { return m_state; }
    bool isIdle() const { return m_state == State::Idle; }
    /// True while a reply is owed by the upstream (the adapter runs its
    /// command timeout then).
    bool awaitingReply() const;
    /// True while waiting for the reply to the final "." (the data timeout
    /// applies; RFC 5321 4.5.3.2.6).
    bool awaitingFinalReply() const;
    /// What we are waiting for, for timeout messages ("reply to DATA").
    QString waitingFor() const;
    const ClientCapabilities& capabilities() const { return m_caps; }
    bool tlsActive() const { return m_settings.tlsActive; }

private:
    enum class Expect { Rset, Mail, Rcpt, Data, Content, DotOnly };

    void handleReply(const ClientReply& reply);
    void handleTransactionReply(const ClientReply& reply);
    void afterCapabilities();
    void beginAuth();
    void becomeIdle();
    void sendEhlo();
    void parseCapabilities(const QString& text);
    void sendCommand(const QByteArray& command);
    void sendRcpt(int index);
    QByteArray rcptCommand(int index) const;
    void finishMessage();
    void failSession(const ClientReply& reason, bool sayQuit);
    void settle(int index, const ClientReply& reply);
    static ClientReply localReply(int code, const char* enhanced, const QString& text,
                                  ClientDisposition disposition);

    ClientProtocolSettings m_settings;
    ClientProtocolOutput* m_output;
    ClientReplyReader m_reader;
    State m_state = State::Greeting;
    ClientCapabilities m_caps;
    QVector<ClientReply> m_replies; ///< scratch, reused for every receive()

    // The message under way.
    ClientMessage m_message;
    ClientMessageResult m_result;
    QVector<bool> m_settled;       ///< recipient has its final result
    QVector<bool> m_accepted;      ///< RCPT got 2xx
    std::deque<Expect> m_expected; ///< replies owed, in order (pipelining)
    int m_rcptReplies = 0;
    bool m_mailAccepted = false;
    bool m_needRset = false; ///< an aborted transaction is open on the server
};

} // namespace RelayDesk::Smtp
