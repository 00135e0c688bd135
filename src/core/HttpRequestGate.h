#pragma once

#include "Limits.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QTcpServer>

#include <functional>
#include <optional>

class QTcpSocket;

// The listening socket of an HTTP server that must resist hostile clients (QHttpServer 6.4 reads any body whole,
// without limit, before a handler runs). Bind it with QAbstractHttpServer::bind(): it hands a connection on only
// once one whole request is buffered in it, and refuses on its own, from the request head alone (peeked, never
// consumed), what should never be read: a malformed or oversized head, a body over the cap or without
// Content-Length, whatever the screen refuses (e.g. a wrong API key). A request must arrive whole within the read
// deadline. One request per connection: later bytes on a handed-on connection are dropped unread, so every request
// the server sees passed the screen; the server answers with `Connection: close` and closes the socket.
// A socket never buffers more than the head cap plus the body cap.
class HttpRequestGate : public QTcpServer
{
    Q_OBJECT

public:
    // A request line and its header fields, as they arrived.
    struct Head
    {
        QByteArray method;
        QByteArray target;
        QByteArray version;
        QList<QPair<QByteArray, QByteArray>> headers;
        qint64 size = 0; // bytes up to and including the blank line that ends the head
        qint64 contentLength = 0; // 0 without Content-Length; saturates for numbers beyond qint64
        bool transferEncoding = false;
        bool expectsContinue = false;

        QByteArray header(const QByteArray& name) const; // the first field of that name, case-insensitively
        QString path() const; // the decoded path of the target, as QHttpServerRequest::url().path() gives it
    };

    // An answer the gate writes itself, as JSON {"error": …, "info": …}, before it closes the connection.
    struct Refusal
    {
        int status = 0;
        QString error;
        QString info;
    };

    // What the bytes received so far make of a request head.
    struct HeadReading
    {
        enum class Outcome { Incomplete, Complete, Refused };
        Outcome outcome = Outcome::Incomplete;
        Head head; // when Complete
        Refusal refusal; // when Refused
    };

    // Called with each complete head before its body is read; a refusal is answered at once.
    using Screen = std::function<std::optional<Refusal>(const Head&)>;

    // A request the gate answered itself, told before the answer is written (a receiver records it first).
    struct RefusedRequest
    {
        Refusal refusal;
        std::optional<Head> head; // when the head was read whole (e.g. a body over the cap)
        QByteArray headBytes; // otherwise what had arrived of the head, at most the head cap
        QString peerAddress;
    };
    using RefusalObserver = std::function<void(const RefusedRequest&)>;

    // Header fields beyond these make QHttpServer's own parser drop every field of the request; refused instead.
    static constexpr int MaxHeaderFields = 100;
    static constexpr int MaxHeaderFieldBytes = 8 * 1024;

    explicit HttpRequestGate(QObject* parent = nullptr);
    ~HttpRequestGate() override;

    // Reads a request head from the start of `bytes` (HTTP/1.0 or 1.1, CRLF or LF line ends, leading blank lines
    // ignored). Strict where QHttpServer's parser would read the bytes differently: no obs-fold, no whitespace
    // before a colon, no control characters, Content-Length digits only and never two different values.
    static HeadReading parseHead(const QByteArray& bytes, qint64 maxHeadBytes = Limits::MaxRequestHeadBytes);
    // The framing rules checked after the screen: no Transfer-Encoding (411), no body over `maxBodyBytes` (413).
    static std::optional<Refusal> checkBody(const Head& head, qint64 maxBodyBytes = Limits::MaxRequestBodyBytes);
    // The bytes written for a refusal: status line, JSON body, Content-Length and Connection: close.
    static QByteArray response(const Refusal& refusal);
    // The reason phrase written after `status` (a generic one for statuses without their own).
    static QByteArray reasonPhrase(int status);

    void setScreen(Screen screen);
    void setRefusalObserver(RefusalObserver observer);
    // The head of the request handed on through `socket` (exactly as it arrived: method, target, header fields in
    // order), while the socket lives; nullopt for a socket the gate did not hand on.
    std::optional<Head> handedOnHead(const QTcpSocket* socket) const;
    void setMaxHeadBytes(qint64 bytes);
    void setMaxBodyBytes(qint64 bytes);
    void setReadDeadlineMs(int ms);
    void setMaxConnectionsBeingRead(int connections);
    // Connections accepted and not yet handed on or closed (being read, or being answered by the gate).
    int connectionsBeingRead() const;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    enum class Stage { Head, Body, Closing };
    struct Pending
    {
        Stage stage = Stage::Head;
        qint64 requestBytes = -1; // head and body, once the head is known
        qint64 discarded = 0; // bytes dropped while closing
        Head head; // once known
    };

    void readFrom(QTcpSocket* socket);
    void refuse(QTcpSocket* socket, const Refusal& refusal, qint64 requestBytes, const std::optional<Head>& head);
    void handOn(QTcpSocket* socket, const Head& head);
    RefusedRequest refusedRequest(QTcpSocket* socket, const Refusal& refusal, const std::optional<Head>& head) const;
    void forget(QTcpSocket* socket);
    void updateAccepting();

    Screen m_screen;
    RefusalObserver m_refusalObserver;
    QHash<const QTcpSocket*, Head> m_handedOn;
    qint64 m_maxHeadBytes = Limits::MaxRequestHeadBytes;
    qint64 m_maxBodyBytes = Limits::MaxRequestBodyBytes;
    int m_readDeadlineMs = Limits::RequestReadDeadlineMs;
    int m_maxConnectionsBeingRead = Limits::MaxConnectionsBeingRead;
    QHash<QTcpSocket*, Pending> m_pending;
};
