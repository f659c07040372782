#include "DsnExplanation.h"

#include "DsnBuilder.h"
#include "MailDate.h"
#include "MimeHeaders.h"
#include "StatusCodeRegistry.h"

#include <QStringList>

namespace RelayDesk::Bounce {

namespace {

QString duration(qint64 seconds)
{
    if (seconds >= 2 * 86400)
        return QStringLiteral("%1 days").arg(seconds / 86400);
    if (seconds >= 2 * 3600)
        return QStringLiteral("%1 hours").arg(seconds / 3600);
    if (seconds >= 120)
        return QStringLiteral("%1 minutes").arg(seconds / 60);
    return QStringLiteral("a short while");
}

QString server(const DsnRecipientReport& r)
{
    return r.remoteMta.isEmpty() ? QStringLiteral("The recipient's mail server")
                                 : QStringLiteral("The mail server %1").arg(r.remoteMta);
}

QString whatHappened(const DsnReport& report, const DsnRecipientReport& r,
                     const EnhancedStatus& status)
{
    switch (r.action) {
    case DsnAction::Failed:
        if (status.isTransient()) {
            const qint64 tried = report.arrivalDate.isValid() && r.lastAttempt.isValid()
                                     ? report.arrivalDate.secsTo(r.lastAttempt)
                                     : 0;
            return QStringLiteral("Delivery failed. We tried for %1 and have now given up.")
                .arg(duration(tried));
        }
        if (r.replyCode != 0)
            return QStringLiteral("Delivery failed. %1 refused the message permanently.")
                .arg(server(r));
        return QStringLiteral("Delivery failed permanently.");
    case DsnAction::Delayed:
        if (r.willRetryUntil.isValid())
            return QStringLiteral("Not delivered yet. We keep trying until %1.")
                .arg(MailDate::format(r.willRetryUntil));
        return QStringLiteral("Not delivered yet. We keep trying.");
    case DsnAction::Delivered:
        return QStringLiteral("Delivered.");
    case DsnAction::Relayed:
        return QStringLiteral("Delivered to %1, which does not send delivery reports: this is "
                              "the last report you will get for this recipient.")
            .arg(r.remoteMta.isEmpty() ? QStringLiteral("the next mail server") : r.remoteMta);
    case DsnAction::Expanded:
        return QStringLiteral("Delivered to a list or alias and passed on to its members.");
    }
    return {};
}

QString whatToDo(const DsnRecipientReport& r, const EnhancedStatus& status)
{
    switch (r.action) {
    case DsnAction::Failed:
        if (status.isTransient())
            return QStringLiteral("Send the message again later. If it keeps failing, forward "
                                  "this report to your administrator.");
        return StatusCodeRegistry::advice(status);
    case DsnAction::Delayed:
        return QStringLiteral("Nothing for now; do not send the message again. You will get "
                              "another report if we have to give up.");
    case DsnAction::Delivered:
    case DsnAction::Relayed:
    case DsnAction::Expanded:
        break;
    }
    return {};
}

} // namespace

QString DsnExplanation::wrap(const QString& text, int width, const QString& indent)
{
    QStringList lines;
    QString line;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& word : words) {
        const qsizetype prefix = indent.size(); // the caller puts it before the first line too
        if (!line.isEmpty() && prefix + line.size() + 1 + word.size() > width) {
            lines.append(line);
            line.clear();
        }
        if (!line.isEmpty())
            line.append(QLatin1Char(' '));
        line.append(word);
    }
    if (!line.isEmpty() || lines.isEmpty())
        lines.append(line);
    return lines.join(QLatin1Char('\n') + indent);
}

QString DsnExplanation::write(const DsnReport& report, const Context& context)
{
    QString text;
    const auto paragraph = [&text](const QString& s) {
        text += wrap(s, 76, QString()) + QStringLiteral("\n\n");
    };
    paragraph(QStringLiteral("This is the mail relay at %1.").arg(context.reportingMta));
    switch (context.kind) {
    case DsnKind::Failure:
        paragraph(QStringLiteral("Your message could not be delivered to the recipients listed "
                                 "below. Each one says what happened and what you can do."));
        break;
    case DsnKind::Delay:
        paragraph(QStringLiteral("Your message has not been delivered yet to the recipients "
                                 "listed below. This is only a warning: we keep trying, and "
                                 "you do not need to send the message again."));
        break;
    case DsnKind::Success:
        paragraph(QStringLiteral("This is the delivery report you asked for."));
        break;
    }

    const MimeHeaders original =
        MimeHeaders::parse(QByteArrayView(report.originalContent)
                               .first(MimeHeaders::bodyOffset(report.originalContent)));
    const QByteArray subject = original.value("Subject");
    text += QStringLiteral("Your message\n");
    if (!subject.isEmpty())
        text += QStringLiteral("    Subject: ") +
                wrap(QString::fromUtf8(subject), 76, QStringLiteral("             ")) +
                QLatin1Char('\n');
    if (report.arrivalDate.isValid())
        text += QStringLiteral("    Received: ") + MailDate::format(report.arrivalDate) +
                QLatin1Char('\n');
    text += QLatin1Char('\n');

    const QString indent = QStringLiteral("    ");
    for (const DsnRecipientReport& r : report.recipients) {
        const EnhancedStatus status = DsnBuilder::effectiveStatus(r);
        text += QLatin1Char('<') + r.finalRecipient + QStringLiteral(">\n");
        text += indent + wrap(whatHappened(report, r, status), 76, indent) + QLatin1Char('\n');
        if (r.action == DsnAction::Failed || r.action == DsnAction::Delayed) {
            text += indent +
                    wrap(QStringLiteral("Why: ") + StatusCodeRegistry::explanation(status), 76,
                         indent) +
                    QLatin1Char('\n');
        }
        if (const QString todo = whatToDo(r, status); !todo.isEmpty())
            text += indent + wrap(QStringLiteral("What you can do: ") + todo, 76, indent) +
                    QLatin1Char('\n');
        QString diagnostic = DsnBuilder::diagnosticCode(r.replyCode, r.replyText);
        diagnostic = diagnostic.mid(diagnostic.indexOf(QLatin1Char(';')) + 1).trimmed();
        if (!diagnostic.isEmpty()) {
            const QString who = r.replyCode != 0 && !r.remoteMta.isEmpty()
                                    ? QStringLiteral("%1 said: ").arg(r.remoteMta)
                                    : QStringLiteral("Details: ");
            text += indent + wrap(who + diagnostic, 76, indent) + QLatin1Char('\n');
        }
        text += QLatin1Char('\n');
    }

    if (context.returnedFullMessage) {
        paragraph(QStringLiteral("Your original message is attached."));
    } else if (context.fellBackToHeaders) {
        paragraph(QStringLiteral("Your original message is larger than %1 KiB, so only its "
                                 "headers are attached.")
                      .arg(context.maxReturnedBytes / 1024));
    } else {
        paragraph(QStringLiteral("The headers of your original message are attached."));
    }
    paragraph(QStringLiteral("If you need help, forward this report to your administrator."));
    return text;
}

} // namespace RelayDesk::Bounce
