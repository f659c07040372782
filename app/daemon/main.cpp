// relaydeskd: the headless relay. Parses the command line and the INI file,
// runs the `user` and `secret` subcommands, or starts the core (on its own
// thread, like the GUI does) and stops it cleanly on SIGTERM/SIGINT.

#include "CoreVersion.h"
#include "UnixSignalWatcher.h"
#include "auth/AccountStore.h"
#include "auth/CredentialResolver.h"
#include "auth/PasswordGenerator.h"
#include "config/DaemonCommandLine.h"
#include "service/ConfigTranslation.h"
#include "service/RelayService.h"
#include "service/SecurityAdmin.h"
#include "store/SqliteAuditLog.h"
#include "tls/CertificateGenerator.h"
#include "tls/CertificateInfo.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

using namespace RelayDesk;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

/// The password for `user add` and the secret for `secret set`: one line
/// from stdin (a pipe or a terminal).
QString readPasswordLine()
{
    std::string line;
    if (!std::getline(std::cin, line))
        return {};
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

/// Records an admin action of the command line in the audit log (queue.db
/// in the data directory), as the GUI's actions are; never a secret.
void audit(const QString& dataDir, const QString& action, const QString& subject,
           const QString& after)
{
    Store::AuditEntry entry;
    entry.localUser = Service::SecurityAdmin::localUser();
    entry.action = action;
    entry.subject = subject;
    entry.after = after;
    Store::SqliteAuditLog log;
    QString error;
    if (!QDir().mkpath(dataDir) ||
        !log.open(QDir(dataDir).filePath(QStringLiteral("queue.db")), &error) ||
        !log.append(entry, &error))
        err() << "relaydeskd: warning: could not write the audit log: " << error << Qt::endl;
}

int runUserCommand(const Config::DaemonCommandLine::Result& cmd)
{
    Auth::AccountStore accounts(cmd.config.general.dataDir);
    QString error;
    if (!accounts.reload(&error)) {
        err() << "relaydeskd: " << error << Qt::endl;
        return 1;
    }
    using Action = Config::DaemonCommandLine::Action;
    switch (cmd.action) {
    case Action::UserAdd: {
        Auth::AccountPolicy policy;
        if (!cmd.user.allowedSenders.isEmpty())
            policy.allowedSenders = cmd.user.allowedSenders;
        policy.messagesPerMinute = cmd.user.messagesPerMinute;
        policy.recipientsPerHour = cmd.user.recipientsPerHour;
        const bool generated = cmd.user.generatePassword;
        const QString password =
            generated ? Auth::PasswordGenerator::generate() : readPasswordLine();
        if (generated && password.isEmpty()) {
            err() << "relaydeskd: user add: no random password (OpenSSL failed)" << Qt::endl;
            return 1;
        }
        if (!accounts.add(cmd.userName, password, policy, &error)) {
            err() << "relaydeskd: user add: " << error << Qt::endl;
            return 1;
        }
        out() << "added account " << cmd.userName << " (" << accounts.filePath() << "; "
              << policy.describe() << ")" << Qt::endl;
        audit(cmd.config.general.dataDir, QStringLiteral("account.add"), cmd.userName,
              policy.describe());
        // Shown once, on stdout only, never logged: it is not stored in
        // clear anywhere.
        if (generated)
            out() << "password: " << password << Qt::endl
                  << "Enter it in the device now; it cannot be shown again." << Qt::endl;
        return 0;
    }
    case Action::UserDelete:
        if (!accounts.remove(cmd.userName, &error)) {
            err() << "relaydeskd: user delete: " << error << Qt::endl;
            return 1;
        }
        out() << "deleted account " << cmd.userName << Qt::endl;
        audit(cmd.config.general.dataDir, QStringLiteral("account.delete"), cmd.userName,
              QStringLiteral("deleted"));
        return 0;
    case Action::UserList: {
        const auto policies = accounts.policies();
        for (auto it = policies.cbegin(); it != policies.cend(); ++it)
            out() << it.key() << "\t" << it.value().describe() << Qt::endl;
        return 0;
    }
    default:
        return 2;
    }
}

/// `cert generate|show`: self-signed certificates for the listeners.
int runCertCommand(const Config::DaemonCommandLine::Result& cmd)
{
    using Action = Config::DaemonCommandLine::Action;
    QString error;
    if (cmd.action == Action::CertShow) {
        const auto info = Tls::CertificateInfo::fromFile(cmd.cert.file, &error);
        if (!info) {
            err() << "relaydeskd: cert show: " << error << Qt::endl;
            return 1;
        }
        out() << info->describe() << Qt::endl;
        if (info->expiresWithin(30))
            out() << "Warning: expires within 30 days" << Qt::endl;
        return 0;
    }
    Tls::CertificateGenerator::Options options = Tls::CertificateGenerator::defaultOptions();
    options.keyType = cmd.cert.rsa ? Tls::CertificateGenerator::KeyType::Rsa
                                   : Tls::CertificateGenerator::KeyType::Ecdsa;
    options.dnsNames += cmd.cert.names;
    options.validityDays = cmd.cert.validityDays;
    if (cmd.cert.encryptKey) {
        options.passphrase = readPasswordLine().toUtf8();
        if (options.passphrase.isEmpty()) {
            err() << "relaydeskd: cert generate: --encrypt: no passphrase on stdin" << Qt::endl;
            return 1;
        }
    }
    const auto files = Tls::CertificateGenerator::generate(options, &error);
    if (!files || !files->write(cmd.cert.outDir, cmd.cert.force, &error)) {
        err() << "relaydeskd: cert generate: " << error << Qt::endl;
        return 1;
    }
    const auto info = Tls::CertificateInfo::fromData(files->certificatePem, &error);
    out() << "wrote " << cmd.cert.outDir << "/" << Tls::CertificateFiles::CertificateName << " and "
          << Tls::CertificateFiles::KeyName << Qt::endl;
    if (info)
        out() << info->describe() << Qt::endl;
    return 0;
}

/// `secret set|delete REF`: one request to the keychain or local store.
/// The stores answer asynchronously, so this runs the application's event
/// loop until the answer calls exit().
int runSecretCommand(QCoreApplication& app, const Config::DaemonCommandLine::Result& cmd)
{
    using Action = Config::DaemonCommandLine::Action;
    const bool set = cmd.action == Action::SecretSet;
    const QString verb = set ? QStringLiteral("secret set") : QStringLiteral("secret delete");
    const QString reference = cmd.secretRef.toString();
    QString secret;
    if (set) {
        secret = readPasswordLine();
        if (secret.isEmpty()) {
            err() << "relaydeskd: " << verb << ": no secret on stdin (one line expected)"
                  << Qt::endl;
            return 1;
        }
    }
    Auth::CredentialResolver resolver(cmd.config.general.dataDir);
    Auth::CredentialStore* store = resolver.storeFor(cmd.secretRef.scheme);
    if (!store) {
        err() << "relaydeskd: " << verb << ": " << reference << ": not a stored credential"
              << Qt::endl;
        return 2;
    }
    const auto done = [&app, set, verb, reference,
                       dataDir = cmd.config.general.dataDir](const Auth::CredentialResult& result) {
        if (!result.ok()) {
            err() << "relaydeskd: " << verb << " " << reference << ": " << result.error << Qt::endl;
            app.exit(1);
            return;
        }
        if (set)
            out() << "stored " << reference << " (refer to it with password-ref = " << reference
                  << ")" << Qt::endl;
        else
            out() << "deleted " << reference << Qt::endl;
        audit(dataDir,
              set ? QStringLiteral("credential.store") : QStringLiteral("credential.delete"),
              reference, set ? QStringLiteral("replaced") : QStringLiteral("deleted"));
        app.exit(0);
    };
    // Started from the running loop, so exit() always has a loop to end.
    QMetaObject::invokeMethod(
        &app,
        [store, set, name = cmd.secretRef.name, secret, done] {
            if (set)
                store->write(name, secret, done);
            else
                store->remove(name, done);
        },
        Qt::QueuedConnection);
    return app.exec();
}

} // namespace

int main(int argc, char* argv[])
{
    // Output of journald/systemd and of tests: one line per event, no colour.
    qSetMessagePattern(QStringLiteral(
        "%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
        "%{if-warning}warning%{endif}%{if-critical}error%{endif}%{if-fatal}fatal%{endif} "
        "%{category}: %{message}"));
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relaydeskd"));
    QCoreApplication::setOrganizationName(QStringLiteral("RelayDesk"));
    QCoreApplication::setApplicationVersion(coreVersion());

    const auto cmd = Config::DaemonCommandLine::parse(app.arguments(), coreVersion());
    using Action = Config::DaemonCommandLine::Action;
    switch (cmd.action) {
    case Action::ShowHelp:
    case Action::ShowVersion:
        out() << cmd.text << Qt::endl;
        return 0;
    case Action::Error:
        err() << cmd.text << Qt::endl;
        return 2;
    case Action::UserAdd:
    case Action::UserList:
    case Action::UserDelete:
        return runUserCommand(cmd);
    case Action::SecretSet:
    case Action::SecretDelete:
        return runSecretCommand(app, cmd);
    case Action::CertGenerate:
    case Action::CertShow:
        return runCertCommand(cmd);
    case Action::Run:
        break;
    }

    Service::RelayService relay(Service::coreSettingsFromConfig(cmd.config));
    int exitCode = 0;
    QObject::connect(&relay, &Service::RelayService::statusChanged, &app,
                     [&](const Service::RelayStatus& status) {
                         if (status.state == Service::RelayStatus::State::Failed) {
                             err() << "relaydeskd: " << status.error << Qt::endl;
                             exitCode = 1;
                             relay.stop();
                         }
                     });
    QObject::connect(&relay, &Service::RelayService::stopped, &app, [&] { app.exit(exitCode); });

    UnixSignalWatcher signalWatcher;
    for (int sig : {SIGTERM, SIGINT, SIGHUP})
        signalWatcher.watch(sig);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::signalReceived, &app, [&](int sig) {
        if (sig == SIGHUP) {
            qInfo("SIGHUP: configuration reload is not supported yet; restart to apply changes");
            return;
        }
        qInfo("signal %d: stopping", sig);
        relay.stop();
    });

    relay.start();
    return app.exec();
}
