#pragma once

#include "service/AdminTypes.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The Queue page's table: one row per message that is not final yet, kept
/// in messageId order. Fed by the QueueRow batches of
/// RelayService::requestQueue; a refresh merges by messageId (changed rows
/// get dataChanged, new rows are inserted and vanished rows removed in
/// contiguous runs, or as one layout change when a batch has many scattered
/// runs) so that selection and scroll position survive it; there is never
/// a reset. Rows hold only the QueueRow snapshot: the message detail is
/// asked for when a message is opened.
class QueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueModel)

public:
    enum Column {
        TimeColumn,
        SenderColumn,
        RecipientsColumn,
        SizeColumn,
        DeviceColumn,
        RouteColumn,
        StateColumn,
        AttemptsColumn,
        NextAttemptColumn,
        LastReplyColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime, qint64, int, QString)
        MessageIdRole = Qt::UserRole + 1,
        StateRole = Qt::UserRole + 2, ///< Store::RecipientState as int
    };

    explicit QueueModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Starts merging a new snapshot: the batches that follow replace the
    /// rows they cover; rows of no batch are removed when the last arrives.
    void beginRefresh();
    /// Merges one batch of a snapshot (rows in any order; batches in
    /// ascending messageId order as the service streams them). With `last`,
    /// rows after the last batch's ids are removed and the refresh ends.
    void applyBatch(const QVector<Service::QueueRow>& rows, bool last);
    /// True between beginRefresh() and the batch with `last`.
    bool isRefreshing() const { return m_refreshing; }
    /// True once a refresh completed at least once.
    bool hasLoaded() const { return m_loaded; }

    const Service::QueueRow& rowAt(int row) const { return m_rows.at(row); }
    qint64 messageIdAt(int row) const { return m_rows.at(row).messageId; }
    /// Row of `messageId`, or -1.
    int rowOf(qint64 messageId) const;

private:
    /// First row whose messageId is >= `messageId`.
    int lowerBound(qint64 messageId) const;
    void removeRun(int first, int last);
    int structuralRuns(const QVector<Service::QueueRow>& batch, qint64 covered, int start) const;
    void mergeAsLayoutChange(const QVector<Service::QueueRow>& batch, qint64 covered, int start);

    QVector<Service::QueueRow> m_rows; ///< ascending messageId
    /// Highest messageId covered by the batches of the current refresh;
    /// rows up to it that no batch named are gone.
    qint64 m_cursor = 0;
    bool m_refreshing = false;
    bool m_loaded = false;
};

} // namespace RelayDesk::Ui
