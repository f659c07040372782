#pragma once

#include "service/SecurityTypes.h"

#include <QAbstractTableModel>
#include <QVector>

namespace RelayDesk::Ui {

/// The Credentials page's table: one row per credential reference the
/// configuration uses, with where it lives and whether a secret is stored.
/// It never holds a secret (CredentialInfo has none).
class CredentialModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialModel)

public:
    enum Column {
        ReferenceColumn,
        UsedByColumn,
        BackendColumn,
        StoredColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< raw value
        ReferenceRole,           ///< the reference ("keychain:NAME")
        StoredRole,              ///< bool
    };

    explicit CredentialModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows the complete list; rows keep their place when the references
    /// stay the same (so a refresh keeps the selection).
    void setCredentials(const QVector<Service::CredentialInfo>& credentials);
    const Service::CredentialInfo& credentialAt(int row) const { return m_rows.at(row); }
    /// Row of `reference`, or -1.
    int rowOf(const QString& reference) const;

    /// "Stored", "No secret stored" or "Cannot read: <why>".
    static QString statusText(const Service::CredentialInfo& credential);
    /// "(default smarthost)" for the unnamed one.
    static QString usedByText(const Service::CredentialInfo& credential);

private:
    QVector<Service::CredentialInfo> m_rows;
};

} // namespace RelayDesk::Ui
