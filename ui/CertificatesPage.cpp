#include "CertificatesPage.h"

#include "CertificateGenerateDialog.h"
#include "CertificateModel.h"
#include "ListView.h"
#include "service/RelayService.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace RelayDesk::Ui {

namespace {

const QString headerKey = QStringLiteral("certificates/header");

bool isPkcs12(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("p12") || suffix == QLatin1String("pfx");
}

} // namespace

CertificatesPage::CertificatesPage(Service::RelayService* relay, QWidget* parent)
    : QWidget(parent), m_relay(relay)
{
    m_model = new CertificateModel(this);
    m_proxy = sortedProxy(m_model, CertificateModel::SortRole, this);
    m_view = makeListView(m_proxy,
                          {.objectName = QStringLiteral("certificatesView"),
                           .sortColumn = CertificateModel::ListenerColumn,
                           .sortOrder = Qt::AscendingOrder,
                           .selection = QAbstractItemView::SingleSelection,
                           .wordWrap = false,
                           .headerKey = headerKey},
                          this);

    m_legacyWarning = new QLabel(this);
    m_legacyWarning->setObjectName(QStringLiteral("legacyTlsWarning"));
    m_legacyWarning->setWordWrap(true);
    m_legacyWarning->hide();
    m_generate = new QPushButton(tr("&Generate self-signed…"), this);
    m_generate->setObjectName(QStringLiteral("generateCertificate"));
    m_import = new QPushButton(tr("&Import PEM / PKCS#12…"), this);
    m_import->setObjectName(QStringLiteral("importCertificate"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("certificatesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_import);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_legacyWarning);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setTabOrder(m_view, m_generate);
    setTabOrder(m_generate, m_import);

    connect(m_generate, &QPushButton::clicked, this, &CertificatesPage::generateForSelected);
    connect(m_import, &QPushButton::clicked, this, &CertificatesPage::importForSelected);
    auto* refreshKey = new QShortcut(QKeySequence::Refresh, this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &CertificatesPage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CertificatesPage::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CertificatesPage::updateButtons);
    connect(m_relay, &Service::RelayService::certificatesReady, this,
            &CertificatesPage::showCertificates);
    connect(m_relay, &Service::RelayService::certificateChanged, this,
            &CertificatesPage::certificateChanged);
    updateButtons();
}

CertificatesPage::~CertificatesPage()
{
    saveListViewHeader(m_view, headerKey);
}

void CertificatesPage::refresh()
{
    m_relay->requestCertificates();
}

QString CertificatesPage::selectedListener() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString()
                          : rows.first().data(CertificateModel::ListenerRole).toString();
}

void CertificatesPage::setLegacyTlsListeners(const QStringList& listeners)
{
    m_model->setLegacyTlsListeners(listeners);
    if (listeners.isEmpty()) {
        m_legacyWarning->hide();
        return;
    }
    m_legacyWarning->setText(
        tr("⚠ Legacy TLS 1.0/1.1 is allowed on: %1. These versions are weak; allow them only "
           "for old devices that cannot do better, and only on a trusted network.")
            .arg(listeners.join(QStringLiteral(", "))));
    m_legacyWarning->show();
}

void CertificatesPage::updateButtons()
{
    const bool selected = !selectedListener().isEmpty() && !m_busy;
    m_generate->setEnabled(selected);
    m_import->setEnabled(selected);
}

void CertificatesPage::showCertificates(const QVector<Service::ListenerCertificate>& certificates)
{
    const QString selected = selectedListener();
    QVector<Service::ListenerCertificate> shown = certificates;
    for (auto& c : shown) {
        const auto fresh = m_fresh.constFind(c.listener);
        if (fresh == m_fresh.constEnd())
            continue;
        if (c.error.isEmpty() && c.info.sha256Fingerprint == fresh->sha256Fingerprint) {
            m_fresh.remove(c.listener); // in use now
            continue;
        }
        c.info = *fresh;
        c.error.clear();
    }
    m_model->setCertificates(shown);
    int row = selected.isEmpty() ? -1 : m_model->rowOf(selected);
    if (row < 0 && m_model->rowCount() > 0)
        row = m_proxy->mapToSource(m_proxy->index(0, 0)).row();
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)),
                                                  QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
    if (certificates.isEmpty())
        m_status->setText(tr("No listener is configured."));
    updateButtons();
}

QString CertificatesPage::directoryFor(const QString& listener) const
{
    const int row = m_model->rowOf(listener);
    if (row >= 0 && !m_model->certificateAt(row).certFile.isEmpty())
        return QFileInfo(m_model->certificateAt(row).certFile).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/certificates/") + listener;
}

void CertificatesPage::generateForSelected()
{
    const QString listener = selectedListener();
    if (listener.isEmpty() || m_busy)
        return;
    auto* dialog = new CertificateGenerateDialog(listener, directoryFor(listener),
                                                 Tls::CertificateGenerator::defaultOptions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_pending = dialog->listener();
        m_busy = true;
        updateButtons();
        m_status->setText(tr("Generating a certificate for %1…").arg(m_pending));
        m_relay->generateCertificate(dialog->options(), dialog->directory(), dialog->listener());
    });
    dialog->open();
}

void CertificatesPage::importForSelected()
{
    const QString listener = selectedListener();
    if (listener.isEmpty() || m_busy)
        return;
    auto* files = new QFileDialog(this, tr("Certificate to import for %1").arg(listener));
    files->setObjectName(QStringLiteral("importCertificateFile"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    files->setFileMode(QFileDialog::ExistingFile);
    files->setNameFilters(
        {tr("Certificates (*.pem *.crt *.cer *.p12 *.pfx)"), tr("All files (*)")});
    connect(files, &QFileDialog::fileSelected, this, [this, listener](const QString& path) {
        if (isPkcs12(path))
            askPassword(listener, path, {});
        else
            askKeyAndPassword(listener, path);
    });
    files->open();
}

void CertificatesPage::askKeyAndPassword(const QString& listener, const QString& certPath)
{
    auto* files = new QFileDialog(this, tr("Private key for %1").arg(listener),
                                  QFileInfo(certPath).absolutePath());
    files->setObjectName(QStringLiteral("importKeyFile"));
    files->setAttribute(Qt::WA_DeleteOnClose);
    files->setFileMode(QFileDialog::ExistingFile);
    files->setNameFilters({tr("Private keys (*.pem *.key)"), tr("All files (*)")});
    connect(files, &QFileDialog::fileSelected, this,
            [this, listener, certPath](const QString& keyPath) {
                askPassword(listener, certPath, keyPath);
            });
    files->open();
}

void CertificatesPage::askPassword(const QString& listener, const QString& certPath,
                                   const QString& keyPath)
{
    auto* input = new QInputDialog(this);
    input->setObjectName(QStringLiteral("importPassword"));
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setWindowTitle(tr("Password"));
    input->setLabelText(keyPath.isEmpty() ? tr("Password of the PKCS#12 file (empty if none):")
                                          : tr("Password of the private key (empty if none):"));
    input->setTextEchoMode(QLineEdit::Password);
    connect(input, &QInputDialog::textValueSelected, this,
            [this, listener, certPath, keyPath](const QString& password) {
                importFiles(certPath, keyPath, password, directoryFor(listener), listener);
            });
    input->open();
}

void CertificatesPage::importFiles(const QString& certPath, const QString& keyPath,
                                   const QString& password, const QString& directory,
                                   const QString& listener)
{
    m_pending = listener;
    m_busy = true;
    updateButtons();
    m_status->setText(tr("Importing %1…").arg(QDir::toNativeSeparators(certPath)));
    m_relay->importCertificate(certPath, keyPath, password, directory, listener);
}

void CertificatesPage::certificateChanged(const QString& listener, const Tls::CertificateInfo& info,
                                          const QString& error)
{
    if (!m_busy || listener != m_pending)
        return;
    m_busy = false;
    m_pending.clear();
    updateButtons();
    if (!error.isEmpty()) {
        m_status->setText(tr("No new certificate for %1: %2").arg(listener, error));
        return;
    }
    m_fresh.insert(listener, info);
    m_status->setText(tr("%1 now has the certificate for %2, valid until %3.")
                          .arg(listener, info.subject,
                               info.notAfter.toLocalTime().toString(QStringLiteral("yyyy-MM-dd"))));
    refresh();
}

void CertificatesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

} // namespace RelayDesk::Ui
