#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

namespace RelayDesk::Ui {

/// Where the Settings page shows a problem: the widget to blame (a line
/// edit, or a table/list with the cell in row/column) and what is wrong.
struct SettingsFieldError
{
    QPointer<QWidget> field;
    int row = -1;    ///< table or list row, -1: the whole widget
    int column = -1; ///< table column, -1: the whole row
    QString message;

    bool isSet() const { return !message.isEmpty(); }
};

} // namespace RelayDesk::Ui
