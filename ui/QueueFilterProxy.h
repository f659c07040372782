#pragma once

#include <QSortFilterProxyModel>

namespace RelayDesk::Ui {

class QueueModel;

/// Filters and sorts the Queue page's rows: by the state of the message
/// (all / queued / deferred / held / being delivered) and by a
/// case-insensitive text found in the sender, a recipient, the device
/// (address, EHLO name, AUTH user), the route or the last reply. Sorts by
/// the raw values (times and numbers as values, text case-insensitively),
/// read straight from the snapshots: sorting 100,000 rows through QVariants
/// of QueueModel::SortRole would take several times longer.
class QueueFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueFilterProxy)

public:
    enum class StateFilter { All, Queued, Deferred, Held, InFlight };

    explicit QueueFilterProxy(QObject* parent = nullptr);

    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_text; }

    void setSourceModel(QAbstractItemModel* model) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    const QueueModel* m_queue = nullptr; ///< the source, when it is a QueueModel
    StateFilter m_state = StateFilter::All;
    QString m_text;
};

} // namespace RelayDesk::Ui
