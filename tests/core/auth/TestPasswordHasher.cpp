#include "auth/PasswordHasher.h"

#include <QTest>

using namespace RelayDesk::Auth;

/// scrypt hashes: format, round trip, salts, and malformed input.
class TestPasswordHasher final : public QObject
{
    Q_OBJECT

private slots:
    void defaultFormat();
    void roundTrip_data();
    void roundTrip();
    void wrongPassword();
    void differentSalts();
    void parametersTravelWithTheHash();
    void unmatchableHashCostsAVerification();
    void malformed_data();
    void malformed();
};

void TestPasswordHasher::defaultFormat()
{
    const QString stored = PasswordHasher().hash(QStringLiteral("correct horse"));
    QVERIFY2(stored.startsWith(QLatin1String("$scrypt$ln=15,r=8,p=1$")), qPrintable(stored));
    const QStringList parts = stored.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 5);
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), 16); // salt
    QCOMPARE(QByteArray::fromBase64(parts.at(4).toLatin1()).size(), 32); // hash
    QVERIFY(PasswordHasher::isWellFormed(stored));
    QVERIFY(PasswordHasher::verify(QStringLiteral("correct horse"), stored));
}

void TestPasswordHasher::roundTrip_data()
{
    QTest::addColumn<QString>("password");
    QTest::newRow("ascii") << "s3cret!";
    QTest::newRow("unicode") << QString::fromUtf8("pässwörd ✓");
    QTest::newRow("colon and dollar") << "a:b$c";
    QTest::newRow("long") << QString(1000, QLatin1Char('x'));
    QTest::newRow("one char") << "x";
}

void TestPasswordHasher::roundTrip()
{
    QFETCH(QString, password);
    const PasswordHasher hasher({12, 8, 1});
    const QString stored = hasher.hash(password);
    QVERIFY(PasswordHasher::verify(password, stored));
}

void TestPasswordHasher::wrongPassword()
{
    const PasswordHasher hasher({12, 8, 1});
    const QString stored = hasher.hash(QStringLiteral("secret"));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("Secret"), stored));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("secret "), stored));
    QVERIFY(!PasswordHasher::verify(QString(), stored));
}

void TestPasswordHasher::differentSalts()
{
    const PasswordHasher hasher({12, 8, 1});
    const QString first = hasher.hash(QStringLiteral("same"));
    const QString second = hasher.hash(QStringLiteral("same"));
    QVERIFY(first != second);
    QVERIFY(first.section(QLatin1Char('$'), 3, 3) != second.section(QLatin1Char('$'), 3, 3));
    QVERIFY(PasswordHasher::verify(QStringLiteral("same"), first));
    QVERIFY(PasswordHasher::verify(QStringLiteral("same"), second));
}

void TestPasswordHasher::parametersTravelWithTheHash()
{
    const QString stored = PasswordHasher({10, 4, 2}).hash(QStringLiteral("pw"));
    QVERIFY2(stored.startsWith(QLatin1String("$scrypt$ln=10,r=4,p=2$")), qPrintable(stored));
    QVERIFY(PasswordHasher::verify(QStringLiteral("pw"), stored));
    // The same salt and hash under other parameters no longer match.
    QString tampered = stored;
    tampered.replace(QLatin1String("ln=10"), QLatin1String("ln=11"));
    QVERIFY(PasswordHasher::isWellFormed(tampered));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("pw"), tampered));
}

void TestPasswordHasher::unmatchableHashCostsAVerification()
{
    // What an unknown account name is verified against: the same parameters
    // (so the same scrypt work), well formed, matched by nothing.
    const PasswordHasher hasher({10, 4, 2});
    const QString dummy = hasher.unmatchableHash();
    QVERIFY2(dummy.startsWith(QLatin1String("$scrypt$ln=10,r=4,p=2$")), qPrintable(dummy));
    QVERIFY(PasswordHasher::isWellFormed(dummy));
    for (const char* password : {"", "a", "relaydesk-no-such-user", "0000"})
        QVERIFY(!PasswordHasher::verify(QString::fromLatin1(password), dummy));
    QCOMPARE(PasswordHasher().unmatchableHash().section(QLatin1Char('$'), 2, 2),
             PasswordHasher().hash(QStringLiteral("x")).section(QLatin1Char('$'), 2, 2));
}

void TestPasswordHasher::malformed_data()
{
    const QString good = PasswordHasher({10, 8, 1}).hash(QStringLiteral("pw"));
    const QString salt = good.section(QLatin1Char('$'), 3, 3);
    const QString hash = good.section(QLatin1Char('$'), 4, 4);
    QTest::addColumn<QString>("stored");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text") << "pw";
    QTest::newRow("other scheme") << "$2y$10$abcdefghijklmnopqrstuv";
    QTest::newRow("missing hash") << "$scrypt$ln=10,r=8,p=1$" + salt;
    QTest::newRow("empty hash") << "$scrypt$ln=10,r=8,p=1$" + salt + "$";
    QTest::newRow("bad base64") << "$scrypt$ln=10,r=8,p=1$" + salt + "$@@@@";
    QTest::newRow("padding") << "$scrypt$ln=10,r=8,p=1$" + salt + "$" + hash + "=";
    QTest::newRow("short salt") << "$scrypt$ln=10,r=8,p=1$AAAA$" + hash;
    QTest::newRow("short hash") << "$scrypt$ln=10,r=8,p=1$" + salt + "$AAAA";
    QTest::newRow("ln zero") << "$scrypt$ln=0,r=8,p=1$" + salt + "$" + hash;
    QTest::newRow("ln too big") << "$scrypt$ln=40,r=8,p=1$" + salt + "$" + hash;
    QTest::newRow("memory too big") << "$scrypt$ln=20,r=32,p=1$" + salt + "$" + hash;
    QTest::newRow("p too big") << "$scrypt$ln=10,r=8,p=99$" + salt + "$" + hash;
    QTest::newRow("missing parameter") << "$scrypt$ln=10,r=8$" + salt + "$" + hash;
    QTest::newRow("reordered") << "$scrypt$r=8,ln=10,p=1$" + salt + "$" + hash;
    QTest::newRow("trailing field") << good + "$x";
    QTest::newRow("leading blank") << " " + good;
}

void TestPasswordHasher::malformed()
{
    QFETCH(QString, stored);
    QVERIFY(!PasswordHasher::isWellFormed(stored));
    QVERIFY(!PasswordHasher::verify(QStringLiteral("pw"), stored));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "TestPasswordHasher.moc"
