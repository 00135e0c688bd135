// The gate in front of an HTTP server: the request-head parser and framing rules as tables, then the gate itself
// in front of a plain QHttpServer on 127.0.0.1, spoken to over raw sockets.

#include "HttpHeaders.h"
#include "HttpRequestGate.h"
#include "RawConnection.h"

#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <limits>
#include <memory>

namespace {

using Outcome = HttpRequestGate::HeadReading::Outcome;

// A server whose every answer is the size of the body it got, behind a gate.
struct GatedServer
{
    GatedServer()
    {
        http.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            ++served;
            responder.write(QByteArray::number(request.body().size()),
                {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain")},
                    {QByteArrayLiteral("Connection"), QByteArrayLiteral("close")}},
                QHttpServerResponder::StatusCode::Ok);
            responder.socket()->disconnectFromHost();
        });
        gate = new HttpRequestGate;
    }

    bool listen()
    {
        if (!gate->listen(QHostAddress::LocalHost, 0))
            return false;
        http.bind(gate);
        return true;
    }

    QHttpServer http;
    HttpRequestGate* gate; // owned by `http` once bound
    int served = 0;
};

// Waits until the gate's end of the connection `client` opened holds `bytes` unread bytes. The gate peeks and reads
// nothing before the request is whole, and it looks at bytes as they are buffered, so then it has seen them all.
bool gateHolds(const HttpRequestGate& gate, const QTcpSocket& client, qint64 bytes)
{
    return QTest::qWaitFor(
        [&] {
            const QList<QTcpSocket*> sockets = gate.findChildren<QTcpSocket*>();
            return std::any_of(sockets.cbegin(), sockets.cend(), [&](const QTcpSocket* socket) {
                return socket->peerPort() == client.localPort() && socket->bytesAvailable() >= bytes;
            });
        },
        5000);
}

QByteArray statusLine(const QByteArray& answer)
{
    return answer.left(answer.indexOf("\r\n"));
}

} // namespace

class tst_HttpRequestGate : public QObject
{
    Q_OBJECT

private slots:
    void parseHead_data();
    void parseHead();
    void headFields();
    void checkBody_data();
    void checkBody();
    void response();

    void wholeRequestReachesTheServer();
    void screenRefusesBeforeTheBody();
    void expectContinue();
    void readBufferFollowsTheHead();
    void connectionsBeingReadAreBounded();
    void unclaimedConnectionIsClosed();
    void refusalsAreToldBeforeTheyAreAnswered();
    void theHandedOnHeadIsKeptWhileTheSocketLives();
};

void tst_HttpRequestGate::parseHead_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("maxHead");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("status"); // when refused
    QTest::addColumn<qint64>("headSize"); // when complete
    QTest::addColumn<qint64>("contentLength"); // when complete

    const qint64 cap = 16 * 1024;
    const int complete = int(Outcome::Complete);
    const int incomplete = int(Outcome::Incomplete);
    const int refused = int(Outcome::Refused);
    const QByteArray get = QByteArrayLiteral("GET /v1/webhooks HTTP/1.1\r\nHost: x\r\n\r\n");

    QTest::newRow("GET with CRLF") << get << cap << complete << 0 << qint64(get.size()) << qint64(0);
    QTest::newRow("LF-only line ends") << QByteArrayLiteral("GET / HTTP/1.1\nHost: x\n\n") << cap << complete << 0
                                       << qint64(24) << qint64(0);
    QTest::newRow("no header fields") << QByteArrayLiteral("GET / HTTP/1.0\r\n\r\n") << cap << complete << 0
                                      << qint64(18) << qint64(0);
    QTest::newRow("blank lines before the request line are skipped")
        << "\r\n\n" + get << cap << complete << 0 << qint64(get.size() + 3) << qint64(0);
    QTest::newRow("pipelined bytes are not part of the head")
        << get + "GET /other HTTP/1.1\r\n\r\n"
        << cap << complete << 0 << qint64(get.size()) << qint64(0);
    QTest::newRow("body bytes are not part of the head")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << cap << complete << 0 << qint64(38)
        << qint64(5);
    QTest::newRow("Content-Length with spaces around it")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length:   7 \r\n\r\n") << cap << complete << 0 << qint64(41)
        << qint64(7);
    QTest::newRow("duplicate equal Content-Length")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 05\r\n\r\n") << cap << complete
        << 0 << qint64(58) << qint64(5);
    QTest::newRow("huge Content-Length saturates")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") << cap << complete
        << 0 << qint64(60) << std::numeric_limits<qint64>::max();

    QTest::newRow("empty") << QByteArray() << cap << incomplete << 0 << qint64(0) << qint64(0);
    QTest::newRow("request line not ended")
        << QByteArrayLiteral("GET /v1/webh") << cap << incomplete << 0 << qint64(0) << qint64(0);
    QTest::newRow("header fields not ended")
        << QByteArrayLiteral("GET / HTTP/1.1\r\nHost: x\r\n") << cap << incomplete << 0 << qint64(0) << qint64(0);
    QTest::newRow("blank line half there")
        << QByteArrayLiteral("GET / HTTP/1.1\r\nHost: x\r\n\r") << cap << incomplete << 0 << qint64(0) << qint64(0);

    auto refusal = [&](const char* name, const QByteArray& bytes, int status, qint64 maxHead = 16 * 1024) {
        QTest::newRow(name) << bytes << maxHead << refused << status << qint64(0) << qint64(0);
    };
    refusal("conflicting Content-Length", "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400);
    refusal("Content-Length list", "POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n", 400);
    refusal("negative Content-Length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400);
    refusal("signed Content-Length", "POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", 400);
    refusal("garbage Content-Length", "POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n", 400);
    refusal("hexadecimal Content-Length", "POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", 400);
    refusal("empty Content-Length", "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", 400);
    refusal("header field without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400);
    refusal("space before the colon", "GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n", 400);
    refusal("empty field name", "GET / HTTP/1.1\r\n: x\r\n\r\n", 400);
    refusal("folded header line", "GET / HTTP/1.1\r\nX-A: 1\r\n  2\r\n\r\n", 400);
    refusal("bare CR in a field", "GET / HTTP/1.1\r\nX-A: 1\r2\r\n\r\n", 400);
    refusal("NUL in a field", QByteArray("GET / HTTP/1.1\r\nX-A: 1\0002\r\n\r\n", 28), 400);
    refusal("two spaces in the request line", "GET  / HTTP/1.1\r\n\r\n", 400);
    refusal("no version", "GET /\r\n\r\n", 400);
    refusal("space in the target", "GET /a b HTTP/1.1\r\n\r\n", 400);
    refusal("non-ASCII target", "GET /\xc3\xa9 HTTP/1.1\r\n\r\n", 400);
    refusal("bad method", "GE(T / HTTP/1.1\r\n\r\n", 400);
    refusal("lower-case version", "GET / http/1.1\r\n\r\n", 400);
    refusal("leading space", " GET / HTTP/1.1\r\n\r\n", 400);
    refusal("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505);
    refusal("request line over the cap", "GET /" + QByteArray(100, 'a'), 414, 64);
    refusal("head over the cap", "GET / HTTP/1.1\r\nX-A: " + QByteArray(100, 'a'), 431, 64);
    refusal("complete head over the cap", "GET / HTTP/1.1\r\nX-A: " + QByteArray(50, 'a') + "\r\n\r\n", 431, 64);
    QByteArray manyFields = "GET / HTTP/1.1\r\n";
    for (int i = 0; i <= HttpRequestGate::MaxHeaderFields; ++i)
        manyFields += "X-" + QByteArray::number(i) + ": 1\r\n";
    refusal("too many header fields", manyFields + "\r\n", 431);
    refusal("header field over 8 KiB",
        "GET / HTTP/1.1\r\nX-A: " + QByteArray(HttpRequestGate::MaxHeaderFieldBytes, 'a') + "\r\n\r\n", 431);
}

void tst_HttpRequestGate::parseHead()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, maxHead);
    QFETCH(int, outcome);
    QFETCH(int, status);
    QFETCH(qint64, headSize);
    QFETCH(qint64, contentLength);

    const HttpRequestGate::HeadReading reading = HttpRequestGate::parseHead(bytes, maxHead);
    QCOMPARE(int(reading.outcome), outcome);
    if (reading.outcome == Outcome::Refused) {
        QCOMPARE(reading.refusal.status, status);
        QCOMPARE(reading.refusal.error, QStringLiteral("invalid-request-error"));
        QVERIFY(!reading.refusal.info.isEmpty());
    }
    if (reading.outcome == Outcome::Complete) {
        QCOMPARE(reading.head.size, headSize);
        QCOMPARE(reading.head.contentLength, contentLength);
    }
}

void tst_HttpRequestGate::headFields()
{
    const HttpRequestGate::HeadReading reading = HttpRequestGate::parseHead(
        "POST /v1/webhooks/%61bc?x=1 HTTP/1.1\r\nAuthorization:  Bearer k \r\nauthorization: second\r\n"
        "Transfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n");
    QCOMPARE(reading.outcome, Outcome::Complete);
    const HttpRequestGate::Head& head = reading.head;
    QCOMPARE(head.method, QByteArrayLiteral("POST"));
    QCOMPARE(head.target, QByteArrayLiteral("/v1/webhooks/%61bc?x=1"));
    QCOMPARE(head.version, QByteArrayLiteral("HTTP/1.1"));
    QCOMPARE(head.path(), QStringLiteral("/v1/webhooks/abc"));
    QCOMPARE(head.header("AUTHORIZATION"), QByteArrayLiteral("Bearer k"));
    QCOMPARE(head.headers.size(), 4);
    QVERIFY(head.transferEncoding);
    QVERIFY(head.expectsContinue);
    QCOMPARE(head.contentLength, 0);
}

void tst_HttpRequestGate::checkBody_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status"); // 0: accepted

    QTest::newRow("no body") << QByteArrayLiteral("GET / HTTP/1.1\r\n\r\n") << 0;
    QTest::newRow("body at the cap") << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n") << 0;
    QTest::newRow("body over the cap") << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n") << 413;
    QTest::newRow("chunked") << QByteArrayLiteral("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    QTest::newRow("chunked and Content-Length")
        << QByteArrayLiteral("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
}

void tst_HttpRequestGate::checkBody()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);

    const HttpRequestGate::HeadReading reading = HttpRequestGate::parseHead(head);
    QCOMPARE(reading.outcome, Outcome::Complete);
    const std::optional<HttpRequestGate::Refusal> refusal = HttpRequestGate::checkBody(reading.head, 1000);
    QCOMPARE(refusal ? refusal->status : 0, status);
}

void tst_HttpRequestGate::response()
{
    const QByteArray bytes
        = HttpRequestGate::response({413, QStringLiteral("invalid-request-error"), QStringLiteral("too \"big\"")});
    const QByteArray body = QByteArrayLiteral(R"({"error":"invalid-request-error","info":"too \"big\""})");
    QCOMPARE(bytes,
        "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
}

void tst_HttpRequestGate::wholeRequestReachesTheServer()
{
    // The body arrives in pieces; the server is handed the request only once it is whole.
    GatedServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, server.gate->serverPort()));
    const QByteArray head = "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3000\r\n\r\n";
    socket.write(head);
    qint64 written = head.size();
    for (int i = 0; i < 3; ++i) {
        QVERIFY(gateHolds(*server.gate, socket, written));
        QCOMPARE(server.served, 0);
        QCOMPARE(server.gate->connectionsBeingRead(), 1);
        socket.write(QByteArray(1000, 'a'));
        written += 1000;
    }
    const QByteArray answer = RawConnection::readUntilClosed(socket);
    QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 200 OK"));
    QVERIFY(answer.endsWith("\r\n\r\n3000"));
    QCOMPARE(server.served, 1);
    QCOMPARE(server.gate->connectionsBeingRead(), 0);
}

void tst_HttpRequestGate::screenRefusesBeforeTheBody()
{
    GatedServer server;
    QList<QByteArray> screened;
    server.gate->setScreen([&screened](const HttpRequestGate::Head& head) -> std::optional<HttpRequestGate::Refusal> {
        screened.append(head.target);
        if (head.path() == QLatin1String("/secret"))
            return HttpRequestGate::Refusal {403, QStringLiteral("forbidden"), QStringLiteral("not here")};
        return std::nullopt;
    });
    QVERIFY(server.listen());

    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, server.gate->serverPort()));
    socket.write("POST /secret HTTP/1.1\r\nContent-Length: 500\r\n\r\n");
    const QByteArray answer = RawConnection::readUntilClosed(socket);
    QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 403 Forbidden"));
    QVERIFY(answer.endsWith(R"({"error":"forbidden","info":"not here"})"));
    QCOMPARE(screened, QList<QByteArray> {QByteArrayLiteral("/secret")});
    QCOMPARE(server.served, 0);
    QCOMPARE(server.gate->connectionsBeingRead(), 0);
}

void tst_HttpRequestGate::expectContinue()
{
    GatedServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, server.gate->serverPort()));
    socket.write("POST /x HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    QByteArray interim;
    QElapsedTimer timer;
    timer.start();
    while (!interim.contains("\r\n\r\n") && timer.elapsed() < 5000) {
        QTest::qWait(5);
        interim += socket.readAll();
    }
    QCOMPARE(interim, QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    socket.write("abcd");
    const QByteArray answer = RawConnection::readUntilClosed(socket);
    QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 200 OK"));
    QVERIFY(answer.endsWith("\r\n\r\n4"));
}

void tst_HttpRequestGate::readBufferFollowsTheHead()
{
    GatedServer server;
    server.gate->setMaxHeadBytes(1024);
    server.gate->setMaxBodyBytes(4096);
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, server.gate->serverPort()));
    QTRY_COMPARE(server.gate->findChildren<QTcpSocket*>().size(), 1);
    QTcpSocket* accepted = server.gate->findChildren<QTcpSocket*>().constFirst();
    // Until the head is known, no more than the head cap; then exactly the head and the announced body.
    QCOMPARE(accepted->readBufferSize(), 1024);
    const QByteArray head = QByteArrayLiteral("POST /x HTTP/1.1\r\nContent-Length: 3000\r\n\r\n");
    socket.write(head);
    QTRY_COMPARE(accepted->readBufferSize(), head.size() + 3000);
    // A client that sends more than it announced gets no more buffered than that.
    socket.write(QByteArray(3000 + 100000, 'a'));
    QTRY_COMPARE(server.served, 1);
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void tst_HttpRequestGate::connectionsBeingReadAreBounded()
{
    GatedServer server;
    server.gate->setMaxConnectionsBeingRead(2);
    QVERIFY(server.listen());
    const quint16 port = server.gate->serverPort();

    QTcpSocket first;
    QTcpSocket second;
    QVERIFY(RawConnection::open(first, port));
    QVERIFY(RawConnection::open(second, port));
    first.write("GET /a HTTP/1.1\r\n");
    second.write("GET /b HTTP/1.1\r\n");
    QTRY_COMPARE(server.gate->connectionsBeingRead(), 2);

    // A third client waits (the kernel queues its connection) until one of the two is done.
    QTcpSocket third;
    QVERIFY(RawConnection::open(third, port));
    third.write("GET /c HTTP/1.1\r\n\r\n");
    // The third connection was made before `second` sends more: once the gate has seen those bytes, it would have
    // taken the third too, had it been accepting.
    second.write("X-Marker: 1\r\n");
    QVERIFY(gateHolds(*server.gate, second, qstrlen("GET /b HTTP/1.1\r\nX-Marker: 1\r\n")));
    QCOMPARE(server.served, 0);
    QCOMPARE(server.gate->connectionsBeingRead(), 2);
    QVERIFY(third.bytesAvailable() == 0);

    first.write("\r\n");
    QCOMPARE(statusLine(RawConnection::readUntilClosed(first)), QByteArrayLiteral("HTTP/1.1 200 OK"));
    QCOMPARE(statusLine(RawConnection::readUntilClosed(third)), QByteArrayLiteral("HTTP/1.1 200 OK"));
    QCOMPARE(server.served, 2);
    QCOMPARE(server.gate->connectionsBeingRead(), 1);
}

void tst_HttpRequestGate::unclaimedConnectionIsClosed()
{
    // A gate no server is bound to: a request that passed it is never served unscreened later, it is closed.
    HttpRequestGate gate;
    QVERIFY(gate.listen(QHostAddress::LocalHost, 0));
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, gate.serverPort()));
    socket.write("GET / HTTP/1.1\r\n\r\n");
    QCOMPARE(RawConnection::readUntilClosed(socket), QByteArray());
    QVERIFY(!gate.hasPendingConnections());
}

void tst_HttpRequestGate::refusalsAreToldBeforeTheyAreAnswered()
{
    // A receiver records what the gate refuses; the record must exist before the client sees the answer.
    GatedServer server;
    server.gate->setMaxBodyBytes(10);
    QList<HttpRequestGate::RefusedRequest> told;
    QList<qint64> writtenWhenTold;
    server.gate->setRefusalObserver([&told, &writtenWhenTold, &server](const HttpRequestGate::RefusedRequest& r) {
        told.append(r);
        qint64 pending = 0;
        for (QTcpSocket* s : server.gate->findChildren<QTcpSocket*>())
            pending += s->bytesToWrite();
        writtenWhenTold.append(pending);
    });
    QVERIFY(server.listen());

    QTcpSocket big;
    QVERIFY(RawConnection::open(big, server.gate->serverPort()));
    big.write("POST /hook?a=1 HTTP/1.1\r\nX-Webhook-Timestamp: 1\r\nContent-Length: 11\r\n\r\n");
    QCOMPARE(statusLine(RawConnection::readUntilClosed(big)), QByteArrayLiteral("HTTP/1.1 413 Payload Too Large"));

    QTcpSocket malformed;
    QVERIFY(RawConnection::open(malformed, server.gate->serverPort()));
    malformed.write("POST /x HTTP/1.1\r\nBad Field\r\n\r\n");
    QCOMPARE(statusLine(RawConnection::readUntilClosed(malformed)), QByteArrayLiteral("HTTP/1.1 400 Bad Request"));

    QCOMPARE(told.size(), 2);
    QCOMPARE(told.at(0).refusal.status, 413);
    QVERIFY(told.at(0).head.has_value());
    QCOMPARE(told.at(0).head->target, QByteArrayLiteral("/hook?a=1"));
    QCOMPARE(told.at(0).head->header("x-webhook-timestamp"), QByteArrayLiteral("1"));
    QCOMPARE(told.at(1).refusal.status, 400);
    QVERIFY(!told.at(1).head.has_value());
    QCOMPARE(told.at(1).headBytes, QByteArrayLiteral("POST /x HTTP/1.1\r\nBad Field\r\n\r\n"));
    QCOMPARE(told.at(1).peerAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(writtenWhenTold, (QList<qint64> {0, 0}));
    QCOMPARE(server.served, 0);
}

void tst_HttpRequestGate::theHandedOnHeadIsKeptWhileTheSocketLives()
{
    GatedServer server;
    std::optional<HttpRequestGate::Head> seen;
    server.http.setMissingHandler([&server, &seen](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        seen = server.gate->handedOnHead(responder.socket());
        responder.write(QHttpServerResponder::StatusCode::Ok);
        responder.socket()->disconnectFromHost();
    });
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(RawConnection::open(socket, server.gate->serverPort()));
    // What QHttpServerRequest would not give back as sent: an unknown method, the target's own encoding, the
    // fields' spelling and order.
    socket.write("PROPFIND /a%2Fb?x=%41&y HTTP/1.1\r\nx-ONE: 1\r\nX-Two: 2\r\nx-one: 3\r\n\r\n");
    RawConnection::readUntilClosed(socket);
    QVERIFY(seen.has_value());
    QCOMPARE(seen->method, QByteArrayLiteral("PROPFIND"));
    QCOMPARE(seen->target, QByteArrayLiteral("/a%2Fb?x=%41&y"));
    const HttpHeaders::List expected {{"x-ONE", "1"}, {"X-Two", "2"}, {"x-one", "3"}};
    QCOMPARE(seen->headers, expected);
    QTRY_COMPARE(server.gate->findChildren<QTcpSocket*>().size(), 0);
    QTcpSocket other;
    QVERIFY(!server.gate->handedOnHead(&other).has_value());
}

QTEST_GUILESS_MAIN(tst_HttpRequestGate)

#include "tst_HttpRequestGate.moc"
