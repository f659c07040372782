#pragma once

#include "smtp/SessionHost.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>

namespace RelayDesk::Smtp::Testing {

/// A SessionHost for tests: relay policy by flag, one account (alice /
/// secret), and a queue that records messages and answers ok, fails, or
/// holds the answer until release() — always asynchronously, as the
/// contract demands. holdAuth holds credential checks likewise.
class TestSessionHost final : public QObject, public SessionHost
{
    Q_OBJECT

public:
    enum class Mode { Ok, Temporary, Permanent, Hold };

    bool isRelayAllowed(const QHostAddress& client) const override
    {
        relayChecks.append(client);
        return relayAllowed;
    }

    void authenticate(const QString& user, const QString& password,
                      std::function<void(bool)> done) override
    {
        const bool ok = user == QLatin1String("alice") && password == QLatin1String("secret");
        if (holdAuth) {
            heldAuth.append([done, ok] { done(ok); });
            return;
        }
        QTimer::singleShot(0, this, [done, ok] { done(ok); });
    }

    void submit(const ReceivedMessage& message, std::function<void(SubmitResult)> done) override
    {
        messages.append(message);
        SubmitResult result;
        result.ok = mode == Mode::Ok;
        result.temporary = mode != Mode::Permanent;
        result.queueId = QStringLiteral("T%1").arg(messages.size());
        if (!result.ok)
            result.error = QStringLiteral("test failure");
        if (mode == Mode::Hold) {
            held.append([done] {
                SubmitResult late;
                late.ok = true;
                late.queueId = QStringLiteral("LATE");
                done(late);
            });
            return;
        }
        QTimer::singleShot(0, this, [done, result] { done(result); });
    }

    /// Answers every held submission with ok.
    void release()
    {
        const auto pending = std::exchange(held, {});
        for (const auto& answer : pending)
            answer();
    }

    /// Answers the oldest held submission with ok.
    void releaseFirst()
    {
        if (!held.isEmpty())
            held.takeFirst()();
    }

    /// Gives the oldest held credential check its (true) verdict.
    void releaseFirstAuth()
    {
        if (!heldAuth.isEmpty())
            heldAuth.takeFirst()();
    }

    bool relayAllowed = true;
    bool holdAuth = false;
    QList<std::function<void()>> heldAuth;
    Mode mode = Mode::Ok;
    QList<ReceivedMessage> messages;
    QList<std::function<void()>> held;
    mutable QList<QHostAddress> relayChecks;
};

} // namespace RelayDesk::Smtp::Testing
