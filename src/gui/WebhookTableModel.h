#pragma once

#include "DomainState.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <functional>
#include <optional>

class DomainStates;

// Every webhook of every domain, one row each; a domain without a webhook, still loading, or whose refresh
// failed gets one row that says so. Rows of one domain stay together, in the order domains were added. The model
// is a view: it observes a core DomainStates (observe()), which the refresher and the operations write.
class WebhookTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        DomainColumn,
        UrlColumn,
        StateColumn,
        FailedCountColumn,
        LastPushColumn,
        RetryTypeColumn,
        EventCountColumn,
        ColumnCount
    };
    enum Role {
        DomainIdRole = Qt::UserRole,
        RowKindRole, // RowKind as int
        SortRole, // raw value for sorting: numbers, times, lower-case text
        WebhookUuidRole,
        AttentionRole, // true when the row needs the operator: FAILED, not delivering, or a refresh error
    };
    enum class RowKind { Webhook, NoWebhook, Loading, Failed };

    explicit WebhookTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shows `states` from now on: all it holds at once, then every change as it happens.
    void observe(DomainStates* states);

    // What observing does (public for tests and for a model without a store):
    // Replaces everything.
    void setDomains(const QList<DomainState>& domains);
    // Adds a domain or replaces what is known about it, inserting and removing only the rows that change.
    void updateDomain(const DomainState& state);
    void removeDomain(const QString& domainId);
    QList<DomainState> domains() const { return m_domains; }
    std::optional<DomainState> domain(const QString& domainId) const;

    RowKind rowKind(int row) const;
    QString domainIdAt(int row) const;
    std::optional<Webhook> webhookAt(int row) const;
    // The first row of a domain, or -1.
    int firstRowOf(const QString& domainId) const;

    // The clock for relative times ("5 min ago"); a seam for tests.
    void setClock(std::function<QDateTime()> now);

private:
    struct Row
    {
        int domain;
        int webhook; // -1 for a domain's single status row
    };
    static int rowsFor(const DomainState& state);
    int domainIndex(const QString& domainId) const;
    int firstRowOfDomain(int domain) const;
    void rebuildRows();
    QVariant webhookData(const DomainState& domain, const Webhook& webhook, int column, int role) const;
    QVariant statusRowData(const DomainState& domain, int column, int role) const;

    QList<DomainState> m_domains;
    QList<Row> m_rows;
    std::function<QDateTime()> m_now;
};
