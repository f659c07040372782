#pragma once

#include "smtp/ServerProtocol.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace RelayDesk::Smtp::Testing {

/// Drives a ServerProtocol the way ServerSession does, but in memory: records
/// every reply and request, and answers requests (TLS, AUTH, queueing) only
/// after receive() has returned, as a real host does. Credentials "alice" /
/// "secret" are accepted.
class ProtocolFixture final : public ServerProtocol::Output
{
public:
    enum class SubmitMode { Ok, Temporary, Permanent, Hold };

    explicit ProtocolFixture(ServerProtocol::Session session) : protocol(*this, std::move(session))
    {}

    static ServerProtocol::Session defaultSession()
    {
        ServerProtocol::Session session;
        session.limits.hostname = QStringLiteral("relay.test");
        session.listenerName = QStringLiteral("lan");
        session.clientAddress = QHostAddress(QStringLiteral("192.0.2.10"));
        session.clientPort = 40000;
        session.relayAllowed = true;
        session.clock = [] { return QDateTime(QDate(2026, 11, 28), QTime(8, 30, 0), Qt::UTC); };
        return session;
    }

    /// Feeds one segment and answers every request it causes.
    void feed(QByteArrayView bytes)
    {
        protocol.receive(bytes);
        answerRequests();
    }

    void answerRequests()
    {
        for (;;) {
            if (tlsRequested) {
                tlsRequested = false;
                protocol.tlsStarted(QStringLiteral("TLSv1.3"));
            } else if (authRequest) {
                const auto [user, password] = *std::exchange(authRequest, std::nullopt);
                protocol.authenticated(user == QLatin1String("alice") &&
                                       password == QLatin1String("secret"));
            } else if (submitPending && submitMode != SubmitMode::Hold) {
                submitPending = false;
                SubmitResult result;
                result.ok = submitMode == SubmitMode::Ok;
                result.temporary = submitMode == SubmitMode::Temporary;
                result.queueId = QStringLiteral("Q%1").arg(messages.size());
                protocol.submitted(result);
            } else {
                return;
            }
        }
    }

    /// "220 250 250=2.1.0 ..." from the recorded replies, plus "CLOSED".
    QString codes() const
    {
        QStringList out;
        for (const QByteArray& reply : replies)
            out.append(QString::fromLatin1(reply.left(3)));
        if (closed)
            out.append(QStringLiteral("CLOSED"));
        return out.join(QLatin1Char(' '));
    }

    QByteArray allReplies() const { return replies.join(); }

    void sendReply(const QByteArray& reply) override { replies.append(reply); }
    void startTls() override { tlsRequested = true; }
    void close() override { closed = true; }
    void authenticate(const QString& user, const QString& password) override
    {
        authRequest = std::make_pair(user, password);
    }
    void submit(const ReceivedMessage& message) override
    {
        messages.append(message);
        submitPending = true;
    }
    void commandReceived(QByteArrayView line) override { commands.append(line.toByteArray()); }

    ServerProtocol protocol;
    QList<QByteArray> replies;
    QList<QByteArray> commands;
    QList<ReceivedMessage> messages;
    SubmitMode submitMode = SubmitMode::Ok;
    bool tlsRequested = false;
    std::optional<std::pair<QString, QString>> authRequest;
    bool submitPending = false;
    bool closed = false;
};

} // namespace RelayDesk::Smtp::Testing
