#pragma once

#include "store/AuditEntry.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class AuditModel;

/// The Audit log page (read-only): every admin action, newest first, with
/// filters for a time range, the local user, the action (or a family such
/// as "queue.") and text in the subject. Refreshes while visible.
class AuditPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    explicit AuditPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~AuditPage() override;

    /// Asks for the entries matching the current filter.
    void refresh();
    /// The filter the widgets describe.
    Store::AuditFilter filter() const;

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showEntries(const QVector<Store::AuditEntry>& entries, const QString& error);
    void filterEdited();

    Service::RelayService* m_relay;
    AuditModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QCheckBox* m_useSince = nullptr;
    QDateTimeEdit* m_since = nullptr;
    QCheckBox* m_useUntil = nullptr;
    QDateTimeEdit* m_until = nullptr;
    QLineEdit* m_user = nullptr;
    QComboBox* m_action = nullptr;
    QLineEdit* m_text = nullptr;
    QLabel* m_status = nullptr;
    QTimer* m_refreshTimer = nullptr;
    QTimer* m_filterDelay = nullptr;
    quint64 m_requested = 0; ///< requests sent; answers come in order
    quint64 m_answered = 0;
};

} // namespace RelayDesk::Ui
