#include "ListView.h"

#include <QHeaderView>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace RelayDesk::Ui {

QSortFilterProxyModel* sortedProxy(QAbstractItemModel* source, int sortRole, QObject* parent)
{
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setSortRole(sortRole);
    return proxy;
}

QTableView* makeListView(QAbstractItemModel* model, const ListViewOptions& options, QWidget* parent,
                         bool* restored)
{
    auto* view = new QTableView(parent);
    view->setObjectName(options.objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->sortByColumn(options.sortColumn, options.sortOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(options.selection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(options.wordWrap);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    const bool found =
        view->horizontalHeader()->restoreState(QSettings().value(options.headerKey).toByteArray());
    if (restored)
        *restored = found;
    return view;
}

void saveListViewHeader(const QTableView* view, const QString& headerKey)
{
    QSettings().setValue(headerKey, view->horizontalHeader()->saveState());
}

} // namespace RelayDesk::Ui
