#pragma once

#include "auth/LockedOutClient.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The Blocked clients page's table: client addresses locked out after too
/// many AUTH failures, with the failures and when the lockout ends.
class LockoutModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LockoutModel)

public:
    enum Column { AddressColumn, FailuresColumn, UntilColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QString, int, QDateTime)
        AddressRole,
    };

    explicit LockoutModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the complete list; same addresses in the same order update in place.
    void setClients(const QVector<Auth::LockedOutClient>& clients);
    const Auth::LockedOutClient& clientAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& address) const;

private:
    QVector<Auth::LockedOutClient> m_rows;
};

} // namespace RelayDesk::Ui
