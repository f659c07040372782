#include "DaemonCommandLine.h"

#include "ConfigLoader.h"
#include "ConfigValueParser.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace RelayDesk::Config {

namespace {

const QString kDescription = QStringLiteral(
    "RelayDesk mail relay daemon: accepts SMTP from the LAN, stores every message durably and "
    "forwards it to the smarthost.\n"
    "\n"
    "Options override the configuration file; --listen and --allow replace its lists.\n"
    "\n"
    "Commands (default: run the relay):\n"
    "  user add NAME      add a local SMTP AUTH account; the password is read from stdin\n"
    "  user list          list the local SMTP AUTH accounts\n"
    "  user delete NAME   delete a local SMTP AUTH account\n"
    "The accounts live in <data-dir>/accounts.");

QString optionError(const QString& option, const QString& value, const QString& what)
{
    return QStringLiteral("relaydeskd: --%1 \"%2\": %3\nTry 'relaydeskd --help'.")
        .arg(option, value, what);
}

DaemonCommandLine::Result failure(const QString& text)
{
    DaemonCommandLine::Result result;
    result.action = DaemonCommandLine::Action::Error;
    result.text = text;
    return result;
}

bool readableFile(const QString& path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isReadable();
}

} // namespace

DaemonCommandLine::Result DaemonCommandLine::parse(const QStringList& arguments,
                                                   const QString& version)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(kDescription);
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Read the configuration from <file> "
                                                   "(default: built-in defaults)."),
                                    QStringLiteral("file"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keep the queue, accounts and local "
                                                    "credentials in <dir>."),
                                     QStringLiteral("dir"));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Listen on <addr:port>, e.g. 0.0.0.0:25 or [::1]:2525. Repeatable; "
                       "replaces the configured listeners."),
        QStringLiteral("addr:port"));
    const QCommandLineOption allow(
        QStringLiteral("allow"),
        QStringLiteral("Relay without AUTH for clients in <cidr>, e.g. 192.168.1.0/24. "
                       "Repeatable; replaces the configured networks."),
        QStringLiteral("cidr"));
    const QCommandLineOption smarthost(QStringLiteral("smarthost"),
                                       QStringLiteral("Forward mail to <host:port> (port "
                                                      "default 587)."),
                                       QStringLiteral("host:port"));
    const QCommandLineOption smarthostTls(QStringLiteral("smarthost-tls"),
                                          QStringLiteral("TLS to the smarthost: none, "
                                                         "starttls, opportunistic or tls."),
                                          QStringLiteral("mode"));
    const QCommandLineOption smarthostUser(QStringLiteral("smarthost-user"),
                                           QStringLiteral("Authenticate to the smarthost as "
                                                          "<user>."),
                                           QStringLiteral("user"));
    const QCommandLineOption smarthostPasswordFile(
        QStringLiteral("smarthost-password-file"),
        QStringLiteral("Read the smarthost password from the first line of <file> (mode 0600 "
                       "or stricter)."),
        QStringLiteral("file"));
    const QCommandLineOption maxMessageSize(QStringLiteral("max-message-size"),
                                            QStringLiteral("Refuse messages larger than "
                                                           "<bytes> (K, M, G suffixes allowed)."),
                                            QStringLiteral("bytes"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate for the listeners "
                                                    "(enables STARTTLS); needs --tls-key."),
                                     QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("PEM private key for --tls-cert."),
                                    QStringLiteral("file"));
    const QCommandLineOption hostname(QStringLiteral("hostname"),
                                      QStringLiteral("Our SMTP name in the greeting and "
                                                     "Received: headers."),
                                      QStringLiteral("name"));
    for (const QCommandLineOption& option :
         {config, dataDir, listen, allow, smarthost, smarthostTls, smarthostUser,
          smarthostPasswordFile, maxMessageSize, tlsCert, tlsKey, hostname})
        parser.addOption(option);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("Optional: user add NAME | user list | user "
                                                "delete NAME (see above)."),
                                 QStringLiteral("[user add|list|delete [NAME]]"));

    if (!parser.parse(arguments))
        return failure(
            QStringLiteral("relaydeskd: %1\nTry 'relaydeskd --help'.").arg(parser.errorText()));
    if (parser.isSet(help)) {
        Result result;
        result.action = Action::ShowHelp;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        Result result;
        result.action = Action::ShowVersion;
        result.text = QStringLiteral("relaydeskd %1\n").arg(version);
        return result;
    }

    // Options that take one value must not be given twice: the second would
    // silently win, which hides mistakes in unit files.
    for (const QCommandLineOption& option :
         {config, dataDir, smarthost, smarthostTls, smarthostUser, smarthostPasswordFile,
          maxMessageSize, tlsCert, tlsKey, hostname}) {
        if (parser.values(option).size() > 1)
            return failure(QStringLiteral("relaydeskd: --%1 given more than once\nTry "
                                          "'relaydeskd --help'.")
                               .arg(option.names().constFirst()));
    }

    Result result;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result.action = Action::Run;
    } else if (positional.first() != QLatin1String("user")) {
        return failure(QStringLiteral("relaydeskd: unknown command \"%1\" (expected: user add "
                                      "NAME, user list, user delete NAME)\nTry 'relaydeskd "
                                      "--help'.")
                           .arg(positional.first()));
    } else {
        const QString sub = positional.value(1);
        if (sub == QLatin1String("add") && positional.size() == 3) {
            result.action = Action::UserAdd;
            result.userName = positional.at(2);
        } else if (sub == QLatin1String("delete") && positional.size() == 3) {
            result.action = Action::UserDelete;
            result.userName = positional.at(2);
        } else if (sub == QLatin1String("list") && positional.size() == 2) {
            result.action = Action::UserList;
        } else {
            return failure(QStringLiteral("relaydeskd: usage: user add NAME | user list | user "
                                          "delete NAME\nTry 'relaydeskd --help'."));
        }
    }

    RelayConfig& cfg = result.config;
    if (parser.isSet(config)) {
        QString error;
        const auto loaded = ConfigLoader::load(parser.value(config), &error);
        if (!loaded)
            return failure(QStringLiteral("relaydeskd: --config: %1").arg(error));
        cfg = *loaded;
    }
    if (parser.isSet(dataDir)) {
        const QString value = parser.value(dataDir);
        if (value.isEmpty())
            return failure(optionError(QStringLiteral("data-dir"), value,
                                       QStringLiteral("must not be empty")));
        cfg.general.dataDir = QDir::cleanPath(QDir::current().absoluteFilePath(value));
    }
    if (parser.isSet(hostname)) {
        const QString value = parser.value(hostname);
        if (!ConfigValueParser::isValidHostname(value))
            return failure(optionError(QStringLiteral("hostname"), value,
                                       QStringLiteral("not a valid host name")));
        cfg.general.hostname = value;
    }
    if (parser.isSet(listen)) {
        QList<ListenerConfig> listeners;
        int index = 0;
        for (const QString& value : parser.values(listen)) {
            const auto endpoint = ConfigValueParser::parseHostPort(value, 0);
            const QHostAddress address(endpoint ? endpoint->host : QString());
            if (!endpoint || address.isNull())
                return failure(optionError(QStringLiteral("listen"), value,
                                           QStringLiteral("expected ADDR:PORT with an IP "
                                                          "address, e.g. 0.0.0.0:25 or "
                                                          "[::1]:2525")));
            ListenerConfig listener;
            listener.name = QStringLiteral("cli%1").arg(++index);
            listener.address = address;
            listener.port = endpoint->port;
            listener.certFile = cfg.tls.certFile;
            listener.keyFile = cfg.tls.keyFile;
            listeners.append(listener);
        }
        cfg.listeners = listeners;
    }
    if (parser.isSet(allow)) {
        QList<Subnet> networks;
        for (const QString& value : parser.values(allow)) {
            const auto subnet = Subnet::parse(value);
            if (!subnet)
                return failure(optionError(QStringLiteral("allow"), value,
                                           QStringLiteral("not a network in CIDR notation "
                                                          "(e.g. 192.168.1.0/24, fd00::/8)")));
            if (subnet->prefixLength == 0)
                return failure(optionError(QStringLiteral("allow"), value,
                                           QStringLiteral("would make an open relay")));
            networks.append(*subnet);
        }
        cfg.allowedNetworks = networks;
    }
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return failure(QStringLiteral("relaydeskd: --tls-cert and --tls-key must be given "
                                      "together\nTry 'relaydeskd --help'."));
    if (parser.isSet(tlsCert)) {
        for (const QCommandLineOption& option : {tlsCert, tlsKey}) {
            if (!readableFile(parser.value(option)))
                return failure(optionError(option.names().constFirst(), parser.value(option),
                                           QStringLiteral("no such readable file")));
        }
        cfg.tls.certFile = QFileInfo(parser.value(tlsCert)).absoluteFilePath();
        cfg.tls.keyFile = QFileInfo(parser.value(tlsKey)).absoluteFilePath();
        for (ListenerConfig& listener : cfg.listeners) {
            listener.certFile = cfg.tls.certFile;
            listener.keyFile = cfg.tls.keyFile;
        }
    }
    if (parser.isSet(smarthost)) {
        const QString value = parser.value(smarthost);
        const auto endpoint = ConfigValueParser::parseHostPort(value, 587);
        if (!endpoint)
            return failure(optionError(QStringLiteral("smarthost"), value,
                                       QStringLiteral("expected HOST[:PORT], e.g. "
                                                      "smtp.example.com:587")));
        cfg.smarthost.host = endpoint->host;
        cfg.smarthost.port = endpoint->port;
    }
    if (parser.isSet(smarthostTls)) {
        const QString value = parser.value(smarthostTls);
        if (value == QLatin1String("none"))
            cfg.smarthost.tls = SmarthostConfig::TlsMode::None;
        else if (value == QLatin1String("starttls"))
            cfg.smarthost.tls = SmarthostConfig::TlsMode::StartTls;
        else if (value == QLatin1String("opportunistic"))
            cfg.smarthost.tls = SmarthostConfig::TlsMode::Opportunistic;
        else if (value == QLatin1String("tls"))
            cfg.smarthost.tls = SmarthostConfig::TlsMode::Tls;
        else
            return failure(optionError(QStringLiteral("smarthost-tls"), value,
                                       QStringLiteral("expected none, starttls, opportunistic "
                                                      "or tls")));
    }
    if (parser.isSet(smarthostUser)) {
        const QString value = parser.value(smarthostUser);
        if (value.isEmpty() || value.size() > 256)
            return failure(optionError(QStringLiteral("smarthost-user"), value,
                                       QStringLiteral("not a valid user name")));
        cfg.smarthost.username = value;
    }
    if (parser.isSet(smarthostPasswordFile)) {
        const QString value = parser.value(smarthostPasswordFile);
        if (!readableFile(value))
            return failure(optionError(QStringLiteral("smarthost-password-file"), value,
                                       QStringLiteral("no such readable file")));
        cfg.smarthost.passwordRef = {CredentialReference::Scheme::File,
                                     QFileInfo(value).absoluteFilePath()};
    }
    if (parser.isSet(maxMessageSize)) {
        const QString value = parser.value(maxMessageSize);
        const auto size = ConfigValueParser::parseSize(value);
        if (!size || *size < 1024 || *size > 2LL * 1024 * 1024 * 1024)
            return failure(optionError(QStringLiteral("max-message-size"), value,
                                       QStringLiteral("not a size between 1K and 2G (e.g. "
                                                      "26214400, 25M)")));
        cfg.limits.maxMessageSize = *size;
    }

    const RelayConfig::Problem problem = cfg.crossCheck();
    if (!problem.message.isEmpty())
        return failure(QStringLiteral("relaydeskd: [%1] %2: %3 (after applying the command "
                                      "line options)")
                           .arg(problem.section, problem.key, problem.message));
    return result;
}

} // namespace RelayDesk::Config
