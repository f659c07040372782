// Writes DSNs of every shape DsnBuilder makes, and a manifest of what each
// must contain, for check_dsn_with_python.py to verify with an independent
// parser (Python's email package). Usage: dsn_sample_writer OUTPUT_DIR

#include "bounce/DsnBuilder.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace RelayDesk::Bounce;

namespace {

const QDateTime arrival(QDate(2024, 5, 1), QTime(8, 0), Qt::UTC);
const QDateTime now(QDate(2024, 5, 1), QTime(12, 30), Qt::UTC);

QByteArray original(const QByteArray& body)
{
    return "From: Scanner <scanner@office.example>\r\nTo: alice@example.com\r\n"
           "Subject: Scan\r\nMessage-ID: <scan-1@office.example>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
           body;
}

DsnRecipientReport recipient(const QString& address, DsnAction action, int code,
                             const QString& text)
{
    DsnRecipientReport r;
    r.finalRecipient = address;
    r.action = action;
    r.remoteMta = QStringLiteral("mx.example.com");
    r.replyCode = code;
    r.replyText = text;
    r.lastAttempt = now;
    if (action == DsnAction::Delayed)
        r.willRetryUntil = arrival.addDays(5);
    return r;
}

QJsonObject write(const QDir& dir, const QString& name, const DsnReport& report,
                  const DsnBuilder& builder, const QString& thirdPart)
{
    const DsnMessage dsn = builder.build(report, now);
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(dsn.content) != dsn.content.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
    QJsonArray recipients;
    for (const DsnRecipientReport& r : report.recipients) {
        recipients.append(QJsonObject{
            {QStringLiteral("final_recipient"), r.finalRecipient},
            {QStringLiteral("action"), DsnBuilder::actionName(r.action)},
            {QStringLiteral("status"), DsnBuilder::effectiveStatus(r).toString()},
            {QStringLiteral("remote_mta"), r.remoteMta},
            {QStringLiteral("diagnostic_code"),
             DsnBuilder::diagnosticCode(r.replyCode, r.replyText)},
            {QStringLiteral("original_recipient"), r.originalRecipient.isEmpty()
                                                       ? QString()
                                                       : r.originalRecipient.addressType +
                                                             QStringLiteral("; ") +
                                                             r.originalRecipient.address},
        });
    }
    return QJsonObject{
        {QStringLiteral("file"), name},
        {QStringLiteral("subject"), DsnBuilder::subject(dsn.kind)},
        {QStringLiteral("to"), QLatin1Char('<') + dsn.recipient + QLatin1Char('>')},
        {QStringLiteral("message_id"), dsn.messageId},
        {QStringLiteral("reporting_mta"), QStringLiteral("dns; ") + builder.reportingMta()},
        {QStringLiteral("envelope_id"), report.request.envelopeId},
        {QStringLiteral("third_part"), thirdPart},
        {QStringLiteral("eight_bit"), dsn.eightBit},
        {QStringLiteral("recipients"), recipients},
    };
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    const DsnBuilder builder(QStringLiteral("relay.office.example"));
    QJsonArray manifest;

    DsnReport failure;
    failure.originalSender = QStringLiteral("scanner@office.example");
    failure.request.envelopeId = QStringLiteral("env-1");
    failure.request.hasEnvelopeId = true;
    failure.arrivalDate = arrival;
    failure.originalContent = original("Hello\r\n");
    failure.queueId = QStringLiteral("77");
    DsnRecipientReport alice = recipient(QStringLiteral("alice@example.com"), DsnAction::Failed,
                                         550, QStringLiteral("5.1.1 No such user\n5.1.1 Check it"));
    alice.originalRecipient = {QStringLiteral("rfc822"), QStringLiteral("Alice@Example.com")};
    failure.recipients = {alice, recipient(QStringLiteral("bob@example.net"), DsnAction::Failed,
                                           552, QStringLiteral("5.2.2 Mailbox full"))};
    manifest.append(write(dir, QStringLiteral("failure-full.eml"), failure, builder,
                          QStringLiteral("message/rfc822")));

    DsnReport headers = failure;
    headers.request.ret = DsnReturn::Headers;
    manifest.append(write(dir, QStringLiteral("failure-hdrs.eml"), headers, builder,
                          QStringLiteral("text/rfc822-headers")));

    DsnReport big = failure;
    big.originalContent = original((QByteArray(78, 'x') + "\r\n").repeated(14000));
    manifest.append(write(dir, QStringLiteral("failure-too-big.eml"), big, builder,
                          QStringLiteral("text/rfc822-headers")));

    DsnReport delay = failure;
    delay.recipients = {recipient(QStringLiteral("carol@example.org"), DsnAction::Delayed, 421,
                                  QStringLiteral("4.7.0 Try again later"))};
    manifest.append(write(dir, QStringLiteral("delay.eml"), delay, builder,
                          QStringLiteral("text/rfc822-headers")));

    DsnReport expired = failure;
    DsnRecipientReport noReply =
        recipient(QStringLiteral("dave@example.org"), DsnAction::Failed, 0,
                  QStringLiteral("connect to mx.example.org:25: timed out"));
    noReply.remoteMta.clear();
    expired.recipients = {noReply};
    manifest.append(write(dir, QStringLiteral("expired.eml"), expired, builder,
                          QStringLiteral("message/rfc822")));

    DsnReport eightBit = failure;
    eightBit.originalContent = original("Gr\xc3\xbc\xc3\x9f"
                                        "e\r\n");
    eightBit.recipients = {recipient(QStringLiteral("j\u00f6rg@example.de"), DsnAction::Failed, 550,
                                     QStringLiteral("5.1.1 unknown"))};
    manifest.append(write(dir, QStringLiteral("eight-bit.eml"), eightBit, builder,
                          QStringLiteral("message/rfc822")));

    QFile file(dir.filePath(QStringLiteral("manifest.json")));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write the manifest");
    file.write(QJsonDocument(manifest).toJson());
    return 0;
}
