#include "Receiver.h"

#include "DeliverySender.h"
#include "DeliveryStore.h"
#include "HttpRequestGate.h"
#include "PendingDelivery.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>

namespace {

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Written to the socket directly: QHttpServerResponder 6.4 throws on a status it has no reason phrase for, and
// the user may choose any 4xx or 5xx.
QByteArray httpAnswer(
    int status, const QByteArray& body, const QByteArray& contentType = QByteArrayLiteral("application/json"))
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpRequestGate::reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    return head + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

class Receiver::Private
{
public:
    explicit Private(Receiver* owner, DeliveryStore* s)
        : q(owner)
        , store(s)
    { }

    // A request read and judged, waiting for its row to be committed before it is answered.
    struct Waiting
    {
        StoredDelivery delivery;
        HttpRequestGate::Head head;
        QPointer<QTcpSocket> socket;
        std::shared_ptr<QHttpServerResponder> kept;
    };

    void handle(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    void storeWaiting();
    void answerStored(Waiting& waiting);
    void recordRefusal(const HttpRequestGate::RefusedRequest& refused);
    qint64 store_(StoredDelivery& delivery);
    void forward(StoredDelivery delivery, const HttpRequestGate::Head& head, QTcpSocket* socket,
        std::shared_ptr<QHttpServerResponder> kept);
    void answerLater(QTcpSocket* socket, std::shared_ptr<QHttpServerResponder> kept, int status, const QByteArray& body,
        const QByteArray& contentType, int delay);

    Receiver* q;
    DeliveryStore* store;
    DeliveryVerifier verifier;
    int answerStatus = 200;
    int delayMs = 0;
    qint64 maxBodyBytes = Limits::MaxRequestBodyBytes;
    QUrl forwardUrl;
    ForwardAnswer forwardAnswer = ForwardAnswer::AppStatus;
    QNetworkAccessManager network;
    DeliverySender sender {&network};
    QHostAddress address;
    quint16 port = 0;
    HttpRequestGate* gate = nullptr; // owned by `http` once bound
    QHttpServer http;
    // The requests handed on since the last commit: stored together once the event loop has read every request
    // that arrived with them, in one transaction, so a burst costs one commit instead of one per request.
    QList<Waiting> waiting;
};

qint64 Receiver::Private::store_(StoredDelivery& delivery)
{
    QString problem;
    delivery.id = store->insert(delivery, &problem);
    if (delivery.id == 0) {
        emit q->storeFailed(problem);
        return 0;
    }
    emit q->stored(delivery);
    return delivery.id;
}

void Receiver::Private::handle(const QHttpServerRequest& request, QHttpServerResponder&& responder)
{
    QTcpSocket* socket = responder.socket();
    const std::optional<HttpRequestGate::Head> head = gate->handedOnHead(socket);
    if (!head) {
        // Only the gate hands connections on; a request it did not screen is never served.
        socket->abort();
        return;
    }

    StoredDelivery delivery;
    delivery.receivedAt = QDateTime::currentDateTimeUtc();
    delivery.remoteAddress = socket->peerAddress().toString();
    delivery.method = head->method;
    delivery.target = head->target;
    delivery.headers = StoredDelivery::storedHeaders(head->headers);
    delivery.body = request.body();
    delivery.bodySize = delivery.body.size();
    const DeliveryVerifier::Verdicts verdicts = verifier.verify(head->headers, delivery.body, delivery.receivedAt);
    delivery.signature = DeliveryVerifier::name(verdicts.signature);
    delivery.matchedSecret = verdicts.matchedLabel;
    delivery.basicAuth = DeliveryVerifier::name(verdicts.basicAuth);
    delivery.eventType = verdicts.eventType;
    delivery.eventId = verdicts.eventId;
    delivery.ping = verdicts.ping;
    // Daily creates a webhook only once its ping got a 200 "within a few seconds": never delayed or refused.
    delivery.status = delivery.ping ? 200 : answerStatus;
    // Stored with the forward URL before the forward starts: a row whose forward never finished says so.
    if (!delivery.ping && !forwardUrl.isEmpty())
        delivery.forwardUrl = forwardUrl.toString();

    if (waiting.isEmpty()) {
        // Queued: runs after the sockets that are ready now have been read.
        QMetaObject::invokeMethod(
            q, [this] { storeWaiting(); }, Qt::QueuedConnection);
    }
    waiting.append({std::move(delivery), *head, socket, std::make_shared<QHttpServerResponder>(std::move(responder))});
}

void Receiver::Private::storeWaiting()
{
    QList<Waiting> batch;
    batch.swap(waiting);
    if (batch.isEmpty())
        return;
    QList<StoredDelivery> rows;
    rows.reserve(batch.size());
    for (const Waiting& w : std::as_const(batch))
        rows.append(w.delivery);
    QString problem;
    const bool stored = store->insertAll(rows, &problem);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        Waiting& w = batch[i];
        w.delivery.id = stored ? rows.at(i).id : 0;
        if (stored)
            emit q->stored(w.delivery);
        else
            emit q->storeFailed(problem);
        answerStored(w);
    }
}

void Receiver::Private::answerStored(Waiting& w)
{
    const StoredDelivery& delivery = w.delivery;
    const qint64 id = delivery.id;
    if (id != 0 && delivery.forwarded())
        return forward(delivery, w.head, w.socket, w.kept);
    int status = delivery.status;
    QByteArray body;
    if (id == 0) {
        status = 500;
        body = jsonBody({{QStringLiteral("error"), QStringLiteral("server-error")},
            {QStringLiteral("info"), QStringLiteral("the receiver could not store this delivery")}});
    } else if (status == 200) {
        // What jsonBody({{"stored", id}}) writes, without building a JSON object for every delivery.
        body = "{\"stored\":" + QByteArray::number(id) + '}';
    } else {
        body = jsonBody({{QStringLiteral("error"), QStringLiteral("chosen-answer")},
            {QStringLiteral("info"), QStringLiteral("this receiver was told to answer %1").arg(status)}});
    }

    answerLater(w.socket, w.kept, status, body, QByteArrayLiteral("application/json"),
        (id == 0 || delivery.ping) ? 0 : delayMs);
}

void Receiver::Private::answerLater(QTcpSocket* socket, std::shared_ptr<QHttpServerResponder> kept, int status,
    const QByteArray& body, const QByteArray& contentType, int delay)
{
    if (!socket)
        return;
    // The responder only keeps the socket for us; the answer is written to the socket itself.
    QPointer<QTcpSocket> guard(socket);
    const auto answer = [guard, kept, status, body, contentType] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        if (status != NoAnswer)
            guard->write(httpAnswer(status, body, contentType));
        // One request per connection (see HttpRequestGate).
        guard->disconnectFromHost();
    };
    if (delay <= 0)
        answer();
    else
        QTimer::singleShot(delay, socket, answer);
}

void Receiver::Private::forward(StoredDelivery delivery, const HttpRequestGate::Head& head, QTcpSocket* socket,
    std::shared_ptr<QHttpServerResponder> kept)
{
    // The head as it arrived, not the stored one: the store keeps Authorization redacted, the app needs it whole.
    const DeliveryRequest request
        = DeliveryRequest::forwarded(forwardUrl, head.method, head.target, head.headers, delivery.body);
    PendingDelivery* pending = sender.send(request);
    QPointer<QTcpSocket> guard(socket);
    const ForwardAnswer mode = forwardAnswer;
    QObject::connect(pending, &PendingDelivery::finished, q,
        [this, delivery, guard, kept, mode](const DeliveryResult& result) mutable {
            delivery.forwardUrl = forwardUrl.toString();
            delivery.forwardStatus = result.httpStatus;
            delivery.forwardLatencyMs = result.latencyMs;
            delivery.forwardBody = result.answerBody;
            delivery.forwardCut = result.answerCut;
            delivery.forwardFailure = DeliveryResult::failureName(result.failure);
            delivery.forwardProblem = result.failureText;
            const bool answered = result.failure == DeliveryResult::Failure::None && result.httpStatus > 0;
            QByteArray body;
            QByteArray contentType = QByteArrayLiteral("application/json");
            if (mode == ForwardAnswer::Always200) {
                delivery.status = 200;
                body = jsonBody({{QStringLiteral("stored"), delivery.id}});
            } else if (answered) {
                delivery.status = result.httpStatus;
                body = result.answerBody;
                contentType = HttpHeaders::value(result.answerHeaders, "Content-Type");
            } else {
                delivery.status = 502;
                body = jsonBody({{QStringLiteral("error"), QStringLiteral("forward-failed")},
                    {QStringLiteral("info"),
                        QStringLiteral("the app at %1 gave no answer: %2")
                            .arg(delivery.forwardUrl, result.failureText)}});
            }
            QString problem;
            // The row itself is committed already; only the forward's record is missing, and says so.
            if (!store->recordForward(delivery.id, delivery, &problem))
                delivery.problem = problem;
            emit q->forwarded(delivery);
            answerLater(guard, kept, delivery.status, body, contentType, delayMs);
        });
}

void Receiver::Private::recordRefusal(const HttpRequestGate::RefusedRequest& refused)
{
    StoredDelivery delivery;
    delivery.receivedAt = QDateTime::currentDateTimeUtc();
    delivery.remoteAddress = refused.peerAddress;
    if (refused.head) {
        delivery.method = refused.head->method;
        delivery.target = refused.head->target;
        delivery.headers = StoredDelivery::storedHeaders(refused.head->headers);
        delivery.bodySize = refused.head->contentLength;
        delivery.basicAuth = DeliveryVerifier::name(
            verifier.basicAuthVerdict(refused.head->header(QByteArrayLiteral("Authorization"))));
    } else {
        delivery.headers = StoredDelivery::storedRawHead(refused.headBytes);
        delivery.basicAuth = DeliveryVerifier::name(DeliveryVerifier::BasicAuthVerdict::NotExpected);
    }
    // The body was never read: no signature verdict.
    delivery.status = refused.refusal.status;
    delivery.problem = refused.refusal.info;
    store_(delivery);
}

Receiver::Receiver(DeliveryStore* store, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, store))
{
    Q_ASSERT(store);
    d->http.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        d->handle(request, std::move(responder));
    });
}

Receiver::~Receiver() = default;

void Receiver::setVerifier(const DeliveryVerifier& verifier)
{
    d->verifier = verifier;
}

void Receiver::setAnswerStatus(int status)
{
    if (isAnswerStatus(status))
        d->answerStatus = status;
}

int Receiver::answerStatus() const
{
    return d->answerStatus;
}

bool Receiver::isAnswerStatus(int status)
{
    return status == 200 || status == NoAnswer || (status >= 400 && status <= 599);
}

void Receiver::setDelayMs(int ms)
{
    d->delayMs = qMax(0, ms);
}

void Receiver::setMaxBodyBytes(qint64 bytes)
{
    d->maxBodyBytes = bytes;
    if (d->gate)
        d->gate->setMaxBodyBytes(bytes);
}

bool Receiver::listen(const QHostAddress& address, quint16 port, QString* error)
{
    if (d->gate) {
        if (error)
            *error = tr("The receiver is already listening.");
        return false;
    }
    auto gate = std::make_unique<HttpRequestGate>();
    gate->setMaxBodyBytes(d->maxBodyBytes);
    gate->setRefusalObserver([this](const HttpRequestGate::RefusedRequest& refused) { d->recordRefusal(refused); });
    if (!gate->listen(address, port)) {
        if (error && gate->serverError() == QAbstractSocket::AddressInUseError)
            *error = tr("Port %1 on %2 is taken by another program (another receiver?).")
                         .arg(port)
                         .arg(address.toString());
        else if (error)
            *error
                = tr("Could not listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(gate->errorString());
        return false;
    }
    d->address = address;
    d->port = gate->serverPort();
    d->gate = gate.release();
    d->http.bind(d->gate);
    return true;
}

void Receiver::setForwardUrl(const QUrl& url)
{
    d->forwardUrl = url;
}

QUrl Receiver::forwardUrl() const
{
    return d->forwardUrl;
}

void Receiver::setForwardAnswer(ForwardAnswer answer)
{
    d->forwardAnswer = answer;
}

void Receiver::setForwardTimeoutMs(int ms)
{
    d->sender.setTimeoutMs(ms);
}

quint16 Receiver::port() const
{
    return d->port;
}

QHostAddress Receiver::address() const
{
    return d->address;
}

bool Receiver::isLoopback(const QHostAddress& address)
{
    return address.isLoopback();
}
