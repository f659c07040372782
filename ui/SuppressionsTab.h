#pragma once

#include "service/SuppressionTypes.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
struct ActionResult;
} // namespace RelayDesk::Service

namespace RelayDesk::Ui {

class SuppressionModel;

/// The Suppressions tab of the Bounces page (issue 6): recipients that are
/// not sent to again (per sender domain), with search, add by hand, remove
/// (optionally releasing the mail held for them) and CSV export/import.
/// Refreshes while visible and whenever the relay changes the list.
class SuppressionsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionsTab)

public:
    explicit SuppressionsTab(Service::RelayService* relay, QWidget* parent = nullptr);

    void refresh();
    SuppressionModel* model() const { return m_model; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void addEntry();
    void removeSelected();
    void confirmRemove();
    void exportList();
    void importList();
    void actionDone(const Service::ActionResult& result);

    Service::RelayService* m_relay;
    SuppressionModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_recipient = nullptr;
    QLineEdit* m_domain = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QCheckBox* m_retryHeld = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_refreshTimer = nullptr;
    quint64 m_generation = 0; ///< of the last request; older answers are dropped
    quint64 m_answered = 0;
};

} // namespace RelayDesk::Ui
