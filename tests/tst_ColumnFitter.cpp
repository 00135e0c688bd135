// ColumnFitter: a column kept wide enough for its contents, measuring only what changed (the cost that made a
// refresh of 1,000 domains freeze the window with QHeaderView::ResizeToContents), narrowing after removals.

#include "ColumnFitter.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTest>

namespace {

// Counts how often the view asks for a cell's size: the work a column sizing does.
class CountingDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        ++calls;
        return QStyledItemDelegate::sizeHint(option, index);
    }
    mutable qint64 calls = 0;
};

QList<QStandardItem*> row(const QString& name)
{
    return {new QStandardItem(name), new QStandardItem(QStringLiteral("x"))};
}

// What the table itself finds column 0 needs (QTableView makes this protected; the base class's is public).
int neededWidth(const QTableView& view)
{
    return static_cast<const QAbstractItemView&>(view).sizeHintForColumn(0);
}

} // namespace

class tst_ColumnFitter : public QObject
{
    Q_OBJECT

private slots:
    void widensForARowThatArrives();
    void widensForAValueThatGrows();
    void narrowsAfterTheLongestLeaves();
    void aChangeMeasuresOnlyTheChangedRow();
    void sortingMeasuresNothing();
    void longValuesAreCapped();
};

void tst_ColumnFitter::widensForARowThatArrives()
{
    QStandardItemModel model(0, 2);
    QTableView view;
    view.setModel(&model);
    ColumnFitter fitter(&view, 0);
    model.appendRow(row(QStringLiteral("a")));
    const int narrow = view.columnWidth(0);
    model.appendRow(row(QStringLiteral("a-much-longer-domain-name")));
    QVERIFY(view.columnWidth(0) > narrow);
    // As wide as the table itself finds the column needs (the grid's pixel included), so nothing is elided.
    QVERIFY(view.columnWidth(0) >= neededWidth(view));
    QCOMPARE(view.horizontalHeader()->sectionResizeMode(0), QHeaderView::Interactive);
}

void tst_ColumnFitter::widensForAValueThatGrows()
{
    QStandardItemModel model(0, 2);
    model.appendRow(row(QStringLiteral("a")));
    QTableView view;
    view.setModel(&model);
    ColumnFitter fitter(&view, 0);
    QTRY_VERIFY(view.columnWidth(0) >= view.sizeHintForIndex(model.index(0, 0)).width());
    const int before = view.columnWidth(0);
    model.item(0, 0)->setText(QStringLiteral("renamed-to-something-much-longer"));
    QVERIFY(view.columnWidth(0) > before);
    QVERIFY(view.columnWidth(0) >= neededWidth(view));
}

void tst_ColumnFitter::narrowsAfterTheLongestLeaves()
{
    QStandardItemModel model(0, 2);
    QTableView view;
    view.setModel(&model);
    ColumnFitter fitter(&view, 0);
    model.appendRow(row(QStringLiteral("short")));
    model.appendRow(row(QStringLiteral("the-longest-domain-name-of-all")));
    const int wide = view.columnWidth(0);
    model.removeRow(1);
    // Measured again once the removals are over: the column fits what is left.
    QTRY_VERIFY(view.columnWidth(0) < wide);
    QVERIFY(view.columnWidth(0) >= view.sizeHintForIndex(model.index(0, 0)).width());
}

void tst_ColumnFitter::aChangeMeasuresOnlyTheChangedRow()
{
    QStandardItemModel model(0, 2);
    for (int i = 0; i < 1000; ++i)
        model.appendRow(row(QStringLiteral("domain-%1").arg(i)));
    QTableView view;
    view.resize(600, 400);
    auto* delegate = new CountingDelegate(&view);
    view.setItemDelegate(delegate);
    view.setModel(&model);
    ColumnFitter fitter(&view, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(fitter.measuredRows() >= 1000); // the first fit measures the whole column once
    QCoreApplication::processEvents();

    // A refresh: every row changes, one at a time, as the domains' answers arrive.
    const qint64 callsBefore = delegate->calls;
    const qint64 measuredBefore = fitter.measuredRows();
    for (int i = 0; i < 1000; ++i) {
        model.item(i, 0)->setText(QStringLiteral("domain-%1 ").arg(i));
        model.item(i, 1)->setText(QStringLiteral("y"));
    }
    QCoreApplication::processEvents();
    // One measurement per change of the column (ResizeToContents re-measures the whole column each time: ~10^6).
    QCOMPARE(fitter.measuredRows() - measuredBefore, qint64(1000));
    QVERIFY2(delegate->calls - callsBefore < 20000, qPrintable(QString::number(delegate->calls - callsBefore)));
}

void tst_ColumnFitter::sortingMeasuresNothing()
{
    QStandardItemModel model(0, 2);
    for (int i = 0; i < 50; ++i)
        model.appendRow(row(QStringLiteral("domain-%1").arg(i)));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    ColumnFitter fitter(&view, 0);
    QTRY_VERIFY(fitter.measuredRows() >= 50);
    const qint64 before = fitter.measuredRows();
    view.sortByColumn(0, Qt::DescendingOrder);
    view.sortByColumn(0, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    QCOMPARE(fitter.measuredRows(), before);
}

void tst_ColumnFitter::longValuesAreCapped()
{
    QStandardItemModel model(0, 2);
    QTableView view;
    view.setModel(&model);
    ColumnFitter fitter(&view, 0, 150);
    model.appendRow(row(QString(500, QLatin1Char('w'))));
    QCOMPARE(view.columnWidth(0), 150);
}

QTEST_MAIN(tst_ColumnFitter)
#include "tst_ColumnFitter.moc"
