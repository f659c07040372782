#include "CredentialsPage.h"

#include "CredentialEntryDialog.h"
#include "CredentialModel.h"
#include "CredentialRevealDialog.h"
#include "ListView.h"
#include "service/RelayService.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("credentials/header");

QFrame* banner(QWidget* parent, const QString& name, QLabel* text, QPushButton* button)
{
    auto* frame = new QFrame(parent);
    frame->setObjectName(name);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::ToolTipBase); // readable in light and dark palettes
    frame->setForegroundRole(QPalette::ToolTipText);
    text->setParent(frame);
    text->setWordWrap(true);
    text->setForegroundRole(QPalette::ToolTipText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    button->setParent(frame);
    auto* layout = new QHBoxLayout(frame);
    layout->addWidget(text, 1);
    layout->addWidget(button);
    frame->hide();
    return frame;
}

} // namespace

CredentialsPage::CredentialsPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new CredentialModel(this);
    m_proxy = sortedProxy(m_model, CredentialModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("credentialsView"),
                           .sortColumn = CredentialModel::ReferenceColumn,
                           .sortOrder = Qt::AscendingOrder,
                           .selection = QAbstractItemView::SingleSelection,
                           .headerKey = headerKey},
                          this, &m_columnsSized);

    m_keychainText = new QLabel;
    m_keychainText->setObjectName(QStringLiteral("keychainText"));
    m_useFileStoreButton = new QPushButton(tr("Use the &file store…"));
    m_useFileStoreButton->setObjectName(QStringLiteral("useFileStore"));
    m_keychainBanner =
        banner(this, QStringLiteral("keychainBanner"), m_keychainText, m_useFileStoreButton);
    m_migrationText = new QLabel;
    m_migrationText->setObjectName(QStringLiteral("migrationText"));
    m_migrateButton = new QPushButton(tr("&Move into the keychain…"));
    m_migrateButton->setObjectName(QStringLiteral("migrateSecrets"));
    m_migrationBanner =
        banner(this, QStringLiteral("migrationBanner"), m_migrationText, m_migrateButton);

    m_add = new QPushButton(tr("&Add…"), this);
    m_add->setObjectName(QStringLiteral("addCredential"));
    m_replace = new QPushButton(tr("&Replace…"), this);
    m_replace->setObjectName(QStringLiteral("replaceCredential"));
    m_delete = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteCredential"));
    m_reveal = new QPushButton(tr("&Show…"), this);
    m_reveal->setObjectName(QStringLiteral("revealCredential"));
    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("testCredential"));
    m_test->setToolTip(tr("Log in to the smarthost that uses this secret (no mail is sent)."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("credentialsStatus"));
    m_status->setWordWrap(true);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("credentialTestResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QHBoxLayout;
    for (auto* button : {m_add, m_replace, m_delete, m_reveal, m_test})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_keychainBanner);
    layout->addWidget(m_migrationBanner);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_testResult);
    setTabOrder(m_view, m_add);
    setTabOrder(m_add, m_replace);
    setTabOrder(m_replace, m_delete);
    setTabOrder(m_delete, m_reveal);
    setTabOrder(m_reveal, m_test);

    connect(m_add, &QPushButton::clicked, this, &CredentialsPage::addCredential);
    connect(m_replace, &QPushButton::clicked, this, &CredentialsPage::replaceSelected);
    connect(m_delete, &QPushButton::clicked, this, &CredentialsPage::confirmDelete);
    connect(m_reveal, &QPushButton::clicked, this, &CredentialsPage::confirmReveal);
    connect(m_test, &QPushButton::clicked, this, &CredentialsPage::testSelected);
    connect(m_useFileStoreButton, &QPushButton::clicked, this, &CredentialsPage::chooseFileStore);
    connect(m_migrateButton, &QPushButton::clicked, this, &CredentialsPage::confirmMigration);
    connect(m_view, &QTableView::activated, this, &CredentialsPage::replaceSelected);
    auto* deleteKey = new QShortcut(QKeySequence::Delete, m_view);
    deleteKey->setContext(Qt::WidgetShortcut);
    connect(deleteKey, &QShortcut::activated, this, &CredentialsPage::confirmDelete);
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &CredentialsPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CredentialsPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CredentialsPage::updateButtons);

    connect(m_relay, &Service::RelayService::credentialsReady, this,
            &CredentialsPage::showCredentials);
    connect(m_relay, &Service::RelayService::keychainStatusReady, this,
            &CredentialsPage::showKeychainStatus);
    connect(m_relay, &Service::RelayService::credentialRevealed, this, &CredentialsPage::revealed);
    connect(m_relay, &Service::RelayService::credentialTested, this, &CredentialsPage::tested);
    connect(m_relay, &Service::RelayService::plaintextSecretsMigrated, this,
            &CredentialsPage::migrated);
    connect(m_relay, &Service::RelayService::actionDone, this, &CredentialsPage::actionDone);
    updateButtons();
}

CredentialsPage::~CredentialsPage()
{
    saveListViewHeader(m_view, headerKey);
}

void CredentialsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void CredentialsPage::refresh()
{
    m_relay->requestKeychainStatus();
    m_relay->requestCredentials();
}

QString CredentialsPage::selectedReference() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : rows.first().data(CredentialModel::ReferenceRole).toString();
}

void CredentialsPage::updateButtons()
{
    const QString reference = selectedReference();
    const int row = m_model->rowOf(reference);
    const bool selected = row >= 0;
    // file: and systemd: secrets are managed outside RelayDesk.
    const auto parsed = Config::CredentialReference::parse(reference, nullptr);
    const bool writable = selected && parsed && parsed->isWritable();
    const bool stored = selected && m_model->credentialAt(row).stored;
    m_replace->setEnabled(writable);
    m_delete->setEnabled(writable && stored);
    m_reveal->setEnabled(stored && m_pendingReveal.isEmpty());
    m_test->setEnabled(selected && !m_model->credentialAt(row).usedBy.isEmpty() && !m_testPending);
}

void CredentialsPage::showCredentials(const QVector<Service::CredentialInfo>& credentials)
{
    const QString selected = selectedReference();
    m_model->setCredentials(credentials);
    if (!m_columnsSized && !credentials.isEmpty()) {
        // No saved layout: fit the columns to the first rows, once.
        m_view->resizeColumnsToContents();
        m_columnsSized = true;
    }
    int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    if (row < 0 && m_model->rowCount() > 0)
        row = m_proxy->mapToSource(m_proxy->index(0, 0)).row();
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                                  QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
    if (credentials.isEmpty() && m_status->text().isEmpty())
        m_status->setText(tr("The configuration uses no stored secrets."));
    updateButtons();
}

void CredentialsPage::showKeychainStatus(const QString& status)
{
    m_keychainAvailable = status == QLatin1String("available");
    if (m_keychainAvailable) {
        m_keychainBanner->hide();
        return;
    }
    QString text = tr("<b>No keychain available.</b> %1").arg(status.toHtmlEscaped());
    if (m_useFileStore)
        text += QStringLiteral("<br>") +
                tr("You chose the daemon's file store: new secrets go into a file only this "
                   "user can read (local: references).");
    m_keychainText->setText(text);
    m_useFileStoreButton->setVisible(!m_useFileStore);
    m_keychainBanner->show();
}

QMessageBox* CredentialsPage::confirm(const QString& objectName, const QString& title,
                                      const QString& text, const QString& yesText)
{
    if (m_confirmation)
        return nullptr;
    auto* box = new QMessageBox(QMessageBox::Warning, title, text,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->button(QMessageBox::Yes)->setText(yesText);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    return box;
}

void CredentialsPage::chooseFileStore()
{
    auto* box =
        confirm(QStringLiteral("fileStoreConfirmation"), tr("Use the file store"),
                tr("Store secrets in the daemon's file store instead of a keychain? The file is "
                   "readable only by this user (mode 0600) but is not encrypted: anyone with this "
                   "user's or root's rights can read it."),
                tr("Use the file store"));
    if (!box)
        return;
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_useFileStore = true;
        m_relay->requestKeychainStatus();
    });
    box->open();
}

void CredentialsPage::addCredential()
{
    auto* dialog = new CredentialEntryDialog({}, this);
    if (m_useFileStore && !m_keychainAvailable)
        dialog->setLocalDefault();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString reference = dialog->reference();
        if (reference.startsWith(QLatin1String("local:")) && !m_keychainAvailable &&
            !m_useFileStore) {
            m_status->setText(tr("Choose \"Use the file store\" first, or start a keychain."));
            return;
        }
        m_status->setText(tr("Storing %1…").arg(reference));
        m_relay->storeCredential(reference, dialog->secret());
    });
    dialog->open();
}

void CredentialsPage::replaceSelected()
{
    const QString reference = selectedReference();
    if (reference.isEmpty() || !m_replace->isEnabled())
        return;
    storeFrom(reference);
}

void CredentialsPage::storeFrom(const QString& reference)
{
    auto* dialog = new CredentialEntryDialog(reference, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_status->setText(tr("Storing %1…").arg(dialog->reference()));
        m_relay->storeCredential(dialog->reference(), dialog->secret());
    });
    dialog->open();
}

void CredentialsPage::confirmDelete()
{
    const QString reference = selectedReference();
    if (reference.isEmpty() || !m_delete->isEnabled())
        return;
    auto* box = confirm(QStringLiteral("deleteCredentialConfirmation"), tr("Delete secret"),
                        tr("Delete the secret stored under %1? Mail to a smarthost that uses "
                           "it will wait until a new one is stored.")
                            .arg(reference),
                        tr("Delete"));
    if (!box)
        return;
    connect(box, &QMessageBox::finished, this, [this, box, reference] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_status->setText(tr("Deleting %1…").arg(reference));
        m_relay->deleteCredential(reference);
    });
    box->open();
}

void CredentialsPage::confirmReveal()
{
    const QString reference = selectedReference();
    if (reference.isEmpty() || !m_reveal->isEnabled())
        return;
    auto* box = confirm(QStringLiteral("revealConfirmation"), tr("Show secret"),
                        tr("Show the secret stored under %1 on screen for %n second(s)? This "
                           "is recorded in the audit log.",
                           nullptr, CredentialRevealDialog::DefaultSeconds)
                            .arg(reference),
                        tr("Show"));
    if (!box)
        return;
    connect(box, &QMessageBox::finished, this, [this, box, reference] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_pendingReveal = reference;
        updateButtons();
        m_relay->revealCredential(reference);
    });
    box->open();
}

void CredentialsPage::revealed(const QString& reference, const QString& secret,
                               const QString& error)
{
    // Only the answer to our own confirmed request is shown.
    if (reference != m_pendingReveal)
        return;
    m_pendingReveal.clear();
    updateButtons();
    if (!error.isEmpty()) {
        m_status->setText(tr("%1 could not be read: %2").arg(reference, error));
        return;
    }
    if (m_revealDialog)
        m_revealDialog->close();
    m_revealDialog =
        new CredentialRevealDialog(reference, secret, CredentialRevealDialog::DefaultSeconds, this);
    m_revealDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_revealDialog->open();
}

void CredentialsPage::testSelected()
{
    const int row = m_model->rowOf(selectedReference());
    if (row < 0 || m_model->credentialAt(row).usedBy.isEmpty() || m_testPending)
        return;
    m_pendingTest = m_model->credentialAt(row).usedBy.first(); // "" = the default smarthost
    m_testPending = true;
    m_testResult->setText(tr("Testing the login…"));
    updateButtons();
    m_relay->testCredential(m_pendingTest);
}

void CredentialsPage::tested(const QString& smarthost, bool ok, const QString& text)
{
    if (!m_testPending || smarthost != m_pendingTest)
        return;
    m_testPending = false;
    const QString name = smarthost.isEmpty() ? tr("the default smarthost") : smarthost;
    m_testResult->setText(ok ? tr("✔ Login to %1 works: %2").arg(name, text)
                             : tr("✘ Login to %1 failed: %2").arg(name, text));
    updateButtons();
}

void CredentialsPage::offerMigration(const QString& configPath, const QStringList& locations)
{
    m_migrationPath = configPath;
    m_migrationText->setText(
        tr("<b>Secrets in plain text.</b> %1 holds secrets in plain text (%2). Move them into "
           "the keychain; the file then keeps only references.")
            .arg(configPath.toHtmlEscaped(), locations.join(QStringLiteral(", ")).toHtmlEscaped()));
    m_migrateButton->setEnabled(true);
    m_migrationBanner->show();
}

void CredentialsPage::confirmMigration()
{
    if (m_migrationPath.isEmpty())
        return;
    auto* box = confirm(QStringLiteral("migrationConfirmation"), tr("Move secrets"),
                        tr("Move the plain-text secrets of %1 into the keychain? The file is "
                           "rewritten with references; a copy is kept as %1.bak (delete it once "
                           "the relay works).")
                            .arg(m_migrationPath),
                        tr("Move"));
    if (!box)
        return;
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        m_migrateButton->setEnabled(false);
        m_relay->migratePlaintextSecrets(m_migrationPath);
    });
    box->open();
}

void CredentialsPage::migrated(const QString& configPath,
                               const QVector<Service::MigratedSecret>& moved, const QString& error)
{
    if (configPath != m_migrationPath)
        return;
    if (!error.isEmpty()) {
        m_migrationText->setText(tr("The secrets were not moved: %1").arg(error.toHtmlEscaped()));
        m_migrateButton->setEnabled(true);
        return;
    }
    QStringList lines;
    for (const auto& secret : moved)
        lines << tr("[%1] %2 → %3").arg(secret.section, secret.key, secret.reference);
    m_migrationBanner->hide();
    m_status->setText(tr("Moved %n secret(s) into the keychain: ", nullptr, int(moved.size())) +
                      lines.join(QStringLiteral("; ")));
    refresh();
}

void CredentialsPage::actionDone(const Service::ActionResult& result)
{
    if (result.action == QLatin1String("credential-store"))
        m_status->setText(result.error.isEmpty() ? tr("Secret stored.")
                                                 : tr("Not stored: %1").arg(result.error));
    else if (result.action == QLatin1String("credential-delete"))
        m_status->setText(result.error.isEmpty() ? tr("Secret deleted.")
                                                 : tr("Not deleted: %1").arg(result.error));
    else
        return;
    refresh();
}

} // namespace RelayDesk::Ui
