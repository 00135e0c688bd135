// The receiver over real HTTP on 127.0.0.1, its store a real SQLite file: the ping, the row committed before the
// answer, chosen answers and delays (without stalling the event loop), 413 and malformed heads recorded, a store
// that cannot write never acknowledging, and concurrent load with the verdicts right.

#include "ClosedPort.h"
#include "DeliveryRequest.h"
#include "DeliveryStore.h"
#include "ExactServer.h"
#include "RawConnection.h"
#include "Receiver.h"
#include "ReferenceSignature.h"
#include "SilentServer.h"
#include "StallMeter.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kOtherSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");

QByteArray statusLine(const QByteArray& answer)
{
    return answer.left(answer.indexOf("\r\n"));
}

QByteArray eventBody(int n)
{
    return "{\"version\":\"1.0.0\",\"type\":\"meeting.started\",\"id\":\"evt-" + QByteArray::number(n)
        + "\",\"payload\":{\"room\":\"r\"},\"event_ts\":1708526033.049}";
}

// A request signed as Daily signs, the signature computed by the tests' own reference.
QByteArray signedRequest(const QByteArray& target, const QByteArray& body, const QString& secret,
    const QByteArray& extraHeaders = QByteArray())
{
    const QByteArray timestamp = DeliveryRequest::timestampNow();
    return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Webhook-Timestamp: "
        + timestamp + "\r\nX-Webhook-Signature: " + ReferenceSignature::of(secret, timestamp, body) + "\r\n"
        + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A delivery as a tunnel hands it on: hop-by-hop fields around the ones that must reach the app unchanged.
QByteArray deliveryForTheApp(const QByteArray& target, const QByteArray& body, const QByteArray& timestamp)
{
    return "POST " + target + " HTTP/1.1\r\nHost: abc.tunnel.example\r\nConnection: keep-alive, X-Hop\r\n"
        + "X-Hop: 1\r\ncontent-type: application/json\r\nX-Webhook-Timestamp: " + timestamp
        + "\r\nX-Webhook-Signature: " + ReferenceSignature::of(kSecret, timestamp, body)
        + "\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Repeated: a\r\nKeep-Alive: timeout=5\r\nX-Repeated: b\r\n"
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class tst_Receiver : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<DeliveryStore>();
        QString error;
        QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("deliveries.sqlite")), &error), qPrintable(error));
        m_receiver = std::make_unique<Receiver>(m_store.get());
        DeliveryVerifier verifier;
        verifier.setCandidates({{QStringLiteral("main"), kSecret}});
        verifier.setExpectedBasicAuth(QStringLiteral("dXNlcjpwYXNz"));
        m_receiver->setVerifier(verifier);
        QVERIFY2(m_receiver->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(m_receiver->port() != 0);
    }
    void cleanup()
    {
        m_receiver.reset();
        m_store.reset();
        m_dir.reset();
    }

    void thePingIsAnswered200AndStored()
    {
        m_receiver->setAnswerStatus(503);
        m_receiver->setDelayMs(5000);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_receiver->port()));
        const DeliveryRequest ping = DeliveryRequest::ping(
            url, kSecret, QStringLiteral("dXNlcjpwYXNz"), DeliveryRequest::timestampNow(), "node-superagent/3.8.3");
        QNetworkAccessManager network;
        QElapsedTimer clock;
        clock.start();
        QNetworkReply* reply = network.post(ping.toNetworkRequest(), ping.body);
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY2(clock.elapsed() < 4000, "the ping waited for the chosen delay");
        delete reply;

        QCOMPARE(m_store->count(), qint64(1));
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QVERIFY(row.ping);
        QCOMPARE(row.status, 200);
        QCOMPARE(row.signature, QStringLiteral("valid"));
        QCOMPARE(row.matchedSecret, QStringLiteral("main"));
        QCOMPARE(row.basicAuth, QStringLiteral("valid"));
        QCOMPARE(row.body, DeliveryRequest::pingBody());
        QCOMPARE(row.method, QByteArrayLiteral("POST"));
        QCOMPARE(row.target, QByteArrayLiteral("/hook"));
        QCOMPARE(row.remoteAddress, QStringLiteral("127.0.0.1"));
        QVERIFY(row.headers.contains("Authorization: [redacted]\r\n"));
        QVERIFY(!row.headers.contains("dXNlcjpwYXNz"));
    }

    void theRowIsCommittedWhenTheClientSeesTheAnswer()
    {
        // Another connection to the file, as another program would read it.
        DeliveryStore reader;
        QVERIFY(reader.open(m_store->path(), nullptr));
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        QList<qint64> countWhenAnswered;
        connect(&socket, &QIODevice::readyRead, this, [&] {
            if (countWhenAnswered.isEmpty())
                countWhenAnswered.append(reader.count());
        });
        socket.write(signedRequest("/a%2Fb?x=%41&y", eventBody(1), kSecret));
        const QByteArray answer = RawConnection::readUntilClosed(socket);
        QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 200 OK"));
        QCOMPARE(countWhenAnswered, QList<qint64> {1});
        const StoredDelivery row = reader.pageBefore({}, 0, 1).first();
        QCOMPARE(row.target, QByteArrayLiteral("/a%2Fb?x=%41&y"));
        QCOMPARE(row.eventType, QStringLiteral("meeting.started"));
        QCOMPARE(row.eventId, QStringLiteral("evt-1"));
        QCOMPARE(row.signature, QStringLiteral("valid"));
        QCOMPARE(row.basicAuth, QStringLiteral("missing"));
        QVERIFY(answer.endsWith(QByteArray("{\"stored\":" + QByteArray::number(row.id) + "}")));
    }

    void chosenAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("200") << 200 << QByteArrayLiteral("HTTP/1.1 200 OK");
        QTest::newRow("404") << 404 << QByteArrayLiteral("HTTP/1.1 404 Not Found");
        QTest::newRow("429") << 429 << QByteArrayLiteral("HTTP/1.1 429 Too Many Requests");
        QTest::newRow("418, no reason phrase of Qt's") << 418 << QByteArrayLiteral("HTTP/1.1 418 Client Error");
        QTest::newRow("503") << 503 << QByteArrayLiteral("HTTP/1.1 503 Service Unavailable");
        QTest::newRow("599") << 599 << QByteArrayLiteral("HTTP/1.1 599 Server Error");
        QTest::newRow("no answer") << int(Receiver::NoAnswer) << QByteArray();
    }
    void chosenAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, line);
        m_receiver->setAnswerStatus(status);
        QCOMPARE(m_receiver->answerStatus(), status);
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/h", eventBody(2), kSecret));
        QByteArray answer;
        QVERIFY(RawConnection::waitUntilClosed(socket, &answer));
        QCOMPARE(statusLine(answer), line);
        if (status == Receiver::NoAnswer)
            QVERIFY(answer.isEmpty());
        QCOMPARE(m_store->pageBefore({}, 0, 1).first().status, status);
    }

    void statusesOutsideTheChoiceAreRefused()
    {
        for (int status : {100, 201, 302, 399, 600, -1})
            QVERIFY2(!Receiver::isAnswerStatus(status), qPrintable(QString::number(status)));
        m_receiver->setAnswerStatus(302);
        QCOMPARE(m_receiver->answerStatus(), 200);
    }

    void aDelayDoesNotStallTheEventLoop()
    {
        m_receiver->setDelayMs(600);
        StallMeter meter;
        meter.start();
        QElapsedTimer clock;
        clock.start();
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/h", eventBody(3), kSecret));
        QTRY_COMPARE(m_store->count(), qint64(1)); // stored at once, answered later
        QVERIFY(clock.elapsed() < 500);
        const QByteArray answer = RawConnection::readUntilClosed(socket);
        meter.stop();
        QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 200 OK"));
        QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(meter.longestMs() < 200, qPrintable(QString::number(meter.longestMs())));
    }

    void anOversizedBodyIs413AndRecorded()
    {
        m_receiver->setMaxBodyBytes(100);
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/big?q=1", QByteArray(200, 'x'), kSecret, "Authorization: Basic c2VjcmV0\r\n"));
        QCOMPARE(
            statusLine(RawConnection::readUntilClosed(socket)), QByteArrayLiteral("HTTP/1.1 413 Payload Too Large"));
        QCOMPARE(m_store->count(), qint64(1));
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QCOMPARE(row.status, 413);
        QCOMPARE(row.target, QByteArrayLiteral("/big?q=1"));
        QCOMPARE(row.bodySize, qint64(200));
        QVERIFY(row.body.isEmpty());
        QVERIFY(row.signature.isEmpty());
        QCOMPARE(row.basicAuth, QStringLiteral("wrong"));
        QVERIFY(!row.problem.isEmpty());
        QVERIFY(!row.headers.contains("c2VjcmV0"));
    }

    void aMalformedRequestIs400AndRecorded()
    {
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write("POST /x HTTP/1.1\r\nNo colon here\r\nAuthorization: Basic c2VjcmV0\r\n\r\n");
        QCOMPARE(statusLine(RawConnection::readUntilClosed(socket)), QByteArrayLiteral("HTTP/1.1 400 Bad Request"));
        QCOMPARE(m_store->count(), qint64(1));
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QCOMPARE(row.status, 400);
        QVERIFY(row.method.isEmpty());
        QVERIFY(row.headers.startsWith("POST /x HTTP/1.1\r\nNo colon here\r\n"));
        QVERIFY(!row.headers.contains("c2VjcmV0"));
        QVERIFY(!row.problem.isEmpty());

        // Garbage, then a good request: the receiver is still there.
        QTcpSocket garbage;
        QVERIFY(RawConnection::open(garbage, m_receiver->port()));
        garbage.write(QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n\n", 13));
        RawConnection::readUntilClosed(garbage);
        QTcpSocket good;
        QVERIFY(RawConnection::open(good, m_receiver->port()));
        good.write(signedRequest("/h", eventBody(4), kSecret));
        QCOMPARE(statusLine(RawConnection::readUntilClosed(good)), QByteArrayLiteral("HTTP/1.1 200 OK"));
        QCOMPARE(m_store->count(), qint64(3));
    }

    void aDeliveryThatCannotBeStoredIsNeverAcknowledged()
    {
        QSignalSpy failed(m_receiver.get(), &Receiver::storeFailed);
        m_store->close();
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/h", eventBody(5), kSecret));
        QCOMPARE(statusLine(RawConnection::readUntilClosed(socket)),
            QByteArrayLiteral("HTTP/1.1 500 Internal Server Error"));
        QCOMPARE(failed.size(), 1);
    }

    void concurrentLoadStoresEveryDeliveryWithItsVerdicts()
    {
        constexpr int kPerKind = 60;
        QNetworkAccessManager network;
        QList<QNetworkReply*> replies;
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/load").arg(m_receiver->port()));
        for (int i = 0; i < kPerKind; ++i) {
            const QByteArray ts = DeliveryRequest::timestampNow();
            for (const QString& secret : {kSecret, kOtherSecret, QString()}) {
                const QByteArray body = eventBody(int(replies.size()));
                const DeliveryRequest r = DeliveryRequest::signedPost(url, body, secret, QString(), ts, "load/1");
                replies.append(network.post(r.toNetworkRequest(), r.body));
            }
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply* r) { return r->isFinished(); }), 60000);
        int ok = 0;
        for (QNetworkReply* reply : std::as_const(replies)) {
            ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 ? 1 : 0;
            reply->deleteLater();
        }
        QCOMPARE(ok, 3 * kPerKind);
        QCOMPARE(m_store->count(), qint64(3 * kPerKind));
        QCOMPARE(m_store->count({QString(), QStringLiteral("valid"), QString()}), qint64(kPerKind));
        QCOMPARE(m_store->count({QString(), QStringLiteral("invalid"), QString()}), qint64(kPerKind));
        QCOMPARE(m_store->count({QString(), QStringLiteral("headers-missing"), QString()}), qint64(kPerKind));
        // Every event id once.
        for (int n = 0; n < 3 * kPerKind; n += 37)
            QCOMPARE(m_store->count({QString(), QString(), QStringLiteral("\"evt-%1\"").arg(n)}), qint64(1));
    }

    void aForwardPassesTheDeliveryOnByteForByte_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("path") << QByteArray("/daily");
        QTest::newRow("encoded slash, plus, repeated keys") << QByteArray("/d/a%2Fb?x=1+2&x=3&x=");
        QTest::newRow("encoded unreserved characters") << QByteArray("/%41%7e?%7E=%41");
        QTest::newRow("dot segments") << QByteArray("/a/../b/./c");
        QTest::newRow("root with a query") << QByteArray("/?a=%2F&a=b");
    }
    void aForwardPassesTheDeliveryOnByteForByte()
    {
        QFETCH(QByteArray, target);
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(201, "{\"seen\":true}", "application/x-app");
        });
        m_receiver->setForwardUrl(app.url(QStringLiteral("/app/hooks")));
        QSignalSpy forwarded(m_receiver.get(), &Receiver::forwarded);
        const QByteArray body = eventBody(7) + " \n";
        const QByteArray timestamp = DeliveryRequest::timestampNow();
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(deliveryForTheApp(target, body, timestamp));
        const QByteArray answer = RawConnection::readUntilClosed(socket);

        QCOMPARE(app.requests().size(), 1);
        const QByteArray sentTarget = target.startsWith("/?") ? "/app/hooks" + target.mid(1) : "/app/hooks" + target;
        const QByteArray expected = "POST " + sentTarget + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + QByteArray::number(app.port()) + "\r\ncontent-type: application/json\r\nX-Webhook-Timestamp: " + timestamp
            + "\r\nX-Webhook-Signature: " + ReferenceSignature::of(kSecret, timestamp, body)
            + "\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Repeated: a\r\nX-Repeated: b\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        QCOMPARE(app.requests().constFirst().raw, expected);

        // The app's answer is passed back and recorded beside the delivery.
        QVERIFY(statusLine(answer).startsWith("HTTP/1.1 201 "));
        QVERIFY(answer.contains("\r\nContent-Type: application/x-app\r\n"));
        QVERIFY(answer.endsWith("\r\n\r\n{\"seen\":true}"));
        QCOMPARE(forwarded.count(), 1);
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QCOMPARE(row.target, target);
        QCOMPARE(row.signature, QStringLiteral("valid"));
        QCOMPARE(row.status, 201);
        QCOMPARE(row.forwardUrl, app.url(QStringLiteral("/app/hooks")).toString());
        QCOMPARE(row.forwardStatus, 201);
        QCOMPARE(row.forwardBody, QByteArray("{\"seen\":true}"));
        QVERIFY(row.forwardFailure.isEmpty());
        QVERIFY(!row.forwardCut);
        // Still redacted in the store, though the app got it whole.
        QVERIFY(!row.headers.contains("dXNlcjpwYXNz"));
    }

    void aForwardCanBeAnswered200WhateverTheAppSays()
    {
        ExactServer app;
        QVERIFY(app.listen());
        app.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(500, "broken"); });
        m_receiver->setForwardUrl(app.url(QStringLiteral("/hooks")));
        m_receiver->setForwardAnswer(Receiver::ForwardAnswer::Always200);
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/h", eventBody(8), kSecret));
        const QByteArray answer = RawConnection::readUntilClosed(socket);
        QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 200 OK"));
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QCOMPARE(row.status, 200);
        QCOMPARE(row.forwardStatus, 500);
        QCOMPARE(row.forwardBody, QByteArray("broken"));
    }

    void anAppThatIsDownOrSlowIs502AndRecorded_data()
    {
        QTest::addColumn<bool>("slow");
        QTest::addColumn<QString>("failure");
        QTest::newRow("down") << false << QStringLiteral("connection-refused");
        QTest::newRow("slow") << true << QStringLiteral("timeout");
    }
    void anAppThatIsDownOrSlowIs502AndRecorded()
    {
        QFETCH(bool, slow);
        QFETCH(QString, failure);
        SilentServer silent;
        QVERIFY(silent.listen());
        m_receiver->setForwardUrl(slow ? silent.url() : ClosedPort::url(QStringLiteral("/hooks")));
        m_receiver->setForwardTimeoutMs(300);
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        socket.write(signedRequest("/h", eventBody(9), kSecret));
        const QByteArray answer = RawConnection::readUntilClosed(socket);
        QCOMPARE(statusLine(answer), QByteArrayLiteral("HTTP/1.1 502 Bad Gateway"));
        QVERIFY(answer.contains("forward-failed"));
        const StoredDelivery row = *m_store->byId(m_store->pageBefore({}, 0, 1).first().id);
        QCOMPARE(row.status, 502);
        QCOMPARE(row.forwardStatus, 0);
        QCOMPARE(row.forwardFailure, failure);
        QVERIFY(!row.forwardProblem.isEmpty());
        if (slow)
            QVERIFY(row.forwardLatencyMs >= 300);
    }

    void thePingIsNotForwarded()
    {
        ExactServer app;
        QVERIFY(app.listen());
        m_receiver->setForwardUrl(app.url());
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_receiver->port()));
        QTcpSocket socket;
        QVERIFY(RawConnection::open(socket, m_receiver->port()));
        const DeliveryRequest ping = DeliveryRequest::ping(url, kSecret, {}, DeliveryRequest::timestampNow(), "t");
        socket.write(signedRequest("/hook", ping.body, kSecret));
        QCOMPARE(statusLine(RawConnection::readUntilClosed(socket)), QByteArrayLiteral("HTTP/1.1 200 OK"));
        QVERIFY(app.requests().isEmpty());
        QVERIFY(!m_store->pageBefore({}, 0, 1).first().forwarded());
    }

    // A second receiver on the same port (the CLI's, the window's) is told plainly that the port is taken.
    void aTakenPortIsSaidSo()
    {
        Receiver second(m_store.get());
        QString error;
        QVERIFY(!second.listen(QHostAddress::LocalHost, m_receiver->port(), &error));
        QCOMPARE(error,
            QStringLiteral("Port %1 on 127.0.0.1 is taken by another program (another receiver?).")
                .arg(m_receiver->port()));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeliveryStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
};

QTEST_GUILESS_MAIN(tst_Receiver)

#include "tst_Receiver.moc"
