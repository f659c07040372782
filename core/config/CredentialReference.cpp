#include "CredentialReference.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <sys/stat.h>
#include <unistd.h>

namespace RelayDesk::Config {

QString CredentialReference::toString() const
{
    switch (scheme) {
    case Scheme::None:
        return {};
    case Scheme::Keychain:
        return QStringLiteral("keychain:") + name;
    case Scheme::Local:
        return QStringLiteral("local:") + name;
    case Scheme::File:
        return QStringLiteral("file:") + name;
    case Scheme::Systemd:
        return QStringLiteral("systemd:") + name;
    }
    return {};
}

bool CredentialReference::hasKnownScheme(const QString& text)
{
    static const QStringList schemes{QStringLiteral("keychain"), QStringLiteral("local"),
                                     QStringLiteral("systemd"), QStringLiteral("file")};
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    return colon > 0 && schemes.contains(text.left(colon));
}

std::optional<CredentialReference> CredentialReference::parse(const QString& text, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored; // callers that only ask "is it one?" pass nullptr
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    const QString expected =
        QStringLiteral("expected keychain:NAME, local:NAME, systemd:NAME or file:/absolute/path");
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("not a credential reference; ") + expected;
        return std::nullopt;
    }
    const QString scheme = text.left(colon);
    const QString rest = text.mid(colon + 1);
    if (scheme == QLatin1String("keychain") || scheme == QLatin1String("local") ||
        scheme == QLatin1String("systemd")) {
        if (!namePattern.match(rest).hasMatch()) {
            *error = QStringLiteral("invalid credential name \"%1\" (1-64 characters of "
                                    "A-Z a-z 0-9 . _ -)")
                         .arg(rest);
            return std::nullopt;
        }
        const Scheme parsed = scheme == QLatin1String("keychain") ? Scheme::Keychain
                              : scheme == QLatin1String("local")  ? Scheme::Local
                                                                  : Scheme::Systemd;
        return CredentialReference{parsed, rest};
    }
    if (scheme == QLatin1String("file")) {
        if (rest.isEmpty() || !QDir::isAbsolutePath(rest)) {
            *error = QStringLiteral("file: needs an absolute path, e.g. "
                                    "file:/etc/relaydesk/smarthost.secret");
            return std::nullopt;
        }
        return CredentialReference{Scheme::File, QDir::cleanPath(rest)};
    }
    *error = QStringLiteral("unknown credential scheme \"%1\"; ").arg(scheme) + expected;
    return std::nullopt;
}

bool CredentialReference::checkFile(QString* error) const
{
    if (scheme != Scheme::File)
        return true;
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(name).constData(), &info) != 0) {
        *error = QStringLiteral("%1: no such file").arg(name);
        return false;
    }
    if (!S_ISREG(info.st_mode)) {
        *error = QStringLiteral("%1: not a regular file").arg(name);
        return false;
    }
    if (info.st_uid != ::geteuid()) {
        *error = QStringLiteral("%1: owned by uid %2, not by the user running RelayDesk (uid %3)")
                     .arg(name)
                     .arg(info.st_uid)
                     .arg(::geteuid());
        return false;
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        *error = QStringLiteral("%1: accessible by group or others (mode %2); it holds a secret, "
                                "run: chmod 600 %1")
                     .arg(name)
                     .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return false;
    }
    return true;
}

} // namespace RelayDesk::Config
