#include "BounceRecipientModel.h"


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

BounceRecipientModel::BounceRecipientModel(QObject* parent) : KeyedRowsModel(parent) {}

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
        return KeyedRowsModel::headerData(section, orientation, role);
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
    // Another group (or most rows changed): one reset.
    mergeRows(
        m_rows, recipients, [](const Service::FailedRecipient& r) { return r.recipientId; },
        sameRecipient, Reset::WhenMostChanged);
}

} // namespace RelayDesk::Ui
