#pragma once

#include <QAbstractItemView>
#include <QString>

class QAbstractItemModel;
class QSortFilterProxyModel;
class QTableView;

namespace RelayDesk::Ui {

/// How a list page's table looks: what it is called, how it starts sorted,
/// how rows are selected and where its column layout is remembered.
struct ListViewOptions
{
    QString objectName;
    int sortColumn = 0;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    QAbstractItemView::SelectionMode selection = QAbstractItemView::SingleSelection;
    bool wordWrap = true;
    QString headerKey; ///< QSettings key of the header's saved state
};

/// A QSortFilterProxyModel over `source` that sorts by `sortRole`.
QSortFilterProxyModel* sortedProxy(QAbstractItemModel* source, int sortRole, QObject* parent);

/// The read-only, row-selecting, sortable table every list page shows (the
/// Devices, Credentials, Accounts, Certificates, Blocked clients and Audit
/// pages), its header restored from `options.headerKey`. `restored` (if
/// given) tells whether a saved layout was found.
QTableView* makeListView(QAbstractItemModel* model, const ListViewOptions& options, QWidget* parent,
                         bool* restored = nullptr);

/// Saves the header layout under `headerKey` (the page's destructor).
void saveListViewHeader(const QTableView* view, const QString& headerKey);

} // namespace RelayDesk::Ui
