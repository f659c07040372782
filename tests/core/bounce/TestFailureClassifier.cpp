// FailureClassifier::instance() on SMTP replies, written for this test from
// RFC 3463 / RFC 7372 / RFC 7505 and the providers' published error texts
// (Microsoft 365 NDR reference, Gmail SMTP errors, Yahoo and iCloud postmaster
// pages) and the stock phrasings of Postfix, Exim, Sendmail and qmail.

#include "bounce/BounceRules.h"
#include "bounce/FailureClassifier.h"
#include "bounce/ReasonCatalog.h"
#include "bounce/RuleClassifier.h"

#include <QSet>
#include <QTest>

using namespace RelayDesk::Bounce;

class TestFailureClassifier : public QObject
{
    Q_OBJECT

private slots:
    void embeddedRulesLoad();
    void replies_data();
    void replies();
    void everyReasonIsReachable();
    void explicitStatusWins();
    void noReplyAtAll();
    void statusOnlyBaseline();
    void providerForHost_data();
    void providerForHost();
    void badRuleTables_data();
    void badRuleTables();
    void normaliseJoinsFoldedReplies();
    void permanentFollowsTheReplyClass();

private:
    QSet<QString> m_seenReasons;
};

void TestFailureClassifier::embeddedRulesLoad()
{
    QString error;
    const BounceRules rules = BounceRules::loadEmbedded(&error);
    QVERIFY2(rules.isValid(), qPrintable(error));
    QVERIFY(rules.rules().size() > 30);
    // instance() is built from the same embedded tables.
    const auto& instance = FailureClassifier::instance();
    QCOMPARE(instance.classifyReply(550, "5.1.1", "550 5.1.1 User unknown").reason,
             QStringLiteral("userunknown"));
    QCOMPARE(instance.describe("userunknown").title,
             QStringLiteral("Recipient address does not exist"));
}

void TestFailureClassifier::replies_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("hard");
    QTest::addColumn<QString>("status");

    // Microsoft 365 (Exchange Online NDR reference).
    QTest::newRow("m365 5.7.708")
        << 550
        << "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP."
        << "blocked" << false << "5.7.708";
    QTest::newRow("m365 5.7.139")
        << 535 << "535 5.7.139 Authentication unsuccessful, basic authentication is disabled."
        << "authfailure" << false << "5.7.139";
    QTest::newRow("m365 smtpclientauth") << 535
                                         << "535 5.7.139 Authentication unsuccessful, "
                                            "SmtpClientAuthentication is disabled for the Tenant."
                                         << "authfailure" << false << "5.7.139";
    QTest::newRow("m365 5.7.57")
        << 530 << "530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139"
        << "securityerror" << false << "5.7.57";
    QTest::newRow("m365 5.7.64") << 550
                                 << "550 5.7.64 TenantAttribution; Relay Access Denied [ATTR36]"
                                 << "norelaying" << false << "5.7.64";
    QTest::newRow("m365 5.4.1 dbeb")
        << 550 << "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"
        << "userunknown" << true << "5.4.1";
    QTest::newRow("m365 5.1.10")
        << 550
        << "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
        << "userunknown" << true << "5.1.10";
    QTest::newRow("m365 5.7.606") << 550
                                  << "550 5.7.606 Access denied, banned sending IP [203.0.113.5]."
                                  << "blocked" << false << "5.7.606";
    QTest::newRow("m365 5.7.509") << 550
                                  << "550 5.7.509 Access denied, sending domain example.com does "
                                     "not pass DMARC verification and has a DMARC policy of reject."
                                  << "authfailure" << false << "5.7.509";
    QTest::newRow("m365 5.2.2 quota")
        << 554 << "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException"
        << "mailboxfull" << false << "5.2.2";
    QTest::newRow("m365 submission quota")
        << 554
        << "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
           "process message due to a permanent exception. Submission quota exceeded"
        << "speeding" << false << "5.2.0";
    QTest::newRow("m365 4.7.650") << 451
                                  << "451 4.7.650 The mail server [203.0.113.9] has been "
                                     "temporarily rate limited due to IP reputation."
                                  << "badreputation" << false << "4.7.650";
    QTest::newRow("m365 5.7.501") << 550 << "550 5.7.501 Access denied, spam abuse detected."
                                  << "spamdetected" << false << "5.7.501";
    QTest::newRow("m365 5.4.316 expired")
        << 550 << "550 5.4.316 Message expired, connection refused"
        << "expired" << false << "5.4.316";
    QTest::newRow("m365 5.4.312 dns") << 550 << "550 5.4.312 Message expired, DNS query failed"
                                      << "networkerror" << false << "5.4.312";
    QTest::newRow("m365 recipsize")
        << 550 << "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient"
        << "mesgtoobig" << false << "5.2.3";
    QTest::newRow("m365 authrequired")
        << 550 << "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required"
        << "securityerror" << false << "5.7.1";

    // Google (Gmail SMTP error reference).
    QTest::newRow("gmail 5.7.26")
        << 550
        << "550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and "
           "Gmail users, and has been blocked. 550 5.7.26 The sender must authenticate with at "
           "least one of SPF or DKIM."
        << "authfailure" << false << "5.7.26";
    QTest::newRow("gmail 4.7.28") << 421
                                  << "421-4.7.28 Our system has detected an unusual rate of "
                                     "unsolicited mail originating from your IP address."
                                  << "badreputation" << false << "4.7.28";
    QTest::newRow("gmail 5.7.1 reputation")
        << 550
        << "550-5.7.1 Our system has detected that this message is likely unsolicited mail. To "
           "reduce the amount of spam sent to Gmail, this message has been blocked due to the very "
           "low reputation of the sending domain."
        << "badreputation" << false << "5.7.1";
    QTest::newRow("gmail 5.7.25 ptr")
        << 550
        << "550-5.7.25 The IP address sending this message does not have a PTR record setup, or "
           "the corresponding forward DNS entry does not point to the sending IP."
        << "requireptr" << false << "5.7.25";
    QTest::newRow("gmail 5.1.1")
        << 550
        << "550-5.1.1 The email account that you tried to reach does not exist. Please try "
           "double-checking the recipient's email address for typos."
        << "userunknown" << true << "5.1.1";
    QTest::newRow("gmail 5.2.1 disabled")
        << 550 << "550-5.2.1 The email account that you tried to reach is disabled."
        << "suspend" << false << "5.2.1";
    QTest::newRow("gmail 4.2.2 over quota")
        << 452 << "452-4.2.2 The email account that you tried to reach is over quota."
        << "mailboxfull" << false << "4.2.2";
    QTest::newRow("gmail 5.2.1 rate")
        << 550
        << "550-5.2.1 The user you are trying to contact is receiving mail at a rate that prevents "
           "additional messages from being delivered."
        << "speeding" << false << "5.2.1";
    QTest::newRow("gmail 5.3.4 size")
        << 552 << "552-5.3.4 Your message exceeded Google's message size limits."
        << "mesgtoobig" << false << "5.3.4";
    QTest::newRow("gmail 5.7.0 virus")
        << 552
        << "552-5.7.0 This message was blocked because its content presents a potential security "
           "issue. Our system detected a virus in the attachment."
        << "virusdetected" << false << "5.7.0";
    QTest::newRow("gmail multiple from")
        << 550 << "550-5.7.1 Messages with multiple addresses in From: header are not accepted."
        << "notcompliantrfc" << false << "5.7.1";
    QTest::newRow("gmail 5.7.8 login") << 535 << "535-5.7.8 Username and Password not accepted."
                                       << "authfailure" << false << "5.7.8";

    // Yahoo / AOL, iCloud.
    QTest::newRow("yahoo 5.7.9 policy")
        << 554 << "554 5.7.9 Message not accepted for policy reasons."
        << "policyviolation" << false << "5.7.9";
    QTest::newRow("yahoo tss04") << 421
                                 << "421 4.7.0 [TSS04] Messages from 203.0.113.1 temporarily "
                                    "deferred due to unexpected volume or user complaints"
                                 << "badreputation" << false << "4.7.0";
    QTest::newRow("yahoo no account") << 554
                                      << "554 delivery error: dd This user doesn't have a "
                                         "yahoo.com account (someone@yahoo.com) [0]"
                                      << "userunknown" << true << "5.0.0";
    QTest::newRow("icloud moved") << 550
                                  << "550 5.1.6 recipient no longer on server: someone@icloud.com"
                                  << "hasmoved" << true << "5.1.6";
    QTest::newRow("icloud dmarc")
        << 554 << "554 5.7.1 Your message was rejected due to example.com's DMARC policy."
        << "authfailure" << false << "5.7.1";
    QTest::newRow("icloud over quota")
        << 552 << "552 5.2.2 <someone@icloud.com>: user is over quota"
        << "mailboxfull" << false << "5.2.2";
    QTest::newRow("icloud proofpoint")
        << 550
        << "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=203.0.113.7"
        << "blocked" << false << "5.7.0";

    // Postfix, Exim, Sendmail, qmail stock phrasings.
    QTest::newRow("postfix local table") << 550
                                         << "550 5.1.1 <a@example.org>: Recipient address "
                                            "rejected: User unknown in local recipient table"
                                         << "userunknown" << true << "5.1.1";
    QTest::newRow("postfix relay") << 554 << "554 5.7.1 <a@example.org>: Relay access denied"
                                   << "norelaying" << false << "5.7.1";
    QTest::newRow("postfix rbl")
        << 554
        << "554 5.7.1 Service unavailable; Client host [203.0.113.8] blocked using zen.spamhaus.org"
        << "blocked" << false << "5.7.1";
    QTest::newRow("postfix sender domain")
        << 553 << "553 5.1.8 <x@nonexistent.example>: Sender address rejected: Domain not found"
        << "rejected" << false << "5.1.8";
    QTest::newRow("postfix rdns")
        << 450 << "450 4.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.4]"
        << "requireptr" << false << "4.7.1";
    QTest::newRow("postfix host not found") << 0
                                            << "Host or domain name not found. Name service error "
                                               "for name=example.invalid type=A: Host not found"
                                            << "hostunknown" << true << "";
    QTest::newRow("postfix timeout")
        << 0 << "connect to mx.example.org[192.0.2.1]:25: Connection timed out"
        << "expired" << false << "";
    QTest::newRow("postfix lost connection") << 0
                                             << "lost connection with mx.example.org[192.0.2.1] "
                                                "while receiving the initial server greeting"
                                             << "networkerror" << false << "";
    QTest::newRow("postfix too many recipients") << 452 << "452 4.5.3 Error: too many recipients"
                                                 << "toomanyconn" << false << "4.5.3";
    QTest::newRow("postfix too many connections")
        << 421 << "421 4.7.0 mx.example.org Error: too many connections from 203.0.113.2"
        << "toomanyconn" << false << "4.7.0";
    QTest::newRow("postfix loop") << 0 << "mail for example.org loops back to myself"
                                  << "networkerror" << false << "";
    QTest::newRow("exim unrouteable") << 550 << "550 Unrouteable address"
                                      << "userunknown" << true << "5.0.0";
    QTest::newRow("exim sender verify") << 550 << "550 Sender verify failed"
                                        << "rejected" << false << "5.0.0";
    QTest::newRow("exim retry timeout") << 0 << "retry timeout exceeded"
                                        << "expired" << false << "";
    QTest::newRow("sendmail mailbox full") << 552 << "552 5.2.2 <a@example.org>... Mailbox full"
                                           << "mailboxfull" << false << "5.2.2";
    QTest::newRow("sendmail 8bit header") << 554 << "554 5.6.0 Message contains invalid header"
                                          << "notcompliantrfc" << false << "5.6.0";
    QTest::newRow("qmail no mailbox") << 0 << "Sorry, no mailbox here by that name. (#5.1.1)"
                                      << "userunknown" << true << "5.1.1";
    QTest::newRow("qmail no host")
        << 0 << "Sorry, I couldn't find any host named example.invalid. (#5.1.2)"
        << "hostunknown" << true << "5.1.2";
    QTest::newRow("qmail no mx")
        << 0 << "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)"
        << "notaccept" << true << "5.4.4";

    // RFC 3463 / 7505 / 3464 conditions.
    QTest::newRow("rfc7505 null mx") << 556 << "556 5.1.10 Recipient address has null MX"
                                     << "notaccept" << true << "5.1.10";
    QTest::newRow("spam") << 550 << "550 5.7.1 Message rejected as spam by Content Filtering."
                          << "spamdetected" << false << "5.7.1";
    QTest::newRow("content 5.6.1") << 554 << "554 5.6.1 Message content rejected"
                                   << "contenterror" << false << "5.6.1";
    QTest::newRow("exceed limit") << 552 << "552 5.2.3 Message length exceeds administrative limit"
                                  << "exceedlimit" << false << "5.2.3";
    QTest::newRow("filter") << 550 << "550 5.7.1 Message refused due to recipient preferences"
                            << "filtered" << false << "5.7.1";
    QTest::newRow("policy") << 550 << "550 5.7.0 Local Policy Violation"
                            << "policyviolation" << false << "5.7.0";
    QTest::newRow("syntax") << 503 << "503 5.5.1 Bad sequence of commands"
                            << "syntaxerror" << false << "5.5.1";
    QTest::newRow("system error") << 451
                                  << "451 4.3.0 Internal system error, please try again later"
                                  << "systemerror" << false << "4.3.0";
    QTest::newRow("system full") << 452 << "452 4.3.1 Insufficient system storage"
                                 << "systemfull" << false << "4.3.1";
    QTest::newRow("mailer error") << 0 << "Command died with status 1: \"/usr/bin/procmail\""
                                  << "mailererror" << false << "";
    QTest::newRow("suspended") << 550 << "550 5.2.1 Mailbox disabled for this recipient"
                               << "suspend" << false << "5.2.1";
    QTest::newRow("tls required") << 530 << "530 5.7.0 Must issue a STARTTLS command first"
                                  << "securityerror" << false << "5.7.0";
    QTest::newRow("delivered") << 250 << "250 2.0.0 Ok: queued as 4Bc1x"
                               << "delivered" << false << "2.0.0";
    QTest::newRow("status fallback 5.1.2") << 550 << "550 5.1.2 xyzzy"
                                           << "hostunknown" << true << "5.1.2";
    QTest::newRow("status fallback 4.4.7") << 451 << "451 4.4.7 xyzzy"
                                           << "expired" << false << "4.4.7";
    QTest::newRow("4xx userunknown still hard") << 450
                                                << "450 4.1.1 <a@example.org>: Recipient address "
                                                   "rejected: User unknown in virtual alias table"
                                                << "userunknown" << true << "4.1.1";
    QTest::newRow("url naming a reason is ignored")
        << 550 << "550 5.1.1 User unknown. See https://example.net/reason/#mailboxfull"
        << "userunknown" << true << "5.1.1";
    QTest::newRow("undefined") << 550 << "550 xyzzy"
                               << "undefined" << false << "5.0.0";
}

void TestFailureClassifier::replies()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QFETCH(bool, hard);
    QFETCH(QString, status);
    const Classification result = FailureClassifier::instance().classifyReply(code, {}, text);
    QCOMPARE(result.reason, reason);
    QCOMPARE(result.hard, hard);
    QCOMPARE(result.status, status);
    // The same reply, without the separate code, reads the same.
    QCOMPARE(FailureClassifier::instance().classifyReply(0, {}, text).reason, reason);
    m_seenReasons.insert(reason);
}

void TestFailureClassifier::everyReasonIsReachable()
{
    // Every failure reason of the taxonomy appears in the table above, except
    // "onhold" (a decision held for lack of information, not a rule's verdict)
    // and the message-only feedback / vacation (TestBounceMessages).
    const QStringList taxonomy = {
        "userunknown",   "mailboxfull",  "hostunknown",     "filtered",        "rejected",
        "blocked",       "spamdetected", "policyviolation", "authfailure",     "securityerror",
        "expired",       "networkerror", "systemerror",     "mesgtoobig",      "toomanyconn",
        "speeding",      "suspend",      "norelaying",      "notaccept",       "requireptr",
        "badreputation", "contenterror", "exceedlimit",     "syntaxerror",     "virusdetected",
        "hasmoved",      "systemfull",   "mailererror",     "notcompliantrfc", "undefined",
        "delivered"};
    for (const QString& reason : taxonomy)
        QVERIFY2(m_seenReasons.contains(reason), qPrintable(reason));
}

void TestFailureClassifier::explicitStatusWins()
{
    // The enhanced status given separately (as the delivery layer parsed it)
    // is used even when the text has none.
    const auto result = FailureClassifier::instance().classifyReply(550, "5.1.1", "Go away");
    QCOMPARE(result.reason, QStringLiteral("userunknown"));
    QCOMPARE(result.status, QStringLiteral("5.1.1"));
    // A code in the text whose class contradicts the reply code is not trusted.
    const auto mismatch = FailureClassifier::instance().classifyReply(450, {}, "450 5.1.1 busy");
    QCOMPARE(mismatch.status, QStringLiteral("4.2.0"));
}

void TestFailureClassifier::noReplyAtAll()
{
    const auto result = FailureClassifier::instance().classifyReply(0, {}, {});
    QCOMPARE(result.reason, QStringLiteral("undefined"));
    QVERIFY(!result.hard);
    QVERIFY(result.status.isEmpty());
}

void TestFailureClassifier::statusOnlyBaseline()
{
    const RuleClassifier baseline = RuleClassifier::fromEmbedded(RuleClassifier::Mode::StatusOnly);
    QVERIFY(baseline.isValid());
    // Reads only the code: 5.7.1 means "delivery not authorized" whatever the text.
    QCOMPARE(baseline.classifyReply(550, {}, "550 5.7.1 Relay access denied").reason,
             QStringLiteral("securityerror"));
    QCOMPARE(baseline.classifyReply(550, {}, "550 5.1.1 whatever").reason,
             QStringLiteral("userunknown"));
}

void TestFailureClassifier::providerForHost_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("provider");
    QTest::newRow("m365 mx") << "contoso-com.mail.protection.outlook.com:25"
                             << "microsoft365";
    QTest::newRow("m365 submission") << "smtp.office365.com:587"
                                     << "microsoft365";
    QTest::newRow("outlook") << "smtp-mail.outlook.com"
                             << "microsoft365";
    QTest::newRow("gmail") << "smtp.gmail.com:465"
                           << "google";
    QTest::newRow("google mx") << "aspmx.l.google.com."
                               << "google";
    QTest::newRow("ses") << "email-smtp.eu-west-1.amazonaws.com:587"
                         << "ses";
    QTest::newRow("sendgrid") << "smtp.sendgrid.net:587"
                              << "sendgrid";
    QTest::newRow("mailgun") << "smtp.mailgun.org"
                             << "mailgun";
    QTest::newRow("yahoo") << "smtp.mail.yahoo.com:465"
                           << "yahoo";
    QTest::newRow("icloud") << "smtp.mail.me.com:587"
                            << "icloud";
    QTest::newRow("case") << "SMTP.GMAIL.COM"
                          << "google";
    QTest::newRow("lookalike") << "notgmail.com"
                               << "";
    QTest::newRow("unknown") << "mail.example.org:25"
                             << "";
    QTest::newRow("ipv6") << "[2001:db8::1]:25"
                          << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestFailureClassifier::providerForHost()
{
    QFETCH(QString, host);
    QFETCH(QString, provider);
    QCOMPARE(FailureClassifier::instance().providerForHost(host), provider);
}

void TestFailureClassifier::badRuleTables_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("{nope") << "not a JSON object";
    QTest::newRow("no rules") << QByteArray("{\"rules\": []}") << "no rules";
    QTest::newRow("no reason") << QByteArray("{\"rules\": [{\"text\": [\"x\"]}]}") << "no reason";
    QTest::newRow("no condition") << QByteArray("{\"rules\": [{\"reason\": \"blocked\"}]}")
                                  << "no condition";
    QTest::newRow("bad regex") << QByteArray(
                                      "{\"rules\": [{\"reason\": \"x\", \"text\": [\"re:(\"]}]}")
                               << "bad pattern";
}

void TestFailureClassifier::badRuleTables()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    const BounceRules rules = BounceRules::load(json, &message);
    QVERIFY(!rules.isValid());
    QVERIFY2(message.contains(error), qPrintable(message));
    // A classifier on an empty table still answers, from nothing.
    const RuleClassifier classifier(rules, ReasonCatalog());
    QVERIFY(!classifier.isValid());
    QCOMPARE(classifier.classifyReply(550, {}, "550 5.1.1 User unknown").reason,
             QStringLiteral("undefined"));
}

void TestFailureClassifier::normaliseJoinsFoldedReplies()
{
    QCOMPARE(BounceRules::normalise("550-5.7.26 Unauthenticated email from example.com is not\n"
                                    "550-5.7.26 accepted due to domain's DMARC policy"),
             QStringLiteral("550-5.7.26 unauthenticated email from example.com is not accepted "
                            "due to domain's dmarc policy"));
}

void TestFailureClassifier::permanentFollowsTheReplyClass()
{
    const auto& classifier = FailureClassifier::instance();
    // M365 refusing the login: the reason is soft (fix the credential and it
    // works), but that message was refused for good.
    const Classification auth = classifier.classifyReply(
        535, "5.7.139",
        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is "
        "disabled for the Tenant.");
    QCOMPARE(auth.reason, QStringLiteral("authfailure"));
    QVERIFY(!auth.hard);
    QVERIFY(isPermanentFailure(535, auth));
    // A full mailbox that was retried until the queue lifetime ran out.
    const Classification full = classifier.classifyReply(452, "4.2.2", "452 4.2.2 Mailbox full");
    QVERIFY(!isPermanentFailure(452, full));
    // A user-unknown that arrived as a DSN without an SMTP reply of ours.
    const Classification unknown = classifier.classifyReply(0, "5.1.1", "User unknown");
    QVERIFY(unknown.hard);
    QVERIFY(isPermanentFailure(0, unknown));
}

QTEST_GUILESS_MAIN(TestFailureClassifier)
#include "TestFailureClassifier.moc"
