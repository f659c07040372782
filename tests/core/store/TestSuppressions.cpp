// The suppression list table beside the queue (issue 6): add, renew,
// expiry, lookup per sender domain, remove, listing filters, CSV round trip
// and the CSV error paths.

#include "store/SqliteStore.h"
#include "store/SqliteSuppressions.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace RelayDesk::Store;
using RelayDesk::Service::SuppressionEntry;
using RelayDesk::Service::SuppressionFilter;

namespace {

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

SuppressionEntry entry(const QString& domain, const QString& recipient,
                       const QString& reason = QStringLiteral("userunknown"),
                       const QDateTime& created = at("2026-01-01T00:00:00Z"),
                       const QDateTime& expires = at("2026-04-01T00:00:00Z"))
{
    SuppressionEntry e;
    e.senderDomain = domain;
    e.recipient = recipient;
    e.reason = reason;
    e.created = created;
    e.expires = expires;
    e.sourceMessageId = 7;
    e.detail = QStringLiteral("550 5.1.1 user unknown");
    return e;
}

} // namespace

class TestSuppressions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void addAndFind();
    void addIsCaseInsensitiveAndRenews();
    void rejectsNonAddresses_data();
    void rejectsNonAddresses();
    void senderDomainScope();
    void expiry();
    void neverExpires();
    void removeEntry();
    void listFilters();
    void purgeExpired();
    void addAllIsAtomic();
    void csvRoundTrip();
    void csvFormulaCellsAreQuoted();
    void csvByHand();
    void csvErrors_data();
    void csvErrors();
    void domainOf_data();
    void domainOf();

private:
    QSqlDatabase db() const { return QSqlDatabase::database(m_store->connectionName(), false); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<SqliteStore> m_store;
};

void TestSuppressions::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_store = std::make_unique<SqliteStore>(m_tmp->filePath(QStringLiteral("data")));
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TestSuppressions::cleanup()
{
    m_store.reset();
    m_tmp.reset();
}

void TestSuppressions::addAndFind()
{
    QString error;
    QVERIFY2(SqliteSuppressions::add(
                 db(),
                 entry(QStringLiteral("office.example"), QStringLiteral("gone@remote.example")),
                 &error),
             qPrintable(error));
    const auto found = SqliteSuppressions::find(db(), QStringLiteral("office.example"),
                                                QStringLiteral("gone@remote.example"),
                                                at("2026-02-01T00:00:00Z"), &error);
    QVERIFY(error.isEmpty());
    QVERIFY(found.has_value());
    QCOMPARE(found->reason, QStringLiteral("userunknown"));
    QCOMPARE(found->created, at("2026-01-01T00:00:00Z"));
    QCOMPARE(found->expires, at("2026-04-01T00:00:00Z"));
    QCOMPARE(found->sourceMessageId, qint64(7));
    QCOMPARE(found->detail, QStringLiteral("550 5.1.1 user unknown"));
    QVERIFY(!SqliteSuppressions::find(db(), QStringLiteral("office.example"),
                                      QStringLiteral("other@remote.example"),
                                      at("2026-02-01T00:00:00Z"), &error));
    QVERIFY(error.isEmpty());
}

void TestSuppressions::addIsCaseInsensitiveAndRenews()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("Office.Example"), QStringLiteral("Gone@Remote.Example")),
        &error));
    auto renewed = entry(QStringLiteral("office.example"), QStringLiteral("gone@remote.example"),
                         QStringLiteral("hostunknown"), at("2026-03-01T00:00:00Z"),
                         at("2026-06-01T00:00:00Z"));
    QVERIFY(SqliteSuppressions::add(db(), renewed, &error));
    SuppressionFilter all;
    all.includeExpired = true;
    const auto list = SqliteSuppressions::list(db(), all, at("2026-03-02T00:00:00Z"), &error);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.constFirst().recipient, QStringLiteral("gone@remote.example"));
    QCOMPARE(list.constFirst().senderDomain, QStringLiteral("office.example"));
    QCOMPARE(list.constFirst().reason, QStringLiteral("hostunknown"));
    QCOMPARE(list.constFirst().expires, at("2026-06-01T00:00:00Z"));
}

void TestSuppressions::rejectsNonAddresses_data()
{
    QTest::addColumn<QString>("recipient");
    QTest::newRow("empty") << QString();
    QTest::newRow("no at") << QStringLiteral("postmaster");
    QTest::newRow("no local part") << QStringLiteral("@example.com");
    QTest::newRow("no domain") << QStringLiteral("user@");
}

void TestSuppressions::rejectsNonAddresses()
{
    QFETCH(QString, recipient);
    QString error;
    QVERIFY(!SqliteSuppressions::add(db(), entry(QString(), recipient), &error));
    QVERIFY(error.contains(QLatin1String("not an e-mail address")));
}

void TestSuppressions::senderDomainScope()
{
    QString error;
    const QDateTime now = at("2026-02-01T00:00:00Z");
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example")), &error));
    // Another sender domain is not affected.
    QVERIFY(!SqliteSuppressions::find(db(), QStringLiteral("b.example"),
                                      QStringLiteral("x@remote.example"), now, &error));
    // An every-sender entry ("" domain) applies to every domain; the
    // domain's own entry wins where both exist.
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QString(), QStringLiteral("x@remote.example"), QStringLiteral("manual")),
        &error));
    auto b = SqliteSuppressions::find(db(), QStringLiteral("b.example"),
                                      QStringLiteral("x@remote.example"), now, &error);
    QVERIFY(b.has_value());
    QCOMPARE(b->reason, QStringLiteral("manual"));
    auto a = SqliteSuppressions::find(db(), QStringLiteral("a.example"),
                                      QStringLiteral("X@REMOTE.example"), now, &error);
    QVERIFY(a.has_value());
    QCOMPARE(a->reason, QStringLiteral("userunknown"));
}

void TestSuppressions::expiry()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example")), &error));
    QVERIFY(SqliteSuppressions::find(db(), QStringLiteral("a.example"),
                                     QStringLiteral("x@remote.example"), at("2026-03-31T23:59:59Z"),
                                     &error));
    // Expired at its expiry time, and no longer listed by default.
    QVERIFY(!SqliteSuppressions::find(db(), QStringLiteral("a.example"),
                                      QStringLiteral("x@remote.example"),
                                      at("2026-04-01T00:00:00Z"), &error));
    QVERIFY(SqliteSuppressions::list(db(), {}, at("2026-04-02T00:00:00Z"), &error).isEmpty());
    SuppressionFilter withExpired;
    withExpired.includeExpired = true;
    const auto list =
        SqliteSuppressions::list(db(), withExpired, at("2026-04-02T00:00:00Z"), &error);
    QCOMPARE(list.size(), 1);
    QVERIFY(list.constFirst().isExpired(at("2026-04-02T00:00:00Z")));
}

void TestSuppressions::neverExpires()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(),
        entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example"),
              QStringLiteral("manual"), at("2026-01-01T00:00:00Z"), QDateTime()),
        &error));
    const auto found = SqliteSuppressions::find(db(), QStringLiteral("a.example"),
                                                QStringLiteral("x@remote.example"),
                                                at("2100-01-01T00:00:00Z"), &error);
    QVERIFY(found.has_value());
    QVERIFY(!found->expires.isValid());
}

void TestSuppressions::removeEntry()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example")), &error));
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("b.example"), QStringLiteral("x@remote.example")), &error));
    QVERIFY(SqliteSuppressions::remove(db(), QStringLiteral("A.example"),
                                       QStringLiteral("X@remote.example"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!SqliteSuppressions::find(db(), QStringLiteral("a.example"),
                                      QStringLiteral("x@remote.example"),
                                      at("2026-02-01T00:00:00Z"), &error));
    QVERIFY(SqliteSuppressions::find(db(), QStringLiteral("b.example"),
                                     QStringLiteral("x@remote.example"), at("2026-02-01T00:00:00Z"),
                                     &error));
    // Removing what is not there: false, no error.
    QVERIFY(!SqliteSuppressions::remove(db(), QStringLiteral("a.example"),
                                        QStringLiteral("x@remote.example"), &error));
    QVERIFY(error.isEmpty());
}

void TestSuppressions::listFilters()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(),
        entry(QStringLiteral("a.example"), QStringLiteral("one@remote.example"),
              QStringLiteral("userunknown"), at("2026-01-01T00:00:00Z")),
        &error));
    QVERIFY(SqliteSuppressions::add(
        db(),
        entry(QStringLiteral("b.example"), QStringLiteral("two@other.example"),
              QStringLiteral("hostunknown"), at("2026-01-02T00:00:00Z")),
        &error));
    const QDateTime now = at("2026-02-01T00:00:00Z");
    auto all = SqliteSuppressions::list(db(), {}, now, &error);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).recipient, QStringLiteral("two@other.example")); // newest first
    SuppressionFilter byText;
    byText.text = QStringLiteral("HOSTUNKNOWN");
    QCOMPARE(SqliteSuppressions::list(db(), byText, now, &error).size(), 1);
    byText.text = QStringLiteral("a.example");
    QCOMPARE(SqliteSuppressions::list(db(), byText, now, &error).constFirst().recipient,
             QStringLiteral("one@remote.example"));
    byText.text = QStringLiteral("%"); // literal, not a wildcard
    QVERIFY(SqliteSuppressions::list(db(), byText, now, &error).isEmpty());
    SuppressionFilter limited;
    limited.limit = 1;
    QCOMPARE(SqliteSuppressions::list(db(), limited, now, &error).size(), 1);
}

void TestSuppressions::purgeExpired()
{
    QString error;
    QVERIFY(SqliteSuppressions::add(
        db(), entry(QStringLiteral("a.example"), QStringLiteral("old@remote.example")), &error));
    QVERIFY(SqliteSuppressions::add(db(),
                                    entry(QStringLiteral("a.example"),
                                          QStringLiteral("new@remote.example"),
                                          QStringLiteral("userunknown"), at("2026-03-01T00:00:00Z"),
                                          at("2026-06-01T00:00:00Z")),
                                    &error));
    QCOMPARE(SqliteSuppressions::purgeExpired(db(), at("2026-05-01T00:00:00Z"), &error), 1);
    SuppressionFilter all;
    all.includeExpired = true;
    const auto left = SqliteSuppressions::list(db(), all, at("2026-05-01T00:00:00Z"), &error);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.constFirst().recipient, QStringLiteral("new@remote.example"));
}

void TestSuppressions::addAllIsAtomic()
{
    QString error;
    const QVector<SuppressionEntry> entries{
        entry(QStringLiteral("a.example"), QStringLiteral("ok@remote.example")),
        entry(QStringLiteral("a.example"), QStringLiteral("broken"))};
    QVERIFY(!SqliteSuppressions::addAll(db(), entries, &error));
    QVERIFY(!error.isEmpty());
    SuppressionFilter all;
    all.includeExpired = true;
    QVERIFY(SqliteSuppressions::list(db(), all, at("2026-02-01T00:00:00Z"), &error).isEmpty());
}

void TestSuppressions::csvRoundTrip()
{
    auto tricky = entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example"));
    tricky.detail = QStringLiteral("550 \"quoted\", with comma\nand a second line");
    auto neverEnding = entry(QString(), QStringLiteral("y@remote.example"),
                             QStringLiteral("manual"), at("2026-01-05T10:20:30Z"), QDateTime());
    neverEnding.sourceMessageId = 0;
    const QByteArray csv = SqliteSuppressions::toCsv({tricky, neverEnding});
    QVERIFY(csv.startsWith("sender_domain,recipient,reason,created,expires,source_message,"
                           "detail\r\n"));
    QString error;
    const auto back = SqliteSuppressions::fromCsv(csv, at("2026-02-01T00:00:00Z"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(back.size(), 2);
    QCOMPARE(back.at(0).senderDomain, tricky.senderDomain);
    QCOMPARE(back.at(0).recipient, tricky.recipient);
    QCOMPARE(back.at(0).reason, tricky.reason);
    QCOMPARE(back.at(0).created, tricky.created);
    QCOMPARE(back.at(0).expires, tricky.expires);
    QCOMPARE(back.at(0).sourceMessageId, tricky.sourceMessageId);
    QCOMPARE(back.at(0).detail, tricky.detail);
    QCOMPARE(back.at(1).senderDomain, QString());
    QVERIFY(!back.at(1).expires.isValid());
    QCOMPARE(back.at(1).created, at("2026-01-05T10:20:30Z"));
    // And into a table through addAll.
    QVERIFY2(SqliteSuppressions::addAll(db(), back, &error), qPrintable(error));
    QVERIFY(SqliteSuppressions::find(db(), QStringLiteral("z.example"),
                                     QStringLiteral("y@remote.example"), at("2030-01-01T00:00:00Z"),
                                     &error));
}

void TestSuppressions::csvFormulaCellsAreQuoted()
{
    auto e = entry(QStringLiteral("a.example"), QStringLiteral("x@remote.example"));
    e.detail = QStringLiteral("=HYPERLINK(\"http://evil\")");
    const QByteArray csv = SqliteSuppressions::toCsv({e});
    QVERIFY(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""));
    QString error;
    const auto back = SqliteSuppressions::fromCsv(csv, QDateTime::currentDateTimeUtc(), &error);
    QCOMPARE(back.constFirst().detail, e.detail);
}

void TestSuppressions::csvByHand()
{
    // Columns in any order, only the recipient required, a BOM, LF ends,
    // and an empty line in between.
    const QByteArray csv = "\xEF\xBB\xBFRecipient,Reason\nA@Remote.Example,\n\nb@remote.example,"
                           "hasmoved\n";
    const QDateTime now = at("2026-02-01T00:00:00Z");
    QString error;
    const auto entries = SqliteSuppressions::fromCsv(csv, now, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).recipient, QStringLiteral("a@remote.example"));
    QCOMPARE(entries.at(0).reason, QStringLiteral("manual"));
    QCOMPARE(entries.at(0).created, now);
    QVERIFY(entries.at(0).senderDomain.isEmpty());
    QCOMPARE(entries.at(1).reason, QStringLiteral("hasmoved"));
}

void TestSuppressions::csvErrors_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("line 1: no header row");
    QTest::newRow("no recipient column")
        << QByteArray("address\r\nx@y.example\r\n") << QStringLiteral("no \"recipient\" column");
    QTest::newRow("bad address") << QByteArray("recipient\r\nok@y.example\r\nnobody\r\n")
                                 << QStringLiteral("line 3: not an e-mail address");
    QTest::newRow("bad date") << QByteArray("recipient,created\r\nx@y.example,yesterday\r\n")
                              << QStringLiteral("line 2: not a date");
    QTest::newRow("bad expiry") << QByteArray("recipient,expires\r\nx@y.example,soon\r\n")
                                << QStringLiteral("line 2: not a date");
    QTest::newRow("bad source") << QByteArray("recipient,source_message\r\nx@y.example,-4\r\n")
                                << QStringLiteral("line 2: not a message id");
    QTest::newRow("bad domain") << QByteArray("recipient,sender_domain\r\nx@y.example,a@b\r\n")
                                << QStringLiteral("line 2: not a domain");
    QTest::newRow("unclosed quote") << QByteArray("recipient,detail\r\nx@y.example,\"open\r\n")
                                    << QStringLiteral("unclosed quote");
}

void TestSuppressions::csvErrors()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, message);
    QString error;
    const auto entries = SqliteSuppressions::fromCsv(csv, QDateTime::currentDateTimeUtc(), &error);
    QVERIFY(entries.isEmpty());
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestSuppressions::domainOf_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("domain");
    QTest::newRow("plain") << QStringLiteral("Scanner@Office.Example")
                           << QStringLiteral("office.example");
    QTest::newRow("null sender") << QString() << QString();
    QTest::newRow("quoted local part")
        << QStringLiteral("\"a@b\"@c.example") << QStringLiteral("c.example");
}

void TestSuppressions::domainOf()
{
    QFETCH(QString, address);
    QFETCH(QString, domain);
    QCOMPARE(SqliteSuppressions::domainOf(address), domain);
}

QTEST_GUILESS_MAIN(TestSuppressions)
#include "TestSuppressions.moc"
