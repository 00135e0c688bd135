// The Deliveries list over a real SQLite store in a temporary folder, checked with QAbstractItemModelTester and
// QSignalSpy: pages read as the view asks and never all rows, filters, a new row inserted on top without a reset
// only when it passes the filter, a forward's result updating its row in place, rows written by another program
// (another connection) picked up in order, the count of matching rows (filtered counts on their own thread), and
// the words and tones of the verdicts.

#include "DeliveryListModel.h"
#include "DeliveryStore.h"
#include "DeliveryVerifier.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

namespace {

StoredDelivery delivery(const QString& type, const QString& signature = QStringLiteral("valid"),
    const QByteArray& body = QByteArrayLiteral("{\"room\":\"daily\"}"))
{
    StoredDelivery d;
    d.receivedAt = QDateTime::fromMSecsSinceEpoch(1708526033049, QTimeZone::utc());
    d.remoteAddress = QStringLiteral("127.0.0.1");
    d.method = "POST";
    d.target = "/hooks";
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

QList<qint64> ids(const DeliveryListModel& model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(DeliveryListModel::IdRole).toLongLong());
    return result;
}

} // namespace

class tst_DeliveryListModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("deliveries.sqlite"));
        m_store = std::make_unique<DeliveryStore>();
        QString error;
        QVERIFY2(m_store->open(m_path, &error), qPrintable(error));
    }

    void cleanup() { m_store.reset(); }

    // As the user sees it: the newest rows, and the next page only when the view scrolls to the end.
    void pagesAreReadAsTheViewAsks()
    {
        for (int i = 0; i < 45; ++i)
            QVERIFY(store(delivery(QStringLiteral("meeting.started"))) > 0);
        DeliveryListModel model(m_store.get());
        model.setPageSize(20);
        model.reload();
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.idAt(0), qint64(45));
        QCOMPARE(model.idAt(19), qint64(26));
        QVERIFY(model.canFetchMore({}));
        // Listed rows carry neither headers nor body.
        QVERIFY(model.deliveryAt(0).body.isEmpty());
        QVERIFY(model.deliveryAt(0).headers.isEmpty());

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 20);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 45);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.idAt(44), qint64(1));
        QCOMPARE(model.rowOf(30), 15);
        QCOMPARE(model.rowOf(46), -1);
        QVERIFY(model.isCountKnown());
        QCOMPARE(model.matchingCount(), qint64(45));
        // (The tester reads every page itself, so it comes last.)
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void theFirstPageIsThePageSize()
    {
        for (int i = 0; i < Limits::DeliveryListPageRows + 5; ++i)
            store(delivery(QStringLiteral("t")));
        DeliveryListModel model(m_store.get());
        QCOMPARE(model.rowCount(), Limits::DeliveryListPageRows);
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(model.matchingCount(), qint64(Limits::DeliveryListPageRows + 5));
    }

    void anEmptyStore()
    {
        DeliveryListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(model.isCountKnown());
        QCOMPARE(model.matchingCount(), qint64(0));
        QCOMPARE(model.idAt(0), qint64(0));
    }

    void aFilterResetsTheList()
    {
        const QString started = QStringLiteral("meeting.started");
        const QString ended = QStringLiteral("meeting.ended");
        store(delivery(started));
        store(delivery(ended, QStringLiteral("invalid")));
        store(delivery(started, QStringLiteral("invalid"), "{\"room\":\"Lobby\"}"));
        store(delivery(ended));
        DeliveryListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(ids(model), (QList<qint64> {4, 3, 2, 1}));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        DeliveryFilter filter;
        filter.eventType = started;
        model.setFilter(filter);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(ids(model), (QList<qint64> {3, 1}));
        filter.signature = QStringLiteral("invalid");
        model.setFilter(filter);
        QCOMPARE(ids(model), (QList<qint64> {3}));
        model.setFilter({QString(), QString(), QStringLiteral("lobby")});
        QCOMPARE(ids(model), (QList<qint64> {3}));
        QCOMPARE(model.filter().text, QStringLiteral("lobby"));
        model.setFilter({});
        QCOMPARE(ids(model), (QList<qint64> {4, 3, 2, 1}));
    }

    void aNewRowGoesOnTopOnlyWhenItMatches()
    {
        store(delivery(QStringLiteral("meeting.started")));
        DeliveryListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        DeliveryFilter filter;
        filter.eventType = QStringLiteral("meeting.started");
        model.setFilter(filter);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counted(&model, &DeliveryListModel::countChanged);

        StoredDelivery other = delivery(QStringLiteral("meeting.ended"));
        other.id = store(other);
        QVERIFY(!model.matches(other));
        model.addStored(other);
        QCOMPARE(inserted.count(), 0);

        StoredDelivery same = delivery(QStringLiteral("meeting.started"));
        same.id = store(same);
        QVERIFY(model.matches(same));
        model.addStored(same);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 0);
        QCOMPARE(ids(model), (QList<qint64> {3, 1}));
        QVERIFY(model.deliveryAt(0).body.isEmpty());
        QCOMPARE(model.matchingCount(), qint64(2));
        QVERIFY(counted.count() >= 1);
        // The same row once more (from refreshNewer, or twice from a signal) is not listed twice.
        model.addStored(same);
        model.refreshNewer();
        QCOMPARE(ids(model), (QList<qint64> {3, 1}));
        QCOMPARE(reset.count(), 0);
    }

    void rowsArrivingOnTopNeverGrowTheListBeyondItsLimit()
    {
        DeliveryListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxLiveRows(3);
        for (int i = 0; i < 5; ++i) {
            StoredDelivery d = delivery(QStringLiteral("meeting.started"));
            d.id = store(d);
            model.addStored(d);
        }
        // A receiver left running keeps the newest rows only; the store keeps them all.
        QCOMPARE(ids(model), (QList<qint64> {5, 4, 3}));
        QCOMPARE(model.matchingCount(), qint64(5));
        // Scrolled to, the rows that left are read again, by id.
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(ids(model), (QList<qint64> {5, 4, 3, 2, 1}));
    }

    void aForwardUpdatesItsRowInPlace()
    {
        StoredDelivery d = delivery(QStringLiteral("meeting.started"));
        d.forwardUrl = QStringLiteral("http://localhost:3000/hooks");
        DeliveryListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        d.id = store(d);
        model.addStored(d);
        QCOMPARE(model.index(0, DeliveryListModel::StatusColumn).data().toString(), QStringLiteral("forwarding…"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        d.status = 502;
        d.forwardFailure = QStringLiteral("connection-refused");
        d.forwardProblem = QStringLiteral("Connection refused.");
        QVERIFY(m_store->recordForward(d.id, d, nullptr));
        model.updateForwarded(d);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(reset.count(), 0);
        const QModelIndex status = model.index(0, DeliveryListModel::StatusColumn);
        QCOMPARE(status.data().toString(), QStringLiteral("502 · app: no answer"));
        QCOMPARE(status.data(Qt::ToolTipRole).toString(), QStringLiteral("Connection refused."));
        QCOMPARE(status.data(DeliveryListModel::ToneRole).toInt(), int(DeliveryListModel::Tone::Bad));

        d.status = 202;
        d.forwardStatus = 202;
        d.forwardLatencyMs = 3;
        d.forwardFailure.clear();
        model.updateForwarded(d);
        QCOMPARE(status.data().toString(), QStringLiteral("202 · app 202 in 3 ms"));
        // A forward of a row that is not listed changes nothing.
        d.id = 99;
        model.updateForwarded(d);
        QCOMPARE(changed.count(), 2);
    }

    // daily-webhooks-cli receive writes the same file: its rows come on top, in order, when the window looks.
    void rowsOfAnotherProgramArePickedUp()
    {
        DeliveryStore other;
        QVERIFY(other.open(m_path, nullptr));
        store(delivery(QStringLiteral("meeting.started")));
        DeliveryListModel model(m_store.get());
        DeliveryFilter filter;
        filter.signature = QStringLiteral("valid");
        model.setFilter(filter);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // The tester reads every page at a reset, which the end of this test checks does not happen by itself.
        auto tester = std::make_unique<QAbstractItemModelTester>(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        other.insert(delivery(QStringLiteral("a")), nullptr);
        other.insert(delivery(QStringLiteral("b"), QStringLiteral("invalid")), nullptr);
        other.insert(delivery(QStringLiteral("c")), nullptr);
        model.refreshNewer();
        QCOMPARE(ids(model), (QList<qint64> {4, 2, 1}));
        QCOMPARE(model.matchingCount(), qint64(3));

        // One of ours after one of theirs: theirs is read first, so nothing is skipped.
        other.insert(delivery(QStringLiteral("d")), nullptr);
        StoredDelivery ours = delivery(QStringLiteral("e"));
        ours.id = store(ours);
        QCOMPARE(ours.id, qint64(6));
        model.addStored(ours);
        QCOMPARE(ids(model), (QList<qint64> {6, 5, 4, 2, 1}));
        QCOMPARE(reset.count(), 0);

        tester.reset();

        // More than a page at once: read again from the newest.
        model.setPageSize(3);
        for (int i = 0; i < 4; ++i)
            other.insert(delivery(QStringLiteral("f")), nullptr);
        model.refreshNewer();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(ids(model), (QList<qint64> {10, 9, 8}));
        QTRY_COMPARE(model.matchingCount(), qint64(9));
    }

    // A count of a filter runs on its own thread and connection; the rows learned of meanwhile add to it.
    void theCountOfAFilterArrivesAndFollows()
    {
        for (int i = 0; i < 30; ++i)
            store(delivery(i % 3 == 0 ? QStringLiteral("meeting.started") : QStringLiteral("meeting.ended")));
        DeliveryListModel model(m_store.get());
        model.setPageSize(5);
        DeliveryFilter filter;
        filter.eventType = QStringLiteral("meeting.ended");
        QSignalSpy counted(&model, &DeliveryListModel::countChanged);
        model.setFilter(filter);
        QTRY_VERIFY(model.isCountKnown());
        QCOMPARE(model.matchingCount(), qint64(20));

        StoredDelivery d = delivery(QStringLiteral("meeting.ended"));
        d.id = store(d);
        model.addStored(d);
        QCOMPARE(model.matchingCount(), qint64(21));

        // The store drops its oldest rows beyond its limit: the next look recounts.
        m_store->setMaxRows(10);
        d.id = store(d);
        model.addStored(d);
        model.refreshNewer();
        const qint64 kept = m_store->count(filter);
        QVERIFY(kept < 10);
        QTRY_COMPARE(model.matchingCount(), kept);

        // A count of a filter set before is dropped when it arrives after the newer one.
        filter.eventType = QStringLiteral("meeting.started");
        model.setFilter(filter);
        filter.eventType = QStringLiteral("meeting.ended");
        model.setFilter(filter);
        QTRY_VERIFY(model.isCountKnown());
        QCOMPARE(model.matchingCount(), kept);
    }

    void aModelDestroyedWhileCountingWaitsForTheCount()
    {
        for (int i = 0; i < 10; ++i)
            store(delivery(QStringLiteral("t")));
        {
            DeliveryListModel model(m_store.get());
            model.setPageSize(2);
            model.setFilter({QString(), QString(), QStringLiteral("room")});
        }
        QVERIFY(m_store->isOpen());
    }

    void cells()
    {
        StoredDelivery d = delivery(QStringLiteral("meeting.started"));
        d.receivedAt = QDateTime(QDate(2024, 2, 21), QTime(14, 33, 53, 49), QTimeZone::utc());
        d.target = "/hooks?x=1";
        d.eventId = QStringLiteral("met-sta-1");
        d.matchedSecret = QStringLiteral("production webhook");
        d.basicAuth = QStringLiteral("wrong");
        d.status = 0;
        store(d);
        StoredDelivery ping = delivery(QString());
        ping.ping = true;
        ping.eventId.clear();
        ping.signature.clear();
        store(ping);

        DeliveryListModel model(m_store.get());
        const auto cell
            = [&model](int row, int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
        QCOMPARE(cell(1, DeliveryListModel::TimeColumn).toString(),
            d.receivedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(cell(1, DeliveryListModel::TimeColumn, Qt::ToolTipRole).toString(),
            QStringLiteral("2024-02-21T14:33:53.049Z"));
        QCOMPARE(cell(1, DeliveryListModel::RequestColumn).toString(), QStringLiteral("POST /hooks?x=1"));
        QCOMPARE(cell(1, DeliveryListModel::TypeColumn).toString(), QStringLiteral("meeting.started"));
        QCOMPARE(cell(1, DeliveryListModel::EventIdColumn).toString(), QStringLiteral("met-sta-1"));
        QCOMPARE(cell(1, DeliveryListModel::SignatureColumn).toString(), QStringLiteral("valid · production webhook"));
        QCOMPARE(cell(1, DeliveryListModel::SignatureColumn, Qt::ToolTipRole).toString(),
            DeliveryVerifier::describe(DeliveryVerifier::SignatureVerdict::Valid));
        QCOMPARE(cell(1, DeliveryListModel::SignatureColumn, DeliveryListModel::ToneRole).toInt(),
            int(DeliveryListModel::Tone::Good));
        QCOMPARE(cell(1, DeliveryListModel::BasicAuthColumn).toString(), QStringLiteral("wrong"));
        QCOMPARE(cell(1, DeliveryListModel::BasicAuthColumn, DeliveryListModel::ToneRole).toInt(),
            int(DeliveryListModel::Tone::Bad));
        QCOMPARE(cell(1, DeliveryListModel::StatusColumn).toString(), QStringLiteral("no answer"));
        QCOMPARE(cell(1, DeliveryListModel::StatusColumn, DeliveryListModel::ToneRole).toInt(),
            int(DeliveryListModel::Tone::Warning));
        QCOMPARE(cell(1, DeliveryListModel::TimeColumn, DeliveryListModel::ToneRole).toInt(),
            int(DeliveryListModel::Tone::Plain));
        QCOMPARE(cell(0, DeliveryListModel::TypeColumn).toString(), QStringLiteral("ping"));
        QCOMPARE(cell(0, DeliveryListModel::EventIdColumn).toString(), QStringLiteral("—"));
        QCOMPARE(cell(0, DeliveryListModel::SignatureColumn).toString(), QStringLiteral("not checked"));
        QCOMPARE(cell(0, DeliveryListModel::StatusColumn).toString(), QStringLiteral("200"));
        QCOMPARE(cell(0, DeliveryListModel::StatusColumn, DeliveryListModel::IdRole).toLongLong(), qint64(2));
        QCOMPARE(model.headerData(DeliveryListModel::SignatureColumn, Qt::Horizontal).toString(),
            QStringLiteral("Signature"));
    }

    void verdictWordsAndTones_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tone");
        using V = DeliveryVerifier::SignatureVerdict;
        using T = DeliveryListModel::Tone;
        QTest::newRow("valid") << DeliveryVerifier::name(V::Valid) << QStringLiteral("valid") << int(T::Good);
        QTest::newRow("invalid") << DeliveryVerifier::name(V::Invalid) << QStringLiteral("invalid") << int(T::Bad);
        QTest::newRow("headers missing") << DeliveryVerifier::name(V::HeadersMissing) << QStringLiteral("not signed")
                                         << int(T::Warning);
        QTest::newRow("timestamp outside the tolerance") << DeliveryVerifier::name(V::TimestampOutsideTolerance)
                                                         << QStringLiteral("timestamp out of tolerance") << int(T::Bad);
        QTest::newRow("no secret known") << DeliveryVerifier::name(V::NoSecretKnown)
                                         << QStringLiteral("no secret known") << int(T::Warning);
        QTest::newRow("not checked (refused before the body)")
            << QString() << QStringLiteral("not checked") << int(T::Plain);
    }
    void verdictWordsAndTones()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(int, tone);
        QCOMPARE(DeliveryListModel::signatureText(name), text);
        QCOMPARE(int(DeliveryListModel::signatureTone(name)), tone);
    }

    void basicAuthWordsAndTones_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tone");
        using V = DeliveryVerifier::BasicAuthVerdict;
        using T = DeliveryListModel::Tone;
        QTest::newRow("valid") << DeliveryVerifier::name(V::Valid) << QStringLiteral("valid") << int(T::Good);
        QTest::newRow("missing") << DeliveryVerifier::name(V::Missing) << QStringLiteral("missing") << int(T::Bad);
        QTest::newRow("wrong") << DeliveryVerifier::name(V::Wrong) << QStringLiteral("wrong") << int(T::Bad);
        QTest::newRow("not expected") << DeliveryVerifier::name(V::NotExpected) << QStringLiteral("none expected")
                                      << int(T::Plain);
    }
    void basicAuthWordsAndTones()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(int, tone);
        QCOMPARE(DeliveryListModel::basicAuthText(name), text);
        QCOMPARE(int(DeliveryListModel::basicAuthTone(name)), tone);
    }

private:
    qint64 store(const StoredDelivery& d)
    {
        QString error;
        const qint64 id = m_store->insert(d, &error);
        if (id == 0)
            qWarning("%s", qPrintable(error));
        return id;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<DeliveryStore> m_store;
};

QTEST_GUILESS_MAIN(tst_DeliveryListModel)

#include "tst_DeliveryListModel.moc"
