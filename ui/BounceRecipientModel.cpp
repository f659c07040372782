#include "BounceRecipientModel.h"

#include <QHash>
#include <QSet>

namespace RelayDesk::Ui {

namespace {

bool sameRecipient(const Service::FailedRecipient& a, const Service::FailedRecipient& b)
{
    return a.messageId == b.messageId && a.recipientId == b.recipientId &&
           a.failedAt == b.failedAt && a.sender == b.sender && a.recipient == b.recipient &&
           a.clientAddress == b.clientAddress && a.replyCode == b.replyCode &&
           a.enhancedStatus == b.enhancedStatus && a.replyText == b.replyText &&
           a.upstreamHost == b.upstreamHost;
}

} // namespace

BounceRecipientModel::BounceRecipientModel(QObject* parent) : QAbstractTableModel(parent) {}

int BounceRecipientModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BounceRecipientModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BounceRecipientModel::replyText(const Service::FailedRecipient& r)
{
    QStringList parts;
    if (r.replyCode > 0)
        parts << QString::number(r.replyCode);
    const QString text = r.replyText.simplified();
    // Upstreams usually repeat the enhanced status at the start of the text.
    if (!r.enhancedStatus.isEmpty() && !text.startsWith(r.enhancedStatus + QLatin1Char(' ')))
        parts << r.enhancedStatus;
    if (!text.isEmpty())
        parts << text;
    return parts.join(QLatin1Char(' '));
}

QVariant BounceRecipientModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows.at(index.row());
    switch (role) {
    case MessageIdRole:
        return r.messageId;
    case Qt::ToolTipRole:
        if (index.column() == ReplyColumn)
            return r.upstreamHost.isEmpty() ? replyText(r)
                                            : tr("%1\n(from %2)").arg(replyText(r), r.upstreamHost);
        return {};
    case SortRole:
        if (index.column() == TimeColumn)
            return r.failedAt;
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return r.failedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case SenderColumn:
            return r.sender.isEmpty() ? QStringLiteral("<>") : r.sender;
        case RecipientColumn:
            return r.recipient;
        case DeviceColumn:
            return r.clientAddress;
        case ReplyColumn:
            return replyText(r);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant BounceRecipientModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SenderColumn:
        return tr("Sender");
    case RecipientColumn:
        return tr("Recipient");
    case DeviceColumn:
        return tr("Device");
    case ReplyColumn:
        return tr("Reply");
    default:
        return {};
    }
}

void BounceRecipientModel::setRecipients(const QVector<Service::FailedRecipient>& recipients)
{
    QHash<qint64, qsizetype> incoming;
    incoming.reserve(recipients.size());
    for (qsizetype i = 0; i < recipients.size(); ++i)
        incoming.insert(recipients.at(i).recipientId, i);
    qsizetype kept = 0;
    for (const auto& row : std::as_const(m_rows))
        kept += incoming.contains(row.recipientId) ? 1 : 0;
    if ((m_rows.size() - kept) + (recipients.size() - kept) > kept) {
        // Another group (or most rows changed): one reset.
        beginResetModel();
        m_rows = recipients;
        endResetModel();
        return;
    }

    for (qsizetype last = m_rows.size() - 1; last >= 0;) {
        if (incoming.contains(m_rows.at(last).recipientId)) {
            --last;
            continue;
        }
        qsizetype first = last;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).recipientId))
            --first;
        beginRemoveRows({}, int(first), int(last));
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    QSet<qint64> shown;
    qsizetype runStart = -1;
    auto flushRun = [&](qsizetype end) {
        if (runStart >= 0)
            Q_EMIT dataChanged(index(int(runStart), 0), index(int(end), ColumnCount - 1));
        runStart = -1;
    };
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const auto& fresh = recipients.at(incoming.value(m_rows.at(i).recipientId));
        shown.insert(fresh.recipientId);
        if (sameRecipient(m_rows.at(i), fresh)) {
            flushRun(i - 1);
            continue;
        }
        m_rows[i] = fresh;
        if (runStart < 0)
            runStart = i;
    }
    flushRun(m_rows.size() - 1);

    QVector<Service::FailedRecipient> added;
    for (const auto& row : recipients)
        if (!shown.contains(row.recipientId))
            added.append(row);
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows += added;
        endInsertRows();
    }
}

} // namespace RelayDesk::Ui
