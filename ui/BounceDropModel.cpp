#include "BounceDropModel.h"

namespace RelayDesk::Ui {

BounceDropModel::BounceDropModel(QObject* parent) : QAbstractTableModel(parent) {}

int BounceDropModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BounceDropModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BounceDropModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Service::BounceFileRecipient& r = m_rows.at(index.row());
    if (role == Qt::ToolTipRole)
        return r.diagnostic.isEmpty() ? QVariant() : QVariant(r.diagnostic);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RecipientColumn:
        return r.recipient.isEmpty() ? tr("(not named)") : r.recipient;
    case ReasonColumn:
        return r.title.isEmpty() ? r.reason : QStringLiteral("%1 (%2)").arg(r.title, r.reason);
    case HardColumn:
        return r.hard ? tr("hard") : tr("soft");
    case StatusColumn:
        return r.status;
    case ExplanationColumn:
        return r.explanation;
    case FixColumn:
        return r.fix;
    }
    return {};
}

QVariant BounceDropModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecipientColumn:
        return tr("Recipient");
    case ReasonColumn:
        return tr("Reason");
    case HardColumn:
        return tr("Hard/soft");
    case StatusColumn:
        return tr("Status");
    case ExplanationColumn:
        return tr("Explanation");
    case FixColumn:
        return tr("Fix");
    }
    return {};
}

void BounceDropModel::setRecipients(const QVector<Service::BounceFileRecipient>& recipients)
{
    beginResetModel();
    m_rows = recipients;
    endResetModel();
}

} // namespace RelayDesk::Ui
