#include "LockoutModel.h"

namespace RelayDesk::Ui {

LockoutModel::LockoutModel(QObject* parent) : QAbstractTableModel(parent) {}

int LockoutModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LockoutModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int LockoutModel::rowOf(const QString& address) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).address == address)
            return int(i);
    return -1;
}

QVariant LockoutModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows.at(index.row());
    switch (role) {
    case AddressRole:
        return c.address;
    case SortRole:
        switch (index.column()) {
        case FailuresColumn:
            return c.failures;
        case UntilColumn:
            return c.until;
        default:
            return c.address;
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case AddressColumn:
            return c.address;
        case FailuresColumn:
            return c.failures;
        case UntilColumn:
            return c.until.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant LockoutModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn:
        return tr("Client address");
    case FailuresColumn:
        return tr("Failed logins");
    case UntilColumn:
        return tr("Blocked until");
    default:
        return {};
    }
}

void LockoutModel::setClients(const QVector<Auth::LockedOutClient>& clients)
{
    bool same = clients.size() == m_rows.size();
    for (qsizetype i = 0; same && i < clients.size(); ++i)
        same = clients.at(i).address == m_rows.at(i).address;
    if (same) {
        m_rows = clients;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = clients;
    endResetModel();
}

} // namespace RelayDesk::Ui
