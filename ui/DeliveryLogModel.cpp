#include "DeliveryLogModel.h"

#include "StateStyle.h"

#include <QGuiApplication>

namespace RelayDesk::Ui {

namespace {

bool sameRow(const Service::DeliveryLogRow& a, const Service::DeliveryLogRow& b)
{
    const auto& x = a.entry;
    const auto& y = b.entry;
    return x.messageId == y.messageId && x.recipient == y.recipient &&
           x.attemptedAt == y.attemptedAt && x.resultState == y.resultState &&
           x.upstreamHost == y.upstreamHost && x.replyCode == y.replyCode &&
           x.enhancedStatus == y.enhancedStatus && x.replyText == y.replyText &&
           x.upstreamQueueId == y.upstreamQueueId && a.sender == b.sender &&
           a.clientAddress == b.clientAddress && a.heloName == b.heloName;
}

/// Upstreams repeat the enhanced status at the start of the text; the
/// Status column already shows it.
QString replyWithoutStatus(const QString& text, const QString& status)
{
    const QString line = text.simplified();
    if (!status.isEmpty() && line.startsWith(status + QLatin1Char(' ')))
        return line.mid(status.size() + 1);
    return line;
}

} // namespace

DeliveryLogModel::DeliveryLogModel(QObject* parent) : KeyedRowsModel(parent) {}

int DeliveryLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryLogModel::resultText(Store::RecipientState state)
{
    return stateText(state);
}

QString DeliveryLogModel::deviceText(const QString& address, const QString& heloName)
{
    if (heloName.isEmpty() || heloName == address)
        return address;
    if (address.isEmpty())
        return heloName;
    return tr("%1 (%2)").arg(address, heloName);
}

QVariant DeliveryLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = m_rows.at(index.row());
    const auto& e = row.entry;
    switch (role) {
    case MessageIdRole:
        return e.messageId;
    case StateRole:
        return int(e.resultState);
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn)
            return stateColor(e.resultState, QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ReplyColumn || index.column() == StatusColumn ||
            index.column() == CodeColumn)
            return e.replyText;
        return {};
    case SortRole:
        switch (index.column()) {
        case TimeColumn:
            return e.attemptedAt;
        case ResultColumn:
            return int(e.resultState);
        case CodeColumn:
            return e.replyCode;
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return e.attemptedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case ResultColumn:
            return resultText(e.resultState);
        case SenderColumn:
            return row.sender.isEmpty() ? QStringLiteral("<>") : row.sender;
        case RecipientColumn:
            return e.recipient;
        case DeviceColumn:
            return deviceText(row.clientAddress, row.heloName);
        case UpstreamHostColumn:
            return e.upstreamHost;
        case CodeColumn:
            // 0: the upstream never answered (connection failure).
            return e.replyCode > 0 ? QString::number(e.replyCode) : QStringLiteral("—");
        case StatusColumn:
            return e.enhancedStatus;
        case ReplyColumn:
            return replyWithoutStatus(e.replyText, e.enhancedStatus);
        case UpstreamQueueIdColumn:
            return e.upstreamQueueId;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant DeliveryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ResultColumn:
        return tr("Result");
    case SenderColumn:
        return tr("Sender");
    case RecipientColumn:
        return tr("Recipient");
    case DeviceColumn:
        return tr("Device");
    case UpstreamHostColumn:
        return tr("Upstream");
    case CodeColumn:
        return tr("Code");
    case StatusColumn:
        return tr("Status");
    case ReplyColumn:
        return tr("Reply");
    case UpstreamQueueIdColumn:
        return tr("Upstream queue ID");
    default:
        return {};
    }
}

void DeliveryLogModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void DeliveryLogModel::setRows(const QVector<Service::DeliveryLogRow>& rows)
{
    // A different query: one reset is cheaper than thousands of runs.
    mergeRows(
        m_rows, rows, [](const Service::DeliveryLogRow& r) { return r.entry.id; }, sameRow,
        Reset::WhenMostChanged);
}

} // namespace RelayDesk::Ui
