// MtaStsCache: refresh decisions by TXT id and max_age (RFC 8461 3.3, 5.1).

#include "delivery/MtaStsCache.h"

#include <QTest>

using RelayDesk::Delivery::MtaStsCache;
using RelayDesk::Delivery::MtaStsPolicy;
using Action = MtaStsCache::Action;
using TxtState = MtaStsCache::TxtState;

Q_DECLARE_METATYPE(MtaStsCache::Action)
Q_DECLARE_METATYPE(MtaStsCache::TxtState)

namespace {

const QDateTime t0(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);

MtaStsPolicy policy(const QString& id, qint64 maxAge)
{
    MtaStsPolicy p;
    p.mode = MtaStsPolicy::Mode::Enforce;
    p.mx = QStringList{QStringLiteral("mx.example.com")};
    p.maxAge = maxAge;
    p.id = id;
    return p;
}

} // namespace

class TestMtaStsCache final : public QObject
{
    Q_OBJECT

private slots:
    void plan_data();
    void plan();
    void cachedUntilExpiry();
    void keyIgnoresCaseAndDot();
    void storeReplaces();
    void purgeExpired();
};

void TestMtaStsCache::plan_data()
{
    QTest::addColumn<bool>("haveCached"); // policy id "one", max_age 3600, stored at t0
    QTest::addColumn<qint64>("secondsLater");
    QTest::addColumn<TxtState>("txt");
    QTest::addColumn<QString>("txtId");
    QTest::addColumn<Action>("action");

    QTest::newRow("nothing cached, TXT")
        << false << 0LL << TxtState::Valid << "one" << Action::Fetch;
    QTest::newRow("nothing cached, no TXT")
        << false << 0LL << TxtState::Absent << "" << Action::NoPolicy;
    QTest::newRow("nothing cached, DNS down")
        << false << 0LL << TxtState::Unavailable << "" << Action::NoPolicy;
    QTest::newRow("same id") << true << 10LL << TxtState::Valid << "one" << Action::UseCached;
    QTest::newRow("same id, id case differs")
        << true << 10LL << TxtState::Valid << "ONE" << Action::Fetch;
    QTest::newRow("new id") << true << 10LL << TxtState::Valid << "two" << Action::Fetch;
    QTest::newRow("same id, expired")
        << true << 3600LL << TxtState::Valid << "one" << Action::Fetch;
    QTest::newRow("TXT gone, cache valid")
        << true << 3599LL << TxtState::Absent << "" << Action::UseCached;
    QTest::newRow("TXT gone, cache expired")
        << true << 3600LL << TxtState::Absent << "" << Action::NoPolicy;
    QTest::newRow("DNS down, cache valid")
        << true << 100LL << TxtState::Unavailable << "" << Action::UseCached;
    QTest::newRow("DNS down, cache expired")
        << true << 7200LL << TxtState::Unavailable << "" << Action::NoPolicy;
}

void TestMtaStsCache::plan()
{
    QFETCH(bool, haveCached);
    QFETCH(qint64, secondsLater);
    QFETCH(TxtState, txt);
    QFETCH(QString, txtId);
    QFETCH(Action, action);

    MtaStsCache cache;
    if (haveCached)
        cache.store(QStringLiteral("example.com"), policy(QStringLiteral("one"), 3600), t0);
    QCOMPARE(cache.plan(QStringLiteral("example.com"), txt, txtId, t0.addSecs(secondsLater)),
             action);
    // Another domain is never affected by this one's entry.
    QCOMPARE(cache.plan(QStringLiteral("other.example"), TxtState::Absent, {}, t0),
             Action::NoPolicy);
}

void TestMtaStsCache::cachedUntilExpiry()
{
    MtaStsCache cache;
    cache.store(QStringLiteral("example.com"), policy(QStringLiteral("a"), 60), t0);
    QVERIFY(cache.cached(QStringLiteral("example.com"), t0.addSecs(59)));
    QCOMPARE(cache.cached(QStringLiteral("example.com"), t0.addSecs(59))->id, QStringLiteral("a"));
    QVERIFY(!cache.cached(QStringLiteral("example.com"), t0.addSecs(60)));

    // max_age 0: usable for nothing after the delivery that fetched it.
    cache.store(QStringLiteral("zero.example"), policy(QStringLiteral("z"), 0), t0);
    QVERIFY(!cache.cached(QStringLiteral("zero.example"), t0));
}

void TestMtaStsCache::keyIgnoresCaseAndDot()
{
    MtaStsCache cache;
    cache.store(QStringLiteral("Example.COM."), policy(QStringLiteral("a"), 60), t0);
    QVERIFY(cache.cached(QStringLiteral("example.com"), t0));
    QCOMPARE(cache.plan(QStringLiteral("EXAMPLE.com"), TxtState::Valid, QStringLiteral("a"), t0),
             Action::UseCached);
}

void TestMtaStsCache::storeReplaces()
{
    MtaStsCache cache;
    cache.store(QStringLiteral("example.com"), policy(QStringLiteral("a"), 60), t0);
    cache.store(QStringLiteral("example.com"), policy(QStringLiteral("b"), 10), t0.addSecs(30));
    QCOMPARE(cache.size(), 1);
    QCOMPARE(cache.cached(QStringLiteral("example.com"), t0.addSecs(35))->id, QStringLiteral("b"));
    QVERIFY(!cache.cached(QStringLiteral("example.com"), t0.addSecs(40)));
    cache.remove(QStringLiteral("example.com"));
    QCOMPARE(cache.size(), 0);
}

void TestMtaStsCache::purgeExpired()
{
    MtaStsCache cache;
    cache.store(QStringLiteral("short.example"), policy(QStringLiteral("a"), 10), t0);
    cache.store(QStringLiteral("long.example"), policy(QStringLiteral("b"), 1000), t0);
    QCOMPARE(cache.purgeExpired(t0.addSecs(5)), 0);
    QCOMPARE(cache.purgeExpired(t0.addSecs(10)), 1);
    QCOMPARE(cache.size(), 1);
    QVERIFY(cache.cached(QStringLiteral("long.example"), t0.addSecs(10)));
}

QTEST_GUILESS_MAIN(TestMtaStsCache)
#include "TestMtaStsCache.moc"
