#pragma once

#include "service/AdminTypes.h"
#include "service/RelayStatus.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace RelayDesk::Service {
class RelayService;
}

namespace RelayDesk::Ui {

class BounceGroupModel;
class BounceRecipientModel;

/// The Bounces page: failed recipients grouped by classified reason, with
/// the reason's plain-language explanation and suggested fix and the
/// affected recipients of the selected group. Refreshes while visible.
/// Built as tabs so the suppression list and the .eml classification of
/// issue 6 can be added beside the reasons.
class BouncesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BouncesPage)

public:
    explicit BouncesPage(Service::RelayService* relay, QWidget* parent = nullptr);
    ~BouncesPage() override;

    /// Asks the core for the groups since the chosen period's start.
    void refresh();
    /// The reason of the selected group, empty when none.
    QString selectedReason() const { return m_selectedReason; }

Q_SIGNALS:
    void messageActivated(qint64 messageId);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showGroups(const QVector<Service::BounceGroup>& groups);
    void selectionChanged();
    void showSelectedGroup();
    void selectReason(const QString& reason);
    void statusChanged(const Service::RelayStatus& status);

    Service::RelayService* m_relay;
    BounceGroupModel* m_groups = nullptr;
    QSortFilterProxyModel* m_groupProxy = nullptr;
    BounceRecipientModel* m_recipients = nullptr;
    QSortFilterProxyModel* m_recipientProxy = nullptr;
    QComboBox* m_since = nullptr;
    QLabel* m_summary = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_groupView = nullptr;
    QLabel* m_title = nullptr;
    QTextBrowser* m_explanation = nullptr;
    QTableView* m_recipientView = nullptr;
    QTimer* m_refreshTimer = nullptr;

    QString m_selectedReason;
    /// Requests whose answer has not arrived; answers come back in order,
    /// so only the answer that brings this to zero is the latest one.
    int m_awaiting = 0;
    QElapsedTimer m_sentAt;
    QString m_shownHtml; ///< so a refresh that changes nothing keeps the scroll position
    qint64 m_lastFailedTotal = -1;
    bool m_groupColumnsFitted = false; ///< from saved settings or from the first rows
    bool m_recipientColumnsFitted = false;
};

} // namespace RelayDesk::Ui
