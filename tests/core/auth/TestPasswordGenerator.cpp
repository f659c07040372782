#include "auth/PasswordGenerator.h"

#include <QSet>
#include <QTest>

using namespace RelayDesk::Auth;

/// Generated account passwords: length, alphabet, no repeats.
class TestPasswordGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void lengthAndAlphabet_data();
    void lengthAndAlphabet();
    void noLookAlikes();
    void distinct();
    void usesTheWholeAlphabet();
};

void TestPasswordGenerator::lengthAndAlphabet_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    QTest::newRow("default") << int(PasswordGenerator::DefaultLength) << 24;
    QTest::newRow("short is raised") << 8 << 20;
    QTest::newRow("zero is raised") << 0 << 20;
    QTest::newRow("long") << 64 << 64;
}

void TestPasswordGenerator::lengthAndAlphabet()
{
    QFETCH(int, requested);
    QFETCH(int, expected);
    const QString password = PasswordGenerator::generate(requested);
    QCOMPARE(password.size(), expected);
    const QString alphabet = PasswordGenerator::alphabet();
    for (const QChar c : password)
        QVERIFY2(alphabet.contains(c), qPrintable(password));
}

void TestPasswordGenerator::noLookAlikes()
{
    const QString alphabet = PasswordGenerator::alphabet();
    for (const char c : {'0', 'O', '1', 'l', 'I', ':', ' ', '"', '\\'})
        QVERIFY(!alphabet.contains(QLatin1Char(c)));
    QCOMPARE(alphabet.size(), 57);
}

void TestPasswordGenerator::distinct()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(PasswordGenerator::generate());
    QCOMPARE(seen.size(), 1000);
}

void TestPasswordGenerator::usesTheWholeAlphabet()
{
    // 2000 x 24 symbols: each of the 57 symbols is expected ~840 times;
    // a biased or truncated mapping would leave some out or skew them.
    QHash<QChar, int> counts;
    for (int i = 0; i < 2000; ++i)
        for (const QChar c : PasswordGenerator::generate())
            ++counts[c];
    QCOMPARE(counts.size(), 57);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        QVERIFY2(it.value() > 600 && it.value() < 1100, qPrintable(QString(it.key())));
}

QTEST_GUILESS_MAIN(TestPasswordGenerator)
#include "TestPasswordGenerator.moc"
