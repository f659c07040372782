#include "DeviceModel.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QStyle>

namespace RelayDesk::Ui {

namespace {

bool sameDevice(const Service::DeviceInfo& a, const Service::DeviceInfo& b)
{
    return a.address == b.address && a.reverseName == b.reverseName && a.heloName == b.heloName &&
           a.authUser == b.authUser && a.firstSeen == b.firstSeen && a.lastSeen == b.lastSeen &&
           a.messagesToday == b.messagesToday && a.errorsToday == b.errorsToday &&
           a.messagesTotal == b.messagesTotal && a.expectEveryHours == b.expectEveryHours &&
           a.quiet == b.quiet && a.lastTranscript == b.lastTranscript;
}

QIcon quietIcon()
{
    const QString themed = QStringLiteral(":/icons/tray-warn.svg");
    if (QFile::exists(themed))
        return QIcon(themed);
    return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
}

} // namespace

DeviceModel::DeviceModel(QObject* parent) : KeyedRowsModel(parent) {}

int DeviceModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

int DeviceModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int DeviceModel::rowOf(const QString& address) const
{
    for (qsizetype i = 0; i < m_devices.size(); ++i)
        if (m_devices.at(i).address == address)
            return int(i);
    return -1;
}

QString DeviceModel::agoText(const QDateTime& when, const QDateTime& now)
{
    if (!when.isValid())
        return tr("never");
    const qint64 secs = qMax<qint64>(0, when.secsTo(now));
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%n min ago", nullptr, int(secs / 60));
    if (secs < 48 * 3600)
        return tr("%n h ago", nullptr, int(secs / 3600));
    return tr("%n day(s) ago", nullptr, int(secs / 86400));
}

QString DeviceModel::expectationText(const Service::DeviceInfo& device)
{
    if (device.expectEveryHours <= 0)
        return tr("off");
    const QString every = tr("every %n h", nullptr, device.expectEveryHours);
    // Text as well as the icon: a colour or an icon alone is easy to miss.
    return device.quiet ? tr("%1 — quiet").arg(every) : every;
}

QVariant DeviceModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& d = m_devices.at(index.row());
    switch (role) {
    case AddressRole:
        return d.address;
    case QuietRole:
        return d.quiet;
    case Qt::DecorationRole:
        if (d.quiet && (index.column() == AddressColumn || index.column() == ExpectationColumn))
            return quietIcon();
        return {};
    case Qt::ToolTipRole:
        if (d.quiet)
            return tr("No mail from this device for more than %n hour(s).", nullptr,
                      d.expectEveryHours);
        // Relative in the tooltip only: a cell that says "3 min ago" would
        // go stale between refreshes that change nothing.
        if (index.column() == LastSeenColumn)
            return agoText(d.lastSeen, QDateTime::currentDateTimeUtc());
        return {};
    case SortRole:
        switch (index.column()) {
        case LastSeenColumn:
            return d.lastSeen;
        case MessagesTodayColumn:
            return d.messagesToday;
        case ErrorsTodayColumn:
            return d.errorsToday;
        case ExpectationColumn:
            // Quiet devices first when sorted descending, then by hours.
            return (d.quiet ? 100000 : 0) + d.expectEveryHours;
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case AddressColumn:
            return d.address;
        case ReverseNameColumn:
            return d.reverseName;
        case HeloColumn:
            return d.heloName;
        case AuthColumn:
            return d.authUser;
        case LastSeenColumn:
            return d.lastSeen.isValid()
                       ? d.lastSeen.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : tr("never");
        case MessagesTodayColumn:
            return d.messagesToday;
        case ErrorsTodayColumn:
            return d.errorsToday;
        case ExpectationColumn:
            return expectationText(d);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant DeviceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedRowsModel::headerData(section, orientation, role);
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case ReverseNameColumn:
        return tr("Reverse name");
    case HeloColumn:
        return tr("EHLO name");
    case AuthColumn:
        return tr("AUTH identity");
    case LastSeenColumn:
        return tr("Last seen");
    case MessagesTodayColumn:
        return tr("Messages today");
    case ErrorsTodayColumn:
        return tr("Errors today");
    case ExpectationColumn:
        return tr("Expect mail");
    default:
        return {};
    }
}

void DeviceModel::setDevices(const QVector<Service::DeviceInfo>& devices)
{
    mergeRows(
        m_devices, devices, [](const Service::DeviceInfo& d) { return d.address; }, sameDevice);
}

} // namespace RelayDesk::Ui
