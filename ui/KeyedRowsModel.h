#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QVector>
#include <type_traits>

namespace RelayDesk::Ui {

/// A table model whose rows are a QVector of values with a unique key each,
/// refreshed by handing it the whole new list (the core answers with
/// snapshots). mergeRows() turns the shown list into the new one with the
/// fewest signals: runs of vanished rows removed, runs of changed rows one
/// dataChanged each, new rows appended. So a refresh keeps the selection,
/// the scroll position and a sorting proxy's order, and views repaint only
/// what changed.
class KeyedRowsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    enum class Reset {
        Never,           ///< always merge
        WhenMostChanged, ///< one reset when more rows change than stay (a new query)
    };

    /// Makes `rows` (this model's storage) equal to `fresh` up to order:
    /// rows that stay keep their place, new ones come last. `keyOf(row)` is
    /// the row's unique key, `same(a, b)` whether a kept row shows the same.
    template <typename Row, typename KeyOf, typename Same>
    void mergeRows(QVector<Row>& rows, const QVector<Row>& fresh, KeyOf keyOf, Same same,
                   Reset reset = Reset::Never)
    {
        using Key = std::decay_t<std::invoke_result_t<KeyOf, const Row&>>;
        QHash<Key, qsizetype> incoming;
        incoming.reserve(fresh.size());
        for (qsizetype i = 0; i < fresh.size(); ++i)
            incoming.insert(keyOf(fresh.at(i)), i);

        if (reset == Reset::WhenMostChanged) {
            qsizetype kept = 0;
            for (const Row& row : std::as_const(rows))
                kept += incoming.contains(keyOf(row)) ? 1 : 0;
            if ((rows.size() - kept) + (fresh.size() - kept) > kept) {
                // Cheaper than thousands of runs, and a view expects it.
                beginResetModel();
                rows = fresh;
                endResetModel();
                return;
            }
        }

        // Vanished rows, from the bottom, in contiguous runs.
        for (qsizetype last = rows.size() - 1; last >= 0;) {
            if (incoming.contains(keyOf(rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > 0 && !incoming.contains(keyOf(rows.at(first - 1))))
                --first;
            beginRemoveRows({}, int(first), int(last));
            rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        // Kept rows: runs of changed ones, one dataChanged per run.
        QSet<Key> shown;
        shown.reserve(rows.size());
        const int lastColumn = columnCount({}) - 1;
        qsizetype runStart = -1;
        auto flushRun = [&](qsizetype end) {
            if (runStart >= 0)
                Q_EMIT dataChanged(index(int(runStart), 0), index(int(end), lastColumn));
            runStart = -1;
        };
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Row& next = fresh.at(incoming.value(keyOf(rows.at(i))));
            shown.insert(keyOf(next));
            if (same(rows.at(i), next)) {
                flushRun(i - 1);
                continue;
            }
            rows[i] = next;
            if (runStart < 0)
                runStart = i;
        }
        flushRun(rows.size() - 1);

        // New rows, in the order they came.
        QVector<Row> added;
        for (const Row& row : fresh) {
            if (!shown.contains(keyOf(row)))
                added.append(row);
        }
        if (!added.isEmpty()) {
            beginInsertRows({}, int(rows.size()), int(rows.size() + added.size() - 1));
            rows += added;
            endInsertRows();
        }
    }
};

} // namespace RelayDesk::Ui
