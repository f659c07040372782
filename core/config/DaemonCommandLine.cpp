#include "DaemonCommandLine.h"

#include "ConfigLoader.h"
#include "ConfigValueParser.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace RelayDesk::Config {

namespace {

const QString kDescription = QStringLiteral(
    "RelayDesk mail relay daemon: accepts SMTP from the LAN, stores every message durably and "
    "forwards it to the smarthost.\n"
    "\n"
    "Options override the configuration file; --listen and --allow replace its lists.\n"
    "\n"
    "Commands (default: run the relay):\n"
    "  user add NAME      add a local SMTP AUTH account; the password is read from stdin,\n"
    "                     or made up and shown once with --generate; --allow-sender\n"
    "                     ADDRESS|@DOMAIN (repeatable) limits the senders it may use,\n"
    "                     --rate N / --rcpt-rate N its messages per minute / recipients\n"
    "                     per hour\n"
    "  user list          list the local SMTP AUTH accounts and their policy\n"
    "  user delete NAME   delete a local SMTP AUTH account\n"
    "  secret set REF     store a secret (e.g. the smarthost password) read from stdin\n"
    "                     under REF = keychain:NAME (OS keychain) or local:NAME\n"
    "                     (<data-dir>/credentials); refer to it with password-ref = REF\n"
    "  secret delete REF  delete the secret stored under REF\n"
    "  cert generate --out DIR [--ecdsa|--rsa] [--name NAME]... [--days N] [--encrypt]\n"
    "                     write a self-signed certificate for this machine's names and\n"
    "                     addresses (DIR/relaydesk-cert.pem, DIR/relaydesk-key.pem, 0600);\n"
    "                     --encrypt reads a key passphrase from stdin\n"
    "  cert show FILE     show subject, names, issuer, validity and fingerprint\n"
    "The accounts live in <data-dir>/accounts.\n"
    "\n"
    "Durations: 90 or 90s, 5m, 1h, 5d. Sizes: bytes or K, M, G.");

QString optionError(const QString& option, const QString& value, const QString& what)
{
    return QStringLiteral("relaydeskd: --%1 \"%2\": %3\nTry 'relaydeskd --help'.")
        .arg(option, value, what);
}

const QString kUsage = QStringLiteral("user add NAME | user list | user delete NAME | secret set "
                                      "REF | secret delete REF | cert generate --out DIR | cert "
                                      "show FILE");

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
    const QCommandLineOption tlsKeyPassphraseRef(
        QStringLiteral("tls-key-passphrase-ref"),
        QStringLiteral("Where the passphrase of an encrypted --tls-key (or [tls] key-file) is "
                       "kept: keychain:NAME, local:NAME, systemd:NAME or file:/PATH. Never the "
                       "passphrase itself."),
        QStringLiteral("ref"));
    const QCommandLineOption hostname(QStringLiteral("hostname"),
                                      QStringLiteral("Our SMTP name in the greeting and "
                                                     "Received: headers."),
                                      QStringLiteral("name"));
    const QCommandLineOption smarthostCa(QStringLiteral("smarthost-ca"),
                                         QStringLiteral("Also trust the CA certificate(s) in PEM "
                                                        "<file> for the smarthost (an internal "
                                                        "upstream)."),
                                         QStringLiteral("file"));
    const QCommandLineOption smarthostConnections(
        QStringLiteral("smarthost-connections"),
        QStringLiteral("Open at most <n> parallel connections to the smarthost (1-%1).")
            .arg(SmarthostConfig::kMaxConnections),
        QStringLiteral("n"));
    const QCommandLineOption retrySchedule(
        QStringLiteral("retry-schedule"),
        QStringLiteral("Delays after the 1st, 2nd, ... failed delivery attempt, comma separated; "
                       "the last one repeats (e.g. 1m,5m,15m,30m,1h or 1s,2s,5s)."),
        QStringLiteral("list"));
    const QCommandLineOption maxAge(QStringLiteral("max-age"),
                                    QStringLiteral("Give up and bounce a message after "
                                                   "<duration> in the queue (e.g. 5d, 30s)."),
                                    QStringLiteral("duration"));
    const QCommandLineOption maxRecipients(QStringLiteral("max-recipients"),
                                           QStringLiteral("Accept at most <n> recipients per "
                                                          "message."),
                                           QStringLiteral("n"));
    const QCommandLineOption maxSessions(QStringLiteral("max-sessions"),
                                         QStringLiteral("Serve at most <n> SMTP sessions at once "
                                                        "(also caps --max-sessions-per-client)."),
                                         QStringLiteral("n"));
    const QCommandLineOption maxSessionsPerClient(
        QStringLiteral("max-sessions-per-client"),
        QStringLiteral("Serve at most <n> sessions at once per client address."),
        QStringLiteral("n"));
    const QCommandLineOption commandTimeout(QStringLiteral("command-timeout"),
                                            QStringLiteral("Drop a session idle for <seconds> "
                                                           "while waiting for a command."),
                                            QStringLiteral("seconds"));
    const QCommandLineOption dataTimeout(QStringLiteral("data-timeout"),
                                         QStringLiteral("Drop a session idle for <seconds> "
                                                        "inside DATA."),
                                         QStringLiteral("seconds"));
    const QCommandLineOption requireAuth(QStringLiteral("require-auth"),
                                         QStringLiteral("On all listeners, refuse mail until the "
                                                        "client authenticated, even from an "
                                                        "allowed network."));
    const QCommandLineOption allowPlainAuth(
        QStringLiteral("allow-plain-auth"),
        QStringLiteral("On all listeners, offer AUTH on connections without TLS: passwords "
                       "cross the network in clear, so only on a trusted LAN."));
    // Subcommand options (issue 5).
    const QCommandLineOption generate(QStringLiteral("generate"),
                                      QStringLiteral("user add: make up a strong password and "
                                                     "show it once."));
    const QCommandLineOption allowSender(QStringLiteral("allow-sender"),
                                         QStringLiteral("user add: a sender address or @domain "
                                                        "the account may use (repeatable)."),
                                         QStringLiteral("address"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("user add: messages per minute for the "
                                                 "account."),
                                  QStringLiteral("n"));
    const QCommandLineOption rcptRate(QStringLiteral("rcpt-rate"),
                                      QStringLiteral("user add: recipients per hour for the "
                                                     "account."),
                                      QStringLiteral("n"));
    const QCommandLineOption certOut(QStringLiteral("out"),
                                     QStringLiteral("cert generate: the directory to write to."),
                                     QStringLiteral("dir"));
    const QCommandLineOption certEcdsa(QStringLiteral("ecdsa"),
                                       QStringLiteral("cert generate: ECDSA P-256 key "
                                                      "(default)."));
    const QCommandLineOption certRsa(QStringLiteral("rsa"),
                                     QStringLiteral("cert generate: RSA 3072 key (old devices)."));
    const QCommandLineOption certName(QStringLiteral("name"),
                                      QStringLiteral("cert generate: another DNS name "
                                                     "(repeatable)."),
                                      QStringLiteral("name"));
    const QCommandLineOption certDays(QStringLiteral("days"),
                                      QStringLiteral("cert generate: validity, 1-825 days."),
                                      QStringLiteral("n"));
    const QCommandLineOption certForce(QStringLiteral("force"),
                                       QStringLiteral("cert generate: replace existing files."));
    const QCommandLineOption certEncrypt(QStringLiteral("encrypt"),
                                         QStringLiteral("cert generate: encrypt the key with a "
                                                        "passphrase read from stdin."));
    for (const QCommandLineOption& option :
         {generate, allowSender, rate, rcptRate, certOut, certEcdsa, certRsa, certName, certDays,
          certForce, certEncrypt})
        parser.addOption(option);
    for (const QCommandLineOption& option : {config,
                                             dataDir,
                                             listen,
                                             allow,
                                             smarthost,
                                             smarthostTls,
                                             smarthostUser,
                                             smarthostPasswordFile,
                                             smarthostCa,
                                             smarthostConnections,
                                             retrySchedule,
                                             maxAge,
                                             maxMessageSize,
                                             maxRecipients,
                                             maxSessions,
                                             maxSessionsPerClient,
                                             commandTimeout,
                                             dataTimeout,
                                             requireAuth,
                                             allowPlainAuth,
                                             tlsCert,
                                             tlsKey,
                                             tlsKeyPassphraseRef,
                                             hostname})
        parser.addOption(option);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("Optional: %1 (see above).").arg(kUsage),
                                 QStringLiteral("[user add|list|delete [NAME] | secret "
                                                "set|delete REF | cert generate|show [FILE]]"));

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
    for (const QCommandLineOption& option : {config,
                                             dataDir,
                                             smarthost,
                                             smarthostTls,
                                             smarthostUser,
                                             smarthostPasswordFile,
                                             smarthostCa,
                                             smarthostConnections,
                                             retrySchedule,
                                             maxAge,
                                             maxMessageSize,
                                             maxRecipients,
                                             maxSessions,
                                             maxSessionsPerClient,
                                             commandTimeout,
                                             dataTimeout,
                                             tlsCert,
                                             tlsKey,
                                             tlsKeyPassphraseRef,
                                             hostname,
                                             rate,
                                             rcptRate,
                                             certOut,
                                             certDays}) {
        if (parser.values(option).size() > 1)
            return failure(QStringLiteral("relaydeskd: --%1 given more than once\nTry "
                                          "'relaydeskd --help'.")
                               .arg(option.names().constFirst()));
    }

    Result result;
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    const QString sub = positional.value(1);
    if (positional.isEmpty()) {
        result.action = Action::Run;
    } else if (command == QLatin1String("user")) {
        if (sub == QLatin1String("add") && positional.size() == 3) {
            result.action = Action::UserAdd;
            result.userName = positional.at(2);
        } else if (sub == QLatin1String("delete") && positional.size() == 3) {
            result.action = Action::UserDelete;
            result.userName = positional.at(2);
        } else if (sub == QLatin1String("list") && positional.size() == 2) {
            result.action = Action::UserList;
        } else {
            return failure(
                QStringLiteral("relaydeskd: usage: %1\nTry 'relaydeskd --help'.").arg(kUsage));
        }
    } else if (command == QLatin1String("secret")) {
        if ((sub != QLatin1String("set") && sub != QLatin1String("delete")) ||
            positional.size() != 3)
            return failure(
                QStringLiteral("relaydeskd: usage: %1\nTry 'relaydeskd --help'.").arg(kUsage));
        result.action = sub == QLatin1String("set") ? Action::SecretSet : Action::SecretDelete;
        QString why;
        const auto reference = CredentialReference::parse(positional.at(2), &why);
        if (!reference)
            return failure(
                QStringLiteral("relaydeskd: secret %1 \"%2\": %3").arg(sub, positional.at(2), why));
        if (!reference->isWritable()) {
            const QString managed =
                reference->scheme == CredentialReference::Scheme::Systemd
                    ? QStringLiteral("a systemd: credential is set in the relaydeskd unit "
                                     "(LoadCredential= or SetCredentialEncrypted=, see "
                                     "systemd-creds(1))")
                    : QStringLiteral("a file: reference is a file you manage yourself (first "
                                     "line = the secret, chmod 600)");
            return failure(QStringLiteral("relaydeskd: secret %1 \"%2\": %3; secret %1 handles "
                                          "keychain:NAME and local:NAME")
                               .arg(sub, positional.at(2), managed));
        }
        result.secretRef = *reference;
    } else if (command == QLatin1String("cert")) {
        if (sub == QLatin1String("generate") && positional.size() == 2) {
            result.action = Action::CertGenerate;
        } else if (sub == QLatin1String("show") && positional.size() == 3) {
            result.action = Action::CertShow;
            result.cert.file = positional.at(2);
        } else {
            return failure(
                QStringLiteral("relaydeskd: usage: %1\nTry 'relaydeskd --help'.").arg(kUsage));
        }
    } else {
        return failure(QStringLiteral("relaydeskd: unknown command \"%1\" (expected: %2)\nTry "
                                      "'relaydeskd --help'.")
                           .arg(command, kUsage));
    }

    // Subcommand options only where they mean something: a stray --rate on
    // `relaydeskd` itself would otherwise look like a relay-wide limit.
    const auto misplaced = [&](std::initializer_list<QCommandLineOption> options,
                               Action allowed) -> QString {
        for (const QCommandLineOption& option : options) {
            if (parser.isSet(option) && result.action != allowed)
                return option.names().constFirst();
        }
        return {};
    };
    for (const QString& name :
         {misplaced({generate, allowSender, rate, rcptRate}, Action::UserAdd),
          misplaced({certOut, certEcdsa, certRsa, certName, certDays, certForce, certEncrypt},
                    Action::CertGenerate)}) {
        if (!name.isEmpty())
            return failure(QStringLiteral("relaydeskd: --%1 does not apply here (see "
                                          "'relaydeskd --help')")
                               .arg(name));
    }
    if (result.action == Action::UserAdd) {
        result.user.generatePassword = parser.isSet(generate);
        result.user.allowedSenders = parser.values(allowSender);
        for (const auto& [option, out] : {std::pair{rate, &result.user.messagesPerMinute},
                                          std::pair{rcptRate, &result.user.recipientsPerHour}}) {
            if (!parser.isSet(option))
                continue;
            bool ok = false;
            const int value = parser.value(option).toInt(&ok);
            if (!ok || value < 1 || value > LimitsConfig::kMaxRate)
                return failure(optionError(
                    option.names().constFirst(), parser.value(option),
                    QStringLiteral("expected a number from 1 to %1").arg(LimitsConfig::kMaxRate)));
            *out = value;
        }
    }
    if (result.action == Action::CertGenerate) {
        if (!parser.isSet(certOut))
            return failure(QStringLiteral("relaydeskd: cert generate needs --out DIR"));
        if (parser.isSet(certEcdsa) && parser.isSet(certRsa))
            return failure(QStringLiteral("relaydeskd: --ecdsa and --rsa exclude each other"));
        result.cert.outDir = parser.value(certOut);
        result.cert.rsa = parser.isSet(certRsa);
        result.cert.names = parser.values(certName);
        result.cert.force = parser.isSet(certForce);
        result.cert.encryptKey = parser.isSet(certEncrypt);
        if (parser.isSet(certDays)) {
            bool ok = false;
            const int days = parser.value(certDays).toInt(&ok);
            if (!ok || days < 1 || days > 825)
                return failure(optionError(QStringLiteral("days"), parser.value(certDays),
                                           QStringLiteral("expected 1 to 825 days")));
            result.cert.validityDays = days;
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
            listener.keyPassphraseRef = cfg.tls.keyPassphraseRef;
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
        // An encrypted key's passphrase: --tls-key-passphrase-ref (below), else
        // [tls] key-passphrase-ref of --config.
        for (ListenerConfig& listener : cfg.listeners) {
            listener.certFile = cfg.tls.certFile;
            listener.keyFile = cfg.tls.keyFile;
            listener.keyPassphraseRef = cfg.tls.keyPassphraseRef;
        }
    }
    if (parser.isSet(tlsKeyPassphraseRef)) {
        const QString value = parser.value(tlsKeyPassphraseRef);
        QString why;
        const auto reference = CredentialReference::parse(value, &why);
        if (!reference || reference->isNull()) {
            // Something without a scheme may be the passphrase itself: not echoed.
            const QString shown = CredentialReference::hasKnownScheme(value)
                                      ? QStringLiteral("--tls-key-passphrase-ref \"%1\"").arg(value)
                                      : QStringLiteral("--tls-key-passphrase-ref");
            return failure(QStringLiteral("relaydeskd: %1: %2 (the reference, never the "
                                          "passphrase itself)\nTry 'relaydeskd --help'.")
                               .arg(shown, why.isEmpty() ? QStringLiteral("empty") : why));
        }
        if (cfg.tls.keyFile.isEmpty())
            return failure(QStringLiteral("relaydeskd: --tls-key-passphrase-ref needs --tls-key "
                                          "(or key-file in [tls] of --config)\nTry 'relaydeskd "
                                          "--help'."));
        // The listeners on [tls]'s key take it; one with its own key keeps its own.
        for (ListenerConfig& listener : cfg.listeners) {
            if (listener.keyFile == cfg.tls.keyFile)
                listener.keyPassphraseRef = *reference;
        }
        cfg.tls.keyPassphraseRef = *reference;
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
        const CredentialReference reference{CredentialReference::Scheme::File,
                                            QFileInfo(value).absoluteFilePath()};
        QString why;
        if (!reference.checkFile(&why))
            return failure(optionError(QStringLiteral("smarthost-password-file"), value, why));
        cfg.smarthost.passwordRef = reference;
    }
    if (parser.isSet(smarthostCa)) {
        const QString value = parser.value(smarthostCa);
        if (!readableFile(value))
            return failure(optionError(QStringLiteral("smarthost-ca"), value,
                                       QStringLiteral("no such readable file")));
        cfg.smarthost.caFile = QFileInfo(value).absoluteFilePath();
    }
    // Whole numbers and durations, with the same ranges as the INI keys.
    struct Count
    {
        const QCommandLineOption& option;
        int max;
        int* target;
    };
    for (const Count& count :
         {Count{smarthostConnections, SmarthostConfig::kMaxConnections,
                &cfg.smarthost.maxConnections},
          Count{maxRecipients, LimitsConfig::kMaxCount, &cfg.limits.maxRecipients},
          Count{maxSessions, LimitsConfig::kMaxCount, &cfg.limits.maxSessions},
          Count{maxSessionsPerClient, LimitsConfig::kMaxCount, &cfg.limits.maxSessionsPerClient}}) {
        if (!parser.isSet(count.option))
            continue;
        const QString value = parser.value(count.option);
        const auto number = ConfigValueParser::parseInteger(value, 1, count.max);
        if (!number)
            return failure(
                optionError(count.option.names().constFirst(), value,
                            QStringLiteral("not a whole number between 1 and %1").arg(count.max)));
        *count.target = static_cast<int>(*number);
    }
    // A per-client cap above the overall one means the same as equal to it:
    // lowering --max-sessions alone must not need the other option too.
    if (parser.isSet(maxSessions) && !parser.isSet(maxSessionsPerClient))
        cfg.limits.maxSessionsPerClient =
            std::min(cfg.limits.maxSessionsPerClient, cfg.limits.maxSessions);
    for (const Count& duration :
         {Count{commandTimeout, LimitsConfig::kMaxTimeoutSeconds,
                &cfg.limits.commandTimeoutSeconds},
          Count{dataTimeout, LimitsConfig::kMaxTimeoutSeconds, &cfg.limits.dataTimeoutSeconds},
          Count{maxAge, RetryConfig::kMaxAgeSeconds, &cfg.retry.maxAgeSeconds}}) {
        if (!parser.isSet(duration.option))
            continue;
        const QString value = parser.value(duration.option);
        const auto seconds = ConfigValueParser::parseDuration(value);
        if (!seconds || *seconds > duration.max)
            return failure(optionError(duration.option.names().constFirst(), value,
                                       QStringLiteral("not a duration between 1s and %1s (e.g. "
                                                      "30, 90s, 5m, 1h, 5d)")
                                           .arg(duration.max)));
        *duration.target = static_cast<int>(*seconds);
    }
    if (parser.isSet(retrySchedule)) {
        const QString value = parser.value(retrySchedule);
        QStringList items;
        for (const QString& item : value.split(QLatin1Char(','))) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
        const auto schedule = ConfigValueParser::parseDurationList(items);
        if (!schedule)
            return failure(optionError(QStringLiteral("retry-schedule"), value,
                                       QStringLiteral("expected a comma separated list of "
                                                      "durations, e.g. 1m,5m,15m,30m,1h or "
                                                      "1s,2s,5s")));
        cfg.retry.scheduleSeconds = *schedule;
    }
    // After --listen: the flags apply to the listeners that will run.
    for (ListenerConfig& listener : cfg.listeners) {
        if (parser.isSet(requireAuth))
            listener.requireAuth = true;
        if (parser.isSet(allowPlainAuth))
            listener.allowPlainAuth = true;
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
