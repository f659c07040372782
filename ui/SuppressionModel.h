#pragma once

#include "KeyedRowsModel.h"
#include "service/SuppressionTypes.h"

#include <QDateTime>
#include <QVector>

namespace RelayDesk::Ui {

/// The suppression list (issue 6): recipient, sender domain, reason,
/// created, expires, source message. Rows are keyed by (sender domain,
/// recipient); a refresh merges so that the selection survives it.
class SuppressionModel final : public KeyedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SuppressionModel)

public:
    enum Column {
        RecipientColumn,
        DomainColumn,
        ReasonColumn,
        CreatedColumn,
        ExpiresColumn,
        SourceColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime, qint64)
    };

    explicit SuppressionModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Replaces the rows by `entries`, merging by (sender domain, recipient).
    void setEntries(const QVector<Service::SuppressionEntry>& entries);
    const Service::SuppressionEntry& entryAt(int row) const { return m_rows.at(row); }
    /// The time "expired" is judged against (tests pin it).
    void setNow(const QDateTime& now) { m_now = now; }

private:
    QVector<Service::SuppressionEntry> m_rows;
    QDateTime m_now;
};

} // namespace RelayDesk::Ui
