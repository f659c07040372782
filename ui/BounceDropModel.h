#pragma once

#include "service/SuppressionTypes.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The recipients of a bounce message dropped on the Bounces page, as
/// RelayService::classifyBounceFile classified them: recipient, reason,
/// hard/soft, status, explanation and fix.
class BounceDropModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceDropModel)

public:
    enum Column {
        RecipientColumn,
        ReasonColumn,
        HardColumn,
        StatusColumn,
        ExplanationColumn,
        FixColumn,
        ColumnCount
    };

    explicit BounceDropModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setRecipients(const QVector<Service::BounceFileRecipient>& recipients);
    const Service::BounceFileRecipient& recipientAt(int row) const { return m_rows.at(row); }

private:
    QVector<Service::BounceFileRecipient> m_rows;
};

} // namespace RelayDesk::Ui
