#include "DeliveryStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <atomic>

namespace {

const QString kDriver = QStringLiteral("QSQLITE");

QString nextConnectionName()
{
    static std::atomic<int> counter {0};
    return QStringLiteral("dw-deliveries-%1").arg(++counter);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("DeliveryStore", text);
}

const QString kSummaryColumns = QStringLiteral(
    "id, received_at, remote_address, method, target, body_size, signature, matched_secret, basic_auth, event_type, "
    "event_id, ping, status, problem, forward_url, forward_status, forward_latency_ms, forward_cut, forward_failure, "
    "forward_problem");

// LIKE's wildcards in the user's text match themselves.
QString likePattern(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The WHERE clause of `filter` and the values bound to it, in order.
QString whereClause(const DeliveryFilter& filter, QVariantList* values)
{
    QStringList conditions;
    if (!filter.eventType.isEmpty()) {
        conditions.append(QStringLiteral("event_type = ?"));
        values->append(filter.eventType);
    }
    if (!filter.signature.isEmpty()) {
        conditions.append(QStringLiteral("signature = ?"));
        values->append(filter.signature);
    }
    if (!filter.text.isEmpty()) {
        conditions.append(QStringLiteral("(CAST(target AS TEXT) LIKE ? ESCAPE '\\' OR event_id LIKE ? ESCAPE '\\' OR "
                                         "CAST(body AS TEXT) LIKE ? ESCAPE '\\')"));
        const QString pattern = likePattern(filter.text);
        *values << pattern << pattern << pattern;
    }
    if (conditions.isEmpty())
        return {};
    return QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

StoredDelivery summaryFrom(const QSqlQuery& query)
{
    StoredDelivery d;
    d.id = query.value(0).toLongLong();
    d.receivedAt = QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), QTimeZone::utc());
    d.remoteAddress = query.value(2).toString();
    d.method = query.value(3).toByteArray();
    d.target = query.value(4).toByteArray();
    d.bodySize = query.value(5).toLongLong();
    d.signature = query.value(6).toString();
    d.matchedSecret = query.value(7).toString();
    d.basicAuth = query.value(8).toString();
    d.eventType = query.value(9).toString();
    d.eventId = query.value(10).toString();
    d.ping = query.value(11).toBool();
    d.status = query.value(12).toInt();
    d.problem = query.value(13).toString();
    d.forwardUrl = query.value(14).toString();
    d.forwardStatus = query.value(15).toInt();
    d.forwardLatencyMs = query.value(16).toLongLong();
    d.forwardCut = query.value(17).toBool();
    d.forwardFailure = query.value(18).toString();
    d.forwardProblem = query.value(19).toString();
    return d;
}

} // namespace

struct DeliveryStore::Statements
{
    explicit Statements(const QSqlDatabase& db)
        : begin(db)
        , insert(db)
        , prune(db)
        , commit(db)
    { }

    QSqlQuery begin;
    QSqlQuery insert;
    QSqlQuery prune;
    QSqlQuery commit;
};

DeliveryStore::DeliveryStore()
    : m_connectionName(nextConnectionName())
{ }

DeliveryStore::~DeliveryStore()
{
    close();
}

bool DeliveryStore::open(const QString& path, QString* error)
{
    close();
    QString why;
    if (!QSqlDatabase::isDriverAvailable(kDriver)) {
        why = tr("The SQLite driver of Qt is not installed (package libqt6sql6-sqlite).");
    } else if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        why = tr("Could not create the folder %1.").arg(QFileInfo(path).absolutePath());
    } else {
        QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, m_connectionName);
        db.setDatabaseName(path);
        // Another program may be writing (the window and the CLI share the file); wait for it briefly.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_path = path;
        if (!db.open()) {
            why = tr("Could not open the deliveries database %1: %2").arg(path, db.lastError().text());
        } else {
            // Bodies and headers are the user's data: nobody else's business.
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QSqlQuery query(db);
            // WAL: readers never block the writer, and a commit is one append. NORMAL: a commit is in the file
            // (the operating system's cache) when it returns, so it survives the program being killed; only a
            // power cut may lose the last commits.
            if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next()
                || query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0
                || !query.exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
                why = tr("Could not switch the deliveries database %1 to WAL mode: %2")
                          .arg(path, query.lastError().text());
            else
                why = migrate();
            if (why.isEmpty())
                why = prepareStatements();
        }
    }
    if (why.isEmpty())
        return true;
    if (error)
        *error = why;
    close();
    return false;
}

QString DeliveryStore::migrate()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    const auto failed = [&query] {
        const QString why = tr("Could not set up the deliveries database: %1").arg(query.lastError().text());
        query.exec(QStringLiteral("ROLLBACK"));
        return why;
    };
    // IMMEDIATE takes the write lock at once, so two programs starting together cannot both create the table.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed();
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return failed();
    const int stored = query.value(0).toInt();
    query.finish();
    if (stored > SchemaVersion) {
        query.exec(QStringLiteral("ROLLBACK"));
        return tr("The deliveries database %1 was written by a newer version of the app (schema %2; this one "
                  "knows %3).")
            .arg(m_path)
            .arg(stored)
            .arg(SchemaVersion);
    }
    if (stored < 1) {
        const QStringList statements {
            QStringLiteral("CREATE TABLE deliveries ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, "
                           "remote_address TEXT NOT NULL, method BLOB NOT NULL, target BLOB NOT NULL, "
                           "headers BLOB NOT NULL, body BLOB NOT NULL, body_size INTEGER NOT NULL, "
                           "signature TEXT NOT NULL, matched_secret TEXT NOT NULL, basic_auth TEXT NOT NULL, "
                           "event_type TEXT NOT NULL, event_id TEXT NOT NULL, ping INTEGER NOT NULL, "
                           "status INTEGER NOT NULL, problem TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX deliveries_by_type ON deliveries (event_type, id)"),
            QStringLiteral("CREATE INDEX deliveries_by_signature ON deliveries (signature, id)"),
            QStringLiteral("PRAGMA user_version = 1"),
        };
        for (const QString& statement : statements) {
            if (!query.exec(statement))
                return failed();
        }
    }
    if (stored < 2) {
        // A database of schema 1 keeps its rows; they were not forwarded.
        const QStringList statements {
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_url TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_status INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_latency_ms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_body BLOB NOT NULL DEFAULT x''"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_cut INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_failure TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE deliveries ADD COLUMN forward_problem TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("PRAGMA user_version = 2"),
        };
        for (const QString& statement : statements) {
            if (!query.exec(statement))
                return failed();
        }
    }
    if (stored < 3) {
        // The rowid order is the table itself, every row's headers and body with it: counting all rows walked them
        // all. This index holds the ids alone, so SQLite counts through it (pages go by id, keyset, already).
        if (!query.exec(QStringLiteral("CREATE INDEX deliveries_by_id ON deliveries (id)"))
            || !query.exec(QStringLiteral("PRAGMA user_version = 3")))
            return failed();
    }
    if (!query.exec(QStringLiteral("COMMIT")))
        return failed();
    return {};
}

QString DeliveryStore::prepareStatements()
{
    auto statements = std::make_unique<Statements>(QSqlDatabase::database(m_connectionName, false));
    // IMMEDIATE takes the write lock at once: a writer in another program makes this wait (busy timeout) rather
    // than fail halfway through.
    const bool prepared = statements->begin.prepare(QStringLiteral("BEGIN IMMEDIATE"))
        && statements->insert.prepare(QStringLiteral(
            "INSERT INTO deliveries (received_at, remote_address, method, target, headers, body, body_size, "
            "signature, matched_secret, basic_auth, event_type, event_id, ping, status, problem) "
            "VALUES (:received_at, :remote_address, :method, :target, :headers, :body, :body_size, :signature, "
            ":matched_secret, :basic_auth, :event_type, :event_id, :ping, :status, :problem)"))
        && statements->prune.prepare(QStringLiteral("DELETE FROM deliveries WHERE id <= :last_dropped"))
        && statements->commit.prepare(QStringLiteral("COMMIT"));
    if (!prepared) {
        for (const QSqlQuery* query :
            {&statements->begin, &statements->insert, &statements->prune, &statements->commit}) {
            if (query->lastError().isValid())
                return tr("Could not set up the deliveries database: %1").arg(query->lastError().text());
        }
        return tr("Could not set up the deliveries database.");
    }
    m_statements = std::move(statements);
    return {};
}

void DeliveryStore::close()
{
    // Prepared statements belong to the connection and go before it.
    m_statements.reset();
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_path.clear();
}

bool DeliveryStore::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QString DeliveryStore::path() const
{
    return m_path;
}

void DeliveryStore::setMaxRows(qint64 rows)
{
    m_maxRows = qMax<qint64>(1, rows);
}

qint64 DeliveryStore::maxRows() const
{
    return m_maxRows;
}

qint64 DeliveryStore::insert(const StoredDelivery& delivery, QString* error)
{
    QList<StoredDelivery> one {delivery};
    return insertAll(one, error) ? one.constFirst().id : 0;
}

bool DeliveryStore::insertAll(QList<StoredDelivery>& deliveries, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!isOpen() || !m_statements)
        return fail(tr("The deliveries database is not open."));
    if (deliveries.isEmpty())
        return true;
    Statements& st = *m_statements;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const auto rollBack = [&](const QSqlQuery& failed) {
        const QString why = failed.lastError().text();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        for (StoredDelivery& d : deliveries)
            d.id = 0;
        return fail(tr("Could not store the delivery: %1").arg(why));
    };
    if (!st.begin.exec())
        return fail(tr("Could not store the delivery: %1").arg(st.begin.lastError().text()));
    // Empty QByteArrays and QStrings would bind as NULL: the columns are NOT NULL.
    const auto bytes = [](const QByteArray& b) { return b.isNull() ? QByteArray("") : b; };
    const auto text = [](const QString& s) { return s.isNull() ? QStringLiteral("") : s; };
    for (StoredDelivery& d : deliveries) {
        QSqlQuery& q = st.insert;
        // By name: Qt 6.4 formats a name for every value bound by position, which cost more than the insert.
        q.bindValue(QStringLiteral(":received_at"), d.receivedAt.toMSecsSinceEpoch());
        q.bindValue(QStringLiteral(":remote_address"), text(d.remoteAddress));
        q.bindValue(QStringLiteral(":method"), bytes(d.method));
        q.bindValue(QStringLiteral(":target"), bytes(d.target));
        q.bindValue(QStringLiteral(":headers"), bytes(d.headers));
        q.bindValue(QStringLiteral(":body"), bytes(d.body));
        q.bindValue(QStringLiteral(":body_size"), d.bodySize);
        q.bindValue(QStringLiteral(":signature"), text(d.signature));
        q.bindValue(QStringLiteral(":matched_secret"), text(d.matchedSecret));
        q.bindValue(QStringLiteral(":basic_auth"), text(d.basicAuth));
        q.bindValue(QStringLiteral(":event_type"), text(d.eventType));
        q.bindValue(QStringLiteral(":event_id"), text(d.eventId));
        q.bindValue(QStringLiteral(":ping"), d.ping ? 1 : 0);
        q.bindValue(QStringLiteral(":status"), d.status);
        q.bindValue(QStringLiteral(":problem"), text(d.problem));
        if (!q.exec())
            return rollBack(q);
        d.id = q.lastInsertId().toLongLong();
    }
    // Ids grow by one per row and only the oldest rows are ever dropped, so the rows beyond the limit are those
    // with the smallest ids: one range delete on the primary key, no count.
    st.prune.bindValue(QStringLiteral(":last_dropped"), deliveries.constLast().id - m_maxRows);
    if (!st.prune.exec())
        return rollBack(st.prune);
    if (!st.commit.exec())
        return rollBack(st.commit);
    return true;
}

bool DeliveryStore::recordForward(qint64 id, const StoredDelivery& f, QString* error)
{
    if (!isOpen()) {
        if (error)
            *error = tr("The deliveries database is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("UPDATE deliveries SET status = ?, forward_url = ?, forward_status = ?, "
                                 "forward_latency_ms = ?, forward_body = ?, forward_cut = ?, forward_failure = ?, "
                                 "forward_problem = ? WHERE id = ?"));
    const auto text = [](const QString& s) { return s.isNull() ? QStringLiteral("") : s; };
    query.addBindValue(f.status);
    query.addBindValue(text(f.forwardUrl));
    query.addBindValue(f.forwardStatus);
    query.addBindValue(f.forwardLatencyMs);
    query.addBindValue(f.forwardBody.isNull() ? QByteArray("") : f.forwardBody);
    query.addBindValue(f.forwardCut ? 1 : 0);
    query.addBindValue(text(f.forwardFailure));
    query.addBindValue(text(f.forwardProblem));
    query.addBindValue(id);
    // One statement outside a transaction is committed when it returns.
    if (!query.exec()) {
        if (error)
            *error = tr("Could not record the forward: %1").arg(query.lastError().text());
        return false;
    }
    return true;
}

qint64 DeliveryStore::count(const DeliveryFilter& filter, qint64 upToId) const
{
    if (!isOpen())
        return 0;
    QVariantList values;
    QString where = whereClause(filter, &values);
    if (upToId > 0) {
        where += where.isEmpty() ? QStringLiteral(" WHERE id <= ?") : QStringLiteral(" AND id <= ?");
        values.append(upToId);
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries") + where);
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

qint64 DeliveryStore::newestId() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT MAX(id) FROM deliveries")) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

QList<StoredDelivery> DeliveryStore::pageBefore(const DeliveryFilter& filter, qint64 beforeId, int limit) const
{
    return keysetPage(filter, beforeId > 0 ? Before : Newest, beforeId, limit);
}

QList<StoredDelivery> DeliveryStore::pageAfter(const DeliveryFilter& filter, qint64 afterId, int limit) const
{
    return keysetPage(filter, After, qMax<qint64>(0, afterId), limit);
}

QList<StoredDelivery> DeliveryStore::keysetPage(
    const DeliveryFilter& filter, Direction direction, qint64 id, int limit) const
{
    QList<StoredDelivery> rows;
    if (!isOpen() || limit <= 0)
        return rows;
    QVariantList values;
    QString where = whereClause(filter, &values);
    if (direction != Newest) {
        where += where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        where += direction == Before ? QStringLiteral("id < ?") : QStringLiteral("id > ?");
        values.append(id);
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns + QStringLiteral(" FROM deliveries") + where
        + (direction == After ? QStringLiteral(" ORDER BY id ASC LIMIT ?")
                              : QStringLiteral(" ORDER BY id DESC LIMIT ?")));
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    if (!query.exec())
        return rows;
    while (query.next())
        rows.append(summaryFrom(query));
    return rows;
}

std::optional<StoredDelivery> DeliveryStore::byId(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT ") + kSummaryColumns
        + QStringLiteral(", headers, body, forward_body FROM deliveries WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    StoredDelivery d = summaryFrom(query);
    d.headers = query.value(20).toByteArray();
    d.body = query.value(21).toByteArray();
    d.forwardBody = query.value(22).toByteArray();
    return d;
}
