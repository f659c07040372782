#include "AccountModel.h"

namespace RelayDesk::Ui {

AccountModel::AccountModel(QObject* parent) : QAbstractTableModel(parent) {}

int AccountModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AccountModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AccountModel::rowOf(const QString& name) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == name)
            return int(i);
    return -1;
}

QString AccountModel::sendersText(const Auth::AccountPolicy& policy)
{
    if (policy.allowsAnySender())
        return tr("any sender");
    return policy.allowedSenders.join(QStringLiteral(", "));
}

QString AccountModel::ratesText(const Auth::AccountPolicy& policy)
{
    QStringList parts;
    if (policy.messagesPerMinute > 0)
        parts << tr("%n message(s)/min", nullptr, policy.messagesPerMinute);
    if (policy.recipientsPerHour > 0)
        parts << tr("%n recipient(s)/h", nullptr, policy.recipientsPerHour);
    return parts.isEmpty() ? tr("relay defaults") : parts.join(QStringLiteral(", "));
}

QVariant AccountModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& a = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return a.name;
    case SortRole:
        if (index.column() == RatesColumn)
            return a.policy.messagesPerMinute;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return a.name;
        case SendersColumn:
            return sendersText(a.policy);
        case RatesColumn:
            return ratesText(a.policy);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AccountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Account");
    case SendersColumn:
        return tr("Allowed senders");
    case RatesColumn:
        return tr("Own rate limits");
    default:
        return {};
    }
}

void AccountModel::setAccounts(const QVector<Service::AccountInfo>& accounts)
{
    bool sameNames = accounts.size() == m_rows.size();
    for (qsizetype i = 0; sameNames && i < accounts.size(); ++i)
        sameNames = accounts.at(i).name == m_rows.at(i).name;
    if (sameNames) {
        m_rows = accounts;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = accounts;
    endResetModel();
}

} // namespace RelayDesk::Ui
