#include "RouteHealthModel.h"

#include "StateStyle.h"

#include <QLocale>

namespace RelayDesk::Ui {

RouteHealthModel::RouteHealthModel(QObject* parent) : QAbstractTableModel(parent) {}

void RouteHealthModel::setDestinations(const QVector<Queue::DestinationSnapshot>& destinations)
{
    bool sameKeys = destinations.size() == m_rows.size();
    for (int i = 0; sameKeys && i < destinations.size(); ++i)
        sameKeys = destinations.at(i).key == m_rows.at(i).key;
    if (!sameKeys) {
        // Destinations come and go rarely (configuration, a new MX domain).
        beginResetModel();
        m_rows = destinations;
        endResetModel();
        return;
    }
    m_rows = destinations;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void RouteHealthModel::setPalette(const QPalette& palette)
{
    m_palette = palette;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, State), index(int(m_rows.size()) - 1, State),
                           {Qt::ForegroundRole});
}

int RouteHealthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RouteHealthModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RouteHealthModel::displayName(const QString& key)
{
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return key;
    const QString kind = key.left(colon);
    const QString name = key.mid(colon + 1);
    if (kind == QLatin1String("smarthost"))
        return tr("%1 (smarthost)").arg(name.isEmpty() ? tr("default") : name);
    if (kind == QLatin1String("mx"))
        return tr("%1 (direct MX)").arg(name);
    return key;
}

QVariant RouteHealthModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& d = m_rows.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case Name:
            return d.key;
        case State:
            return int(d.state);
        case Connections:
            return d.openConnections;
        case SentLastMinute:
            return d.usage.messagesLastMinute;
        case SentLast24Hours:
            return d.usage.messagesLast24Hours;
        case LastError:
            return d.lastErrorAt;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        switch (index.column()) {
        case Name:
            return displayName(d.key);
        case State:
            if (d.state == Queue::DestinationState::Paused && d.pausedUntil.isValid())
                return tr("%1 until %2")
                    .arg(destinationStateText(d.state),
                         locale.toString(d.pausedUntil.toLocalTime().time(), QLocale::ShortFormat));
            return destinationStateText(d.state);
        case Connections:
            return d.openConnections;
        case SentLastMinute:
            return locale.toString(d.usage.messagesLastMinute);
        case SentLast24Hours:
            return locale.toString(d.usage.messagesLast24Hours);
        case LastError:
            if (d.lastError.isEmpty())
                return tr("—");
            return d.lastErrorAt.isValid()
                       ? tr("%1 (%2)").arg(d.lastError, locale.toString(d.lastErrorAt.toLocalTime(),
                                                                        QLocale::ShortFormat))
                       : d.lastError;
        }
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == State)
        return destinationStateColor(d.state, m_palette);
    if (role == Qt::ToolTipRole && index.column() == LastError && !d.lastError.isEmpty())
        return d.lastError;
    if (role == Qt::TextAlignmentRole && index.column() >= Connections &&
        index.column() <= SentLast24Hours)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RouteHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Destination");
    case State:
        return tr("State");
    case Connections:
        return tr("Connections");
    case SentLastMinute:
        return tr("Sent (1 min)");
    case SentLast24Hours:
        return tr("Sent (24 h)");
    case LastError:
        return tr("Last error");
    }
    return {};
}

} // namespace RelayDesk::Ui
