#include "BounceMessageReader.h"

#include "DsnParser.h"
#include "MimeEntity.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <algorithm>

namespace RelayDesk::Bounce {

namespace {

QString decodeText(const QByteArray& bytes, const QByteArray& charset = {})
{
    // Japanese MTAs write ISO-2022-JP / Shift_JIS / EUC-JP explanations;
    // Qt decodes them through ICU when it has it. Otherwise bounces are
    // mostly ASCII and a legacy charset only garbles the odd word.
    const QByteArray name = charset.trimmed().toLower();
    if (!name.isEmpty() && name != "us-ascii" && name != "utf-8" && name != "utf8") {
        QStringDecoder decoder(name.constData());
        if (decoder.isValid()) {
            QString text = decoder.decode(bytes);
            if (!decoder.hasError()) {
                text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
                return text;
            }
        }
    }
    QString text = QString::fromUtf8(bytes);
    if (text.contains(QChar::ReplacementCharacter))
        text = QString::fromLatin1(bytes);
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    return text;
}

/// Lines after which a bounce quotes the original message.
bool startsReturnedMessage(const QString& line)
{
    static const QRegularExpression marker(
        QStringLiteral(
            "^\\s*(-{2,}.*(original message|copy of the message|unsent message|"
            "returned message|message text follows|original mail|headers of the message)|"
            "below (this line )?is a copy of|--- below this line|"
            "original message follows|"
            "------ this is a copy|content-type: message/rfc822|"
            "received: from \\S)"),
        QRegularExpression::CaseInsensitiveOption);
    return marker.match(line).hasMatch();
}

bool afterDataIn(const QString& text)
{
    static const QRegularExpression data(
        QStringLiteral("in reply to (end of )?data command|after (end of )?data\\b|"
                       "after the end of data|at end of data|during data"),
        QRegularExpression::CaseInsensitiveOption);
    // Sendmail's ">>> DATA" alone proves nothing: with pipelining, the RCPT
    // TO refusals are read after DATA was sent, and Sendmail then writes its
    // own per-recipient line ("550 5.1.1 <a@b>... User unknown") and the
    // server's "503 need RCPT". When the refusal answered DATA itself, the
    // whole transaction failed and Sendmail says "Service unavailable".
    static const QRegularExpression sendmailData(
        QStringLiteral("^>>> DATA\\s*\\n<<< [45]\\d\\d[^\\n]*\\n(?:<<<[^\\n]*\\n)*"
                       "[45]\\d\\d [45]\\.\\d{1,3}\\.\\d{1,3} Service unavailable"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    // Courier's per-recipient block names the command that failed:
    // "<a@b>:\n    host [ip]:\n>>> DATA\n<<< 550 ...".
    static const QRegularExpression namedCommand(
        QStringLiteral(
            "^\\s*<[^<>\\s]+@[^<>\\s]+>:[ \\t]*\\n(?:[ \\t]+\\S[^\\n]*\\n)?>>> DATA\\s*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    return data.match(text).hasMatch() || sendmailData.match(text).hasMatch() ||
           namedCommand.match(text).hasMatch();
}

/// Reporting MTAs that accept every message in full and bounce it later by
/// rule: Amazon SES receiving (a receipt rule's Bounce action writes
/// "550 5.1.1 Mailbox does not exist" after the message was accepted), so a
/// "no such user" from them is a filter's decision, not the address book's.
bool bouncedAfterAcceptance(const QString& reportingMta)
{
    static const QRegularExpression sesInbound(
        QStringLiteral("^inbound-smtp\\.[a-z0-9-]+\\.amazonaws\\.com$"),
        QRegularExpression::CaseInsensitiveOption);
    return sesInbound.match(reportingMta.trimmed()).hasMatch();
}

/// Sendmail's verdict line for one recipient, "554 <a@b>... reason": it
/// ends that recipient's block (the lines after it are about the next host
/// or recipient, as in Sendmail V5's transcripts).
bool isSendmailVerdict(const QString& line)
{
    static const QRegularExpression verdict(QStringLiteral(
        "^[245]\\d\\d (?:[245]\\.\\d{1,3}\\.\\d{1,3} )?<[^<>\\s]+@[^<>\\s]+>\\.\\.\\."));
    return verdict.match(line).hasMatch();
}

int leadingReplyCode(const QString& text)
{
    static const QRegularExpression code(QStringLiteral("(?:^|said:\\s*|\\s)([245]\\d\\d)[\\s-]"));
    const auto match = code.match(text);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

bool isFeedback(const MimeEntity& root, const QString& text)
{
    if (root.contentTypeParameter("report-type").toLower() == "feedback-report")
        return true;
    if (root.findByType("message/feedback-report"))
        return true;
    // Pre-ARF Hotmail complaints, and Apple Mail's unsubscribe-by-mail.
    const MimeHeaders& headers = root.headers();
    if (headers.contains("X-Apple-Unsubscribe") ||
        QString::fromUtf8(headers.value("Subject"))
            .contains(QLatin1String("complaint about message from"), Qt::CaseInsensitive))
        return true;
    // Amazon SES / SNS complaint notifications.
    return text.contains(QLatin1String("\"notificationType\":\"Complaint\"")) ||
           text.contains(QLatin1String("\"notificationType\": \"Complaint\""));
}

bool looksLikeBounceSender(const MimeHeaders& headers)
{
    static const QRegularExpression daemon(
        QStringLiteral("mailer-daemon|postmaster|mail delivery|mailerdaemon|mail-daemon"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression subject(
        QStringLiteral("deliver|undeliver|returned mail|failure|failed|fail:|bounce|"
                       "non[- ]?remis|error|notification|rejected|unzustellbar|warning"),
        QRegularExpression::CaseInsensitiveOption);
    return daemon.match(QString::fromUtf8(headers.value("From"))).hasMatch() ||
           subject.match(QString::fromUtf8(headers.value("Subject"))).hasMatch();
}

bool isAutoReply(const MimeHeaders& headers)
{
    static const QRegularExpression subject(
        QStringLiteral("^\\s*(auto(matic)?[ -]?(reply|response|antwort)|auto:|"
                       "out of (the )?office|vacation|abwesen|absence|r[ée]ponse automatique)"),
        QRegularExpression::CaseInsensitiveOption);
    const QByteArray autoSubmitted = headers.value("Auto-Submitted").toLower();
    if (autoSubmitted.startsWith("auto-replied"))
        return true;
    if (headers.contains("X-Autoreply") || headers.contains("X-Autorespond") ||
        headers.value("Precedence").toLower() == "auto_reply")
        return true;
    return subject.match(QString::fromUtf8(headers.value("Subject"))).hasMatch();
}

QString lowerAddress(QString address)
{
    address = address.trimmed();
    if (address.startsWith(QLatin1Char('<')) && address.endsWith(QLatin1Char('>')))
        address = address.mid(1, address.size() - 2);
    return address.toLower();
}

/// The diagnostic-looking part of a recipient's text: the best line to show.
QString firstReplyLine(const QString& text)
{
    static const QRegularExpression reply(QStringLiteral("\\b[245]\\d\\d[ -][^\\n]*"));
    const auto match = reply.match(text);
    return match.hasMatch() ? match.captured(0).trimmed() : text.simplified();
}

} // namespace

QString BounceMessageReader::humanText(const MimeEntity& root)
{
    QList<const MimeEntity*> texts;
    std::function<void(const MimeEntity&)> collect = [&](const MimeEntity& entity) {
        // A multipart whose boundary never occurs (stripped by a gateway)
        // is read as the plain text it has become.
        if (entity.isMultipart() && !entity.parts().isEmpty()) {
            for (const MimeEntity& part : entity.parts())
                collect(part);
            return;
        }
        const QByteArray type =
            entity.isMultipart() ? QByteArray("text/plain") : entity.mediaType();
        if (type == "text/plain" || type == "text/html" || type == "text/enriched")
            texts << &entity;
    };
    collect(root);
    // Prefer plain text; an HTML-only bounce is read with its tags removed.
    bool anyPlain = false;
    const auto isPlain = [](const MimeEntity* entity) {
        return entity->isMultipart() || entity->mediaType() == "text/plain";
    };
    for (const MimeEntity* entity : texts)
        anyPlain = anyPlain || isPlain(entity);
    QString out;
    for (const MimeEntity* entity : texts) {
        if (anyPlain && !isPlain(entity))
            continue;
        QString text = decodeText(entity->decodedBody(), entity->contentTypeParameter("charset"));
        if (entity->mediaType() == "text/html") {
            static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
            text.replace(tags, QStringLiteral("\n"));
        }
        const QStringList lines = text.split(QLatin1Char('\n'));
        QStringList kept;
        for (const QString& line : lines) {
            if (startsReturnedMessage(line) && !kept.isEmpty())
                break;
            kept << line;
        }
        out += kept.join(QLatin1Char('\n')) + QLatin1Char('\n');
        // The first text part explains; the later ones are usually the returned message.
        if (!out.trimmed().isEmpty())
            break;
    }
    return out;
}

QList<BounceEntry> BounceMessageReader::splitByRecipient(const QString& text)
{
    // A block starts where a line leads with an address: "<a@b>:" (qmail),
    // "  a@b" (Exim), "a@b: 550 ..." (OpenSMTPD), "a@b on <date>" (Exchange),
    // "554 <a@b>... reason" (Sendmail transcript).
    static const QRegularExpression start(
        QStringLiteral("^\\s*(?:[245]\\d\\d[ -])?(?:rcpt to:\\s*|recipient:\\s*|"
                       "failed recipient:\\s*|address:\\s*)?[<\"']?"
                       "([A-Za-z0-9._%+=!#$&'*/?^`{|}~-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})[>\"']?"
                       "(?:\\s*$|\\s*[:.,;(]|\\s+on\\s|\\.\\.\\.|\\s+\\S)"),
        QRegularExpression::CaseInsensitiveOption);
    QList<BounceEntry> entries;
    const QStringList lines = text.split(QLatin1Char('\n'));
    qsizetype current = -1;
    for (const QString& line : lines) {
        const auto match = start.match(line);
        // Header-like lines of quoted original headers are not recipients.
        const bool headerLine = line.startsWith(QLatin1String("From:"), Qt::CaseInsensitive) ||
                                line.contains(QLatin1String("Return-Path"), Qt::CaseInsensitive);
        if (match.hasMatch() && !headerLine) {
            const QString address = lowerAddress(match.captured(1));
            current = -1;
            for (qsizetype i = 0; i < entries.size(); ++i) {
                if (entries.at(i).recipient == address)
                    current = i;
            }
            if (current < 0) {
                BounceEntry entry;
                entry.recipient = address;
                entries << entry;
                current = entries.size() - 1;
            }
        }
        if (current >= 0) {
            entries[current].diagnostic += line + QLatin1Char('\n');
            if (isSendmailVerdict(line))
                current = -1;
        }
    }
    for (BounceEntry& entry : entries) {
        entry.afterData = afterDataIn(entry.diagnostic);
        entry.replyCode = leadingReplyCode(entry.diagnostic);
        entry.diagnostic = entry.diagnostic.trimmed();
    }
    return entries;
}

namespace {

/// A bounce that only forwards another MTA's bounce as its attachment
/// (InterScan: "Unable to deliver message to <a@b>"), with no reply of its
/// own: the attached bounce has the facts.
const MimeEntity* forwardedBounce(const MimeEntity& root)
{
    return root.find([](const MimeEntity& e) { return e.mediaType() == "message/rfc822"; });
}

BounceReport readAtDepth(QByteArrayView message, int depth)
{
    BounceReport report;
    const MimeEntity root = MimeEntity::parse(message);
    report.subject = QString::fromUtf8(root.headers().value("Subject"));
    report.text = BounceMessageReader::humanText(root);

    if (isFeedback(root, report.text)) {
        report.kind = BounceReport::Kind::Feedback;
        return report;
    }

    const ParsedDsn dsn = DsnParser::parse(message);
    if (dsn.valid && !dsn.recipients.isEmpty()) {
        const QList<BounceEntry> textEntries = BounceMessageReader::splitByRecipient(report.text);
        bool anyFailure = false;
        for (const ParsedDsnRecipient& recipient : dsn.recipients) {
            BounceEntry entry;
            entry.recipient = lowerAddress(recipient.address());
            entry.action = recipient.actionText;
            entry.dsnStatus = recipient.status.toString();
            entry.diagnostic = recipient.diagnosticCode;
            entry.replyCode = recipient.replyCode();
            entry.remoteMta = recipient.remoteMta;
            QString context = recipient.diagnosticCode;
            for (const BounceEntry& textEntry : textEntries) {
                if (textEntry.recipient == entry.recipient) {
                    context += QLatin1Char('\n') + textEntry.diagnostic;
                    if (entry.diagnostic.trimmed().isEmpty())
                        entry.diagnostic = textEntry.diagnostic;
                }
            }
            entry.afterData = afterDataIn(context) || bouncedAfterAcceptance(dsn.reportingMta);
            anyFailure = anyFailure || !recipient.action ||
                         (*recipient.action != DsnAction::Delivered &&
                          *recipient.action != DsnAction::Relayed &&
                          *recipient.action != DsnAction::Expanded);
            report.entries << entry;
        }
        report.kind = anyFailure ? BounceReport::Kind::Failure : BounceReport::Kind::Delivered;
        return report;
    }

    if (!looksLikeBounceSender(root.headers()) && isAutoReply(root.headers())) {
        report.kind = BounceReport::Kind::AutoReply;
        return report;
    }

    report.entries = BounceMessageReader::splitByRecipient(report.text);
    if (report.entries.isEmpty() && !report.text.trimmed().isEmpty()) {
        BounceEntry entry;
        entry.diagnostic = report.text.trimmed();
        entry.replyCode = leadingReplyCode(report.text);
        entry.afterData = afterDataIn(report.text);
        report.entries << entry;
    }
    // One recipient whose block holds no failure reply while the text does
    // ("Error message below: 550 ..." above a "RCPT TO: a@b" detail list):
    // the whole explanation is about that recipient.
    static const QRegularExpression failureReply(QStringLiteral("(?:^|\\s)[45]\\d\\d[\\s-]"));
    if (report.entries.size() == 1 &&
        !failureReply.match(report.entries.constFirst().diagnostic).hasMatch() &&
        failureReply.match(report.text).hasMatch()) {
        BounceEntry& only = report.entries.first();
        only.diagnostic = report.text.trimmed();
        only.replyCode = leadingReplyCode(firstReplyLine(only.diagnostic));
        only.afterData = afterDataIn(report.text);
    }
    for (BounceEntry& entry : report.entries) {
        if (entry.replyCode == 0)
            entry.replyCode = leadingReplyCode(firstReplyLine(entry.diagnostic));
    }
    report.kind =
        report.entries.isEmpty() ? BounceReport::Kind::Unknown : BounceReport::Kind::Failure;
    const bool anyReply = std::any_of(report.entries.cbegin(), report.entries.cend(),
                                      [](const BounceEntry& e) { return e.replyCode > 0; });
    if (!anyReply && depth == 0) {
        if (const MimeEntity* attached = forwardedBounce(root)) {
            BounceReport inner = readAtDepth(attached->decodedBody(), depth + 1);
            const bool innerReply =
                std::any_of(inner.entries.cbegin(), inner.entries.cend(),
                            [](const BounceEntry& e) { return e.replyCode > 0; });
            if (inner.kind == BounceReport::Kind::Failure && innerReply)
                return inner;
        }
    }
    return report;
}

} // namespace

BounceReport BounceMessageReader::read(QByteArrayView message)
{
    return readAtDepth(message, 0);
}

} // namespace RelayDesk::Bounce
