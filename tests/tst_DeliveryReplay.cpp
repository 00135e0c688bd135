// A stored delivery replayed: requests a real receiver stored in a real SQLite file, read back whole, replayed
// through DeliverySender to an ExactServer on 127.0.0.1. As received: the bytes, the fields in their order, the
// path and query exactly, Authorization given back, added or dropped. Re-signed: a fresh timestamp and a signature
// that verifies with the new secret only (checked by DeliveryVerifier and the tests' own reference). And the
// clear refusals: a malformed or refused request, a URL outside the rule, a secret that is not base64.

#include "DeliveryReplay.h"
#include "DeliverySender.h"
#include "DeliveryStore.h"
#include "DeliveryVerifier.h"
#include "ExactServer.h"
#include "PendingDelivery.h"
#include "RawConnection.h"
#include "Receiver.h"
#include "ReferenceSignature.h"

#include <QNetworkAccessManager>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QString kNewSecret = QStringLiteral("c2Vjb25kIHNlY3JldCBvZiBleGFjdGx5IDMyIGJ5dGU=");
const QByteArray kBasic = QByteArrayLiteral("Basic dXNlcjpwYXNz");
const QByteArray kTarget = QByteArrayLiteral("/daily/a%2Fb/../c?x=1+2&x=3&e=%7E&");

// Bytes no text-minded code keeps as they are: a NUL, a lone 0xff, CR LF, quotes, a shell's favourites.
QByteArray hostileBody()
{
    return QByteArrayLiteral("{\"type\":\"meeting.started\",\"q\":\"it's \\\"$(id)\\\" `id`\"}\r\n")
        + QByteArray("\0\xff\xfe tail", 8);
}

// A delivery as a tunnel hands it on: hop-by-hop fields around the ones a replay must keep, signed with kSecret.
QByteArray delivery(const QByteArray& target, const QByteArray& body, const QByteArray& timestamp)
{
    return "POST " + target + " HTTP/1.1\r\nHost: abc.tunnel.example\r\nConnection: keep-alive, X-Hop\r\n"
        + "X-Hop: 1\r\ncontent-type: application/json\r\nX-Webhook-Timestamp: " + timestamp
        + "\r\nX-Webhook-Signature: " + ReferenceSignature::of(kSecret, timestamp, body)
        + "\r\nAuthorization: Basic dXNlcjpwYXNz\r\nX-Repeated: a\r\nKeep-Alive: timeout=5\r\nX-Repeated: b\r\n"
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The fields a replay of delivery() sends, in order, before Content-Length and Connection.
HttpHeaders::List keptFields(const QByteArray& timestamp, const QByteArray& signature, const QByteArray& auth)
{
    HttpHeaders::List fields {
        {"content-type", "application/json"}, {"X-Webhook-Timestamp", timestamp}, {"X-Webhook-Signature", signature}};
    if (!auth.isEmpty())
        fields += HttpHeaders::List {{"Authorization", auth}};
    fields += HttpHeaders::List {{"X-Repeated", "a"}, {"X-Repeated", "b"}};
    return fields;
}

} // namespace

class tst_DeliveryReplay : public QObject
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
        m_receiver->setMaxBodyBytes(4096);
        QVERIFY2(m_receiver->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        m_app = std::make_unique<ExactServer>();
        QVERIFY(m_app->listen());
        m_app->setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(202, "{\"ok\":1}"); });
    }
    void cleanup()
    {
        m_app.reset();
        m_receiver.reset();
        m_store.reset();
        m_dir.reset();
    }

    void asReceivedSendsTheSameBytesFieldsPathAndQuery()
    {
        const QByteArray timestamp = DeliveryRequest::timestampNow();
        const StoredDelivery row = storeRaw(delivery(kTarget, hostileBody(), timestamp));
        QVERIFY(row.headers.contains("Authorization: [redacted]\r\n"));
        QVERIFY(!row.headers.contains("dXNlcjpwYXNz"));

        const DeliveryReplay::Result replay
            = DeliveryReplay::asReceived(row, m_app->url(QStringLiteral("/app")), kBasic);
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        QCOMPARE(replay.authorization, DeliveryReplay::Authorization::Restored);
        QCOMPARE(DeliveryReplay::targetUrl(replay.request),
            QStringLiteral("http://127.0.0.1:") + QString::number(m_app->port()) + QStringLiteral("/app")
                + QString::fromLatin1(kTarget));
        const DeliveryResult result = send(replay.request);
        QCOMPARE(result.httpStatus, 202);

        QCOMPARE(m_app->requests().size(), 1);
        const ExactServer::Request got = m_app->requests().constFirst();
        const QByteArray signature = ReferenceSignature::of(kSecret, timestamp, hostileBody());
        QByteArray expected
            = "POST /app" + kTarget + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_app->port()) + "\r\n";
        for (const auto& [name, value] : keptFields(timestamp, signature, kBasic))
            expected += name + ": " + value + "\r\n";
        expected += "Content-Length: " + QByteArray::number(hostileBody().size()) + "\r\nConnection: close\r\n\r\n"
            + hostileBody();
        QCOMPARE(got.raw, expected);
    }

    void asReceivedWithoutTheBasicAuthLeavesAuthorizationOut()
    {
        const QByteArray timestamp = DeliveryRequest::timestampNow();
        const StoredDelivery row = storeRaw(delivery("/", "{}", timestamp));
        const DeliveryReplay::Result replay = DeliveryReplay::asReceived(row, m_app->url(QStringLiteral("/app")));
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        QCOMPARE(replay.authorization, DeliveryReplay::Authorization::Dropped);
        QVERIFY(!DeliveryReplay::authorizationText(replay.authorization).isEmpty());
        QCOMPARE(send(replay.request).httpStatus, 202);
        const ExactServer::Request got = m_app->requests().constFirst();
        QCOMPARE(got.path, QByteArray("/app"));
        QVERIFY(!got.hasHeader("Authorization"));
        QVERIFY(!got.raw.contains("[redacted]"));
        QCOMPARE(got.headers.mid(1, 5), keptFields(timestamp, ReferenceSignature::of(kSecret, timestamp, "{}"), {}));
    }

    void authorizationIsRestoredAddedOrDropped_data()
    {
        QTest::addColumn<QByteArray>("storedFields");
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<HttpHeaders::List>("sent");
        using A = DeliveryReplay::Authorization;
        const QByteArray withAuth = "X-A: 1\r\nAuthorization: Basic c2VjcmV0\r\nX-B: 2\r\n";
        const QByteArray twice = "authorization: Basic one\r\nX-A: 1\r\nAUTHORIZATION: Basic two\r\n";
        const QByteArray without = "X-A: 1\r\nX-B: 2\r\n";
        QTest::newRow("given back in its place")
            << withAuth << kBasic << int(A::Restored)
            << HttpHeaders::List {{"X-A", "1"}, {"Authorization", kBasic}, {"X-B", "2"}};
        QTest::newRow("not given: left out")
            << withAuth << QByteArray() << int(A::Dropped) << HttpHeaders::List {{"X-A", "1"}, {"X-B", "2"}};
        QTest::newRow("repeated: each given back, names as sent")
            << twice << kBasic << int(A::Restored)
            << HttpHeaders::List {{"authorization", kBasic}, {"X-A", "1"}, {"AUTHORIZATION", kBasic}};
        QTest::newRow("repeated, not given")
            << twice << QByteArray() << int(A::Dropped) << HttpHeaders::List {{"X-A", "1"}};
        QTest::newRow("none stored, one given: added last")
            << without << kBasic << int(A::Added)
            << HttpHeaders::List {{"X-A", "1"}, {"X-B", "2"}, {"Authorization", kBasic}};
        QTest::newRow("none stored, none given")
            << without << QByteArray() << int(A::None) << HttpHeaders::List {{"X-A", "1"}, {"X-B", "2"}};
    }
    void authorizationIsRestoredAddedOrDropped()
    {
        QFETCH(QByteArray, storedFields);
        QFETCH(QByteArray, given);
        QFETCH(int, outcome);
        QFETCH(HttpHeaders::List, sent);
        const QByteArray request = "POST /h HTTP/1.1\r\nHost: x\r\n" + storedFields + "Content-Length: 2\r\n\r\n{}";
        const StoredDelivery row = storeRaw(request);
        QVERIFY(!row.headers.contains("c2VjcmV0"));
        const DeliveryReplay::Result replay = DeliveryReplay::asReceived(row, m_app->url(), given);
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        QCOMPARE(int(replay.authorization), outcome);
        QCOMPARE(replay.request.headers, sent);
        const DeliveryReplay::Result resigned = DeliveryReplay::resigned(row, m_app->url(), kNewSecret, given, "7");
        QCOMPARE(int(resigned.authorization), outcome);
    }

    void resignedVerifiesWithTheNewSecretOnly()
    {
        const QByteArray oldTimestamp = "1708526033";
        const StoredDelivery row = storeRaw(delivery(kTarget, hostileBody(), oldTimestamp));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const DeliveryReplay::Result replay
            = DeliveryReplay::resigned(row, m_app->url(QStringLiteral("/app/")), kNewSecret, kBasic);
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        QCOMPARE(send(replay.request).httpStatus, 202);

        const ExactServer::Request got = m_app->requests().constFirst();
        QCOMPARE(got.method, QByteArray("POST"));
        QCOMPARE(got.path, "/app" + kTarget);
        QCOMPARE(got.body, hostileBody());
        const QByteArray timestamp = got.header("X-Webhook-Timestamp");
        QVERIFY2(timestamp.toLongLong() >= before && timestamp.toLongLong() <= after, timestamp.constData());
        // The new signature fields stand where the old ones stood; nothing else moved.
        const QByteArray signature = ReferenceSignature::of(kNewSecret, timestamp, hostileBody());
        QCOMPARE(got.headers.mid(1, 6), keptFields(timestamp, signature, kBasic));
        QCOMPARE(got.headerCount("X-Webhook-Signature"), 1);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        DeliveryVerifier verifier;
        verifier.setCandidates({{QStringLiteral("new"), kNewSecret}});
        verifier.setExpectedBasicAuth(QStringLiteral("dXNlcjpwYXNz"));
        const DeliveryVerifier::Verdicts verdicts = verifier.verify(got.headers, got.body, now);
        QCOMPARE(verdicts.signature, DeliveryVerifier::SignatureVerdict::Valid);
        QCOMPARE(verdicts.basicAuth, DeliveryVerifier::BasicAuthVerdict::Valid);
        verifier.setCandidates({{QStringLiteral("old"), kSecret}});
        QCOMPARE(verifier.verify(got.headers, got.body, now).signature, DeliveryVerifier::SignatureVerdict::Invalid);
    }

    void resignedWithAGivenTimestampAndNoSignatureStored()
    {
        const StoredDelivery row = storeRaw("POST /h HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nContent-Length: 2\r\n\r\n{}");
        const DeliveryReplay::Result replay
            = DeliveryReplay::resigned(row, m_app->url(), kSecret, {}, QByteArrayLiteral("1708526033"));
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        const HttpHeaders::List sent {{"X-A", "1"}, {"X-Webhook-Timestamp", "1708526033"},
            {"X-Webhook-Signature", ReferenceSignature::of(kSecret, "1708526033", "{}")}};
        QCOMPARE(replay.request.headers, sent);
    }

    void otherMethodsAndNoBody()
    {
        const StoredDelivery get = storeRaw("GET /status?deep=1&x=%20 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n");
        const DeliveryReplay::Result replay = DeliveryReplay::asReceived(get, m_app->url(QStringLiteral("/app")));
        QVERIFY2(replay.ok(), qPrintable(replay.problem));
        QCOMPARE(send(replay.request).httpStatus, 202);
        const ExactServer::Request got = m_app->requests().constLast();
        QCOMPARE(got.requestLine(), QByteArray("GET /app/status?deep=1&x=%20 HTTP/1.1"));
        QVERIFY(!got.hasHeader("Content-Length"));
        QCOMPARE(got.header("Accept"), QByteArray("*/*"));
        QVERIFY(got.body.isEmpty());

        const StoredDelivery put = storeRaw("PUT /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        QCOMPARE(send(DeliveryReplay::asReceived(put, m_app->url()).request).httpStatus, 202);
        QCOMPARE(m_app->requests().constLast().requestLine(), QByteArray("PUT /p HTTP/1.1"));
        QCOMPARE(m_app->requests().constLast().body, QByteArray("abc"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("secret"); // empty: as received; "-": re-signed without a secret
        QTest::addColumn<QString>("problem");
        const QByteArray good = "POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        const QString app = QStringLiteral("http://127.0.0.1:3000/app");
        QTest::newRow("malformed head") << QByteArray("NOT A REQUEST\r\n\r\n") << app << QString()
                                        << QStringLiteral("cannot be replayed: its request line could not be read "
                                                          "(malformed request line), so there is no method");
        QTest::newRow("malformed head, re-signed")
            << QByteArray("NOT A REQUEST\r\n\r\n") << app << kNewSecret
            << QStringLiteral("cannot be replayed: its request line could not be read");
        QTest::newRow("body over the cap")
            << QByteArray("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{") << app << QString()
            << QStringLiteral("cannot be replayed: the receiver refused it with 413 (the request body is over 4096 "
                              "bytes) before reading its body, so its body was never stored.");
        QTest::newRow("chunked") << QByteArray(
            "POST /h HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                 << app << kNewSecret
                                 << QStringLiteral("cannot be replayed: the receiver refused it with 411");
        QTest::newRow("plain http elsewhere")
            << good << QStringLiteral("http://example.com/h") << QString()
            << QStringLiteral("http://example.com/h: Daily only delivers to https://");
        QTest::newRow("not http") << good << QStringLiteral("ftp://127.0.0.1/h") << QString()
                                  << QStringLiteral("use an https:// URL");
        QTest::newRow("a query") << good << QStringLiteral("https://app.example/h?a=1") << QString()
                                 << QStringLiteral("Leave the query and fragment out of the URL");
        QTest::newRow("credentials") << good << QStringLiteral("https://u:p@app.example/h") << QString()
                                     << QStringLiteral("Leave the user name and password out of the URL");
        QTest::newRow("secret not base64")
            << good << app << QStringLiteral("whsec_abc") << QStringLiteral("The HMAC secret is not base64");
        QTest::newRow("no secret") << good << app << QStringLiteral("-")
                                   << QStringLiteral("A re-signed replay needs the HMAC secret");
    }
    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, url);
        QFETCH(QString, secret);
        QFETCH(QString, problem);
        const StoredDelivery row = storeRaw(request);
        const DeliveryReplay::Result replay = secret.isEmpty()
            ? DeliveryReplay::asReceived(row, QUrl(url), kBasic)
            : DeliveryReplay::resigned(row, QUrl(url), secret == QLatin1String("-") ? QString() : secret, kBasic);
        QVERIFY(!replay.ok());
        QVERIFY2(replay.problem.contains(problem), qPrintable(replay.problem));
        QVERIFY(replay.request.headers.isEmpty());
        QVERIFY(replay.request.body.isEmpty());
        QVERIFY(!replay.problem.contains(QString::fromLatin1(kBasic)));
        QCOMPARE(DeliveryReplay::problem(row).isEmpty(), !problem.contains(QStringLiteral("cannot be replayed")));
    }

private:
    // Sends `bytes` to the receiver and returns the row it stored, whole.
    StoredDelivery storeRaw(const QByteArray& bytes)
    {
        const qint64 before = m_store->count();
        QTcpSocket socket;
        if (!RawConnection::open(socket, m_receiver->port()))
            return {};
        socket.write(bytes);
        // Stored before it is answered; a refused request's connection may linger while the gate drains it.
        if (!QTest::qWaitFor([&] { return m_store->count() == before + 1; }, RawConnection::DefaultTimeoutMs))
            return {};
        return m_store->byId(m_store->pageBefore({}, 0, 1).constFirst().id).value_or(StoredDelivery {});
    }

    DeliveryResult send(const DeliveryRequest& request)
    {
        QNetworkAccessManager network;
        DeliverySender sender(&network);
        PendingDelivery* pending = sender.send(request);
        std::optional<DeliveryResult> result;
        connect(pending, &PendingDelivery::finished, this, [&result](const DeliveryResult& r) { result = r; });
        [[maybe_unused]] const bool ended = QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
        return result.value_or(DeliveryResult {});
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeliveryStore> m_store;
    std::unique_ptr<Receiver> m_receiver;
    std::unique_ptr<ExactServer> m_app;
};

QTEST_GUILESS_MAIN(tst_DeliveryReplay)
#include "tst_DeliveryReplay.moc"
