#pragma once

#include "RelayConfig.h"

#include <QString>
#include <QStringList>

namespace RelayDesk::Config {

/// The command line of relaydeskd. Loads --config FILE (built-in defaults
/// without it), then applies the other options on top; --listen and --allow
/// replace the file's lists instead of adding to them. Does no I/O besides
/// reading the configuration file and checking that named files exist: the
/// caller prints Result::text and, for `user add` and `secret set`, reads
/// the password or secret from stdin.
class DaemonCommandLine
{
public:
    enum class Action {
        Run,          ///< start the relay with Result::config
        ShowHelp,     ///< print Result::text to stdout, exit 0
        ShowVersion,  ///< print Result::text to stdout, exit 0
        Error,        ///< print Result::text to stderr, exit 2
        UserAdd,      ///< add Result::userName; password on stdin
        UserList,     ///< list the local SMTP AUTH accounts
        UserDelete,   ///< delete Result::userName
        SecretSet,    ///< store a secret under Result::secretRef; secret on stdin
        SecretDelete, ///< delete the secret Result::secretRef
        CertGenerate, ///< write a self-signed certificate and key to Result::cert.outDir
        CertShow,     ///< print what Result::cert.file holds
    };

    /// `user add` options (issue 5): account policy and a generated password.
    struct UserOptions
    {
        bool generatePassword = false; ///< --generate: no stdin, print the new password once
        QStringList allowedSenders;    ///< --allow-sender (repeatable); empty: any sender
        int messagesPerMinute = 0;     ///< --rate
        int recipientsPerHour = 0;     ///< --rcpt-rate
    };

    /// `cert generate|show` options.
    struct CertOptions
    {
        QString outDir;          ///< generate: --out DIR
        bool rsa = false;        ///< --rsa (RSA 3072) instead of ECDSA P-256 (--ecdsa)
        QStringList names;       ///< --name (repeatable): extra DNS names
        int validityDays = 825;  ///< --days
        bool force = false;      ///< --force: replace existing files
        bool encryptKey = false; ///< --encrypt: key passphrase read from stdin
        QString file;            ///< show: the certificate file
    };

    struct Result
    {
        Action action = Action::Error;
        QString text;       ///< help, version or error message
        RelayConfig config; ///< valid for Run and the user actions
        QString userName;   ///< UserAdd, UserDelete
        /// SecretSet, SecretDelete: a keychain: or local: reference.
        CredentialReference secretRef;
        UserOptions user;
        CertOptions cert;
    };

    /// arguments as from QCoreApplication::arguments() (program name first).
    static Result parse(const QStringList& arguments, const QString& version);
};

} // namespace RelayDesk::Config
