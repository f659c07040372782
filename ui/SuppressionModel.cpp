#include "SuppressionModel.h"

#include <QHash>
#include <QLocale>

namespace RelayDesk::Ui {

namespace {

QString keyOf(const Service::SuppressionEntry& e)
{
    return e.senderDomain + QLatin1Char('\n') + e.recipient;
}

} // namespace

SuppressionModel::SuppressionModel(QObject* parent) : QAbstractTableModel(parent) {}

int SuppressionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SuppressionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SuppressionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Service::SuppressionEntry& e = m_rows.at(index.row());
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    const auto time = [](const QDateTime& t) {
        return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case RecipientColumn:
            return e.recipient;
        case DomainColumn:
            return e.senderDomain.isEmpty() ? tr("(every sender)") : e.senderDomain;
        case ReasonColumn:
            return e.reason;
        case CreatedColumn:
            return time(e.created);
        case ExpiresColumn:
            if (!e.expires.isValid())
                return tr("never");
            return e.isExpired(now) ? tr("expired %1").arg(time(e.expires)) : time(e.expires);
        case SourceColumn:
            return e.sourceMessageId > 0 ? QString::number(e.sourceMessageId) : QString();
        }
    } else if (role == SortRole) {
        switch (index.column()) {
        case CreatedColumn:
            return e.created;
        case ExpiresColumn:
            // "never" sorts after every date.
            return e.expires.isValid()
                       ? e.expires
                       : QDateTime::fromMSecsSinceEpoch(std::numeric_limits<qint64>::max() / 2);
        case SourceColumn:
            return e.sourceMessageId;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    } else if (role == Qt::ToolTipRole) {
        return e.detail.isEmpty() ? QVariant() : QVariant(e.detail);
    }
    return {};
}

QVariant SuppressionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecipientColumn:
        return tr("Recipient");
    case DomainColumn:
        return tr("Sender domain");
    case ReasonColumn:
        return tr("Reason");
    case CreatedColumn:
        return tr("Since");
    case ExpiresColumn:
        return tr("Expires");
    case SourceColumn:
        return tr("Message");
    }
    return {};
}

void SuppressionModel::setEntries(const QVector<Service::SuppressionEntry>& entries)
{
    QHash<QString, qsizetype> wanted;
    for (qsizetype i = 0; i < entries.size(); ++i)
        wanted.insert(keyOf(entries.at(i)), i);
    // Remove rows that are gone (from the bottom, in contiguous runs).
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (wanted.contains(keyOf(m_rows.at(row))))
            continue;
        qsizetype first = row;
        while (first > 0 && !wanted.contains(keyOf(m_rows.at(first - 1))))
            --first;
        beginRemoveRows({}, int(first), int(row));
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    // Update the rows that stay, append the new ones.
    QHash<QString, qsizetype> present;
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        present.insert(keyOf(m_rows.at(i)), i);
    QVector<Service::SuppressionEntry> added;
    for (const Service::SuppressionEntry& e : entries) {
        const auto it = present.constFind(keyOf(e));
        if (it == present.cend()) {
            added << e;
            continue;
        }
        m_rows[*it] = e;
        Q_EMIT dataChanged(index(int(*it), 0), index(int(*it), ColumnCount - 1));
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows += added;
        endInsertRows();
    }
}

} // namespace RelayDesk::Ui
