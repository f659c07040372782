#pragma once

#include "service/AdminTypes.h"
#include "service/SecurityTypes.h"

#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QMessageBox;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class CredentialModel;
class CredentialRevealDialog;

/// The Credentials page: the secret references the configuration uses
/// (smarthost passwords, API keys ...) and whether a secret is stored for
/// each, never the secret itself unless the admin asks and confirms (then
/// for 30 s). Adds, replaces, deletes and tests secrets; says clearly when
/// no keychain is available and only uses the daemon's file store when the
/// admin chooses it; offers to move plain-text secrets out of the INI file.
class CredentialsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsPage)

public:
    explicit CredentialsPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~CredentialsPage() override;

    void refresh();
    /// Reference of the selected row, empty when none.
    QString selectedReference() const;

    void addCredential();
    void replaceSelected();
    void confirmDelete();
    void confirmReveal();
    void testSelected();

    /// Shows the banner offering to move plain-text secrets found in
    /// `configPath` (e.g. "[smarthost] password") into the keychain.
    void offerMigration(const QString& configPath, const QStringList& locations);
    /// True after the admin explicitly chose the daemon's file store.
    bool usesFileStore() const { return m_useFileStore; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showCredentials(const QVector<Service::CredentialInfo>& credentials);
    void showKeychainStatus(const QString& status);
    void chooseFileStore();
    void confirmMigration();
    void migrated(const QString& configPath, const QVector<Service::MigratedSecret>& moved,
                  const QString& error);
    void revealed(const QString& reference, const QString& secret, const QString& error);
    void tested(const QString& smarthost, bool ok, const QString& text);
    void actionDone(const Service::ActionResult& result);
    void storeFrom(const QString& reference);
    void updateButtons();
    QMessageBox* confirm(const QString& objectName, const QString& title, const QString& text,
                         const QString& yesText);

    Service::RelayService* m_relay;
    CredentialModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    bool m_columnsSized = false; ///< a saved layout, or fitted to the first rows
    QFrame* m_keychainBanner = nullptr;
    QLabel* m_keychainText = nullptr;
    QPushButton* m_useFileStoreButton = nullptr;
    QFrame* m_migrationBanner = nullptr;
    QLabel* m_migrationText = nullptr;
    QPushButton* m_migrateButton = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_replace = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_reveal = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_testResult = nullptr;
    QPointer<QMessageBox> m_confirmation;
    QPointer<CredentialRevealDialog> m_revealDialog;
    QString m_pendingReveal;
    QString m_pendingTest; ///< smarthost being tested ("" = the default one)
    bool m_testPending = false;
    QString m_migrationPath;
    bool m_keychainAvailable = true;
    bool m_useFileStore = false;
};

} // namespace RelayDesk::Ui
