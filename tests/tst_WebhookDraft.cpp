// What the user sends: validation (every problem at once, each with its field), the request body, the
// changed-fields draft, the basic auth credential and the note about plain http on loopback.

#include "EventCatalog.h"
#include "UrlPolicy.h"
#include "Webhook.h"
#include "WebhookDraft.h"

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

QTEST_GUILESS_MAIN(tst_WebhookDraft)
#include "tst_WebhookDraft.moc"
