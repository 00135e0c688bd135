#include "ExactServer.h"

#include "HttpHeaders.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace {

QByteArray reasonPhrase(int status)
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
    case 418:
        return QByteArrayLiteral("I'm a teapot");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace

QByteArray ExactServer::Request::header(const QByteArray& name) const
{
    return HttpHeaders::value(headers, name);
}

int ExactServer::Request::headerCount(const QByteArray& name) const
{
    return HttpHeaders::count(headers, name);
}

ExactServer::Response ExactServer::Response::http(int status, const QByteArray& body, const QByteArray& contentType)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        bytes += "Content-Type: " + contentType + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n";
    bytes += body;
    return raw(bytes);
}

ExactServer::ExactServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &ExactServer::onNewConnection);
}

bool ExactServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

void ExactServer::close()
{
    m_server->close();
}

quint16 ExactServer::port() const
{
    return m_server->serverPort();
}

QUrl ExactServer::url(const QString& path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void ExactServer::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

void ExactServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // Bytes may have arrived together with the connection.
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void ExactServer::onReadyRead(QTcpSocket* socket)
{
    const auto it = m_buffers.find(socket);
    if (it == m_buffers.end()) {
        // The request on this connection was already handled (a hanging answer): ignore anything more.
        socket->readAll();
        return;
    }
    it->append(socket->readAll());
    Request request;
    if (!takeRequest(&*it, &request))
        return;
    m_buffers.erase(it);

    m_requests.append(request);
    emit requestReceived(request);

    const Response response = m_handler ? m_handler(request) : Response::http(404, {});
    switch (response.action) {
    case Response::Action::Write:
        socket->write(response.bytes);
        socket->disconnectFromHost(); // after the pending bytes are written
        break;
    case Response::Action::Close:
        socket->disconnectFromHost();
        break;
    case Response::Action::Hang:
        break;
    case Response::Action::Stream:
        ++m_streaming;
        connect(socket, &QTcpSocket::disconnected, this, [this] { --m_streaming; });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { streamTo(socket); });
        socket->write(response.bytes);
        streamTo(socket);
        break;
    }
}

void ExactServer::streamTo(QTcpSocket* socket)
{
    constexpr qint64 kChunk = 256 * 1024;
    constexpr qint64 kMaxStreamed = qint64(1) << 30;
    // Keep a little in the socket's buffer: enough to fill the network, never the whole stream in memory.
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() > kChunk)
        return;
    if (m_streamed >= kMaxStreamed) {
        socket->disconnectFromHost();
        return;
    }
    static const QByteArray filler(kChunk, ' ');
    socket->write(filler);
    m_streamed += kChunk;
}

bool ExactServer::takeRequest(QByteArray* buffer, Request* request)
{
    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
    Request r;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    r.method = requestLine.value(0);
    r.path = requestLine.value(1);
    r.version = requestLine.value(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    bool ok = false;
    const qlonglong length = r.header("Content-Length").toLongLong(&ok);
    const qsizetype bodyLength = ok && length > 0 ? qsizetype(length) : 0;
    const qsizetype total = headEnd + 4 + bodyLength;
    if (buffer->size() < total)
        return false;
    r.body = buffer->mid(headEnd + 4, bodyLength);
    r.raw = buffer->left(total);
    buffer->remove(0, total);
    *request = r;
    return true;
}
