#pragma once

#include "KeyedRowsModel.h"
#include "service/AdminTypes.h"

#include <QVector>

namespace RelayDesk::Ui {

/// The Delivery log page's table: one row per delivery attempt (a
/// DeliveryLogRow snapshot). A refresh of the same query merges by the log
/// entry's id — vanished rows are removed in runs, kept rows get one
/// dataChanged, new rows are appended — so selection and scroll position
/// survive the periodic refresh; a result that shares less than half its
/// rows with the shown one (a new filter) replaces it with one reset.
/// Order within the model is not meaningful: the page sorts through a
/// proxy on SortRole (newest first by default).
class DeliveryLogModel final : public KeyedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryLogModel)

public:
    enum Column {
        TimeColumn,
        ResultColumn,
        SenderColumn,
        RecipientColumn,
        DeviceColumn,
        UpstreamHostColumn,
        CodeColumn,
        StatusColumn,
        ReplyColumn,
        UpstreamQueueIdColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime, int, QString)
        MessageIdRole = Qt::UserRole + 1,
        StateRole = Qt::UserRole + 2, ///< Store::RecipientState as int
    };

    explicit DeliveryLogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows `rows` (a complete query result), merging with what is shown.
    void setRows(const QVector<Service::DeliveryLogRow>& rows);
    void clear();

    const Service::DeliveryLogRow& rowAt(int row) const { return m_rows.at(row); }

    /// "Delivered", "Deferred", "Failed" ... as shown in the Result column.
    static QString resultText(Store::RecipientState state);
    /// "127.0.0.1 (printer.lan)": the client address with its HELO name.
    static QString deviceText(const QString& address, const QString& heloName);

private:
    QVector<Service::DeliveryLogRow> m_rows;
};

} // namespace RelayDesk::Ui
