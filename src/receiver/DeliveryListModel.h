#pragma once

#include "DeliveryFilter.h"
#include "StoredDelivery.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class DeliveryStore;
class QThread;

// The stored deliveries as a table, newest first, for the Deliveries window. It never holds them all: the first
// page is read when the filter is set and the next one each time the view asks (canFetchMore/fetchMore), walking
// the store's primary key (DeliveryStore::pageBefore). Rows arrive at the top without a reset: a request this
// program's Receiver stored (addStored, only when it passes the filter), and, through refreshNewer, the rows
// another program (daily-webhooks-cli receive) wrote to the same database. A forward's result updates its row in
// place. Verdicts carry a Tone (ToneRole), not a colour, so the view picks colours from its palette.
//
// The count of matching rows is exact: the store's count up to a known id plus the rows learned of since. A
// filtered count reads every row (about 150 ms at 100,000 rows with a text filter), so it runs on a thread of its
// own with its own connection; until it ends the count is unknown (isCountKnown()).
class DeliveryListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        RequestColumn,
        TypeColumn,
        EventIdColumn,
        SignatureColumn,
        BasicAuthColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // the store's row id (qint64), for DeliveryStore::byId
        ToneRole, // the cell's Tone, as an int
    };
    enum class Tone { Plain, Good, Bad, Warning };
    Q_ENUM(Tone)

    // `store` is open (or opened later, then reload()) and outlives the model.
    explicit DeliveryListModel(DeliveryStore* store, QObject* parent = nullptr);
    ~DeliveryListModel() override;

    // Shows the rows `filter` passes, from the newest.
    void setFilter(const DeliveryFilter& filter);
    DeliveryFilter filter() const { return m_filter; }
    // Reads again from the newest with the same filter.
    void reload();
    // Rows read at a time (Limits::DeliveryListPageRows); takes effect with the next page.
    void setPageSize(int rows);
    // The most rows kept as rows arrive on top (Limits::DeliveryListMaxLiveRows): beyond it the oldest listed rows
    // leave the list, which reads them again when the view scrolls to them.
    void setMaxLiveRows(int rows);

    bool matches(const StoredDelivery& delivery) const { return m_filter.matches(delivery); }

    // For Receiver::stored: the row goes on top when it passes the filter. When rows of another program came
    // before it, they are read too (refreshNewer).
    void addStored(const StoredDelivery& delivery);
    // For Receiver::forwarded: the row, if shown, takes the forward's result and the status answered.
    void updateForwarded(const StoredDelivery& delivery);
    // Reads the rows stored since the newest one this model knows of (by another program) and puts those the
    // filter passes on top; more than a page of them at once reads the list again from the newest. Recounts
    // when rows were added since the last count, so rows the store dropped beyond its limit leave the count.
    void refreshNewer();

    // The rows the filter passes in the store; meaningful when isCountKnown().
    qint64 matchingCount() const;
    bool isCountKnown() const { return m_countKnown; }

    // The row's delivery as listed (no headers, no body); a default one outside the rows.
    StoredDelivery deliveryAt(int row) const;
    qint64 idAt(int row) const;
    // The row showing the delivery `id`, or -1.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    // Short words for a verdict stored by name (DeliveryVerifier::name), for the table and the detail.
    static QString signatureText(const QString& verdictName);
    static QString basicAuthText(const QString& verdictName);
    static Tone signatureTone(const QString& verdictName);
    static Tone basicAuthTone(const QString& verdictName);
    // "200", "no answer", with the app's answer when forwarded ("502 · app: no answer").
    static QString statusText(const StoredDelivery& delivery);
    static Tone statusTone(const StoredDelivery& delivery);

signals:
    // matchingCount() or isCountKnown() changed.
    void countChanged();

private:
    void insertOnTop(const QList<StoredDelivery>& oldestFirst);
    // Counts the matching rows up to m_newestSeen: at once without a filter, else on a thread.
    void recount();
    void countArrived(int generation, qint64 upToId, qint64 count);

    DeliveryStore* m_store;
    DeliveryFilter m_filter;
    QList<StoredDelivery> m_rows; // newest first: ids strictly descending
    int m_pageSize;
    int m_maxLiveRows;
    bool m_atEnd = true;
    // Every row with an id up to this one has been looked at (listed, or left out by the filter).
    qint64 m_newestSeen = 0;

    // The store's count of matching rows with an id up to m_countedUpTo; the rows listed above that id add to it.
    qint64 m_countBase = 0;
    qint64 m_countedUpTo = 0;
    bool m_countKnown = false;
    int m_countGeneration = 0; // a count that finishes after a newer one was asked for is dropped
    QList<QPointer<QThread>> m_counters;
};
