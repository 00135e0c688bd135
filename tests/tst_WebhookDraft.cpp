// What the user sends: validation (every problem at once, each with its field), the request body, the
// changed-fields draft, the basic auth credential and the note about plain http on loopback; and the one reading
// of JSON into a draft (types, nulls, unknown fields), of a webhook into a draft (secrets in or out), and a draft
// applied to a webhook.

#include "EventCatalog.h"
#include "UrlPolicy.h"
#include "Webhook.h"
#include "WebhookDraft.h"
#include "WebhookFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

const QString kHttpsUrl = QStringLiteral("https://example.com/hook");
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");

WebhookDraft withUrl(const QString& url)
{
    WebhookDraft d;
    d.url = url;
    return d;
}

// "field kind" or "field kind item", e.g. "eventTypes WrongType 1".
QStringList described(const QList<FieldProblem>& problems)
{
    QStringList list;
    for (const FieldProblem& p : problems) {
        QString kind;
        switch (p.kind) {
        case FieldProblem::Kind::Invalid:
            kind = QStringLiteral("Invalid");
            break;
        case FieldProblem::Kind::WrongType:
            kind = QStringLiteral("WrongType");
            break;
        case FieldProblem::Kind::Null:
            kind = QStringLiteral("Null");
            break;
        case FieldProblem::Kind::NotAllowed:
            kind = QStringLiteral("NotAllowed");
            break;
        }
        list.append(p.field + QLatin1Char(' ') + kind + (p.item >= 0 ? QStringLiteral(" %1").arg(p.item) : QString()));
    }
    return list;
}

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList fieldsOf(const QList<FieldProblem>& problems)
{
    QStringList fields;
    for (const FieldProblem& p : problems)
        fields.append(p.field);
    return fields;
}

} // namespace

class tst_WebhookDraft : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void everyProblemAtOnce();
    void toJsonBytes_data();
    void toJsonBytes();
    void changedFrom();
    void basicAuthFromCredentials();
    void fromJson_data();
    void fromJson();
    void fromJsonNeverQuotesAValue();
    void fromJsonReadsWhatToJsonWrites();
    void everyWritableFieldIsRead();
    void fromWebhook_data();
    void fromWebhook();
    void appliedTo();
    void hasSecrets();
};

void tst_WebhookDraft::validate_data()
{
    QTest::addColumn<WebhookDraft>("draft");
    QTest::addColumn<bool>("requireUrl");
    QTest::addColumn<QStringList>("fields"); // the fields of the expected problems, in order

    const QStringList none;
    const QStringList url {QStringLiteral("url")};
    QTest::newRow("url: empty") << withUrl(QString()) << true << url;
    QTest::newRow("url: spaces only") << withUrl(QStringLiteral("   ")) << true << url;
    QTest::newRow("url: spaces around") << withUrl(QStringLiteral(" https://example.com/hook ")) << true << url;
    QTest::newRow("url: relative path") << withUrl(QStringLiteral("/hook")) << true << url;
    QTest::newRow("url: no scheme") << withUrl(QStringLiteral("example.com/hook")) << true << url;
    QTest::newRow("url: ftp") << withUrl(QStringLiteral("ftp://example.com/hook")) << true << url;
    QTest::newRow("url: https without host") << withUrl(QStringLiteral("https://")) << true << url;
    QTest::newRow("url: http non-loopback") << withUrl(QStringLiteral("http://example.com/hook")) << true << url;
    QTest::newRow("url: http localhost look-alike")
        << withUrl(QStringLiteral("http://localhost.example.com/hook")) << true << url;
    QTest::newRow("url: http localhost") << withUrl(QStringLiteral("http://localhost:8080/hook")) << true << none;
    QTest::newRow("url: http 127.0.0.1") << withUrl(QStringLiteral("http://127.0.0.1:8080/hook")) << true << none;
    QTest::newRow("url: http [::1]") << withUrl(QStringLiteral("http://[::1]:8080/hook")) << true << none;
    QTest::newRow("url: https ok") << withUrl(kHttpsUrl) << true << none;
    QTest::newRow("url: HTTPS upper case ok") << withUrl(QStringLiteral("HTTPS://example.com/hook")) << true << none;
    QTest::newRow("url: credentials in it")
        << withUrl(QStringLiteral("https://user:pass@example.com/hook")) << true << url;
    QTest::newRow("url: user name in it") << withUrl(QStringLiteral("https://user@example.com/hook")) << true << url;
    QTest::newRow("url: longer than the limit")
        << withUrl(QStringLiteral("https://example.com/") + QString(5000, QLatin1Char('a'))) << true << url;
    QTest::newRow("url: internationalised host")
        << withUrl(QStringLiteral("https://b\u00fccher.example/hook")) << true << none;
    QTest::newRow("url: absent, required") << WebhookDraft() << true << url;
    QTest::newRow("url: absent, not required (update)") << WebhookDraft() << false << none;
    QTest::newRow("url: set and bad, not required") << withUrl(QStringLiteral("ftp://x")) << false << url;

    WebhookDraft d = withUrl(kHttpsUrl);
    d.retryType = QStringLiteral("circuit-breaker");
    QTest::newRow("retryType: circuit-breaker") << d << true << none;
    d.retryType = QStringLiteral("exponential");
    QTest::newRow("retryType: exponential") << d << true << none;
    d.retryType = QStringLiteral("linear");
    QTest::newRow("retryType: unknown") << d << true << QStringList {QStringLiteral("retryType")};
    d.retryType = QString();
    QTest::newRow("retryType: empty") << d << true << QStringList {QStringLiteral("retryType")};

    const QStringList events {QStringLiteral("eventTypes")};
    d = withUrl(kHttpsUrl);
    d.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("recording.ready-to-download")};
    QTest::newRow("eventTypes: known") << d << true << none;
    d.eventTypes = QStringList {QStringLiteral("recording.ready")};
    QTest::newRow("eventTypes: unknown") << d << true << events;
    d.eventTypes = QStringList();
    QTest::newRow("eventTypes: empty") << d << true << events;
    d.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.started")};
    QTest::newRow("eventTypes: duplicate") << d << true << events;
    d.eventTypes = QStringList {
        QStringLiteral("transcript.ready"), QStringLiteral("meeting.ended"), QStringLiteral("meeting.ended")};
    QTest::newRow("eventTypes: unknown and duplicate")
        << d << true << QStringList {QStringLiteral("eventTypes"), QStringLiteral("eventTypes")};

    const QStringList hmac {QStringLiteral("hmac")};
    d = withUrl(kHttpsUrl);
    d.hmac = QStringLiteral("not base64!");
    QTest::newRow("hmac: not base64") << d << true << hmac;
    d.hmac = QStringLiteral("whsec_abc");
    QTest::newRow("hmac: whsec_abc") << d << true << hmac;
    d.hmac = QString();
    QTest::newRow("hmac: set but empty") << d << true << hmac;
    d.hmac = kSecret;
    QTest::newRow("hmac: valid") << d << true << none;

    d = withUrl(kHttpsUrl);
    d.basicAuth = QString();
    QTest::newRow("basicAuth: empty") << d << true << QStringList {QStringLiteral("basicAuth")};
    d.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    QTest::newRow("basicAuth: set") << d << true << none;
    d.basicAuth = QStringLiteral("dXNlcjpwYXNz\r\nX-Injected: 1");
    QTest::newRow("basicAuth: a line break would add a header")
        << d << true << QStringList {QStringLiteral("basicAuth")};
    d.basicAuth = QStringLiteral("dXNlcjpwYXNz\u0000");
    QTest::newRow("basicAuth: control character") << d << true << QStringList {QStringLiteral("basicAuth")};
}

void tst_WebhookDraft::validate()
{
    QFETCH(WebhookDraft, draft);
    QFETCH(bool, requireUrl);
    QFETCH(QStringList, fields);

    const QList<FieldProblem> problems = draft.validate(EventCatalog::builtIn(), requireUrl);
    QCOMPARE(fieldsOf(problems), fields);
    for (const FieldProblem& p : problems)
        QVERIFY2(!p.message.isEmpty(), qPrintable(p.field));
}

void tst_WebhookDraft::everyProblemAtOnce()
{
    WebhookDraft d;
    d.url = QStringLiteral("http://example.com/hook");
    d.basicAuth = QString();
    d.retryType = QStringLiteral("sometimes");
    d.eventTypes = QStringList {QStringLiteral("recording.finished")};
    d.hmac = QStringLiteral("whsec_abc");

    const QList<FieldProblem> problems = d.validate(EventCatalog::builtIn());
    QCOMPARE(fieldsOf(problems),
        QStringList({QStringLiteral("url"), QStringLiteral("basicAuth"), QStringLiteral("retryType"),
            QStringLiteral("eventTypes"), QStringLiteral("hmac")}));
    // The messages name what is wrong.
    QVERIFY(problems.at(2).message.contains(QStringLiteral("sometimes")));
    QVERIFY(problems.at(3).message.contains(QStringLiteral("recording.finished")));
    QCOMPARE(problems.at(0).message, UrlPolicy::webhookUrlProblem(*d.url));
}

void tst_WebhookDraft::toJsonBytes_data()
{
    QTest::addColumn<WebhookDraft>("draft");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("nothing set") << WebhookDraft() << QByteArrayLiteral("{}");
    QTest::newRow("url only") << withUrl(kHttpsUrl) << QByteArray(R"({"url":"https://example.com/hook"})");
    // Daily's verifier and the receiving DNS want the ASCII (punycode) form of an internationalised host.
    QTest::newRow("url with an internationalised host goes out in ASCII")
        << withUrl(QStringLiteral("https://b\u00fccher.example/h\u00e9"))
        << QByteArray(R"({"url":"https://xn--bcher-kva.example/h%C3%A9"})");

    WebhookDraft d = withUrl(kHttpsUrl);
    d.eventTypes = QStringList {QStringLiteral("recording.started"), QStringLiteral("recording.ready-to-download")};
    QTest::newRow("url and events, Daily's docs example")
        << d
        << QByteArray(R"({"eventTypes":["recording.started","recording.ready-to-download"],)"
                      R"("url":"https://example.com/hook"})");

    d.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    d.retryType = QStringLiteral("exponential");
    d.hmac = kSecret;
    QTest::newRow("every field")
        << d
        << QByteArray(R"({"basicAuth":"dXNlcjpwYXNz","eventTypes":["recording.started",)"
                      R"("recording.ready-to-download"],"hmac":"NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=",)"
                      R"("retryType":"exponential","url":"https://example.com/hook"})");

    WebhookDraft empty;
    empty.eventTypes = QStringList();
    empty.basicAuth = QString();
    QTest::newRow("set but empty values are still sent") << empty << QByteArray(R"({"basicAuth":"","eventTypes":[]})");
}

void tst_WebhookDraft::toJsonBytes()
{
    QFETCH(WebhookDraft, draft);
    QFETCH(QByteArray, bytes);

    QCOMPARE(draft.toJsonBytes(), bytes);
    QCOMPARE(QJsonDocument(draft.toJson()).toJson(QJsonDocument::Compact), bytes);
}

void tst_WebhookDraft::changedFrom()
{
    const Webhook original = Webhook::fromJson(
        QJsonDocument::fromJson(R"({"uuid":"u-1","url":"https://example.com/hook","hmac":"QUJD","basicAuth":null,)"
                                R"("retryType":"circuit-breaker","eventTypes":["meeting.started"],"state":"FAILED"})")
            .object());

    WebhookDraft same;
    same.url = original.url;
    same.retryType = original.retryType;
    same.eventTypes = original.eventTypes;
    same.hmac = original.hmac;
    same.basicAuth = QString(); // null on Daily's side
    QCOMPARE(same.changedFrom(original).toJsonBytes(), QByteArrayLiteral("{}"));

    // Re-activating a failed webhook: the same URL is nothing to send by itself.
    WebhookDraft changed = same;
    changed.eventTypes = QStringList {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")};
    changed.retryType = QStringLiteral("exponential");
    const WebhookDraft diff = changed.changedFrom(original);
    QVERIFY(!diff.url);
    QVERIFY(!diff.hmac);
    QVERIFY(!diff.basicAuth);
    QCOMPARE(diff.toJsonBytes(),
        QByteArray(R"({"eventTypes":["meeting.started","meeting.ended"],"retryType":"exponential"})"));

    // Fields the draft leaves unset are never part of the difference.
    WebhookDraft urlOnly;
    urlOnly.url = QStringLiteral("https://example.org/other");
    const QByteArray urlOnlyBody = R"({"url":"https://example.org/other"})";
    QCOMPARE(urlOnly.changedFrom(original).toJsonBytes(), urlOnlyBody);

    WebhookDraft newSecret;
    newSecret.hmac = kSecret;
    newSecret.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    QCOMPARE(newSecret.changedFrom(original).toJsonBytes(),
        QByteArray(R"({"basicAuth":"dXNlcjpwYXNz","hmac":"NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="})"));
}

void tst_WebhookDraft::basicAuthFromCredentials()
{
    QCOMPARE(WebhookDraft::basicAuthFromCredentials(QStringLiteral("user"), QStringLiteral("pass")),
        QStringLiteral("dXNlcjpwYXNz"));
    // UTF-8 before base64, as HTTP Basic expects today.
    QCOMPARE(WebhookDraft::basicAuthFromCredentials(QStringLiteral("\u00e9"), QString()), QStringLiteral("w6k6"));
}

void tst_WebhookDraft::fromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("draft"); // toJsonBytes of the draft read
    QTest::addColumn<QStringList>("problems"); // described(): field, kind, list item

    const QStringList none;
    QTest::newRow("empty object") << QByteArray("{}") << QByteArray("{}") << none;
    QTest::newRow("Daily's docs example")
        << QByteArray(R"({"url":"https://example.com/hook","eventTypes":["recording.started"]})")
        << QByteArray(R"({"eventTypes":["recording.started"],"url":"https://example.com/hook"})") << none;
    QTest::newRow("every writable field, secrets too")
        << QByteArray(R"({"url":"https://example.com/hook","basicAuth":"dXNlcjpwYXNz","retryType":"exponential",)"
                      R"("eventTypes":["meeting.started","meeting.ended"],"hmac":"QUJD"})")
        << QByteArray(R"({"basicAuth":"dXNlcjpwYXNz","eventTypes":["meeting.started","meeting.ended"],)"
                      R"("hmac":"QUJD","retryType":"exponential","url":"https://example.com/hook"})")
        << none;
    // Values are read whatever they say; validate() and Daily judge them.
    QTest::newRow("empty strings and an empty list are read")
        << QByteArray(R"({"url":"","basicAuth":"","retryType":"","eventTypes":[],"hmac":""})")
        << QByteArray(R"({"basicAuth":"","eventTypes":[],"hmac":"","retryType":"","url":""})") << none;
    QTest::newRow("values that validate() refuses are read")
        << QByteArray(R"({"retryType":"linear","eventTypes":["room.exploded"],"hmac":"not base64!"})")
        << QByteArray(R"({"eventTypes":["room.exploded"],"hmac":"not base64!","retryType":"linear"})") << none;

    QTest::newRow("url: a number") << QByteArray(R"({"url":5})") << QByteArray("{}")
                                   << QStringList {QStringLiteral("url WrongType")};
    QTest::newRow("url: null") << QByteArray(R"({"url":null})") << QByteArray("{}")
                               << QStringList {QStringLiteral("url Null")};
    QTest::newRow("basicAuth: null, as Daily's object has it")
        << QByteArray(R"({"url":"https://example.com/hook","basicAuth":null})")
        << QByteArray(R"({"url":"https://example.com/hook"})") << QStringList {QStringLiteral("basicAuth Null")};
    QTest::newRow("basicAuth: an object") << QByteArray(R"({"basicAuth":{"user":"a"}})") << QByteArray("{}")
                                          << QStringList {QStringLiteral("basicAuth WrongType")};
    QTest::newRow("retryType: true") << QByteArray(R"({"retryType":true})") << QByteArray("{}")
                                     << QStringList {QStringLiteral("retryType WrongType")};
    QTest::newRow("eventTypes: text, not a list")
        << QByteArray(R"({"eventTypes":"meeting.started"})") << QByteArray("{}")
        << QStringList {QStringLiteral("eventTypes WrongType")};
    QTest::newRow("eventTypes: the second item a number")
        << QByteArray(R"({"eventTypes":["meeting.started",5,"meeting.ended"]})") << QByteArray("{}")
        << QStringList {QStringLiteral("eventTypes WrongType 1")};
    QTest::newRow("eventTypes: the first item null") << QByteArray(R"({"eventTypes":[null]})") << QByteArray("{}")
                                                     << QStringList {QStringLiteral("eventTypes WrongType 0")};
    QTest::newRow("eventTypes: null") << QByteArray(R"({"eventTypes":null})") << QByteArray("{}")
                                      << QStringList {QStringLiteral("eventTypes Null")};
    QTest::newRow("hmac: a list") << QByteArray(R"({"hmac":["QUJD"]})") << QByteArray("{}")
                                  << QStringList {QStringLiteral("hmac WrongType")};
    QTest::newRow("a wrong field leaves the others read")
        << QByteArray(R"({"url":"https://example.com/hook","retryType":1,"hmac":"QUJD"})")
        << QByteArray(R"({"hmac":"QUJD","url":"https://example.com/hook"})")
        << QStringList {QStringLiteral("retryType WrongType")};
    QTest::newRow("problems come in Daily's field order")
        << QByteArray(R"({"hmac":1,"eventTypes":1,"retryType":1,"basicAuth":1,"url":1})") << QByteArray("{}")
        << QStringList {QStringLiteral("url WrongType"), QStringLiteral("basicAuth WrongType"),
               QStringLiteral("retryType WrongType"), QStringLiteral("eventTypes WrongType"),
               QStringLiteral("hmac WrongType")};

    QTest::newRow("unknown field") << QByteArray(R"({"url":"https://example.com/hook","scope":"all"})")
                                   << QByteArray(R"({"url":"https://example.com/hook"})")
                                   << QStringList {QStringLiteral("scope NotAllowed")};
    QTest::newRow("names are case-sensitive") << QByteArray(R"({"URL":"https://example.com/hook"})") << QByteArray("{}")
                                              << QStringList {QStringLiteral("URL NotAllowed")};
    QTest::newRow("Daily's own fields are not for a request")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","state":"ACTIVE","failedCount":0})")
        << QByteArray(R"({"url":"https://example.com/hook"})")
        << QStringList {QStringLiteral("failedCount NotAllowed"), QStringLiteral("state NotAllowed"),
               QStringLiteral("uuid NotAllowed")};
    QTest::newRow("type problems before names not allowed")
        << QByteArray(R"({"aaa":1,"url":1})") << QByteArray("{}")
        << QStringList {QStringLiteral("url WrongType"), QStringLiteral("aaa NotAllowed")};
}

void tst_WebhookDraft::fromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, draft);
    QFETCH(QStringList, problems);

    const WebhookDraft::Reading reading = WebhookDraft::fromJson(object(json));
    QCOMPARE(reading.draft.toJsonBytes(), draft);
    QCOMPARE(described(reading.problems), problems);
    for (const FieldProblem& p : reading.problems)
        QVERIFY2(!p.message.isEmpty(), qPrintable(p.field));
}

void tst_WebhookDraft::fromJsonNeverQuotesAValue()
{
    // A secret of the wrong type (or any value) must not reach a message a person or a log sees.
    const QByteArray json = R"({"hmac":["SECRET-ONE"],"basicAuth":{"SECRET-TWO":1},"url":["SECRET-THREE"],)"
                            R"("eventTypes":["SECRET-FOUR",1],"extra":"SECRET-FIVE"})";
    const WebhookDraft::Reading reading = WebhookDraft::fromJson(object(json));
    QCOMPARE(reading.problems.size(), 5);
    for (const FieldProblem& p : reading.problems)
        QVERIFY2(!p.message.contains(QStringLiteral("SECRET")), qPrintable(p.message));
}

void tst_WebhookDraft::fromJsonReadsWhatToJsonWrites()
{
    WebhookDraft d = withUrl(kHttpsUrl);
    d.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    d.retryType = WebhookDraft::Exponential;
    d.eventTypes = QStringList {QStringLiteral("meeting.started")};
    d.hmac = kSecret;
    const WebhookDraft::Reading reading = WebhookDraft::fromJson(d.toJson());
    QVERIFY(reading.problems.isEmpty());
    QVERIFY(reading.draft.toJsonBytes() == d.toJsonBytes()); // not printed: it holds a secret
}

void tst_WebhookDraft::everyWritableFieldIsRead()
{
    // Each writable field has its member: a number in it is a type problem of that field, never "not allowed",
    // and a string or list in it comes back out of toJson.
    for (const QString& field : WebhookFields::writable()) {
        const WebhookDraft::Reading wrong = WebhookDraft::fromJson(QJsonObject {{field, 5}});
        QCOMPARE(described(wrong.problems), QStringList {field + QStringLiteral(" WrongType")});
        const QJsonValue value = field == WebhookFields::EventTypes ? QJsonValue(QJsonArray {QStringLiteral("x")})
                                                                    : QJsonValue(QStringLiteral("x"));
        const WebhookDraft::Reading right = WebhookDraft::fromJson(QJsonObject {{field, value}});
        QVERIFY(right.problems.isEmpty());
        QCOMPARE(right.draft.toJson().keys(), QStringList {field});
    }
}

void tst_WebhookDraft::fromWebhook_data()
{
    QTest::addColumn<QByteArray>("webhook"); // Daily's webhook object
    QTest::addColumn<bool>("withSecrets");
    QTest::addColumn<QByteArray>("draft");

    const QByteArray full = R"({"uuid":"u-1","url":"https://example.com/hook","hmac":"QUJD",)"
                            R"("basicAuth":"dXNlcjpwYXNz","retryType":"exponential","eventTypes":["meeting.started"],)"
                            R"("state":"FAILED","failedCount":3,"domainId":"d-1"})";
    QTest::newRow("secrets out") << full << false
                                 << QByteArray(R"({"eventTypes":["meeting.started"],"retryType":"exponential",)"
                                               R"("url":"https://example.com/hook"})");
    QTest::newRow("secrets in") << full << true
                                << QByteArray(R"({"basicAuth":"dXNlcjpwYXNz","eventTypes":["meeting.started"],)"
                                              R"("hmac":"QUJD","retryType":"exponential",)"
                                              R"("url":"https://example.com/hook"})");
    QTest::newRow("basic auth null: left out")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","hmac":"QUJD","basicAuth":null})") << true
        << QByteArray(R"({"hmac":"QUJD","url":"https://example.com/hook"})");
    QTest::newRow("empty hmac: left out, Daily makes one")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","hmac":""})") << true
        << QByteArray(R"({"url":"https://example.com/hook"})");
    QTest::newRow("no retryType (the older API): left out")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","eventTypes":["meeting.ended"]})") << false
        << QByteArray(R"({"eventTypes":["meeting.ended"],"url":"https://example.com/hook"})");
    QTest::newRow("no event types: left out")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","retryType":"circuit-breaker",)"
                      R"("eventTypes":[]})")
        << false << QByteArray(R"({"retryType":"circuit-breaker","url":"https://example.com/hook"})");
    QTest::newRow("no URL: an empty one, which validate() refuses")
        << QByteArray(R"({"uuid":"u-1"})") << true << QByteArray(R"({"url":""})");
    QTest::newRow("values of the wrong type read as empty")
        << QByteArray(R"({"uuid":"u-1","url":"https://example.com/hook","retryType":5,"eventTypes":[1],"hmac":{}})")
        << true << QByteArray(R"({"url":"https://example.com/hook"})");
}

void tst_WebhookDraft::fromWebhook()
{
    QFETCH(QByteArray, webhook);
    QFETCH(bool, withSecrets);
    QFETCH(QByteArray, draft);

    const WebhookDraft read = WebhookDraft::fromWebhook(Webhook::fromJson(object(webhook)), withSecrets);
    QCOMPARE(read.toJsonBytes(), draft);
    QCOMPARE(read.hasSecrets(), withSecrets && (read.hmac || read.basicAuth));
}

void tst_WebhookDraft::appliedTo()
{
    const Webhook original = Webhook::fromJson(
        object(R"({"uuid":"u-1","url":"https://example.com/hook","hmac":"QUJD","basicAuth":null,)"
               R"("retryType":"circuit-breaker","eventTypes":["meeting.started"],"state":"FAILED","failedCount":3})"));

    // Nothing set: nothing changes.
    QCOMPARE(WebhookDraft().appliedTo(original).toJson(), original.toJson());

    WebhookDraft update;
    update.url = QStringLiteral("https://example.org/new");
    update.eventTypes = QStringList {QStringLiteral("meeting.ended"), QStringLiteral("recording.started")};
    update.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    const Webhook applied = update.appliedTo(original);
    QCOMPARE(applied.url, QStringLiteral("https://example.org/new"));
    QCOMPARE(applied.eventTypes, *update.eventTypes);
    QCOMPARE(applied.basicAuth, QStringLiteral("dXNlcjpwYXNz"));
    // What the draft leaves out stays, Daily's own fields too.
    QCOMPARE(applied.hmac, QStringLiteral("QUJD"));
    QCOMPARE(applied.retryType, QStringLiteral("circuit-breaker"));
    QCOMPARE(applied.uuid, QStringLiteral("u-1"));
    QCOMPARE(applied.state, QStringLiteral("FAILED"));
    QCOMPARE(applied.failedCount, 3.0);
    // A draft read from the applied webhook asks for no change.
    QCOMPARE(WebhookDraft::fromWebhook(applied, true).changedFrom(applied).toJsonBytes(), QByteArrayLiteral("{}"));

    // An empty list or string replaces the value: applying is not validating.
    WebhookDraft clear;
    clear.eventTypes = QStringList();
    clear.hmac = QString();
    const Webhook cleared = clear.appliedTo(original);
    QVERIFY(cleared.eventTypes.isEmpty());
    QVERIFY(cleared.hmac.isEmpty());
    QCOMPARE(cleared.url, original.url);
}

void tst_WebhookDraft::hasSecrets()
{
    QVERIFY(!WebhookDraft().hasSecrets());
    WebhookDraft d = withUrl(kHttpsUrl);
    d.retryType = WebhookDraft::CircuitBreaker;
    d.eventTypes = QStringList {QStringLiteral("meeting.started")};
    QVERIFY(!d.hasSecrets());
    WebhookDraft withHmac = d;
    withHmac.hmac = kSecret;
    QVERIFY(withHmac.hasSecrets());
    WebhookDraft withBasicAuth = d;
    withBasicAuth.basicAuth = QString(); // set, even empty
    QVERIFY(withBasicAuth.hasSecrets());
}

QTEST_GUILESS_MAIN(tst_WebhookDraft)
#include "tst_WebhookDraft.moc"
