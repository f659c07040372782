#include "auth/AbuseGuard.h"
#include "queue/ManualClock.h"

#include <QTest>

using namespace RelayDesk::Auth;
using RelayDesk::Queue::ManualClock;
using Verdict = AbuseGuard::Verdict;

namespace {
const QHostAddress kPrinter(QStringLiteral("192.168.1.20"));
const QHostAddress kScanner(QStringLiteral("192.168.1.21"));
} // namespace

/// Per-client and per-account rate limits, on a manual clock.
class TestAbuseGuard final : public QObject
{
    Q_OBJECT

private slots:
    void unlimitedByDefault();
    void clientMessagesPerMinute();
    void clientRecipientsPerHour();
    void clientsAreCountedApart();
    void accountDefaultsAndOverride();
    void accountLimitSpansClients();
    void refusedAttemptsAreNotCounted();
    void idleEntriesArePruned();
};

void TestAbuseGuard::unlimitedByDefault()
{
    ManualClock clock;
    AbuseGuard guard(clock);
    for (int i = 0; i < 5000; ++i) {
        QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
        QCOMPARE(guard.admitRecipient(kPrinter, QStringLiteral("app")), Verdict::Allowed);
    }
}

void TestAbuseGuard::clientMessagesPerMinute()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{3, 0});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::ClientMessages);
    clock.advance(30);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::ClientMessages);
    clock.advance(31); // a minute and a second after the first three
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
    // Recipients are not limited by a message limit.
    QCOMPARE(guard.admitRecipient(kPrinter), Verdict::Allowed);
}

void TestAbuseGuard::clientRecipientsPerHour()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{0, 10});
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(guard.admitRecipient(kPrinter), Verdict::Allowed);
        clock.advance(60);
    }
    QCOMPARE(guard.admitRecipient(kPrinter), Verdict::ClientRecipients);
    clock.advance(50 * 60); // the first recipient leaves the hour
    QCOMPARE(guard.admitRecipient(kPrinter), Verdict::Allowed);
    QCOMPARE(guard.admitRecipient(kPrinter), Verdict::ClientRecipients);
}

void TestAbuseGuard::clientsAreCountedApart()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{1, 0});
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::ClientMessages);
    QCOMPARE(guard.admitMessage(kScanner), Verdict::Allowed);
    // IPv6 and IPv4 loopback are different clients.
    QCOMPARE(guard.admitMessage(QHostAddress::LocalHostIPv6), Verdict::Allowed);
}

void TestAbuseGuard::accountDefaultsAndOverride()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{}, RateLimits{2, 0});
    const QString app = QStringLiteral("app");
    QCOMPARE(guard.admitMessage(kPrinter, app), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter, app), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter, app), Verdict::AccountMessages);
    // Unauthenticated mail from the same client is not the account's.
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
    // The account's own limit replaces the default.
    const QString bulk = QStringLiteral("bulk");
    for (int i = 0; i < 5; ++i)
        QCOMPARE(guard.admitMessage(kPrinter, bulk, RateLimits{5, 0}), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter, bulk, RateLimits{5, 0}), Verdict::AccountMessages);
    // Own recipient limit with the default message limit.
    const QString list = QStringLiteral("list");
    QCOMPARE(guard.admitRecipient(kPrinter, list, RateLimits{0, 1}), Verdict::Allowed);
    QCOMPARE(guard.admitRecipient(kPrinter, list, RateLimits{0, 1}), Verdict::AccountRecipients);
}

void TestAbuseGuard::accountLimitSpansClients()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{}, RateLimits{0, 3});
    const QString app = QStringLiteral("app");
    QCOMPARE(guard.admitRecipient(kPrinter, app), Verdict::Allowed);
    QCOMPARE(guard.admitRecipient(kScanner, app), Verdict::Allowed);
    QCOMPARE(guard.admitRecipient(QHostAddress::LocalHost, app), Verdict::Allowed);
    QCOMPARE(guard.admitRecipient(kScanner, app), Verdict::AccountRecipients);
}

void TestAbuseGuard::refusedAttemptsAreNotCounted()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{2, 0}, RateLimits{1, 0});
    const QString app = QStringLiteral("app");
    QCOMPARE(guard.admitMessage(kPrinter, app), Verdict::Allowed);
    // Refused by the account limit: the client's count stays at 1.
    QCOMPARE(guard.admitMessage(kPrinter, app), Verdict::AccountMessages);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::ClientMessages);
    // Hammering while refused does not push the window out.
    for (int i = 0; i < 100; ++i)
        QCOMPARE(guard.admitMessage(kPrinter), Verdict::ClientMessages);
    clock.advance(61);
    QCOMPARE(guard.admitMessage(kPrinter), Verdict::Allowed);
}

void TestAbuseGuard::idleEntriesArePruned()
{
    ManualClock clock;
    AbuseGuard guard(clock, RateLimits{10, 100});
    for (quint32 i = 0; i < 5000; ++i)
        guard.admitMessage(QHostAddress(0x0a000000u + i));
    QCOMPARE(guard.trackedCount(), 5000);
    clock.advance(2 * 3600);
    guard.admitMessage(kPrinter);
    QCOMPARE(guard.trackedCount(), 1);
}

QTEST_GUILESS_MAIN(TestAbuseGuard)
#include "TestAbuseGuard.moc"
