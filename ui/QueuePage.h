#pragma once

#include "service/AdminTypes.h"
#include "service/RelayStatus.h"

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class QueueFilterProxy;
class QueueModel;

/// The Queue page: every message that is not final yet, filterable by state
/// and text and sortable on every column, with the admin's actions on the
/// selected messages (retry now, hold, release, delete after a
/// confirmation) and "flush all". Talks to the core only through
/// RelayService requests; refreshes while visible, after each action and
/// when the status counts change.
class QueuePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePage)

public:
    explicit QueuePage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~QueuePage() override;

    /// Asks the core for a fresh snapshot (a refresh in progress is
    /// followed by one more instead of overlapping it).
    void refresh();

    /// Message ids of the selected rows, in view order.
    QVector<qint64> selectedMessageIds() const;

    QueueModel* model() const { return m_model; }

Q_SIGNALS:
    /// The user opened a message (double-click or Enter).
    void messageActivated(qint64 messageId);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onQueueBatch(quint64 generation, const QVector<Service::QueueRow>& rows, bool last);
    void onActionDone(const Service::ActionResult& result);
    void onStatus(const Service::RelayStatus& status);
    void updateActions();
    void updateEmptyState();
    void retrySelected();
    void holdSelected();
    void releaseSelected();
    void confirmDelete();
    void flushAll();
    void showStatusText(const QString& text);
    void activateCurrent();
    QAction* makeAction(const char* objectName, const QString& text, const QString& iconName,
                        const QKeySequence& shortcut);

    Service::RelayService* m_relay = nullptr;
    QueueModel* m_model = nullptr;
    QueueFilterProxy* m_proxy = nullptr;

    QComboBox* m_stateFilter = nullptr;
    QLineEdit* m_textFilter = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QMessageBox* m_confirmation = nullptr;

    QAction* m_retry = nullptr;
    QAction* m_hold = nullptr;
    QAction* m_release = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_flush = nullptr;
    QAction* m_refresh = nullptr;

    quint64 m_generation = 0; ///< of the refresh in progress (or the last one)
    bool m_loading = false;
    bool m_refreshAgain = false;
    QElapsedTimer m_loadStarted;
    int m_lastPending = -1; ///< pending envelopes in the last status, to spot changes
};

} // namespace RelayDesk::Ui
