// relaydesk: the desktop manager. The relay runs on a background thread
// behind Service::RelayService; the window only shows its snapshots.

#include "AppPreferences.h"
#include "CertificatesPage.h"
#include "CoreVersion.h"
#include "CredentialsPage.h"
#include "MainWindow.h"
#include "Notifier.h"
#include "SecurityPage.h"
#include "SettingsPage.h"
#include "SingleInstance.h"
#include "StateStyle.h"
#include "TrayIcon.h"
#include "config/ConfigLoader.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTranslator>
#include <memory>

using namespace RelayDesk;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RelayDesk"));
    QApplication::setOrganizationName(QStringLiteral("RelayDesk"));
    QApplication::setApplicationVersion(coreVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/relaydesk.svg")));

    // Ours from the resources; without one for the user's language the
    // English one, which holds the plural forms ("1 message", "2 messages").
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("relaydesk"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")) ||
        translator.load(QStringLiteral("relaydesk_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    // Qt's own (dialog buttons, file dialogs), from qt6-translations-l10n.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "RelayDesk: the office mail relay, managed from the desktop."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QApplication::translate("main", "Read the relay configuration from <file> (default: %1).")
            .arg(QStringLiteral("~/.config/RelayDesk/relaydesk.ini")),
        QStringLiteral("file"));
    parser.addOption(configOption);
    const QCommandLineOption minimizedOption(
        QStringLiteral("minimized"),
        QApplication::translate("main", "Start hidden in the tray (as at login)."));
    parser.addOption(minimizedOption);
    const QCommandLineOption darkOption(
        QStringLiteral("dark"), QApplication::translate("main", "Use the built-in dark theme."));
    parser.addOption(darkOption);
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QApplication::translate("main", "Open the page <name> (overview, queue, log, bounces, "
                                        "devices, settings, security, ...; security/accounts "
                                        "for a tab) instead of the last one shown."),
        QStringLiteral("name"));
    parser.addOption(pageOption);
    const QCommandLineOption messageOption(
        QStringLiteral("open-message"),
        QApplication::translate("main", "Open the detail of the message with the id <id>."),
        QStringLiteral("id"));
    parser.addOption(messageOption);
    // For scripts/screenshots.sh: the virtual desktop has no input tool.
    QCommandLineOption trayMenuOption(QStringLiteral("show-tray-menu"));
    trayMenuOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(trayMenuOption);
    parser.process(app);

    // One RelayDesk per user: a second launch brings the first one's window
    // to the front and leaves (the relay's ports are taken anyway).
    Ui::SingleInstance instance;
    if (!instance.tryBecomePrimary()) {
        if (instance.activateRunning())
            return 0;
        QMessageBox::critical(nullptr, QApplication::translate("main", "RelayDesk"),
                              QApplication::translate("main", "RelayDesk is already running or "
                                                              "cannot start:\n\n%1")
                                  .arg(instance.errorString()));
        return 1;
    }

    const Ui::AppPreferences prefs;
    if (parser.isSet(darkOption) || prefs.darkTheme()) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(Ui::fusionDarkPalette());
    }

    QString configPath = parser.value(configOption);
    if (configPath.isEmpty()) {
        const QString standard =
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
            QStringLiteral("/relaydesk.ini");
        if (QFile::exists(standard))
            configPath = standard;
    }
    Config::RelayConfig config;
    // Secrets written into the file by hand do not stop the desktop app (the
    // daemon refuses them): it starts without them and offers to move them
    // into the keychain on the Security page.
    QStringList plaintextSecrets;
    if (!configPath.isEmpty()) {
        QString error;
        const auto loaded = Config::ConfigLoader::load(configPath, &error, &plaintextSecrets);
        if (!loaded) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "RelayDesk"),
                QApplication::translate("main", "The configuration could not be loaded:\n\n%1")
                    .arg(error));
            return 2;
        }
        config = *loaded;
    }

    Service::CoreSettings coreSettings = Service::coreSettingsFromConfig(config);
    if (!plaintextSecrets.isEmpty())
        Service::usePlaintextSecrets(&coreSettings, configPath);
    Service::RelayService relay(coreSettings);
    Ui::MainWindow window(&relay);
    // Settings edits the file the relay was started from (or creates the
    // standard one) and applies it to the running relay.
    auto* settingsPage = new Ui::SettingsPage(&relay, configPath);
    window.addPage(settingsPage, QIcon(QStringLiteral(":/icons/settings.svg")),
                   QApplication::translate("main", "Settings"));
    if (auto* security = window.findChild<Ui::SecurityPage*>()) {
        const auto showLegacyTls = [security](const Config::RelayConfig& current) {
            QStringList legacy;
            for (const auto& listener : current.listeners) {
                if (listener.minTls < Config::TlsVersion::V1_2)
                    legacy.append(listener.name);
            }
            security->certificates()->setLegacyTlsListeners(legacy);
        };
        showLegacyTls(config);
        QObject::connect(settingsPage, &Ui::SettingsPage::configLoaded, security,
                         [settingsPage, showLegacyTls](const QString& error) {
                             if (error.isEmpty())
                                 showLegacyTls(settingsPage->currentConfig());
                         });
        QObject::connect(settingsPage, &Ui::SettingsPage::applyFinished, security,
                         [settingsPage, showLegacyTls](const QString& error) {
                             if (error.isEmpty())
                                 showLegacyTls(settingsPage->currentConfig());
                         });
        if (!plaintextSecrets.isEmpty()) {
            security->credentials()->offerMigration(configPath, plaintextSecrets);
            security->tabs()->setCurrentWidget(security->credentials());
            if (!parser.isSet(pageOption)) {
                const auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
                window.setCurrentPage(pages->indexOf(security));
            }
            // Once moved, the file refers to the keychain: run and edit that.
            QObject::connect(
                &relay, &Service::RelayService::plaintextSecretsMigrated, settingsPage,
                [&relay, settingsPage](const QString& path,
                                       const QVector<Service::MigratedSecret>& moved,
                                       const QString& error) {
                    if (!error.isEmpty() || moved.isEmpty())
                        return;
                    QString loadError;
                    if (const auto reloaded = Config::ConfigLoader::load(path, &loadError))
                        relay.applySettings(Service::coreSettingsFromConfig(*reloaded));
                    settingsPage->revert();
                });
        }
    }
    auto* notifier = new Ui::Notifier;
    notifier->setLimits(prefs.notifyPerKindMinutes(), prefs.notifyPerHour());
    Ui::TrayIcon tray(&relay, notifier);
    const bool haveTray = tray.showIfAvailable();
    // Without a tray the window is the only way back in: closing it quits.
    window.setHideOnClose(haveTray);
    if (!haveTray || !parser.isSet(minimizedOption))
        window.show();
    if (parser.isSet(pageOption)) {
        // Pages are named by their objectName (the "last page shown" key);
        // "security/accounts" also picks a tab of a page with tabs.
        const QString page = parser.value(pageOption).section(QLatin1Char('/'), 0, 0);
        const QString tab = parser.value(pageOption).section(QLatin1Char('/'), 1);
        const auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pages"));
        QStringList names;
        QWidget* shown = nullptr;
        for (int index = 0; pages && index < pages->count(); ++index) {
            names.append(pages->widget(index)->objectName());
            if (names.last() == page) {
                window.setCurrentPage(index);
                shown = pages->widget(index);
            }
        }
        if (!shown)
            qWarning("relaydesk: no page \"%s\" (pages: %s)", qPrintable(page),
                     qPrintable(names.join(QStringLiteral(", "))));
        if (shown && !tab.isEmpty()) {
            auto* tabs = shown->findChild<QTabWidget*>();
            QStringList tabNames;
            for (int index = 0; tabs && index < tabs->count(); ++index) {
                tabNames.append(tabs->widget(index)->objectName());
                if (tabNames.last() == tab)
                    tabs->setCurrentIndex(index);
            }
            if (!tabNames.contains(tab))
                qWarning("relaydesk: page \"%s\" has no tab \"%s\" (tabs: %s)", qPrintable(page),
                         qPrintable(tab), qPrintable(tabNames.join(QStringLiteral(", "))));
        }
    }
    if (parser.isSet(messageOption) || parser.isSet(trayMenuOption)) {
        // Once the core answers: the detail asks it, the menu shows its state.
        const qint64 messageId = parser.value(messageOption).toLongLong();
        const bool trayMenu = parser.isSet(trayMenuOption);
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(
            &relay, &Service::RelayService::statusChanged, &window,
            [&window, &tray, once, messageId, trayMenu](const Service::RelayStatus& status) {
                if (status.state != Service::RelayStatus::State::Running)
                    return;
                QObject::disconnect(*once);
                if (messageId > 0)
                    window.openMessage(messageId);
                if (trayMenu) {
                    const QRect screen = window.screen()->availableGeometry();
                    tray.menu()->popup(screen.topRight() - QPoint(220, 0));
                }
            });
    }

    // Quitting stops the relay cleanly first: sessions that are committing a
    // message get their reply, the queue is flushed to disk.
    bool quitting = false;
    const auto quit = [&] {
        if (quitting)
            return;
        quitting = true;
        window.saveLayout();
        relay.stop();
    };
    QObject::connect(&window, &Ui::MainWindow::quitRequested, &app, quit);
    QObject::connect(&tray, &Ui::TrayIcon::quitRequested, &app, quit);
    QObject::connect(&tray, &Ui::TrayIcon::openRequested, &window, &Ui::MainWindow::bringToFront);
    QObject::connect(&instance, &Ui::SingleInstance::activationRequested, &window,
                     &Ui::MainWindow::bringToFront);
    QObject::connect(&relay, &Service::RelayService::stopped, &app, &QApplication::quit);
    app.setQuitOnLastWindowClosed(false);
    relay.start();
    return app.exec();
}
