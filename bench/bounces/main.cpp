// bounce-bench: scores the bounce classifier (core/bounce) on the labelled
// benchmark in ../shared/bounce-corpus (issue 6), next to a status-code-only
// baseline computed in the same run. Never used by tests.

#include "bounce/BounceMessageReader.h"
#include "bounce/BounceRules.h"
#include "bounce/ReasonCatalog.h"
#include "bounce/RuleClassifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>
#include <algorithm>

using namespace RelayDesk::Bounce;

namespace {

struct Score
{
    int records = 0;
    int bounces = 0;
    int reason = 0;
    int reasonBounces = 0;
    int hard = 0;
    int status = 0;
    int statusClass = 0;
    int nonPseudo = 0;
    int statusNonPseudo = 0;
    QMap<QString, int> confusion; ///< "expected -> predicted"
    QStringList mistakes;

    void add(const QJsonObject& expected, const Classification& got, const QString& id,
             const QString& input)
    {
        ++records;
        const QString reason = expected.value(QLatin1String("reason")).toString();
        const bool isBounce = expected.value(QLatin1String("is_bounce")).toBool(true);
        const QString status = expected.value(QLatin1String("status")).toString();
        const bool right = got.reason == reason;
        reason == got.reason ? ++this->reason : 0;
        if (isBounce) {
            ++bounces;
            if (right)
                ++reasonBounces;
        }
        const bool hardRight = got.hard == expected.value(QLatin1String("hardbounce")).toBool();
        if (hardRight)
            ++hard;
        if (got.status == status)
            ++this->status;
        if (got.status.left(1) == status.left(1))
            ++statusClass;
        // Sisimai's pseudo codes X.0.9NN stand for "no usable code".
        const bool pseudo = status.contains(QLatin1String(".0.9"));
        if (!pseudo) {
            ++nonPseudo;
            if (got.status == status)
                ++statusNonPseudo;
        }
        if (!right)
            confusion[reason + QStringLiteral(" -> ") + got.reason] += 1;
        if (!right || !hardRight) {
            mistakes << QStringLiteral("  %1: expected %2%3, got %4%5 (%6)  %7")
                            .arg(id, reason, hardRight ? QString() : QStringLiteral("/hard?"),
                                 got.reason, got.hard ? QStringLiteral("/hard") : QString(),
                                 got.status, input.left(140));
        }
    }
};

QString ratio(int part, int whole)
{
    return whole == 0 ? QStringLiteral("  n/a") : QString::number(double(part) / whole, 'f', 3);
}

void printScore(QTextStream& out, const QString& label, const Score& s)
{
    out << QStringLiteral("  %1 reason %2 (bounces only %3)  hard/soft %4  status %5 "
                          "(class %6, non-pseudo %7)\n")
               .arg(label.leftJustified(12), ratio(s.reason, s.records),
                    ratio(s.reasonBounces, s.bounces), ratio(s.hard, s.records),
                    ratio(s.status, s.records), ratio(s.statusClass, s.records),
                    ratio(s.statusNonPseudo, s.nonPseudo));
}

void printMistakes(QTextStream& out, const Score& s, int top)
{
    QList<QPair<int, QString>> ranked;
    for (auto it = s.confusion.cbegin(); it != s.confusion.cend(); ++it)
        ranked.append({it.value(), it.key()});
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    out << "  top mistakes (expected -> predicted):\n";
    for (qsizetype i = 0; i < ranked.size() && i < top; ++i)
        out << "    " << ranked.at(i).first << "  " << ranked.at(i).second << "\n";
    out << "  every mistake:\n";
    for (const QString& line : s.mistakes)
        out << line << "\n";
}

QList<QJsonObject> readJsonl(const QString& path, QString* error)
{
    QFile file(path);
    QList<QJsonObject> rows;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return rows;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (!document.isObject()) {
            *error = QStringLiteral("%1:%2: not a JSON object").arg(path).arg(lineNumber);
            return {};
        }
        rows << document.object();
    }
    return rows;
}

/// Per email file, the classification of each recipient (read once).
class MessageCache
{
public:
    MessageCache(const RuleClassifier& classifier, QString folder)
        : m_classifier(classifier), m_folder(std::move(folder))
    {}

    Classification classify(const QString& file, int recipientIndex)
    {
        auto it = m_cache.find(file);
        if (it == m_cache.end()) {
            QFile in(QDir(m_folder).filePath(file));
            QList<RecipientClassification> result;
            if (in.open(QIODevice::ReadOnly))
                result = m_classifier.classifyRecipients(in.readAll());
            it = m_cache.insert(file, result);
        }
        if (it->isEmpty())
            return {};
        const qsizetype index = std::clamp<qsizetype>(recipientIndex - 1, 0, it->size() - 1);
        return it->at(index).classification;
    }

private:
    const RuleClassifier& m_classifier;
    QString m_folder;
    QHash<QString, QList<RecipientClassification>> m_cache;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bounce-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Scores RelayDesk's bounce classifier on the labelled bounce corpus "
                       "(dsn-labels.jsonl, smtp-replies.jsonl and emails/), next to a "
                       "status-code-only baseline."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("corpus"),
        QStringLiteral("The corpus folder (default: ../shared/bounce-corpus next to the "
                       "repository)."));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("Print the confusion summary and every "
                                                    "mistake."));
    parser.addOption(verbose);
    const QCommandLineOption explain(
        QStringLiteral("explain"),
        QStringLiteral("Show what the reader finds in one bounce message (per recipient: "
                       "action, status, reply code, after DATA, diagnostic) and how each "
                       "entry is classified, instead of scoring."),
        QStringLiteral("file.eml"));
    parser.addOption(explain);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.isSet(explain)) {
        QFile in(parser.value(explain));
        if (!in.open(QIODevice::ReadOnly)) {
            err << "bounce-bench: cannot open " << in.fileName() << ": " << in.errorString()
                << "\n";
            return 2;
        }
        const QByteArray bytes = in.readAll();
        const RuleClassifier classifier = RuleClassifier::fromEmbedded();
        const BounceReport report = BounceMessageReader::read(bytes);
        out << "kind " << int(report.kind) << ", subject: " << report.subject << "\n";
        for (const BounceEntry& entry : report.entries) {
            const Classification c = classifier.classifyEntry(entry, report);
            out << "- " << entry.recipient << "  action=" << entry.action
                << " dsn=" << entry.dsnStatus << " code=" << entry.replyCode
                << " afterData=" << entry.afterData << "\n    -> " << c.reason
                << (c.hard ? " hard " : " soft ") << c.status << "\n    "
                << QString(entry.diagnostic).replace(QLatin1Char('\n'), QLatin1String("\n    "))
                << "\n";
        }
        out << "text:\n" << report.text << "\n";
        return 0;
    }
    QString folder = parser.positionalArguments().value(0);
    if (folder.isEmpty())
        folder = QStringLiteral(RELAYDESK_SOURCE_DIR "/../shared/bounce-corpus");
    folder = QDir::cleanPath(folder);

    const RuleClassifier rules = RuleClassifier::fromEmbedded(RuleClassifier::Mode::Rules);
    const RuleClassifier baseline = RuleClassifier::fromEmbedded(RuleClassifier::Mode::StatusOnly);
    if (!rules.isValid()) {
        err << "bounce-bench: the embedded rules or reason catalog did not load\n";
        return 2;
    }

    QString error;
    const QList<QJsonObject> labels =
        readJsonl(QDir(folder).filePath(QStringLiteral("dsn-labels.jsonl")), &error);
    if (!error.isEmpty()) {
        err << "bounce-bench: " << error << "\n";
        return 2;
    }
    const QList<QJsonObject> replies =
        readJsonl(QDir(folder).filePath(QStringLiteral("smtp-replies.jsonl")), &error);
    if (!error.isEmpty()) {
        err << "bounce-bench: " << error << "\n";
        return 2;
    }

    Score labelScore, labelBase, replyScore, replyBase;
    MessageCache ruleMessages(rules, folder);
    MessageCache baseMessages(baseline, folder);
    for (const QJsonObject& row : labels) {
        const QString id = row.value(QLatin1String("id")).toString();
        const QString file = row.value(QLatin1String("file")).toString();
        const int index = row.value(QLatin1String("recipient_index")).toInt(1);
        const QJsonObject expected = row.value(QLatin1String("expected")).toObject();
        labelScore.add(expected, ruleMessages.classify(file, index), id, file);
        labelBase.add(expected, baseMessages.classify(file, index), id, file);
    }
    for (const QJsonObject& row : replies) {
        const QString id = row.value(QLatin1String("id")).toString();
        const QString text = row.value(QLatin1String("text")).toString();
        const QJsonObject expected = row.value(QLatin1String("expected")).toObject();
        replyScore.add(expected, rules.classifyReply(0, QString(), text), id, text);
        replyBase.add(expected, baseline.classifyReply(0, QString(), text), id, text);
    }

    out << "corpus: " << folder << "\n";
    out << "dsn-labels.jsonl (" << labelScore.records << " recipients)\n";
    printScore(out, QStringLiteral("classifier"), labelScore);
    printScore(out, QStringLiteral("status-only"), labelBase);
    out << "smtp-replies.jsonl (" << replyScore.records << " replies)\n";
    printScore(out, QStringLiteral("classifier"), replyScore);
    printScore(out, QStringLiteral("status-only"), replyBase);
    if (parser.isSet(verbose)) {
        out << "\ndsn-labels.jsonl\n";
        printMistakes(out, labelScore, 15);
        out << "\nsmtp-replies.jsonl\n";
        printMistakes(out, replyScore, 15);
    }
    return 0;
}
