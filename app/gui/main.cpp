// relaydesk: the desktop manager. The relay runs on a background thread
// behind Service::RelayService; the window only shows its snapshots.

#include "CoreVersion.h"
#include "MainWindow.h"
#include "config/ConfigLoader.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTranslator>

using namespace RelayDesk;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("RelayDesk"));
    QApplication::setOrganizationName(QStringLiteral("RelayDesk"));
    QApplication::setApplicationVersion(coreVersion());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/relaydesk.svg")));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("relaydesk"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

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
    parser.process(app);

    QString configPath = parser.value(configOption);
    if (configPath.isEmpty()) {
        const QString standard =
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
            QStringLiteral("/relaydesk.ini");
        if (QFile::exists(standard))
            configPath = standard;
    }
    Config::RelayConfig config;
    if (!configPath.isEmpty()) {
        QString error;
        const auto loaded = Config::ConfigLoader::load(configPath, &error);
        if (!loaded) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "RelayDesk"),
                QApplication::translate("main", "The configuration could not be loaded:\n\n%1")
                    .arg(error));
            return 2;
        }
        config = *loaded;
    }

    Service::RelayService relay(Service::coreSettingsFromConfig(config));
    Ui::MainWindow window(&relay);
    window.show();
    relay.start();

    // Quitting stops the relay cleanly first: sessions that are committing a
    // message get their reply, the queue is flushed to disk.
    QObject::connect(&app, &QApplication::lastWindowClosed, &relay, &Service::RelayService::stop);
    QObject::connect(&relay, &Service::RelayService::stopped, &app, &QApplication::quit);
    app.setQuitOnLastWindowClosed(false);
    return app.exec();
}
