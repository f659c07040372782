#include "CredentialReference.h"

#include <QDir>
#include <QRegularExpression>

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
    }
    return {};
}

std::optional<CredentialReference> CredentialReference::parse(const QString& text, QString* error)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    const QString expected =
        QStringLiteral("expected keychain:NAME, local:NAME or file:/absolute/path");
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("not a credential reference; ") + expected;
        return std::nullopt;
    }
    const QString scheme = text.left(colon);
    const QString rest = text.mid(colon + 1);
    if (scheme == QLatin1String("keychain") || scheme == QLatin1String("local")) {
        if (!namePattern.match(rest).hasMatch()) {
            *error = QStringLiteral("invalid credential name \"%1\" (1-64 characters of "
                                    "A-Z a-z 0-9 . _ -)")
                         .arg(rest);
            return std::nullopt;
        }
        return CredentialReference{
            scheme == QLatin1String("keychain") ? Scheme::Keychain : Scheme::Local, rest};
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

} // namespace RelayDesk::Config
