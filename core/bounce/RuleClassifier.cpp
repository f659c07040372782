#include "RuleClassifier.h"

#include "BounceMessageReader.h"
#include "EnhancedStatus.h"

#include <QRegularExpression>

namespace RelayDesk::Bounce {

namespace {

int replyCodeAtStart(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() < 3)
        return 0;
    bool ok = false;
    const int code = trimmed.left(3).toInt(&ok);
    const bool separated = trimmed.size() == 3 || !trimmed.at(3).isDigit();
    return ok && separated && code >= 200 && code <= 599 ? code : 0;
}

/// The enhanced code a reply carries: the one given, else the one at the
/// start of the text ("550 5.1.1 ..."), else the first one in the text
/// (qmail's "(#5.1.1)", Exchange's "#5.1.0"), else none.
EnhancedStatus statusOf(const QString& given, const QString& text, int code)
{
    if (const auto parsed = EnhancedStatus::parse(given))
        return *parsed;
    QString rest = text.trimmed();
    if (code > 0 && rest.startsWith(QString::number(code)))
        rest = rest.mid(3).trimmed();
    if (rest.startsWith(QLatin1Char('-')))
        rest = rest.mid(1);
    if (const auto atStart = EnhancedStatus::fromReplyText(rest, code))
        return *atStart;
    if (const auto anywhere = EnhancedStatus::findInText(text)) {
        if (code < 200 || anywhere->classDigit() == code / 100)
            return *anywhere;
    }
    return {};
}

/// Amazon SES wraps the remote reply: "5.1.0 - Unknown address error
/// 550-'5.7.1 ... Access denied' (delivery attempts: 0)". The quoted remote
/// reply explains the failure; SES's summary only classifies it roughly.
void unwrapSesReply(QString& text, int& code)
{
    static const QRegularExpression sesWrapper(
        QStringLiteral("^\\s*[245]\\.\\d{1,3}\\.\\d{1,3} - [^']*?([245]\\d\\d)[- ]'(.+)'"));
    const auto match = sesWrapper.match(text);
    if (!match.hasMatch())
        return;
    code = match.captured(1).toInt();
    text = match.captured(1) + QLatin1Char(' ') + match.captured(2);
}

} // namespace

RuleClassifier::RuleClassifier(BounceRules rules, ReasonCatalog catalog, Mode mode)
    : m_rules(std::move(rules)), m_catalog(std::move(catalog)), m_mode(mode)
{}

RuleClassifier RuleClassifier::fromEmbedded(Mode mode)
{
    return RuleClassifier(BounceRules::loadEmbedded(), ReasonCatalog::loadEmbedded(), mode);
}

Classification RuleClassifier::decide(const QString& text, const QString& context,
                                      EnhancedStatus status, int replyCode, bool afterData,
                                      bool finalFailure) const
{
    Classification result;
    const BounceRule* rule = nullptr;
    if (m_mode == Mode::Rules) {
        rule = m_rules.match(BounceRules::normalise(text), status, replyCode);
        if (!rule && !context.isEmpty())
            rule = m_rules.match(BounceRules::normalise(context), status, replyCode);
    }
    if (rule) {
        result.reason = rule->reason;
    } else {
        result.reason = m_rules.fallbackReason(status);
        // A failure report with only a temporary code: the sender's MTA gave
        // up retrying (RFC 3464 Action "failed" after 4.X.X attempts).
        if (finalFailure && status.isTransient() && m_mode == Mode::Rules)
            result.reason = QStringLiteral("expired");
    }
    if (afterData && m_mode == Mode::Rules)
        result.reason = m_rules.reasonAfterData(result.reason);

    const bool permanent =
        status.isValid() ? status.isPermanent() : (replyCode >= 500 && replyCode <= 599);
    result.hard = rule && rule->hard ? *rule->hard : m_rules.isHard(result.reason, permanent);
    if (result.reason == QLatin1String("delivered"))
        result.hard = false;
    result.status = status.toString();
    return result;
}

Classification RuleClassifier::classifyReply(int code, const QString& enhancedStatus,
                                             const QString& rawText, const QString&) const
{
    QString text = rawText;
    unwrapSesReply(text, code);
    if (code <= 0)
        code = replyCodeAtStart(text);
    EnhancedStatus status = statusOf(enhancedStatus, text, code);
    if (!status.isValid())
        status = EnhancedStatus::fromReplyCode(code);
    return decide(text, text == rawText ? QString() : rawText, status, code, false, false);
}

Classification RuleClassifier::classifyEntry(const BounceEntry& entry,
                                             const BounceReport& report) const
{
    Classification result;
    switch (report.kind) {
    case BounceReport::Kind::Feedback:
        result.reason = QStringLiteral("feedback");
        return result;
    case BounceReport::Kind::AutoReply:
        result.reason = QStringLiteral("vacation");
        return result;
    case BounceReport::Kind::Delivered:
        result.reason = QStringLiteral("delivered");
        result.status = entry.dsnStatus;
        return result;
    case BounceReport::Kind::Unknown:
    case BounceReport::Kind::Failure:
        break;
    }
    // The diagnostic's own code wins over the DSN Status field: MTAs often
    // write a generic 5.0.0 there while relaying the remote's exact code.
    int code = entry.replyCode > 0 ? entry.replyCode : replyCodeAtStart(entry.diagnostic);
    QString diagnostic = entry.diagnostic;
    unwrapSesReply(diagnostic, code);
    EnhancedStatus status = statusOf(QString(), diagnostic, code);
    if (!status.isValid())
        status = EnhancedStatus::parse(entry.dsnStatus).value_or(EnhancedStatus());
    if (!status.isValid())
        status = EnhancedStatus::fromReplyCode(code);
    const bool failed = entry.action.isEmpty() || entry.action == QLatin1String("failed");
    if (!status.isValid() && failed && m_mode == Mode::Rules)
        status = EnhancedStatus(5, 0, 0);
    const QString context = report.subject + QLatin1Char('\n') + report.text;
    return decide(diagnostic, context, status, code, entry.afterData, failed);
}

QList<RecipientClassification> RuleClassifier::classifyRecipients(const QByteArray& message) const
{
    const BounceReport report = BounceMessageReader::read(message);
    QList<RecipientClassification> out;
    if (report.entries.isEmpty()) {
        out << RecipientClassification{QString(), classifyEntry(BounceEntry(), report)};
        return out;
    }
    for (const BounceEntry& entry : report.entries)
        out << RecipientClassification{entry.recipient, classifyEntry(entry, report)};
    return out;
}

Classification RuleClassifier::classifyMessage(const QByteArray& message) const
{
    return classifyRecipients(message).constFirst().classification;
}

ReasonDescription RuleClassifier::describe(const QString& reason, const QString& provider) const
{
    return m_catalog.describe(reason, provider);
}

QString RuleClassifier::providerForHost(const QString& upstreamHost) const
{
    return m_rules.providerForHost(upstreamHost);
}

} // namespace RelayDesk::Bounce
