#include "BounceGroupModel.h"


namespace RelayDesk::Ui {

namespace {

bool sameRecipients(const QVector<Service::FailedRecipient>& a,
                    const QVector<Service::FailedRecipient>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a.at(i).recipientId != b.at(i).recipientId || a.at(i).failedAt != b.at(i).failedAt)
            return false;
    return true;
}

bool sameGroup(const Service::BounceGroup& a, const Service::BounceGroup& b)
{
    return a.reason == b.reason && a.title == b.title && a.explanation == b.explanation &&
           a.fix == b.fix && a.hard == b.hard && sameRecipients(a.recipients, b.recipients);
}

} // namespace

BounceGroupModel::BounceGroupModel(QObject* parent) : KeyedRowsModel(parent) {}

int BounceGroupModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int BounceGroupModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int BounceGroupModel::rowOf(const QString& reason) const
{
    for (qsizetype i = 0; i < m_groups.size(); ++i)
        if (m_groups.at(i).reason == reason)
            return int(i);
    return -1;
}

QString BounceGroupModel::kindText(bool hard)
{
    return hard ? tr("Permanent") : tr("Temporary");
}

QVariant BounceGroupModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& g = m_groups.at(index.row());
    switch (role) {
    case ReasonRole:
        return g.reason;
    case Qt::ToolTipRole:
        if (index.column() == KindColumn)
            return g.hard ? tr("The receiving side refused for good; retrying will not help.")
                          : tr("A temporary refusal that outlived the retry schedule.");
        return g.title.isEmpty() ? g.reason : g.title;
    case SortRole:
        if (index.column() == CountColumn)
            return int(g.recipients.size());
        if (index.column() == KindColumn)
            return g.hard;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return g.title.isEmpty() ? g.reason : g.title;
        case CountColumn:
            return int(g.recipients.size());
        case KindColumn:
            return kindText(g.hard);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant BounceGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Reason");
    case CountColumn:
        return tr("Count");
    case KindColumn:
        return tr("Type");
    default:
        return {};
    }
}

void BounceGroupModel::setGroups(const QVector<Service::BounceGroup>& groups)
{
    mergeRows(
        m_groups, groups, [](const Service::BounceGroup& g) { return g.reason; }, sameGroup);
}

} // namespace RelayDesk::Ui
