// The store of received deliveries on a real SQLite file in a temporary folder: rows read back whole, many rows in
// one commit (and none when one of them cannot be stored), keyset pages
// newest first with filters and counts, the row limit, WAL mode, commits visible to another program at once, a
// database left by a killed program, a newer schema refused, Authorization never stored (in a head that could not
// be read neither: past a bare CR, on folded lines).

#include "DeliveryStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <limits>

namespace {

StoredDelivery delivery(const QString& type, const QString& signature, const QByteArray& body)
{
    StoredDelivery d;
    d.receivedAt = QDateTime::fromMSecsSinceEpoch(1708526033049, QTimeZone::utc());
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.target = "/hooks/daily?x=1";
    d.headers = StoredDelivery::storedHeaders({{"Content-Type", "application/json"}});
    d.body = body;
    d.bodySize = body.size();
    d.signature = signature;
    d.basicAuth = QStringLiteral("not-expected");
    d.eventType = type;
    d.eventId = type + QStringLiteral("-id");
    d.status = 200;
    return d;
}

QString journalMode(const QString& path)
{
    const QString name = QStringLiteral("tst-journal");
    QString mode;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next())
                mode = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return mode;
}

// Every byte of a literal, NULs included.
template<std::size_t N>
QByteArray withNul(const char (&bytes)[N])
{
    return QByteArray(bytes, qsizetype(N - 1));
}

QStringList indexNames(const QString& path)
{
    const QString name = QStringLiteral("tst-indexes");
    QStringList names;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                                          "'deliveries' ORDER BY name"))) {
                while (query.next())
                    names.append(query.value(0).toString());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return names;
}

QList<qint64> ids(const QList<StoredDelivery>& rows)
{
    QList<qint64> result;
    for (const StoredDelivery& row : rows)
        result.append(row.id);
    return result;
}

// The table as schema 1 made it, before forwards were recorded.
const char* const kSchemaOne = "CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT "
                               "NULL, remote_address TEXT NOT NULL, method BLOB NOT NULL, target BLOB NOT NULL, "
                               "headers BLOB NOT NULL, body BLOB NOT NULL, body_size INTEGER NOT NULL, signature TEXT "
                               "NOT NULL, matched_secret TEXT NOT NULL, basic_auth TEXT NOT NULL, event_type TEXT NOT "
                               "NULL, event_id TEXT NOT NULL, ping INTEGER NOT NULL, status INTEGER NOT NULL, problem "
                               "TEXT NOT NULL)";

} // namespace

class tst_DeliveryStore : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("data/deliveries.sqlite"));
    }

    void aRowReadsBackWhole()
    {
        DeliveryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        StoredDelivery d = delivery(
            QStringLiteral("meeting.started"), QStringLiteral("valid"), QByteArray("\x00\xff{\"a\":1}\r\n", 11));
        d.matchedSecret = QStringLiteral("webhook 1");
        d.problem = QStringLiteral("none");
        d.status = 503;
        d.ping = true;
        const qint64 id = store.insert(d, &error);
        QVERIFY2(id > 0, qPrintable(error));

        const std::optional<StoredDelivery> back = store.byId(id);
        QVERIFY(back);
        QCOMPARE(back->id, id);
        QCOMPARE(back->receivedAt, d.receivedAt);
        QCOMPARE(back->remoteAddress, d.remoteAddress);
        QCOMPARE(back->method, d.method);
        QCOMPARE(back->target, d.target);
        QCOMPARE(back->headers, d.headers);
        QCOMPARE(back->body, d.body);
        QCOMPARE(back->bodySize, qint64(11));
        QCOMPARE(back->signature, d.signature);
        QCOMPARE(back->matchedSecret, d.matchedSecret);
        QCOMPARE(back->basicAuth, d.basicAuth);
        QCOMPARE(back->eventType, d.eventType);
        QCOMPARE(back->eventId, d.eventId);
        QCOMPARE(back->ping, true);
        QCOMPARE(back->status, 503);
        QCOMPARE(back->problem, d.problem);
        QVERIFY(!store.byId(id + 1));

        // Empty values are stored as empty, not refused as NULL.
        QVERIFY(store.insert(StoredDelivery {}, &error) > 0);
    }

    void pagesAreNewestFirstWithoutBodies()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        QCOMPARE(store.newestId(), qint64(0));
        QVERIFY(store.pageBefore({}, 0, 10).isEmpty());
        for (int i = 1; i <= 25; ++i)
            QCOMPARE(store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr), qint64(i));
        QCOMPARE(store.count(), qint64(25));
        QCOMPARE(store.newestId(), qint64(25));
        const QList<StoredDelivery> first = store.pageBefore({}, 0, 10);
        QCOMPARE(ids(first), (QList<qint64> {25, 24, 23, 22, 21, 20, 19, 18, 17, 16}));
        QVERIFY(first.first().body.isEmpty());
        QVERIFY(first.first().headers.isEmpty());
        QCOMPARE(first.first().bodySize, qint64(2));
        QCOMPARE(first.first().target, QByteArrayLiteral("/hooks/daily?x=1"));
        // The next page goes on from the last row shown, whatever was stored meanwhile.
        store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr);
        QCOMPARE(ids(store.pageBefore({}, 16, 10)), (QList<qint64> {15, 14, 13, 12, 11, 10, 9, 8, 7, 6}));
        QCOMPARE(ids(store.pageBefore({}, 6, 10)), (QList<qint64> {5, 4, 3, 2, 1}));
        QVERIFY(store.pageBefore({}, 1, 10).isEmpty());
        QCOMPARE(ids(store.pageBefore({}, std::numeric_limits<qint64>::max(), 2)), (QList<qint64> {26, 25}));
    }

    void rowsNewerThanAKnownOne()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        for (int i = 1; i <= 6; ++i)
            store.insert(
                delivery(i % 2 ? QStringLiteral("odd") : QStringLiteral("even"), QStringLiteral("valid"), "{}"),
                nullptr);
        QCOMPARE(ids(store.pageAfter({}, 3, 10)), (QList<qint64> {4, 5, 6}));
        QCOMPARE(ids(store.pageAfter({}, 0, 2)), (QList<qint64> {1, 2}));
        QVERIFY(store.pageAfter({}, 6, 10).isEmpty());
        DeliveryFilter even;
        even.eventType = QStringLiteral("even");
        QCOMPARE(ids(store.pageAfter(even, 1, 10)), (QList<qint64> {2, 4, 6}));
        QCOMPARE(ids(store.pageBefore(even, 6, 10)), (QList<qint64> {4, 2}));
        QCOMPARE(store.count(even, 4), qint64(2));
        QCOMPARE(store.count({}, 5), qint64(5));
        QCOMPARE(store.count(even, 0), qint64(3));
        QVERIFY(store.pageAfter(even, 6, 10).isEmpty());
        QVERIFY(store.pageAfter(even, 2, 1).first().body.isEmpty());
    }

    void filters_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("expected");

        QTest::newRow("no filter") << QString() << QString() << QString() << QList<qint64> {6, 5, 4, 3, 2, 1};
        QTest::newRow("type") << QStringLiteral("meeting.started") << QString() << QString() << QList<qint64> {3, 1};
        QTest::newRow("signature verdict")
            << QString() << QStringLiteral("invalid") << QString() << QList<qint64> {4, 2};
        QTest::newRow("type and verdict")
            << QStringLiteral("meeting.started") << QStringLiteral("invalid") << QString() << QList<qint64> {};
        QTest::newRow("text in the body, any case")
            << QString() << QString() << QStringLiteral("ROOM-42") << QList<qint64> {3};
        QTest::newRow("text in the event id")
            << QString() << QString() << QStringLiteral("ended-id") << QList<qint64> {2};
        QTest::newRow("text in the target")
            << QString() << QString() << QStringLiteral("daily?x") << QList<qint64> {6, 5, 4, 3, 2, 1};
        QTest::newRow("percent is no wildcard") << QString() << QString() << QStringLiteral("50%") << QList<qint64> {5};
        QTest::newRow("underscore is no wildcard")
            << QString() << QString() << QStringLiteral("a_b") << QList<qint64> {};
        QTest::newRow("text and type") << QStringLiteral("meeting.started") << QString() << QStringLiteral("room")
                                       << QList<qint64> {3};
        QTest::newRow("text after a NUL byte is not seen")
            << QString() << QString() << QStringLiteral("binary") << QList<qint64> {};
        QTest::newRow("text before a NUL byte is")
            << QString() << QString() << QStringLiteral("tail") << QList<qint64> {6};
        QTest::newRow("other letters than ASCII keep their case")
            << QString() << QString() << QStringLiteral("ÉTÉ") << QList<qint64> {};
        QTest::newRow("other letters than ASCII in their case")
            << QString() << QString() << QStringLiteral("été") << QList<qint64> {6};
    }
    void filters()
    {
        QFETCH(QString, type);
        QFETCH(QString, signature);
        QFETCH(QString, text);
        QFETCH(QList<qint64>, expected);

        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        const QString started = QStringLiteral("meeting.started");
        const QString ended = QStringLiteral("meeting.ended");
        const QString valid = QStringLiteral("valid");
        const QString invalid = QStringLiteral("invalid");
        const QList<StoredDelivery> rows {delivery(started, valid, "{\"x\":1}"), delivery(ended, invalid, "{}"),
            delivery(started, valid, "{\"room\":\"room-42\"}"),
            delivery(QString(), invalid, withNul("\x00\x01 binary axb")), delivery(QString(), QString(), "50% off"),
            delivery(QString(), QString(), withNul("tail été\0binary"))};
        for (const StoredDelivery& row : rows)
            QVERIFY(store.insert(row, nullptr) > 0);

        const DeliveryFilter filter {type, signature, text};
        QCOMPARE(ids(store.pageBefore(filter, 0, 100)), expected);
        QCOMPARE(store.count(filter), qint64(expected.size()));
        // A row that just arrived is judged as the store judges the stored ones.
        QList<qint64> matching;
        for (qsizetype i = rows.size() - 1; i >= 0; --i) {
            if (filter.matches(rows.at(i)))
                matching.append(i + 1);
        }
        QCOMPARE(matching, expected);
    }

    void keysetPagesDeepInTheListAndCountsUseTheIndexOfIds()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        QList<StoredDelivery> rows;
        for (int i = 0; i < 300; ++i)
            rows.append(
                delivery(i % 3 == 0 ? QStringLiteral("a") : QStringLiteral("b"), QStringLiteral("valid"), "{}"));
        QVERIFY(store.insertAll(rows, nullptr));
        // Counting walks the index of ids alone, never every row's headers and body.
        QVERIFY(indexNames(m_path).contains(QStringLiteral("deliveries_by_id")));
        QCOMPARE(store.count(), qint64(300));
        QCOMPARE(ids(store.pageBefore({}, 4, 100)), (QList<qint64> {3, 2, 1}));
        QCOMPARE(ids(store.pageBefore({}, 151, 2)), (QList<qint64> {150, 149}));
        DeliveryFilter typeA;
        typeA.eventType = QStringLiteral("a");
        QCOMPARE(ids(store.pageBefore(typeA, 5, 100)), (QList<qint64> {4, 1}));
        DeliveryFilter text;
        text.text = QStringLiteral("a-id");
        QCOMPARE(ids(store.pageBefore(text, 298, 2)), (QList<qint64> {295, 292}));
        QVERIFY(store.pageBefore({}, 1, 10).isEmpty());
    }

    void theOldestAreDroppedBeyondTheLimit()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        store.setMaxRows(5);
        for (int i = 0; i < 8; ++i)
            QVERIFY(store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr) > 0);
        QCOMPARE(store.count(), qint64(5));
        QCOMPARE(ids(store.pageBefore({}, 0, 100)), (QList<qint64> {8, 7, 6, 5, 4}));
        QVERIFY(!store.byId(3));
        // Lowering the limit drops the surplus with the next row.
        store.setMaxRows(2);
        store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr);
        QCOMPARE(ids(store.pageBefore({}, 0, 100)), (QList<qint64> {9, 8}));
    }

    void manyRowsAreStoredInOneCommit()
    {
        DeliveryStore writer;
        DeliveryStore reader;
        QVERIFY(writer.open(m_path, nullptr));
        QVERIFY(reader.open(m_path, nullptr));
        QVERIFY(writer.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr) > 0);
        QList<StoredDelivery> rows;
        for (const QString& type : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            rows.append(delivery(type, QStringLiteral("invalid"), "{\"type\":\"" + type.toUtf8() + "\"}"));
        QString error;
        QVERIFY2(writer.insertAll(rows, &error), qPrintable(error));
        QCOMPARE(ids(rows), (QList<qint64> {2, 3, 4}));
        // Committed when insertAll returns, each row whole.
        QCOMPARE(reader.count(), qint64(4));
        QCOMPARE(reader.byId(3)->eventType, QStringLiteral("b"));
        QCOMPARE(reader.byId(4)->body, QByteArrayLiteral("{\"type\":\"c\"}"));
        QList<StoredDelivery> none;
        QVERIFY(writer.insertAll(none, nullptr));
        QCOMPARE(reader.count(), qint64(4));
    }

    void aRowThatCannotBeStoredStoresNoneOfItsBatch()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        // Another program's trigger refuses one row of the batch, after the rows before it went in.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-trigger"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(
                QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON deliveries WHEN NEW.event_type = 'refused' "
                               "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-trigger"));
        QList<StoredDelivery> rows {delivery(QStringLiteral("a"), QStringLiteral("valid"), "{}"),
            delivery(QStringLiteral("refused"), QStringLiteral("valid"), "{}"),
            delivery(QStringLiteral("c"), QStringLiteral("valid"), "{}")};
        QString error;
        QVERIFY(!store.insertAll(rows, &error));
        QVERIFY2(error.contains(QStringLiteral("refused by the test")), qPrintable(error));
        QCOMPARE(ids(rows), (QList<qint64> {0, 0, 0}));
        QCOMPARE(store.count(), qint64(0));
        // The transaction was rolled back: the next rows go in.
        QVERIFY(store.insert(delivery(QStringLiteral("a"), QStringLiteral("valid"), "{}"), &error) > 0);
        QCOMPARE(store.count(), qint64(1));
    }

    void theDatabaseIsInWalModeAndPrivate()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        QVERIFY(store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr) > 0);
        QCOMPARE(journalMode(m_path), QStringLiteral("wal"));
        QVERIFY(QFile::exists(m_path + QStringLiteral("-wal")));
        QCOMPARE(
            QFile::permissions(m_path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
    }

    void aRowIsCommittedWhenInsertReturns()
    {
        // Another program (the window, while the CLI receives) sees the row without the writer closing.
        DeliveryStore writer;
        DeliveryStore reader;
        QVERIFY(writer.open(m_path, nullptr));
        QVERIFY(reader.open(m_path, nullptr));
        const qint64 id = writer.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{\"n\":7}"), nullptr);
        QVERIFY(id > 0);
        QCOMPARE(reader.count(), qint64(1));
        QCOMPARE(reader.byId(id)->body, QByteArrayLiteral("{\"n\":7}"));
    }

    void aDatabaseLeftByAKilledProgramOpens()
    {
        // The files as a killed program leaves them: the rows still in the WAL, never checkpointed, no clean close.
        const QString crashed = m_dir->filePath(QStringLiteral("crashed/deliveries.sqlite"));
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("crashed"))));
        {
            DeliveryStore store;
            QVERIFY(store.open(m_path, nullptr));
            for (int i = 0; i < 3; ++i)
                store.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr);
            QVERIFY(QFileInfo(m_path + QStringLiteral("-wal")).size() > 0);
            QVERIFY(QFile::copy(m_path, crashed));
            QVERIFY(QFile::copy(m_path + QStringLiteral("-wal"), crashed + QStringLiteral("-wal")));
        }
        DeliveryStore reopened;
        QString error;
        QVERIFY2(reopened.open(crashed, &error), qPrintable(error));
        QCOMPARE(reopened.count(), qint64(3));
        QCOMPARE(reopened.insert(delivery(QStringLiteral("t"), QStringLiteral("valid"), "{}"), nullptr), qint64(4));
    }

    void aNewerSchemaIsRefused()
    {
        {
            DeliveryStore store;
            QVERIFY(store.open(m_path, nullptr));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-newer"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-newer"));
        DeliveryStore store;
        QString error;
        QVERIFY(!store.open(m_path, &error));
        QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
        QVERIFY(!store.isOpen());
        QCOMPARE(store.insert(delivery(QString(), QString(), "{}"), &error), qint64(0));
    }

    void aForwardIsRecordedBesideItsDelivery()
    {
        DeliveryStore store;
        QVERIFY(store.open(m_path, nullptr));
        const qint64 id
            = store.insert(delivery(QStringLiteral("meeting.started"), QStringLiteral("valid"), "{}"), nullptr);
        StoredDelivery forward;
        forward.status = 502;
        forward.forwardUrl = QStringLiteral("http://localhost:3000/hooks");
        forward.forwardLatencyMs = 15000;
        forward.forwardFailure = QStringLiteral("timeout");
        forward.forwardProblem = QStringLiteral("No complete answer within 15000 ms.");
        QString error;
        QVERIFY2(store.recordForward(id, forward, &error), qPrintable(error));
        const StoredDelivery row = *store.byId(id);
        QCOMPARE(row.status, 502);
        QCOMPARE(row.forwardUrl, forward.forwardUrl);
        QCOMPARE(row.forwardLatencyMs, qint64(15000));
        QCOMPARE(row.forwardFailure, forward.forwardFailure);
        QCOMPARE(row.forwardProblem, forward.forwardProblem);
        QCOMPARE(store.pageBefore({}, 0, 1).first().forwardFailure, forward.forwardFailure);

        forward.status = 201;
        forward.forwardStatus = 201;
        forward.forwardBody = QByteArray("made\0here", 9);
        forward.forwardCut = true;
        forward.forwardFailure.clear();
        forward.forwardProblem.clear();
        QVERIFY(store.recordForward(id, forward, nullptr));
        const StoredDelivery again = *store.byId(id);
        QCOMPARE(again.forwardStatus, 201);
        QCOMPARE(again.forwardBody, forward.forwardBody);
        QVERIFY(again.forwardCut);
        QVERIFY(again.forwardFailure.isEmpty());
    }

    void aDatabaseOfSchemaOneIsMigrated()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tst-one"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QString::fromLatin1(kSchemaOne)));
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO deliveries VALUES (7, 1708526033049, '127.0.0.1', 'POST', '/old', '', '{}', 2, 'valid', "
                "'', 'not-expected', 'meeting.started', 'e', 0, 200, '')")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-one"));

        DeliveryStore store;
        QString error;
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        const StoredDelivery old = *store.byId(7);
        QCOMPARE(old.target, QByteArray("/old"));
        QVERIFY(!old.forwarded());
        QVERIFY(old.forwardBody.isEmpty());
        const qint64 id = store.insert(delivery(QString(), QString(), "{}"), &error);
        QCOMPARE(id, qint64(8));
        StoredDelivery forward;
        forward.status = 200;
        forward.forwardUrl = QStringLiteral("http://localhost:3000/");
        forward.forwardStatus = 200;
        QVERIFY(store.recordForward(id, forward, &error));
        QVERIFY(store.byId(id)->forwarded());
        store.close();
        // Opened again, the migrated file is left as it is.
        QVERIFY2(store.open(m_path, &error), qPrintable(error));
        QCOMPARE(store.count(), qint64(2));
        QVERIFY(indexNames(m_path).contains(QStringLiteral("deliveries_by_id")));
    }

    void authorizationIsNeverStored()
    {
        const HttpHeaders::List fields {{"X-Webhook-Timestamp", "1"}, {"authorization", "Basic c2VjcmV0"}};
        const QByteArray stored = StoredDelivery::storedHeaders(fields);
        QCOMPARE(stored, QByteArrayLiteral("X-Webhook-Timestamp: 1\r\nauthorization: [redacted]\r\n"));
        StoredDelivery d;
        d.headers = stored;
        const HttpHeaders::List back {{"X-Webhook-Timestamp", "1"}, {"authorization", "[redacted]"}};
        QCOMPARE(d.headerList(), back);
    }

    void authorizationOfAHeadNotReadIsNeverStored_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QByteArray>("stored");
        QTest::newRow("spaces before the colon")
            << QByteArray("POST / HTTP/1.1\r\nAuthorization : Basic c2VjcmV0\r\nX: 1\r\n")
            << QByteArray("POST / HTTP/1.1\r\nAuthorization : [redacted]\r\nX: 1\r\n");
        QTest::newRow("lower case, no space, LF only") << QByteArray("POST / HTTP/1.1\nauthorization:Basic c2VjcmV0\n")
                                                       << QByteArray("POST / HTTP/1.1\nauthorization: [redacted]\n");
        QTest::newRow("folded onto the next lines")
            << QByteArray("POST / HTTP/1.1\r\nAuthorization: Basic\r\n c2Vj\r\n\tcmV0\r\nX: 1\r\n")
            << QByteArray("POST / HTTP/1.1\r\nAuthorization: [redacted]\r\n [redacted]\r\n [redacted]\r\nX: 1\r\n");
        QTest::newRow("behind a bare CR")
            << QByteArray("POST / HTTP/1.1\r\nX: 1\rAuthorization: Basic c2VjcmV0\r\nY: 2\r\n")
            << QByteArray("POST / HTTP/1.1\r\nX: 1\rAuthorization: [redacted]\r\nY: 2\r\n");
        QTest::newRow("cut by the head cap") << QByteArray("POST / HTTP/1.1\r\nAuthorization: Basic c2Vj")
                                             << QByteArray("POST / HTTP/1.1\r\nAuthorization: [redacted]");
        QTest::newRow("a path that names it") << QByteArray("GET /authorization HTTP/1.1\r\n Folded: 1\r\n")
                                              << QByteArray("GET /authorization HTTP/1.1\r\n Folded: 1\r\n");
    }
    void authorizationOfAHeadNotReadIsNeverStored()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, stored);
        QCOMPARE(StoredDelivery::storedRawHead(head), stored);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(tst_DeliveryStore)

#include "tst_DeliveryStore.moc"
