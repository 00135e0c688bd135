// "Send one of each" against a real server on 127.0.0.1: all 32 types arrive, each signed afresh (checked with
// ReferenceSignature) with its own id, one outcome per type in the catalog's order with the endpoint's answer,
// never more at once than asked; cancel ends the rest.

#include "DeliverySender.h"
#include "EventCatalog.h"
#include "ExactServer.h"
#include "ReferenceSignature.h"
#include "SilentServer.h"
#include "TestEventBatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

#include <optional>

namespace {
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
} // namespace

class tst_TestEventBatch : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private slots:
    void sendsOneOfEachType()
    {
        ExactServer server;
        QVERIFY(server.listen());
        // One type is refused, to see that its outcome is its own.
        server.setHandler([](const ExactServer::Request& request) {
            const QString type
                = QJsonDocument::fromJson(request.body).object().value(QStringLiteral("type")).toString();
            if (type == QLatin1String("recording.error"))
                return ExactServer::Response::http(500, QByteArrayLiteral("no"), QByteArrayLiteral("text/plain"));
            return ExactServer::Response::http(200, type.toUtf8(), QByteArrayLiteral("text/plain"));
        });
        DeliverySender sender(&m_network);
        TestEventBatch batch(&sender);
        std::optional<QList<TestEventOutcome>> outcomes;
        int finishedCount = 0;
        int eachCount = 0;
        connect(&batch, &TestEventBatch::eventFinished, this, [&eachCount] { ++eachCount; });
        connect(&batch, &TestEventBatch::finished, this, [&](const QList<TestEventOutcome>& o) {
            outcomes = o;
            ++finishedCount;
        });
        batch.start(
            TestEvent::allSamples(EventCatalog::builtIn()), server.url(QStringLiteral("/h")), kSecret, QString(), 3);
        QVERIFY(batch.isRunning());
        QVERIFY(QTest::qWaitFor([&outcomes] { return outcomes.has_value(); }, 60000));
        QTest::qWait(50);
        QCOMPARE(finishedCount, 1);
        QCOMPARE(eachCount, 32);
        QVERIFY(!batch.isRunning());

        const QStringList types = EventCatalog::builtIn().types();
        QCOMPARE(outcomes->size(), 32);
        QSet<QString> ids;
        for (int i = 0; i < 32; ++i) {
            const TestEventOutcome& outcome = outcomes->at(i);
            QCOMPARE(outcome.type, types.at(i));
            ids.insert(outcome.id);
            if (outcome.type == QLatin1String("recording.error")) {
                QCOMPARE(outcome.result.httpStatus, 500);
                QVERIFY(!outcome.result.accepted());
            } else {
                QCOMPARE(outcome.result.httpStatus, 200);
                QCOMPARE(outcome.result.answerBody, outcome.type.toUtf8());
            }
        }
        QCOMPARE(ids.size(), 32);

        QCOMPARE(server.requests().size(), 32);
        QSet<QString> received;
        for (const ExactServer::Request& request : server.requests()) {
            QCOMPARE(request.header("X-Webhook-Signature"),
                ReferenceSignature::of(kSecret, request.header("X-Webhook-Timestamp"), request.body));
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            received.insert(body.value(QStringLiteral("type")).toString());
            const QString id = body.value(QStringLiteral("id")).toString();
            QVERIFY(ids.contains(id));
            // The outcome keeps the exact bytes that went out.
            const auto sent = std::find_if(outcomes->cbegin(), outcomes->cend(),
                [&id](const TestEventOutcome& outcome) { return outcome.id == id; });
            QCOMPARE(sent->body, request.body);
        }
        QCOMPARE(received.size(), 32);
    }

    void neverMoreAtOnceThanAsked()
    {
        SilentServer server;
        QVERIFY(server.listen());
        DeliverySender sender(&m_network);
        TestEventBatch batch(&sender);
        std::optional<QList<TestEventOutcome>> outcomes;
        connect(&batch, &TestEventBatch::finished, this, [&](const QList<TestEventOutcome>& o) { outcomes = o; });
        batch.start(TestEvent::allSamples(EventCatalog::builtIn()), server.url(), QString(), QString(), 2);
        QVERIFY(QTest::qWaitFor([&server] { return server.connectionCount() >= 2; }, 5000));
        QTest::qWait(200);
        QCOMPARE(server.connectionCount(), 2);

        batch.cancel();
        QVERIFY(QTest::qWaitFor([&outcomes] { return outcomes.has_value(); }, 5000));
        QCOMPARE(outcomes->size(), 32);
        for (const TestEventOutcome& outcome : std::as_const(*outcomes))
            QCOMPARE(outcome.result.failure, DeliveryResult::Failure::Cancelled);
    }

    void emptyBatchStillFinishes()
    {
        DeliverySender sender(&m_network);
        TestEventBatch batch(&sender);
        bool finished = false;
        connect(&batch, &TestEventBatch::finished, this, [&finished] { finished = true; });
        batch.start({}, QUrl(QStringLiteral("https://example.com/")), QString(), QString());
        QVERIFY(!finished);
        QVERIFY(QTest::qWaitFor([&finished] { return finished; }, 1000));
    }
};

QTEST_GUILESS_MAIN(tst_TestEventBatch)
#include "tst_TestEventBatch.moc"
