#pragma once

#include "queue/DestinationSnapshot.h"

#include <QAbstractTableModel>
#include <QPalette>
#include <QVector>

namespace RelayDesk::Ui {

/// Each destination's health for the Overview (name, state, open
/// connections, messages sent in the last minute / 24 hours, last error),
/// from the destinations in RelayStatus snapshots. Rows are keyed by the
/// destination key: a snapshot with the same destinations only updates
/// cells, so the view keeps its selection.
class RouteHealthModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteHealthModel)

public:
    enum Column {
        Name,
        State,
        Connections,
        SentLastMinute,
        SentLast24Hours,
        LastError,
        ColumnCount
    };
    /// Raw values for sorting (numbers as numbers, the state as its rank).
    static constexpr int SortRole = Qt::UserRole;

    explicit RouteHealthModel(QObject* parent = nullptr);

    void setDestinations(const QVector<Queue::DestinationSnapshot>& destinations);
    /// The palette state colours are picked for (the view's).
    void setPalette(const QPalette& palette);
    const Queue::DestinationSnapshot& destination(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "smarthost:m365" → "m365 (smarthost)", "mx:example.com" → "example.com (direct MX)".
    static QString displayName(const QString& key);

private:
    QVector<Queue::DestinationSnapshot> m_rows;
    QPalette m_palette;
};

} // namespace RelayDesk::Ui
