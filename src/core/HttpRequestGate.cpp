#include "HttpRequestGate.h"

#include "HttpHeaders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <limits>

namespace {

// How long a refused connection is still read (and the bytes dropped) before it is closed: closing a socket with
// unread bytes makes the kernel reset the connection, and a client still sending its body would then lose the
// answer it was given.
constexpr int kLingerMs = 1000;

const QString kInvalidRequest = QStringLiteral("invalid-request-error");

using Refusal = HttpRequestGate::Refusal;
using HeadReading = HttpRequestGate::HeadReading;

HeadReading refused(int status, const QString& info)
{
    HeadReading reading;
    reading.outcome = HeadReading::Outcome::Refused;
    reading.refusal = Refusal {status, kInvalidRequest, info};
    return reading;
}

// RFC 9110 5.6.2: the characters of a method or a field name.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return false;
    for (char c : bytes) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Control characters other than the horizontal tab (a bare CR among them).
bool hasControlChar(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

QByteArray trimmedOws(QByteArrayView bytes)
{
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && (bytes.at(begin) == ' ' || bytes.at(begin) == '\t'))
        ++begin;
    while (end > begin && (bytes.at(end - 1) == ' ' || bytes.at(end - 1) == '\t'))
        --end;
    return bytes.sliced(begin, end - begin).toByteArray();
}

// Digits only; numbers beyond qint64 saturate, which any body cap refuses.
std::optional<qint64> parseLength(const QByteArray& value)
{
    if (value.isEmpty())
        return std::nullopt;
    qint64 length = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const int digit = c - '0';
        if (length > (std::numeric_limits<qint64>::max() - digit) / 10)
            length = std::numeric_limits<qint64>::max();
        else
            length = length * 10 + digit;
    }
    return length;
}

} // namespace

QByteArray HttpRequestGate::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        if (status >= 200 && status < 300)
            return QByteArrayLiteral("OK");
        return status >= 500 ? QByteArrayLiteral("Server Error") : QByteArrayLiteral("Client Error");
    }
}

QByteArray HttpRequestGate::Head::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

QString HttpRequestGate::Head::path() const
{
    return QUrl::fromEncoded(target).path();
}

HttpRequestGate::HttpRequestGate(QObject* parent)
    : QTcpServer(parent)
{ }

HttpRequestGate::~HttpRequestGate() = default;

HttpRequestGate::HeadReading HttpRequestGate::parseHead(const QByteArray& bytes, qint64 maxHeadBytes)
{
    const qsizetype available = qsizetype(qMin<qint64>(bytes.size(), maxHeadBytes));
    const QByteArrayView data(bytes.constData(), available);
    const bool full = bytes.size() >= maxHeadBytes;

    // RFC 9112 2.2: empty lines before the request line are ignored (QHttpServer skips them too).
    qsizetype pos = 0;
    while (pos < available && (data.at(pos) == '\r' || data.at(pos) == '\n'))
        ++pos;

    qsizetype end = data.indexOf('\n', pos);
    if (end < 0) {
        if (full)
            return refused(414, QStringLiteral("the request line is over %1 bytes").arg(maxHeadBytes));
        return {};
    }
    QByteArrayView line = data.sliced(pos, end - pos);
    if (line.endsWith('\r'))
        line.chop(1);
    const QString badLine = QStringLiteral("malformed request line");
    if (hasControlChar(line))
        return refused(400, badLine);
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return refused(400, badLine);

    Head head;
    head.method = line.first(firstSpace).toByteArray();
    head.target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1).toByteArray();
    head.version = line.sliced(lastSpace + 1).toByteArray();
    if (!isToken(head.method) || head.target.contains(' '))
        return refused(400, badLine);
    for (char c : std::as_const(head.target)) {
        if (static_cast<unsigned char>(c) > 0x7e)
            return refused(400, badLine);
    }
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0") {
        const bool http = head.version.size() == 8 && head.version.startsWith("HTTP/") && head.version.at(6) == '.';
        if (http)
            return refused(505, QStringLiteral("only HTTP/1.0 and HTTP/1.1 are served"));
        return refused(400, badLine);
    }

    std::optional<qint64> contentLength;
    const QString badField = QStringLiteral("malformed header field");
    for (;;) {
        pos = end + 1;
        end = data.indexOf('\n', pos);
        if (end < 0) {
            if (full)
                return refused(431, QStringLiteral("the request head is over %1 bytes").arg(maxHeadBytes));
            return {};
        }
        QByteArrayView field = data.sliced(pos, end - pos);
        if (field.endsWith('\r'))
            field.chop(1);
        if (field.isEmpty())
            break;
        if (head.headers.size() >= MaxHeaderFields)
            return refused(431, QStringLiteral("more than %1 header fields").arg(MaxHeaderFields));
        if (field.size() > MaxHeaderFieldBytes)
            return refused(431, QStringLiteral("a header field is over %1 bytes").arg(MaxHeaderFieldBytes));
        // A line folded onto the previous one (obs-fold) is read differently by different parsers: refused.
        if (field.startsWith(' ') || field.startsWith('\t') || hasControlChar(field))
            return refused(400, badField);
        const qsizetype colon = field.indexOf(':');
        if (colon < 0 || !isToken(field.first(colon)))
            return refused(400, badField);
        const QByteArray name = field.first(colon).toByteArray();
        const QByteArray value = trimmedOws(field.sliced(colon + 1));
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            const std::optional<qint64> length = parseLength(value);
            if (!length)
                return refused(400, QStringLiteral("Content-Length must be a number of bytes"));
            if (contentLength && *contentLength != *length)
                return refused(400, QStringLiteral("conflicting Content-Length fields"));
            contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            head.transferEncoding = true;
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            head.expectsContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
        head.headers.append({name, value});
    }
    head.size = end + 1;
    head.contentLength = contentLength.value_or(0);

    HeadReading reading;
    reading.outcome = HeadReading::Outcome::Complete;
    reading.head = std::move(head);
    return reading;
}

std::optional<HttpRequestGate::Refusal> HttpRequestGate::checkBody(const Head& head, qint64 maxBodyBytes)
{
    if (head.transferEncoding) {
        return Refusal {411, kInvalidRequest,
            QStringLiteral("send the body with a Content-Length; Transfer-Encoding is not accepted")};
    }
    if (head.contentLength > maxBodyBytes)
        return Refusal {413, kInvalidRequest, QStringLiteral("the request body is over %1 bytes").arg(maxBodyBytes)};
    return std::nullopt;
}

QByteArray HttpRequestGate::response(const Refusal& refusal)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("error"), refusal.error}, {QStringLiteral("info"), refusal.info}})
              .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(refusal.status) + ' ' + reasonPhrase(refusal.status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

void HttpRequestGate::setScreen(Screen screen)
{
    m_screen = std::move(screen);
}

void HttpRequestGate::setRefusalObserver(RefusalObserver observer)
{
    m_refusalObserver = std::move(observer);
}

std::optional<HttpRequestGate::Head> HttpRequestGate::handedOnHead(const QTcpSocket* socket) const
{
    const auto it = m_handedOn.constFind(socket);
    if (it == m_handedOn.cend())
        return std::nullopt;
    return *it;
}

void HttpRequestGate::setMaxHeadBytes(qint64 bytes)
{
    m_maxHeadBytes = bytes;
}

void HttpRequestGate::setMaxBodyBytes(qint64 bytes)
{
    m_maxBodyBytes = bytes;
}

void HttpRequestGate::setReadDeadlineMs(int ms)
{
    m_readDeadlineMs = ms;
}

void HttpRequestGate::setMaxConnectionsBeingRead(int connections)
{
    m_maxConnectionsBeingRead = connections;
    updateAccepting();
}

int HttpRequestGate::connectionsBeingRead() const
{
    return int(m_pending.size());
}

void HttpRequestGate::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // QTcpServer accepts every connection already queued before pausing takes effect: those beyond the bound are
    // answered and closed at once.
    if (m_pending.size() >= m_maxConnectionsBeingRead) {
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(response({503, QStringLiteral("server-error"),
            QStringLiteral("too many connections are being read; try again shortly")}));
        socket->disconnectFromHost();
        QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
        return;
    }
    // Until the head is known the socket holds at most the head cap; then exactly head plus announced body.
    socket->setReadBufferSize(m_maxHeadBytes);
    m_pending.insert(socket, Pending {});
    connect(socket, &QIODevice::readyRead, this, [this, socket] { readFrom(socket); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
    QTimer::singleShot(m_readDeadlineMs, socket, [this, socket] {
        const auto it = m_pending.constFind(socket);
        if (it == m_pending.cend() || it->stage == Stage::Closing)
            return;
        // A client that trickles its request gets no more of the deadline's time: nothing of it is read further.
        const Refusal late {408, kInvalidRequest,
            QStringLiteral("the request did not arrive whole within %1 ms").arg(m_readDeadlineMs)};
        if (m_refusalObserver)
            m_refusalObserver(
                refusedRequest(socket, late, it->stage == Stage::Body ? std::optional<Head>(it->head) : std::nullopt));
        // The observer may have ended the connection (or the gate) meanwhile.
        if (!m_pending.contains(socket))
            return;
        socket->write(response(late));
        m_pending[socket].stage = Stage::Closing;
        socket->disconnectFromHost();
        QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    });
    updateAccepting();
}

void HttpRequestGate::readFrom(QTcpSocket* socket)
{
    const auto it = m_pending.find(socket);
    if (it == m_pending.end())
        return;
    Pending& pending = *it;

    if (pending.stage == Stage::Closing) {
        pending.discarded += socket->skip(socket->bytesAvailable());
        // Once the whole announced request is gone, the answer can be followed by the close without a reset.
        if (pending.requestBytes >= 0 && pending.discarded >= pending.requestBytes)
            socket->disconnectFromHost();
        return;
    }

    if (pending.stage == Stage::Head) {
        const HeadReading reading = parseHead(socket->peek(m_maxHeadBytes), m_maxHeadBytes);
        if (reading.outcome == HeadReading::Outcome::Incomplete)
            return;
        if (reading.outcome == HeadReading::Outcome::Refused) {
            refuse(socket, reading.refusal, -1, std::nullopt);
            return;
        }
        const Head& head = reading.head;
        const qint64 requestBytes = head.contentLength > std::numeric_limits<qint64>::max() - head.size
            ? std::numeric_limits<qint64>::max()
            : head.size + head.contentLength;
        std::optional<Refusal> refusal = m_screen ? m_screen(head) : std::nullopt;
        if (!refusal)
            refusal = checkBody(head, m_maxBodyBytes);
        // The screen may have ended the connection (or the gate) meanwhile.
        if (!m_pending.contains(socket))
            return;
        if (refusal) {
            refuse(socket, *refusal, requestBytes, head);
            return;
        }
        m_pending[socket].stage = Stage::Body;
        m_pending[socket].head = head;
        m_pending[socket].requestBytes = requestBytes;
        socket->setReadBufferSize(requestBytes);
        if (head.expectsContinue && socket->bytesAvailable() < requestBytes)
            socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    }

    const Pending& reading = m_pending[socket];
    if (socket->bytesAvailable() >= reading.requestBytes)
        handOn(socket, reading.head);
}

void HttpRequestGate::refuse(
    QTcpSocket* socket, const Refusal& refusal, qint64 requestBytes, const std::optional<Head>& head)
{
    if (m_refusalObserver) {
        m_refusalObserver(refusedRequest(socket, refusal, head));
        if (!m_pending.contains(socket))
            return;
    }
    Pending& pending = m_pending[socket];
    pending.stage = Stage::Closing;
    pending.requestBytes = requestBytes;
    socket->write(response(refusal));
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    // Nothing else announced: the answer can be followed by the close at once.
    readFrom(socket);
}

void HttpRequestGate::handOn(QTcpSocket* socket, const Head& head)
{
    m_handedOn.insert(socket, head);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_handedOn.remove(socket); });
    forget(socket);
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    disconnect(socket, &QAbstractSocket::disconnected, this, nullptr);
    // QAbstractHttpServer takes the connection synchronously (it is connected to pendingConnectionAvailable) and
    // connects to readyRead; the request is already whole in the socket, so one readyRead makes it serve it.
    addPendingConnection(socket);
    if (hasPendingConnections()) {
        // Nobody took it: nothing may read it unscreened later.
        nextPendingConnection();
        socket->abort();
        socket->deleteLater();
        return;
    }
    QPointer<QTcpSocket> guard(socket);
    emit socket->readyRead();
    if (!guard)
        return;
    // One request per connection: whatever arrives later was not screened, so it is dropped unread and never
    // reaches the server, which closes the connection once it has answered.
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(socket, &QIODevice::readyRead, socket, [socket] { socket->skip(socket->bytesAvailable()); });
    if (socket->bytesAvailable() > 0)
        socket->skip(socket->bytesAvailable());
}

HttpRequestGate::RefusedRequest HttpRequestGate::refusedRequest(
    QTcpSocket* socket, const Refusal& refusal, const std::optional<Head>& head) const
{
    RefusedRequest refused;
    refused.refusal = refusal;
    refused.head = head;
    if (!head)
        refused.headBytes = socket->peek(m_maxHeadBytes);
    refused.peerAddress = socket->peerAddress().toString();
    return refused;
}

void HttpRequestGate::forget(QTcpSocket* socket)
{
    if (m_pending.remove(socket) > 0)
        updateAccepting();
}

void HttpRequestGate::updateAccepting()
{
    if (!isListening())
        return;
    if (m_pending.size() >= m_maxConnectionsBeingRead)
        pauseAccepting();
    else
        resumeAccepting();
}
