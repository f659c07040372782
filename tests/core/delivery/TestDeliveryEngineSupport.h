#pragma once

// Shared by the DeliveryEngine tests: a real SQLite store on a StoreWorker,
// a ManualClock, and scripted upstreams (tests/fixtures/upstream/upstream.py,
// aiosmtpd on loopback addresses).

#include "delivery/DeliveryEngine.h"
#include "queue/ManualClock.h"
#include "store/SqliteStore.h"
#include "store/StoreWorker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace DeliveryTest {

constexpr int waitMs = 20000; ///< generous: the machine is shared

inline QString upstreamScript()
{
    return QStringLiteral(RELAYDESK_TESTS_DIR "/fixtures/upstream/upstream.py");
}

inline bool runOpenssl(const QStringList& args, const QString& dir)
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

/// A server certificate `name`.pem/.key for `san`, signed by ca.pem/ca.key in `dir`.
inline bool makeCertificate(const QString& dir, const QString& name, const QString& san)
{
    QFile ext(dir + u'/' + name + QStringLiteral(".ext"));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\nsubjectAltName=" +
              san.toLatin1() + "\n");
    ext.close();
    return runOpenssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj",
                       "/CN=" + name},
                      dir) &&
           runOpenssl({"x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                       "-CAcreateserial", "-days", "2", "-out", name + ".pem", "-extfile",
                       name + ".ext"},
                      dir);
}

/// A loopback port nothing listens on (at the moment).
inline quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

/// One scripted upstream process; every message it sees is a JSON line.
class Upstream
{
public:
    ~Upstream() { stop(); }

    bool start(const QString& logFile, const QStringList& args,
               const QString& host = QStringLiteral("127.0.0.1"), quint16 port = 0)
    {
        m_log = logFile;
        m_host = host;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(QStringLiteral("/usr/bin/python3"),
                         QStringList{upstreamScript(), QStringLiteral("--log"), logFile,
                                     QStringLiteral("--host"), host, QStringLiteral("--port"),
                                     QString::number(port)} +
                             args);
        QByteArray out;
        const bool ok = QTest::qWaitFor(
            [&] {
                out += m_process->readAllStandardOutput();
                return out.contains('\n') || m_process->state() == QProcess::NotRunning;
            },
            waitMs);
        if (!ok || !out.startsWith("PORT ")) {
            qWarning() << "upstream did not start:" << out;
            return false;
        }
        m_port = quint16(out.mid(5).trimmed().toUInt());
        return m_port != 0;
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(10000);
        m_process.reset();
    }

    quint16 port() const { return m_port; }
    QString hostPort() const { return m_host + u':' + QString::number(m_port); }

    QVector<QJsonObject> log() const
    {
        QVector<QJsonObject> entries;
        QFile f(m_log);
        if (!f.open(QIODevice::ReadOnly))
            return entries;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (!line.isEmpty())
                entries.append(QJsonDocument::fromJson(line).object());
        }
        return entries;
    }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_log;
    QString m_host;
    quint16 m_port = 0;
};

/// Store, clock and the outcomes an engine recorded.
class Harness : public QObject
{
public:
    Harness() { m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)); }

    bool startStore()
    {
        if (!m_dir.isValid())
            return false;
        m_worker = std::make_unique<RelayDesk::Store::StoreWorker>(
            std::make_unique<RelayDesk::Store::SqliteStore>(m_dir.path() +
                                                            QStringLiteral("/data")));
        QString error;
        if (!m_worker->start(&error)) {
            qWarning() << "store:" << error;
            return false;
        }
        return true;
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    RelayDesk::Queue::ManualClock& clock() { return m_clock; }
    RelayDesk::Store::StoreWorker* store() { return m_worker.get(); }
    QVector<RelayDesk::Store::AttemptOutcome>& outcomes() { return m_outcomes; }

    std::unique_ptr<RelayDesk::Delivery::DeliveryEngine> makeEngine()
    {
        auto engine =
            std::make_unique<RelayDesk::Delivery::DeliveryEngine>(m_worker.get(), &m_clock);
        QObject::connect(
            engine.get(), &RelayDesk::Delivery::DeliveryEngine::attemptsRecorded, this,
            [this](const QVector<RelayDesk::Store::AttemptOutcome>& o) { m_outcomes += o; });
        m_engine = engine.get();
        return engine;
    }

    qint64 commit(const QString& sender, const QStringList& recipients,
                  const QByteArray& content = "Subject: test\r\n\r\nbody\r\n")
    {
        RelayDesk::Store::NewMessage m;
        m.sender = sender;
        m.recipients = recipients;
        m.content = content;
        m.heloName = QStringLiteral("printer.lan");
        m.clientAddress = QStringLiteral("127.0.0.1");
        m.listener = QStringLiteral("test");
        return commit(std::move(m));
    }

    /// Commits `m` as received now; returns its id, or -1.
    qint64 commit(RelayDesk::Store::NewMessage m)
    {
        m.receivedAt = m_clock.now();
        qint64 id = 0;
        m_worker->commit(m, this,
                         [&id](bool ok, qint64 messageId, QString) { id = ok ? messageId : -1; });
        if (!QTest::qWaitFor([&] { return id != 0; }, waitMs))
            return -1;
        return id;
    }

    bool waitForOutcomes(int count)
    {
        QSignalSpy spy(m_engine, &RelayDesk::Delivery::DeliveryEngine::attemptsRecorded);
        QElapsedTimer timer;
        timer.start();
        while (m_outcomes.size() < count && timer.elapsed() < waitMs)
            spy.wait(int(std::max<qint64>(1, waitMs - timer.elapsed())));
        if (m_outcomes.size() != count)
            qWarning() << "got" << m_outcomes.size() << "outcomes, expected" << count;
        return m_outcomes.size() == count;
    }

    /// The outcomes of one message, in the order they were recorded.
    QVector<RelayDesk::Store::AttemptOutcome> outcomesOf(qint64 messageId) const
    {
        QVector<RelayDesk::Store::AttemptOutcome> result;
        for (const auto& o : m_outcomes) {
            if (o.messageId == messageId)
                result.append(o);
        }
        return result;
    }

    RelayDesk::Store::QueueCounts counts()
    {
        RelayDesk::Store::QueueCounts c;
        bool done = false;
        m_worker->counts(this, [&](RelayDesk::Store::QueueCounts r) {
            c = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, waitMs))
            c.queued = -1; // no answer: make every comparison fail
        return c;
    }

    QVector<RelayDesk::Store::DeliveryLogEntry> deliveryLog(qint64 messageId)
    {
        QVector<RelayDesk::Store::DeliveryLogEntry> rows;
        bool done = false;
        m_worker->deliveryLog(messageId, this, [&](QVector<RelayDesk::Store::DeliveryLogEntry> r) {
            rows = std::move(r);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, waitMs))
            qWarning("the store did not answer deliveryLog()");
        return rows;
    }

private:
    QTemporaryDir m_dir;
    RelayDesk::Queue::ManualClock m_clock;
    std::unique_ptr<RelayDesk::Store::StoreWorker> m_worker;
    QVector<RelayDesk::Store::AttemptOutcome> m_outcomes;
    RelayDesk::Delivery::DeliveryEngine* m_engine = nullptr;
};

/// Settings for a plain (no TLS) loopback upstream with short timeouts.
inline RelayDesk::Delivery::SmarthostSettings plainSmarthost(quint16 port,
                                                             const QString& host = "127.0.0.1")
{
    RelayDesk::Delivery::SmarthostSettings s;
    s.host = host;
    s.port = port;
    s.tls = RelayDesk::Delivery::TlsMode::None;
    s.heloName = QStringLiteral("relay.test");
    s.connectTimeoutMs = 10000;
    s.commandTimeoutMs = 10000;
    s.dataTimeoutMs = 10000;
    return s;
}

} // namespace DeliveryTest
