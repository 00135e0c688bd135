#include "SandboxServer.h"

#include "EventCatalog.h"
#include "HttpHeaders.h"
#include "HttpRequestGate.h"
#include "Limits.h"
#include "SandboxDefaults.h"
#include "SandboxPing.h"
#include "SandboxRateLimiter.h"
#include "SandboxValidator.h"
#include "Signature.h"
#include "Webhook.h"
#include "WebhookDraft.h"
#include "WebhookFields.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QUuid>

#include <deque>
#include <functional>
#include <memory>

namespace {

constexpr int kMaxReceivedRequests = 200;
constexpr int kMaxDemoDeliveries = 1000;
// Bodies are up to Limits::MaxRequestBodyBytes each: the lists kept for tests and demonstrations also stop at
// this many bytes of bodies in all, dropping the oldest entries first.
constexpr qint64 kMaxKeptBodyBytes = 8 * 1024 * 1024;
constexpr int kDefaultPingTimeoutMs = 8000;

const QString kActive = QStringLiteral("ACTIVE");

bool isApiPath(const QString& path)
{
    return path == QLatin1String("/v1") || path.startsWith(QLatin1String("/v1/"));
}

// The name QHttpServer's parser gives the method of a request line (it knows these and no others).
QByteArray methodName(const QByteArray& method)
{
    static const QList<QByteArray> known {QByteArrayLiteral("GET"), QByteArrayLiteral("PUT"),
        QByteArrayLiteral("DELETE"), QByteArrayLiteral("POST"), QByteArrayLiteral("HEAD"), QByteArrayLiteral("OPTIONS"),
        QByteArrayLiteral("PATCH"), QByteArrayLiteral("CONNECT")};
    return known.contains(method) ? method : QByteArrayLiteral("UNKNOWN");
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

// The statuses QHttpServer 6.4 has a reason phrase for; writing any other one would throw inside the library.
bool isWritableStatus(int status)
{
    static const QSet<int> extra {
        207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 421, 422, 423, 424, 426, 428, 429, 431, 451, 510, 511};
    return (status >= 200 && status <= 206) || (status >= 400 && status <= 417) || (status >= 500 && status <= 508)
        || extra.contains(status);
}

HttpRequestGate::Refusal unknownKey()
{
    return {401, QStringLiteral("authentication-error"), QStringLiteral("the API key is not valid for any domain")};
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject errorBody(const QString& error, const QString& info)
{
    return QJsonObject {{QStringLiteral("error"), error}, {QStringLiteral("info"), info}};
}

// Daily stores whole seconds: every timestamp it was seen to return ends in ".000Z".
QDateTime nowInWholeSeconds()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return now.addMSecs(-now.time().msec());
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

QByteArray SandboxServer::DemoDelivery::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

QByteArray SandboxServer::ReceivedRequest::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

class SandboxServer::Private
{
public:
    struct Domain
    {
        QString id;
        QString name;
        std::optional<Webhook> webhook;
        SandboxRateLimiter limiter;
        int requests = 0;
        int rateLimited = 0;
    };

    // One request waiting for its answer. The responder may outlive the connection (the client gave up while the
    // ping ran), so the socket is watched and a late answer is dropped instead of written to a deleted socket.
    struct Exchange
    {
        explicit Exchange(QHttpServerResponder&& r)
            : responder(std::move(r))
            , socket(responder.socket())
        { }

        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        QByteArray method;
        QString path;
        quint64 recordId = 0; // 0 for requests outside the API
        bool answered = false;
    };
    using ExchangePtr = std::shared_ptr<Exchange>;

    explicit Private(SandboxServer* owner);

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleDemo(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void handleApi(const QHttpServerRequest& request, const ExchangePtr& exchange);
    void handleControl(const QHttpServerRequest& request, const ExchangePtr& exchange);

    void listWebhooks(const ExchangePtr& exchange, const Domain& domain);
    void getWebhook(const ExchangePtr& exchange, const Domain& domain, const QString& uuid);
    // Both look the domain up again by key after the ping: it may have been removed meanwhile.
    void createWebhook(
        const ExchangePtr& exchange, const Domain& domain, const QString& apiKey, const QJsonObject& body);
    void updateWebhook(const ExchangePtr& exchange, const Domain& domain, const QString& apiKey, const QString& uuid,
        const QJsonObject& body);
    void deleteWebhook(const ExchangePtr& exchange, Domain& domain, const QString& uuid);

    // Sends the verification ping for `candidate` and calls `onPassed` only when the URL answered 200.
    void verifyThen(const ExchangePtr& exchange, const Webhook& candidate, std::function<void()> onPassed);

    void answer(const ExchangePtr& exchange, int status, const QByteArray& body);
    void answerError(const ExchangePtr& exchange, int status, const QString& error, const QString& info);
    void answerNotFound(const ExchangePtr& exchange, const QString& uuid);
    void answerNoEndpoint(const ExchangePtr& exchange);
    void answerUnknownKey(const ExchangePtr& exchange);
    void answerOneWebhook(const ExchangePtr& exchange);

    // Answered from the request head, before its body is read (see HttpRequestGate): a malformed Authorization
    // header or a key of no domain, for requests to the API.
    std::optional<HttpRequestGate::Refusal> screen(const HttpRequestGate::Head& head);
    std::optional<HttpRequestGate::Refusal> keyRefusal(const QByteArray& authorization) const;

    quint64 record(const QByteArray& method, const QString& path, const QList<QPair<QByteArray, QByteArray>>& headers,
        const QByteArray& body);
    void noteAnswered(quint64 recordId, const QByteArray& method, const QString& path, int status);

    SandboxServer* q;
    QHash<QString, Domain> domains; // by API key
    int pingTimeoutMs = kDefaultPingTimeoutMs;
    int perSecond = SandboxRateLimiter::DefaultPerSecond;
    int perFiveSeconds = SandboxRateLimiter::DefaultPerFiveSeconds;
    int demoStatus = 200;
    bool reactivationKeepsState = false;
    QList<DemoDelivery> deliveries;
    qint64 deliveriesBodyBytes = 0;
    std::deque<std::pair<quint64, ReceivedRequest>> received;
    qint64 receivedBodyBytes = 0;
    quint64 nextRecordId = 1;
    QElapsedTimer clock;
    QHostAddress address;
    quint16 listeningPort = 0;
    int readDeadlineMs = Limits::RequestReadDeadlineMs;
    HttpRequestGate* gate = nullptr; // owned by `http` once bound

    // Declared in this order so destruction runs the other way: pings in flight go first (silently), then the
    // network manager their replies belong to, then the server and its sockets.
    QHttpServer http;
    QNetworkAccessManager network;
    QObject pings;
};

SandboxServer::Private::Private(SandboxServer* owner)
    : q(owner)
{
    clock.start();
    http.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        handle(request, std::move(responder));
    });
}

void SandboxServer::Private::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    const QString path = request.url().path();
    if (path == QLatin1String("/demo") || path.startsWith(QLatin1String("/demo/"))) {
        handleDemo(request, std::move(responder));
        return;
    }
    auto exchange = std::make_shared<Exchange>(std::move(responder));
    exchange->method = methodName(request.method());
    exchange->path = path;
    if (isApiPath(path)) {
        exchange->recordId = record(exchange->method, path, request.headers(), request.body());
        handleApi(request, exchange);
        return;
    }
    if (path.startsWith(QLatin1String("/sandbox/"))) {
        handleControl(request, exchange);
        return;
    }
    answerNoEndpoint(exchange);
}

// The sandbox's own controls, for demonstrations and scripts (Daily has nothing like them):
//   POST /sandbox/webhooks/<uuid>/state  {"state":"FAILED","failedCount":3}  what Daily's circuit breaker does
//   POST /sandbox/demo-endpoint          {"status":500}                      what /demo/webhook answers from now on
//   POST /sandbox/reactivation           {"keepsState":true}                 updates leave state and failedCount
void SandboxServer::Private::handleControl(const QHttpServerRequest& request, const ExchangePtr& exchange)
{
    const QStringList parts = exchange->path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    auto problem = [&](int status, const QString& info) {
        answer(exchange, status,
            compact(
                QJsonObject {{QStringLiteral("error"),
                                 status == 404 ? QStringLiteral("not-found") : QStringLiteral("invalid-request-error")},
                    {QStringLiteral("info"), info}}));
    };
    if (request.method() != QHttpServerRequest::Method::Post)
        return problem(404, QStringLiteral("sandbox controls take POST"));
    if (parts.size() == 4 && parts.at(1) == QLatin1String("webhooks") && parts.at(3) == QLatin1String("state")) {
        const QString state = body.value(WebhookFields::State).toString();
        if (state.isEmpty())
            return problem(400, QLatin1Char('"') + WebhookFields::State + QStringLiteral("\" is required"));
        const int failedCount = body.value(WebhookFields::FailedCount).toInt(state == QLatin1String("FAILED") ? 3 : 0);
        if (!q->setWebhookState(parts.at(2), state, failedCount))
            return problem(404, QStringLiteral("webhook %1 not found").arg(SandboxValidator::clip(parts.at(2))));
        return answer(exchange, 200,
            compact(QJsonObject {{WebhookFields::Uuid, parts.at(2)}, {WebhookFields::State, state},
                {WebhookFields::FailedCount, failedCount}}));
    }
    if (parts.size() == 2 && parts.at(1) == QLatin1String("demo-endpoint")) {
        const int status = body.value(QStringLiteral("status")).toInt(0);
        if (status < 100 || status > 599)
            return problem(400, QStringLiteral("\"status\" must be an HTTP status code"));
        q->setDemoEndpointStatus(status);
        return answer(exchange, 200, compact(QJsonObject {{QStringLiteral("status"), demoStatus}}));
    }
    if (parts.size() == 2 && parts.at(1) == QLatin1String("reactivation")) {
        const QJsonValue keepsState = body.value(QStringLiteral("keepsState"));
        if (!keepsState.isBool())
            return problem(400, QStringLiteral("\"keepsState\" must be a boolean"));
        q->setReactivationKeepsState(keepsState.toBool());
        return answer(exchange, 200, compact(QJsonObject {{QStringLiteral("keepsState"), reactivationKeepsState}}));
    }
    problem(404, QStringLiteral("no such sandbox control: %1").arg(SandboxValidator::clip(exchange->path)));
}

void SandboxServer::Private::handleDemo(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    DemoDelivery delivery;
    delivery.receivedAt = QDateTime::currentDateTimeUtc();
    delivery.path = request.url().path();
    delivery.headers = request.headers();
    delivery.body = request.body();
    deliveriesBodyBytes += delivery.body.size();
    deliveries.append(delivery);
    while (deliveries.size() > kMaxDemoDeliveries || (deliveries.size() > 1 && deliveriesBodyBytes > kMaxKeptBodyBytes))
        deliveriesBodyBytes -= deliveries.takeFirst().body.size();

    auto exchange = std::make_shared<Exchange>(std::move(responder));
    // 204 and 304 must not carry a body, or the client would read it as the start of the next response.
    const bool bodyless = demoStatus == 204 || demoStatus == 304;
    const QJsonObject body {{QStringLiteral("ok"), demoStatus == 200}};
    answer(exchange, demoStatus, bodyless ? QByteArray() : compact(body));
}

quint64 SandboxServer::Private::record(const QByteArray& method, const QString& path,
    const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body)
{
    ReceivedRequest entry;
    entry.receivedAt = QDateTime::currentDateTimeUtc();
    entry.method = method;
    entry.path = path;
    entry.headers = headers;
    entry.body = body;
    const quint64 id = nextRecordId++;
    receivedBodyBytes += entry.body.size();
    received.emplace_back(id, entry);
    while (received.size() > size_t(kMaxReceivedRequests)
        || (received.size() > 1 && receivedBodyBytes > kMaxKeptBodyBytes)) {
        receivedBodyBytes -= received.front().second.body.size();
        received.pop_front();
    }
    return id;
}

void SandboxServer::Private::noteAnswered(quint64 recordId, const QByteArray& method, const QString& path, int status)
{
    for (auto it = received.rbegin(); it != received.rend(); ++it) {
        if (it->first == recordId) {
            it->second.status = status;
            break;
        }
    }
    emit q->requestHandled(method, path, status);
}

std::optional<HttpRequestGate::Refusal> SandboxServer::Private::keyRefusal(const QByteArray& authorizationField) const
{
    const QByteArray authorization = authorizationField.trimmed();
    const QByteArray scheme = authorization.left(7);
    const QByteArray token = authorization.mid(7).trimmed();
    if (scheme.compare(QByteArrayLiteral("Bearer "), Qt::CaseInsensitive) != 0 || token.isEmpty()
        || token.contains(' ')) {
        return HttpRequestGate::Refusal {
            400, QStringLiteral("authorization-header-error"), QStringLiteral("bad Authorization header format")};
    }
    if (!domains.contains(QString::fromUtf8(token)))
        return unknownKey();
    return std::nullopt;
}

std::optional<HttpRequestGate::Refusal> SandboxServer::Private::screen(const HttpRequestGate::Head& head)
{
    const QString path = head.path();
    if (!isApiPath(path))
        return std::nullopt;
    std::optional<HttpRequestGate::Refusal> refusal = keyRefusal(head.header(QByteArrayLiteral("Authorization")));
    if (refusal) {
        // Recorded as if it had been answered after reading, minus the body nobody read.
        const QByteArray method = methodName(head.method);
        noteAnswered(record(method, path, head.headers, {}), method, path, refusal->status);
    }
    return refusal;
}

void SandboxServer::Private::handleApi(const QHttpServerRequest& request, const ExchangePtr& exchange)
{
    // Authentication and the rate limit come before routing, so a wrong path with a bad key is an authentication
    // error, not a 404, and every request counts against the limit. The gate checked the key already; checked
    // again because the domain may have been removed while the body arrived.
    const QByteArray authorization = HttpHeaders::value(request.headers(), QByteArrayLiteral("Authorization"));
    if (const auto refusal = keyRefusal(authorization)) {
        answerError(exchange, refusal->status, refusal->error, refusal->info);
        return;
    }
    const QString apiKey = QString::fromUtf8(authorization.trimmed().mid(7).trimmed());
    Domain& domain = *domains.find(apiKey);
    ++domain.requests;
    if (!domain.limiter.tryAccept(clock.elapsed())) {
        ++domain.rateLimited;
        answerError(exchange, 429, QStringLiteral("rate-limit-error"),
            QStringLiteral("too many requests for this API key; retry with exponential backoff"));
        return;
    }

    QStringList segments = request.url().path(QUrl::FullyEncoded).split(QLatin1Char('/'));
    segments.removeFirst(); // the empty string before the leading slash
    // A trailing slash is tolerated, as web frameworks commonly do.
    if (segments.size() > 2 && segments.last().isEmpty())
        segments.removeLast();
    const QByteArray& method = exchange->method;
    const bool collection = segments.size() == 2 && segments.at(1) == QLatin1String("webhooks");
    const bool item = segments.size() == 3 && segments.at(1) == QLatin1String("webhooks") && !segments.at(2).isEmpty();

    const bool wantsBody = method == "POST" && (collection || item);
    // An empty body reads as {}, as JSON body parsers do, so the schema check reports what is missing.
    QJsonObject body;
    if (wantsBody && !request.body().trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            const QString why = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                             : QStringLiteral("not a JSON object");
            answerError(exchange, 400, QStringLiteral("json-parsing-error"),
                QStringLiteral("could not parse the request body: ") + why);
            return;
        }
        body = document.object();
    }

    if (collection && method == "GET") {
        listWebhooks(exchange, domain);
    } else if (collection && method == "POST") {
        createWebhook(exchange, domain, apiKey, body);
    } else if (item) {
        const QString uuid = QUrl::fromPercentEncoding(segments.at(2).toUtf8());
        if (method == "GET")
            getWebhook(exchange, domain, uuid);
        else if (method == "POST")
            updateWebhook(exchange, domain, apiKey, uuid, body);
        else if (method == "DELETE")
            deleteWebhook(exchange, domain, uuid);
        else
            answerNoEndpoint(exchange);
    } else {
        answerNoEndpoint(exchange);
    }
}

void SandboxServer::Private::listWebhooks(const ExchangePtr& exchange, const Domain& domain)
{
    QJsonArray list;
    if (domain.webhook)
        list.append(domain.webhook->toJson());
    answer(exchange, 200, QJsonDocument(list).toJson(QJsonDocument::Compact));
}

void SandboxServer::Private::getWebhook(const ExchangePtr& exchange, const Domain& domain, const QString& uuid)
{
    if (!domain.webhook || domain.webhook->uuid != uuid) {
        answerNotFound(exchange, uuid);
        return;
    }
    // The docs say "returns the webhook" while the spec declares an array; the sandbox follows the docs' text and
    // answers the object. Clients accept both shapes.
    answer(exchange, 200, compact(domain.webhook->toJson()));
}

void SandboxServer::Private::createWebhook(
    const ExchangePtr& exchange, const Domain& domain, const QString& apiKey, const QJsonObject& body)
{
    const QString problem = SandboxValidator::check(body, SandboxValidator::Operation::Create, EventCatalog::builtIn());
    if (!problem.isEmpty()) {
        answerError(exchange, 400, QStringLiteral("invalid-request-error"), problem);
        return;
    }
    // Checked before the ping so a doomed create does not make the endpoint record a verification request.
    if (domain.webhook) {
        answerOneWebhook(exchange);
        return;
    }

    Webhook candidate;
    candidate.uuid = newUuid();
    candidate.retryType = WebhookDraft::CircuitBreaker;
    // Daily's default for a missing eventTypes is undocumented; an empty list (nothing delivered until the user
    // subscribes) is the least surprising.
    candidate = WebhookDraft::fromJson(body).draft.appliedTo(candidate);
    if (candidate.hmac.isEmpty())
        candidate.hmac = Signature::generateSecret();
    candidate.state = kActive;
    candidate.failedCount = 0;
    candidate.domainId = domain.id;

    verifyThen(exchange, candidate, [this, exchange, apiKey, candidate]() mutable {
        auto it = domains.find(apiKey);
        if (it == domains.end()) {
            answerUnknownKey(exchange);
            return;
        }
        // Another create may have finished while this one waited for its ping.
        if (it->webhook) {
            answerOneWebhook(exchange);
            return;
        }
        candidate.createdAt = nowInWholeSeconds();
        candidate.updatedAt = candidate.createdAt;
        it->webhook = candidate;
        answer(exchange, 200, compact(candidate.toJson()));
    });
}

void SandboxServer::Private::updateWebhook(const ExchangePtr& exchange, const Domain& domain, const QString& apiKey,
    const QString& uuid, const QJsonObject& body)
{
    // Body validation before the lookup, as a schema check in front of the handler would do.
    const QString problem = SandboxValidator::check(body, SandboxValidator::Operation::Update, EventCatalog::builtIn());
    if (!problem.isEmpty()) {
        answerError(exchange, 400, QStringLiteral("invalid-request-error"), problem);
        return;
    }
    if (!domain.webhook || domain.webhook->uuid != uuid) {
        answerNotFound(exchange, uuid);
        return;
    }
    // The body was validated: every field it carries reads cleanly.
    const WebhookDraft changes = WebhookDraft::fromJson(body).draft;
    const Webhook candidate = changes.appliedTo(*domain.webhook);

    verifyThen(exchange, candidate, [this, exchange, apiKey, uuid, changes] {
        auto it = domains.find(apiKey);
        if (it == domains.end()) {
            answerUnknownKey(exchange);
            return;
        }
        if (!it->webhook || it->webhook->uuid != uuid) {
            answerNotFound(exchange, uuid);
            return;
        }
        // Applied to the webhook as it is now, so a state change made during the ping is not lost to a stale copy.
        Webhook& webhook = *it->webhook;
        webhook = changes.appliedTo(webhook);
        // A successful ping is how Daily re-activates a webhook its circuit breaker turned off (unless told not to,
        // to rehearse a reactivation that does not take).
        if (!reactivationKeepsState) {
            webhook.state = kActive;
            webhook.failedCount = 0;
        }
        webhook.updatedAt = nowInWholeSeconds();
        answer(exchange, 200, compact(webhook.toJson()));
    });
}

void SandboxServer::Private::deleteWebhook(const ExchangePtr& exchange, Domain& domain, const QString& uuid)
{
    if (!domain.webhook || domain.webhook->uuid != uuid) {
        answerNotFound(exchange, uuid);
        return;
    }
    domain.webhook.reset();
    // Daily documents a 200 without describing its body; a small confirmation naming the uuid is easy to log.
    answer(exchange, 200, compact(QJsonObject {{QStringLiteral("deleted"), true}, {WebhookFields::Uuid, uuid}}));
}

void SandboxServer::Private::verifyThen(
    const ExchangePtr& exchange, const Webhook& candidate, std::function<void()> onPassed)
{
    // Never wait here: the URL may be this very server's demo endpoint, served by the same event loop.
    auto* ping
        = new SandboxPing(&network, QUrl(candidate.url), candidate.hmac, candidate.basicAuth, pingTimeoutMs, &pings);
    QObject::connect(ping, &SandboxPing::finished, q, [this, exchange, onPassed = std::move(onPassed)](int status) {
        if (status != 200) {
            const QString received = status > 0 ? QString::number(status) : QStringLiteral("undefined");
            answerError(exchange, 400, QStringLiteral("invalid-request-error"),
                QStringLiteral("non-200 status code returned from webhook endpoint, recvd ") + received);
            return;
        }
        onPassed();
    });
    ping->start();
}

void SandboxServer::Private::answer(const ExchangePtr& exchange, int status, const QByteArray& body)
{
    if (exchange->answered)
        return;
    exchange->answered = true;
    if (!isWritableStatus(status))
        status = 500;
    if (exchange->socket && exchange->socket->state() == QAbstractSocket::ConnectedState) {
        // One request per connection (see HttpRequestGate): the next request comes on a new connection, screened.
        exchange->responder.write(body,
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}},
            static_cast<QHttpServerResponder::StatusCode>(status));
        exchange->socket->disconnectFromHost();
    }
    if (exchange->recordId != 0)
        noteAnswered(exchange->recordId, exchange->method, exchange->path, status);
}

void SandboxServer::Private::answerError(
    const ExchangePtr& exchange, int status, const QString& error, const QString& info)
{
    answer(exchange, status, compact(errorBody(error, info)));
}

void SandboxServer::Private::answerNotFound(const ExchangePtr& exchange, const QString& uuid)
{
    answerError(exchange, 404, QStringLiteral("not-found"),
        QStringLiteral("webhook %1 not found").arg(SandboxValidator::clip(uuid)));
}

void SandboxServer::Private::answerNoEndpoint(const ExchangePtr& exchange)
{
    // Daily's answer to an unknown path or method is not documented; a JSON 404 keeps clients on one parser.
    answerError(exchange, 404, QStringLiteral("not-found"),
        QStringLiteral("no such endpoint: ") + QString::fromLatin1(exchange->method) + QLatin1Char(' ')
            + SandboxValidator::clip(exchange->path));
}

void SandboxServer::Private::answerUnknownKey(const ExchangePtr& exchange)
{
    const HttpRequestGate::Refusal refusal = unknownKey();
    answerError(exchange, refusal.status, refusal.error, refusal.info);
}

void SandboxServer::Private::answerOneWebhook(const ExchangePtr& exchange)
{
    // Daily's text for this case is unknown; this one names the rule and the way out.
    answerError(exchange, 400, QStringLiteral("invalid-request-error"),
        QStringLiteral("a domain may only have one webhook; update or delete the existing one"));
}

SandboxServer::SandboxServer(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    addDomain(demoApiKey(), QStringLiteral("Sandbox"));
}

SandboxServer::~SandboxServer() = default;

QString SandboxServer::demoApiKey()
{
    return SandboxDefaults::demoApiKey();
}

bool SandboxServer::listen(const QHostAddress& address, quint16 port)
{
    if (d->listeningPort != 0)
        return false;
    auto gate = std::make_unique<HttpRequestGate>();
    gate->setReadDeadlineMs(d->readDeadlineMs);
    gate->setScreen([this](const HttpRequestGate::Head& head) { return d->screen(head); });
    if (!gate->listen(address, port))
        return false;
    d->address = address;
    d->listeningPort = gate->serverPort();
    d->gate = gate.release();
    d->http.bind(d->gate);
    return true;
}

quint16 SandboxServer::port() const
{
    return d->listeningPort;
}

QUrl SandboxServer::apiBaseUrl() const
{
    if (d->listeningPort == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress& a = d->address;
    const bool wildcard = a.isNull() || a == QHostAddress::Any || a == QHostAddress::AnyIPv4;
    url.setHost(wildcard                 ? QStringLiteral("127.0.0.1")
            : a == QHostAddress::AnyIPv6 ? QStringLiteral("::1")
                                         : a.toString());
    url.setPort(d->listeningPort);
    url.setPath(QStringLiteral("/v1"));
    return url;
}

QUrl SandboxServer::demoEndpointUrl() const
{
    QUrl url = apiBaseUrl();
    if (url.isValid())
        url.setPath(QStringLiteral("/demo/webhook"));
    return url;
}

QString SandboxServer::addDomain(const QString& apiKey, const QString& name)
{
    auto it = d->domains.find(apiKey);
    if (it != d->domains.end())
        return it->id;
    Private::Domain domain;
    domain.id = newUuid();
    domain.name = name;
    domain.limiter.setLimits(d->perSecond, d->perFiveSeconds);
    d->domains.insert(apiKey, domain);
    return domain.id;
}

bool SandboxServer::removeDomain(const QString& apiKey)
{
    return d->domains.remove(apiKey) > 0;
}

void SandboxServer::setRequestReadDeadlineMs(int ms)
{
    d->readDeadlineMs = ms;
    if (d->gate)
        d->gate->setReadDeadlineMs(ms);
}

void SandboxServer::setPingTimeoutMs(int ms)
{
    d->pingTimeoutMs = ms;
}

int SandboxServer::pingTimeoutMs() const
{
    return d->pingTimeoutMs;
}

void SandboxServer::setRateLimit(int perSecond, int perFiveSeconds)
{
    d->perSecond = perSecond;
    d->perFiveSeconds = perFiveSeconds;
    for (Private::Domain& domain : d->domains)
        domain.limiter.setLimits(perSecond, perFiveSeconds);
}

int SandboxServer::requestCount(const QString& apiKey) const
{
    const auto it = d->domains.constFind(apiKey);
    return it == d->domains.cend() ? 0 : it->requests;
}

int SandboxServer::rateLimitedCount(const QString& apiKey) const
{
    const auto it = d->domains.constFind(apiKey);
    return it == d->domains.cend() ? 0 : it->rateLimited;
}

int SandboxServer::peakRequestsPerSecond(const QString& apiKey) const
{
    const auto it = d->domains.constFind(apiKey);
    return it == d->domains.cend() ? 0 : it->limiter.peakPerSecond();
}

std::optional<Webhook> SandboxServer::webhookOf(const QString& apiKey) const
{
    const auto it = d->domains.constFind(apiKey);
    return it == d->domains.cend() ? std::nullopt : it->webhook;
}

bool SandboxServer::setWebhookState(const QString& uuid, const QString& state, int failedCount)
{
    for (Private::Domain& domain : d->domains) {
        if (domain.webhook && domain.webhook->uuid == uuid) {
            domain.webhook->state = state;
            domain.webhook->failedCount = failedCount;
            return true;
        }
    }
    return false;
}

void SandboxServer::setReactivationKeepsState(bool keepsState)
{
    d->reactivationKeepsState = keepsState;
}

QList<SandboxServer::DemoDelivery> SandboxServer::demoDeliveries() const
{
    return d->deliveries;
}

void SandboxServer::clearDemoDeliveries()
{
    d->deliveries.clear();
    d->deliveriesBodyBytes = 0;
}

void SandboxServer::setDemoEndpointStatus(int status)
{
    d->demoStatus = isWritableStatus(status) ? status : 500;
}

QList<SandboxServer::ReceivedRequest> SandboxServer::receivedRequests() const
{
    QList<ReceivedRequest> list;
    list.reserve(qsizetype(d->received.size()));
    for (const auto& entry : d->received)
        list.append(entry.second);
    return list;
}
