#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace RelayDesk::Smtp {

/// The server side of the SASL mechanisms offered with AUTH: PLAIN (RFC 4616,
/// with or without initial response, "=" for an empty one) and LOGIN. Pure:
/// turns the AUTH command and the client's continuation lines into either
/// the next challenge, the credentials to check, or an error reply (RFC 4954
/// codes). Checking the credentials is not its business.
class SaslExchange
{
public:
    enum class Outcome {
        Challenge,   ///< send "334 <challenge>" and wait for a line
        Credentials, ///< user and password are complete
        Failed,      ///< send the error reply; the exchange is over
    };

    struct Step
    {
        Outcome outcome = Outcome::Failed;
        QByteArray challenge; ///< base64, may be empty
        QString user;
        QString password;
        int code = 0;
        const char* enhanced = nullptr;
        QByteArray text;
    };

    /// mechanism in upper case; initialResponse only when hasInitialResponse.
    Step start(QByteArrayView mechanism, bool hasInitialResponse, QByteArrayView initialResponse);
    /// One continuation line from the client ("*" cancels).
    Step respond(QByteArrayView line);
    bool isActive() const { return m_expect != Expect::Nothing; }
    void reset();

    /// Decodes strict base64; "=" and "" are the empty string.
    static bool decodeBase64(QByteArrayView text, QByteArray* out);

private:
    enum class Expect { Nothing, PlainResponse, LoginUser, LoginPassword };

    Step plain(QByteArrayView base64);
    Step challenge(Expect next, QByteArray text);
    static Step failed(int code, const char* enhanced, QByteArray text);

    Expect m_expect = Expect::Nothing;
    QString m_user;
};

} // namespace RelayDesk::Smtp
