#pragma once

#include "service/SecurityTypes.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The Accounts page's table: one row per local SMTP AUTH account with its
/// allowed senders and own rate limits (never a hash or password).
class AccountModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountModel)

public:
    enum Column { NameColumn, SendersColumn, RatesColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, ///< raw value
        NameRole,                ///< the account name
    };

    explicit AccountModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the complete list; same names in the same order update in place.
    void setAccounts(const QVector<Service::AccountInfo>& accounts);
    const Service::AccountInfo& accountAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& name) const;

    /// "any sender" or the patterns joined by ", ".
    static QString sendersText(const Auth::AccountPolicy& policy);
    /// "30 messages/min, 500 recipients/h" or "relay defaults".
    static QString ratesText(const Auth::AccountPolicy& policy);

private:
    QVector<Service::AccountInfo> m_rows;
};

} // namespace RelayDesk::Ui
