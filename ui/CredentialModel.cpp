#include "CredentialModel.h"

namespace RelayDesk::Ui {

namespace {

bool sameKeys(const QVector<Service::CredentialInfo>& a, const QVector<Service::CredentialInfo>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a.at(i).reference != b.at(i).reference)
            return false;
    return true;
}

} // namespace

CredentialModel::CredentialModel(QObject* parent) : QAbstractTableModel(parent) {}

int CredentialModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CredentialModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CredentialModel::rowOf(const QString& reference) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).reference == reference)
            return int(i);
    return -1;
}

QString CredentialModel::statusText(const Service::CredentialInfo& credential)
{
    if (!credential.error.isEmpty())
        return tr("Cannot read: %1").arg(credential.error);
    return credential.stored ? tr("Stored") : tr("No secret stored");
}

QString CredentialModel::usedByText(const Service::CredentialInfo& credential)
{
    QStringList names;
    for (const QString& name : credential.usedBy)
        names << (name.isEmpty() ? tr("(default smarthost)") : name);
    if (credential.keyOf.size() == 1)
        names << tr("TLS key of listener %1").arg(credential.keyOf.first());
    else if (!credential.keyOf.isEmpty())
        names << tr("TLS key of listeners %1").arg(credential.keyOf.join(QStringLiteral(", ")));
    return names.join(QStringLiteral(", "));
}

QVariant CredentialModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows.at(index.row());
    switch (role) {
    case ReferenceRole:
        return c.reference;
    case StoredRole:
        return c.stored;
    case Qt::ToolTipRole:
        return index.column() == StatusColumn ? statusText(c) : QVariant();
    case SortRole:
        if (index.column() == StoredColumn)
            return c.stored;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case ReferenceColumn:
            return c.reference;
        case UsedByColumn:
            return usedByText(c);
        case BackendColumn:
            return c.backend;
        case StoredColumn:
            return c.stored ? tr("yes") : tr("no");
        case StatusColumn:
            return statusText(c);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CredentialModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ReferenceColumn:
        return tr("Reference");
    case UsedByColumn:
        return tr("Used by");
    case BackendColumn:
        return tr("Backend");
    case StoredColumn:
        return tr("Stored");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

void CredentialModel::setCredentials(const QVector<Service::CredentialInfo>& credentials)
{
    if (sameKeys(m_rows, credentials)) {
        m_rows = credentials;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = credentials;
    endResetModel();
}

} // namespace RelayDesk::Ui
