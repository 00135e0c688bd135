// DailyClient against an exact-byte server on 127.0.0.1: what the client concluded and what the server received,
// for success, every error kind, malformed JSON, slow and dead servers, cancellation and late replies.

#include "DailyClient.h"
#include "ExactServer.h"
#include "Limits.h"
#include "SampleDraft.h"
#include "WebhookDraft.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

constexpr int kWaitMs = 5000;

const QString kUuid = QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5");
const QByteArray kWebhookJson = QByteArray(
    R"({"uuid":"0b4e4c7c-5eaf-46fe-990b-a3752f5684f5","url":"https://example.com/hook",)"
    R"("hmac":"NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=","basicAuth":null,"retryType":"circuit-breaker",)"
    R"("eventTypes":["recording.started","recording.ready-to-download"],"state":"ACTIVE","failedCount":0,)"
    R"("lastMomentPushed":null,"domainId":"d-1","createdAt":"2023-08-15T18:28:30.000Z",)"
    R"("updatedAt":"2023-08-15T18:28:30.000Z"})");

enum class Endpoint { Create, List, Get, Update, Delete };

// What a call's finished() delivered, and how often.
struct Outcome
{
    int count = 0;
    ApiResult result;
};

} // namespace

class tst_DailyClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createSendsExactBytes();
    void getAnsweredAsOneElementArray();
    void getAnsweredAsObject();
    void getPercentEncodesUuid();
    void list();
    void listEmpty();
    void updateSendsPost();
    void deleteIgnoresBody();
    void bodyUntilClose();
    void errors_data();
    void errors();
    void timeout();
    void cancelWhileHanging();
    void cancelBeforeSent();
    void connectionRefused();
    void closedWithoutAnswer();
    void contextDestroyedBeforeReply();
    void clientDestroyedWithCallInFlight();
    void callStarted();

    // A key never leaves its origin; answers are bounded; a cut answer is no success.
    void redirectIsNeverFollowed_data();
    void redirectIsNeverFollowed();
    void redirectWithoutLocation();
    void announcedAnswerOverTheLimit();
    void streamedAnswerOverTheLimit();
    void answerAtTheLimitIsRead();
    void answerCutShort_data();
    void answerCutShort();
    void answerWithoutUuid_data();
    void answerWithoutUuid();
    void refusedBeforeSending_data();
    void refusedBeforeSending();

private:
    DomainTarget target() const
    {
        return DomainTarget {QString(), QString(), m_server->url(QStringLiteral("/v1")), QStringLiteral("test-key")};
    }
    DailyCall* start(Endpoint endpoint);
    std::shared_ptr<Outcome> watch(DailyCall* call);
    // Starts a call and waits until it has deleted itself; true if it emitted finished() exactly once.
    bool run(Endpoint endpoint, ApiResult* result);

    QNetworkAccessManager* m_manager = nullptr;
    ExactServer* m_server = nullptr;
    DailyClient* m_client = nullptr;
};

void tst_DailyClient::init()
{
    // Reading a reply that was aborted (timeout, cancel) prints this; a call must not.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("QIODevice::read.*device not open")));
    m_manager = new QNetworkAccessManager(this);
    m_manager->setProxy(QNetworkProxy::NoProxy);
    m_server = new ExactServer(this);
    QVERIFY(m_server->listen());
    m_client = new DailyClient(m_manager, this);
}

void tst_DailyClient::cleanup()
{
    delete m_client;
    delete m_server;
    delete m_manager;
    m_client = nullptr;
    m_server = nullptr;
    m_manager = nullptr;
}

DailyCall* tst_DailyClient::start(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Create:
        return m_client->createWebhook(target(), SampleDraft::example());
    case Endpoint::List:
        return m_client->listWebhooks(target());
    case Endpoint::Get:
        return m_client->getWebhook(target(), kUuid);
    case Endpoint::Update:
        return m_client->updateWebhook(target(), kUuid, SampleDraft::example());
    case Endpoint::Delete:
        return m_client->deleteWebhook(target(), kUuid);
    }
    return nullptr;
}

std::shared_ptr<Outcome> tst_DailyClient::watch(DailyCall* call)
{
    auto outcome = std::make_shared<Outcome>();
    connect(call, &DailyCall::finished, this, [outcome](const ApiResult& result) {
        ++outcome->count;
        outcome->result = result;
    });
    return outcome;
}

bool tst_DailyClient::run(Endpoint endpoint, ApiResult* result)
{
    QPointer<DailyCall> call = start(endpoint);
    const auto outcome = watch(call);
    // A call deletes itself only after its finished(), so once it is gone the count is final.
    if (!QTest::qWaitFor([&] { return call.isNull(); }, kWaitMs))
        return false;
    *result = outcome->result;
    return outcome->count == 1;
}

void tst_DailyClient::createSendsExactBytes()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, kWebhookJson); });
    ApiResult result;
    QVERIFY(run(Endpoint::Create, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.body, kWebhookJson);
    QVERIFY(result.webhook);
    QCOMPARE(result.webhook->uuid, kUuid);
    QCOMPARE(result.webhook->hmac, QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U="));
    QCOMPARE(result.webhook->eventTypes, *SampleDraft::example().eventTypes);
    QVERIFY(result.webhook->isDelivering());
    QVERIFY(result.webhooks.isEmpty());

    QCOMPARE(m_server->requests().size(), 1);
    const ExactServer::Request r = m_server->requests().first();
    QCOMPARE(r.requestLine(), QByteArrayLiteral("POST /v1/webhooks HTTP/1.1"));
    QCOMPARE(r.header("Host"), "127.0.0.1:" + QByteArray::number(m_server->port()));
    for (const auto& [name, value] : {
             std::pair {"Authorization", "Bearer test-key"},
             std::pair {"Content-Type", "application/json"},
             std::pair {"Accept", "application/json"},
             std::pair {"User-Agent", "daily-webhooks/" DW_VERSION},
         }) {
        QVERIFY2(r.headerCount(name) == 1, name);
        QCOMPARE(r.header(name), QByteArray(value));
    }
    QCOMPARE(r.header("Content-Length"), QByteArray::number(SampleDraft::exampleBody().size()));
    QVERIFY(!r.hasHeader("Transfer-Encoding"));
    QCOMPARE(r.body, SampleDraft::exampleBody());
    QVERIFY(r.raw.endsWith(QByteArray("\r\n\r\n" + SampleDraft::exampleBody())));
}

void tst_DailyClient::getAnsweredAsOneElementArray()
{
    m_server->setHandler(
        [](const ExactServer::Request&) { return ExactServer::Response::http(200, '[' + kWebhookJson + ']'); });
    ApiResult result;
    QVERIFY(run(Endpoint::Get, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QVERIFY(result.webhook);
    QCOMPARE(result.webhook->uuid, kUuid);

    QCOMPARE(m_server->requests().size(), 1);
    const ExactServer::Request r = m_server->requests().first();
    QCOMPARE(r.requestLine(), "GET /v1/webhooks/" + kUuid.toLatin1() + " HTTP/1.1");
    QCOMPARE(r.header("Authorization"), QByteArrayLiteral("Bearer test-key"));
    QVERIFY(!r.hasHeader("Content-Type"));
    QVERIFY(r.body.isEmpty());
}

void tst_DailyClient::getAnsweredAsObject()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, kWebhookJson); });
    ApiResult result;
    QVERIFY(run(Endpoint::Get, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QVERIFY(result.webhook);
    QCOMPARE(result.webhook->uuid, kUuid);
}

void tst_DailyClient::getPercentEncodesUuid()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, kWebhookJson); });
    QPointer<DailyCall> call = m_client->getWebhook(target(), QStringLiteral("a b/c?d"));
    const auto outcome = watch(call);
    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().path, QByteArrayLiteral("/v1/webhooks/a%20b%2Fc%3Fd"));
}

void tst_DailyClient::list()
{
    m_server->setHandler(
        [](const ExactServer::Request&) { return ExactServer::Response::http(200, '[' + kWebhookJson + ']'); });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QCOMPARE(result.webhooks.size(), 1);
    QCOMPARE(result.webhooks.first().uuid, kUuid);
    QVERIFY(!result.webhook);

    const ExactServer::Request r = m_server->requests().first();
    QCOMPARE(r.requestLine(), QByteArrayLiteral("GET /v1/webhooks HTTP/1.1"));
    QCOMPARE(r.header("Authorization"), QByteArrayLiteral("Bearer test-key"));
    QVERIFY(!r.hasHeader("Content-Type"));
    QVERIFY(r.body.isEmpty());
}

void tst_DailyClient::listEmpty()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QVERIFY(result.webhooks.isEmpty());
}

void tst_DailyClient::updateSendsPost()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, kWebhookJson); });
    ApiResult result;
    QVERIFY(run(Endpoint::Update, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QVERIFY(result.webhook);

    const ExactServer::Request r = m_server->requests().first();
    QCOMPARE(r.requestLine(), "POST /v1/webhooks/" + kUuid.toLatin1() + " HTTP/1.1");
    QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(r.body, SampleDraft::exampleBody());
}

void tst_DailyClient::deleteIgnoresBody()
{
    // Daily does not document the body of a delete; whatever comes is not parsed.
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "deleted"); });
    ApiResult result;
    QVERIFY(run(Endpoint::Delete, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.body, QByteArrayLiteral("deleted"));

    const ExactServer::Request r = m_server->requests().first();
    QCOMPARE(r.requestLine(), "DELETE /v1/webhooks/" + kUuid.toLatin1() + " HTTP/1.1");
    QVERIFY(!r.hasHeader("Content-Type"));
    QVERIFY(r.body.isEmpty());
}

void tst_DailyClient::bodyUntilClose()
{
    // No Content-Length: the body ends when the server closes the connection.
    m_server->setHandler([](const ExactServer::Request&) {
        return ExactServer::Response::raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[" + kWebhookJson + "]");
    });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.details()));
    QCOMPARE(result.webhooks.size(), 1);
}

void tst_DailyClient::errors_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ApiError::Kind>("kind");

    using K = ApiError::Kind;
    const QByteArray html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    QTest::newRow("200 not json, create")
        << Endpoint::Create << 200 << QByteArrayLiteral("not json") << K::InvalidResponse;
    QTest::newRow("200 not json, list") << Endpoint::List << 200 << QByteArrayLiteral("not json") << K::InvalidResponse;
    QTest::newRow("200 empty body, get") << Endpoint::Get << 200 << QByteArray() << K::InvalidResponse;
    QTest::newRow("200 object for list") << Endpoint::List << 200 << QByteArray(R"({"foo":1})") << K::InvalidResponse;
    QTest::newRow("200 data envelope for list")
        << Endpoint::List << 200 << QByteArray(R"({"data":[]})") << K::InvalidResponse;
    QTest::newRow("200 empty array for get") << Endpoint::Get << 200 << QByteArrayLiteral("[]") << K::InvalidResponse;
    QTest::newRow("500 HTML") << Endpoint::List << 500 << html << K::ServerError;
    QTest::newRow("502 HTML, create") << Endpoint::Create << 502 << html << K::ServerError;
    QTest::newRow("429") << Endpoint::List << 429
                         << QByteArray(R"({"error":"rate-limit-error","info":"Too many requests"})") << K::RateLimited;
    QTest::newRow("401") << Endpoint::List << 401
                         << QByteArray(R"({"error":"authentication-error","info":"Invalid API key"})")
                         << K::AuthenticationFailed;
    QTest::newRow("400 missing key")
        << Endpoint::List << 400
        << QByteArray(R"({"error":"authorization-header-error","info":"bad Authorization header format"})")
        << K::MissingApiKey;
    QTest::newRow("400 verification failed")
        << Endpoint::Create << 400
        << QByteArray(R"({"error":"invalid-request-error",)"
                      R"("info":"non-200 status code returned from webhook endpoint, recvd undefined"})")
        << K::VerificationFailed;
    QTest::newRow("404 on get") << Endpoint::Get << 404 << QByteArray() << K::NotFound;
    QTest::newRow("404 on delete") << Endpoint::Delete << 404 << QByteArray() << K::NotFound;
}

void tst_DailyClient::errors()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ApiError::Kind, kind);

    m_server->setHandler(
        [status, body](const ExactServer::Request&) { return ExactServer::Response::http(status, body); });
    ApiResult result;
    QVERIFY(run(endpoint, &result));
    QVERIFY(!result.ok());
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(kind));
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.error.httpStatus, status);
    QCOMPARE(result.body, body);
    QCOMPARE(result.error.rawBody, body);
    QVERIFY(!result.webhook);
    QVERIFY(result.webhooks.isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_DailyClient::timeout()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
    m_client->setTimeoutMs(300);
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QCOMPARE(result.error.kind, ApiError::Kind::Timeout);
    QCOMPARE(result.httpStatus, 0);
    QVERIFY2(result.elapsedMs >= 250, QByteArray::number(result.elapsedMs).constData());
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_DailyClient::cancelWhileHanging()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
    QPointer<DailyCall> call = start(Endpoint::Create);
    QSignalSpy spy(call.data(), &DailyCall::finished);
    const auto outcome = watch(call);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWaitMs);
    QVERIFY(call);
    QVERIFY(!call->isFinished());

    call->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QCOMPARE(outcome->result.error.kind, ApiError::Kind::Cancelled);
    if (call)
        call->cancel(); // a second cancel changes nothing
    QTRY_VERIFY_WITH_TIMEOUT(call.isNull(), kWaitMs);
    QCOMPARE(outcome->count, 1);
    QCOMPARE(spy.count(), 1);
}

void tst_DailyClient::cancelBeforeSent()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
    QPointer<DailyCall> call = start(Endpoint::List);
    const auto outcome = watch(call);
    call->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(call.isNull(), kWaitMs);
    QCOMPARE(outcome->count, 1);
    QCOMPARE(outcome->result.error.kind, ApiError::Kind::Cancelled);
}

void tst_DailyClient::connectionRefused()
{
    quint16 port = 0;
    {
        ExactServer closed;
        QVERIFY(closed.listen());
        port = closed.port();
        closed.close();
    }
    QUrl base = m_server->url(QStringLiteral("/v1"));
    base.setPort(port);
    QPointer<DailyCall> call
        = m_client->listWebhooks(DomainTarget {QString(), QString(), base, QStringLiteral("test-key")});
    const auto outcome = watch(call);
    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QCOMPARE(outcome->result.error.kind, ApiError::Kind::ConnectionRefused);
    QCOMPARE(outcome->result.httpStatus, 0);
    QVERIFY(!outcome->result.error.networkDetail.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(call.isNull(), kWaitMs);
}

void tst_DailyClient::closedWithoutAnswer()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::closeWithoutAnswer(); });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QCOMPARE(result.error.kind, ApiError::Kind::ConnectionRefused);
    QCOMPARE(result.httpStatus, 0);
    // Qt may resend a request whose connection closed before any answer; every copy reached the server.
    QVERIFY(!m_server->requests().isEmpty());
}

void tst_DailyClient::contextDestroyedBeforeReply()
{
    auto* context = new QObject;
    QPointer<QObject> contextGuard = context;
    bool lateResultDelivered = false;
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
    // The window closes while the request is at the server, before the answer is read.
    connect(m_server, &ExactServer::requestReceived, this, [context] { delete context; });

    QPointer<DailyCall> call = start(Endpoint::List);
    connect(call, &DailyCall::finished, context, [&lateResultDelivered] { lateResultDelivered = true; });
    const auto outcome = watch(call);

    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QVERIFY(contextGuard.isNull());
    QVERIFY(outcome->result.ok());
    QVERIFY(!lateResultDelivered);
    QTRY_VERIFY_WITH_TIMEOUT(call.isNull(), kWaitMs);
}

void tst_DailyClient::clientDestroyedWithCallInFlight()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::hang(); });
    QPointer<DailyCall> call = start(Endpoint::List);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWaitMs);
    delete m_client;
    m_client = nullptr;
    QVERIFY(call.isNull());
}

void tst_DailyClient::callStarted()
{
    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
    QSignalSpy spy(m_client, &DailyClient::callStarted);
    QPointer<DailyCall> call = start(Endpoint::List);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<DailyCall*>(), call.data());
    QCOMPARE(call->request().method, QByteArrayLiteral("GET"));
    QCOMPARE(call->request().url, m_server->url(QStringLiteral("/v1/webhooks")));
    QCOMPARE(call->parent(), m_client);
    const auto outcome = watch(call);
    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QCOMPARE(spy.count(), 1);
}

void tst_DailyClient::redirectIsNeverFollowed_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("sameOrigin");

    for (const int status : {301, 302, 303, 307, 308}) {
        const QByteArray n = QByteArray::number(status);
        QTest::newRow(QByteArray(n + " create, another port").constData()) << Endpoint::Create << status << false;
        QTest::newRow(QByteArray(n + " list, another port").constData()) << Endpoint::List << status << false;
        QTest::newRow(QByteArray(n + " delete, another port").constData()) << Endpoint::Delete << status << false;
    }
    // Daily does not redirect its API, so not even a path on the same server is followed.
    QTest::newRow("307 update, same origin") << Endpoint::Update << 307 << true;
}

void tst_DailyClient::redirectIsNeverFollowed()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(int, status);
    QFETCH(bool, sameOrigin);

    ExactServer elsewhere;
    QVERIFY(elsewhere.listen());
    elsewhere.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, kWebhookJson); });
    const QUrl location
        = sameOrigin ? m_server->url(QStringLiteral("/v2/webhooks")) : elsewhere.url(QStringLiteral("/steal"));
    m_server->setHandler([status, location](const ExactServer::Request& request) {
        if (request.path.startsWith("/v2"))
            return ExactServer::Response::http(200, kWebhookJson);
        return ExactServer::Response::raw("HTTP/1.1 " + QByteArray::number(status)
            + " Moved\r\nLocation: " + location.toEncoded() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });

    ApiResult result;
    QVERIFY(run(endpoint, &result));
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(ApiError::Kind::Redirected));
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.error.location, location.toString());
    QVERIFY2(result.error.message.contains(location.toString()), qPrintable(result.error.message));
    QVERIFY2(result.error.message.contains(QLatin1String("nothing was sent there")), qPrintable(result.error.message));
    QVERIFY2(result.error.details().contains(location.toString()), qPrintable(result.error.details()));
    QVERIFY(!result.webhook);

    // What matters: the key (and a create's secrets) went to the origin only, once.
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(elsewhere.requests().isEmpty());
}

void tst_DailyClient::redirectWithoutLocation()
{
    m_server->setHandler([](const ExactServer::Request&) {
        return ExactServer::Response::raw("HTTP/1.1 302 Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    });
    ApiResult result;
    QVERIFY(run(Endpoint::Create, &result));
    QCOMPARE(result.error.kind, ApiError::Kind::Redirected);
    QVERIFY(result.error.location.isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_DailyClient::announcedAnswerOverTheLimit()
{
    // A Content-Length over the limit is refused on the head alone: the body is never waited for.
    m_server->setHandler([](const ExactServer::Request&) {
        return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(Limits::MaxApiAnswerBytes + 1) + "\r\n\r\n[");
    });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(ApiError::Kind::AnswerTooLarge));
    QVERIFY2(result.error.message.contains(QLatin1String("4 MiB")), qPrintable(result.error.message));
    QVERIFY(result.body.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_server->streamingClientsGone(), kWaitMs);
    QVERIFY2(m_server->bytesStreamed() < Limits::MaxApiAnswerBytes * 4,
        QByteArray::number(m_server->bytesStreamed()).constData());
}

void tst_DailyClient::streamedAnswerOverTheLimit()
{
    // No Content-Length: the limit holds while reading, so memory never follows the server.
    m_server->setHandler([](const ExactServer::Request&) {
        return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[");
    });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(ApiError::Kind::AnswerTooLarge));
    QVERIFY(result.body.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_server->streamingClientsGone(), kWaitMs);
    // The client hung up soon after the limit; kernel buffers account for the rest.
    QVERIFY2(m_server->bytesStreamed() < Limits::MaxApiAnswerBytes * 4,
        QByteArray::number(m_server->bytesStreamed()).constData());
}

void tst_DailyClient::answerAtTheLimitIsRead()
{
    // Whitespace is valid JSON padding: an answer of exactly the limit is still an answer.
    const QByteArray body = "[" + kWebhookJson + "]";
    const QByteArray padded = body + QByteArray(Limits::MaxApiAnswerBytes - body.size(), ' ');
    m_server->setHandler([padded](const ExactServer::Request&) { return ExactServer::Response::http(200, padded); });
    ApiResult result;
    QVERIFY(run(Endpoint::List, &result));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.webhooks.size(), 1);
}

void tst_DailyClient::answerCutShort_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("answer");

    QTest::newRow("Content-Length 1,000,000, body [] then close")
        << Endpoint::List
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n[]");
    QTest::newRow("a create's webhook cut in the middle")
        << Endpoint::Create
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
               + QByteArray::number(kWebhookJson.size() + 10) + "\r\n\r\n" + kWebhookJson);
    QTest::newRow("a delete's empty answer cut")
        << Endpoint::Delete << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n{}");
    QTest::newRow("chunked body without its last chunk")
        << Endpoint::List
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "2\r\n[]\r\n");
}

void tst_DailyClient::answerCutShort()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, answer);

    m_server->setHandler([answer](const ExactServer::Request&) { return ExactServer::Response::raw(answer); });
    ApiResult result;
    QVERIFY(run(endpoint, &result));
    QVERIFY2(!result.ok(), "a reply whose body ended early must not count as a success");
    QVERIFY(!result.webhook);
    QVERIFY(result.webhooks.isEmpty());
    const QString kind = ApiError::kindName(result.error.kind);
    QVERIFY2(result.error.kind == ApiError::Kind::AnswerIncomplete
            || result.error.kind == ApiError::Kind::ConnectionRefused || result.error.kind == ApiError::Kind::Network,
        qPrintable(kind));
}

void tst_DailyClient::answerWithoutUuid_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("create without uuid") << Endpoint::Create << QByteArray(R"({"url":"https://example.com/hook"})");
    QTest::newRow("create with an empty uuid")
        << Endpoint::Create << QByteArray(R"({"uuid":"","url":"https://example.com/hook"})");
    QTest::newRow("update with a numeric uuid") << Endpoint::Update << QByteArray(R"({"uuid":42})");
    QTest::newRow("get, array element without uuid") << Endpoint::Get << QByteArray(R"([{"url":"x"}])");
    QTest::newRow("list, one webhook without uuid")
        << Endpoint::List << QByteArray("[" + kWebhookJson + R"(,{"url":"https://example.com/other"}])");
}

void tst_DailyClient::answerWithoutUuid()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, body);

    m_server->setHandler([body](const ExactServer::Request&) { return ExactServer::Response::http(200, body); });
    ApiResult result;
    QVERIFY(run(endpoint, &result));
    // Without its uuid nothing can be done with a webhook: no success is claimed (the CLI printed "Created webhook
    // on ..." with exit status 0 for such an answer).
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(ApiError::Kind::InvalidResponse));
    QVERIFY(!result.webhook);
    QVERIFY(result.webhooks.isEmpty());
}

void tst_DailyClient::refusedBeforeSending_data()
{
    QTest::addColumn<QString>("base"); // empty: the test server's
    QTest::addColumn<QString>("key");
    QTest::addColumn<ApiError::Kind>("kind");

    using K = ApiError::Kind;
    QTest::newRow("CR LF in the key would add a header")
        << QString() << QStringLiteral("good-key\r\nX-Injected: yes") << K::InvalidApiKey;
    QTest::newRow("line break at the end") << QString() << QStringLiteral("good-key\n") << K::InvalidApiKey;
    QTest::newRow("space inside") << QString() << QStringLiteral("good key") << K::InvalidApiKey;
    QTest::newRow("no key") << QString() << QStringLiteral("  ") << K::MissingApiKey;
    QTest::newRow("plain http to a remote host")
        << QStringLiteral("http://api.daily.co/v1") << QStringLiteral("good-key") << K::UnsafeBaseUrl;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/v1") << QStringLiteral("good-key") << K::UnsafeBaseUrl;
    QTest::newRow("credentials in the base")
        << QStringLiteral("https://u:p@api.daily.co/v1") << QStringLiteral("good-key") << K::UnsafeBaseUrl;
}

void tst_DailyClient::refusedBeforeSending()
{
    QFETCH(QString, base);
    QFETCH(QString, key);
    QFETCH(ApiError::Kind, kind);

    m_server->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, "[]"); });
    const QUrl baseUrl = base.isEmpty() ? m_server->url(QStringLiteral("/v1")) : QUrl(base);
    QPointer<DailyCall> call = m_client->listWebhooks(DomainTarget {QString(), QString(), baseUrl, key});
    const auto outcome = watch(call);
    QTRY_COMPARE_WITH_TIMEOUT(outcome->count, 1, kWaitMs);
    QCOMPARE(ApiError::kindName(outcome->result.error.kind), ApiError::kindName(kind));
    QVERIFY(!outcome->result.error.message.isEmpty());
    QVERIFY2(!outcome->result.error.message.contains(QLatin1String("good-key")), "a message never quotes the key");
    // A good call made afterwards reaches the server through the same client: the first request the server has
    // seen is that one, so the refused call sent nothing before it.
    const auto next = watch(m_client->listWebhooks(
        DomainTarget {QString(), QString(), m_server->url(QStringLiteral("/v1")), QStringLiteral("next-key")}));
    QTRY_COMPARE_WITH_TIMEOUT(next->count, 1, kWaitMs);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().constFirst().header("Authorization"), QByteArrayLiteral("Bearer next-key"));
}

QTEST_GUILESS_MAIN(tst_DailyClient)
#include "tst_DailyClient.moc"
