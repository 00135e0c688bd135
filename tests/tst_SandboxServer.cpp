// The sandbox seen from the wire: raw HTTP requests, checked byte for byte against Daily's documented behaviour.

#include "ClosedPort.h"
#include "EventCatalog.h"
#include "Limits.h"
#include "RawConnection.h"
#include "ReferenceSignature.h"
#include "SandboxRateLimiter.h"
#include "SandboxServer.h"
#include "SilentServer.h"
#include "Webhook.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray kDemoAuth = QByteArrayLiteral("Bearer sandbox-demo-key");
const QString kSuppliedHmac = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonDocument json;

    QJsonObject object() const { return json.object(); }
    QString error() const { return object().value(QStringLiteral("error")).toString(); }
    QString info() const { return object().value(QStringLiteral("info")).toString(); }
};

QNetworkReply* start(QNetworkAccessManager& manager, const QByteArray& method, const QUrl& url, const QByteArray& body,
    const Headers& headers)
{
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return manager.sendCustomRequest(request, method, body);
}

Reply collect(QNetworkReply* reply)
{
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.contentType = reply->rawHeader(QByteArrayLiteral("Content-Type"));
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body);
    reply->deleteLater();
    return r;
}

// Answers every request with `status`.
std::unique_ptr<QHttpServer> startAnsweringServer(QHttpServerResponder::StatusCode status, quint16* port)
{
    auto server = std::make_unique<QHttpServer>();
    server->setMissingHandler([status](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        responder.write(QByteArrayLiteral("{\"error\":\"nope\"}"), QByteArrayLiteral("application/json"), status);
    });
    *port = server->listen(QHostAddress::LocalHost, 0);
    return server;
}

QUrl localUrl(quint16 port, const QString& path)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// An answer read off a raw socket.
struct RawAnswer
{
    int status = 0; // 0: no answer came
    QByteArray head;
    QByteArray body;
    QByteArray rest; // bytes after the answer: a second answer on the same connection

    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    bool hasField(const QByteArray& field) const
    {
        return head.toLower().contains(QByteArray("\r\n" + field.toLower()));
    }
};

// Waits (running the event loop, which serves the sandbox) for one answer after any 100 Continue.
RawAnswer readAnswer(QTcpSocket& socket, int timeoutMs = 5000)
{
    RawAnswer answer;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        buffer += socket.readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0 && buffer.startsWith("HTTP/1.1 100 ")) {
            buffer.remove(0, end + 4);
            continue;
        }
        if (end >= 0) {
            const QByteArray head = buffer.left(end);
            qsizetype length = 0;
            for (const QByteArray& line : head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() >= end + 4 + length) {
                answer.status = head.mid(9, 3).toInt();
                answer.head = head;
                answer.body = buffer.mid(end + 4, length);
                answer.rest = buffer.mid(end + 4 + length);
                return answer;
            }
        }
        if (socket.state() == QAbstractSocket::UnconnectedState)
            break;
        QTest::qWait(5);
    }
    return answer;
}

} // namespace

class tst_SandboxServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void authErrors_data();
    void authErrors();
    void validation_data();
    void validation();
    void lifecycle();
    void pingIsSignedAndDelivered();
    void suppliedHmacAndBasicAuthAreUsed();
    void pingFailure_data();
    void pingFailure();
    void updatePingFailureChangesNothing();
    void updateUnknownUuid();
    void oneWebhookPerDomain();
    void concurrentCreatesStoreOne();
    void rateLimitBurst();
    void rateLimitFiveSecondWindow();
    void rateLimiterWindows_data();
    void rateLimiterWindows();
    void failedStateIsVisibleAndUpdateReactivates();
    void domainsAreIsolated();
    void unknownEndpoints_data();
    void unknownEndpoints();
    void demoEndpoint();
    void destroyedWhileAPingIsPending();
    void controlEndpoints();
    void reactivationCanKeepTheState();

    // The HTTP front (HttpRequestGate) against hostile clients.
    void refusedFromTheHeadAlone_data();
    void refusedFromTheHeadAlone();
    void bodyCapWithQNetworkAccessManager();
    void chunkedBodyIsRefused();
    void tricklingClientIsDropped();
    void longInputIsNotEchoed_data();
    void longInputIsNotEchoed();
    void oversizedHead_data();
    void oversizedHead();
    void pipelinedRequestIsNotServed();
    void laterRequestOnTheConnectionIsNotServed();
    void keptBodiesAreBounded();

private:
    Reply call(const QByteArray& method, const QString& path, const QByteArray& body = {},
        const QByteArray& authorization = kDemoAuth);
    Reply createDemoWebhook(const QJsonObject& extra = {});

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

void tst_SandboxServer::init()
{
    m_sandbox = std::make_unique<SandboxServer>();
    QVERIFY(m_sandbox->listen(QHostAddress::LocalHost, 0));
    m_manager = std::make_unique<QNetworkAccessManager>();
}

void tst_SandboxServer::cleanup()
{
    m_manager.reset();
    m_sandbox.reset();
}

Reply tst_SandboxServer::call(
    const QByteArray& method, const QString& path, const QByteArray& body, const QByteArray& authorization)
{
    Headers headers;
    if (!authorization.isNull())
        headers.append({QByteArrayLiteral("Authorization"), authorization});
    QNetworkReply* reply = start(*m_manager, method, localUrl(m_sandbox->port(), path), body, headers);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(15000))
        qWarning("no answer to %s %s", method.constData(), qPrintable(path));
    return collect(reply);
}

Reply tst_SandboxServer::createDemoWebhook(const QJsonObject& extra)
{
    QJsonObject body = extra;
    if (!body.contains(QStringLiteral("url")))
        body.insert(QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString());
    return call("POST", QStringLiteral("/v1/webhooks"), compactJson(body));
}

void tst_SandboxServer::authErrors_data()
{
    QTest::addColumn<QByteArray>("authorization"); // a null array sends no header at all
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("info");

    const QString bad = QStringLiteral("bad Authorization header format");
    const QString headerError = QStringLiteral("authorization-header-error");
    const QString authError = QStringLiteral("authentication-error");
    const QString webhooks = QStringLiteral("/v1/webhooks");
    QTest::newRow("no Authorization header") << QByteArray() << webhooks << 400 << headerError << bad;
    QTest::newRow("Basic instead of Bearer")
        << QByteArrayLiteral("Basic c2FuZGJveA==") << webhooks << 400 << headerError << bad;
    QTest::newRow("Bearer without a key") << QByteArrayLiteral("Bearer") << webhooks << 400 << headerError << bad;
    QTest::newRow("key with a space in it")
        << QByteArrayLiteral("Bearer sandbox demo") << webhooks << 400 << headerError << bad;
    QTest::newRow("bare key without scheme")
        << QByteArrayLiteral("sandbox-demo-key") << webhooks << 400 << headerError << bad;
    QTest::newRow("unknown key") << QByteArrayLiteral("Bearer not-a-key") << webhooks << 401 << authError << QString();
    QTest::newRow("unknown key before routing") << QByteArrayLiteral("Bearer not-a-key")
                                                << QStringLiteral("/v1/no-such-thing") << 401 << authError << QString();
    QTest::newRow("missing header before routing")
        << QByteArray() << QStringLiteral("/v1/webhooks/x/y") << 400 << headerError << bad;
    QTest::newRow("scheme is case-insensitive")
        << QByteArrayLiteral("bearer sandbox-demo-key") << webhooks << 200 << QString() << QString();
}

void tst_SandboxServer::authErrors()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, info);

    const Reply reply = call("GET", path, {}, authorization);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.contentType, QByteArrayLiteral("application/json"));
    if (status == 200) {
        QCOMPARE(reply.body, QByteArrayLiteral("[]"));
        return;
    }
    QCOMPARE(reply.error(), error);
    if (!info.isEmpty())
        QCOMPARE(reply.info(), info);
    else
        QVERIFY(!reply.info().isEmpty());
    // The answer never echoes the key that was tried.
    QVERIFY(!reply.body.contains("not-a-key"));
    QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
}

void tst_SandboxServer::validation_data()
{
    QTest::addColumn<QString>("path"); // {uuid} stands for an existing-format uuid
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("info"); // empty: any non-empty info

    const QString create = QStringLiteral("/v1/webhooks");
    const QString update = QStringLiteral("/v1/webhooks/0b4e4c7c-5eaf-46fe-990b-a3752f5684f5");
    const QString invalid = QStringLiteral("invalid-request-error");
    const QString parsing = QStringLiteral("json-parsing-error");
    const QString types = EventCatalog::builtIn().types().join(QStringLiteral(", "));

    QTest::newRow("create: body is not JSON") << create << QByteArrayLiteral("{\"url\":") << parsing << QString();
    QTest::newRow("create: body is a JSON array") << create << QByteArrayLiteral("[]") << parsing << QString();
    QTest::newRow("create: body is a JSON string") << create << QByteArrayLiteral("\"x\"") << parsing << QString();
    QTest::newRow("create: empty body") << create << QByteArray() << invalid << QStringLiteral("\"url\" is required");
    QTest::newRow("create: url missing") << create << QByteArrayLiteral("{\"eventTypes\":[]}") << invalid
                                         << QStringLiteral("\"url\" is required");
    QTest::newRow("create: url is a number")
        << create << QByteArrayLiteral("{\"url\":5}") << invalid << QStringLiteral("\"url\" must be a string");
    QTest::newRow("create: url is null") << create << QByteArrayLiteral("{\"url\":null}") << invalid
                                         << QStringLiteral("\"url\" must be a string");
    QTest::newRow("create: url is empty") << create << QByteArrayLiteral("{\"url\":\"\"}") << invalid
                                          << QStringLiteral("\"url\" is not allowed to be empty");
    QTest::newRow("create: url is relative") << create << QByteArrayLiteral("{\"url\":\"/hook\"}") << invalid
                                             << QStringLiteral("\"url\" must be a valid uri");
    QTest::newRow("create: url is not a URL") << create << QByteArrayLiteral("{\"url\":\"not a url\"}") << invalid
                                              << QStringLiteral("\"url\" must be a valid uri");
    QTest::newRow("create: url has an ftp scheme")
        << create << QByteArrayLiteral("{\"url\":\"ftp://example.com/hook\"}") << invalid
        << QStringLiteral("\"url\" must be a valid uri");
    QTest::newRow("create: url has no host") << create << QByteArrayLiteral("{\"url\":\"https:///hook\"}") << invalid
                                             << QStringLiteral("\"url\" must be a valid uri");
    QTest::newRow("create: retryType outside the enum")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"retryType\":\"linear\"}") << invalid
        << QStringLiteral("\"retryType\" must be one of [circuit-breaker, exponential]");
    QTest::newRow("create: retryType is a number")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"retryType\":1}") << invalid
        << QStringLiteral("\"retryType\" must be one of [circuit-breaker, exponential]");
    QTest::newRow("create: eventTypes is a string")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"eventTypes\":\"meeting.started\"}")
        << invalid << QStringLiteral("\"eventTypes\" must be an array");
    QTest::newRow("create: eventTypes item is a number")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"eventTypes\":[7]}") << invalid
        << QStringLiteral("\"eventTypes[0]\" must be a string");
    QTest::newRow("create: unknown event type names it")
        << create
        << QByteArrayLiteral(
               "{\"url\":\"https://example.com/h\",\"eventTypes\":[\"meeting.started\",\"meeting.strated\"]}")
        << invalid << QStringLiteral("\"eventTypes[1]\" must be one of [%1], received \"meeting.strated\"").arg(types);
    QTest::newRow("create: hmac is not base64")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"hmac\":\"whsec_abc123\"}") << invalid
        << QStringLiteral("\"hmac\" must be a valid base64 string");
    QTest::newRow("create: hmac lacks padding")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"hmac\":\"YWJj ZA\"}") << invalid
        << QStringLiteral("\"hmac\" must be a valid base64 string");
    QTest::newRow("create: hmac is a number")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"hmac\":12}") << invalid
        << QStringLiteral("\"hmac\" must be a string");
    QTest::newRow("create: basicAuth is a boolean")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"basicAuth\":true}") << invalid
        << QStringLiteral("\"basicAuth\" must be a string");
    QTest::newRow("create: basicAuth is empty")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"basicAuth\":\"\"}") << invalid
        << QStringLiteral("\"basicAuth\" is not allowed to be empty");
    QTest::newRow("create: unknown field")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"scope\":\"domain\"}") << invalid
        << QStringLiteral("\"scope\" is not allowed");
    QTest::newRow("create: field names are case-sensitive")
        << create << QByteArrayLiteral("{\"url\":\"https://example.com/h\",\"event_types\":[]}") << invalid
        << QStringLiteral("\"event_types\" is not allowed");
    QTest::newRow("update: body is not JSON") << update << QByteArrayLiteral("nope") << parsing << QString();
    QTest::newRow("update: url is relative") << update << QByteArrayLiteral("{\"url\":\"hook\"}") << invalid
                                             << QStringLiteral("\"url\" must be a valid uri");
    QTest::newRow("update: retryType outside the enum")
        << update << QByteArrayLiteral("{\"retryType\":\"never\"}") << invalid
        << QStringLiteral("\"retryType\" must be one of [circuit-breaker, exponential]");
    QTest::newRow("update: unknown field") << update << QByteArrayLiteral("{\"state\":\"ACTIVE\"}") << invalid
                                           << QStringLiteral("\"state\" is not allowed");
}

void tst_SandboxServer::validation()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QFETCH(QString, info);

    const Reply reply = call("POST", path, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(reply.error(), error);
    if (info.isEmpty())
        QVERIFY(!reply.info().isEmpty());
    else
        QCOMPARE(reply.info(), info);
    // Rejected before the ping: nothing was sent anywhere and nothing stored.
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
    QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
}

void tst_SandboxServer::lifecycle()
{
    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);
    const QString url = m_sandbox->demoEndpointUrl().toString();

    const Reply created = createDemoWebhook({{QStringLiteral("eventTypes"),
        QJsonArray {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")}}});
    QCOMPARE(created.status, 200);
    QCOMPARE(created.contentType, QByteArrayLiteral("application/json"));
    QVERIFY2(!created.body.contains('\n') && !created.body.contains(": "), "the answer is compact JSON");
    const QJsonObject webhook = created.object();

    QStringList keys = webhook.keys();
    keys.sort();
    QCOMPARE(keys,
        (QStringList {QStringLiteral("basicAuth"), QStringLiteral("createdAt"), QStringLiteral("domainId"),
            QStringLiteral("eventTypes"), QStringLiteral("failedCount"), QStringLiteral("hmac"),
            QStringLiteral("lastMomentPushed"), QStringLiteral("retryType"), QStringLiteral("state"),
            QStringLiteral("updatedAt"), QStringLiteral("url"), QStringLiteral("uuid")}));
    const QRegularExpression uuidPattern(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    const QRegularExpression isoPattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000Z$"));
    const QString uuid = webhook.value(QStringLiteral("uuid")).toString();
    QVERIFY2(uuidPattern.match(uuid).hasMatch(), qPrintable(uuid));
    QVERIFY(uuidPattern.match(webhook.value(QStringLiteral("domainId")).toString()).hasMatch());
    QCOMPARE(webhook.value(QStringLiteral("url")).toString(), url);
    const QString hmac = webhook.value(QStringLiteral("hmac")).toString();
    QVERIFY2(ReferenceSignature::isBase64Of(hmac, 32), "the provisioned secret is base64 of 32 bytes");
    QVERIFY(webhook.value(QStringLiteral("basicAuth")).isNull());
    QCOMPARE(webhook.value(QStringLiteral("retryType")).toString(), QStringLiteral("circuit-breaker"));
    QCOMPARE(webhook.value(QStringLiteral("eventTypes")).toArray(),
        (QJsonArray {QStringLiteral("meeting.started"), QStringLiteral("meeting.ended")}));
    QCOMPARE(webhook.value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
    QVERIFY(webhook.value(QStringLiteral("failedCount")).isDouble());
    QCOMPARE(webhook.value(QStringLiteral("failedCount")).toInt(-1), 0);
    QVERIFY(webhook.value(QStringLiteral("lastMomentPushed")).isNull());
    const QString createdAt = webhook.value(QStringLiteral("createdAt")).toString();
    QVERIFY2(isoPattern.match(createdAt).hasMatch(), qPrintable(createdAt));
    QCOMPARE(webhook.value(QStringLiteral("updatedAt")).toString(), createdAt);
    const QDateTime createdTime = QDateTime::fromString(createdAt, Qt::ISODateWithMs);
    QVERIFY(qAbs(createdTime.secsTo(QDateTime::currentDateTimeUtc())) < 60);

    const Reply list = call("GET", QStringLiteral("/v1/webhooks"));
    QCOMPARE(list.status, 200);
    QVERIFY(list.json.isArray());
    QCOMPARE(list.json.array(), QJsonArray {webhook});

    const QString itemPath = QStringLiteral("/v1/webhooks/") + uuid;
    const Reply got = call("GET", itemPath);
    QCOMPARE(got.status, 200);
    QVERIFY2(got.json.isObject(), "GET /webhooks/:uuid answers the object");
    QCOMPARE(got.object(), webhook);

    const Reply updated = call("POST", itemPath, QByteArrayLiteral("{\"retryType\":\"exponential\"}"));
    QCOMPARE(updated.status, 200);
    QJsonObject expected = webhook;
    expected.insert(QStringLiteral("retryType"), QStringLiteral("exponential"));
    expected.insert(QStringLiteral("updatedAt"), updated.object().value(QStringLiteral("updatedAt")));
    QCOMPARE(updated.object(), expected);
    const QString updatedAt = updated.object().value(QStringLiteral("updatedAt")).toString();
    QVERIFY(isoPattern.match(updatedAt).hasMatch());
    QVERIFY(QDateTime::fromString(updatedAt, Qt::ISODateWithMs) >= createdTime);

    const Reply retyped
        = call("POST", itemPath, QByteArrayLiteral("{\"eventTypes\":[\"recording.ready-to-download\"]}"));
    QCOMPARE(retyped.status, 200);
    QCOMPARE(retyped.object().value(QStringLiteral("eventTypes")).toArray(),
        QJsonArray {QStringLiteral("recording.ready-to-download")});
    QCOMPARE(retyped.object().value(QStringLiteral("retryType")).toString(), QStringLiteral("exponential"));
    QCOMPARE(retyped.object().value(QStringLiteral("hmac")).toString(), hmac);
    QCOMPARE(retyped.object().value(QStringLiteral("url")).toString(), url);
    QCOMPARE(m_sandbox->demoDeliveries().size(), 3); // one ping per create and per update

    const Reply deleted = call("DELETE", itemPath);
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.body, QByteArrayLiteral("{\"deleted\":true,\"uuid\":\"") + uuid.toLatin1() + "\"}");

    const Reply empty = call("GET", QStringLiteral("/v1/webhooks"));
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.body, QByteArrayLiteral("[]"));

    const QString notFound = QStringLiteral("webhook %1 not found").arg(uuid);
    for (const QByteArray& method : {QByteArrayLiteral("GET"), QByteArrayLiteral("DELETE")}) {
        const Reply gone = call(method, itemPath);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.error(), QStringLiteral("not-found"));
        QCOMPARE(gone.info(), notFound);
    }

    const QList<int> statuses {200, 200, 200, 200, 200, 200, 200, 404, 404};
    QCOMPARE(handled.size(), statuses.size());
    for (int i = 0; i < statuses.size(); ++i)
        QCOMPARE(handled.at(i).at(2).toInt(), statuses.at(i));
    QCOMPARE(handled.first().at(0).toByteArray(), QByteArrayLiteral("POST"));
    QCOMPARE(handled.first().at(1).toString(), QStringLiteral("/v1/webhooks"));
    QCOMPARE(handled.at(6).at(0).toByteArray(), QByteArrayLiteral("GET"));
    QCOMPARE(handled.at(5).at(1).toString(), itemPath);
    QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 9);
}

void tst_SandboxServer::pingIsSignedAndDelivered()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const Reply created = createDemoWebhook();
    QCOMPARE(created.status, 200);
    const QString hmac = created.object().value(QStringLiteral("hmac")).toString();

    const QList<SandboxServer::DemoDelivery> deliveries = m_sandbox->demoDeliveries();
    QCOMPARE(deliveries.size(), 1);
    const SandboxServer::DemoDelivery& ping = deliveries.first();
    QCOMPARE(ping.path, QStringLiteral("/demo/webhook"));
    QCOMPARE(ping.body, QByteArrayLiteral("{\"test\":\"test\"}"));
    QCOMPARE(ping.header("content-type"), QByteArrayLiteral("application/json"));
    QCOMPARE(ping.header("User-Agent"), QByteArrayLiteral("daily-webhooks-sandbox"));
    QVERIFY(ping.header("Authorization").isEmpty());
    const QByteArray timestamp = ping.header("X-Webhook-Timestamp");
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{13}$")).match(QString::fromLatin1(timestamp)).hasMatch(),
        timestamp.constData());
    QVERIFY(timestamp.toLongLong() >= before);
    QVERIFY(timestamp.toLongLong() <= QDateTime::currentMSecsSinceEpoch());
    // Checked against Daily's algorithm computed here, not with the code that signed it.
    QVERIFY(ReferenceSignature::matchesTheFixedVectors());
    QCOMPARE(ping.header("X-Webhook-Signature"), ReferenceSignature::of(hmac, timestamp, ping.body));
    QVERIFY(ping.header("X-Webhook-Signature") != ReferenceSignature::of(kSuppliedHmac, timestamp, ping.body));
}

void tst_SandboxServer::suppliedHmacAndBasicAuthAreUsed()
{
    const QString basicAuth = QStringLiteral("dXNlcjpwYXNzd29yZA==");
    const Reply created = createDemoWebhook({{QStringLiteral("hmac"), kSuppliedHmac},
        {QStringLiteral("basicAuth"), basicAuth}, {QStringLiteral("retryType"), QStringLiteral("exponential")}});
    QCOMPARE(created.status, 200);
    QCOMPARE(created.object().value(QStringLiteral("hmac")).toString(), kSuppliedHmac);
    QCOMPARE(created.object().value(QStringLiteral("basicAuth")).toString(), basicAuth);
    QCOMPARE(created.object().value(QStringLiteral("retryType")).toString(), QStringLiteral("exponential"));
    QCOMPARE(created.object().value(QStringLiteral("eventTypes")).toArray(), QJsonArray());

    const SandboxServer::DemoDelivery ping = m_sandbox->demoDeliveries().constFirst();
    QCOMPARE(ping.header("Authorization"), QByteArrayLiteral("Basic ") + basicAuth.toLatin1());
    QCOMPARE(ping.header("X-Webhook-Signature"),
        ReferenceSignature::of(kSuppliedHmac, ping.header("X-Webhook-Timestamp"), ping.body));

    // A new hmac sent with an update signs that update's ping.
    const QString rotated = QString::fromLatin1(QByteArray(32, '\x5a').toBase64());
    const QString uuid = created.object().value(QStringLiteral("uuid")).toString();
    const Reply updated
        = call("POST", QStringLiteral("/v1/webhooks/") + uuid, compactJson({{QStringLiteral("hmac"), rotated}}));
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.object().value(QStringLiteral("hmac")).toString(), rotated);
    const SandboxServer::DemoDelivery second = m_sandbox->demoDeliveries().constLast();
    QCOMPARE(second.header("X-Webhook-Signature"),
        ReferenceSignature::of(rotated, second.header("X-Webhook-Timestamp"), second.body));
}

void tst_SandboxServer::pingFailure_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("received");

    QTest::newRow("target answers 500") << QStringLiteral("500") << QStringLiteral("500");
    QTest::newRow("target answers 201, which is not 200") << QStringLiteral("201") << QStringLiteral("201");
    QTest::newRow("target redirects") << QStringLiteral("302") << QStringLiteral("302");
    QTest::newRow("demo endpoint set to 404") << QStringLiteral("demo-404") << QStringLiteral("404");
    QTest::newRow("target hangs past the ping timeout") << QStringLiteral("hang") << QStringLiteral("undefined");
    QTest::newRow("connection refused") << QStringLiteral("refused") << QStringLiteral("undefined");
}

void tst_SandboxServer::pingFailure()
{
    QFETCH(QString, target);
    QFETCH(QString, received);

    std::unique_ptr<QHttpServer> answering;
    SilentServer silent;
    QUrl url;
    quint16 port = 0;
    if (target == QLatin1String("hang")) {
        QVERIFY(silent.listen());
        url = localUrl(silent.serverPort(), QStringLiteral("/hook"));
        m_sandbox->setPingTimeoutMs(300);
    } else if (target == QLatin1String("refused")) {
        port = ClosedPort::pick();
        QVERIFY(port != 0);
        url = localUrl(port, QStringLiteral("/hook"));
    } else if (target == QLatin1String("demo-404")) {
        m_sandbox->setDemoEndpointStatus(404);
        url = m_sandbox->demoEndpointUrl();
    } else {
        answering = startAnsweringServer(static_cast<QHttpServerResponder::StatusCode>(target.toInt()), &port);
        QVERIFY(port != 0);
        url = localUrl(port, QStringLiteral("/hook"));
    }

    QElapsedTimer clock;
    clock.start();
    const Reply reply
        = call("POST", QStringLiteral("/v1/webhooks"), compactJson({{QStringLiteral("url"), url.toString()}}));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.error(), QStringLiteral("invalid-request-error"));
    QCOMPARE(reply.info(), QStringLiteral("non-200 status code returned from webhook endpoint, recvd ") + received);
    if (target == QLatin1String("hang"))
        QVERIFY2(clock.elapsed() < 5000, "the ping timeout, not the client, ended the wait");

    QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey()));
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).body, QByteArrayLiteral("[]"));
}

void tst_SandboxServer::updatePingFailureChangesNothing()
{
    const Reply created = createDemoWebhook();
    QCOMPARE(created.status, 200);
    const QString uuid = created.object().value(QStringLiteral("uuid")).toString();
    quint16 port = 0;
    auto failing = startAnsweringServer(QHttpServerResponder::StatusCode::ServiceUnavailable, &port);
    QVERIFY(port != 0);

    const Reply updated = call("POST", QStringLiteral("/v1/webhooks/") + uuid,
        compactJson({{QStringLiteral("url"), localUrl(port, QStringLiteral("/x")).toString()},
            {QStringLiteral("retryType"), QStringLiteral("exponential")}}));
    QCOMPARE(updated.status, 400);
    QCOMPARE(updated.info(), QStringLiteral("non-200 status code returned from webhook endpoint, recvd 503"));
    const Reply got = call("GET", QStringLiteral("/v1/webhooks/") + uuid);
    QCOMPARE(got.object(), created.object());
}

void tst_SandboxServer::updateUnknownUuid()
{
    const QString uuid = QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5");
    const Reply reply = call("POST", QStringLiteral("/v1/webhooks/") + uuid, QByteArrayLiteral("{}"));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.body,
        QByteArrayLiteral("{\"error\":\"not-found\",\"info\":\"webhook ") + uuid.toLatin1()
            + QByteArrayLiteral(" not found\"}"));
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
}

void tst_SandboxServer::oneWebhookPerDomain()
{
    QCOMPARE(createDemoWebhook().status, 200);
    const Reply second
        = createDemoWebhook({{QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("meeting.ended")}}});
    QCOMPARE(second.status, 400);
    QCOMPARE(second.error(), QStringLiteral("invalid-request-error"));
    QCOMPARE(second.info(), QStringLiteral("a domain may only have one webhook; update or delete the existing one"));
    QCOMPARE(m_sandbox->demoDeliveries().size(), 1); // refused before pinging
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).json.array().size(), 1);
}

void tst_SandboxServer::concurrentCreatesStoreOne()
{
    // Both pass the one-per-domain check before either ping has answered; only one may be stored.
    const QByteArray body = compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}});
    const Headers headers {{QByteArrayLiteral("Authorization"), kDemoAuth}};
    const QUrl url = localUrl(m_sandbox->port(), QStringLiteral("/v1/webhooks"));
    QNetworkReply* first = start(*m_manager, "POST", url, body, headers);
    QNetworkReply* second = start(*m_manager, "POST", url, body, headers);
    QTRY_VERIFY_WITH_TIMEOUT(first->isFinished() && second->isFinished(), 15000);
    QList<int> statuses {collect(first).status, collect(second).status};
    std::sort(statuses.begin(), statuses.end());
    QCOMPARE(statuses, (QList<int> {200, 400}));
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).json.array().size(), 1);
}

void tst_SandboxServer::rateLimitBurst()
{
    const int burst = 25;
    QList<QNetworkReply*> replies;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < burst; ++i) {
        replies.append(start(*m_manager, "GET", localUrl(m_sandbox->port(), QStringLiteral("/v1/webhooks")), {},
            {{QByteArrayLiteral("Authorization"), kDemoAuth}}));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](const QNetworkReply* r) { return r->isFinished(); }), 15000);
    const qint64 elapsed = clock.elapsed();

    int ok = 0;
    int limited = 0;
    for (QNetworkReply* r : replies) {
        const Reply reply = collect(r);
        if (reply.status == 200) {
            ++ok;
        } else {
            QCOMPARE(reply.status, 429);
            QCOMPARE(reply.error(), QStringLiteral("rate-limit-error"));
            QVERIFY(!reply.info().isEmpty());
            ++limited;
        }
    }
    const QString key = SandboxServer::demoApiKey();
    QCOMPARE(ok + limited, burst);
    QCOMPARE(m_sandbox->requestCount(key), burst);
    QCOMPARE(m_sandbox->rateLimitedCount(key), limited);
    QVERIFY(m_sandbox->peakRequestsPerSecond(key) <= 20);
    QVERIFY(m_sandbox->peakRequestsPerSecond(key) >= 1);
    // Within one second at most 20 get through; a machine too slow to send 25 in a second may see fewer 429s.
    if (elapsed < 1000)
        QCOMPARE(limited, burst - 20);
    else
        QVERIFY(ok <= 20 * int(elapsed / 1000 + 1));

    // Limits apply per key: another domain is not affected.
    m_sandbox->addDomain(QStringLiteral("second-key"));
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks"), {}, QByteArrayLiteral("Bearer second-key")).status, 200);
}

void tst_SandboxServer::rateLimitFiveSecondWindow()
{
    m_sandbox->setRateLimit(0, 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).status, 200);
    const Reply limited = call("GET", QStringLiteral("/v1/webhooks"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.error(), QStringLiteral("rate-limit-error"));
    QCOMPARE(m_sandbox->rateLimitedCount(SandboxServer::demoApiKey()), 1);

    m_sandbox->setRateLimit(0, 0);
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).status, 200);
}

void tst_SandboxServer::rateLimiterWindows_data()
{
    QTest::addColumn<int>("perSecond");
    QTest::addColumn<int>("perFiveSeconds");
    QTest::addColumn<QList<qint64>>("arrivals"); // milliseconds
    QTest::addColumn<QList<bool>>("accepted");
    QTest::addColumn<int>("peak");

    QTest::newRow("third request within a second is refused")
        << 2 << 0 << QList<qint64> {0, 10, 20} << QList<bool> {true, true, false} << 2;
    QTest::newRow("the window slides: one second later it is free")
        << 2 << 0 << QList<qint64> {0, 10, 999, 1000, 1010} << QList<bool> {true, true, false, true, true} << 2;
    QTest::newRow("refused requests do not fill the window")
        << 1 << 0 << QList<qint64> {0, 500, 900, 1000} << QList<bool> {true, false, false, true} << 1;
    QTest::newRow("five-second window") << 0 << 3 << QList<qint64> {0, 1000, 2000, 3000, 4999, 5000}
                                        << QList<bool> {true, true, true, false, false, true} << 1;
    QTest::newRow("one-second edge: a request exactly one second old has left")
        << 1 << 0 << QList<qint64> {0, 999, 1000} << QList<bool> {true, false, true} << 1;
    QTest::newRow("five-second edge: a request exactly five seconds old has left")
        << 0 << 1 << QList<qint64> {0, 4999, 5000} << QList<bool> {true, false, true} << 1;
    QTest::newRow("five-second edge with two: each leaves exactly five seconds after it arrived")
        << 0 << 2 << QList<qint64> {0, 10, 4999, 5000, 5009, 5010, 5011}
        << QList<bool> {true, true, false, true, false, true, false} << 2;
    QTest::newRow("both windows: Daily's 20 and 100 per 5 s, first limit hit") << 20 << 100 << QList<qint64>(21, 0) <<
        [] {
            QList<bool> expected(21, true);
            expected.last() = false;
            return expected;
        }() << 20;
    QTest::newRow("disabled") << 0 << 0 << QList<qint64>(30, 0) << QList<bool>(30, true) << 30;
}

void tst_SandboxServer::rateLimiterWindows()
{
    QFETCH(int, perSecond);
    QFETCH(int, perFiveSeconds);
    QFETCH(QList<qint64>, arrivals);
    QFETCH(QList<bool>, accepted);
    QFETCH(int, peak);

    SandboxRateLimiter limiter;
    limiter.setLimits(perSecond, perFiveSeconds);
    QList<bool> actual;
    for (qint64 at : arrivals)
        actual.append(limiter.tryAccept(at));
    QCOMPARE(actual, accepted);
    QCOMPARE(limiter.peakPerSecond(), peak);
}

void tst_SandboxServer::failedStateIsVisibleAndUpdateReactivates()
{
    const Reply created = createDemoWebhook();
    QCOMPARE(created.status, 200);
    const QString uuid = created.object().value(QStringLiteral("uuid")).toString();
    const QString itemPath = QStringLiteral("/v1/webhooks/") + uuid;

    QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
    QVERIFY(!m_sandbox->setWebhookState(QStringLiteral("no-such-uuid"), QStringLiteral("FAILED"), 3));
    const Reply failed = call("GET", itemPath);
    QCOMPARE(failed.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(failed.object().value(QStringLiteral("failedCount")).toInt(), 3);
    QVERIFY(!m_sandbox->webhookOf(SandboxServer::demoApiKey())->isDelivering());

    // Reactivation as Daily documents it: an update with the same url, verified by a fresh ping.
    const Reply reactivated
        = call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}));
    QCOMPARE(reactivated.status, 200);
    QCOMPARE(reactivated.object().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
    QCOMPARE(reactivated.object().value(QStringLiteral("failedCount")).toInt(-1), 0);
    QCOMPARE(m_sandbox->demoDeliveries().size(), 2);

    // Told to, the sandbox answers a reactivation 200 and leaves the webhook as it was.
    QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 4));
    m_sandbox->setReactivationKeepsState(true);
    const Reply kept
        = call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}));
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(kept.object().value(QStringLiteral("failedCount")).toInt(-1), 4);
    QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->state, QStringLiteral("FAILED"));
    QCOMPARE(m_sandbox->demoDeliveries().size(), 3); // the ping went out and passed
    m_sandbox->setReactivationKeepsState(false);
    QCOMPARE(call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}))
                 .object()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("ACTIVE"));
}

void tst_SandboxServer::domainsAreIsolated()
{
    const QString otherKey = QStringLiteral("other-domain-key");
    const QString otherDomain = m_sandbox->addDomain(otherKey, QStringLiteral("Other"));
    QCOMPARE(m_sandbox->addDomain(otherKey), otherDomain);
    const QByteArray otherAuth = QByteArrayLiteral("Bearer ") + otherKey.toLatin1();

    const Reply mine = createDemoWebhook();
    QCOMPARE(mine.status, 200);
    const QString myUuid = mine.object().value(QStringLiteral("uuid")).toString();

    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks"), {}, otherAuth).body, QByteArrayLiteral("[]"));
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks/") + myUuid, {}, otherAuth).status, 404);
    QCOMPARE(call("DELETE", QStringLiteral("/v1/webhooks/") + myUuid, {}, otherAuth).status, 404);
    QCOMPARE(call("POST", QStringLiteral("/v1/webhooks/") + myUuid, QByteArrayLiteral("{}"), otherAuth).status, 404);

    // One webhook per domain, not per sandbox.
    const Reply theirs = call("POST", QStringLiteral("/v1/webhooks"),
        compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}), otherAuth);
    QCOMPARE(theirs.status, 200);
    QCOMPARE(theirs.object().value(QStringLiteral("domainId")).toString(), otherDomain);
    QVERIFY(mine.object().value(QStringLiteral("domainId")).toString() != otherDomain);
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).json.array().first().toObject().value(QStringLiteral("uuid")),
        QJsonValue(myUuid));
    QCOMPARE(m_sandbox->requestCount(otherKey), 5);

    QVERIFY(m_sandbox->removeDomain(otherKey));
    QVERIFY(!m_sandbox->removeDomain(otherKey));
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks"), {}, otherAuth).status, 401);
}

void tst_SandboxServer::unknownEndpoints_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("api");

    QTest::newRow("another API resource") << QByteArrayLiteral("GET") << QStringLiteral("/v1/rooms") << true;
    QTest::newRow("PATCH is not Daily's update")
        << QByteArrayLiteral("PATCH") << QStringLiteral("/v1/webhooks/abc") << true;
    QTest::newRow("PUT on the collection") << QByteArrayLiteral("PUT") << QStringLiteral("/v1/webhooks") << true;
    QTest::newRow("DELETE on the collection") << QByteArrayLiteral("DELETE") << QStringLiteral("/v1/webhooks") << true;
    QTest::newRow("too deep") << QByteArrayLiteral("GET") << QStringLiteral("/v1/webhooks/a/b") << true;
    QTest::newRow("outside the API") << QByteArrayLiteral("GET") << QStringLiteral("/favicon.ico") << false;
}

void tst_SandboxServer::unknownEndpoints()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(bool, api);

    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);
    const Reply reply = call(method, path);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(reply.error(), QStringLiteral("not-found"));
    QVERIFY(!reply.info().isEmpty());
    QCOMPARE(handled.size(), api ? 1 : 0);
    if (api) {
        QCOMPARE(handled.first().at(0).toByteArray(), method);
        QCOMPARE(handled.first().at(1).toString(), path);
        QCOMPARE(handled.first().at(2).toInt(), 404);
    }
}

void tst_SandboxServer::demoEndpoint()
{
    QCOMPARE(m_sandbox->demoEndpointUrl(), localUrl(m_sandbox->port(), QStringLiteral("/demo/webhook")));
    QCOMPARE(m_sandbox->apiBaseUrl(), localUrl(m_sandbox->port(), QStringLiteral("/v1")));

    const Reply ok = call(
        "POST", QStringLiteral("/demo/webhook"), QByteArrayLiteral("{\"type\":\"meeting.started\"}"), QByteArray());
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArrayLiteral("{\"ok\":true}"));

    m_sandbox->setDemoEndpointStatus(503);
    const Reply down = call("POST", QStringLiteral("/demo/other"), QByteArrayLiteral("{}"), QByteArray());
    QCOMPARE(down.status, 503);

    const QList<SandboxServer::DemoDelivery> deliveries = m_sandbox->demoDeliveries();
    QCOMPARE(deliveries.size(), 2);
    QCOMPARE(deliveries.at(0).body, QByteArrayLiteral("{\"type\":\"meeting.started\"}"));
    QCOMPARE(deliveries.at(1).path, QStringLiteral("/demo/other"));
    QVERIFY(deliveries.at(0).receivedAt.isValid());
    m_sandbox->clearDemoDeliveries();
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
    QVERIFY(m_sandbox->receivedRequests().isEmpty());
}

void tst_SandboxServer::destroyedWhileAPingIsPending()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    QNetworkReply* reply = start(*m_manager, "POST", localUrl(m_sandbox->port(), QStringLiteral("/v1/webhooks")),
        compactJson({{QStringLiteral("url"), localUrl(silent.serverPort(), {}).toString()}}),
        {{QByteArrayLiteral("Authorization"), kDemoAuth}});
    QTRY_VERIFY_WITH_TIMEOUT(silent.connectionCount() > 0, 10000);

    // An app quitting mid-create: the pending ping and the waiting request go away without a crash or an answer.
    m_sandbox.reset();
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(collect(reply).status, 0);
}

QTEST_GUILESS_MAIN(tst_SandboxServer)

void tst_SandboxServer::controlEndpoints()
{
    const Reply created = createDemoWebhook();
    QCOMPARE(created.status, 200);
    const QString uuid = created.object().value(QStringLiteral("uuid")).toString();

    // What Daily's circuit breaker does, on request: FAILED with 3 failures by default.
    const Reply failed = call("POST", QStringLiteral("/sandbox/webhooks/%1/state").arg(uuid),
        QByteArrayLiteral("{\"state\":\"FAILED\"}"), QByteArray());
    QCOMPARE(failed.status, 200);
    const Reply got = call("GET", QStringLiteral("/v1/webhooks/%1").arg(uuid));
    QCOMPARE(got.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(got.object().value(QStringLiteral("failedCount")).toInt(), 3);

    // The demo endpoint can be made to fail, so a reactivation fails too, then succeeds again.
    QCOMPARE(call("POST", QStringLiteral("/sandbox/demo-endpoint"), QByteArrayLiteral("{\"status\":503}"), QByteArray())
                 .status,
        200);
    const QByteArray reactivate
        = compactJson(QJsonObject {{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}});
    QCOMPARE(call("POST", QStringLiteral("/v1/webhooks/%1").arg(uuid), reactivate).status, 400);
    QCOMPARE(call("POST", QStringLiteral("/sandbox/demo-endpoint"), QByteArrayLiteral("{\"status\":200}"), QByteArray())
                 .status,
        200);
    const Reply back = call("POST", QStringLiteral("/v1/webhooks/%1").arg(uuid), reactivate);
    QCOMPARE(back.status, 200);
    QCOMPARE(back.object().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));

    // A reactivation Daily answers 200 while the webhook stays FAILED, on request.
    QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 3));
    QCOMPARE(
        call("POST", QStringLiteral("/sandbox/reactivation"), QByteArrayLiteral("{\"keepsState\":true}"), QByteArray())
            .status,
        200);
    const Reply kept = call("POST", QStringLiteral("/v1/webhooks/%1").arg(uuid), reactivate);
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(call("POST", QStringLiteral("/sandbox/reactivation"), QByteArrayLiteral("{\"keepsState\":\"no\"}"),
                 QByteArray())
                 .status,
        400);

    // Mistakes get Daily-style errors.
    QCOMPARE(call("POST", QStringLiteral("/sandbox/webhooks/nope/state"), QByteArrayLiteral("{\"state\":\"FAILED\"}"),
                 QByteArray())
                 .status,
        404);
    QCOMPARE(call("POST", QStringLiteral("/sandbox/webhooks/%1/state").arg(uuid), QByteArrayLiteral("{}"), QByteArray())
                 .status,
        400);
    QCOMPARE(call("GET", QStringLiteral("/sandbox/demo-endpoint"), {}, QByteArray()).status, 404);
}

void tst_SandboxServer::reactivationCanKeepTheState()
{
    const Reply created = createDemoWebhook();
    QCOMPARE(created.status, 200);
    const QString uuid = created.object().value(QStringLiteral("uuid")).toString();
    const QString itemPath = QStringLiteral("/v1/webhooks/") + uuid;
    QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 4));

    // Through the control: the update is verified and applied, answered 200, and the webhook stays FAILED.
    const Reply control = call(
        "POST", QStringLiteral("/sandbox/reactivation"), QByteArrayLiteral("{\"keepsState\":true}"), QByteArray());
    QCOMPARE(control.status, 200);
    QCOMPARE(control.object(), (QJsonObject {{QStringLiteral("keepsState"), true}}));
    const Reply kept = call("POST", itemPath,
        compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()},
            {QStringLiteral("retryType"), QStringLiteral("exponential")}}));
    QCOMPARE(kept.status, 200);
    QCOMPARE(kept.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(kept.object().value(QStringLiteral("failedCount")).toInt(), 4);
    QCOMPARE(kept.object().value(QStringLiteral("retryType")).toString(), QStringLiteral("exponential"));
    QCOMPARE(m_sandbox->demoDeliveries().size(), 2); // the create's ping and this one
    QCOMPARE(m_sandbox->webhookOf(SandboxServer::demoApiKey())->state, QStringLiteral("FAILED"));

    // Back to Daily's behaviour: the next update makes it ACTIVE.
    QCOMPARE(
        call("POST", QStringLiteral("/sandbox/reactivation"), QByteArrayLiteral("{\"keepsState\":false}"), QByteArray())
            .object(),
        (QJsonObject {{QStringLiteral("keepsState"), false}}));
    const Reply back
        = call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}));
    QCOMPARE(back.object().value(QStringLiteral("state")).toString(), QStringLiteral("ACTIVE"));
    QCOMPARE(back.object().value(QStringLiteral("failedCount")).toInt(-1), 0);

    // The same from code; a failing ping still changes nothing either way.
    QVERIFY(m_sandbox->setWebhookState(uuid, QStringLiteral("FAILED"), 2));
    m_sandbox->setReactivationKeepsState(true);
    const Reply fromCode
        = call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}));
    QCOMPARE(fromCode.status, 200);
    QCOMPARE(fromCode.object().value(QStringLiteral("state")).toString(), QStringLiteral("FAILED"));
    QCOMPARE(fromCode.object().value(QStringLiteral("failedCount")).toInt(), 2);

    // A control body without a boolean is refused and changes nothing.
    for (const QByteArray& body : {QByteArrayLiteral("{}"), QByteArrayLiteral("{\"keepsState\":\"yes\"}"),
             QByteArrayLiteral("{\"keepsState\":1}")}) {
        const Reply refused = call("POST", QStringLiteral("/sandbox/reactivation"), body, QByteArray());
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.info(), QStringLiteral("\"keepsState\" must be a boolean"));
    }
    QCOMPARE(call("POST", itemPath, compactJson({{QStringLiteral("url"), m_sandbox->demoEndpointUrl().toString()}}))
                 .object()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("FAILED"));
}

void tst_SandboxServer::refusedFromTheHeadAlone_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization"); // null: no header
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QString webhooks = QStringLiteral("/v1/webhooks");
    QTest::newRow("no key") << webhooks << QByteArray() << 400 << QStringLiteral("authorization-header-error");
    QTest::newRow("malformed Authorization")
        << webhooks << QByteArrayLiteral("Basic c2FuZGJveA==") << 400 << QStringLiteral("authorization-header-error");
    QTest::newRow("unknown key") << webhooks << QByteArrayLiteral("Bearer not-a-key") << 401
                                 << QStringLiteral("authentication-error");
    QTest::newRow("unknown key, unknown API path")
        << QStringLiteral("/v1/rooms") << QByteArrayLiteral("Bearer not-a-key") << 401
        << QStringLiteral("authentication-error");
    QTest::newRow("good key, body over the cap")
        << webhooks << kDemoAuth << 413 << QStringLiteral("invalid-request-error");
    QTest::newRow("demo endpoint, body over the cap")
        << QStringLiteral("/demo/webhook") << QByteArray() << 413 << QStringLiteral("invalid-request-error");
    QTest::newRow("sandbox control, body over the cap")
        << QStringLiteral("/sandbox/demo-endpoint") << QByteArray() << 413 << QStringLiteral("invalid-request-error");
}

void tst_SandboxServer::refusedFromTheHeadAlone()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);

    // The head of a 100 MB POST, and not one byte of its body: the answer must not wait for it.
    QByteArray head = "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!authorization.isNull())
        head += "Authorization: " + authorization + "\r\n";
    head += "Content-Length: 104857600\r\n\r\n";
    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, m_sandbox->port()));
    socket.write(head);

    const RawAnswer answer = readAnswer(socket);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.object().value(QStringLiteral("error")).toString(), error);
    QVERIFY(!answer.object().value(QStringLiteral("info")).toString().isEmpty());
    QVERIFY(answer.hasField("Content-Type: application/json"));
    QVERIFY(answer.hasField("Connection: close"));
    QVERIFY(!answer.body.contains("not-a-key"));
    QVERIFY2(RawConnection::waitUntilClosed(socket), "the connection is closed after the answer");
    QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());

    // A refused API request still shows in the record, without the body nobody read.
    if (path.startsWith(QLatin1String("/v1")) && status != 413) {
        QCOMPARE(handled.size(), 1);
        QCOMPARE(handled.first().at(2).toInt(), status);
        QCOMPARE(m_sandbox->receivedRequests().size(), 1);
        QCOMPARE(m_sandbox->receivedRequests().constFirst().status, status);
        QVERIFY(m_sandbox->receivedRequests().constFirst().body.isEmpty());
    }
}

void tst_SandboxServer::bodyCapWithQNetworkAccessManager()
{
    // QNetworkAccessManager sends the whole body without waiting; it still gets the 413, not a broken connection.
    const QByteArray over(int(Limits::MaxRequestBodyBytes) + 1, 'x');
    const Reply refused = call("POST", QStringLiteral("/v1/webhooks"), over);
    QCOMPARE(refused.status, 413);
    QCOMPARE(refused.contentType, QByteArrayLiteral("application/json"));
    QCOMPARE(refused.error(), QStringLiteral("invalid-request-error"));

    // A body of exactly the cap is read and handled (here: not JSON).
    const QByteArray atCap(int(Limits::MaxRequestBodyBytes), 'x');
    const Reply handled = call("POST", QStringLiteral("/v1/webhooks"), atCap);
    QCOMPARE(handled.status, 400);
    QCOMPARE(handled.error(), QStringLiteral("json-parsing-error"));
    QCOMPARE(m_sandbox->receivedRequests().constLast().body.size(), atCap.size());

    // And the next request, on a new connection, works as ever.
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).status, 200);
}

void tst_SandboxServer::chunkedBodyIsRefused()
{
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, m_sandbox->port()));
    socket.write("POST /demo/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                 "2\r\n{}\r\n0\r\n\r\n");
    const RawAnswer answer = readAnswer(socket);
    QCOMPARE(answer.status, 411);
    QVERIFY(RawConnection::waitUntilClosed(socket));
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
}

void tst_SandboxServer::tricklingClientIsDropped()
{
    const int deadlineMs = 600;
    m_sandbox->setRequestReadDeadlineMs(deadlineMs);

    // One byte every 50 ms: the head would take 2.5 s to arrive.
    const QByteArray head = "GET /v1/webhooks HTTP/1.1\r\nAuthorization: " + kDemoAuth + "\r\n\r\n";
    QTcpSocket slow;
    QVERIFY(RawConnection::open(slow, m_sandbox->port()));
    qsizetype sent = 0;
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, &slow, [&] {
        if (sent < head.size() && slow.state() == QAbstractSocket::ConnectedState)
            slow.write(head.mid(sent++, 1));
    });
    trickle.start(50);
    QElapsedTimer timer;
    timer.start();

    // Others are served meanwhile, once the slow one has begun its head.
    QTRY_VERIFY(sent >= 3);
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).status, 200);
    QVERIFY(slow.state() == QAbstractSocket::ConnectedState);

    QByteArray answer;
    QVERIFY2(RawConnection::waitUntilClosed(slow, &answer, 5000), "a client that trickles its head is disconnected");
    trickle.stop();
    QVERIFY2(timer.elapsed() >= deadlineMs - 50, qPrintable(QString::number(timer.elapsed())));
    QVERIFY2(sent < head.size(), "dropped before it finished");
    QVERIFY2(answer.startsWith("HTTP/1.1 408 "), answer.constData());
    QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 1);
}

void tst_SandboxServer::longInputIsNotEchoed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");

    const QString tenK(10 * 1024, QLatin1Char('a'));
    QTest::newRow("unknown path") << QLatin1Char('/') + tenK << QByteArrayLiteral("GET") << 404;
    QTest::newRow("unknown API path") << QStringLiteral("/v1/") + tenK << QByteArrayLiteral("GET") << 404;
    QTest::newRow("unknown uuid") << QStringLiteral("/v1/webhooks/") + tenK << QByteArrayLiteral("GET") << 404;
    QTest::newRow("unknown uuid, delete")
        << QStringLiteral("/v1/webhooks/") + tenK << QByteArrayLiteral("DELETE") << 404;
    QTest::newRow("unknown sandbox control") << QStringLiteral("/sandbox/") + tenK << QByteArrayLiteral("POST") << 404;
    QTest::newRow("unknown webhook of a sandbox control")
        << QStringLiteral("/sandbox/webhooks/%1/state").arg(tenK) << QByteArrayLiteral("POST") << 404;
}

void tst_SandboxServer::longInputIsNotEchoed()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, method);
    QFETCH(int, status);

    const QByteArray body = method == "POST" ? QByteArrayLiteral("{\"state\":\"FAILED\"}") : QByteArray();
    const Reply reply = call(method, path, body);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.body.size() < 2 * Limits::MaxEchoedRequestChars, reply.body.left(300).constData());
    QVERIFY(reply.info().contains(QString(20, QLatin1Char('a')) + QChar(0x2026)));
}

void tst_SandboxServer::oversizedHead_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    const QByteArray longTarget = "/v1/" + QByteArray(int(Limits::MaxRequestHeadBytes), 'a');
    QTest::newRow("request line over the head cap") << "GET " + longTarget + " HTTP/1.1\r\nAuthorization: " + kDemoAuth
            + "\r\n\r\n" << 414;
    QByteArray manyFields = "GET /v1/webhooks HTTP/1.1\r\nAuthorization: " + kDemoAuth + "\r\n";
    for (int i = 0; i < 20; ++i)
        manyFields += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(1000, 'b') + "\r\n";
    QTest::newRow("header fields over the head cap") << manyFields + "\r\n" << 431;
    QTest::newRow("one header field over 8 KiB") << "GET /v1/webhooks HTTP/1.1\r\nX-Big: " + QByteArray(9000, 'c')
            + "\r\n\r\n" << 431;
    QTest::newRow("header line without a colon") << QByteArrayLiteral("GET /demo/x HTTP/1.1\r\nNoColon\r\n\r\n") << 400;
}

void tst_SandboxServer::oversizedHead()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);

    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, m_sandbox->port()));
    socket.write(request);
    const RawAnswer answer = readAnswer(socket);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.object().value(QStringLiteral("error")).toString(), QStringLiteral("invalid-request-error"));
    QVERIFY(RawConnection::waitUntilClosed(socket));
    QCOMPARE(m_sandbox->requestCount(SandboxServer::demoApiKey()), 0);
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
}

void tst_SandboxServer::pipelinedRequestIsNotServed()
{
    // A screened request followed, in the same bytes, by one that must not be served: it never passed the screen.
    QSignalSpy handled(m_sandbox.get(), &SandboxServer::requestHandled);
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, m_sandbox->port()));
    socket.write("GET /v1/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + kDemoAuth
        + "\r\n\r\n"
          "POST /demo/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    const RawAnswer first = readAnswer(socket);
    QCOMPARE(first.status, 200);
    QVERIFY(first.hasField("Connection: close"));
    QByteArray more = first.rest;
    QVERIFY(RawConnection::waitUntilClosed(socket, &more));
    QCOMPARE(more, QByteArray());
    // A request made after the close has been served: the pipelined one, which arrived before it, would have been.
    QCOMPARE(call("GET", QStringLiteral("/v1/webhooks")).status, 200);
    QCOMPARE(handled.size(), 2);
    QCOMPARE(handled.last().at(1).toString(), QStringLiteral("/v1/webhooks"));
    QVERIFY(m_sandbox->demoDeliveries().isEmpty());
}

void tst_SandboxServer::laterRequestOnTheConnectionIsNotServed()
{
    // The client keeps the connection although the answer said close, and sends a request the screen would refuse.
    m_sandbox->setRequestReadDeadlineMs(3000);
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, m_sandbox->port()));
    socket.write("POST /demo/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    const RawAnswer first = readAnswer(socket);
    QCOMPARE(first.status, 200);
    if (socket.state() == QAbstractSocket::ConnectedState) {
        socket.write("POST /v1/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-a-key\r\n"
                     "Content-Length: 2\r\n\r\n{}");
    }
    QByteArray more;
    QVERIFY(RawConnection::waitUntilClosed(socket, &more));
    QCOMPARE(more, QByteArray());
    QCOMPARE(m_sandbox->demoDeliveries().size(), 1);
    QVERIFY(m_sandbox->receivedRequests().isEmpty());
}

void tst_SandboxServer::keptBodiesAreBounded()
{
    // Twelve deliveries of the largest body accepted: the demo endpoint keeps the newest ones, 8 MiB at most.
    const int count = 12;
    for (int i = 0; i < count; ++i) {
        QByteArray body(int(Limits::MaxRequestBodyBytes), ' ');
        body.replace(0, 12, QByteArray("{\"n\":" + QByteArray::number(i).rightJustified(5, '0') + '}'));
        QCOMPARE(call("POST", QStringLiteral("/demo/webhook"), body, QByteArray()).status, 200);
    }
    const QList<SandboxServer::DemoDelivery> deliveries = m_sandbox->demoDeliveries();
    qint64 kept = 0;
    for (const SandboxServer::DemoDelivery& delivery : deliveries)
        kept += delivery.body.size();
    QVERIFY2(kept <= 8 * 1024 * 1024, qPrintable(QString::number(kept)));
    QVERIFY(deliveries.size() >= 2 && deliveries.size() < count);
    QVERIFY(deliveries.constLast().body.startsWith(QByteArray("{\"n\":000" + QByteArray::number(count - 1))));
}

#include "tst_SandboxServer.moc"
