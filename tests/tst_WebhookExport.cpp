// Webhook configurations as a JSON file: export then import gives back exactly the configuration, nothing
// that belongs to the source domain leaves it, secrets only when the user asks, and every way a file can
// be wrong is reported in words.

#include "EventCatalog.h"
#include "Webhook.h"
#include "WebhookExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

namespace {

const QString kHmac = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kBasicAuth = QStringLiteral("dXNlcjpjb3JyZWN0IGhvcnNl"); // base64 of user:correct horse
const QString kUuid = QStringLiteral("0f7a4c1e-2b8d-4e6f-9a3c-5d1b7e9f0a2c");
const QString kDomainId = QStringLiteral("a1b2c3d4-e5f6-4789-8abc-def012345678");

// A webhook as Daily answers it, with everything that belongs to the source domain filled in.
Webhook dailyWebhook(const QString& url, const QString& retryType, const QStringList& eventTypes,
    const QString& basicAuth, const QString& hmac)
{
    QJsonObject o;
    o.insert(QStringLiteral("uuid"), kUuid);
    o.insert(QStringLiteral("url"), url);
    o.insert(QStringLiteral("hmac"), hmac.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(hmac));
    o.insert(QStringLiteral("basicAuth"), basicAuth.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(basicAuth));
    if (!retryType.isEmpty())
        o.insert(QStringLiteral("retryType"), retryType);
    o.insert(QStringLiteral("eventTypes"), QJsonArray::fromStringList(eventTypes));
    o.insert(QStringLiteral("state"), QStringLiteral("FAILED"));
    o.insert(QStringLiteral("failedCount"), 3);
    o.insert(QStringLiteral("lastMomentPushed"), QStringLiteral("2024-05-01T11:59:00.000Z"));
    o.insert(QStringLiteral("domainId"), kDomainId);
    o.insert(QStringLiteral("createdAt"), QStringLiteral("2024-04-01T08:00:00.000Z"));
    o.insert(QStringLiteral("updatedAt"), QStringLiteral("2024-04-02T09:30:00.123Z"));
    return Webhook::fromJson(o);
}

Webhook fullWebhook()
{
    return dailyWebhook(QStringLiteral("https://hooks.example.com/daily?team=video"), QStringLiteral("exponential"),
        {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended"), QStringLiteral("participant.joined")},
        kBasicAuth, kHmac);
}

QJsonObject entryObject(const QString& domain, const QString& url)
{
    QJsonObject o;
    o.insert(QStringLiteral("domain"), domain);
    o.insert(QStringLiteral("url"), url);
    o.insert(QStringLiteral("retryType"), QStringLiteral("circuit-breaker"));
    o.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started")});
    return o;
}

QJsonObject validEntry()
{
    return entryObject(QStringLiteral("staging"), QStringLiteral("https://example.com/hook"));
}

QJsonObject rootObject(const QJsonArray& webhooks)
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), WebhookExport::FormatTag);
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("exportedAt"), QStringLiteral("2024-05-01T12:00:00.000Z"));
    root.insert(QStringLiteral("includesSecrets"), false);
    root.insert(QStringLiteral("webhooks"), webhooks);
    return root;
}

QByteArray bytes(const QJsonObject& root)
{
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

// The root with one key replaced (or removed, for an undefined value).
QByteArray rootWith(const QString& key, const QJsonValue& value)
{
    QJsonObject root = rootObject({validEntry()});
    if (value.isUndefined())
        root.remove(key);
    else
        root.insert(key, value);
    return bytes(root);
}

// A file whose second entry is the valid entry with one field replaced (or removed, for an undefined value).
QByteArray entryWith(const QString& key, const QJsonValue& value)
{
    QJsonObject entry = entryObject(QStringLiteral("production"), QStringLiteral("https://example.com/prod"));
    if (value.isUndefined())
        entry.remove(key);
    else
        entry.insert(key, value);
    return bytes(rootObject({validEntry(), entry}));
}

} // namespace

class tst_WebhookExport : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void severalDomainsKeepTheirOrder();
    void exportHoldsOnlyTheConfiguration();
    void secretsAbsentUnlessAsked();
    void secretsPresentWhenAsked();
    void documentHeader();
    void entryWithOnlyAUrl();
    void secretInAFileThatSaysNoneIsFlagged();
    void errors_data();
    void errors();
    void errorsNeverQuoteSecrets();
    void everyBadEntryIsReported();
};

void tst_WebhookExport::roundTrip_data()
{
    QTest::addColumn<Webhook>("webhook");
    QTest::addColumn<bool>("includeSecrets");

    const QStringList oneEvent {QStringLiteral("recording.ready-to-download")};
    QTest::newRow("everything set, without secrets") << fullWebhook() << false;
    QTest::newRow("everything set, with secrets") << fullWebhook() << true;
    QTest::newRow("no basic auth, with secrets") << dailyWebhook(
        QStringLiteral("https://example.com/a"), QStringLiteral("circuit-breaker"), oneEvent, QString(), kHmac)
                                                 << true;
    QTest::newRow("no secrets at all, with secrets") << dailyWebhook(
        QStringLiteral("https://example.com/b"), QStringLiteral("circuit-breaker"), oneEvent, QString(), QString())
                                                     << true;
    QTest::newRow("no retry type sent by Daily")
        << dailyWebhook(QStringLiteral("https://example.com/c"), QString(), oneEvent, kBasicAuth, kHmac) << true;
    QTest::newRow("loopback http receiver") << dailyWebhook(
        QStringLiteral("http://127.0.0.1:9000/hook"), QStringLiteral("exponential"), oneEvent, QString(), kHmac)
                                            << false;
    QTest::newRow("non-ASCII path, order of event types kept") << dailyWebhook(
        QStringLiteral("https://example.com/h%C3%B6ren"), QStringLiteral("circuit-breaker"),
        {QStringLiteral("transcript.error"), QStringLiteral("meeting.started"), QStringLiteral("dialout.connected")},
        kBasicAuth, kHmac) << true;
}

void tst_WebhookExport::roundTrip()
{
    QFETCH(Webhook, webhook);
    QFETCH(bool, includeSecrets);

    const QByteArray json = WebhookExport::exportJson({{QStringLiteral("staging"), webhook}}, includeSecrets);
    const WebhookExport::ImportResult imported = WebhookExport::parse(json);
    QVERIFY2(imported.ok(), qPrintable(imported.errors.join(QLatin1Char('\n'))));
    QCOMPARE(imported.entries.size(), 1);
    const WebhookExport::Entry& entry = imported.entries.first();
    QCOMPARE(entry.domain, QStringLiteral("staging"));

    // Exactly the configuration: every field the webhook has, nothing else.
    const WebhookDraft& draft = entry.draft;
    QCOMPARE(draft.toJsonBytes(), WebhookExport::configOf(webhook, includeSecrets).toJsonBytes());
    QCOMPARE(draft.url, std::optional<QString>(webhook.url));
    QCOMPARE(draft.retryType,
        webhook.retryType.isEmpty() ? std::optional<QString>() : std::optional<QString>(webhook.retryType));
    QCOMPARE(draft.eventTypes, std::optional<QStringList>(webhook.eventTypes));
    const auto secret = [includeSecrets](const QString& value) {
        return includeSecrets && !value.isEmpty() ? std::optional<QString>(value) : std::optional<QString>();
    };
    QCOMPARE(draft.basicAuth, secret(webhook.basicAuth));
    QCOMPARE(draft.hmac, secret(webhook.hmac));
    QCOMPARE(imported.includesSecrets, includeSecrets);

    // And the import is ready to send as it is.
    QVERIFY(draft.validate(EventCatalog::builtIn()).isEmpty());
}

void tst_WebhookExport::severalDomainsKeepTheirOrder()
{
    const QList<QPair<QString, Webhook>> source {
        {QStringLiteral("staging"), fullWebhook()},
        {QStringLiteral("production"),
            dailyWebhook(QStringLiteral("https://example.com/prod"), QStringLiteral("circuit-breaker"),
                {QStringLiteral("meeting.ended")}, QString(), kHmac)},
        {QStringLiteral("Übung"), fullWebhook()},
    };
    const WebhookExport::ImportResult imported = WebhookExport::parse(WebhookExport::exportJson(source, true));
    QVERIFY(imported.ok());
    QCOMPARE(imported.entries.size(), source.size());
    for (int i = 0; i < source.size(); ++i) {
        QCOMPARE(imported.entries.at(i).domain, source.at(i).first);
        QCOMPARE(imported.entries.at(i).draft.toJsonBytes(),
            WebhookExport::configOf(source.at(i).second, true).toJsonBytes());
    }
}

void tst_WebhookExport::exportHoldsOnlyTheConfiguration()
{
    for (const bool includeSecrets : {false, true}) {
        const QByteArray json = WebhookExport::exportJson({{QStringLiteral("staging"), fullWebhook()}}, includeSecrets);
        const QJsonObject entry
            = QJsonDocument::fromJson(json).object().value(QStringLiteral("webhooks")).toArray().first().toObject();
        QStringList expected {
            QStringLiteral("domain"), QStringLiteral("eventTypes"), QStringLiteral("retryType"), QStringLiteral("url")};
        if (includeSecrets)
            expected << QStringLiteral("basicAuth") << QStringLiteral("hmac");
        expected.sort();
        QCOMPARE(entry.keys(), expected);
        // What belongs to the source domain never leaves it, not even as a value somewhere.
        QVERIFY(!json.contains(kUuid.toUtf8()));
        QVERIFY(!json.contains(kDomainId.toUtf8()));
        QVERIFY(!json.contains("FAILED"));
        QVERIFY(!json.contains("2024-04-01"));
        QVERIFY(!json.contains("failedCount"));
        QVERIFY(!json.contains("lastMomentPushed"));
    }
}

void tst_WebhookExport::secretsAbsentUnlessAsked()
{
    const QByteArray json = WebhookExport::exportJson({{QStringLiteral("staging"), fullWebhook()}}, false);
    QVERIFY(!json.contains(kHmac.toUtf8()));
    QVERIFY(!json.contains(kBasicAuth.toUtf8()));
    QVERIFY(!json.contains("hmac"));
    QVERIFY(!json.contains("basicAuth"));
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QStringLiteral("includesSecrets")), QJsonValue(false));
    const WebhookExport::ImportResult imported = WebhookExport::parse(json);
    QVERIFY(!imported.includesSecrets);
    QVERIFY(!imported.entries.first().draft.hmac);
    QVERIFY(!imported.entries.first().draft.basicAuth);
}

void tst_WebhookExport::secretsPresentWhenAsked()
{
    const QByteArray json = WebhookExport::exportJson(
        {{QStringLiteral("staging"), fullWebhook()},
            {QStringLiteral("qa"),
                dailyWebhook(QStringLiteral("https://example.com/qa"), QStringLiteral("circuit-breaker"),
                    {QStringLiteral("meeting.started")}, QString(), QString())}},
        true);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QStringLiteral("includesSecrets")), QJsonValue(true));
    const QJsonArray webhooks = root.value(QStringLiteral("webhooks")).toArray();
    QCOMPARE(webhooks.at(0).toObject().value(QStringLiteral("hmac")), QJsonValue(kHmac));
    QCOMPARE(webhooks.at(0).toObject().value(QStringLiteral("basicAuth")), QJsonValue(kBasicAuth));
    // None set: an explicit null says so, and reads back as "not set".
    QVERIFY(webhooks.at(1).toObject().value(QStringLiteral("hmac")).isNull());
    QVERIFY(webhooks.at(1).toObject().value(QStringLiteral("basicAuth")).isNull());
    const WebhookExport::ImportResult imported = WebhookExport::parse(json);
    QVERIFY(imported.ok());
    QVERIFY(imported.includesSecrets);
    QCOMPARE(imported.entries.at(0).draft.hmac, std::optional<QString>(kHmac));
    QCOMPARE(imported.entries.at(0).draft.basicAuth, std::optional<QString>(kBasicAuth));
    QVERIFY(!imported.entries.at(1).draft.hmac);
    QVERIFY(!imported.entries.at(1).draft.basicAuth);
    QVERIFY(!WebhookExport::secretsWarning().isEmpty());
}

void tst_WebhookExport::documentHeader()
{
    const QDateTime at(QDate(2024, 5, 1), QTime(12, 0, 0, 250), QTimeZone::utc());
    const QByteArray json = WebhookExport::exportJson({}, false, at);
    QVERIFY(json.contains('\n')); // indented, for people and diffs
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("daily-webhooks-export"));
    QCOMPARE(root.value(QStringLiteral("version")), QJsonValue(1));
    QCOMPARE(root.value(QStringLiteral("exportedAt")).toString(), QStringLiteral("2024-05-01T12:00:00.250Z"));
    QCOMPARE(root.value(QStringLiteral("webhooks")), QJsonValue(QJsonArray()));

    const WebhookExport::ImportResult imported = WebhookExport::parse(json);
    QVERIFY(imported.ok());
    QVERIFY(imported.entries.isEmpty());
    QCOMPARE(imported.exportedAt, at);

    // Without a time given, it is now.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const WebhookExport::ImportResult now = WebhookExport::parse(WebhookExport::exportJson({}, false));
    QVERIFY(now.exportedAt >= before);
    QVERIFY(now.exportedAt <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void tst_WebhookExport::entryWithOnlyAUrl()
{
    QJsonObject entry;
    entry.insert(QStringLiteral("domain"), QStringLiteral("staging"));
    entry.insert(QStringLiteral("url"), QStringLiteral("https://example.com/hook"));
    const WebhookExport::ImportResult imported = WebhookExport::parse(bytes(rootObject({entry})));
    QVERIFY2(imported.ok(), qPrintable(imported.errors.join(QLatin1Char('\n'))));
    const WebhookDraft& draft = imported.entries.first().draft;
    QCOMPARE(draft.url, std::optional<QString>(QStringLiteral("https://example.com/hook")));
    QVERIFY(!draft.retryType);
    QVERIFY(!draft.eventTypes);
    QVERIFY(!draft.basicAuth);
    QVERIFY(!draft.hmac);
}

void tst_WebhookExport::secretInAFileThatSaysNoneIsFlagged()
{
    QJsonObject entry = validEntry();
    entry.insert(QStringLiteral("hmac"), kHmac);
    const WebhookExport::ImportResult imported = WebhookExport::parse(bytes(rootObject({entry})));
    QVERIFY(imported.ok());
    QVERIFY(imported.includesSecrets);
    QCOMPARE(imported.entries.first().draft.hmac, std::optional<QString>(kHmac));
}

void tst_WebhookExport::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // part of the one error expected
    QTest::addColumn<int>("entries"); // entries that still read cleanly

    const QString notJson = QStringLiteral("not valid JSON");
    const QString notExport = QStringLiteral("not a Daily Webhooks export");
    const QString badVersion = QStringLiteral("no valid format version");
    const QString second = QStringLiteral("Webhook 2 (production): ");
    // Rows take a QString, not the string builder a `+` makes under QT_USE_QSTRINGBUILDER.
    const auto inSecond = [&second](const QString& text) { return QString(second + text); };

    QTest::newRow("empty file") << QByteArray() << notJson << 0;
    QTest::newRow("not JSON") << QByteArray("webhooks: staging") << notJson << 0;
    QTest::newRow("truncated JSON") << bytes(rootObject({validEntry()})).chopped(3) << notJson << 0;
    QTest::newRow("a JSON array") << QByteArray("[]") << notExport << 0;
    QTest::newRow("a Daily webhook object, not an export") << bytes(fullWebhook().toJson()) << notExport << 0;
    QTest::newRow("wrong format tag") << rootWith(QStringLiteral("format"), QStringLiteral("other-app")) << notExport
                                      << 0;
    QTest::newRow("no format tag") << rootWith(QStringLiteral("format"), QJsonValue::Undefined) << notExport << 0;
    QTest::newRow("newer version") << rootWith(QStringLiteral("version"), 2) << QStringLiteral("newer version") << 0;
    QTest::newRow("no version") << rootWith(QStringLiteral("version"), QJsonValue::Undefined) << badVersion << 0;
    QTest::newRow("version as text") << rootWith(QStringLiteral("version"), QStringLiteral("1")) << badVersion << 0;
    QTest::newRow("fractional version") << rootWith(QStringLiteral("version"), 1.5) << badVersion << 0;
    QTest::newRow("version zero") << rootWith(QStringLiteral("version"), 0) << badVersion << 0;
    QTest::newRow("no webhooks list") << rootWith(QStringLiteral("webhooks"), QJsonValue::Undefined)
                                      << QStringLiteral("no list of webhooks") << 0;
    QTest::newRow("webhooks not a list") << rootWith(QStringLiteral("webhooks"), QJsonObject())
                                         << QStringLiteral("no list of webhooks") << 0;
    QTest::newRow("entry not an object") << bytes(rootObject({validEntry(), QStringLiteral("https://example.com")}))
                                         << QStringLiteral("Webhook 2 is not a JSON object") << 1;
    QTest::newRow("entry without url") << entryWith(QStringLiteral("url"), QJsonValue::Undefined)
                                       << inSecond(QStringLiteral("The URL is missing")) << 1;
    QTest::newRow("entry with null url") << entryWith(QStringLiteral("url"), QJsonValue::Null)
                                         << inSecond(QStringLiteral("The URL is missing")) << 1;
    QTest::newRow("entry with empty url")
        << entryWith(QStringLiteral("url"), QString()) << inSecond(QStringLiteral("Enter the URL")) << 1;
    QTest::newRow("entry with a url that is not text")
        << entryWith(QStringLiteral("url"), 42) << inSecond(QStringLiteral("The url is not text")) << 1;
    QTest::newRow("entry with a relative url") << entryWith(QStringLiteral("url"), QStringLiteral("/hook"))
                                               << inSecond(QStringLiteral("Use an absolute URL")) << 1;
    QTest::newRow("entry without domain")
        << entryWith(QStringLiteral("domain"), QJsonValue::Undefined)
        << QStringLiteral("Webhook 2: The name of the domain it came from is missing") << 1;
    QTest::newRow("unknown event type") << entryWith(
        QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.started"), QStringLiteral("room.exploded")})
                                        << inSecond(QStringLiteral("Daily has no event type named room.exploded")) << 1;
    QTest::newRow("no event types") << entryWith(QStringLiteral("eventTypes"), QJsonArray())
                                    << inSecond(QStringLiteral("Choose at least one event type")) << 1;
    QTest::newRow("event types not a list")
        << entryWith(QStringLiteral("eventTypes"), QStringLiteral("meeting.started"))
        << inSecond(QStringLiteral("The eventTypes must be a list of event type names")) << 1;
    QTest::newRow("event type not text") << entryWith(QStringLiteral("eventTypes"),
        QJsonArray {1}) << inSecond(QStringLiteral("The eventTypes must be a list of event type names"))
                                         << 1;
    QTest::newRow("bad retry type") << entryWith(QStringLiteral("retryType"), QStringLiteral("forever"))
                                    << inSecond(QStringLiteral("Retry type must be")) << 1;
    QTest::newRow("retry type not text") << entryWith(QStringLiteral("retryType"), true)
                                         << inSecond(QStringLiteral("The retryType is not text")) << 1;
    QTest::newRow("bad hmac") << entryWith(QStringLiteral("hmac"), QStringLiteral("not base64!"))
                              << inSecond(QStringLiteral("The HMAC secret must be base64")) << 1;
    QTest::newRow("hmac not text") << entryWith(QStringLiteral("hmac"), 7)
                                   << inSecond(QStringLiteral("The hmac is not text")) << 1;
    QTest::newRow("empty basic auth") << entryWith(QStringLiteral("basicAuth"), QString())
                                      << inSecond(QStringLiteral("Leave basic auth out")) << 1;
    QTest::newRow("basic auth not text") << entryWith(QStringLiteral("basicAuth"), QJsonArray())
                                         << inSecond(QStringLiteral("The basicAuth is not text")) << 1;
}

void tst_WebhookExport::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QFETCH(int, entries);

    const WebhookExport::ImportResult imported = WebhookExport::parse(json);
    QVERIFY(!imported.ok());
    QCOMPARE(imported.errors.size(), 1);
    QVERIFY2(imported.errors.first().contains(expected), qPrintable(imported.errors.first()));
    QVERIFY(imported.errors.first().endsWith(QLatin1Char('.')));
    QCOMPARE(imported.entries.size(), entries);
}

void tst_WebhookExport::errorsNeverQuoteSecrets()
{
    const QString badHmac = QStringLiteral("SECRETVALUE with spaces");
    const WebhookExport::ImportResult imported = WebhookExport::parse(entryWith(QStringLiteral("hmac"), badHmac));
    QCOMPARE(imported.errors.size(), 1);
    QVERIFY2(!imported.errors.first().contains(QStringLiteral("SECRETVALUE")), qPrintable(imported.errors.first()));
}

void tst_WebhookExport::everyBadEntryIsReported()
{
    QJsonObject first = validEntry();
    first.remove(QStringLiteral("url"));
    first.insert(QStringLiteral("hmac"), QStringLiteral("???"));
    QJsonObject second = entryObject(QStringLiteral("production"), QStringLiteral("https://example.com/prod"));
    QJsonObject third = entryObject(QStringLiteral("qa"), QStringLiteral("https://example.com/qa"));
    third.insert(QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("nope")});

    const WebhookExport::ImportResult imported = WebhookExport::parse(bytes(rootObject({first, second, third})));
    QCOMPARE(imported.errors.size(), 3);
    QVERIFY(imported.errors.at(0).startsWith(QStringLiteral("Webhook 1 (staging): ")));
    QVERIFY(imported.errors.at(1).startsWith(QStringLiteral("Webhook 1 (staging): ")));
    QVERIFY(imported.errors.at(2).startsWith(QStringLiteral("Webhook 3 (qa): ")));
    QCOMPARE(imported.entries.size(), 1);
    QCOMPARE(imported.entries.first().domain, QStringLiteral("production"));
}

QTEST_GUILESS_MAIN(tst_WebhookExport)
#include "tst_WebhookExport.moc"
