#include "QueueModel.h"

#include "StateStyle.h"

#include <QGuiApplication>
#include <QLocale>
#include <algorithm>
#include <limits>

namespace RelayDesk::Ui {

using Service::QueueRow;
using Store::RecipientState;

namespace {

bool sameRow(const QueueRow& a, const QueueRow& b)
{
    return a.messageId == b.messageId && a.state == b.state && a.attempts == b.attempts &&
           a.nextAttempt == b.nextAttempt && a.lastCode == b.lastCode &&
           a.lastReply == b.lastReply && a.recipients == b.recipients && a.route == b.route &&
           a.totalRecipients == b.totalRecipients && a.size == b.size &&
           a.receivedAt == b.receivedAt && a.sender == b.sender &&
           a.clientAddress == b.clientAddress && a.heloName == b.heloName &&
           a.authUser == b.authUser;
}

QString localTime(const QDateTime& utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat);
}

constexpr qint64 NoCursor = std::numeric_limits<qint64>::min();
/// More insert/remove runs than this in one batch: apply it as one layout change.
constexpr int MaxStructuralRuns = 8;

} // namespace

QueueModel::QueueModel(QObject* parent) : QAbstractTableModel(parent), m_cursor(NoCursor) {}

int QueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueRow& row = m_rows.at(index.row());
    const int column = index.column();

    if (role == MessageIdRole)
        return row.messageId;
    if (role == StateRole)
        return int(row.state);

    if (role == SortRole) {
        switch (column) {
        case TimeColumn:
            return row.receivedAt;
        case SenderColumn:
            return row.sender;
        case RecipientsColumn:
            return row.recipients.join(QLatin1String(", "));
        case SizeColumn:
            return row.size;
        case DeviceColumn:
            return row.clientAddress;
        case RouteColumn:
            return row.route;
        case StateColumn:
            return int(row.state);
        case AttemptsColumn:
            return row.attempts;
        case NextAttemptColumn:
            return row.nextAttempt;
        case LastReplyColumn:
            return row.lastReply;
        }
        return {};
    }

    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return localTime(row.receivedAt);
        case SenderColumn:
            return row.sender.isEmpty() ? tr("<> (null sender)") : row.sender;
        case RecipientsColumn: {
            const QString list = row.recipients.join(QLatin1String(", "));
            if (row.totalRecipients > row.recipients.size())
                return tr("%1 (%2 of %3 pending)")
                    .arg(list)
                    .arg(row.recipients.size())
                    .arg(row.totalRecipients);
            return list;
        }
        case SizeColumn:
            return QLocale().formattedDataSize(row.size);
        case DeviceColumn:
            if (row.heloName.isEmpty())
                return row.clientAddress;
            return tr("%1 (%2)").arg(row.clientAddress, row.heloName);
        case RouteColumn:
            return row.route;
        case StateColumn:
            return stateText(row.state);
        case AttemptsColumn:
            return row.attempts;
        case NextAttemptColumn:
            // Held and in-flight messages have no scheduled attempt to show.
            if (row.state == RecipientState::Held || row.state == RecipientState::InFlight ||
                !row.nextAttempt.isValid())
                return QStringLiteral("–");
            return localTime(row.nextAttempt);
        case LastReplyColumn:
            return row.lastReply;
        }
        return {};
    }

    if (role == Qt::ToolTipRole) {
        switch (column) {
        case RecipientsColumn:
            return row.recipients.join(QLatin1Char('\n'));
        case DeviceColumn: {
            QString tip = tr("Address: %1").arg(row.clientAddress);
            if (!row.heloName.isEmpty())
                tip += QLatin1Char('\n') + tr("EHLO: %1").arg(row.heloName);
            if (!row.authUser.isEmpty())
                tip += QLatin1Char('\n') + tr("AUTH user: %1").arg(row.authUser);
            return tip;
        }
        case LastReplyColumn:
            return row.lastReply;
        case SizeColumn:
            return tr("%n octet(s)", nullptr, int(qMin<qint64>(row.size, INT_MAX)));
        }
        return {};
    }

    if (role == Qt::ForegroundRole) {
        if (column == StateColumn)
            return stateColor(row.state, QGuiApplication::palette());
        return {};
    }

    if (role == Qt::TextAlignmentRole) {
        if (column == SizeColumn || column == AttemptsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Received");
    case SenderColumn:
        return tr("Sender");
    case RecipientsColumn:
        return tr("Recipients");
    case SizeColumn:
        return tr("Size");
    case DeviceColumn:
        return tr("Device");
    case RouteColumn:
        return tr("Route");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case LastReplyColumn:
        return tr("Last reply");
    }
    return {};
}

int QueueModel::lowerBound(qint64 messageId) const
{
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), messageId,
                         [](const QueueRow& row, qint64 id) { return row.messageId < id; });
    return int(it - m_rows.cbegin());
}

int QueueModel::rowOf(qint64 messageId) const
{
    const int row = lowerBound(messageId);
    return row < m_rows.size() && m_rows.at(row).messageId == messageId ? row : -1;
}

void QueueModel::removeRun(int first, int last)
{
    beginRemoveRows({}, first, last);
    m_rows.remove(first, last - first + 1);
    endRemoveRows();
}

int QueueModel::structuralRuns(const QVector<QueueRow>& batch, qint64 covered, int start) const
{
    // The same walk as applyBatch, counting the insert and remove runs it
    // would signal.
    const int size = int(m_rows.size());
    const int n = int(batch.size());
    int runs = 0;
    int i = start;
    int b = 0;
    while (b < n) {
        const qint64 id = batch.at(b).messageId;
        int j = i;
        while (j < size && m_rows.at(j).messageId < id)
            ++j;
        if (j > i && m_rows.at(j - 1).messageId > covered)
            ++runs;
        i = j;
        if (i < size && m_rows.at(i).messageId == id) {
            ++i;
            ++b;
            continue;
        }
        while (b < n && (i >= size || batch.at(b).messageId < m_rows.at(i).messageId))
            ++b;
        ++runs;
    }
    return runs;
}

void QueueModel::mergeAsLayoutChange(const QVector<QueueRow>& batch, qint64 covered, int start)
{
    Q_EMIT layoutAboutToBeChanged();
    const int size = int(m_rows.size());
    const int n = int(batch.size());
    QVector<QueueRow> merged;
    merged.reserve(size + n);
    QVector<int> newRowOf(size, -1); // old row -> new row, -1 when gone
    auto keep = [&](int old) {
        newRowOf[old] = int(merged.size());
        merged.append(std::move(m_rows[old]));
    };
    int i = 0;
    for (; i < start; ++i)
        keep(i);
    int b = 0;
    while (i < size || b < n) {
        if (b >= n) {
            keep(i++); // after this batch: not covered yet
        } else if (i < size && m_rows.at(i).messageId < batch.at(b).messageId) {
            if (m_rows.at(i).messageId <= covered)
                keep(i); // covered by an earlier batch
            ++i;
        } else if (i < size && m_rows.at(i).messageId == batch.at(b).messageId) {
            newRowOf[i++] = int(merged.size());
            merged.append(batch.at(b++));
        } else {
            merged.append(batch.at(b++));
        }
    }
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex& index : from) {
        const int row = newRowOf.value(index.row(), -1);
        to.append(row < 0 ? QModelIndex() : createIndex(row, index.column()));
    }
    m_rows = std::move(merged);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged();
}

void QueueModel::beginRefresh()
{
    m_cursor = NoCursor;
    m_refreshing = true;
}

void QueueModel::applyBatch(const QVector<QueueRow>& rows, bool last)
{
    if (!m_refreshing)
        beginRefresh();

    QVector<QueueRow> batch = rows;
    auto byId = [](const QueueRow& a, const QueueRow& b) { return a.messageId < b.messageId; };
    if (!std::is_sorted(batch.cbegin(), batch.cend(), byId))
        std::stable_sort(batch.begin(), batch.end(), byId);
    // A message named twice in one batch counts once (the later snapshot).
    const auto sameId = [](const QueueRow& a, const QueueRow& b) {
        return a.messageId == b.messageId;
    };
    if (std::adjacent_find(batch.cbegin(), batch.cend(), sameId) != batch.cend()) {
        std::reverse(batch.begin(), batch.end());
        batch.erase(std::unique(batch.begin(), batch.end(), sameId), batch.end());
        std::reverse(batch.begin(), batch.end());
    }

    // Rows up to the previous batches' highest id were covered by them: a
    // row there that this batch does not name is not gone.
    const qint64 covered = m_cursor;
    int changedFirst = -1;
    int changedLast = -1;
    auto flushChanged = [&] {
        if (changedFirst >= 0)
            Q_EMIT dataChanged(index(changedFirst, 0), index(changedLast, ColumnCount - 1));
        changedFirst = -1;
    };

    const int n = int(batch.size());
    // Start right after what earlier batches covered: rows between there
    // and this batch's first id are gone too.
    int i = int(m_rows.size());
    if (n > 0) {
        const qint64 firstId = batch.first().messageId;
        i = covered == NoCursor ? 0 : lowerBound(qMin(covered + 1, firstId));
    }
    int b = 0;
    // Scattered changes (many messages delivered since the last refresh)
    // would mean one insert/remove signal per run, and a sorting proxy
    // pays for each with a pass over all rows: beyond a few runs, one
    // layout change with the persistent indexes moved is far cheaper and
    // still keeps selection and scroll position.
    if (n > 0 && structuralRuns(batch, covered, i) > MaxStructuralRuns) {
        mergeAsLayoutChange(batch, covered, i);
        b = n;
    }
    while (b < n) {
        const qint64 id = batch.at(b).messageId;
        int j = i;
        while (j < m_rows.size() && m_rows.at(j).messageId < id)
            ++j;
        int firstGone = i;
        while (firstGone < j && m_rows.at(firstGone).messageId <= covered)
            ++firstGone;
        if (firstGone < j) {
            flushChanged();
            removeRun(firstGone, j - 1);
            j = firstGone;
        }
        i = j;

        if (i < m_rows.size() && m_rows.at(i).messageId == id) {
            if (!sameRow(m_rows.at(i), batch.at(b))) {
                m_rows[i] = batch.at(b);
                if (changedFirst < 0)
                    changedFirst = i;
                changedLast = i;
            }
            ++i;
            ++b;
            continue;
        }

        // A run of new messages that all go before the next existing row.
        int k = b;
        while (k < n && (i >= m_rows.size() || batch.at(k).messageId < m_rows.at(i).messageId))
            ++k;
        flushChanged();
        const int count = k - b;
        beginInsertRows({}, i, i + count - 1);
        m_rows.insert(i, count, Service::QueueRow{});
        std::copy(batch.cbegin() + b, batch.cbegin() + k, m_rows.begin() + i);
        endInsertRows();
        i += count;
        b = k;
    }
    flushChanged();

    if (n > 0)
        m_cursor = qMax(m_cursor, batch.last().messageId);
    if (last) {
        // Everything after the last batch has left the queue.
        const int first = m_cursor == NoCursor ? 0 : lowerBound(m_cursor + 1);
        if (first < m_rows.size())
            removeRun(first, int(m_rows.size()) - 1);
        m_refreshing = false;
        m_loaded = true;
    }
}

} // namespace RelayDesk::Ui
