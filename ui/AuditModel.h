#pragma once

#include "store/AuditEntry.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The Audit log page's table (read-only): one row per admin action,
/// newest first as the service answers; entries are immutable, so a
/// refresh only inserts the new ones at the top.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum Column {
        TimeColumn,
        UserColumn,
        ActionColumn,
        SubjectColumn,
        BeforeColumn,
        AfterColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime for the time)
        IdRole,                  ///< qint64 entry id
    };

    explicit AuditModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows `entries` (newest first). When the shown entries are a suffix
    /// of the new list, the newer ones are inserted above them.
    void setEntries(const QVector<Store::AuditEntry>& entries);
    const Store::AuditEntry& entryAt(int row) const { return m_rows.at(row); }

private:
    QVector<Store::AuditEntry> m_rows;
};

} // namespace RelayDesk::Ui
