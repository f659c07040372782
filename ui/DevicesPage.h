#pragma once

#include "service/AdminTypes.h"
#include "service/RelayStatus.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class DeviceModel;

/// The Devices page: every client that has sent through the relay, with
/// the last SMTP session's transcript of the selected one ("test my
/// printer") and its "expect mail at least every N hours" setting, which
/// makes the core raise an alert when a scanner goes quiet. Refreshes while
/// visible.
class DevicesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevicesPage)

public:
    explicit DevicesPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~DevicesPage() override;

    /// Asks the core for the device list.
    void refresh();
    /// The address of the selected device, empty when none.
    QString selectedAddress() const { return m_selectedAddress; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showDevices(const QVector<Service::DeviceInfo>& devices);
    void selectionChanged();
    void showSelectedDevice(bool selectionMoved);
    void applyExpectation();
    void actionDone(const Service::ActionResult& result);
    void statusChanged(const Service::RelayStatus& status);

    Service::RelayService* m_relay;
    DeviceModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_hint = nullptr;
    QPlainTextEdit* m_transcript = nullptr;
    QSpinBox* m_expectHours = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_expectStatus = nullptr;
    QTimer* m_refreshTimer = nullptr;

    QString m_selectedAddress;
    QStringList m_shownTranscript;
    bool m_expectEdited = false;  ///< the spin box holds an unapplied value
    QString m_pendingExpectation; ///< address whose expectation is being saved
    qint64 m_lastAcceptedTotal = -1;
    int m_lastSessions = -1;
    bool m_columnsFitted = false; ///< from saved settings or from the first rows
};

} // namespace RelayDesk::Ui
