#pragma once

#include "CredentialStore.h"

namespace RelayDesk::Auth {

/// Secrets in one private file (default <dataDir>/credentials, mode 0600,
/// owned by the user running the relay; "name:base64" lines), for headless
/// servers without a Secret Service. A file open to group or others is
/// refused with an error that says how to fix it.
class FileCredentialStore final : public CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileCredentialStore)

public:
    explicit FileCredentialStore(const QString& filePath, QObject* parent = nullptr);

    static QString defaultPath(const QString& dataDir);
    QString filePath() const { return m_filePath; }

    void read(const QString& name, Callback done) override;
    void write(const QString& name, const QString& secret, Callback done) override;
    void remove(const QString& name, Callback done) override;

private:
    using Entries = QList<std::pair<QString, QString>>;
    CredentialResult load(Entries* entries) const;
    CredentialResult save(const Entries& entries) const;
    void deliver(Callback done, const CredentialResult& result);

    QString m_filePath;
};

} // namespace RelayDesk::Auth
