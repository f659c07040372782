// DsnParser against the whole DEV bounce benchmark (../shared/bounce-corpus,
// see its README): for every recipient whose fields came from a
// message/delivery-status part, our reading must equal what Python's email
// package read (the corpus's `dsn` fields, an independent implementation).
// Only the inputs are used, never the `expected` labels. Skips when the
// corpus is not next to the repository.

#include "bounce/DsnParser.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace RelayDesk::Bounce;

namespace {

QString collapse(const QString& s)
{
    return s.simplified();
}

QString stripAngles(QString s)
{
    s = s.trimmed();
    if (s.startsWith(QLatin1Char('<')) && s.endsWith(QLatin1Char('>')))
        s = s.mid(1, s.size() - 2);
    return s;
}

/// "dns; host" as Python kept it -> "dns;host" normalised like ours.
QString typedValue(const QString& raw)
{
    const qsizetype semicolon = raw.indexOf(QLatin1Char(';'));
    if (semicolon < 0)
        return collapse(raw);
    return raw.left(semicolon).trimmed().toLower() + QLatin1Char(';') +
           collapse(raw.mid(semicolon + 1));
}

} // namespace

class TestDsnCorpus : public QObject
{
    Q_OBJECT

private slots:
    void matchesPythonEmailPackage();
};

void TestDsnCorpus::matchesPythonEmailPackage()
{
    const QString root = QStringLiteral(RELAYDESK_BOUNCE_CORPUS);
    QFile labels(root + QStringLiteral("/dsn-labels.jsonl"));
    if (!labels.open(QIODevice::ReadOnly))
        QSKIP("the bounce corpus is not next to the repository");

    QHash<QString, ParsedDsn> parsed;
    int compared = 0;
    QStringList mismatches;
    while (!labels.atEnd()) {
        const QByteArray line = labels.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        const QJsonObject dsn = record.value(QStringLiteral("dsn")).toObject();
        if (dsn.isEmpty() ||
            dsn.value(QStringLiteral("found_in")).toString() != QLatin1String("delivery-status"))
            continue;
        const QString file = record.value(QStringLiteral("file")).toString();
        if (!parsed.contains(file)) {
            QFile email(root + QLatin1Char('/') + file);
            QVERIFY2(email.open(QIODevice::ReadOnly), qPrintable(file));
            parsed.insert(file, DsnParser::parse(email.readAll()));
        }
        const ParsedDsn& ours = parsed[file];
        const QString id = record.value(QStringLiteral("id")).toString();
        const int index = record.value(QStringLiteral("recipient_index")).toInt() - 1;
        if (!ours.valid || index >= ours.recipients.size()) {
            mismatches.append(id + QStringLiteral(": not read (") + ours.error + QLatin1Char(')'));
            continue;
        }
        const ParsedDsnRecipient& r = ours.recipients.at(index);
        const auto expect = [&](const char* what, const QString& theirs, const QString& mine) {
            if (theirs != mine)
                mismatches.append(QStringLiteral("%1: %2: python '%3', ours '%4'")
                                      .arg(id, QLatin1String(what), theirs, mine));
        };
        const auto str = [&dsn](const char* key) {
            return dsn.value(QLatin1String(key)).toString();
        };
        expect("recipient", stripAngles(collapse(str("recipient"))), collapse(r.address()));
        expect("action", str("action").toLower(), r.actionText);
        expect("status", collapse(str("status")), collapse(r.statusText));
        const QString remote = r.remoteMtaType.isEmpty()
                                   ? collapse(r.remoteMta)
                                   : r.remoteMtaType + QLatin1Char(';') + collapse(r.remoteMta);
        expect("remote-mta",
               str("remote_mta").isEmpty() ? QString() : typedValue(str("remote_mta")), remote);
        if (str("diagnostic_type").isEmpty() && !r.diagnosticType.isEmpty()) {
            // The corpus's extractor only split off the types it knew; an
            // unusual one ("X-mPOP-Fallback_MX; ...") stayed in the text.
            expect("diagnostic", collapse(str("diagnostic_code")).toLower(),
                   (r.diagnosticType + QStringLiteral("; ") + r.diagnosticCode).toLower());
        } else {
            expect("diagnostic-type", str("diagnostic_type").toLower(), r.diagnosticType);
            expect("diagnostic-code", collapse(str("diagnostic_code")), r.diagnosticCode);
        }
        ++compared;
    }
    qInfo("%d recipients compared in %lld emails", compared, qsizetype(parsed.size()));
    QVERIFY(compared >= 150);
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestDsnCorpus)
#include "TestDsnCorpus.moc"
