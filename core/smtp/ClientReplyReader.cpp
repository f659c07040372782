#include "ClientReplyReader.h"

#include <QRegularExpression>

namespace RelayDesk::Smtp {

ClientReplyReader::ClientReplyReader(int maxLineLength, int maxLines)
    : m_maxLineLength(maxLineLength), m_maxLines(maxLines)
{}

void ClientReplyReader::clear()
{
    m_buffer.clear();
    m_lines.clear();
    m_code = 0;
}

bool ClientReplyReader::feed(const QByteArray& data, QVector<ClientReply>& out, QString* error)
{
    m_buffer.append(data);
    qsizetype start = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        qsizetype lineEnd = end;
        if (lineEnd > start && m_buffer.at(lineEnd - 1) == '\r')
            --lineEnd;
        if (lineEnd - start > m_maxLineLength) {
            *error = QStringLiteral("reply line longer than %1 octets").arg(m_maxLineLength);
            return false;
        }
        if (!takeLine(m_buffer.mid(start, lineEnd - start), out, error))
            return false;
        start = end + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > m_maxLineLength) {
        *error = QStringLiteral("reply line longer than %1 octets").arg(m_maxLineLength);
        return false;
    }
    return true;
}

bool ClientReplyReader::takeLine(const QByteArray& line, QVector<ClientReply>& out, QString* error)
{
    // "ddd", "ddd text" or "ddd-text" (RFC 5321 4.2); the first digit is 2-5
    // and the second 0-5 (4.2.1).
    const auto digit = [&line](int i) { return line.size() > i ? line.at(i) - '0' : -1; };
    const bool codeOk = digit(0) >= 2 && digit(0) <= 5 && digit(1) >= 0 && digit(1) <= 5 &&
                        digit(2) >= 0 && digit(2) <= 9 &&
                        (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '-');
    if (!codeOk) {
        *error = QStringLiteral("malformed reply line: %1")
                     .arg(QString::fromUtf8(line.left(80)).toHtmlEscaped());
        return false;
    }
    const int code = digit(0) * 100 + digit(1) * 10 + digit(2);
    if (!m_lines.isEmpty() && code != m_code) {
        *error = QStringLiteral("reply code changed within a multi-line reply (%1 then %2)")
                     .arg(m_code)
                     .arg(code);
        return false;
    }
    m_code = code;
    if (m_lines.size() >= m_maxLines) {
        *error = QStringLiteral("reply with more than %1 lines").arg(m_maxLines);
        return false;
    }
    m_lines.append(QString::fromUtf8(line.mid(4)));
    if (line.size() > 3 && line.at(3) == '-')
        return true;

    ClientReply reply;
    reply.code = code;
    reply.text = m_lines.join(QLatin1Char('\n'));
    reply.enhancedStatus = parseEnhancedStatus(code, m_lines.constFirst());
    reply.disposition = code < 400   ? ClientDisposition::Delivered
                        : code < 500 ? ClientDisposition::Transient
                                     : ClientDisposition::Permanent;
    out.append(std::move(reply));
    m_lines.clear();
    m_code = 0;
    return true;
}

QString ClientReplyReader::parseEnhancedStatus(int code, const QString& text)
{
    // class.subject.detail: 1-3 digits each (RFC 3463 section 2).
    static const QRegularExpression re(
        QStringLiteral("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)"));
    const auto m = re.match(text);
    if (!m.hasMatch() || m.captured(1).toInt() != code / 100)
        return {};
    return m.captured(1) + QLatin1Char('.') + m.captured(2) + QLatin1Char('.') + m.captured(3);
}

QString ClientReplyReader::parseQueueId(const QString& text)
{
    static const QRegularExpression patterns[] = {
        // Postfix, SendGrid, Mailjet, most Postfix-based providers
        QRegularExpression(QStringLiteral("queued as ([A-Za-z0-9._@-]+)"),
                           QRegularExpression::CaseInsensitiveOption),
        // Exim: "250 OK id=1qXyZa-0001Ab-Cd"
        QRegularExpression(QStringLiteral("\\bid=([A-Za-z0-9._-]+)")),
        // Microsoft 365 / Exchange: "250 2.6.0 <mid> [InternalId=123, Hostname=...]"
        QRegularExpression(QStringLiteral("\\[InternalId=([0-9]+)")),
        // Gmail: "250 2.0.0 OK  1700000000 a1-20020a17090a...- gsmtp"
        QRegularExpression(QStringLiteral("OK\\s+\\d+\\s+(\\S+?)\\s*-?\\s*gsmtp"),
                           QRegularExpression::CaseInsensitiveOption),
        // Amazon SES: "250 Ok 0100018b2f3a...-000000"
        QRegularExpression(
            QStringLiteral("^(?:\\d\\.\\d{1,3}\\.\\d{1,3}\\s+)?Ok ([0-9a-f-]{20,})\\s*$"),
            QRegularExpression::CaseInsensitiveOption),
        // Sendmail: "250 2.0.0 3AB4cdE5012345 Message accepted for delivery"
        QRegularExpression(QStringLiteral("(\\S+) Message accepted for delivery")),
    };
    for (const auto& re : patterns) {
        const auto m = re.match(text);
        if (m.hasMatch())
            return m.captured(1);
    }
    return {};
}

} // namespace RelayDesk::Smtp
