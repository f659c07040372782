#pragma once

#include "auth/AccountPolicy.h"
#include "auth/LockedOutClient.h"
#include "store/AuditEntry.h"
#include "tls/CertificateGenerator.h"
#include "tls/CertificateInfo.h"

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace RelayDesk::Service {

/// Value snapshots of the security admin API (issue 5): local accounts,
/// stored credentials and listener certificates. Like AdminTypes, plain
/// values copied across threads; none ever holds a secret except
/// RelayService::credentialRevealed's explicit answer.

/// One local SMTP AUTH account (never its hash).
struct AccountInfo
{
    QString name;
    Auth::AccountPolicy policy;
};

/// One credential reference the configuration uses, and whether a secret is
/// stored for it (never the secret itself).
struct CredentialInfo
{
    QString reference;   ///< "keychain:NAME", "local:NAME" or "file:/path" as in the INI
    QStringList usedBy;  ///< smarthost names using it ("" = the default [smarthost])
    QStringList keyOf;   ///< listeners whose TLS key passphrase it is
    bool stored = false; ///< a secret exists under that reference
    QString backend;     ///< "keychain", "local" (the daemon's 0600 file) or "file"
    QString error;       ///< why the store could not be read (e.g. no Secret Service)
};

/// A listener's certificate as the Certificates page shows it.
struct ListenerCertificate
{
    QString listener; ///< listener name
    QString certFile;
    QString keyFile;
    Tls::CertificateInfo info; ///< empty when error is set
    QString error;             ///< unreadable file, no certificate configured ...
};

/// One secret that migratePlaintextSecrets moved out of the INI file.
struct MigratedSecret
{
    QString section;   ///< "smarthost", "smarthost.backup" ...
    QString key;       ///< the key that held the secret ("password")
    QString reference; ///< what replaced it ("password-ref = keychain:NAME")
};

} // namespace RelayDesk::Service

Q_DECLARE_METATYPE(RelayDesk::Service::AccountInfo)
Q_DECLARE_METATYPE(RelayDesk::Service::CredentialInfo)
Q_DECLARE_METATYPE(RelayDesk::Service::ListenerCertificate)
Q_DECLARE_METATYPE(RelayDesk::Service::MigratedSecret)
