// The reason catalog (resources/bounce-reasons.json): every reason of the
// taxonomy is explained with a fix, provider fixes win where they exist, and
// a broken catalog is refused with a reason.

#include "bounce/FailureClassifier.h"
#include "bounce/ReasonCatalog.h"

#include <QTest>

using namespace RelayDesk::Bounce;

class TestReasonCatalog : public QObject
{
    Q_OBJECT

private slots:
    void everyReasonDescribed_data();
    void everyReasonDescribed();
    void providerFixes_data();
    void providerFixes();
    void unknownReason();
    void brokenCatalogs_data();
    void brokenCatalogs();
};

void TestReasonCatalog::everyReasonDescribed_data()
{
    QTest::addColumn<QString>("reason");
    const QStringList taxonomy = {
        "userunknown",   "mailboxfull",  "hostunknown",     "filtered",    "rejected",
        "blocked",       "spamdetected", "policyviolation", "authfailure", "securityerror",
        "expired",       "networkerror", "systemerror",     "mesgtoobig",  "toomanyconn",
        "speeding",      "suspend",      "norelaying",      "notaccept",   "requireptr",
        "badreputation", "contenterror", "exceedlimit",     "syntaxerror", "virusdetected",
        "hasmoved",      "onhold",       "systemfull",      "mailererror", "notcompliantrfc",
        "undefined",     "delivered",    "feedback",        "vacation"};
    for (const QString& reason : taxonomy)
        QTest::newRow(qPrintable(reason)) << reason;
}

void TestReasonCatalog::everyReasonDescribed()
{
    QFETCH(QString, reason);
    QString error;
    const ReasonCatalog catalog = ReasonCatalog::loadEmbedded(&error);
    QVERIFY2(catalog.isValid(), qPrintable(error));
    QVERIFY(catalog.contains(reason));
    const ReasonDescription description = FailureClassifier::instance().describe(reason);
    QCOMPARE(description.reason, reason);
    QVERIFY(description.title.size() > 5);
    QVERIFY(description.explanation.size() > 20);
    QVERIFY(description.fix.size() > 5);
}

void TestReasonCatalog::providerFixes_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("needle");
    QTest::newRow("m365 smtp auth") << "authfailure"
                                    << "microsoft365"
                                    << "Microsoft 365 has SMTP AUTH disabled for this mailbox: "
                                       "enable it, or switch this route to OAuth2";
    QTest::newRow("m365 blocked") << "blocked"
                                  << "microsoft365"
                                  << "5.7.708";
    QTest::newRow("m365 relay") << "norelaying"
                                << "microsoft365"
                                << "connector";
    QTest::newRow("google auth") << "authfailure"
                                 << "google"
                                 << "DKIM";
    QTest::newRow("google ptr") << "requireptr"
                                << "google"
                                << "PTR";
    QTest::newRow("yahoo policy") << "policyviolation"
                                  << "yahoo"
                                  << "Yahoo";
}

void TestReasonCatalog::providerFixes()
{
    QFETCH(QString, reason);
    QFETCH(QString, provider);
    QFETCH(QString, needle);
    const auto& classifier = FailureClassifier::instance();
    const ReasonDescription specific = classifier.describe(reason, provider);
    QVERIFY2(specific.fix.contains(needle), qPrintable(specific.fix));
    const ReasonDescription generic = classifier.describe(reason);
    QVERIFY(generic.fix != specific.fix);
    // An unknown provider gets the generic fix.
    QCOMPARE(classifier.describe(reason, "no-such-provider").fix, generic.fix);
    QCOMPARE(specific.title, generic.title);
}

void TestReasonCatalog::unknownReason()
{
    const ReasonDescription description = FailureClassifier::instance().describe("nonsense");
    QCOMPARE(description.reason, QStringLiteral("nonsense"));
    QCOMPARE(description.title, FailureClassifier::instance().describe("undefined").title);
}

void TestReasonCatalog::brokenCatalogs_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("[") << "not a JSON object";
    QTest::newRow("empty") << QByteArray("{\"reasons\": {}}") << "no reasons";
    QTest::newRow("no fix")
        << QByteArray("{\"reasons\": {\"blocked\": {\"title\": \"t\", \"explanation\": \"e\"}}}")
        << "blocked";
}

void TestReasonCatalog::brokenCatalogs()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    const ReasonCatalog catalog = ReasonCatalog::load(json, &message);
    QVERIFY(!catalog.isValid());
    QVERIFY2(message.contains(error), qPrintable(message));
    QCOMPARE(catalog.describe("blocked").title, QStringLiteral("blocked"));
}

QTEST_GUILESS_MAIN(TestReasonCatalog)
#include "TestReasonCatalog.moc"
