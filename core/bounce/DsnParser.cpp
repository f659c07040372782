#include "DsnParser.h"

#include "MailDate.h"
#include "MimeEntity.h"
#include "MimeHeaders.h"

namespace RelayDesk::Bounce {

namespace {

/// "rfc822; user@example.com" -> ("rfc822", "user@example.com").
QPair<QString, QString> typed(const QString& value)
{
    const qsizetype semicolon = value.indexOf(QLatin1Char(';'));
    if (semicolon < 0)
        return {QString(), value.trimmed()};
    return {value.left(semicolon).trimmed().toLower(), value.mid(semicolon + 1).trimmed()};
}

QString stripAngles(QString address)
{
    address = address.trimmed();
    if (address.startsWith(QLatin1Char('<')) && address.endsWith(QLatin1Char('>')))
        address = address.mid(1, address.size() - 2).trimmed();
    return address;
}

std::optional<DsnAction> actionFrom(const QString& text)
{
    // RFC 3464 2.3.3: the value may carry a comment ("failed (bad address)").
    const QString word = text.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('('), 0, 0);
    if (word == QLatin1String("failed"))
        return DsnAction::Failed;
    if (word == QLatin1String("delayed"))
        return DsnAction::Delayed;
    if (word == QLatin1String("delivered"))
        return DsnAction::Delivered;
    if (word == QLatin1String("relayed"))
        return DsnAction::Relayed;
    if (word == QLatin1String("expanded"))
        return DsnAction::Expanded;
    return std::nullopt;
}

bool isRecipientBlock(const MimeHeaders& block)
{
    return block.contains("Final-Recipient") || block.contains("Original-Recipient") ||
           block.contains("Action");
}

QList<QPair<QString, QString>> allFields(const MimeHeaders& block)
{
    QList<QPair<QString, QString>> fields;
    for (const MimeHeaders::Field& f : block.fields())
        fields.append({QString::fromLatin1(f.name), QString::fromUtf8(f.value)});
    return fields;
}

QString text(const MimeHeaders& block, const char* name)
{
    return QString::fromUtf8(block.value(name));
}

ParsedDsnRecipient readRecipient(const MimeHeaders& block)
{
    ParsedDsnRecipient r;
    const auto final = typed(text(block, "Final-Recipient"));
    r.finalRecipientType = final.first;
    r.finalRecipient = stripAngles(final.second);
    const auto original = typed(text(block, "Original-Recipient"));
    r.originalRecipientType = original.first;
    r.originalRecipient = stripAngles(original.second);
    r.actionText = text(block, "Action").trimmed().toLower();
    r.action = actionFrom(r.actionText);
    r.statusText = text(block, "Status").trimmed();
    r.status = EnhancedStatus::fromReplyText(r.statusText).value_or(EnhancedStatus());
    const auto remote = typed(text(block, "Remote-MTA"));
    r.remoteMtaType = remote.first;
    r.remoteMta = remote.second;
    const auto diagnostic = typed(text(block, "Diagnostic-Code"));
    r.diagnosticType = diagnostic.first;
    r.diagnosticCode = diagnostic.second.simplified();
    r.lastAttemptDate = MailDate::parse(text(block, "Last-Attempt-Date"));
    r.willRetryUntil = MailDate::parse(text(block, "Will-Retry-Until"));
    r.finalLogId = text(block, "Final-Log-ID").trimmed();
    r.fields = allFields(block);
    return r;
}

bool startsField(QByteArrayView line, QByteArrayView name)
{
    return line.size() > name.size() && line.at(name.size()) == ':' &&
           line.first(name.size()).compare(name, Qt::CaseInsensitive) == 0;
}

/// Splits a delivery-status body into its field blocks at empty lines, and
/// before a second Final-Recipient field of one block (AOL writes the
/// recipient blocks without the empty line between them); an
/// Original-Recipient line just before that field goes with it.
QList<MimeHeaders> blocks(QByteArrayView body)
{
    QList<MimeHeaders> result;
    qsizetype pos = 0;
    qsizetype blockStart = 0;
    bool blockHasFinal = false;
    qsizetype previousLine = -1;   // start of the previous line of this block
    bool previousOriginal = false; // ... and it was Original-Recipient
    const auto flush = [&](qsizetype end) {
        if (end > blockStart) {
            MimeHeaders block = MimeHeaders::parse(body.sliced(blockStart, end - blockStart));
            if (!block.isEmpty())
                result.append(std::move(block));
        }
    };
    while (pos < body.size()) {
        qsizetype end = body.indexOf('\n', pos);
        const qsizetype next = end < 0 ? body.size() : end + 1;
        if (end < 0)
            end = body.size();
        bool blank = true;
        for (qsizetype i = pos; i < end && blank; ++i)
            blank = body.at(i) == ' ' || body.at(i) == '\t' || body.at(i) == '\r';
        const QByteArrayView line = body.sliced(pos, end - pos);
        if (blank) {
            flush(pos);
            blockStart = next;
            blockHasFinal = false;
            previousLine = -1;
            previousOriginal = false;
        } else if (startsField(line, "Final-Recipient")) {
            if (blockHasFinal) {
                const qsizetype split = previousOriginal ? previousLine : pos;
                flush(split);
                blockStart = split;
            }
            blockHasFinal = true;
        }
        if (!blank && line.at(0) != ' ' && line.at(0) != '\t') {
            previousOriginal = startsField(line, "Original-Recipient");
            previousLine = pos;
        }
        pos = next;
    }
    flush(body.size());
    return result;
}

bool isDeliveryStatus(const MimeEntity& e)
{
    return e.mediaType() == "message/delivery-status" ||
           e.mediaType() == "message/global-delivery-status";
}

} // namespace

int ParsedDsnRecipient::replyCode() const
{
    if (diagnosticType.compare(QLatin1String("smtp"), Qt::CaseInsensitive) != 0 ||
        diagnosticCode.size() < 3)
        return 0;
    bool ok = false;
    const int code = diagnosticCode.left(3).toInt(&ok);
    if (!ok || code < 200 || code > 599)
        return 0;
    if (diagnosticCode.size() > 3) {
        const QChar after = diagnosticCode.at(3);
        if (after != QLatin1Char(' ') && after != QLatin1Char('-'))
            return 0;
    }
    return code;
}

bool DsnParser::parseDeliveryStatus(QByteArrayView body, ParsedDsn& dsn)
{
    const QList<MimeHeaders> all = blocks(body);
    if (all.isEmpty())
        return false;
    qsizetype first = 0;
    if (!isRecipientBlock(all.first()) || all.first().contains("Reporting-MTA")) {
        // Some MTAs (AOL) write the per-message and the first recipient's
        // fields as one block, without the empty line between them.
        const MimeHeaders& message = all.first();
        const auto reporting = typed(text(message, "Reporting-MTA"));
        dsn.reportingMtaType = reporting.first;
        dsn.reportingMta = reporting.second;
        dsn.receivedFromMta = typed(text(message, "Received-From-MTA")).second;
        dsn.originalEnvelopeId = text(message, "Original-Envelope-Id").trimmed();
        dsn.arrivalDate = MailDate::parse(text(message, "Arrival-Date"));
        dsn.messageFields = allFields(message);
        first = 1;
        if (isRecipientBlock(message))
            dsn.recipients.append(readRecipient(message));
    }
    for (qsizetype i = first; i < all.size() && dsn.recipients.size() < MaxRecipients; ++i) {
        if (isRecipientBlock(all.at(i)))
            dsn.recipients.append(readRecipient(all.at(i)));
    }
    return !dsn.recipients.isEmpty();
}

ParsedDsn DsnParser::parse(QByteArrayView message)
{
    return parse(message, 0);
}

ParsedDsn DsnParser::parse(QByteArrayView message, int nesting)
{
    ParsedDsn dsn;
    if (message.size() > MaxMessageSize) {
        dsn.error = QStringLiteral("message larger than %1 octets").arg(MaxMessageSize);
        return dsn;
    }
    const MimeEntity root = MimeEntity::parse(message);
    dsn.subject = QString::fromUtf8(root.headers().value("Subject"));
    dsn.from = QString::fromUtf8(root.headers().value("From"));
    dsn.isMultipartReport = root.mediaType() == "multipart/report";
    dsn.reportType = QString::fromLatin1(root.contentTypeParameter("report-type")).toLower();

    if (const MimeEntity* human = root.find(
            [](const MimeEntity& e) { return e.mediaType() == "text/plain" && !e.isMultipart(); });
        human && human != &root) {
        dsn.humanReadable = QString::fromUtf8(human->decodedBody());
    }

    if (const MimeEntity* returned = root.find([&root](const MimeEntity& e) {
            return &e != &root &&
                   (e.mediaType() == "message/rfc822" || e.mediaType() == "message/global" ||
                    e.mediaType() == "text/rfc822-headers" ||
                    e.mediaType() == "message/global-headers");
        })) {
        const QByteArray content = returned->decodedBody();
        dsn.returnedFullMessage = returned->mediaType().startsWith("message/") &&
                                  !returned->mediaType().endsWith("-headers");
        dsn.returnedHeaders = content.left(MimeHeaders::bodyOffset(content));
        const MimeHeaders headers = MimeHeaders::parse(dsn.returnedHeaders);
        dsn.originalMessageId = QString::fromUtf8(headers.value("Message-ID"));
        dsn.originalSubject = QString::fromUtf8(headers.value("Subject"));
    }

    const MimeEntity* report = root.find(isDeliveryStatus);
    if (!report && nesting < MaxNesting) {
        // A bounce forwarded as an attachment (a helpdesk forwarding it, or
        // a gateway wrapping it): read the DSN inside.
        const MimeEntity* inner = root.find([&root](const MimeEntity& e) {
            return &e != &root && e.mediaType() == "message/rfc822";
        });
        if (inner) {
            ParsedDsn wrapped = parse(inner->decodedBody(), nesting + 1);
            if (wrapped.valid)
                return wrapped;
        }
    }
    if (!report) {
        dsn.error = root.truncated()
                        ? QStringLiteral("no delivery-status part within the parser's limits")
                        : QStringLiteral("no message/delivery-status part");
        return dsn;
    }
    if (!parseDeliveryStatus(report->decodedBody(), dsn)) {
        dsn.error = QStringLiteral("the delivery-status part has no recipient fields");
        return dsn;
    }
    dsn.valid = true;
    return dsn;
}

} // namespace RelayDesk::Bounce
