#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>

class QTcpServer;
class QTcpSocket;

// A tiny HTTP/1.1 server on 127.0.0.1 for tests that pin exact bytes. Each request is buffered until its
// head and its Content-Length body are complete, recorded, and handed to a handler that decides the answer:
// raw bytes written verbatim before the connection is closed, no answer at all (the connection stays open),
// a close without an answer, or a head followed by an endless body (to prove a client stops reading). One
// request per connection.
class ExactServer : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray path; // the request target as sent, e.g. /v1/webhooks/abc%20d
        QByteArray version; // e.g. HTTP/1.1
        QList<QPair<QByteArray, QByteArray>> headers; // in the order received, names as sent
        QByteArray body;
        QByteArray raw; // every byte of the request as received

        QByteArray requestLine() const { return method + ' ' + path + ' ' + version; }
        // The first header with this name, compared case-insensitively; empty when absent.
        QByteArray header(const QByteArray& name) const;
        bool hasHeader(const QByteArray& name) const { return headerCount(name) > 0; }
        int headerCount(const QByteArray& name) const;
    };

    struct Response
    {
        enum class Action { Write, Hang, Close, Stream };

        Action action = Action::Write;
        QByteArray bytes; // written verbatim for Write; the head (and start of the body) for Stream

        static Response raw(const QByteArray& bytes) { return {Action::Write, bytes}; }
        static Response hang() { return {Action::Hang, {}}; }
        static Response closeWithoutAnswer() { return {Action::Close, {}}; }
        // `head`, then filler bytes for as long as the client reads them (up to 1 GiB), then a close.
        static Response stream(const QByteArray& head) { return {Action::Stream, head}; }
        // A complete HTTP/1.1 answer with Content-Type, Content-Length and Connection: close.
        static Response http(
            int status, const QByteArray& body, const QByteArray& contentType = QByteArrayLiteral("application/json"));
    };

    using Handler = std::function<Response(const Request&)>;

    explicit ExactServer(QObject* parent = nullptr);

    // Listens on 127.0.0.1 and a free port.
    bool listen();
    // Stops accepting connections; connections already open stay as they are.
    void close();
    quint16 port() const;
    QUrl url(const QString& path = QStringLiteral("/")) const;

    // Without a handler every request is answered 404 with an empty body.
    void setHandler(Handler handler);
    QList<Request> requests() const { return m_requests; }
    // Filler bytes written by Stream answers so far, and whether every streaming client has gone.
    qint64 bytesStreamed() const { return m_streamed; }
    bool streamingClientsGone() const { return m_streaming == 0; }

signals:
    // After the request was recorded, before the handler's answer is written.
    void requestReceived(const ExactServer::Request& request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void streamTo(QTcpSocket* socket);
    // The request at the start of the buffer, once complete.
    static bool takeRequest(QByteArray* buffer, Request* request);

    QTcpServer* m_server;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    qint64 m_streamed = 0;
    int m_streaming = 0;
};
