// The Settings page against a real core and real scripted upstreams: the
// form is loaded from an INI file, edited through its widgets, checked with
// the loader's rules, applied to the running relay and saved. Invalid input
// must leave both the relay and the file alone.

#include "SettingsGeneralTab.h"
#include "SettingsLimitsTab.h"
#include "SettingsListenersTab.h"
#include "SettingsNetworksTab.h"
#include "SettingsPage.h"
#include "SettingsPresetDialog.h"
#include "SettingsRoutesTab.h"
#include "SettingsSmarthostsTab.h"
#include "SmtpTestClient.h"
#include "config/ConfigLoader.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace RelayDesk;
using Tests::freePort;
using Tests::readReply;

namespace {

QByteArray sendMessage(quint16 port, const QByteArray& to)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    if (!client.waitForConnected(5000))
        return "no connection";
    readReply(client);
    QByteArray last;
    for (const QByteArray& line :
         {QByteArray("EHLO scanner.lan\r\n"), QByteArray("MAIL FROM:<scanner@example.com>\r\n"),
          "RCPT TO:<" + to + ">\r\n", QByteArray("DATA\r\n"),
          QByteArray("Subject: settings test\r\n\r\nscan attached\r\n.\r\n")}) {
        client.write(line);
        last = readReply(client);
    }
    client.write("QUIT\r\n");
    readReply(client);
    return last;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A scripted upstream (tests/fixtures/upstream/upstream.py) on loopback.
class Upstream
{
public:
    bool start(const QString& mode, const QString& log)
    {
        const QString script = QFINDTESTDATA("../fixtures/upstream/upstream.py");
        if (script.isEmpty())
            return false;
        m_port = freePort();
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList args{script, QStringLiteral("--port"), QString::number(m_port),
                         QStringLiteral("--mode"), mode};
        if (!log.isEmpty())
            args << QStringLiteral("--log") << log;
        m_process.start(QStringLiteral("/usr/bin/python3"), args);
        if (!m_process.waitForStarted())
            return false;
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, m_port);
            if (probe.waitForConnected(200))
                return true;
            QTest::qWait(50);
        }
        return false;
    }
    ~Upstream()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

/// A relay started from an INI file, as the app does it.
struct LiveRelay
{
    QTemporaryDir dir;
    QString path;
    quint16 listenPort = 0;
    std::unique_ptr<Service::RelayService> relay;

    bool start(quint16 smarthostPort, QString* error)
    {
        path = dir.filePath(QStringLiteral("conf/relaydesk.ini"));
        listenPort = freePort();
        const QString text = QStringLiteral("[general]\n"
                                            "data-dir = %1\n"
                                            "hostname = relay.test\n"
                                            "[listener.test]\n"
                                            "address = 127.0.0.1\n"
                                            "port = %2\n"
                                            "[relay]\n"
                                            "allowed-networks = 127.0.0.1/32\n"
                                            "[smarthost]\n"
                                            "host = 127.0.0.1\n"
                                            "port = %3\n"
                                            "tls = none\n"
                                            "[retry]\n"
                                            "schedule = 1h\n")
                                 .arg(dir.filePath(QStringLiteral("data")))
                                 .arg(listenPort)
                                 .arg(smarthostPort);
        QDir().mkpath(dir.filePath(QStringLiteral("conf")));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = file.errorString();
            return false;
        }
        file.write(text.toUtf8());
        file.close();
        const auto config = Config::ConfigLoader::load(path, error);
        if (!config)
            return false;
        relay = std::make_unique<Service::RelayService>(Service::coreSettingsFromConfig(*config));
        relay->start();
        return true;
    }
};

template <typename T> T* find(QWidget* parent, const char* name)
{
    return parent->findChild<T*>(QLatin1String(name));
}

} // namespace

class TestSettingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newSmarthostPortDeliversQueuedMail();
    void invalidNetworkIsRefused();
    void loaderRulesPointAtTheField_data();
    void loaderRulesPointAtTheField();
    void presetFillsHostPortAndTls();
    void legacyTlsShowsWarning();
    void routesKeepTheirOrder();
    void revertDropsEdits();
    void accountSessionLimitIsWritten();
    void plaintextSecretBlocksApply();
    void listenerOwnCertificateSurvivesApply();

private:
    /// A page on a running relay, loaded and shown.
    bool openPage(LiveRelay& live, std::unique_ptr<Ui::SettingsPage>& page, quint16 smarthostPort);

    QTemporaryDir m_settingsDir;
};

void TestSettingsPage::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("RelayDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestSettingsPage"));
}

bool TestSettingsPage::openPage(LiveRelay& live, std::unique_ptr<Ui::SettingsPage>& page,
                                quint16 smarthostPort)
{
    QString error;
    if (!live.start(smarthostPort, &error)) {
        qWarning() << error;
        return false;
    }
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(live.relay->lastStatus().state,
                                  Service::RelayStatus::State::Running, 15000);
    }();
    if (QTest::currentTestFailed())
        return false;
    page = std::make_unique<Ui::SettingsPage>(live.relay.get(), live.path);
    QSignalSpy loaded(page.get(), &Ui::SettingsPage::configLoaded);
    if (!loaded.wait(15000) || !loaded.first().first().toString().isEmpty())
        return false;
    page->resize(1000, 700);
    page->show();
    page->activateWindow();
    return QTest::qWaitForWindowExposed(page.get()) && QTest::qWaitForWindowActive(page.get());
}

void TestSettingsPage::newSmarthostPortDeliversQueuedMail()
{
    QTemporaryDir logs;
    const QString log = logs.filePath(QStringLiteral("live.jsonl"));
    Upstream down; // answers every connection with 421: the mail is deferred
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    Upstream live;
    QVERIFY(live.start(QStringLiteral("accept"), log));

    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    QVERIFY2(sendMessage(relay.listenPort, "office@example.net").startsWith("250"), "not accepted");
    QTRY_COMPARE_WITH_TIMEOUT(relay.relay->lastStatus().counts.deferred, 1, 20000);
    const QByteArray before = readAll(relay.path);

    auto* tabs = page->tabs();
    tabs->setCurrentWidget(find<QWidget>(page.get(), "settingsSmarthostsTab"));
    auto* port = find<QSpinBox>(page.get(), "smarthostPort");
    QVERIFY(port);
    QCOMPARE(port->value(), int(down.port()));
    QVERIFY(!page->isModified());
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QString::number(live.port()));
    QCOMPARE(port->value(), int(live.port()));
    QVERIFY(page->isModified());
    QVERIFY(find<QLabel>(page.get(), "settingsModified")->isVisible());

    QSignalSpy finished(page.get(), &Ui::SettingsPage::applyFinished);
    auto* apply = find<QPushButton>(page.get(), "applySettingsButton");
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toString(), QString());
    QVERIFY(!page->isModified());
    QVERIFY(!find<QLabel>(page.get(), "settingsModified")->isVisible());
    QVERIFY(find<QLabel>(page.get(), "settingsStatus")
                ->text()
                .contains(QLatin1String("without restart")));

    // The file on disk has the new port; the previous file is kept.
    QString error;
    const auto saved = Config::ConfigLoader::load(relay.path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->smarthost.port, live.port());
    QCOMPARE(saved->listeners.first().port, relay.listenPort);
    QCOMPARE(readAll(relay.path + QStringLiteral(".bak")), before);

    // The running core took it: the deferred message goes to the live upstream.
    QTRY_COMPARE_WITH_TIMEOUT(relay.relay->lastStatus().counts.delivered, 1, 30000);
    QCOMPARE(relay.relay->lastStatus().counts.deferred, 0);
    QTRY_VERIFY_WITH_TIMEOUT(readAll(log).contains("office@example.net"), 10000);
}

void TestSettingsPage::invalidNetworkIsRefused()
{
    Upstream down;
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    const QByteArray before = readAll(relay.path);
    QSignalSpy actions(relay.relay.get(), &Service::RelayService::actionDone);

    auto* networksTab = find<QWidget>(page.get(), "settingsNetworksTab");
    page->tabs()->setCurrentWidget(networksTab);
    auto* list = find<QListWidget>(page.get(), "allowedNetworksList");
    auto* input = find<QLineEdit>(page.get(), "networkInput");
    auto* inputError = find<QLabel>(page.get(), "networkInputError");
    QVERIFY(list && input && inputError);
    QCOMPARE(list->count(), 1);

    // "Add" refuses it on the spot.
    QTest::keyClicks(input, QStringLiteral("10.0.0.0/33"));
    QTest::mouseClick(find<QPushButton>(page.get(), "addNetworkButton"), Qt::LeftButton);
    QVERIFY(inputError->isVisible());
    QVERIFY(inputError->text().contains(QLatin1String("10.0.0.0/33")));
    QCOMPARE(list->count(), 1);
    QVERIFY(!page->isModified());
    // A valid one is added (host bits cleared)...
    input->clear();
    QTest::keyClicks(input, QStringLiteral("192.168.1.7/24"));
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(1)->text(), QStringLiteral("192.168.1.0/24"));
    QVERIFY(!inputError->isVisible());
    QVERIFY(page->isModified());

    // ...but an entry edited in place to an invalid one stops Apply.
    list->setFocus();
    list->setCurrentRow(1);
    list->editItem(list->item(1));
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("10.0.0.0/33"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits the edit from a queued call.
    QTRY_COMPARE(list->item(1)->text(), QStringLiteral("10.0.0.0/33"));

    page->tabs()->setCurrentIndex(0); // Apply switches to the tab to blame
    QSignalSpy finished(page.get(), &Ui::SettingsPage::applyFinished);
    QTest::mouseClick(find<QPushButton>(page.get(), "applySettingsButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(finished.first().first().toString().contains(QLatin1String("10.0.0.0/33")));
    QCOMPARE(page->tabs()->currentWidget(), networksTab);
    QCOMPARE(list->currentRow(), 1);
    auto* bubble = find<QLabel>(page.get(), "settingsFieldError");
    QVERIFY(bubble && bubble->isVisible());
    QVERIFY(bubble->text().contains(QLatin1String("10.0.0.0/33")));
    QVERIFY(page->isModified());
    // Nothing applied, the file is unchanged, and no backup was made.
    QTest::qWait(200); // an apply would answer actionDone within this
    QCOMPARE(actions.count(), 0);
    QCOMPARE(readAll(relay.path), before);
    QVERIFY(!QFile::exists(relay.path + QStringLiteral(".bak")));
    // The relay still relays for 127.0.0.1 only, as before.
    QVERIFY(sendMessage(relay.listenPort, "office@example.net").startsWith("250"));
}

void TestSettingsPage::loaderRulesPointAtTheField_data()
{
    QTest::addColumn<QString>("tab");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("error");
    // Found by the loader on the written text (off the GUI thread).
    QTest::newRow("host name") << "settingsGeneralTab"
                               << "settingsHostname"
                               << "not a host"
                               << "[general] hostname";
    QTest::newRow("missing CA file") << "settingsSmarthostsTab"
                                     << "smarthostCaFile"
                                     << "/nonexistent/ca.pem"
                                     << "no such file";
    // Found by crossCheck (a rule between two settings).
    QTest::newRow("sessions per client") << "settingsLimitsTab"
                                         << "limitsMaxSessionsPerClient"
                                         << "500"
                                         << "larger than max-sessions";
    // Found by the form itself.
    QTest::newRow("data timeout") << "settingsLimitsTab"
                                  << "limitsDataTimeout"
                                  << "forever"
                                  << "duration";
    QTest::newRow("password reference") << "settingsSmarthostsTab"
                                        << "smarthostPasswordRef"
                                        << "vault:x"
                                        << "unknown credential scheme";
    QTest::newRow("key passphrase without a key") << "settingsGeneralTab"
                                                  << "settingsKeyPassphraseRef"
                                                  << "local:tls-key"
                                                  << "needs key-file";
    // A passphrase typed where its reference belongs is refused, not shown.
    QTest::newRow("key passphrase reference") << "settingsGeneralTab"
                                              << "settingsKeyPassphraseRef"
                                              << "hunter2"
                                              << "not a credential reference";
    QTest::newRow("username without reference") << "settingsSmarthostsTab"
                                                << "smarthostUsername"
                                                << "relay"
                                                << "needs password-ref";
}

void TestSettingsPage::loaderRulesPointAtTheField()
{
    QFETCH(QString, tab);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, error);
    Upstream down;
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    const QByteArray before = readAll(relay.path);
    QSignalSpy actions(relay.relay.get(), &Service::RelayService::actionDone);

    auto* tabWidget = page->findChild<QWidget*>(tab);
    QVERIFY(tabWidget);
    page->tabs()->setCurrentWidget(tabWidget);
    auto* widget = page->findChild<QWidget*>(field);
    QVERIFY(widget);
    if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        edit->selectAll();
        QTest::keyClicks(edit, value);
    } else if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
        spin->selectAll();
        QTest::keyClicks(spin, value);
    }
    QVERIFY(page->isModified());
    page->tabs()->setCurrentIndex(page->tabs()->count() - 1);

    QSignalSpy finished(page.get(), &Ui::SettingsPage::applyFinished);
    page->apply();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    const QString message = finished.first().first().toString();
    QVERIFY2(message.contains(error), qPrintable(message));
    QVERIFY2(!message.contains(QDir::tempPath()), qPrintable(message)); // no temporary file
    QCOMPARE(page->tabs()->currentWidget(), tabWidget);
    QCOMPARE(QApplication::focusWidget(), widget);
    auto* bubble = find<QLabel>(page.get(), "settingsFieldError");
    QVERIFY(bubble->isVisible());
    QCOMPARE(bubble->text(), message);
    QVERIFY(find<QLabel>(page.get(), "settingsStatus")->text().contains(message));
    QVERIFY(!page->isBusy());
    QTest::qWait(200);
    QCOMPARE(actions.count(), 0);
    QCOMPARE(readAll(relay.path), before);
}

void TestSettingsPage::presetFillsHostPortAndTls()
{
    // No core needed: the preset only fills the form.
    QTemporaryDir dir;
    Service::CoreSettings settings;
    settings.dataDir = dir.filePath(QStringLiteral("data"));
    Service::RelayService relay(settings);
    Ui::SettingsPage page(&relay, dir.filePath(QStringLiteral("relaydesk.ini")));
    QSignalSpy loaded(&page, &Ui::SettingsPage::configLoaded);
    QVERIFY(loaded.wait(15000));
    QVERIFY(find<QLabel>(&page, "settingsStatus")->text().contains(QLatin1String("defaults")));
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* smarthosts = find<Ui::SettingsSmarthostsTab>(&page, "settingsSmarthostsTab");
    page.tabs()->setCurrentWidget(smarthosts);

    QSignalSpy opened(smarthosts, &Ui::SettingsSmarthostsTab::presetDialogOpened);
    QTest::mouseClick(find<QPushButton>(&page, "presetButton"), Qt::LeftButton);
    QCOMPARE(opened.count(), 1);
    QPointer<Ui::SettingsPresetDialog> dialog =
        opened.first().first().value<Ui::SettingsPresetDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    auto* combo = find<QComboBox>(dialog, "presetCombo");
    combo->setCurrentIndex(combo->findData(QStringLiteral("microsoft365-submission")));
    auto* details = find<QLabel>(dialog, "presetDetails");
    QVERIFY(details->text().contains(QLatin1String("smtp.office365.com")));
    QVERIFY(details->text().contains(QLatin1String("learn.microsoft.com"))); // limit sources
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());

    QCOMPARE(find<QLineEdit>(&page, "smarthostHost")->text(), QStringLiteral("smtp.office365.com"));
    QCOMPARE(find<QSpinBox>(&page, "smarthostPort")->value(), 587);
    QCOMPARE(find<QComboBox>(&page, "smarthostTls")->currentIndex(),
             int(Config::SmarthostConfig::TlsMode::StartTls));
    QCOMPARE(find<QSpinBox>(&page, "smarthostMaxConnections")->value(), 3);
    QCOMPARE(find<QSpinBox>(&page, "smarthostMessagesPerMinute")->value(), 30);
    QVERIFY(find<QLabel>(&page, "smarthostPresetNote")
                ->text()
                .contains(QLatin1String("30 messages/minute")));
    QVERIFY(page.isModified());

    // A preset with a parameter: a wrong region keeps the dialog open.
    QTest::mouseClick(find<QPushButton>(&page, "addSmarthostButton"), Qt::LeftButton);
    QCOMPARE(find<QListWidget>(&page, "smarthostsList")->currentRow(), 1);
    QTest::mouseClick(find<QPushButton>(&page, "presetButton"), Qt::LeftButton);
    QCOMPARE(opened.count(), 2);
    dialog = opened.last().first().value<Ui::SettingsPresetDialog*>();
    QVERIFY(dialog->selectPreset(QStringLiteral("amazon-ses")));
    auto* region = find<QLineEdit>(dialog, "presetParameter_region");
    QVERIFY(region);
    QTest::keyClicks(region, QStringLiteral("moon-1"));
    buttons = dialog->findChild<QDialogButtonBox*>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(find<QLabel>(dialog, "presetError")->isVisible());
    region->clear();
    QTest::keyClicks(region, QStringLiteral("eu-west-1"));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QCOMPARE(find<QLineEdit>(&page, "smarthostHost")->text(),
             QStringLiteral("email-smtp.eu-west-1.amazonaws.com"));
    // The default smarthost kept its preset.
    smarthosts->select(0);
    QCOMPARE(find<QLineEdit>(&page, "smarthostHost")->text(), QStringLiteral("smtp.office365.com"));
}

void TestSettingsPage::legacyTlsShowsWarning()
{
    QTemporaryDir dir;
    Service::CoreSettings settings;
    settings.dataDir = dir.filePath(QStringLiteral("data"));
    Service::RelayService relay(settings);
    Ui::SettingsPage page(&relay, dir.filePath(QStringLiteral("relaydesk.ini")));
    QSignalSpy loaded(&page, &Ui::SettingsPage::configLoaded);
    QVERIFY(loaded.wait(15000));
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.tabs()->setCurrentWidget(find<QWidget>(&page, "settingsListenersTab"));
    auto* table = find<QTableWidget>(&page, "listenersTable");
    auto* warning = find<QLabel>(&page, "settingsLegacyTlsWarning");
    QCOMPARE(table->rowCount(), 1); // the built-in default listener
    QVERIFY(!warning->isVisible());
    table->item(0, Ui::SettingsListenersTab::LegacyColumn)->setCheckState(Qt::Checked);
    QVERIFY(warning->isVisible());
    QVERIFY(page.isModified());

    // STARTTLS without any certificate is refused on the spot.
    auto* mode =
        qobject_cast<QComboBox*>(table->cellWidget(0, Ui::SettingsListenersTab::TlsColumn));
    mode->setCurrentIndex(Ui::SettingsListenersTab::StartTls);
    QSignalSpy finished(&page, &Ui::SettingsPage::applyFinished);
    page.apply();
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.first().first().toString().contains(QLatin1String("certificate")));
    QCOMPARE(table->currentColumn(), int(Ui::SettingsListenersTab::TlsColumn));
    QVERIFY(!QFile::exists(page.configPath()));
}

void TestSettingsPage::routesKeepTheirOrder()
{
    Upstream down;
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    page->tabs()->setCurrentWidget(find<QWidget>(page.get(), "settingsRoutesTab"));
    auto* table = find<QTableWidget>(page.get(), "routesTable");
    auto* add = find<QPushButton>(page.get(), "addRouteButton");
    QTest::mouseClick(add, Qt::LeftButton);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(table->rowCount(), 2);
    using Column = Ui::SettingsRoutesTab::Column;
    table->item(0, Column::NameColumn)->setText(QStringLiteral("partners"));
    table->item(0, Column::RecipientDomainsColumn)->setText(QStringLiteral("partner.example"));
    table->item(0, Column::TransportColumn)->setText(QStringLiteral("mx"));
    table->item(1, Column::NameColumn)->setText(QStringLiteral("scanners"));
    table->item(1, Column::ClientNetworksColumn)->setText(QStringLiteral("192.168.10.0/24, ::1"));
    table->item(1, Column::FromNameColumn)->setText(QStringLiteral("Scanner, 2nd floor"));
    table->setCurrentCell(1, Column::NameColumn);
    QTest::mouseClick(find<QPushButton>(page.get(), "routeUpButton"), Qt::LeftButton);
    QCOMPARE(table->item(0, Column::NameColumn)->text(), QStringLiteral("scanners"));
    QCOMPARE(table->currentRow(), 0);

    QSignalSpy finished(page.get(), &Ui::SettingsPage::applyFinished);
    page->apply();
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toString(), QString());
    QString error;
    const auto saved = Config::ConfigLoader::load(relay.path, &error);
    QVERIFY2(saved, qPrintable(error));
    QCOMPARE(saved->routes.size(), 2);
    QCOMPARE(saved->routes.at(0).name, QStringLiteral("scanners"));
    QCOMPARE(saved->routes.at(0).fromName, QStringLiteral("Scanner, 2nd floor"));
    QCOMPARE(saved->routes.at(0).clientNetworks.size(), 2);
    QCOMPARE(saved->routes.at(1).name, QStringLiteral("partners"));
    QCOMPARE(saved->routes.at(1).transport, Config::RouteConfig::Transport::Mx);
    QVERIFY(readAll(relay.path).startsWith("; RelayDesk configuration, written by RelayDesk"));
}

void TestSettingsPage::revertDropsEdits()
{
    Upstream down;
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    auto* hostname = find<QLineEdit>(page.get(), "settingsHostname");
    QCOMPARE(hostname->text(), QStringLiteral("relay.test"));
    hostname->selectAll();
    QTest::keyClicks(hostname, QStringLiteral("changed.test"));
    QVERIFY(page->isModified());
    QSignalSpy loaded(page.get(), &Ui::SettingsPage::configLoaded);
    QTest::mouseClick(find<QPushButton>(page.get(), "revertSettingsButton"), Qt::LeftButton);
    QVERIFY(loaded.wait(15000));
    QCOMPARE(hostname->text(), QStringLiteral("relay.test"));
    QVERIFY(!page->isModified());
    QVERIFY(!find<QPushButton>(page.get(), "applySettingsButton")->isEnabled());

    // A file broken behind the page's back: Revert says so and keeps the form.
    QFile file(relay.path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[smarthots]\n");
    file.close();
    QTest::mouseClick(find<QPushButton>(page.get(), "revertSettingsButton"), Qt::LeftButton);
    QVERIFY(loaded.wait(15000));
    QVERIFY(loaded.last().first().toString().contains(QLatin1String("unknown section")));
    QVERIFY(
        find<QLabel>(page.get(), "settingsStatus")->text().contains(QLatin1String("smarthots")));
    QCOMPARE(hostname->text(), QStringLiteral("relay.test"));
}

void TestSettingsPage::accountSessionLimitIsWritten()
{
    Upstream down;
    QVERIFY(down.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, down.port()));
    auto* spin = find<QSpinBox>(page.get(), "limitsAccountMaxSessions");
    QVERIFY(spin);
    QCOMPARE(spin->value(), Config::LimitsConfig{}.accountMaxSessions); // the default
    spin->setValue(3);
    QVERIFY(page->isModified());
    QSignalSpy finished(page.get(), &Ui::SettingsPage::applyFinished);
    page->apply();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QVERIFY2(finished.first().first().toString().isEmpty(),
             qPrintable(finished.first().first().toString()));
    QString error;
    const auto written = Config::ConfigLoader::load(relay.path, &error);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(written->limits.accountMaxSessions, 3);
}

void TestSettingsPage::plaintextSecretBlocksApply()
{
    // A password typed into the file: the form loads (the app starts and
    // offers the move to the keychain), but Apply would write the file
    // without it, so it waits until the secret is in the keychain.
    Upstream up;
    QVERIFY(up.start(QStringLiteral("greet-421"), {}));
    LiveRelay relay;
    std::unique_ptr<Ui::SettingsPage> page;
    QVERIFY(openPage(relay, page, up.port()));
    QFile file(relay.path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("[smarthost.backup]\nhost = 127.0.0.1\nusername = u\npassword = Typed-In-2026\n");
    file.close();
    const QByteArray before = [&] {
        QFile f(relay.path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QSignalSpy loaded(page.get(), &Ui::SettingsPage::configLoaded);
    QTest::mouseClick(find<QPushButton>(page.get(), "revertSettingsButton"), Qt::LeftButton);
    QVERIFY(loaded.wait(15000));
    QVERIFY(loaded.last().first().toString().isEmpty());
    const QString status = find<QLabel>(page.get(), "settingsStatus")->text();
    QVERIFY2(status.contains(QLatin1String("[smarthost.backup] password")), qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("Typed-In-2026")), qPrintable(status));

    auto* hostname = find<QLineEdit>(page.get(), "settingsHostname");
    hostname->selectAll();
    QTest::keyClicks(hostname, QStringLiteral("changed.test"));
    QSignalSpy applied(page.get(), &Ui::SettingsPage::applyFinished);
    page->apply();
    QCOMPARE(applied.count(), 1);
    QVERIFY(applied.first().first().toString().contains(QLatin1String("keychain first")));
    QFile after(relay.path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before); // the file, secret included, is untouched
}

void TestSettingsPage::listenerOwnCertificateSurvivesApply()
{
    // Listeners with a certificate of their own, one key encrypted and one
    // not, beside one on [tls]'s: the tab keeps each one's own files and
    // passphrase reference through a load and an apply, and a listener on
    // [tls] follows [tls] when the General tab changes it.
    Config::RelayConfig config;
    config.tls.certFile = QStringLiteral("/etc/relaydesk/shared.crt");
    config.tls.keyFile = QStringLiteral("/etc/relaydesk/shared.key");
    config.tls.keyPassphraseRef =
        *Config::CredentialReference::parse(QStringLiteral("keychain:shared-key"), nullptr);
    Config::ListenerConfig shared;
    shared.name = QStringLiteral("shared");
    shared.certFile = config.tls.certFile;
    shared.keyFile = config.tls.keyFile;
    shared.keyPassphraseRef = config.tls.keyPassphraseRef;
    Config::ListenerConfig plainKey = shared;
    plainKey.name = QStringLiteral("scanners");
    plainKey.port = 2526;
    plainKey.certFile = QStringLiteral("/etc/relaydesk/scanners.crt");
    plainKey.keyFile = QStringLiteral("/etc/relaydesk/scanners.key");
    plainKey.keyPassphraseRef = {}; // its own key is not encrypted
    Config::ListenerConfig encryptedKey = plainKey;
    encryptedKey.name = QStringLiteral("submission");
    encryptedKey.port = 2587;
    encryptedKey.mode = Config::ListenerConfig::Mode::Tls;
    encryptedKey.keyFile = QStringLiteral("/etc/relaydesk/submission.key");
    encryptedKey.keyPassphraseRef =
        *Config::CredentialReference::parse(QStringLiteral("local:submission-key"), nullptr);
    config.listeners = {shared, plainKey, encryptedKey};

    Ui::SettingsListenersTab tab;
    tab.setConfig(config);
    QCOMPARE(tab.table()->rowCount(), 3);
    QVERIFY(tab.table()
                ->item(1, Ui::SettingsListenersTab::NameColumn)
                ->toolTip()
                .contains(QLatin1String("scanners.crt")));
    QVERIFY(tab.table()->item(0, Ui::SettingsListenersTab::NameColumn)->toolTip().isEmpty());

    Config::RelayConfig applied = config;
    applied.tls.certFile = QStringLiteral("/etc/relaydesk/renewed.crt");
    applied.tls.keyFile = QStringLiteral("/etc/relaydesk/renewed.key");
    applied.tls.keyPassphraseRef = {};
    applied.listeners.clear();
    Ui::SettingsFieldError error;
    QVERIFY2(tab.applyTo(&applied, &error), qPrintable(error.message));
    QCOMPARE(applied.listeners.size(), 3);
    const Config::ListenerConfig& first = applied.listeners.at(0);
    QCOMPARE(first.certFile, applied.tls.certFile);
    QCOMPARE(first.keyFile, applied.tls.keyFile);
    QVERIFY(first.keyPassphraseRef.isNull());
    const Config::ListenerConfig& second = applied.listeners.at(1);
    QCOMPARE(second.certFile, plainKey.certFile);
    QCOMPARE(second.keyFile, plainKey.keyFile);
    QVERIFY(second.keyPassphraseRef.isNull());
    const Config::ListenerConfig& third = applied.listeners.at(2);
    QCOMPARE(third.mode, Config::ListenerConfig::Mode::Tls);
    QCOMPARE(third.keyFile, encryptedKey.keyFile);
    QCOMPARE(third.keyPassphraseRef, encryptedKey.keyPassphraseRef);
}

QTEST_MAIN(TestSettingsPage)
#include "TestSettingsPage.moc"
