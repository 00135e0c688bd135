#pragma once

#include <QAbstractTableModel>

class RequestLog;

// The request log as a table: time, domain, method, path, status, duration. Secrets never appear here: the
// path carries no key and the table shows no headers or bodies.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, DomainColumn, MethodColumn, PathColumn, StatusColumn, DurationColumn, ColumnCount };

    explicit RequestLogModel(RequestLog* log, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    RequestLog* log() const { return m_log; }

private:
    RequestLog* m_log;
};
