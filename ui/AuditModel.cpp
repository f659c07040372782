#include "AuditModel.h"

namespace RelayDesk::Ui {

AuditModel::AuditModel(QObject* parent) : QAbstractTableModel(parent) {}

int AuditModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& e = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return e.id;
    case SortRole:
        if (index.column() == TimeColumn)
            return e.time;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case UserColumn:
            return e.localUser;
        case ActionColumn:
            return e.action;
        case SubjectColumn:
            return e.subject;
        case BeforeColumn:
            return e.before;
        case AfterColumn:
            return e.after;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == BeforeColumn)
            return e.before;
        if (index.column() == AfterColumn)
            return e.after;
        if (index.column() == SubjectColumn)
            return e.subject;
        return {};
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case UserColumn:
        return tr("User");
    case ActionColumn:
        return tr("Action");
    case SubjectColumn:
        return tr("Subject");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    default:
        return {};
    }
}

void AuditModel::setEntries(const QVector<Store::AuditEntry>& entries)
{
    // Entries never change once written: if what is shown is the tail of
    // the new answer, only the newer rows at the top are new.
    const qsizetype added = entries.size() - m_rows.size();
    bool tail = added >= 0;
    for (qsizetype i = 0; tail && i < m_rows.size(); ++i)
        tail = entries.at(added + i).id == m_rows.at(i).id;
    if (tail) {
        if (added > 0) {
            beginInsertRows({}, 0, int(added) - 1);
            m_rows = entries;
            endInsertRows();
        }
        return;
    }
    beginResetModel();
    m_rows = entries;
    endResetModel();
}

} // namespace RelayDesk::Ui
