#include "FileCredentialStore.h"

#include "PrivateFile.h"

#include <QDir>
#include <QRegularExpression>

namespace RelayDesk::Auth {

namespace {

bool isValidName(const QString& name)
{
    // Same rule as the local:NAME reference in the configuration.
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

CredentialResult badName(const QString& name)
{
    return {CredentialResult::Status::Failed,
            {},
            QStringLiteral("invalid credential name \"%1\" (1-64 characters of A-Z a-z 0-9 . _ -)")
                .arg(name)};
}

} // namespace

FileCredentialStore::FileCredentialStore(const QString& filePath, QObject* parent)
    : CredentialStore(parent), m_filePath(filePath)
{}

QString FileCredentialStore::defaultPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("credentials"));
}

void FileCredentialStore::read(const QString& name, Callback done)
{
    if (!isValidName(name))
        return deliver(std::move(done), badName(name));
    Entries entries;
    CredentialResult result = load(&entries);
    if (result.ok()) {
        result = {CredentialResult::Status::NotFound,
                  {},
                  QStringLiteral("no credential \"%1\" in %2").arg(name, m_filePath)};
        for (const auto& [key, secret] : entries) {
            if (key == name)
                result = {CredentialResult::Status::Ok, secret, {}};
        }
    }
    deliver(std::move(done), result);
}

void FileCredentialStore::write(const QString& name, const QString& secret, Callback done)
{
    if (!isValidName(name))
        return deliver(std::move(done), badName(name));
    Entries entries;
    CredentialResult result = load(&entries);
    if (result.ok()) {
        bool replaced = false;
        for (auto& entry : entries) {
            if (entry.first == name) {
                entry.second = secret;
                replaced = true;
            }
        }
        if (!replaced)
            entries.append({name, secret});
        result = save(entries);
    }
    deliver(std::move(done), result);
}

void FileCredentialStore::remove(const QString& name, Callback done)
{
    if (!isValidName(name))
        return deliver(std::move(done), badName(name));
    Entries entries;
    CredentialResult result = load(&entries);
    if (result.ok()) {
        const qsizetype removed =
            entries.removeIf([&name](const auto& entry) { return entry.first == name; });
        if (removed > 0)
            result = save(entries);
    }
    deliver(std::move(done), result);
}

CredentialResult FileCredentialStore::load(Entries* entries) const
{
    QString error;
    bool missing = false;
    const auto data = PrivateFile::read(m_filePath, 1024 * 1024, &error, &missing);
    if (!data) {
        if (missing)
            return {CredentialResult::Status::Ok, {}, {}};
        return {CredentialResult::Status::Unavailable, {}, error};
    }
    const QList<QByteArray> lines = data->split('\n');
    for (int index = 0; index < lines.size(); ++index) {
        const QByteArray line = lines.at(index).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        const QString name = QString::fromUtf8(line.left(colon));
        const auto secret = QByteArray::fromBase64Encoding(
            line.mid(colon + 1),
            QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (colon <= 0 || !isValidName(name) || !secret) {
            // The line number only: the line holds a secret.
            return {CredentialResult::Status::Unavailable,
                    {},
                    QStringLiteral("%1:%2: malformed entry (expected name:base64)")
                        .arg(m_filePath)
                        .arg(index + 1)};
        }
        entries->append({name, QString::fromUtf8(*secret)});
    }
    return {CredentialResult::Status::Ok, {}, {}};
}

CredentialResult FileCredentialStore::save(const Entries& entries) const
{
    QByteArray data;
    for (const auto& [name, secret] : entries)
        data += name.toUtf8() + ':' + secret.toUtf8().toBase64() + '\n';
    QString error;
    if (!PrivateFile::write(m_filePath, data, &error))
        return {CredentialResult::Status::Failed, {}, error};
    return {CredentialResult::Status::Ok, {}, {}};
}

void FileCredentialStore::deliver(Callback done, const CredentialResult& result)
{
    // Queued, so callers see the same ordering as with the keychain store
    // and never re-enter their own code from inside read()/write().
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result]() { done(result); }, Qt::QueuedConnection);
}

} // namespace RelayDesk::Auth
