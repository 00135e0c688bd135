#include "ColumnFitter.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace {

// Long enough to gather the removals of one refresh or one "Clear", short enough not to be seen.
constexpr int kFullFitDelayMs = 100;

} // namespace

ColumnFitter::ColumnFitter(QTableView* view, int column, int maxWidth)
    : QObject(view)
    , m_view(view)
    , m_column(column)
    , m_maxWidth(maxWidth)
    , m_fullFit(new QTimer(this))
{
    m_view->horizontalHeader()->setSectionResizeMode(m_column, QHeaderView::Interactive);
    m_fullFit->setSingleShot(true);
    m_fullFit->setInterval(kFullFitDelayMs);
    connect(m_fullFit, &QTimer::timeout, this, &ColumnFitter::fitAll);
    follow(m_view->model());
}

ColumnFitter::~ColumnFitter() = default;

void ColumnFitter::follow(QAbstractItemModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& parent, int first, int last) {
        if (!parent.isValid())
            fitRows(first, last);
    });
    connect(model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
            if (!topLeft.parent().isValid() && topLeft.column() <= m_column && m_column <= bottomRight.column())
                fitRows(topLeft.row(), bottomRight.row());
        });
    connect(model, &QAbstractItemModel::rowsRemoved, m_fullFit, qOverload<>(&QTimer::start));
    connect(model, &QAbstractItemModel::modelReset, m_fullFit, qOverload<>(&QTimer::start));
    m_fullFit->start();
}

void ColumnFitter::fitRows(int first, int last)
{
    if (!m_model)
        return;
    int widest = 0;
    for (int row = first; row <= last; ++row) {
        widest = std::max(widest, m_view->sizeHintForIndex(m_model->index(row, m_column)).width());
        ++m_measuredRows;
    }
    if (capped(widest) > m_view->columnWidth(m_column))
        m_view->setColumnWidth(m_column, capped(widest));
}

void ColumnFitter::fitAll()
{
    if (!m_model)
        return;
    const int header = m_view->horizontalHeader()->sectionSizeHint(m_column);
    int widest = header;
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row)
        widest = std::max(widest, m_view->sizeHintForIndex(m_model->index(row, m_column)).width());
    m_measuredRows += rows;
    m_view->setColumnWidth(m_column, std::max(capped(widest), header));
}

int ColumnFitter::capped(int width) const
{
    // A cell is drawn one pixel narrower than its section when the grid is shown (QTableView::sizeHintForColumn
    // adds that pixel too): without it the longest text is elided by one character.
    return std::min(width + (m_view->showGrid() ? 1 : 0), m_maxWidth);
}
