#include "ExactHttpExchange.h"

#include "Limits.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace {

// What is kept of the answer's raw bytes: its head, the body's cap and room for chunk framing.
constexpr qint64 kMaxReceivedBytes = Limits::MaxRequestHeadBytes + Limits::MaxDeliveryAnswerBytes + 16 * 1024;

QByteArray hostField(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

bool isChunked(const HttpHeaders::List& headers)
{
    const QList<QByteArray> codings = HttpHeaders::value(headers, "Transfer-Encoding").split(',');
    return codings.constLast().trimmed().compare("chunked", Qt::CaseInsensitive) == 0;
}

// Decimal (base 10) or hex (16) digits and nothing else: no sign, no 0x, no space.
bool isDigits(const QByteArray& text, int base)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool digit = (c >= '0' && c <= '9') || (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        if (!digit)
            return false;
    }
    return true;
}

// The body's length from every Content-Length field (RFC 9110 §8.6: digits only; repeated, or as a list, only with
// one value): -1 without a field, and `valid` false when the fields say no length or two.
qint64 contentLength(const HttpHeaders::List& headers, bool* valid)
{
    *valid = true;
    qint64 length = -1;
    for (const auto& [name, value] : headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& item : value.split(',')) {
            const QByteArray digits = item.trimmed();
            bool ok = false;
            const qint64 number = isDigits(digits, 10) ? digits.toLongLong(&ok) : -1;
            if (!ok || (length >= 0 && number != length)) {
                *valid = false;
                return -1;
            }
            length = number;
        }
    }
    return length;
}

// Decodes the chunks at the start of `bytes` into `body` (at most `cap` kept); true once the last chunk arrived.
// `malformed` is set when a chunk size cannot be read.
bool dechunk(const QByteArray& bytes, QByteArray* body, qint64* bodyBytes, qint64 cap, bool* malformed)
{
    qint64 at = 0;
    while (true) {
        const qint64 lineEnd = bytes.indexOf("\r\n", at);
        if (lineEnd < 0)
            return false;
        QByteArray sizeText = bytes.mid(at, lineEnd - at);
        const qsizetype extension = sizeText.indexOf(';');
        if (extension >= 0)
            sizeText.truncate(extension);
        sizeText = sizeText.trimmed();
        bool ok = false;
        // Hex digits only: a sign or 0x is no chunk size, however a number parser would read it.
        const qint64 size = isDigits(sizeText, 16) ? sizeText.toLongLong(&ok, 16) : -1;
        if (!ok || size < 0) {
            *malformed = true;
            return false;
        }
        if (size == 0)
            return true; // trailers, if any, are not needed
        const qint64 dataStart = lineEnd + 2;
        const qint64 available = qMin<qint64>(size, bytes.size() - dataStart);
        *body += bytes.mid(dataStart, qMin<qint64>(available, cap - body->size()));
        *bodyBytes += available;
        if (available < size || *bodyBytes > cap)
            return false;
        at = dataStart + size + 2;
        if (at > bytes.size())
            return false;
    }
}

} // namespace

ExactHttpExchange::ExactHttpExchange(
    const DeliveryRequest& request, DeliveryResult started, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_request(requestBytes(request))
    , m_headRequest(request.method == "HEAD")
    , m_result(std::move(started))
{
    m_clock.start();
    const bool secure = request.url.scheme() == QLatin1String("https");
    QTcpSocket* socket = secure ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, &ExactHttpExchange::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &ExactHttpExchange::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &ExactHttpExchange::onError);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(DeliveryResult::Failure::Timeout, tr("No complete answer within %1 ms.").arg(m_timer.interval()));
    });
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
    const quint16 port = quint16(request.url.port(secure ? 443 : 80));
    if (secure) {
        auto* ssl = static_cast<QSslSocket*>(socket);
        connect(ssl, &QSslSocket::encrypted, this, [this] { m_socket->write(m_request); });
        ssl->connectToHostEncrypted(request.url.host(), port);
    } else {
        connect(socket, &QTcpSocket::connected, this, [this] { m_socket->write(m_request); });
        socket->connectToHost(request.url.host(), port);
    }
}

ExactHttpExchange::~ExactHttpExchange()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QByteArray ExactHttpExchange::requestBytes(const DeliveryRequest& request)
{
    QByteArray bytes
        = request.method + ' ' + request.exactTarget + " HTTP/1.1\r\nHost: " + hostField(request.url) + "\r\n";
    for (const auto& [name, value] : request.headers)
        bytes += name + ": " + value + "\r\n";
    const bool bodyExpected = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (bodyExpected || !request.body.isEmpty())
        bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n";
    return bytes + request.body;
}

ExactHttpExchange::AnswerReading ExactHttpExchange::readAnswer(const QByteArray& bytes, bool closed, bool headRequest)
{
    using Outcome = AnswerReading::Outcome;
    AnswerReading r;
    qint64 at = 0;
    while (true) {
        // The heads, interim answers included, end within the bound however the bytes arrive: one read that
        // brings a longer head whole is refused like the same bytes read a few at a time.
        const qint64 headEnd = bytes.indexOf("\r\n\r\n", at);
        if (headEnd < 0 || headEnd + 4 > Limits::MaxRequestHeadBytes) {
            if (headEnd >= 0 || bytes.size() > Limits::MaxRequestHeadBytes || closed)
                r.outcome = Outcome::Malformed;
            return r;
        }
        const QList<QByteArray> lines = bytes.mid(at, headEnd - at).split('\n');
        const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
        bool ok = false;
        r.status = statusLine.size() >= 2 ? statusLine.at(1).toInt(&ok) : 0;
        if (!statusLine.constFirst().startsWith("HTTP/1.") || !ok || r.status < 100 || r.status > 999) {
            r.outcome = Outcome::Malformed;
            return r;
        }
        r.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        at = headEnd + 4;
        if (r.status >= 200 || r.status == 101)
            break; // an interim answer (100 Continue, 103) is followed by the real one
    }
    const QByteArray rest = bytes.mid(at);
    bool validLength = false;
    const qint64 announced = contentLength(r.headers, &validLength);
    r.announced = announced;
    const qint64 cap = Limits::MaxDeliveryAnswerBytes;
    if (headRequest || r.status == 204 || r.status == 304) {
        r.outcome = Outcome::Complete;
        return r;
    }
    const bool chunked = isChunked(r.headers);
    if (!chunked && !validLength) {
        // A length that cannot be read leaves the body without an end (RFC 9112 §6.3): no answer to show.
        r.outcome = Outcome::Malformed;
        return r;
    }
    if (chunked) {
        bool malformed = false;
        const bool last = dechunk(rest, &r.body, &r.bodyBytes, cap, &malformed);
        r.cut = r.bodyBytes > cap;
        if (malformed)
            r.outcome = Outcome::Malformed;
        else if (last || r.cut || closed)
            r.outcome = Outcome::Complete;
        return r;
    }
    const qint64 wanted = announced;
    const qint64 arrived = wanted >= 0 ? qMin<qint64>(rest.size(), wanted) : rest.size();
    r.bodyBytes = arrived;
    r.body = rest.left(qMin(arrived, cap));
    r.cut = arrived > cap;
    if (r.cut || (wanted >= 0 && arrived >= wanted) || closed)
        r.outcome = Outcome::Complete;
    return r;
}

void ExactHttpExchange::cancel()
{
    fail(DeliveryResult::Failure::Cancelled, tr("Cancelled before the answer was complete."));
}

void ExactHttpExchange::onReadyRead()
{
    if (!m_socket || m_finished)
        return;
    m_received += m_socket->read(kMaxReceivedBytes - m_received.size());
    const AnswerReading reading = readAnswer(m_received, false, m_headRequest);
    if (reading.outcome != AnswerReading::Outcome::Incomplete || m_received.size() >= kMaxReceivedBytes)
        conclude(reading);
}

void ExactHttpExchange::onDisconnected()
{
    if (m_finished)
        return;
    if (m_socket)
        m_received += m_socket->read(kMaxReceivedBytes - m_received.size());
    conclude(readAnswer(m_received, true, m_headRequest));
}

void ExactHttpExchange::onError()
{
    if (m_finished || !m_socket)
        return;
    using Failure = DeliveryResult::Failure;
    switch (m_socket->error()) {
    case QAbstractSocket::RemoteHostClosedError:
        return onDisconnected();
    case QAbstractSocket::ConnectionRefusedError:
        return fail(Failure::ConnectionRefused, tr("Connection refused."));
    case QAbstractSocket::HostNotFoundError:
        return fail(Failure::HostNotFound, tr("Host %1 not found.").arg(m_result.url.host()));
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return fail(Failure::Tls, tr("The secure connection failed: %1.").arg(m_socket->errorString()));
    default:
        return fail(Failure::Network, m_socket->errorString() + QLatin1Char('.'));
    }
}

void ExactHttpExchange::conclude(const AnswerReading& reading)
{
    if (m_finished)
        return;
    if (reading.outcome != AnswerReading::Outcome::Complete && !reading.cut) {
        if (reading.status == 0 || reading.outcome == AnswerReading::Outcome::Malformed)
            return fail(DeliveryResult::Failure::Network,
                m_received.isEmpty() ? tr("The connection was closed without an answer.")
                                     : tr("The answer could not be read as HTTP/1.1."));
    }
    DeliveryResult& r = m_result;
    r.latencyMs = m_clock.elapsed();
    r.httpStatus = reading.status;
    r.answerHeaders = reading.headers;
    r.answerBody = reading.body;
    r.answerBytesRead = reading.bodyBytes;
    r.announcedBytes = reading.announced;
    r.answerCut = reading.cut || m_received.size() >= kMaxReceivedBytes;
    if (r.httpStatus >= 300 && r.httpStatus < 400) {
        const QByteArray location = HttpHeaders::value(reading.headers, "Location");
        if (!location.isEmpty())
            r.redirectLocation = r.url.resolved(QUrl::fromEncoded(location)).toString();
    }
    finish();
}

void ExactHttpExchange::fail(DeliveryResult::Failure failure, const QString& text)
{
    if (m_finished)
        return;
    m_result.latencyMs = m_clock.elapsed();
    m_result.failure = failure;
    m_result.failureText = text;
    finish();
}

void ExactHttpExchange::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    // Never inside the call that made it, nor inside a socket's signal.
    QTimer::singleShot(0, this, [this] { emit finished(m_result); });
}
