#include "QueueFilterProxy.h"

#include "QueueModel.h"

namespace RelayDesk::Ui {

using Store::RecipientState;

QueueFilterProxy::QueueFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(QueueModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(false); // locale-aware compare is several times slower on 100k rows
    setDynamicSortFilter(true);
}

void QueueFilterProxy::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateFilter();
}

void QueueFilterProxy::setTextFilter(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

void QueueFilterProxy::setSourceModel(QAbstractItemModel* model)
{
    m_queue = qobject_cast<const QueueModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

bool QueueFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (!m_queue || left.column() != right.column())
        return QSortFilterProxyModel::lessThan(left, right);
    const Service::QueueRow& a = m_queue->rowAt(left.row());
    const Service::QueueRow& b = m_queue->rowAt(right.row());
    const auto text = [](const QString& x, const QString& y) {
        return x.compare(y, Qt::CaseInsensitive);
    };
    int order = 0;
    switch (left.column()) {
    case QueueModel::TimeColumn:
        order = a.receivedAt < b.receivedAt ? -1 : (b.receivedAt < a.receivedAt ? 1 : 0);
        break;
    case QueueModel::SenderColumn:
        order = text(a.sender, b.sender);
        break;
    case QueueModel::RecipientsColumn:
        order = text(a.recipients.value(0), b.recipients.value(0));
        if (order == 0)
            order = int(a.recipients.size()) - int(b.recipients.size());
        break;
    case QueueModel::SizeColumn:
        order = a.size < b.size ? -1 : (a.size > b.size ? 1 : 0);
        break;
    case QueueModel::DeviceColumn:
        order = text(a.clientAddress, b.clientAddress);
        if (order == 0)
            order = text(a.heloName, b.heloName);
        break;
    case QueueModel::RouteColumn:
        order = text(a.route, b.route);
        break;
    case QueueModel::StateColumn:
        order = int(a.state) - int(b.state);
        break;
    case QueueModel::AttemptsColumn:
        order = a.attempts - b.attempts;
        break;
    case QueueModel::NextAttemptColumn:
        order = a.nextAttempt < b.nextAttempt ? -1 : (b.nextAttempt < a.nextAttempt ? 1 : 0);
        break;
    case QueueModel::LastReplyColumn:
        order = text(a.lastReply, b.lastReply);
        break;
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
    // Equal keys keep message order, so the table does not shuffle them.
    return order != 0 ? order < 0 : a.messageId < b.messageId;
}

bool QueueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    // Read the snapshot directly: going through data() would build several
    // QVariants per row, which is what makes filtering 100,000 rows slow.
    if (!m_queue)
        return true;
    const Service::QueueRow& row = m_queue->rowAt(sourceRow);

    switch (m_state) {
    case StateFilter::All:
        break;
    case StateFilter::Queued:
        if (row.state != RecipientState::Queued)
            return false;
        break;
    case StateFilter::Deferred:
        if (row.state != RecipientState::Deferred)
            return false;
        break;
    case StateFilter::Held:
        if (row.state != RecipientState::Held)
            return false;
        break;
    case StateFilter::InFlight:
        if (row.state != RecipientState::InFlight)
            return false;
        break;
    }

    if (m_text.isEmpty())
        return true;
    const auto has = [this](const QString& field) {
        return field.contains(m_text, Qt::CaseInsensitive);
    };
    if (has(row.sender) || has(row.clientAddress) || has(row.heloName) || has(row.authUser) ||
        has(row.route) || has(row.lastReply))
        return true;
    for (const QString& recipient : row.recipients)
        if (has(recipient))
            return true;
    return false;
}

} // namespace RelayDesk::Ui
