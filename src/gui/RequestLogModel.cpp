#include "RequestLogModel.h"

#include "RequestLog.h"

#include <QColor>
#include <QLocale>

RequestLogModel::RequestLogModel(RequestLog* log, QObject* parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    connect(
        m_log, &RequestLog::aboutToAddEntry, this, [this](int index) { beginInsertRows(QModelIndex(), index, index); });
    connect(m_log, &RequestLog::entryAdded, this, [this](int) { endInsertRows(); });
    connect(m_log, &RequestLog::aboutToDropOldest, this,
        [this](int count) { beginRemoveRows(QModelIndex(), 0, count - 1); });
    connect(m_log, &RequestLog::oldestDropped, this, [this](int) { endRemoveRows(); });
    connect(m_log, &RequestLog::aboutToClear, this, [this] { beginResetModel(); });
    connect(m_log, &RequestLog::cleared, this, [this] { endResetModel(); });
}

int RequestLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_log->count();
}

int RequestLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestLogEntry& e = m_log->entries().at(index.row());
    const bool failed = e.httpStatus == 0 || e.httpStatus >= 400;
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
        case TimeColumn:
            return QLocale().toString(e.at.toLocalTime().time(), QStringLiteral("HH:mm:ss.zzz"));
        case DomainColumn:
            return e.domainName;
        case MethodColumn:
            return e.method();
        case PathColumn:
            return e.path();
        case StatusColumn:
            return e.httpStatus > 0 ? QString::number(e.httpStatus) : e.errorKind;
        case DurationColumn:
            return tr("%1 ms").arg(e.durationMs);
        }
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == TimeColumn)
            return QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        if (index.column() == StatusColumn && !e.errorKind.isEmpty())
            return e.errorKind;
    } else if (role == Qt::ForegroundRole && index.column() == StatusColumn && failed) {
        return QColor(QStringLiteral("#c62828"));
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DomainColumn:
        return tr("Domain");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    }
    return {};
}
