// The request log: redaction of headers and bodies and the curl rendering as tables, the shell quoting checked by
// a real bash, the bounded log and its signals, and the log attached to a DailyClient against the sandbox, where no
// rendered entry may show the API key, an HMAC secret or basic auth unless asked to.

#include "CallWaiter.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainTarget.h"
#include "RequestLog.h"
#include "SandboxServer.h"
#include "Signature.h"
#include "WebhookDraft.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QString kUserAgent = QStringLiteral("User-Agent: daily-webhooks/" DW_VERSION);

// Runs `script` in bash with a `curl` that prints its arguments, NUL-separated, instead of sending anything.
std::optional<QStringList> curlArgumentsThroughBash(const QString& command)
{
    const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    if (bash.isEmpty())
        return std::nullopt;
    QProcess process;
    process.start(bash, {QStringLiteral("-c"), QStringLiteral("curl() { printf '%s\\0' \"$@\"; }\n") + command});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        return std::nullopt;
    QStringList arguments = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\0'));
    arguments.removeLast(); // after the last NUL
    return arguments;
}

} // namespace

class tst_RequestLog : public QObject
{
    Q_OBJECT

private slots:
    void redactedBody_data();
    void redactedBody();
    void redactedHeaders_data();
    void redactedHeaders();
    void toCurl_data();
    void toCurl();
    void shellQuoteThroughBash_data();
    void shellQuoteThroughBash();
    void curlCommandThroughBash();
    void boundedWithSignalsInOrder();
    void clear();
    void attachedToAClientAgainstTheSandbox();
};

void tst_RequestLog::redactedBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("create body") << QByteArray(R"({"basicAuth":"dXNlcjpwYXNz","eventTypes":["meeting.started"],)"
                                               R"("hmac":"c2VjcmV0","url":"https://example.com/h"})")
                                 << QByteArray(R"({"basicAuth":"<redacted>","eventTypes":["meeting.started"],)"
                                               R"("hmac":"<redacted>","url":"https://example.com/h"})");
    QTest::newRow("null basicAuth stays null") << QByteArray(R"({"basicAuth":null,"hmac":"c2VjcmV0"})")
                                               << QByteArray(R"({"basicAuth":null,"hmac":"<redacted>"})");
    QTest::newRow("every element of a list") << QByteArray(R"([{"uuid":"a","hmac":"eA=="},{"uuid":"b","hmac":"eQ=="}])")
                                             << QByteArray(R"([{"uuid":"a","hmac":"<redacted>"},)"
                                                           R"({"uuid":"b","hmac":"<redacted>"}])");
    QTest::newRow("nested object") << QByteArray(R"({"webhook":{"hmac":"eA==","state":"ACTIVE"}})")
                                   << QByteArray(R"({"webhook":{"hmac":"<redacted>","state":"ACTIVE"}})");
    QTest::newRow("spacing kept") << QByteArray("{ \"hmac\" :\n \"eA==\" , \"url\" : \"u\" }")
                                  << QByteArray("{ \"hmac\" :\n \"<redacted>\" , \"url\" : \"u\" }");
    QTest::newRow("escaped quote in the secret")
        << QByteArray(R"({"hmac":"a\"b\\","url":"u"})") << QByteArray(R"({"hmac":"<redacted>","url":"u"})");
    QTest::newRow("escaped key name") << QByteArray(R"({"hm\u0061c":"eA=="})")
                                      << QByteArray(R"({"hm\u0061c":"<redacted>"})");
    QTest::newRow("key in capitals") << QByteArray(R"({"HMAC":"eA=="})") << QByteArray(R"({"HMAC":"<redacted>"})");
    QTest::newRow("the key's name inside a value is text")
        << QByteArray(R"({"url":"https://example.com/?q=\"hmac\":\"x\"","info":"hmac"})")
        << QByteArray(R"({"url":"https://example.com/?q=\"hmac\":\"x\"","info":"hmac"})");
    QTest::newRow("number value") << QByteArray(R"({"hmac":12345,"url":"u"})")
                                  << QByteArray(R"({"hmac":"<redacted>","url":"u"})");
    QTest::newRow("object value") << QByteArray(R"({"basicAuth":{"user":"u","password":"p}"},"url":"u"})")
                                  << QByteArray(R"({"basicAuth":"<redacted>","url":"u"})");
    QTest::newRow("no secrets: unchanged") << QByteArray(R"({"url":"https://example.com","eventTypes":["a"]})")
                                           << QByteArray(R"({"url":"https://example.com","eventTypes":["a"]})");
    QTest::newRow("truncated body still hides the secret")
        << QByteArray(R"({"url":"u","hmac":"c2Vj)") << QByteArray(R"({"url":"u","hmac":"<redacted>")");
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void tst_RequestLog::redactedBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QCOMPARE(RequestLog::redactedBody(body), expected);
}

void tst_RequestLog::redactedHeaders_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<bool>("reveal");
    QTest::addColumn<QString>("expected");

    const Headers api {{"Authorization", "Bearer sk_live_123"}, {"Accept", "application/json"}};
    QTest::newRow("API key redacted") << api << false
                                      << QStringLiteral("Authorization: Bearer <API key redacted>\n"
                                                        "Accept: application/json");
    QTest::newRow("API key revealed") << api << true
                                      << QStringLiteral("Authorization: Bearer sk_live_123\nAccept: application/json");
    QTest::newRow("lower-case names") << Headers {{"authorization", "bearer k"}} << false
                                      << QStringLiteral("authorization: bearer <API key redacted>");
    QTest::newRow("basic auth") << Headers {{"Authorization", "Basic dXNlcjpwYXNz"}} << false
                                << QStringLiteral("Authorization: Basic <redacted>");
    QTest::newRow("no scheme") << Headers {{"Authorization", "sk_live_123"}} << false
                               << QStringLiteral("Authorization: <redacted>");
    QTest::newRow("proxy and cookies") << Headers {{"Proxy-Authorization", "Basic cHJveHk6cHc="},
        {"Cookie", "session=abc"},
        {"X-Id", "7"}} << false << QStringLiteral("Proxy-Authorization: Basic <redacted>\nCookie: <redacted>\nX-Id: 7");
    QTest::newRow("signature is not a secret")
        << Headers {{"X-Webhook-Signature", "abc="}} << false << QStringLiteral("X-Webhook-Signature: abc=");
    QTest::newRow("none") << Headers {} << false << QString();
}

void tst_RequestLog::redactedHeaders()
{
    QFETCH(Headers, headers);
    QFETCH(bool, reveal);
    QFETCH(QString, expected);
    QCOMPARE(RequestLog::redactedHeaders(headers, reveal), expected);
}

void tst_RequestLog::toCurl_data()
{
    QTest::addColumn<ApiRequest>("request");
    QTest::addColumn<bool>("reveal");
    QTest::addColumn<QString>("expected");

    const QUrl base(QStringLiteral("https://api.daily.co/v1"));
    const QString key = QStringLiteral("sk_live_123");
    WebhookDraft draft;
    draft.url = QStringLiteral("https://example.com/it's");
    draft.hmac = QStringLiteral("c2VjcmV0");
    const QString head = QStringLiteral("curl -X POST 'https://api.daily.co/v1/webhooks' ");
    const QString headers = QStringLiteral("-H 'Accept: application/json' -H 'Accept-Encoding: identity' -H '")
        + kUserAgent + QStringLiteral("' -H 'Content-Type: application/json' ");

    QTest::newRow("list")
        << ApiRequest::listWebhooks(base, key) << false
        << QStringLiteral("curl -X GET 'https://api.daily.co/v1/webhooks' -H 'Authorization: Bearer "
                          "<API key redacted>' -H 'Accept: application/json' -H 'Accept-Encoding: identity' -H '")
            + kUserAgent + QLatin1Char('\'');
    QTest::newRow("create, quote in the body, redacted")
        << ApiRequest::createWebhook(base, key, draft) << false
        << head + QStringLiteral("-H 'Authorization: Bearer <API key redacted>' ") + headers
            + QStringLiteral("--data-raw '{\"hmac\":\"<redacted>\",\"url\":\"https://example.com/it'\\''s\"}'");
    QTest::newRow("create, revealed") << ApiRequest::createWebhook(base, key, draft) << true
                                      << head + QStringLiteral("-H 'Authorization: Bearer sk_live_123' ") + headers
            + QStringLiteral("--data-raw '{\"hmac\":\"c2VjcmV0\",\"url\":\"https://example.com/it'\\''s\"}'");
    const QUrl quoted(QStringLiteral("http://127.0.0.1:8787/it's/v1"));
    QTest::newRow("delete, quote in the base URL")
        << ApiRequest::deleteWebhook(quoted, QStringLiteral("k"), QStringLiteral("abc")) << false
        << QStringLiteral("curl -X DELETE 'http://127.0.0.1:8787/it'\\''s/v1/webhooks/abc' -H 'Authorization: Bearer "
                          "<API key redacted>' -H 'Accept: application/json' -H 'Accept-Encoding: identity' -H '")
            + kUserAgent + QLatin1Char('\'');
}

void tst_RequestLog::toCurl()
{
    QFETCH(ApiRequest, request);
    QFETCH(bool, reveal);
    QFETCH(QString, expected);
    QCOMPARE(RequestLog::toCurl(request, reveal), expected);
}

void tst_RequestLog::shellQuoteThroughBash_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << QStringLiteral("hello");
    QTest::newRow("empty") << QString();
    QTest::newRow("single quote") << QStringLiteral("it's");
    QTest::newRow("only quotes") << QStringLiteral("'''");
    QTest::newRow("double quotes and backslashes") << QStringLiteral("say \"hi\" \\ \\\\");
    QTest::newRow("expansions stay literal") << QStringLiteral("$HOME ${PATH} `id` $(id) !! *");
    QTest::newRow("newline and tab") << QStringLiteral("a\nb\tc");
    QTest::newRow("non-ASCII") << QStringLiteral("Zürich – 東京");
    QTest::newRow("JSON with a quote") << QStringLiteral("{\"url\":\"https://example.com/it's\"}");
}

void tst_RequestLog::shellQuoteThroughBash()
{
    QFETCH(QString, text);
    const auto arguments = curlArgumentsThroughBash(QStringLiteral("curl ") + RequestLog::shellQuote(text));
    if (!arguments && QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
        QSKIP("bash is not installed");
    QVERIFY(arguments);
    QCOMPARE(*arguments, QStringList {text});
}

void tst_RequestLog::curlCommandThroughBash()
{
    const QUrl base(QStringLiteral("https://api.daily.co/v1"));
    const QString key = QStringLiteral("sk_live_123");
    WebhookDraft draft;
    draft.url = QStringLiteral("https://example.com/it's $HOME");
    draft.basicAuth = QStringLiteral("dXNlcjpwYXNz");
    const ApiRequest request = ApiRequest::createWebhook(base, key, draft);

    const auto arguments = curlArgumentsThroughBash(RequestLog::toCurl(request, false));
    if (!arguments && QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
        QSKIP("bash is not installed");
    QVERIFY(arguments);
    const QStringList expected {QStringLiteral("-X"), QStringLiteral("POST"),
        QStringLiteral("https://api.daily.co/v1/webhooks"), QStringLiteral("-H"),
        QStringLiteral("Authorization: Bearer <API key redacted>"), QStringLiteral("-H"),
        QStringLiteral("Accept: application/json"), QStringLiteral("-H"), QStringLiteral("Accept-Encoding: identity"),
        QStringLiteral("-H"), kUserAgent, QStringLiteral("-H"), QStringLiteral("Content-Type: application/json"),
        QStringLiteral("--data-raw"), QString::fromUtf8(RequestLog::redactedBody(request.body))};
    QCOMPARE(*arguments, expected);
    QVERIFY(expected.constLast().contains(QStringLiteral("it's $HOME")));

    // Revealed, the body bash hands to curl is byte for byte the body that was sent.
    const auto revealed = curlArgumentsThroughBash(RequestLog::toCurl(request, true));
    QVERIFY(revealed);
    QCOMPARE(revealed->constLast().toUtf8(), request.body);
}

void tst_RequestLog::boundedWithSignalsInOrder()
{
    RequestLog log(3);
    QStringList events;
    connect(
        &log, &RequestLog::aboutToDropOldest, this, [&](int n) { events << QStringLiteral("aboutToDrop %1").arg(n); });
    connect(&log, &RequestLog::oldestDropped, this, [&](int n) { events << QStringLiteral("dropped %1").arg(n); });
    connect(&log, &RequestLog::aboutToAddEntry, this,
        [&](int i) { events << QStringLiteral("aboutToAdd %1 (count %2)").arg(i).arg(log.count()); });
    connect(&log, &RequestLog::entryAdded, this,
        [&](int i) { events << QStringLiteral("added %1 (count %2)").arg(i).arg(log.count()); });

    for (int i = 1; i <= 5; ++i) {
        RequestLogEntry entry;
        entry.httpStatus = 200 + i;
        log.append(entry);
    }
    QCOMPARE(log.count(), 3);
    QCOMPARE(log.entries().at(0).sequence, quint64(3));
    QCOMPARE(log.entries().at(2).sequence, quint64(5));
    QCOMPARE(log.entry(2).httpStatus, 205);
    QCOMPARE(events,
        QStringList({QStringLiteral("aboutToAdd 0 (count 0)"), QStringLiteral("added 0 (count 1)"),
            QStringLiteral("aboutToAdd 1 (count 1)"), QStringLiteral("added 1 (count 2)"),
            QStringLiteral("aboutToAdd 2 (count 2)"), QStringLiteral("added 2 (count 3)"),
            QStringLiteral("aboutToDrop 1"), QStringLiteral("dropped 1"), QStringLiteral("aboutToAdd 2 (count 2)"),
            QStringLiteral("added 2 (count 3)"), QStringLiteral("aboutToDrop 1"), QStringLiteral("dropped 1"),
            QStringLiteral("aboutToAdd 2 (count 2)"), QStringLiteral("added 2 (count 3)")}));
}

void tst_RequestLog::clear()
{
    RequestLog log;
    QCOMPARE(log.capacity(), RequestLog::DefaultCapacity);
    log.append(RequestLogEntry());
    int cleared = 0;
    connect(&log, &RequestLog::cleared, this, [&] { ++cleared; });
    log.clear();
    QCOMPARE(cleared, 1);
    QCOMPARE(log.count(), 0);
    log.append(RequestLogEntry());
    QCOMPARE(log.entry(0).sequence, quint64(2)); // sequence numbers never repeat
}

void tst_RequestLog::attachedToAClientAgainstTheSandbox()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    DailyClient client(&manager);

    const QString apiKey = QStringLiteral("rl-key-") + QUuid::createUuid().toString(QUuid::Id128);
    sandbox.addDomain(apiKey, QStringLiteral("acme"));
    const DomainTarget target {
        QStringLiteral("domain-1"), QStringLiteral("acme.daily.co"), sandbox.apiBaseUrl(), apiKey};
    // The same key saved under a second domain: each call still names its own domain, no key decides.
    const DomainTarget twin {QStringLiteral("domain-2"), QStringLiteral("acme twin"), sandbox.apiBaseUrl(), apiKey};
    const DomainTarget stranger {QString(), QString(), sandbox.apiBaseUrl(),
        QStringLiteral("rl-unknown-") + QUuid::createUuid().toString(QUuid::Id128)};
    const QString hmac = Signature::generateSecret();
    const QString basicAuth = WebhookDraft::basicAuthFromCredentials(QStringLiteral("hook"), QStringLiteral("pw-9f1c"));

    RequestLog log;
    log.attach(&client);

    QDateTime started = QDateTime::currentDateTimeUtc().addMSecs(-1);
    WebhookDraft draft;
    draft.url = sandbox.demoEndpointUrl().toString();
    draft.eventTypes = QStringList {QStringLiteral("meeting.started")};
    draft.hmac = hmac;
    draft.basicAuth = basicAuth;
    const auto created = CallWaiter::result(client.createWebhook(target, draft));
    QVERIFY(created && created->webhook);
    const QString uuid = created->webhook->uuid;
    QVERIFY(CallWaiter::result(client.listWebhooks(target)));
    QVERIFY(CallWaiter::result(client.getWebhook(target, uuid)));
    WebhookDraft update;
    update.url = draft.url;
    update.hmac = hmac;
    QVERIFY(CallWaiter::result(client.updateWebhook(target, uuid, update)));
    QVERIFY(CallWaiter::result(client.deleteWebhook(target, uuid)));
    QVERIFY(CallWaiter::result(client.listWebhooks(twin)));
    QVERIFY(CallWaiter::result(client.listWebhooks(stranger)));

    struct Expected
    {
        QString method;
        QString path;
        int status;
        QString errorKind;
    };
    const QList<Expected> expected {
        {QStringLiteral("POST"), QStringLiteral("/v1/webhooks"), 200, QString()},
        {QStringLiteral("GET"), QStringLiteral("/v1/webhooks"), 200, QString()},
        {QStringLiteral("GET"), QStringLiteral("/v1/webhooks/") + uuid, 200, QString()},
        {QStringLiteral("POST"), QStringLiteral("/v1/webhooks/") + uuid, 200, QString()},
        {QStringLiteral("DELETE"), QStringLiteral("/v1/webhooks/") + uuid, 200, QString()},
        {QStringLiteral("GET"), QStringLiteral("/v1/webhooks"), 200, QString()},
        {QStringLiteral("GET"), QStringLiteral("/v1/webhooks"), 401, QStringLiteral("authentication-failed")},
    };
    QCOMPARE(log.count(), expected.size());
    for (int i = 0; i < log.count(); ++i) {
        const RequestLogEntry& e = log.entries().at(i);
        const QByteArray row = "entry " + QByteArray::number(i);
        QVERIFY2(e.method() == expected.at(i).method, row.constData());
        QVERIFY2(e.path() == expected.at(i).path, row.constData());
        QVERIFY2(e.httpStatus == expected.at(i).status, row.constData());
        QVERIFY2(e.errorKind == expected.at(i).errorKind, row.constData());
        QVERIFY2(e.durationMs >= 0, row.constData());
        QVERIFY2(e.at >= started && e.at <= QDateTime::currentDateTimeUtc(), row.constData());
        QVERIFY2(i == 0 || e.at >= log.entries().at(i - 1).at, row.constData());
        const bool known = i < 6;
        const DomainTarget& origin = i < 5 ? target : (i == 5 ? twin : stranger);
        QVERIFY2(e.domainName == origin.name, row.constData());
        QVERIFY2(e.domainId == origin.domainId, row.constData());

        // Nothing a person sees, copies or saves carries a secret unless they asked for it.
        for (const QString& shown : {RequestLog::toText(e), RequestLog::toCurl(e.request)}) {
            QVERIFY2(!shown.contains(apiKey) && !shown.contains(stranger.apiKey), row.constData());
            QVERIFY2(!shown.contains(hmac) && !shown.contains(basicAuth), row.constData());
            QVERIFY2(shown.contains(RequestLog::RedactedApiKey), row.constData());
        }
        const QString revealed = RequestLog::toCurl(e.request, true);
        QVERIFY2(revealed.contains(known ? apiKey : stranger.apiKey), row.constData());
    }
    // The create waited for the sandbox's ping to the demo endpoint, so it cannot have taken no time at all.
    QVERIFY(log.entries().at(0).durationMs > 0);
    const QString createRevealed = RequestLog::toText(log.entries().at(0), true);
    QVERIFY(createRevealed.contains(hmac) && createRevealed.contains(basicAuth) && createRevealed.contains(apiKey));
    QVERIFY(log.entries().at(3).durationMs > 0); // the update pinged too
}

QTEST_GUILESS_MAIN(tst_RequestLog)
#include "tst_RequestLog.moc"
