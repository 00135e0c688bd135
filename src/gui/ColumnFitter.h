#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemModel;
class QModelIndex;
class QTableView;
class QTimer;

// Keeps one column of a table wide enough for its contents, at a cost that follows what changed.
// QHeaderView::ResizeToContents measures every row of the column again after each change: a refresh of 1,000
// domains, each row changing a few times, laid out the column's text millions of times and froze the window
// (benchmarks/README.md, refresh). This measures only the rows that arrive or change and widens the column when
// one needs it; after rows leave or the model is reset it measures the whole column once, a moment later, so the
// column may narrow again. A reordering (sorting) changes no width and is not measured. The user can still drag
// the column: it is only widened again when a row arrives that does not fit.
class ColumnFitter : public QObject
{
    Q_OBJECT

public:
    // Follows the model `view` has now: give the view its model first. `maxWidth` caps what the column grows to
    // for one long value (the rest is elided).
    ColumnFitter(QTableView* view, int column, int maxWidth = 320);
    ~ColumnFitter() override;

    // The rows measured since construction: what the tests check the cost against.
    qint64 measuredRows() const { return m_measuredRows; }

private:
    void follow(QAbstractItemModel* model);
    void fitRows(int first, int last);
    void fitAll();
    int capped(int width) const;

    QTableView* m_view;
    int m_column;
    int m_maxWidth;
    QPointer<QAbstractItemModel> m_model;
    QTimer* m_fullFit;
    qint64 m_measuredRows = 0;
};
