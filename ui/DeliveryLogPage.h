#pragma once

#include "service/AdminTypes.h"
#include "service/RelayStatus.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QFileDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class DeliveryLogModel;

/// The Delivery log: every delivery attempt with the upstream's reply,
/// filtered by time range, result, sender, recipient, device and reply
/// text, newest first; the filtered rows can be exported as CSV (the core
/// writes the file). Refreshes while visible; an answer to anything but
/// the latest query is dropped.
class DeliveryLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryLogPage)

public:
    enum class Range { LastHour, Today, Last24Hours, Last7Days, Custom };

    explicit DeliveryLogPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~DeliveryLogPage() override;

    /// The query the filter bar describes now (times resolved against `now`).
    Service::DeliveryLogQuery currentQuery(const QDateTime& now) const;

    /// Asks the core for the rows of the current filter.
    void refresh();
    /// Asks the core to write the current filter's rows to `path` as CSV.
    void exportTo(const QString& path);

Q_SIGNALS:
    void messageActivated(qint64 messageId);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void buildFilterBar();
    void filtersEdited();
    void rangeChanged();
    void chooseExportPath();
    void showRows(const Service::DeliveryLogQuery& query,
                  const QVector<Service::DeliveryLogRow>& rows);
    void showExportResult(const QString& path, int rows, const QString& error);
    void statusChanged(const Service::RelayStatus& status);
    void periodicRefresh();

    Service::RelayService* m_relay;
    DeliveryLogModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_range = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QComboBox* m_state = nullptr;
    QLineEdit* m_sender = nullptr;
    QLineEdit* m_recipient = nullptr;
    QLineEdit* m_device = nullptr;
    QLineEdit* m_reply = nullptr;
    QPushButton* m_export = nullptr;
    QLabel* m_rowCount = nullptr;
    QLabel* m_exportStatus = nullptr;
    QTimer* m_debounce = nullptr;
    QTimer* m_refreshTimer = nullptr;

    Service::DeliveryLogQuery m_lastQuery; ///< the latest query sent
    bool m_awaiting = false;               ///< m_lastQuery not answered yet
    QElapsedTimer m_sentAt;
    QString m_pendingExport; ///< path of the export in progress, empty when none
    qint64 m_lastAttemptTotal = -1;
    bool m_columnsFitted = false; ///< from saved settings or from the first rows
};

} // namespace RelayDesk::Ui
