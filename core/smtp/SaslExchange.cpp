#include "SaslExchange.h"

#include <QList>

namespace RelayDesk::Smtp {

SaslExchange::Step SaslExchange::start(QByteArrayView mechanism, bool hasInitialResponse,
                                       QByteArrayView initialResponse)
{
    reset();
    if (mechanism == "PLAIN") {
        if (hasInitialResponse)
            return plain(initialResponse);
        return challenge(Expect::PlainResponse, {});
    }
    if (mechanism == "LOGIN") {
        if (!hasInitialResponse)
            return challenge(Expect::LoginUser, "VXNlcm5hbWU6"); // "Username:"
        m_expect = Expect::LoginUser;
        return respond(initialResponse);
    }
    return failed(504, "5.5.4", "Error: unsupported authentication mechanism");
}

SaslExchange::Step SaslExchange::respond(QByteArrayView line)
{
    const Expect expected = std::exchange(m_expect, Expect::Nothing);
    if (line == "*")
        return failed(501, "5.0.0", "Authentication cancelled");
    if (expected == Expect::PlainResponse)
        return plain(line);
    QByteArray decoded;
    if (!decodeBase64(line, &decoded))
        return failed(501, "5.5.2", "Error: invalid base64");
    if (expected == Expect::LoginUser) {
        m_user = QString::fromUtf8(decoded);
        return challenge(Expect::LoginPassword, "UGFzc3dvcmQ6"); // "Password:"
    }
    if (expected == Expect::LoginPassword) {
        Step step;
        step.outcome = Outcome::Credentials;
        step.user = std::exchange(m_user, QString());
        step.password = QString::fromUtf8(decoded);
        return step;
    }
    return failed(503, "5.5.1", "Error: no authentication exchange in progress");
}

void SaslExchange::reset()
{
    m_expect = Expect::Nothing;
    m_user.clear();
}

bool SaslExchange::decodeBase64(QByteArrayView text, QByteArray* out)
{
    // RFC 4954 4: "=" stands for an empty initial response.
    if (text == "=" || text.isEmpty()) {
        out->clear();
        return true;
    }
    auto result =
        QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return false;
    *out = std::move(result.decoded);
    return true;
}

SaslExchange::Step SaslExchange::plain(QByteArrayView base64)
{
    QByteArray decoded;
    if (!decodeBase64(base64, &decoded))
        return failed(501, "5.5.2", "Error: invalid base64");
    // authzid NUL authcid NUL passwd
    const QList<QByteArray> parts = decoded.split('\0');
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return failed(501, "5.5.2", "Error: malformed PLAIN response");
    // Acting as someone else (authzid) is not something we grant.
    if (!parts.at(0).isEmpty() && parts.at(0) != parts.at(1))
        return failed(535, "5.7.8", "Error: authentication failed");
    Step step;
    step.outcome = Outcome::Credentials;
    step.user = QString::fromUtf8(parts.at(1));
    step.password = QString::fromUtf8(parts.at(2));
    return step;
}

SaslExchange::Step SaslExchange::challenge(Expect next, QByteArray text)
{
    m_expect = next;
    Step step;
    step.outcome = Outcome::Challenge;
    step.challenge = std::move(text);
    return step;
}

SaslExchange::Step SaslExchange::failed(int code, const char* enhanced, QByteArray text)
{
    Step step;
    step.code = code;
    step.enhanced = enhanced;
    step.text = std::move(text);
    return step;
}

} // namespace RelayDesk::Smtp
