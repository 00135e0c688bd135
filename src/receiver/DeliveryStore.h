#pragma once

#include "DeliveryFilter.h"
#include "Limits.h"
#include "StoredDelivery.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

// Every request the receiver got, in SQLite (WAL): one row each, committed before the request is answered, so a
// delivery that was acknowledged survives the program being killed right after. Lists are read a page at a time
// with a count beside them, never whole; beyond the row limit the oldest rows are dropped as new ones come.
// Several programs (the window, daily-webhooks-cli receive) may write and read one file at once.
class DeliveryStore
{
public:
    // 2: the forward columns. 3: the index on id alone, for pages deep in the list.
    static constexpr int SchemaVersion = 3;

    DeliveryStore();
    ~DeliveryStore();
    DeliveryStore(const DeliveryStore&) = delete;
    DeliveryStore& operator=(const DeliveryStore&) = delete;

    // Opens (and creates) the database at `path`; a database left by a killed program is recovered by SQLite.
    // Refuses one written by a newer schema.
    bool open(const QString& path, QString* error);
    void close();
    bool isOpen() const;
    QString path() const;

    // The most rows kept; inserting beyond it drops the oldest first.
    void setMaxRows(qint64 rows);
    qint64 maxRows() const;

    // Stores `delivery` (its id is ignored) and commits: the row id, or 0 with `error` set.
    qint64 insert(const StoredDelivery& delivery, QString* error);
    // Stores every one of `deliveries` in one transaction and commits, setting each one's id; false with `error`
    // set, and none of them stored, when it cannot. One commit for many rows: what a burst of requests costs.
    bool insertAll(QList<StoredDelivery>& deliveries, QString* error);

    // Records the forward of row `id` (the forward* fields of `forward`) and the status the request was answered
    // with, and commits; false with `error` set when it cannot.
    bool recordForward(qint64 id, const StoredDelivery& forward, QString* error);

    // The rows `filter` passes; with `upToId`, only those with an id up to it (a count that stays true for a list
    // that learns of newer rows one by one).
    qint64 count(const DeliveryFilter& filter = {}, qint64 upToId = 0) const;
    // The id of the newest row, 0 when there is none.
    qint64 newestId() const;
    // Lists walk the primary key from a known id (keyset paging), so a page deep in 100,000 rows costs what the
    // first one does; rows come without headers and body.
    // Newest first: at most `limit` rows with an id below `beforeId` (0: from the newest).
    QList<StoredDelivery> pageBefore(const DeliveryFilter& filter, qint64 beforeId, int limit) const;
    // Oldest first: at most `limit` rows with an id above `afterId`, the rows stored since that one (by this
    // program or another).
    QList<StoredDelivery> pageAfter(const DeliveryFilter& filter, qint64 afterId, int limit) const;
    // One row whole.
    std::optional<StoredDelivery> byId(qint64 id) const;

private:
    enum Direction { Newest, Before, After };
    QList<StoredDelivery> keysetPage(const DeliveryFilter& filter, Direction direction, qint64 id, int limit) const;
    struct Statements;

    QString migrate();
    QString prepareStatements();

    QString m_connectionName;
    // The statements every insert runs, prepared once per open: preparing them anew cost more than running them.
    std::unique_ptr<Statements> m_statements;
    QString m_path;
    qint64 m_maxRows = Limits::DefaultMaxStoredDeliveries;
};
