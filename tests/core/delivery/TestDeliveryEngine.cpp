// DeliveryEngine against a real SQLite store and a real scripted upstream
// (tests/fixtures/upstream/upstream.py, aiosmtpd on 127.0.0.1).

#include "delivery/DeliveryEngine.h"
#include "queue/ManualClock.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace RelayDesk;
using Store::AttemptOutcome;
using Store::RecipientState;

namespace {

constexpr int waitMs = 20000; ///< generous: the machine is shared

QString fixture()
{
    return QStringLiteral(RELAYDESK_TESTS_DIR "/fixtures/upstream/upstream.py");
}

bool runOpenssl(const QStringList& args, const QString& dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning().noquote() << "openssl" << args.join(u' ') << "failed:" << p.readAll();
        return false;
    }
    return true;
}

/// Writes a CA and a server certificate for `san` signed by it.
bool makeCertificate(const QString& dir, const QString& name, const QString& san)
{
    QFile ext(dir + u'/' + name + QStringLiteral(".ext"));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=" +
              san.toLatin1() + "\n");
    ext.close();
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"),
                         QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                         QStringLiteral("-nodes")};
    return runOpenssl(QStringList{QStringLiteral("req"), QStringLiteral("-new")} + ec +
                          QStringList{"-keyout", name + ".key", "-out", name + ".csr", "-subj",
                                      "/CN=" + name},
                      dir) &&
           runOpenssl({"x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                       "-CAcreateserial", "-days", "2", "-out", name + ".pem", "-extfile",
                       name + ".ext"},
                      dir);
}

} // namespace

class TestDeliveryEngine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void deliversAndRecords();
    void deferredThenDelivered();
    void rejectedAndDeferredPerRecipient();
    void expiredFailsInsteadOfDeferring();
    void tooLargeForUpstream();
    void connectionRefusedDefersWithoutHammering();
    void greetingTimeout();
    void dataTimeout();
    void disconnectMidData();
    void startTlsVerifiedWithCaFile();
    void startTlsUntrustedCertificate();
    void startTlsWrongHostName();
    void startTlsRequiredButNotOffered();
    void implicitTls();
    void authPlainAndLogin_data();
    void authPlainAndLogin();
    void authFailureDefers();
    void manyMessagesReuseConnections();
    void stopLeavesClaimedForRecovery();

private:
    bool startUpstream(const QStringList& args);
    bool startStore();
    qint64 commit(const QString& sender, const QStringList& recipients, const QByteArray& content,
                  const QDateTime& receivedAt = {});
    QVector<QJsonObject> upstreamLog() const;
    QVector<Store::DeliveryLogEntry> deliveryLog(qint64 messageId);
    Store::QueueCounts counts();
    Delivery::SmarthostSettings plainSettings() const;
    std::unique_ptr<Delivery::DeliveryEngine> makeEngine(const Delivery::SmarthostSettings& s);
    bool waitForOutcomes(int count);

    QTemporaryDir m_certs;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store::StoreWorker> m_worker;
    std::unique_ptr<QProcess> m_upstream;
    quint16 m_port = 0;
    Queue::ManualClock m_clock;
    QVector<AttemptOutcome> m_outcomes;
    Delivery::DeliveryEngine* m_engine = nullptr; ///< the one makeEngine() made last
};

void TestDeliveryEngine::initTestCase()
{
    QVERIFY(QFile::exists(fixture()));
    QVERIFY(QFile::exists(QStringLiteral("/usr/bin/python3")));
    QVERIFY(m_certs.isValid());
    const QString dir = m_certs.path();
    QVERIFY(runOpenssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj",
                        "/CN=RelayDesk Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                        "-addext", "keyUsage=critical,keyCertSign,cRLSign"},
                       dir));
    QVERIFY(makeCertificate(dir, QStringLiteral("server"),
                            QStringLiteral("IP:127.0.0.1,DNS:localhost")));
    QVERIFY(makeCertificate(dir, QStringLiteral("other"), QStringLiteral("DNS:other.test")));
}

void TestDeliveryEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    m_outcomes.clear();
    QVERIFY(startStore());
}

void TestDeliveryEngine::cleanup()
{
    if (m_upstream) {
        m_upstream->kill();
        m_upstream->waitForFinished(10000);
        m_upstream.reset();
    }
    m_worker.reset();
    m_dir.reset();
}

bool TestDeliveryEngine::startStore()
{
    m_worker = std::make_unique<Store::StoreWorker>(
        std::make_unique<Store::SqliteStore>(m_dir->path() + QStringLiteral("/data")));
    QString error;
    if (!m_worker->start(&error)) {
        qWarning() << "store:" << error;
        return false;
    }
    return true;
}

bool TestDeliveryEngine::startUpstream(const QStringList& args)
{
    m_upstream = std::make_unique<QProcess>();
    m_upstream->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_upstream->start(QStringLiteral("/usr/bin/python3"),
                      QStringList{fixture(), QStringLiteral("--log"),
                                  m_dir->path() + QStringLiteral("/upstream.jsonl")} +
                          args);
    QByteArray out;
    const bool ok = QTest::qWaitFor(
        [&] {
            out += m_upstream->readAllStandardOutput();
            return out.contains('\n') || m_upstream->state() == QProcess::NotRunning;
        },
        waitMs);
    if (!ok || !out.startsWith("PORT ")) {
        qWarning() << "upstream did not start:" << out;
        return false;
    }
    m_port = quint16(out.mid(5).trimmed().toUInt());
    return m_port != 0;
}

qint64 TestDeliveryEngine::commit(const QString& sender, const QStringList& recipients,
                                  const QByteArray& content, const QDateTime& receivedAt)
{
    Store::NewMessage m;
    m.sender = sender;
    m.recipients = recipients;
    m.content = content;
    m.heloName = QStringLiteral("printer.lan");
    m.clientAddress = QStringLiteral("127.0.0.1");
    m.listener = QStringLiteral("test");
    m.receivedAt = receivedAt.isValid() ? receivedAt : m_clock.now();
    qint64 id = 0;
    m_worker->commit(m, this,
                     [&id](bool ok, qint64 messageId, QString) { id = ok ? messageId : -1; });
    if (!QTest::qWaitFor([&] { return id != 0; }, waitMs))
        return -1;
    return id;
}

QVector<QJsonObject> TestDeliveryEngine::upstreamLog() const
{
    QVector<QJsonObject> entries;
    QFile f(m_dir->path() + QStringLiteral("/upstream.jsonl"));
    if (!f.open(QIODevice::ReadOnly))
        return entries;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (!line.isEmpty())
            entries.append(QJsonDocument::fromJson(line).object());
    }
    return entries;
}

QVector<Store::DeliveryLogEntry> TestDeliveryEngine::deliveryLog(qint64 messageId)
{
    QVector<Store::DeliveryLogEntry> rows;
    bool done = false;
    m_worker->deliveryLog(messageId, this, [&](QVector<Store::DeliveryLogEntry> r) {
        rows = std::move(r);
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, waitMs))
        qWarning("the store did not answer deliveryLog()");
    return rows;
}

Store::QueueCounts TestDeliveryEngine::counts()
{
    Store::QueueCounts c;
    bool done = false;
    m_worker->counts(this, [&](Store::QueueCounts r) {
        c = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, waitMs))
        c.queued = -1; // no answer: make every comparison fail
    return c;
}

Delivery::SmarthostSettings TestDeliveryEngine::plainSettings() const
{
    Delivery::SmarthostSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = m_port;
    s.tls = Delivery::TlsMode::None;
    s.heloName = QStringLiteral("relay.test");
    s.connectTimeoutMs = 10000;
    s.commandTimeoutMs = 10000;
    s.dataTimeoutMs = 10000;
    return s;
}

std::unique_ptr<Delivery::DeliveryEngine>
TestDeliveryEngine::makeEngine(const Delivery::SmarthostSettings& s)
{
    auto engine = std::make_unique<Delivery::DeliveryEngine>(m_worker.get(), &m_clock);
    engine->setSmarthost(s);
    connect(engine.get(), &Delivery::DeliveryEngine::attemptsRecorded, this,
            [this](const QVector<AttemptOutcome>& o) { m_outcomes += o; });
    m_engine = engine.get();
    return engine;
}

bool TestDeliveryEngine::waitForOutcomes(int count)
{
    // QSignalSpy::wait() returns as soon as a batch is recorded; QTRY_* and
    // qWaitFor() would sleep 10 ms per round and distort the throughput.
    QSignalSpy spy(m_engine, &Delivery::DeliveryEngine::attemptsRecorded);
    QElapsedTimer timer;
    timer.start();
    while (m_outcomes.size() < count && timer.elapsed() < waitMs)
        spy.wait(int(waitMs - timer.elapsed()));
    if (m_outcomes.size() != count)
        qWarning() << "got" << m_outcomes.size() << "outcomes, expected" << count;
    return m_outcomes.size() == count;
}

void TestDeliveryEngine::deliversAndRecords()
{
    QVERIFY(startUpstream({QStringLiteral("--pipelining")}));
    const QByteArray content = "From: a@x.test\r\nSubject: one\r\n\r\n.leading dot\r\nbody\r\n";
    const qint64 id = commit(QStringLiteral("a@x.test"),
                             {QStringLiteral("b@y.test"), QStringLiteral("c@y.test")}, content);
    QVERIFY(id > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QVERIFY(waitForOutcomes(2));
    for (const AttemptOutcome& o : std::as_const(m_outcomes)) {
        QCOMPARE(o.newState, RecipientState::Delivered);
        QCOMPARE(o.replyCode, 250);
        QCOMPARE(o.enhancedStatus, QStringLiteral("2.0.0"));
        QCOMPARE(o.upstreamQueueId, QStringLiteral("Q1"));
        QCOMPARE(o.upstreamHost, QStringLiteral("127.0.0.1:%1").arg(m_port));
        QCOMPARE(o.attemptedAt, m_clock.now());
    }
    const auto log = upstreamLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].value("mail_from").toString(), QStringLiteral("a@x.test"));
    QCOMPARE(log[0].value("rcpt_tos").toArray().size(), 2);
    QCOMPARE(log[0].value("data").toString().toUtf8(), content); // dot-stuffing undone
    QCOMPARE(log[0].value("mail_options").toArray().first().toString(),
             QStringLiteral("SIZE=%1").arg(content.size()));

    const auto rows = deliveryLog(id);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].resultState, RecipientState::Delivered);
    QCOMPARE(rows[0].upstreamQueueId, QStringLiteral("Q1"));
    QVERIFY(rows[0].replyText.contains(QLatin1String("queued as Q1")));
    QCOMPARE(counts().delivered, 2);
}

void TestDeliveryEngine::deferredThenDelivered()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("tempfail-first")}));
    const QDateTime received = m_clock.now();
    const qint64 id = commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")},
                             "Subject: retry\r\n\r\nx\r\n");
    QVERIFY(id > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QCOMPARE(m_outcomes[0].replyCode, 451);
    QCOMPARE(m_outcomes[0].enhancedStatus, QStringLiteral("4.3.0"));
    QCOMPARE(m_outcomes[0].nextAttempt, received.addSecs(60)); // first retry after 1 minute
    QCOMPARE(counts().deferred, 1);

    // Not due yet: a wake claims nothing and the engine reports it is idle.
    QSignalSpy drained(engine.get(), &Delivery::DeliveryEngine::drained);
    engine->wake();
    QVERIFY(drained.wait(waitMs));
    QCOMPARE(m_outcomes.size(), 1);
    QCOMPARE(counts().deferred, 1);

    m_clock.advance(61);
    engine->wake();
    QVERIFY(waitForOutcomes(2));
    QCOMPARE(m_outcomes[1].newState, RecipientState::Delivered);
    const auto rows = deliveryLog(id);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].resultState, RecipientState::Deferred);
    QCOMPARE(rows[1].resultState, RecipientState::Delivered);
    QCOMPARE(upstreamLog().size(), 2); // the tempfail and the delivery
}

void TestDeliveryEngine::rejectedAndDeferredPerRecipient()
{
    QVERIFY(startUpstream({QStringLiteral("--pipelining")}));
    const qint64 id = commit(QStringLiteral("a@x.test"),
                             {QStringLiteral("ok@y.test"), QStringLiteral("reject@y.test"),
                              QStringLiteral("defer@y.test")},
                             "Subject: mixed\r\n\r\nx\r\n");
    QVERIFY(id > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QVERIFY(waitForOutcomes(3));
    QHash<qint64, AttemptOutcome> byRecipient;
    for (const auto& o : std::as_const(m_outcomes))
        byRecipient.insert(o.recipientId, o);
    const auto rows = deliveryLog(id);
    QCOMPARE(rows.size(), 3);
    for (const auto& row : rows) {
        if (row.recipient == QLatin1String("ok@y.test")) {
            QCOMPARE(row.resultState, RecipientState::Delivered);
        } else if (row.recipient == QLatin1String("reject@y.test")) {
            QCOMPARE(row.resultState, RecipientState::Failed);
            QCOMPARE(row.replyCode, 550);
            QCOMPARE(row.enhancedStatus, QStringLiteral("5.1.1"));
        } else {
            QCOMPARE(row.resultState, RecipientState::Deferred);
            QCOMPARE(row.replyCode, 450);
        }
    }
    const auto log = upstreamLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].value("rcpt_tos").toArray(), QJsonArray{QStringLiteral("ok@y.test")});
}

void TestDeliveryEngine::expiredFailsInsteadOfDeferring()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("tempfail-first")}));
    Queue::RetryPolicy policy;
    policy.maxAgeSeconds = 3600;
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "Subject: old\r\n\r\n",
                   m_clock.now().addSecs(-2 * 3600)) > 0);
    auto engine = makeEngine(plainSettings());
    engine->setRetryPolicy(policy);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Failed);
    QCOMPARE(m_outcomes[0].replyCode, 451);
    QVERIFY(m_outcomes[0].replyText.contains(QLatin1String("gave up")));
    QCOMPARE(counts().failed, 1);
}

void TestDeliveryEngine::tooLargeForUpstream()
{
    QVERIFY(startUpstream({QStringLiteral("--size-limit"), QStringLiteral("100")}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")},
                   "Subject: big\r\n\r\n" + QByteArray(1000, 'x') + "\r\n") > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Failed);
    QCOMPARE(m_outcomes[0].replyCode, 552);
    QCOMPARE(m_outcomes[0].enhancedStatus, QStringLiteral("5.3.4"));
    QVERIFY(upstreamLog().isEmpty());
}

void TestDeliveryEngine::connectionRefusedDefersWithoutHammering()
{
    // A port that nothing listens on.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    m_port = probe.serverPort();
    probe.close();

    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto engine = makeEngine(plainSettings());
    engine->setReconnectDelay(60 * 60 * 1000);
    QSignalSpy failed(engine.get(), &Delivery::DeliveryEngine::connectionFailed);
    QSignalSpy connections(engine.get(), &Delivery::DeliveryEngine::activeConnectionsChanged);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QCOMPARE(m_outcomes[0].replyCode, 0);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("refused")),
             qPrintable(m_outcomes[0].replyText));
    QCOMPARE(failed.size(), 1);
    const auto opened = connections.size();

    // While the upstream counts as down, new mail is deferred at once with
    // the same reason, without another connection.
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("c@y.test")}, "y\r\n") > 0);
    engine->wake();
    QVERIFY(waitForOutcomes(2));
    QCOMPARE(m_outcomes[1].newState, RecipientState::Deferred);
    QCOMPARE(m_outcomes[1].replyText, m_outcomes[0].replyText);
    QCOMPARE(connections.size(), opened);
    QCOMPARE(failed.size(), 1);
}

void TestDeliveryEngine::greetingTimeout()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("silent")}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.commandTimeoutMs = 300;
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("timed out")) &&
                 m_outcomes[0].replyText.contains(QLatin1String("greeting")),
             qPrintable(m_outcomes[0].replyText));
}

void TestDeliveryEngine::dataTimeout()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("hang")}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.dataTimeoutMs = 500;
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("end of data")),
             qPrintable(m_outcomes[0].replyText));
}

void TestDeliveryEngine::disconnectMidData()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("disconnect-data")}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")},
                   "Subject: cut\r\n\r\n" + QByteArray(200000, 'x') + "\r\n") > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QCOMPARE(m_outcomes[0].replyCode, 0);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("closed")),
             qPrintable(m_outcomes[0].replyText));
    QVERIFY(upstreamLog().isEmpty());
}

void TestDeliveryEngine::startTlsVerifiedWithCaFile()
{
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key"}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired;
    settings.caFile = dir + QStringLiteral("/ca.pem");
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Delivered);
    QCOMPARE(upstreamLog().size(), 1);
    QVERIFY(upstreamLog()[0].value("tls").toBool());
}

void TestDeliveryEngine::startTlsUntrustedCertificate()
{
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key"}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired; // no caFile: only the system CAs
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("TLS handshake")),
             qPrintable(m_outcomes[0].replyText));
    QVERIFY(upstreamLog().isEmpty());
}

void TestDeliveryEngine::startTlsWrongHostName()
{
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--tls-cert", dir + "/other.pem", "--tls-key", dir + "/other.key"}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired;
    settings.caFile = dir + QStringLiteral("/ca.pem");
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QVERIFY2(m_outcomes[0].replyText.contains(QLatin1String("host name")),
             qPrintable(m_outcomes[0].replyText));
}

void TestDeliveryEngine::startTlsRequiredButNotOffered()
{
    QVERIFY(startUpstream({}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired;
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred);
    QCOMPARE(m_outcomes[0].enhancedStatus, QStringLiteral("4.7.10"));
    QVERIFY(m_outcomes[0].replyText.contains(QLatin1String("STARTTLS")));
    QVERIFY(upstreamLog().isEmpty());
}

void TestDeliveryEngine::implicitTls()
{
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--implicit-tls", "--tls-cert", dir + "/server.pem", "--tls-key",
                           dir + "/server.key", "--auth", "relay:s3cret"}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::Implicit;
    settings.caFile = dir + QStringLiteral("/ca.pem");
    settings.username = QStringLiteral("relay");
    settings.password = QStringLiteral("s3cret");
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Delivered);
    QCOMPARE(upstreamLog()[0].value("auth").toString(), QStringLiteral("relay"));
}

void TestDeliveryEngine::authPlainAndLogin_data()
{
    QTest::addColumn<QString>("mechanisms");
    QTest::newRow("PLAIN and LOGIN offered") << QStringLiteral("PLAIN,LOGIN");
    QTest::newRow("only LOGIN offered") << QStringLiteral("LOGIN");
}

void TestDeliveryEngine::authPlainAndLogin()
{
    QFETCH(QString, mechanisms);
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key",
                           "--auth", "relay:s3cret", "--auth-mechs", mechanisms}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired;
    settings.caFile = dir + QStringLiteral("/ca.pem");
    settings.username = QStringLiteral("relay");
    settings.password = QStringLiteral("s3cret");
    auto engine = makeEngine(settings);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Delivered);
    const auto log = upstreamLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].value("auth").toString(), QStringLiteral("relay"));
    QVERIFY(log[0].value("tls").toBool());
}

void TestDeliveryEngine::authFailureDefers()
{
    const QString dir = m_certs.path();
    QVERIFY(startUpstream({"--tls-cert", dir + "/server.pem", "--tls-key", dir + "/server.key",
                           "--auth", "relay:s3cret"}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto settings = plainSettings();
    settings.tls = Delivery::TlsMode::StartTlsRequired;
    settings.caFile = dir + QStringLiteral("/ca.pem");
    settings.username = QStringLiteral("relay");
    settings.password = QStringLiteral("wrong-password");
    auto engine = makeEngine(settings);
    QSignalSpy failed(engine.get(), &Delivery::DeliveryEngine::connectionFailed);
    engine->start();
    QVERIFY(waitForOutcomes(1));
    QCOMPARE(m_outcomes[0].newState, RecipientState::Deferred); // soft bounce
    QCOMPARE(m_outcomes[0].replyCode, 535);
    QVERIFY(m_outcomes[0].replyText.contains(QLatin1String("authentication failed")));
    QVERIFY(!m_outcomes[0].replyText.contains(QLatin1String("wrong-password")));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed[0][1].toString().contains(QLatin1String("wrong-password")));
    QVERIFY(upstreamLog().isEmpty());
}

void TestDeliveryEngine::manyMessagesReuseConnections()
{
    QVERIFY(startUpstream({QStringLiteral("--pipelining")}));
    constexpr int count = 400;
    QByteArray body; // about 1 KiB, lines within the 998-octet limit
    for (int line = 0; line < 10; ++line)
        body += QByteArray(98, 'm') + "\r\n";
    for (int i = 0; i < count; ++i) {
        Store::NewMessage m;
        m.sender = QStringLiteral("a@x.test");
        m.recipients = {QStringLiteral("r%1@y.test").arg(i)};
        m.content = "Subject: " + QByteArray::number(i) + "\r\n\r\n" + body;
        m.receivedAt = m_clock.now();
        m_worker->commit(m, this, [](bool, qint64, QString) {});
    }
    QTRY_COMPARE_WITH_TIMEOUT(counts().queued, count, waitMs);

    auto settings = plainSettings();
    settings.maxConnections = 3;
    settings.maxMessagesPerConnection = 50;
    auto engine = makeEngine(settings);
    engine->setClaimBatchSize(100);
    int peak = 0;
    int opened = 0;
    int last = 0;
    connect(engine.get(), &Delivery::DeliveryEngine::activeConnectionsChanged, this, [&](int n) {
        peak = std::max(peak, n);
        if (n > last)
            opened += n - last;
        last = n;
    });
    int batches = 0;
    connect(engine.get(), &Delivery::DeliveryEngine::attemptsRecorded, this,
            [&batches] { ++batches; });
    QElapsedTimer timer;
    timer.start();
    engine->start();
    QVERIFY(waitForOutcomes(count));
    qInfo("%d messages delivered in %lld ms, outcomes recorded in %d batches", count,
          timer.elapsed(), batches);
    QCOMPARE(m_outcomes.size(), count);
    const auto notDelivered =
        std::find_if(m_outcomes.cbegin(), m_outcomes.cend(), [](const AttemptOutcome& o) {
            return o.newState != RecipientState::Delivered;
        });
    QVERIFY2(notDelivered == m_outcomes.cend(),
             qPrintable(notDelivered == m_outcomes.cend() ? QString() : notDelivered->replyText));
    QCOMPARE(upstreamLog().size(), count);
    QVERIFY(peak <= 3);
    // At most 50 messages per connection: at least 8 connections, and no
    // connection per message either.
    QVERIFY2(opened >= count / 50 && opened < count / 10, qPrintable(QString::number(opened)));
    QCOMPARE(counts().delivered, count);
}

void TestDeliveryEngine::stopLeavesClaimedForRecovery()
{
    QVERIFY(startUpstream({QStringLiteral("--mode"), QStringLiteral("hang")}));
    QVERIFY(commit(QStringLiteral("a@x.test"), {QStringLiteral("b@y.test")}, "x\r\n") > 0);
    auto engine = makeEngine(plainSettings());
    engine->start();
    QTRY_COMPARE_WITH_TIMEOUT(counts().inFlight, 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(engine->activeConnections(), 1, waitMs);
    engine->stop();
    QCOMPARE(engine->activeConnections(), 0);
    engine.reset();
    QVERIFY(m_outcomes.isEmpty());

    // A restart of the store puts the interrupted delivery back in the queue.
    m_worker.reset();
    QVERIFY(startStore());
    const auto c = counts();
    QCOMPARE(c.inFlight, 0);
    QCOMPARE(c.queued, 1);
}

QTEST_GUILESS_MAIN(TestDeliveryEngine)
#include "TestDeliveryEngine.moc"
