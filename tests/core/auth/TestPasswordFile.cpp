#include "auth/PasswordFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk::Auth;

/// --smarthost-password-file and password-ref = file:/path.
class TestPasswordFile final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstLine_data();
    void firstLine();
    void refused_data();
    void refused();
    void missing();
    void directory();

private:
    QString write(const QByteArray& content, QFileDevice::Permissions permissions);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPasswordFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestPasswordFile::write(const QByteArray& content, QFileDevice::Permissions permissions)
{
    const QString path = m_dir->filePath(QStringLiteral("secret"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    file.close();
    QFile::setPermissions(path, permissions);
    return path;
}

void TestPasswordFile::firstLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("newline") << QByteArray("s3cret\n") << "s3cret";
    QTest::newRow("no newline") << QByteArray("s3cret") << "s3cret";
    QTest::newRow("crlf") << QByteArray("s3cret\r\n") << "s3cret";
    QTest::newRow("more lines") << QByteArray("first\nsecond\n") << "first";
    QTest::newRow("blanks kept") << QByteArray(" pass word \n") << " pass word ";
    QTest::newRow("utf-8") << QByteArray("p\xc3\xa4ss\n") << QString::fromUtf8("päss");
}

void TestPasswordFile::firstLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = write(content, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QString error;
    const auto password = PasswordFile::read(path, &error);
    QVERIFY2(password, qPrintable(error));
    QCOMPARE(*password, expected);
    // 0400 (systemd credentials) is fine too.
    QFile::setPermissions(path, QFileDevice::ReadOwner);
    QCOMPARE(PasswordFile::read(path, &error).value_or(QString()), expected);
}

void TestPasswordFile::refused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("permissions");
    QTest::addColumn<QString>("expected");
    const int owner = int(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QTest::newRow("group readable") << QByteArray("hunter2\n") << (owner | QFileDevice::ReadGroup)
                                    << "accessible by group or others (mode 0640)";
    QTest::newRow("world readable") << QByteArray("hunter2\n") << (owner | QFileDevice::ReadOther)
                                    << "accessible by group or others (mode 0604)";
    QTest::newRow("group writable") << QByteArray("hunter2\n") << (owner | QFileDevice::WriteGroup)
                                    << "accessible by group or others";
    QTest::newRow("empty file") << QByteArray() << owner
                                << "the first line (the password) is empty";
    QTest::newRow("empty first line")
        << QByteArray("\nhunter2\n") << owner << "the first line (the password) is empty";
    QTest::newRow("too large") << QByteArray(70 * 1024, 'x') << owner << "larger than 65536 bytes";
}

void TestPasswordFile::refused()
{
    QFETCH(QByteArray, content);
    QFETCH(int, permissions);
    QFETCH(QString, expected);
    const QString path = write(content, QFileDevice::Permissions(permissions));
    QString error;
    QVERIFY(!PasswordFile::read(path, &error));
    QVERIFY2(error.startsWith(path + QLatin1String(": ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), "the content must never be reported");
}

void TestPasswordFile::missing()
{
    QString error;
    const QString path = m_dir->filePath(QStringLiteral("nope"));
    QVERIFY(!PasswordFile::read(path, &error));
    QCOMPARE(error, path + QStringLiteral(": no such file"));
}

void TestPasswordFile::directory()
{
    QString error;
    QVERIFY(!PasswordFile::read(m_dir->path(), &error));
    QVERIFY2(error.contains(QLatin1String("not a regular file")) ||
                 error.contains(QLatin1String("cannot read")),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPasswordFile)
#include "TestPasswordFile.moc"
