// Test events of every catalog type: the compact body Daily sends, its key order and value types, a fresh id in
// the type's documented style and event_ts in fractional seconds, a payload the user gives kept as written, and
// the signature checked with ReferenceSignature (Daily's algorithm without the product's code).

#include "EventCatalog.h"
#include "JsonBytes.h"
#include "ReferenceSignature.h"
#include "TestEvent.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QUrl kUrl(QStringLiteral("https://example.com/hook"));
const qint64 kNowMs = 1770005094870; // 1770005094.87 s
const QString kUuid = QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

// A payload as a person writes it in a file: indented, keys in their own order, a number written with a zero.
const QByteArray kGivenPayload = "{\n  \"zeta\": 1.50,\n  \"alpha\": \"two  words\\\" {x}\",\n"
                                 "  \"list\": [ 1, 2 ],\n  \"nested\": { \"b\": true, \"a\": null }\n}\n";
const QByteArray kGivenCompact = "{\"zeta\":1.50,\"alpha\":\"two  words\\\" {x}\",\"list\":[1,2],"
                                 "\"nested\":{\"b\":true,\"a\":null}}";

} // namespace

class tst_TestEvent : public QObject
{
    Q_OBJECT

private slots:
    void referenceIsSound() { QVERIFY(ReferenceSignature::matchesTheFixedVectors()); }

    void everyTypeIsSentAsDailySendsIt_data()
    {
        QTest::addColumn<QString>("type");
        const EventCatalog& catalog = EventCatalog::builtIn();
        QCOMPARE(catalog.size(), 32);
        for (const QString& type : catalog.types())
            QTest::newRow(qPrintable(type)) << type;
    }
    void everyTypeIsSentAsDailySendsIt()
    {
        QFETCH(QString, type);
        const EventCatalog::Event* catalogEvent = EventCatalog::builtIn().event(type);
        const std::optional<TestEvent> event = TestEvent::sample(type, EventCatalog::builtIn());
        QVERIFY(event);
        QString id;
        const DeliveryRequest request = event->request(kUrl, kSecret, QStringLiteral("dXNlcjpwYXNz"), kNowMs, &id);
        const QByteArray body = request.body;

        // Compact: no whitespace outside strings, and nothing but the object.
        QCOMPARE(JsonBytes::compacted(body), body);
        QVERIFY(!body.contains('\n'));
        // Key order and value types, read from the bytes themselves (a parsed object would not keep the order).
        const QString version = catalogEvent->sample.value(QStringLiteral("version")).toString();
        const QByteArray start = "{\"version\":\"" + version.toUtf8() + "\",\"type\":\"" + type.toUtf8()
            + "\",\"id\":\"" + id.toUtf8() + "\",\"payload\":{";
        QVERIFY2(body.startsWith(start), body.constData());
        QVERIFY2(body.endsWith(",\"event_ts\":1770005094.87}"), body.constData());
        QJsonParseError error;
        const QJsonObject parsed = QJsonDocument::fromJson(body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(parsed.keys().size(), 5);
        QVERIFY(parsed.value(QStringLiteral("version")).isString());
        QVERIFY(parsed.value(QStringLiteral("id")).isString());
        QVERIFY(parsed.value(QStringLiteral("payload")).isObject());
        QVERIFY(parsed.value(QStringLiteral("event_ts")).isDouble());
        QCOMPARE(parsed.value(QStringLiteral("event_ts")).toDouble(), 1770005094.87);
        QCOMPARE(parsed.value(QStringLiteral("payload")).toObject(),
            catalogEvent->sample.value(QStringLiteral("payload")).toObject());
        // A fresh id: not the sample's, in the sample's style (its prefix), with a uuid.
        const QString sampleId = catalogEvent->sample.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(id != sampleId);
        QVERIFY2(id.contains(QRegularExpression(kUuid)), qPrintable(id));
        QVERIFY2(id.left(6) == sampleId.left(6), qPrintable(id + QLatin1Char(' ') + sampleId));

        // Signed as Daily signs: the timestamp in milliseconds, the exact bytes of the body.
        QCOMPARE(request.header("X-Webhook-Timestamp"), QByteArray::number(kNowMs));
        QCOMPARE(request.header("X-Webhook-Signature"),
            ReferenceSignature::of(kSecret, request.header("X-Webhook-Timestamp"), body));
        QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Basic dXNlcjpwYXNz"));
        QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
        QCOMPARE(request.url, kUrl);
    }

    void transcriptEventsAreVersionOneOne_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("version");
        QTest::newRow("meeting") << QStringLiteral("meeting.started") << QStringLiteral("1.0.0");
        QTest::newRow("transcript started") << QStringLiteral("transcript.started") << QStringLiteral("1.1.0");
        QTest::newRow("transcript ready") << QStringLiteral("transcript.ready-to-download") << QStringLiteral("1.1.0");
        QTest::newRow("transcript error") << QStringLiteral("transcript.error") << QStringLiteral("1.1.0");
    }
    void transcriptEventsAreVersionOneOne()
    {
        QFETCH(QString, type);
        QFETCH(QString, version);
        const std::optional<TestEvent> event = TestEvent::sample(type, EventCatalog::builtIn());
        QVERIFY(event);
        QCOMPARE(event->version(), version);
        const QByteArray start = "{\"version\":\"" + version.toUtf8() + "\",";
        QVERIFY(event->body(QStringLiteral("x"), kNowMs).startsWith(start));
    }

    void unknownTypeHasNoSample()
    {
        QVERIFY(!TestEvent::sample(QStringLiteral("recording.ready"), EventCatalog::builtIn()));
    }

    void eventTimestampIsFractionalSeconds_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("three decimals") << qint64(1708526033049) << QByteArray("1708526033.049");
        QTest::newRow("trailing zero dropped") << qint64(1770005094870) << QByteArray("1770005094.87");
        QTest::newRow("whole second") << qint64(1692124183000) << QByteArray("1692124183");
        QTest::newRow("leading zeros kept") << qint64(1692124183005) << QByteArray("1692124183.005");
    }
    void eventTimestampIsFractionalSeconds()
    {
        QFETCH(qint64, ms);
        QFETCH(QByteArray, text);
        QCOMPARE(TestEvent::eventTimestamp(ms), text);
    }

    void freshIdsFollowTheTypesStyle_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("prefix, uuid, seconds")
            << QStringLiteral("meeting.started") << QStringLiteral("^met-sta-%1-1770005094$").arg(kUuid);
        QTest::newRow("prefix, uuid, milliseconds")
            << QStringLiteral("participant.joined") << QStringLiteral("^ptcpt-join-%1-1770005094870$").arg(kUuid);
        QTest::newRow("prefix and uuid only")
            << QStringLiteral("transcript.started") << QStringLiteral("^3431-tra-sta-%1$").arg(kUuid);
        QTest::newRow("seconds glued to the uuid")
            << QStringLiteral("calltransfer.triggered")
            << QStringLiteral("^3602-call-transfer-trig-") + kUuid + QStringLiteral("1770005094$");
        QTest::newRow("no uuid in the sample: one added before the time")
            << QStringLiteral("dialin.ready") << QStringLiteral("^3602-dial-in-ready-%1-1770005094$").arg(kUuid);
    }
    void freshIdsFollowTheTypesStyle()
    {
        QFETCH(QString, type);
        QFETCH(QString, pattern);
        const std::optional<TestEvent> event = TestEvent::sample(type, EventCatalog::builtIn());
        QVERIFY(event);
        const QString first = event->freshId(kNowMs);
        QVERIFY2(QRegularExpression(pattern).match(first).hasMatch(), qPrintable(first));
        QVERIFY(event->freshId(kNowMs) != first);
    }

    void givenPayloadReplacesTheSampleAsWritten()
    {
        std::optional<TestEvent> event = TestEvent::sample(QStringLiteral("meeting.started"), EventCatalog::builtIn());
        QVERIFY(event);
        QCOMPARE(event->setPayload(kGivenPayload), QString());
        QCOMPARE(event->payload(), kGivenCompact);
        const DeliveryRequest request = event->request(kUrl, kSecret, QString(), kNowMs);
        const QByteArray part = ",\"payload\":" + kGivenCompact + ",\"event_ts\":";
        QVERIFY(request.body.contains(part));
        QCOMPARE(request.header("X-Webhook-Signature"),
            ReferenceSignature::of(kSecret, request.header("X-Webhook-Timestamp"), request.body));
        QVERIFY(request.header("Authorization").isEmpty());
    }

    void payloadMustBeOneObject_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("an array") << QByteArray("[1,2]");
        QTest::newRow("not JSON") << QByteArray("{\"a\":");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("trailing garbage") << QByteArray("{} x");
    }
    void payloadMustBeOneObject()
    {
        QFETCH(QByteArray, json);
        std::optional<TestEvent> event = TestEvent::sample(QStringLiteral("meeting.started"), EventCatalog::builtIn());
        QVERIFY(event);
        const QByteArray before = event->payload();
        QVERIFY(!event->setPayload(json).isEmpty());
        QCOMPARE(event->payload(), before);
    }

    void withoutASecretTheEventIsUnsigned()
    {
        const std::optional<TestEvent> event
            = TestEvent::sample(QStringLiteral("recording.started"), EventCatalog::builtIn());
        QVERIFY(event);
        const DeliveryRequest request = event->request(kUrl, QString(), QString(), kNowMs);
        QVERIFY(request.header("X-Webhook-Signature").isEmpty());
        QCOMPARE(request.header("X-Webhook-Timestamp"), QByteArray::number(kNowMs));
    }

    void allSamplesAreTheCatalogsInOrder()
    {
        const QList<TestEvent> all = TestEvent::allSamples(EventCatalog::builtIn());
        QStringList types;
        for (const TestEvent& event : all)
            types << event.type();
        QCOMPARE(types, EventCatalog::builtIn().types());
    }
};

QTEST_GUILESS_MAIN(tst_TestEvent)
#include "tst_TestEvent.moc"
