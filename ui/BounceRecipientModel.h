#pragma once

#include "KeyedRowsModel.h"
#include "service/AdminTypes.h"

#include <QVector>

namespace RelayDesk::Ui {

/// The recipients of the selected bounce group (time, sender, recipient,
/// device, reply), keyed by recipient id. A refresh of the same group
/// merges so that the selection survives it; another group replaces the
/// rows with one reset.
class BounceRecipientModel final : public KeyedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceRecipientModel)

public:
    enum Column {
        TimeColumn,
        SenderColumn,
        RecipientColumn,
        DeviceColumn,
        ReplyColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime for the time)
        MessageIdRole = Qt::UserRole + 1,
    };

    explicit BounceRecipientModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the failed recipients of one group, merging by recipient id.
    void setRecipients(const QVector<Service::FailedRecipient>& recipients);

    const Service::FailedRecipient& recipientAt(int row) const { return m_rows.at(row); }

    /// "550 5.1.1 User unknown": code, enhanced status and text in one line.
    static QString replyText(const Service::FailedRecipient& recipient);

private:
    QVector<Service::FailedRecipient> m_rows;
};

} // namespace RelayDesk::Ui
