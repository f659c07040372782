#include "AppPreferences.h"

#include <QSettings>

namespace RelayDesk::Ui {

namespace {

const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString splitterKey = QStringLiteral("window/splitter");
const QString pageKey = QStringLiteral("window/page");
const QString darkKey = QStringLiteral("ui/dark");
const QString perKindKey = QStringLiteral("notifications/perKindMinutes");
const QString perHourKey = QStringLiteral("notifications/perHour");

} // namespace

QByteArray AppPreferences::windowGeometry() const
{
    return QSettings().value(geometryKey).toByteArray();
}

void AppPreferences::setWindowGeometry(const QByteArray& geometry)
{
    QSettings().setValue(geometryKey, geometry);
}

QByteArray AppPreferences::windowState() const
{
    return QSettings().value(stateKey).toByteArray();
}

void AppPreferences::setWindowState(const QByteArray& state)
{
    QSettings().setValue(stateKey, state);
}

QByteArray AppPreferences::splitterState() const
{
    return QSettings().value(splitterKey).toByteArray();
}

void AppPreferences::setSplitterState(const QByteArray& state)
{
    QSettings().setValue(splitterKey, state);
}

QString AppPreferences::currentPage() const
{
    return QSettings().value(pageKey).toString();
}

void AppPreferences::setCurrentPage(const QString& name)
{
    QSettings().setValue(pageKey, name);
}

bool AppPreferences::darkTheme() const
{
    return QSettings().value(darkKey, false).toBool();
}

void AppPreferences::setDarkTheme(bool dark)
{
    QSettings().setValue(darkKey, dark);
}

int AppPreferences::notifyPerKindMinutes() const
{
    return qBound(0, QSettings().value(perKindKey, 15).toInt(), 24 * 60);
}

void AppPreferences::setNotifyPerKindMinutes(int minutes)
{
    QSettings().setValue(perKindKey, minutes);
}

int AppPreferences::notifyPerHour() const
{
    return qBound(1, QSettings().value(perHourKey, 6).toInt(), 60);
}

void AppPreferences::setNotifyPerHour(int count)
{
    QSettings().setValue(perHourKey, count);
}

} // namespace RelayDesk::Ui
