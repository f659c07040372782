#pragma once

#include "KeyedRowsModel.h"
#include "service/AdminTypes.h"

#include <QVector>

namespace RelayDesk::Ui {

/// The Bounces page's list of reason groups (title, count, hard/soft),
/// keyed by the reason name. A refresh merges (changed rows get
/// dataChanged, vanished ones are removed, new ones appended) so that the
/// selected group stays selected.
class BounceGroupModel final : public KeyedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BounceGroupModel)

public:
    enum Column { TitleColumn, CountColumn, KindColumn, ColumnCount };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (int for counts)
        ReasonRole = Qt::UserRole + 1,
    };

    explicit BounceGroupModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows `groups` (the complete answer), merging by reason.
    void setGroups(const QVector<Service::BounceGroup>& groups);

    const Service::BounceGroup& groupAt(int row) const { return m_groups.at(row); }
    /// Row of the group with `reason`, or -1.
    int rowOf(const QString& reason) const;

    /// "Permanent" / "Temporary" for a group's hard flag.
    static QString kindText(bool hard);

private:
    QVector<Service::BounceGroup> m_groups;
};

} // namespace RelayDesk::Ui
