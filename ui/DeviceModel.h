#pragma once

#include "KeyedRowsModel.h"
#include "service/AdminTypes.h"

#include <QDateTime>
#include <QVector>

namespace RelayDesk::Ui {

/// The Devices page's table: one row per client that has sent through the
/// relay, keyed by address. A refresh merges (changed rows get dataChanged
/// in runs, vanished rows are removed, new ones appended) so that the
/// selected device stays selected while the page refreshes.
class DeviceModel final : public KeyedRowsModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceModel)

public:
    enum Column {
        AddressColumn,
        ReverseNameColumn,
        HeloColumn,
        AuthColumn,
        LastSeenColumn,
        MessagesTodayColumn,
        ErrorsTodayColumn,
        ExpectationColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole, ///< raw value (QDateTime, int, QString)
        AddressRole = Qt::UserRole + 1,
        QuietRole = Qt::UserRole + 2, ///< bool
    };

    explicit DeviceModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Shows `devices` (the complete list), merging by address.
    void setDevices(const QVector<Service::DeviceInfo>& devices);

    const Service::DeviceInfo& deviceAt(int row) const { return m_devices.at(row); }
    /// Row of the device with `address`, or -1.
    int rowOf(const QString& address) const;

    /// "every 4 h", "off", "every 4 h — quiet": the Expectation column.
    static QString expectationText(const Service::DeviceInfo& device);
    /// "3 min ago", "5 h ago", "2 days ago" relative to `now`; "never" if invalid.
    static QString agoText(const QDateTime& when, const QDateTime& now);

private:
    QVector<Service::DeviceInfo> m_devices;
};

} // namespace RelayDesk::Ui
