// The message detail window against a real core and a real upstream
// (tests/fixtures/upstream, aiosmtpd) that answers 451 to the first attempt:
// the window shows the envelope, the headers, the attempt with the
// upstream's reply and its SMTP transcript; "Save as .eml" writes the bytes
// the client sent (after our Received: line); once the retry is delivered
// the content is gone and saving is disabled.

#include "MessageDetailDialog.h"
#include "SmtpTestClient.h"
#include "service/RelayService.h"

#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Tests::freePort;
using Tests::readReply;

namespace {

// What the client sends after DATA (dot-stuffed), and what it means.
const QByteArray DataOnWire = "From: Scanner <scanner@example.com>\r\n"
                              "To: office@example.net\r\n"
                              "Subject: Scan 0815\r\n"
                              "\r\n"
                              "Page one.\r\n"
                              "..a line that starts with a dot\r\n"
                              ".\r\n";
const QByteArray Message = "From: Scanner <scanner@example.com>\r\n"
                           "To: office@example.net\r\n"
                           "Subject: Scan 0815\r\n"
                           "\r\n"
                           "Page one.\r\n"
                           ".a line that starts with a dot\r\n";

template <typename T> T* child(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QLatin1String(name));
}

} // namespace

class TestMessageDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsDeferredAttemptAndSavesEml();
    void unknownMessage();

private:
    bool startRelay(int upstreamPort);
    qint64 firstQueuedId();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_upstream;
    std::unique_ptr<Service::RelayService> m_relay;
    quint16 m_port = 0;
};

void TestMessageDetail::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMessageDetail::cleanup()
{
    if (m_relay) {
        QSignalSpy stopped(m_relay.get(), &Service::RelayService::stopped);
        m_relay->stop();
        QVERIFY(stopped.wait(15000));
        m_relay.reset();
    }
    if (m_upstream) {
        m_upstream->kill();
        m_upstream->waitForFinished(5000);
        m_upstream.reset();
    }
}

bool TestMessageDetail::startRelay(int upstreamPort)
{
    Service::CoreSettings settings;
    settings.dataDir = m_dir->filePath(QStringLiteral("data"));
    Smtp::ListenerSettings listener;
    listener.name = QStringLiteral("office");
    listener.address = QHostAddress::LocalHost;
    listener.port = m_port = freePort();
    settings.listeners = {listener};
    settings.allowedNetworks = {{QHostAddress(QStringLiteral("127.0.0.1")), 32}};
    settings.statusIntervalMs = 100;
    if (upstreamPort > 0) {
        settings.smarthost.host = QStringLiteral("127.0.0.1");
        settings.smarthost.port = quint16(upstreamPort);
        settings.smarthost.tls = Delivery::TlsMode::None;
    }
    settings.retry.delaysSeconds = {3600}; // stays deferred unless retried by hand
    m_relay = std::make_unique<Service::RelayService>(settings);
    m_relay->start();
    QDeadlineTimer deadline(15000);
    while (m_relay->lastStatus().state != Service::RelayStatus::State::Running &&
           !deadline.hasExpired())
        QTest::qWait(20);
    return m_relay->lastStatus().state == Service::RelayStatus::State::Running;
}

qint64 TestMessageDetail::firstQueuedId()
{
    qint64 id = 0;
    bool done = false;
    auto connection = connect(m_relay.get(), &Service::RelayService::queueBatch, this,
                              [&](quint64 gen, const QVector<Service::QueueRow>& rows, bool last) {
                                  if (gen != 77)
                                      return;
                                  if (!rows.isEmpty() && id == 0)
                                      id = rows.first().messageId;
                                  done = last;
                              });
    m_relay->requestQueue(77, 10);
    QDeadlineTimer deadline(15000);
    while (!done && !deadline.hasExpired())
        QTest::qWait(20);
    disconnect(connection);
    return id;
}

void TestMessageDetail::showsDeferredAttemptAndSavesEml()
{
    const QString script = QFINDTESTDATA("../fixtures/upstream/upstream.py");
    QVERIFY2(!script.isEmpty(), "tests/fixtures/upstream/upstream.py not found");
    const quint16 upstreamPort = freePort();
    m_upstream = std::make_unique<QProcess>();
    m_upstream->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_upstream->start(QStringLiteral("/usr/bin/python3"),
                      {script, QStringLiteral("--port"), QString::number(upstreamPort),
                       QStringLiteral("--mode"), QStringLiteral("tempfail-first")});
    QVERIFY(m_upstream->waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, upstreamPort);
            return probe.waitForConnected(200);
        }(),
        10000);
    QVERIFY(startRelay(upstreamPort));

    // A real client sends the message; the upstream defers it with 451.
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(readReply(client).startsWith("220"));
    for (const QByteArray& line :
         {QByteArray("EHLO scanner.office.lan\r\n"),
          QByteArray("MAIL FROM:<scanner@example.com>\r\n"),
          QByteArray("RCPT TO:<office@example.net>\r\n"), QByteArray("DATA\r\n"), DataOnWire}) {
        client.write(line);
        const QByteArray reply = readReply(client);
        QVERIFY2(reply.startsWith('2') || reply.startsWith('3'), reply.constData());
    }
    client.write("QUIT\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->lastStatus().counts.deferred, 1, 20000);
    const qint64 id = firstQueuedId();
    QVERIFY(id > 0);

    auto* dialog = Ui::MessageDetailDialog::show(m_relay.get(), id);
    QVERIFY(dialog);
    QPointer<Ui::MessageDetailDialog> guard(dialog);
    QVERIFY(!dialog->isModal());
    // One window per message.
    QCOMPARE(Ui::MessageDetailDialog::show(m_relay.get(), id), dialog);

    auto* attempts = child<QTableWidget>(dialog, "attemptsTable");
    QVERIFY(attempts);
    QTRY_COMPARE_WITH_TIMEOUT(attempts->rowCount(), 1, 15000);
    QVERIFY(dialog->windowTitle().contains(QLatin1String("Scan 0815")));
    QCOMPARE(child<QLabel>(dialog, "detailSender")->text(), QStringLiteral("scanner@example.com"));
    QCOMPARE(child<QLabel>(dialog, "detailDevice")->text(), QStringLiteral("127.0.0.1"));
    QCOMPARE(child<QLabel>(dialog, "detailHelo")->text(), QStringLiteral("scanner.office.lan"));
    QCOMPARE(child<QLabel>(dialog, "detailListener")->text(), QStringLiteral("office"));
    auto* recipients = child<QTableWidget>(dialog, "recipientsTable");
    QCOMPARE(recipients->rowCount(), 1);
    QCOMPARE(recipients->item(0, 0)->text(), QStringLiteral("office@example.net"));
    QCOMPARE(recipients->item(0, 1)->text(), QStringLiteral("Deferred"));
    QCOMPARE(recipients->item(0, 2)->text(), QStringLiteral("1"));
    const QString headers = child<QPlainTextEdit>(dialog, "headersView")->toPlainText();
    QVERIFY2(headers.startsWith(QLatin1String("Received:")), qPrintable(headers));
    QVERIFY(headers.contains(QLatin1String("Subject: Scan 0815")));
    QVERIFY(!headers.contains(QLatin1String("Page one."))); // headers only

    // The attempt: the upstream's reply in full, and the transcript.
    QCOMPARE(attempts->item(0, 3)->text(), QStringLiteral("451"));
    QCOMPARE(attempts->item(0, 4)->text(), QStringLiteral("4.3.0"));
    QVERIFY(attempts->item(0, 2)->text().contains(QString::number(upstreamPort)));
    const QString reply = child<QPlainTextEdit>(dialog, "attemptReply")->toPlainText();
    QVERIFY2(reply.startsWith(QLatin1String("451 4.3.0")), qPrintable(reply));
    // A deferred attempt is explained: the classifier's reason, temporary,
    // and what to do.
    QVERIFY2(reply.contains(QLatin1String("Reason: ")), qPrintable(reply));
    QVERIFY2(reply.contains(QLatin1String("(temporary")), qPrintable(reply));
    QVERIFY2(reply.contains(QLatin1String("What to do: ")), qPrintable(reply));
    const QString transcript = child<QPlainTextEdit>(dialog, "transcriptView")->toPlainText();
    QVERIFY2(transcript.contains(QLatin1String("MAIL FROM:<scanner@example.com>")),
             qPrintable(transcript));
    QVERIFY2(transcript.contains(QLatin1String("451")), qPrintable(transcript));
    QVERIFY(!transcript.contains(QLatin1String("Page one."))); // no message content

    auto* copy = child<QPushButton>(dialog, "copyTranscriptButton");
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(
        QLatin1String("MAIL FROM:<scanner@example.com>")));

    // Save as .eml through the real file dialog.
    auto* save = child<QPushButton>(dialog, "saveButton");
    QVERIFY(save->isEnabled());
    const QString path = m_dir->filePath(QStringLiteral("saved.eml"));
    QTest::mouseClick(save, Qt::LeftButton);
    QFileDialog* fileDialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((fileDialog = child<QFileDialog>(dialog, "saveDialog")) != nullptr,
                             5000);
    fileDialog->selectFile(path);
    static_cast<QDialog*>(fileDialog)->accept(); // QFileDialog::accept is protected
    auto* status = child<QLabel>(dialog, "detailStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("Saved to")), 15000);
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QVERIFY2(bytes.startsWith("Received: "), bytes.left(200).constData());
    QVERIFY2(bytes.endsWith(Message), bytes.constData());
    const qsizetype receivedLength = bytes.size() - Message.size();
    QVERIFY(bytes.left(receivedLength).endsWith("\r\n"));

    // A path that cannot be written: the core's error is shown.
    dialog->saveTo(m_dir->filePath(QStringLiteral("no/such/folder/x.eml")));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QLatin1String("Could not save")), 15000);
    QVERIFY(save->isEnabled());

    // Retry: the upstream accepts the second time, the content is dropped
    // after final delivery, and saving is no longer offered.
    m_relay->retryMessages({id});
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->lastStatus().counts.delivered, 1, 20000);
    dialog->reload();
    QTRY_COMPARE_WITH_TIMEOUT(attempts->rowCount(), 2, 15000);
    QCOMPARE(attempts->item(1, 3)->text(), QStringLiteral("250"));
    QTRY_COMPARE_WITH_TIMEOUT(recipients->item(0, 1)->text(), QStringLiteral("Delivered"), 5000);
    QVERIFY(!save->isEnabled());
    QVERIFY(!dialog->detail().contentAvailable);
    attempts->setCurrentCell(0, 0);
    QVERIFY(child<QPlainTextEdit>(dialog, "attemptReply")
                ->toPlainText()
                .startsWith(QLatin1String("451")));

    dialog->close(); // deletes itself
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
}

void TestMessageDetail::unknownMessage()
{
    QVERIFY(startRelay(0));
    auto* dialog = Ui::MessageDetailDialog::show(m_relay.get(), 424242);
    QPointer<Ui::MessageDetailDialog> guard(dialog);
    auto* status = child<QLabel>(dialog, "detailStatus");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("no longer in the store")),
                             15000);
    QVERIFY(!child<QPushButton>(dialog, "saveButton")->isEnabled());
    QVERIFY(!child<QPushButton>(dialog, "copyTranscriptButton")->isEnabled());
    QCOMPARE(child<QTableWidget>(dialog, "attemptsTable")->rowCount(), 0);
    dialog->close();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
}

QTEST_MAIN(TestMessageDetail)
#include "TestMessageDetail.moc"
