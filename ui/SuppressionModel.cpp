#include "SuppressionModel.h"

#include <QLocale>

namespace RelayDesk::Ui {

namespace {

QString keyOf(const Service::SuppressionEntry& e)
{
    return e.senderDomain + QLatin1Char('\n') + e.recipient;
}

bool sameEntry(const Service::SuppressionEntry& a, const Service::SuppressionEntry& b)
{
    return a.reason == b.reason && a.created == b.created && a.expires == b.expires &&
           a.sourceMessageId == b.sourceMessageId && a.detail == b.detail;
}

} // namespace

SuppressionModel::SuppressionModel(QObject* parent) : KeyedRowsModel(parent) {}

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
        return KeyedRowsModel::headerData(section, orientation, role);
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
    mergeRows(m_rows, entries, keyOf, sameEntry);
}

} // namespace RelayDesk::Ui
