// relaydeskctl: command-line tools for RelayDesk admins. Today: classify
// delivery failures with the same classifier the relay uses (issue 6).

#include "bounce/BounceMessageReader.h"
#include "bounce/FailureClassifier.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using RelayDesk::Bounce::Classification;
using RelayDesk::Bounce::FailureClassifier;

namespace {

const char* const Usage =
    "Usage: relaydeskctl COMMAND [ARGUMENTS]\n"
    "\n"
    "Commands:\n"
    "  classify FILE.jsonl      Classify every line of FILE.jsonl. Each line is a JSON\n"
    "                           object with \"id\" and either \"text\" (an SMTP reply) or\n"
    "                           \"file\" (a bounce message, relative to the JSONL's folder;\n"
    "                           optional \"recipient_index\", 1-based). Prints one JSON\n"
    "                           object per line: {\"id\",\"reason\",\"hard\",\"status\"}.\n"
    "                           Any \"expected\" field is ignored.\n"
    "  classify-eml FILE.eml    Classify a bounce message: one JSON line per recipient\n"
    "                           with the reason, its explanation and the suggested fix.\n"
    "  classify-reply TEXT      Classify one SMTP reply, e.g. \"550 5.1.1 User unknown\".\n"
    "                           --host HOST names the upstream (selects provider fixes).\n"
    "  help, --help, -h         Show this help.\n"
    "\n"
    "Exit status: 0 on success, 1 when a line or file could not be read (the other\n"
    "lines are still classified), 2 on a usage error.\n";

QJsonObject toJson(const Classification& classification)
{
    QJsonObject object;
    object.insert(QStringLiteral("reason"), classification.reason);
    object.insert(QStringLiteral("hard"), classification.hard);
    object.insert(QStringLiteral("status"), classification.status);
    return object;
}

void printLine(QTextStream& out, const QJsonObject& object)
{
    out << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
}

QJsonObject describeInto(QJsonObject object, const QString& reason, const QString& provider)
{
    const auto description = FailureClassifier::instance().describe(reason, provider);
    object.insert(QStringLiteral("title"), description.title);
    object.insert(QStringLiteral("explanation"), description.explanation);
    object.insert(QStringLiteral("fix"), description.fix);
    return object;
}

int classifyJsonl(const QString& path, QTextStream& out, QTextStream& err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "relaydeskctl: cannot open " << path << ": " << file.errorString() << "\n";
        return 1;
    }
    const QDir folder = QFileInfo(path).absoluteDir();
    const FailureClassifier& classifier = FailureClassifier::instance();
    int status = 0;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const QJsonObject row = document.object();
        const QJsonValue id = row.value(QLatin1String("id"));
        const bool hasText = row.value(QLatin1String("text")).isString();
        const bool hasFile = row.value(QLatin1String("file")).isString();
        if (!document.isObject() || id.isUndefined() || hasText == hasFile) {
            const QString why =
                !document.isObject()
                    ? QStringLiteral("not a JSON object (%1)").arg(parseError.errorString())
                : id.isUndefined() ? QStringLiteral("no \"id\"")
                                   : QStringLiteral("needs exactly one of \"text\" and \"file\"");
            err << "relaydeskctl: " << path << ":" << lineNumber << ": " << why << "\n";
            status = 1;
            continue;
        }
        Classification classification;
        if (hasText) {
            classification =
                classifier.classifyReply(0, QString(), row.value(QLatin1String("text")).toString());
        } else {
            const QString name = row.value(QLatin1String("file")).toString();
            QFile message(folder.filePath(name));
            if (!message.open(QIODevice::ReadOnly)) {
                err << "relaydeskctl: " << path << ":" << lineNumber << ": cannot open "
                    << message.fileName() << ": " << message.errorString() << "\n";
                status = 1;
                continue;
            }
            const auto recipients = classifier.classifyRecipients(message.readAll());
            const int index = row.value(QLatin1String("recipient_index")).toInt(1);
            classification =
                recipients.value(qBound(0, index - 1, int(recipients.size()) - 1)).classification;
        }
        QJsonObject object = toJson(classification);
        object.insert(QStringLiteral("id"), id);
        printLine(out, object);
    }
    return status;
}

int classifyEml(const QString& path, QTextStream& out, QTextStream& err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "relaydeskctl: cannot open " << path << ": " << file.errorString() << "\n";
        return 1;
    }
    const QByteArray message = file.readAll();
    const FailureClassifier& classifier = FailureClassifier::instance();
    const auto report = RelayDesk::Bounce::BounceMessageReader::read(message);
    const auto recipients = classifier.classifyRecipients(message);
    for (qsizetype i = 0; i < recipients.size(); ++i) {
        QJsonObject object = toJson(recipients.at(i).classification);
        object.insert(QStringLiteral("recipient"), recipients.at(i).recipient);
        const QString provider =
            i < report.entries.size()
                ? classifier.providerForHost(report.entries.at(i).remoteMta.section(
                      QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty))
                : QString();
        if (i < report.entries.size())
            object.insert(QStringLiteral("diagnostic"),
                          report.entries.at(i).diagnostic.simplified().left(500));
        printLine(out, describeInto(object, recipients.at(i).classification.reason, provider));
    }
    return 0;
}

int classifyReply(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QString host;
    QStringList words;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--host") && i + 1 < args.size())
            host = args.at(++i);
        else
            words << args.at(i);
    }
    const QString text = words.join(QLatin1Char(' ')).trimmed();
    if (text.isEmpty()) {
        err << "relaydeskctl: classify-reply needs the reply text\n" << Usage;
        return 2;
    }
    const FailureClassifier& classifier = FailureClassifier::instance();
    const Classification classification = classifier.classifyReply(0, QString(), text, host);
    QJsonObject object = toJson(classification);
    const QString provider = classifier.providerForHost(host);
    object.insert(QStringLiteral("provider"), provider);
    printLine(out, describeInto(object, classification.reason, provider));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relaydeskctl"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    const QString command = args.value(0);
    if (command.isEmpty() || command == QLatin1String("help") ||
        command == QLatin1String("--help") || command == QLatin1String("-h")) {
        (command.isEmpty() ? err : out) << Usage;
        return command.isEmpty() ? 2 : 0;
    }
    if (command == QLatin1String("classify") || command == QLatin1String("classify-eml")) {
        if (args.size() != 2) {
            err << "relaydeskctl: " << command << " needs exactly one file\n" << Usage;
            return 2;
        }
        return command == QLatin1String("classify") ? classifyJsonl(args.at(1), out, err)
                                                    : classifyEml(args.at(1), out, err);
    }
    if (command == QLatin1String("classify-reply"))
        return classifyReply(args.mid(1), out, err);
    err << "relaydeskctl: unknown command '" << command << "'\n" << Usage;
    return 2;
}
