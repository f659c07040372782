#pragma once

#include "service/SecurityTypes.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class CertificateModel;

/// The Certificates page: each listener's TLS certificate (subject, names,
/// issuer, expiry with days left, fingerprint), with "generate
/// self-signed" and "import PEM / PKCS#12", and a warning for listeners
/// that still accept legacy TLS 1.0/1.1. The files are read and written by
/// the service, never on the GUI thread.
class CertificatesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificatesPage)

public:
    explicit CertificatesPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~CertificatesPage() override;

    void refresh();
    /// Listener of the selected row, empty when none.
    QString selectedListener() const;
    /// Listeners whose minimum TLS version is below 1.2 (from the settings).
    void setLegacyTlsListeners(const QStringList& listeners);

    /// Opens the generate dialog for the selected listener.
    void generateForSelected();
    /// Asks for the files (and a password) to import for the selected listener.
    void importForSelected();
    /// Imports `certPath` (PEM with `keyPath`, or .p12/.pfx with keyPath
    /// empty) for `listener` into `directory`.
    void importFiles(const QString& certPath, const QString& keyPath, const QString& password,
                     const QString& directory, const QString& listener);

    /// Where a listener's new certificate goes: next to its current one,
    /// or the app's data folder.
    QString directoryFor(const QString& listener) const;

private:
    void showCertificates(const QVector<Service::ListenerCertificate>& certificates);
    void certificateChanged(const QString& listener, const Tls::CertificateInfo& info,
                            const QString& error);
    void askKeyAndPassword(const QString& listener, const QString& certPath);
    void askPassword(const QString& listener, const QString& certPath, const QString& keyPath);
    void updateButtons();

protected:
    void showEvent(QShowEvent* event) override;

private:
    Service::RelayService* m_relay;
    CertificateModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_legacyWarning = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_status = nullptr;
    /// Certificates made or imported here, shown until the listener uses
    /// them (the service answers with the files in use until the next apply).
    QHash<QString, Tls::CertificateInfo> m_fresh;
    QString m_pending; ///< listener whose certificate is being made
    bool m_busy = false;
};

} // namespace RelayDesk::Ui
