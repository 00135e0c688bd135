// Daily's webhook object: the current and the legacy shape, missing, null and mistyped fields, toJson, and the
// list and single-webhook documents.

#include "Webhook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QTimeZone>

namespace {

// Daily's published example for GET /webhooks, "ACTVIE" typo and placeholders included.
const QByteArray kDailyExample = R"([
  {
    "uuid": "0b4e4c7c-5eaf-46fe-990b-a3752f5684f5",
    "url": "{{webhook_url}}",
    "hmac": "NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=",
    "basicAuth": null,
    "eventTypes": ["recording.started", "recording.ready-to-download"],
    "state": "ACTVIE",
    "failedCount": 0,
    "lastMomentPushed": "2023-08-15T18:29:52.000Z",
    "domainId": "{{domain_id}}",
    "createdAt": "2023-08-15T18:28:30.000Z",
    "updatedAt": "2023-08-15T18:29:52.000Z"
  }
])";

// Every field of the current shape, in Daily's compact form (QJsonDocument writes keys in sorted order).
const QByteArray kCurrentCompact = QByteArray(
    R"({"basicAuth":"dXNlcjpwYXNz","createdAt":"2023-08-15T18:28:30.000Z","domainId":"d-1",)"
    R"("eventTypes":["meeting.started","meeting.ended"],"failedCount":2,)"
    R"("hmac":"NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=","lastMomentPushed":"2023-08-15T18:29:52.000Z",)"
    R"("retryType":"exponential","state":"ACTIVE","updatedAt":"2023-08-15T18:29:52.000Z",)"
    R"("url":"https://example.com/hook","uuid":"0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"})");

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), QTimeZone::utc());
}

} // namespace

class tst_Webhook : public QObject
{
    Q_OBJECT

private slots:
    void dailyDocumentedExample();
    void legacyShape_data();
    void legacyShape();
    void legacyTimes();
    void missingFields();
    void nullFields();
    void fieldStatus_data();
    void fieldStatus();
    void wrongTypesKeepDefaults();
    void isDelivering_data();
    void isDelivering();
    void toJsonRoundTrip();
    void toJsonFromLegacy();
    void toJsonOfEmptyWebhookReparses();
    void formatTimestamp_data();
    void formatTimestamp();
    void fieldNames();
    void parseList_data();
    void parseList();
    void parseSingle_data();
    void parseSingle();
};

void tst_Webhook::dailyDocumentedExample()
{
    const auto list = WebhookJson::parseList(QJsonDocument::fromJson(kDailyExample));
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    const Webhook& w = list->first();

    QCOMPARE(w.uuid, QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5"));
    QCOMPARE(w.url, QStringLiteral("{{webhook_url}}"));
    QCOMPARE(w.hmac, QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
    QCOMPARE(w.fieldStatus(QStringLiteral("basicAuth")), Webhook::FieldStatus::Null);
    QVERIFY(w.basicAuth.isEmpty());
    QCOMPARE(w.eventTypes,
        QStringList({QStringLiteral("recording.started"), QStringLiteral("recording.ready-to-download")}));
    // The typo is Daily's; it is kept as sent, and it is not ACTIVE.
    QCOMPARE(w.state, QStringLiteral("ACTVIE"));
    QVERIFY(!w.isDelivering());
    QCOMPARE(w.failedCount, 0.0);
    QCOMPARE(w.lastMomentPushed, utc(2023, 8, 15, 18, 29, 52));
    QCOMPARE(w.domainId, QStringLiteral("{{domain_id}}"));
    QCOMPARE(w.createdAt, utc(2023, 8, 15, 18, 28, 30));
    QCOMPARE(w.updatedAt, utc(2023, 8, 15, 18, 29, 52));
    // The example has no retryType.
    QCOMPARE(w.fieldStatus(QStringLiteral("retryType")), Webhook::FieldStatus::Missing);

    for (const QString& field :
        {QStringLiteral("uuid"), QStringLiteral("url"), QStringLiteral("hmac"), QStringLiteral("eventTypes"),
            QStringLiteral("state"), QStringLiteral("failedCount"), QStringLiteral("lastMomentPushed"),
            QStringLiteral("domainId"), QStringLiteral("createdAt"), QStringLiteral("updatedAt")})
        QVERIFY2(w.fieldStatus(field) == Webhook::FieldStatus::Present, qPrintable(field));
    QCOMPARE(w.rawValue(QStringLiteral("state")), QJsonValue(QStringLiteral("ACTVIE")));
    QCOMPARE(w.raw(), QJsonDocument::fromJson(kDailyExample).array().first().toObject());
}

void tst_Webhook::legacyShape_data()
{
    QTest::addColumn<int>("numericState");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("delivering");

    QTest::newRow("0 is FAILED") << 0 << QStringLiteral("FAILED") << false;
    QTest::newRow("1 is ACTIVE") << 1 << QStringLiteral("ACTIVE") << true;
    QTest::newRow("2 is STOPPED") << 2 << QStringLiteral("STOPPED") << false;
    QTest::newRow("unknown number kept as text") << 7 << QStringLiteral("7") << false;
}

void tst_Webhook::legacyShape()
{
    QFETCH(int, numericState);
    QFETCH(QString, state);
    QFETCH(bool, delivering);

    QJsonObject o = object(R"({"uuid":"u-1","url":"https://example.com/hook","eventTypes":["meeting.started"]})");
    o.insert(QStringLiteral("state"), numericState);
    const Webhook w = Webhook::fromJson(o);
    QCOMPARE(w.fieldStatus(QStringLiteral("state")), Webhook::FieldStatus::Present);
    QCOMPARE(w.state, state);
    QCOMPARE(w.isDelivering(), delivering);
}

void tst_Webhook::legacyTimes()
{
    const Webhook w
        = Webhook::fromJson(object(R"({"state":1,"failedCount":3,"lastMomentPushed":1692124192,"createdAt":1692124110,)"
                                   R"("updatedAt":1692124192.5})"));
    QCOMPARE(w.fieldStatus(QStringLiteral("createdAt")), Webhook::FieldStatus::Present);
    QCOMPARE(w.createdAt, QDateTime::fromSecsSinceEpoch(1692124110, QTimeZone::utc()));
    QCOMPARE(w.lastMomentPushed, QDateTime::fromSecsSinceEpoch(1692124192, QTimeZone::utc()));
    QCOMPARE(w.updatedAt, QDateTime::fromMSecsSinceEpoch(1692124192500, QTimeZone::utc()));
    QCOMPARE(w.failedCount, 3.0);
}

void tst_Webhook::missingFields()
{
    const Webhook w = Webhook::fromJson(QJsonObject());
    for (const QString& field : Webhook::fieldNames())
        QVERIFY2(w.fieldStatus(field) == Webhook::FieldStatus::Missing, qPrintable(field));
    QVERIFY(w.uuid.isEmpty());
    QVERIFY(w.eventTypes.isEmpty());
    QVERIFY(!w.createdAt.isValid());
    QCOMPARE(w.failedCount, 0.0);
    QVERIFY(!w.isDelivering());
    QCOMPARE(w.fieldStatus(QStringLiteral("notAField")), Webhook::FieldStatus::Missing);
}

void tst_Webhook::nullFields()
{
    QJsonObject o;
    for (const QString& field : Webhook::fieldNames())
        o.insert(field, QJsonValue(QJsonValue::Null));
    const Webhook w = Webhook::fromJson(o);
    for (const QString& field : Webhook::fieldNames())
        QVERIFY2(w.fieldStatus(field) == Webhook::FieldStatus::Null, qPrintable(field));
    QVERIFY(w.url.isEmpty());
    QVERIFY(!w.lastMomentPushed.isValid());
    QVERIFY(!w.isDelivering());
}

void tst_Webhook::fieldStatus_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Webhook::FieldStatus>("status");

    using S = Webhook::FieldStatus;
    QTest::newRow("uuid present") << QByteArray(R"({"uuid":"u"})") << QStringLiteral("uuid") << S::Present;
    QTest::newRow("uuid as number") << QByteArray(R"({"uuid":5})") << QStringLiteral("uuid") << S::WrongType;
    QTest::newRow("url as object") << QByteArray(R"({"url":{}})") << QStringLiteral("url") << S::WrongType;
    QTest::newRow("hmac as bool") << QByteArray(R"({"hmac":true})") << QStringLiteral("hmac") << S::WrongType;
    QTest::newRow("basicAuth as array") << QByteArray(R"({"basicAuth":[]})") << QStringLiteral("basicAuth")
                                        << S::WrongType;
    QTest::newRow("retryType as number") << QByteArray(R"({"retryType":1})") << QStringLiteral("retryType")
                                         << S::WrongType;
    QTest::newRow("domainId as number") << QByteArray(R"({"domainId":1})") << QStringLiteral("domainId")
                                        << S::WrongType;
    QTest::newRow("eventTypes as string")
        << QByteArray(R"({"eventTypes":"meeting.started"})") << QStringLiteral("eventTypes") << S::WrongType;
    QTest::newRow("eventTypes with a number")
        << QByteArray(R"({"eventTypes":["meeting.started",1]})") << QStringLiteral("eventTypes") << S::WrongType;
    QTest::newRow("eventTypes empty") << QByteArray(R"({"eventTypes":[]})") << QStringLiteral("eventTypes")
                                      << S::Present;
    QTest::newRow("state as bool") << QByteArray(R"({"state":true})") << QStringLiteral("state") << S::WrongType;
    QTest::newRow("state as object") << QByteArray(R"({"state":{}})") << QStringLiteral("state") << S::WrongType;
    QTest::newRow("failedCount as string")
        << QByteArray(R"({"failedCount":"3"})") << QStringLiteral("failedCount") << S::WrongType;
    QTest::newRow("createdAt not a date")
        << QByteArray(R"({"createdAt":"yesterday"})") << QStringLiteral("createdAt") << S::WrongType;
    QTest::newRow("createdAt as bool") << QByteArray(R"({"createdAt":false})") << QStringLiteral("createdAt")
                                       << S::WrongType;
    QTest::newRow("updatedAt without ms")
        << QByteArray(R"({"updatedAt":"2023-08-15T18:29:52Z"})") << QStringLiteral("updatedAt") << S::Present;
    QTest::newRow("lastMomentPushed null")
        << QByteArray(R"({"lastMomentPushed":null})") << QStringLiteral("lastMomentPushed") << S::Null;
    QTest::newRow("lastMomentPushed as array")
        << QByteArray(R"({"lastMomentPushed":[1]})") << QStringLiteral("lastMomentPushed") << S::WrongType;
    // Epoch seconds whose milliseconds do not fit in 64 bits are no time at all (found by fuzzing).
    QTest::newRow("createdAt seconds beyond 64-bit milliseconds")
        << QByteArray(R"({"createdAt":16921241692124192.5})") << QStringLiteral("createdAt") << S::WrongType;
    QTest::newRow("updatedAt seconds far before the epoch")
        << QByteArray(R"({"updatedAt":-1e300})") << QStringLiteral("updatedAt") << S::WrongType;
}

void tst_Webhook::fieldStatus()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(Webhook::FieldStatus, status);

    const QJsonObject o = object(json);
    QVERIFY(!o.isEmpty());
    const Webhook w = Webhook::fromJson(o);
    QCOMPARE(w.fieldStatus(field), status);
    QCOMPARE(w.rawValue(field), o.value(field));
}

void tst_Webhook::wrongTypesKeepDefaults()
{
    const Webhook w = Webhook::fromJson(object(R"({"uuid":1,"url":[],"hmac":{},"basicAuth":2,"retryType":false,)"
                                               R"("eventTypes":["a",{}],"state":[],"failedCount":"x",)"
                                               R"("lastMomentPushed":"later","domainId":3,"createdAt":{},)"
                                               R"("updatedAt":true})"));
    for (const QString& field : Webhook::fieldNames())
        QVERIFY2(w.fieldStatus(field) == Webhook::FieldStatus::WrongType, qPrintable(field));
    QVERIFY(w.uuid.isEmpty());
    QVERIFY(w.url.isEmpty());
    QVERIFY(w.eventTypes.isEmpty());
    QVERIFY(w.state.isEmpty());
    QCOMPARE(w.failedCount, 0.0);
    QVERIFY(!w.lastMomentPushed.isValid());
    QVERIFY(!w.createdAt.isValid());
    QVERIFY(!w.isDelivering());
}

void tst_Webhook::isDelivering_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("delivering");

    QTest::newRow("ACTIVE") << QStringLiteral("ACTIVE") << true;
    QTest::newRow("FAILED") << QStringLiteral("FAILED") << false;
    QTest::newRow("INACTIVE") << QStringLiteral("INACTIVE") << false;
    QTest::newRow("STOPPED") << QStringLiteral("STOPPED") << false;
    QTest::newRow("ACTVIE typo") << QStringLiteral("ACTVIE") << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_Webhook::isDelivering()
{
    QFETCH(QString, state);
    QFETCH(bool, delivering);

    QJsonObject o;
    o.insert(QStringLiteral("state"), state);
    QCOMPARE(Webhook::fromJson(o).isDelivering(), delivering);
}

void tst_Webhook::toJsonRoundTrip()
{
    const QJsonObject original = object(kCurrentCompact);
    QVERIFY(!original.isEmpty());
    const Webhook w = Webhook::fromJson(original);
    QCOMPARE(w.toJson(), original);
    QCOMPARE(QJsonDocument(w.toJson()).toJson(QJsonDocument::Compact), kCurrentCompact);

    // Daily's own example survives a round trip; its missing retryType comes back as an empty string.
    const QJsonObject example = QJsonDocument::fromJson(kDailyExample).array().first().toObject();
    QJsonObject expected = example;
    expected.insert(QStringLiteral("retryType"), QString());
    QCOMPARE(Webhook::fromJson(example).toJson(), expected);
}

void tst_Webhook::toJsonFromLegacy()
{
    const Webhook w = Webhook::fromJson(object(R"({"uuid":"u-1","url":"https://example.com/hook","state":0,)"
                                               R"("failedCount":3,"lastMomentPushed":1692124192,)"
                                               R"("createdAt":1692124110,"updatedAt":1692124192})"));
    const QJsonObject json = w.toJson();
    QCOMPARE(json.value(QStringLiteral("state")), QJsonValue(QStringLiteral("FAILED")));
    QCOMPARE(json.value(QStringLiteral("createdAt")), QJsonValue(QStringLiteral("2023-08-15T18:28:30.000Z")));
    QCOMPARE(json.value(QStringLiteral("updatedAt")), QJsonValue(QStringLiteral("2023-08-15T18:29:52.000Z")));
    QCOMPARE(json.value(QStringLiteral("lastMomentPushed")), QJsonValue(QStringLiteral("2023-08-15T18:29:52.000Z")));
    QCOMPARE(json.value(QStringLiteral("basicAuth")), QJsonValue(QJsonValue::Null));
}

void tst_Webhook::toJsonOfEmptyWebhookReparses()
{
    // A webhook without times must not export something that no longer parses as a time.
    const QJsonObject json = Webhook().toJson();
    const Webhook again = Webhook::fromJson(json);
    for (const QString& field : Webhook::fieldNames())
        QVERIFY2(again.fieldStatus(field) != Webhook::FieldStatus::WrongType, qPrintable(field));
    QCOMPARE(json.value(QStringLiteral("lastMomentPushed")), QJsonValue(QJsonValue::Null));
}

void tst_Webhook::formatTimestamp_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");

    QTest::newRow("UTC, whole second") << utc(2023, 8, 15, 18, 28, 30) << QStringLiteral("2023-08-15T18:28:30.000Z");
    QTest::newRow("UTC, milliseconds") << utc(2025, 12, 29, 1, 43, 12, 7) << QStringLiteral("2025-12-29T01:43:12.007Z");
    QTest::newRow("offset converted to UTC") << QDateTime(QDate(2023, 8, 15), QTime(20, 28, 30), QTimeZone(2 * 3600))
                                             << QStringLiteral("2023-08-15T18:28:30.000Z");
}

void tst_Webhook::formatTimestamp()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);

    QCOMPARE(Webhook::formatTimestamp(time), text);
    QCOMPARE(QDateTime::fromString(text, Qt::ISODateWithMs), time);
}

void tst_Webhook::fieldNames()
{
    const QStringList names = Webhook::fieldNames();
    QCOMPARE(names.size(), 12);
    QCOMPARE(QSet<QString>(names.cbegin(), names.cend()).size(), 12);
    QCOMPARE(names.first(), QStringLiteral("uuid"));
    // Every name is a key of toJson, and nothing else is.
    QStringList keys = Webhook().toJson().keys();
    QStringList sorted = names;
    keys.sort();
    sorted.sort();
    QCOMPARE(keys, sorted);
}

void tst_Webhook::parseList_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QStringList>("uuids");

    QTest::newRow("Daily's example") << kDailyExample << true
                                     << QStringList {QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5")};
    QTest::newRow("empty array") << QByteArrayLiteral("[]") << true << QStringList();
    QTest::newRow("two webhooks") << QByteArray(R"([{"uuid":"a"},{"uuid":"b"}])") << true
                                  << QStringList {QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("data envelope rejected") << QByteArray(R"({"data":[{"uuid":"a"}]})") << false << QStringList();
    QTest::newRow("single object rejected") << QByteArray(R"({"uuid":"a"})") << false << QStringList();
    QTest::newRow("array of strings rejected") << QByteArray(R"(["a"])") << false << QStringList();
    QTest::newRow("one bad item rejects all") << QByteArray(R"([{"uuid":"a"},null])") << false << QStringList();
    QTest::newRow("not JSON") << QByteArrayLiteral("not json") << false << QStringList();
}

void tst_Webhook::parseList()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(QStringList, uuids);

    const auto list = WebhookJson::parseList(QJsonDocument::fromJson(json));
    QCOMPARE(list.has_value(), valid);
    if (!list)
        return;
    QStringList actual;
    for (const Webhook& w : *list)
        actual.append(w.uuid);
    QCOMPARE(actual, uuids);
}

void tst_Webhook::parseSingle_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("uuid");

    QTest::newRow("object") << QByteArray(R"({"uuid":"a"})") << true << QStringLiteral("a");
    QTest::newRow("one-element array") << QByteArray(R"([{"uuid":"a"}])") << true << QStringLiteral("a");
    QTest::newRow("Daily's example") << kDailyExample << true << QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5");
    QTest::newRow("empty array rejected") << QByteArrayLiteral("[]") << false << QString();
    QTest::newRow("two-element array rejected") << QByteArray(R"([{"uuid":"a"},{"uuid":"b"}])") << false << QString();
    QTest::newRow("array of a string rejected") << QByteArray(R"(["a"])") << false << QString();
    QTest::newRow("not JSON") << QByteArrayLiteral("<html></html>") << false << QString();
}

void tst_Webhook::parseSingle()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(QString, uuid);

    const auto webhook = WebhookJson::parseSingle(QJsonDocument::fromJson(json));
    QCOMPARE(webhook.has_value(), valid);
    if (webhook)
        QCOMPARE(webhook->uuid, uuid);
}

QTEST_GUILESS_MAIN(tst_Webhook)
#include "tst_Webhook.moc"
