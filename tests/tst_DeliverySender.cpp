// The sender of deliveries against a real server on 127.0.0.1 (ExactServer): the exact bytes and headers that
// arrive, the status, latency and answer recorded, a redirect reported and never followed, a huge answer cut at
// Limits::MaxDeliveryAnswerBytes, a refused connection, a timeout, a cancel, and URLs the webhook-URL rule refuses.
// Exact requests: answers read whatever their framing, and an answer whose framing cannot be trusted (heads beyond
// Limits::MaxRequestHeadBytes, a Content-Length that is no length or two, a chunk size that is no hex number) a
// failure, never a guess.

#include "ClosedPort.h"
#include "DeliverySender.h"
#include "EventCatalog.h"
#include "ExactServer.h"
#include "Limits.h"
#include "PendingDelivery.h"
#include "ReferenceSignature.h"
#include "SilentServer.h"
#include "TestEvent.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

namespace {
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
} // namespace

class tst_DeliverySender : public QObject
{
    Q_OBJECT

private:
    // Sends `request` and waits for its result.
    DeliveryResult sendAndWait(DeliverySender* sender, const DeliveryRequest& request, qint64* waitedMs = nullptr)
    {
        std::optional<DeliveryResult> result;
        QElapsedTimer clock;
        clock.start();
        PendingDelivery* pending = sender->send(request);
        connect(pending, &PendingDelivery::finished, this, [&result](const DeliveryResult& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
            return {};
        if (waitedMs)
            *waitedMs = clock.elapsed();
        return *result;
    }
    DeliveryRequest event(const QUrl& url, const QString& secret = kSecret)
    {
        return TestEvent::sample(QStringLiteral("meeting.started"), EventCatalog::builtIn())
            ->request(url, secret, QStringLiteral("dXNlcjpwYXNz"), QDateTime::currentMSecsSinceEpoch());
    }

    QNetworkAccessManager m_network;

private slots:
    void exactBytesArriveAndTheAnswerIsRecorded()
    {
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(202, QByteArrayLiteral("{\"ok\":true}"));
        });
        DeliverySender sender(&m_network);
        const DeliveryRequest request = event(QUrl(server.url().toString() + QStringLiteral("hooks/daily?x=1")));
        qint64 waited = 0;
        const DeliveryResult result = sendAndWait(&sender, request, &waited);

        QCOMPARE(server.requests().size(), 1);
        const ExactServer::Request received = server.requests().constFirst();
        QCOMPARE(received.method, QByteArrayLiteral("POST"));
        QCOMPARE(received.path, QByteArrayLiteral("/hooks/daily?x=1"));
        QCOMPARE(received.version, QByteArrayLiteral("HTTP/1.1"));
        QCOMPARE(received.body, request.body);
        for (const QByteArray& name : {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("User-Agent"),
                 QByteArrayLiteral("X-Webhook-Timestamp"), QByteArrayLiteral("X-Webhook-Signature"),
                 QByteArrayLiteral("Authorization")}) {
            QCOMPARE(received.headerCount(name), 1);
            QCOMPARE(received.header(name), request.header(name));
        }
        QCOMPARE(received.header("X-Webhook-Timestamp").size(), 13);
        QCOMPARE(received.header("X-Webhook-Signature"),
            ReferenceSignature::of(kSecret, received.header("X-Webhook-Timestamp"), received.body));
        QVERIFY(!received.hasHeader("Cookie"));

        QCOMPARE(result.failure, DeliveryResult::Failure::None);
        QCOMPARE(result.httpStatus, 202);
        QVERIFY(result.accepted());
        QVERIFY(result.signedRequest);
        QCOMPARE(result.answerBody, QByteArrayLiteral("{\"ok\":true}"));
        QCOMPARE(result.answerBytesRead, 11);
        QCOMPARE(result.announcedBytes, 11);
        QVERIFY(!result.answerCut);
        QVERIFY(result.latencyMs >= 0 && result.latencyMs <= waited);
    }

    void errorStatusIsAnAnswerNotAccepted()
    {
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::http(500, QByteArrayLiteral("boom"), QByteArrayLiteral("text/plain"));
        });
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, event(server.url()));
        QCOMPARE(result.failure, DeliveryResult::Failure::None);
        QCOMPARE(result.httpStatus, 500);
        QVERIFY(!result.accepted());
        QCOMPARE(result.answerBody, QByteArrayLiteral("boom"));
    }

    void redirectIsReportedNotFollowed()
    {
        ExactServer elsewhere;
        QVERIFY(elsewhere.listen());
        ExactServer server;
        QVERIFY(server.listen());
        const QByteArray location = elsewhere.url(QStringLiteral("/stolen")).toEncoded();
        server.setHandler([location](const ExactServer::Request&) {
            return ExactServer::Response::raw(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
        });
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, event(server.url()));
        QCOMPARE(result.httpStatus, 307);
        QVERIFY(!result.accepted());
        QCOMPARE(result.redirectLocation, QString::fromUtf8(location));
        QTest::qWait(100);
        // The signature and the Basic credential never reach the other host.
        QCOMPARE(elsewhere.requests().size(), 0);
    }

    void hugeAnswerIsCut_data()
    {
        QTest::addColumn<bool>("announced");
        QTest::newRow("an endless answer without a length") << false;
        QTest::newRow("an announced answer over the limit") << true;
    }
    void hugeAnswerIsCut()
    {
        QFETCH(bool, announced);
        ExactServer server;
        QVERIFY(server.listen());
        const qint64 size = 4 * Limits::MaxDeliveryAnswerBytes;
        server.setHandler([announced, size](const ExactServer::Request&) {
            if (announced)
                return ExactServer::Response::http(200, QByteArray(size, 'x'), QByteArrayLiteral("text/plain"));
            return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
        });
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, event(server.url()));
        QCOMPARE(result.failure, DeliveryResult::Failure::None);
        QCOMPARE(result.httpStatus, 200);
        QVERIFY(result.answerCut);
        QCOMPARE(result.answerBody.size(), Limits::MaxDeliveryAnswerBytes);
        QVERIFY(result.answerBytesRead > Limits::MaxDeliveryAnswerBytes);
        QCOMPARE(result.announcedBytes, announced ? size : qint64(-1));
        QVERIFY(!result.cutNote().isEmpty());
        if (!announced) {
            // Reading stopped: the endless server sees its client go long before 1 GiB.
            QVERIFY(QTest::qWaitFor([&server] { return server.streamingClientsGone(); }, 10000));
            QVERIFY(server.bytesStreamed() < 64 * Limits::MaxDeliveryAnswerBytes);
        }
    }

    void refusedConnectionIsAFailure()
    {
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, event(ClosedPort::url(QStringLiteral("/h"))));
        QCOMPARE(result.failure, DeliveryResult::Failure::ConnectionRefused);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY(!result.accepted());
        QVERIFY(!result.failureText.isEmpty());
        QCOMPARE(DeliveryResult::failureName(result.failure), QStringLiteral("connection-refused"));
    }

    void silentEndpointTimesOut()
    {
        SilentServer server;
        QVERIFY(server.listen());
        DeliverySender sender(&m_network);
        sender.setTimeoutMs(300);
        qint64 waited = 0;
        const DeliveryResult result = sendAndWait(&sender, event(server.url()), &waited);
        QCOMPARE(result.failure, DeliveryResult::Failure::Timeout);
        QVERIFY(result.latencyMs >= 300);
        QVERIFY2(waited < 5000, qPrintable(QString::number(waited)));
    }

    void cancelEndsItAtOnce()
    {
        SilentServer server;
        QVERIFY(server.listen());
        DeliverySender sender(&m_network);
        std::optional<DeliveryResult> result;
        PendingDelivery* pending = sender.send(event(server.url()));
        connect(pending, &PendingDelivery::finished, this, [&result](const DeliveryResult& r) { result = r; });
        QVERIFY(QTest::qWaitFor([&server] { return server.connectionCount() > 0; }, 5000));
        pending->cancel();
        QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, 5000));
        QCOMPARE(result->failure, DeliveryResult::Failure::Cancelled);
    }

    void urlsTheRuleRefusesAreNotSentTo_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("plain http beyond this machine") << QStringLiteral("http://example.com/hook");
        QTest::newRow("credentials in the URL") << QStringLiteral("https://user:pass@example.com/hook");
        QTest::newRow("not http") << QStringLiteral("ftp://example.com/hook");
    }
    void urlsTheRuleRefusesAreNotSentTo()
    {
        QFETCH(QString, url);
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, event(QUrl(url)));
        QCOMPARE(result.failure, DeliveryResult::Failure::UrlRefused);
        QVERIFY(!result.failureText.isEmpty());
        QCOMPARE(result.latencyMs, 0);
    }

    void plainHttpToThisMachineIsAllowed()
    {
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(200, {}); });
        DeliverySender sender(&m_network);
        QUrl url = server.url();
        url.setHost(QStringLiteral("localhost"));
        const DeliveryResult result = sendAndWait(&sender, event(url));
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(server.requests().size(), 1);
    }

    void exactRequestsArriveByteForByte_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("encoded slash, plus, repeated keys") << QByteArray("/hooks/a%2Fb?x=1+2&x=3&x=");
        QTest::newRow("encoded unreserved characters") << QByteArray("/%41%7e?%7E=%41");
        QTest::newRow("dot segments and double slash") << QByteArray("/a/../b/./c//d");
        QTest::newRow("odd query") << QByteArray("/d?&&a=b=c&%zz");
    }
    void exactRequestsArriveByteForByte()
    {
        QFETCH(QByteArray, target);
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([](const ExactServer::Request&) { return ExactServer::Response::http(201, "made"); });
        DeliveryRequest request;
        request.url = server.url();
        request.method = "PATCH";
        request.exactTarget = target;
        request.headers
            = {{"x-lower", "1"}, {"X-Repeated", "a"}, {"Content-Type", "application/json"}, {"X-Repeated", "b"}};
        request.body = QByteArray("{\"a\": 1,\n \"b\":\"\xc3\xa9\"}");
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, request);

        QCOMPARE(result.httpStatus, 201);
        QCOMPARE(result.answerBody, QByteArray("made"));
        QCOMPARE(server.requests().size(), 1);
        const QByteArray expected = "PATCH " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())
            + "\r\nx-lower: 1\r\nX-Repeated: a\r\nContent-Type: application/json\r\nX-Repeated: b\r\n"
              "Content-Length: "
            + QByteArray::number(request.body.size()) + "\r\nConnection: close\r\n\r\n" + request.body;
        QCOMPARE(server.requests().constFirst().raw, expected);
    }

    void exactAnswersAreReadWhateverTheirFraming_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << 200
                                        << QByteArray("hello");
        QTest::newRow("chunked") << QByteArray("HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
                                               "3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n")
                                 << 202 << QByteArray("hello");
        QTest::newRow("until close") << QByteArray("HTTP/1.0 500 Oops\r\n\r\nbroken") << 500 << QByteArray("broken");
        QTest::newRow("the same content-length twice")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok") << 200
            << QByteArray("ok");
        QTest::newRow("after 100 Continue")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray();
    }
    void exactAnswersAreReadWhateverTheirFraming()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([answer](const ExactServer::Request&) { return ExactServer::Response::raw(answer); });
        DeliveryRequest request;
        request.url = server.url();
        request.exactTarget = "/";
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, request);
        QCOMPARE(result.failure, DeliveryResult::Failure::None);
        QCOMPARE(result.httpStatus, status);
        QCOMPARE(result.answerBody, body);
    }

    void exactAnswersBreakingTheFramingAreFailures_data()
    {
        QTest::addColumn<QByteArray>("answer");
        const QByteArray ok = "\r\n\r\nok";
        const QByteArray padding = "X-Padding: " + QByteArray(Limits::MaxRequestHeadBytes, 'p') + "\r\n";
        QTest::newRow("a head beyond the bound") << "HTTP/1.1 200 OK\r\n" + padding + "Content-Length: 2" + ok;
        QByteArray interim;
        while (interim.size() <= Limits::MaxRequestHeadBytes)
            interim += "HTTP/1.1 100 Continue\r\n\r\n";
        QTest::newRow("interim answers beyond the bound") << interim + "HTTP/1.1 200 OK\r\nContent-Length: 2" + ok;
        QTest::newRow("negative content-length") << "HTTP/1.1 200 OK\r\nContent-Length: -2" + ok;
        QTest::newRow("content-length with a sign") << "HTTP/1.1 200 OK\r\nContent-Length: +2" + ok;
        QTest::newRow("content-length not a number") << "HTTP/1.1 200 OK\r\nContent-Length: two" + ok;
        QTest::newRow("content-length beyond 64 bits")
            << "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999" + ok;
        QTest::newRow("two different content-lengths")
            << "HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 1" + ok;
        QTest::newRow("chunk size with 0x") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                          "0x2\r\nok\r\n0\r\n\r\n");
        QTest::newRow("chunk size with a sign") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                              "+2\r\nok\r\n-0\r\n\r\n");
    }
    void exactAnswersBreakingTheFramingAreFailures()
    {
        QFETCH(QByteArray, answer);
        ExactServer server;
        QVERIFY(server.listen());
        server.setHandler([answer](const ExactServer::Request&) { return ExactServer::Response::raw(answer); });
        DeliveryRequest request;
        request.url = server.url();
        request.exactTarget = "/";
        DeliverySender sender(&m_network);
        const DeliveryResult result = sendAndWait(&sender, request);
        QCOMPARE(result.failure, DeliveryResult::Failure::Network);
        QCOMPARE(result.failureText, QStringLiteral("The answer could not be read as HTTP/1.1."));
        QCOMPARE(result.httpStatus, 0);
    }

    void exactRequestsKeepTheBoundsAndTheRules()
    {
        DeliverySender sender(&m_network);
        DeliveryRequest request;
        request.exactTarget = "/";
        request.url = ClosedPort::url(QStringLiteral("/"));
        QCOMPARE(sendAndWait(&sender, request).failure, DeliveryResult::Failure::ConnectionRefused);
        request.url = QUrl(QStringLiteral("http://example.com/"));
        QCOMPARE(sendAndWait(&sender, request).failure, DeliveryResult::Failure::UrlRefused);

        SilentServer silent;
        QVERIFY(silent.listen());
        sender.setTimeoutMs(300);
        request.url = silent.url();
        const DeliveryResult timedOut = sendAndWait(&sender, request);
        QCOMPARE(timedOut.failure, DeliveryResult::Failure::Timeout);
        QVERIFY(timedOut.latencyMs >= 300);

        ExactServer endless;
        QVERIFY(endless.listen());
        endless.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::stream("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
        });
        sender.setTimeoutMs(DeliverySender::DefaultTimeoutMs);
        request.url = endless.url();
        const DeliveryResult cut = sendAndWait(&sender, request);
        QCOMPARE(cut.httpStatus, 200);
        QVERIFY(cut.answerCut);
        QCOMPARE(cut.answerBody.size(), Limits::MaxDeliveryAnswerBytes);
        QVERIFY(QTest::qWaitFor([&endless] { return endless.streamingClientsGone(); }, 10000));

        ExactServer redirecting;
        QVERIFY(redirecting.listen());
        redirecting.setHandler([](const ExactServer::Request&) {
            return ExactServer::Response::raw("HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\n"
                                              "Content-Length: 0\r\n\r\n");
        });
        request.url = redirecting.url();
        const DeliveryResult redirected = sendAndWait(&sender, request);
        QCOMPARE(redirected.httpStatus, 307);
        QCOMPARE(redirecting.requests().size(), 1);
        QVERIFY(redirected.redirectLocation.endsWith(QStringLiteral("/elsewhere")));
    }
};

QTEST_GUILESS_MAIN(tst_DeliverySender)
#include "tst_DeliverySender.moc"
