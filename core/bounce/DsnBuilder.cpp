#include "DsnBuilder.h"

#include "DsnExplanation.h"
#include "MailDate.h"
#include "MimeHeaders.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUuid>

namespace RelayDesk::Bounce {

namespace {

constexpr int FoldWidth = 78;
constexpr qsizetype MaxWord = 900;        ///< keeps every line far below 998 octets
constexpr qsizetype MaxDiagnostic = 4000; ///< a reply longer than this is cut

/// DSN fields are US-ASCII text (RFC 3464 section 2.1.1); what an upstream
/// sends is not always. Controls become spaces, other octets "?".
QString asciiText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out.append(QLatin1Char(' '));
        else if (c.unicode() > 0x7e)
            out.append(QLatin1Char('?'));
        else
            out.append(c);
    }
    return out;
}

/// "Name: value" folded at spaces to FoldWidth columns where possible, with
/// one space on continuation lines so that unfolding restores the value.
QByteArray field(const char* name, const QString& value)
{
    QStringList words;
    for (const QString& word : value.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        for (qsizetype i = 0; i < word.size(); i += MaxWord)
            words.append(word.mid(i, MaxWord));
    }
    QByteArray out(name);
    out.append(':');
    qsizetype column = out.size();
    for (const QString& word : words) {
        const QByteArray w = word.toUtf8();
        if (column + 1 + w.size() > FoldWidth && column > qsizetype(qstrlen(name)) + 1) {
            out.append("\r\n");
            column = 0;
        }
        out.append(' ');
        out.append(w);
        column += 1 + w.size();
    }
    out.append("\r\n");
    return out;
}

/// RFC 6533 utf-8-addr-xtext for a non-ASCII address: "\x{HEX}" per
/// code point outside printable ASCII, and for "\" and "+" themselves.
QString utf8AddressText(const QString& address)
{
    QString out;
    for (const char32_t cp : address.toUcs4()) {
        if (cp > 0x20 && cp < 0x7f && cp != '\\' && cp != '+')
            out.append(QChar(char16_t(cp)));
        else
            out.append(QStringLiteral("\\x{%1}").arg(QString::number(uint(cp), 16).toUpper()));
    }
    return out;
}

bool isAscii(const QString& s)
{
    for (const QChar c : s) {
        if (c.unicode() > 0x7e)
            return false;
    }
    return true;
}

bool hasEightBit(QByteArrayView data)
{
    for (const char c : data) {
        if (static_cast<unsigned char>(c) > 0x7f)
            return true;
    }
    return false;
}

/// Quoted-printable for the explanation when it is not plain ASCII (an
/// SMTPUTF8 address or a raw UTF-8 subject), so the part stays 7-bit.
QByteArray quotedPrintable(const QByteArray& text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QByteArray& line = lines.at(n);
        qsizetype column = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line.at(i));
            const bool trailingSpace = (c == ' ' || c == '\t') && i == line.size() - 1;
            QByteArray piece;
            if (c == '=' || c > 0x7e || (c < 0x20 && c != '\t') || trailingSpace)
                piece = QByteArray("=") + hex[c >> 4] + hex[c & 0xF];
            else
                piece = QByteArray(1, char(c));
            if (column + piece.size() > 75) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(piece);
            column += piece.size();
        }
        if (n + 1 < lines.size())
            out.append("\r\n");
    }
    return out;
}

QByteArray crlf(const QString& text)
{
    QByteArray out = text.toUtf8();
    out.replace("\r\n", "\n");
    out.replace('\n', "\r\n");
    return out;
}

/// The original's Message-ID, when it is a clean msg-id we can safely
/// copy into In-Reply-To/References.
QByteArray cleanMessageId(const MimeHeaders& headers)
{
    static const QRegularExpression re(QStringLiteral("^<[!-;=?-~]{1,900}>$"));
    const QByteArray id = headers.value("Message-ID");
    return re.match(QString::fromLatin1(id)).hasMatch() ? id : QByteArray();
}

} // namespace

DsnBuilder::DsnBuilder(QString reportingMta, DsnPolicy policy)
    : m_reportingMta(std::move(reportingMta)), m_policy(policy)
{}

DsnKind DsnBuilder::kindOf(const QList<DsnRecipientReport>& recipients)
{
    bool delayed = false;
    for (const DsnRecipientReport& r : recipients) {
        if (r.action == DsnAction::Failed)
            return DsnKind::Failure;
        delayed = delayed || r.action == DsnAction::Delayed;
    }
    return delayed ? DsnKind::Delay : DsnKind::Success;
}

EnhancedStatus DsnBuilder::effectiveStatus(const DsnRecipientReport& r)
{
    EnhancedStatus status = r.status;
    if (!status.isValid() && r.replyCode != 0) {
        const QString firstLine = r.replyText.section(QLatin1Char('\n'), 0, 0);
        status = EnhancedStatus::fromReplyText(firstLine, r.replyCode)
                     .value_or(EnhancedStatus::fromReplyCode(r.replyCode));
    }
    if (!status.isValid()) {
        status = r.action == DsnAction::Delayed  ? EnhancedStatus(4, 4, 1)
                 : r.action == DsnAction::Failed ? EnhancedStatus(4, 4, 7)
                                                 : EnhancedStatus(2, 0, 0);
    }
    // The class must agree with the action (RFC 3464 2.3.3/2.3.4).
    switch (r.action) {
    case DsnAction::Delayed:
        return status.withClass(EnhancedStatus::Class::PersistentTransient);
    case DsnAction::Failed:
        return status.isSuccess() ? status.withClass(EnhancedStatus::Class::PermanentFailure)
                                  : status;
    case DsnAction::Delivered:
    case DsnAction::Relayed:
    case DsnAction::Expanded:
        return status.withClass(EnhancedStatus::Class::Success);
    }
    return status;
}

QString DsnBuilder::diagnosticCode(int replyCode, const QString& replyText)
{
    QString text;
    if (replyCode != 0) {
        // Rebuild the reply as the upstream sent it: "550-..." for all but
        // the last line, "550 ..." for the last, like Postfix's DSNs.
        const QStringList lines = replyText.split(QLatin1Char('\n'));
        QStringList parts;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString line = lines.at(i).trimmed();
            parts.append(QString::number(replyCode) +
                         (i + 1 < lines.size() ? QLatin1Char('-') : QLatin1Char(' ')) + line);
        }
        text = parts.join(QLatin1Char(' ')).trimmed();
    } else {
        text = replyText.trimmed();
        if (text.isEmpty())
            return {};
    }
    text = asciiText(text).simplified();
    if (text.size() > MaxDiagnostic)
        text = text.left(MaxDiagnostic) + QStringLiteral(" ...");
    // No word may approach the 998-octet line limit, here or in the explanation.
    QStringList words;
    for (const QString& word : text.split(QLatin1Char(' '))) {
        for (qsizetype i = 0; i < word.size(); i += MaxWord)
            words.append(word.mid(i, MaxWord));
    }
    text = words.join(QLatin1Char(' '));
    return (replyCode != 0 ? QStringLiteral("smtp; ") : QStringLiteral("X-RelayDesk; ")) + text;
}

QString DsnBuilder::hostFromUpstream(const QString& hostAndPort)
{
    QString host = hostAndPort.trimmed();
    if (host.startsWith(QLatin1Char('['))) {
        const qsizetype close = host.indexOf(QLatin1Char(']'));
        return close > 0 ? host.mid(1, close - 1) : host;
    }
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    // One colon followed by digits is a port; several colons are a bare IPv6 address.
    if (colon > 0 && host.indexOf(QLatin1Char(':')) == colon) {
        bool numeric = false;
        host.mid(colon + 1).toUInt(&numeric);
        if (numeric)
            host.truncate(colon);
    }
    return host;
}

QString DsnBuilder::subject(DsnKind kind)
{
    switch (kind) {
    case DsnKind::Failure:
        return QStringLiteral("Undelivered Mail Returned to Sender");
    case DsnKind::Delay:
        return QStringLiteral("Delayed Mail (still being retried)");
    case DsnKind::Success:
        return QStringLiteral("Successful Mail Delivery Report");
    }
    return {};
}

QString DsnBuilder::actionName(DsnAction action)
{
    switch (action) {
    case DsnAction::Failed:
        return QStringLiteral("failed");
    case DsnAction::Delayed:
        return QStringLiteral("delayed");
    case DsnAction::Delivered:
        return QStringLiteral("delivered");
    case DsnAction::Relayed:
        return QStringLiteral("relayed");
    case DsnAction::Expanded:
        return QStringLiteral("expanded");
    }
    return {};
}

DsnMessage DsnBuilder::build(const DsnReport& report, const QDateTime& now) const
{
    DsnMessage dsn;
    dsn.recipient = report.originalSender;
    dsn.kind = kindOf(report.recipients);

    // What goes back (DsnPolicy documents the rules).
    const QByteArray& original = report.originalContent;
    const qsizetype bodyOffset = MimeHeaders::bodyOffset(original);
    QByteArray originalHeaders = original.left(bodyOffset);
    while (originalHeaders.endsWith("\r\n\r\n"))
        originalHeaders.chop(2);
    if (!originalHeaders.isEmpty() && !originalHeaders.endsWith("\r\n"))
        originalHeaders.append("\r\n");
    const DsnPolicy::Returned returned = m_policy.returnedContent(
        dsn.kind, report.request.ret, original.size(), &dsn.fellBackToHeaders);
    dsn.returnedFullMessage = returned == DsnPolicy::Returned::FullMessage;
    QByteArray returnedBody = dsn.returnedFullMessage ? original : originalHeaders;
    if (!returnedBody.isEmpty() && !returnedBody.endsWith("\r\n"))
        returnedBody.append("\r\n");

    // A boundary that cannot occur in base64 or quoted-printable ("=_"),
    // and is checked against the returned content too.
    QByteArray boundary;
    do {
        boundary = "=_RelayDesk_" + QUuid::createUuid().toByteArray(QUuid::Id128);
    } while (returnedBody.contains(boundary));

    const QString host = m_reportingMta;
    dsn.messageId =
        QStringLiteral("<%1.%2@%3>")
            .arg(now.toUTC().toString(QStringLiteral("yyyyMMddhhmmss")),
                 QString::fromLatin1(QUuid::createUuid().toByteArray(QUuid::Id128).left(16)), host);

    const MimeHeaders originalFields = MimeHeaders::parse(QByteArrayView(originalHeaders));
    const QByteArray inReplyTo = cleanMessageId(originalFields);

    QByteArray out;
    out += field("From", QStringLiteral("Mail Delivery System <MAILER-DAEMON@%1>").arg(host));
    out += field("To", QLatin1Char('<') + report.originalSender + QLatin1Char('>'));
    out += field("Subject", subject(dsn.kind));
    out += field("Date", MailDate::format(now));
    out += field("Message-ID", dsn.messageId);
    if (!inReplyTo.isEmpty()) {
        out += field("In-Reply-To", QString::fromLatin1(inReplyTo));
        out += field("References", QString::fromLatin1(inReplyTo));
    }
    out += field("Auto-Submitted", QStringLiteral("auto-replied"));
    out += field("MIME-Version", QStringLiteral("1.0"));
    out += "Content-Type: multipart/report; report-type=delivery-status;\r\n boundary=\"" +
           boundary + "\"\r\n";
    const bool eightBitReturned = hasEightBit(returnedBody);
    out += field("Content-Transfer-Encoding",
                 eightBitReturned ? QStringLiteral("8bit") : QStringLiteral("7bit"));
    out += "\r\nThis is a MIME-encapsulated message.\r\n\r\n";

    // 1. The explanation.
    DsnExplanation::Context context;
    context.reportingMta = host;
    context.kind = dsn.kind;
    context.returnedFullMessage = dsn.returnedFullMessage;
    context.fellBackToHeaders = dsn.fellBackToHeaders;
    context.maxReturnedBytes = m_policy.maxReturnedBytes();
    const QByteArray explanation = crlf(DsnExplanation::write(report, context));
    out += "--" + boundary + "\r\n";
    out += "Content-Description: Notification\r\n";
    if (hasEightBit(explanation)) {
        out += "Content-Type: text/plain; charset=utf-8\r\n";
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        out += quotedPrintable(explanation);
    } else {
        out += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
        out += explanation;
    }
    if (!out.endsWith("\r\n"))
        out += "\r\n";

    // 2. The machine-readable report.
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Description: Delivery report\r\n";
    out += "Content-Type: message/delivery-status\r\n\r\n";
    out += field("Reporting-MTA", QStringLiteral("dns; ") + asciiText(host));
    if (!report.queueId.isEmpty())
        out += field("X-RelayDesk-Queue-ID", asciiText(report.queueId));
    if (report.request.hasEnvelopeId)
        out += field("Original-Envelope-Id", asciiText(report.request.envelopeId));
    if (report.arrivalDate.isValid())
        out += field("Arrival-Date", MailDate::format(report.arrivalDate));
    for (const DsnRecipientReport& r : report.recipients) {
        out += "\r\n";
        out += field("Final-Recipient",
                     isAscii(r.finalRecipient)
                         ? QStringLiteral("rfc822; ") + asciiText(r.finalRecipient)
                         : QStringLiteral("utf-8; ") + utf8AddressText(r.finalRecipient));
        if (!r.originalRecipient.isEmpty()) {
            out += field("Original-Recipient", asciiText(r.originalRecipient.addressType) +
                                                   QStringLiteral("; ") +
                                                   asciiText(r.originalRecipient.address));
        }
        out += field("Action", actionName(r.action));
        out += field("Status", effectiveStatus(r).toString());
        if (!r.remoteMta.isEmpty())
            out += field("Remote-MTA", QStringLiteral("dns; ") + asciiText(r.remoteMta));
        if (const QString diagnostic = diagnosticCode(r.replyCode, r.replyText);
            !diagnostic.isEmpty())
            out += field("Diagnostic-Code", diagnostic);
        if (r.lastAttempt.isValid())
            out += field("Last-Attempt-Date", MailDate::format(r.lastAttempt));
        if (r.action == DsnAction::Delayed && r.willRetryUntil.isValid())
            out += field("Will-Retry-Until", MailDate::format(r.willRetryUntil));
    }

    // 3. The returned message or its headers.
    out += "\r\n--" + boundary + "\r\n";
    if (dsn.returnedFullMessage) {
        out += "Content-Description: Undelivered Message\r\n";
        out += "Content-Type: message/rfc822\r\n";
    } else {
        out += dsn.kind == DsnKind::Failure ? "Content-Description: Undelivered Message Headers\r\n"
                                            : "Content-Description: Message Headers\r\n";
        out += "Content-Type: text/rfc822-headers\r\n";
    }
    if (eightBitReturned)
        out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += returnedBody;
    out += "\r\n--" + boundary + "--\r\n";

    dsn.eightBit = hasEightBit(out);
    dsn.content = std::move(out);
    return dsn;
}

} // namespace RelayDesk::Bounce
