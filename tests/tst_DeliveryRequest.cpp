// The one builder of what Daily sends to a webhook URL (the ping, signed events), checked against the reference
// vectors of reference/daily-api.md §3, which were computed independently of this code (Python and Node).

#include "DeliveryRequest.h"

#include <QNetworkRequest>
#include <QTest>

namespace {
const QString kSecret = QStringLiteral("NQrSA5z0FkJ44QPrFerW7uCc5kdNLv3l2FDEKDanL1U=");
const QUrl kUrl(QStringLiteral("https://example.com/hook"));
const QByteArray kEventBody
    = R"({"version":"1.0.0","type":"meeting.started","id":"met-sta-f2aa1ade-ff80-464c-b46e-)"
      R"(50ffa577d48d-1708526032","payload":{"start_ts":1708526032.672,"meeting_id":"f2aa1ade-)"
      R"(ff80-464c-b46e-50ffa577d48d","room":"TrPmUX1DzjSwDaAFDfNj"},"event_ts":1708526033.049})";
} // namespace

class tst_DeliveryRequest : public QObject
{
    Q_OBJECT

private slots:
    void pingMatchesTheReferenceVector()
    {
        const DeliveryRequest r = DeliveryRequest::ping(kUrl, kSecret, QString(), "1708526033", "agent/1");
        QCOMPARE(r.url, kUrl);
        QCOMPARE(r.body, QByteArrayLiteral("{\"test\":\"test\"}"));
        QCOMPARE(r.header("X-Webhook-Timestamp"), QByteArrayLiteral("1708526033"));
        QCOMPARE(r.header("X-Webhook-Signature"), QByteArrayLiteral("ufo53RJiMj2d83mIaoDe7PEdul2++qqkZYtynVRGqh4="));
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));
        QCOMPARE(r.header("User-Agent"), QByteArrayLiteral("agent/1"));
        QVERIFY(r.header("Authorization").isEmpty());
    }

    void eventMatchesTheReferenceVectors_data()
    {
        QTest::addColumn<QByteArray>("timestamp");
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("seconds") << QByteArray("1708526033")
                                 << QByteArray("h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c=");
        QTest::newRow("milliseconds") << QByteArray("1708526033049")
                                      << QByteArray("97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8=");
    }
    void eventMatchesTheReferenceVectors()
    {
        QFETCH(QByteArray, timestamp);
        QFETCH(QByteArray, signature);
        const DeliveryRequest r = DeliveryRequest::signedPost(kUrl, kEventBody, kSecret, QString(), timestamp, "a");
        QCOMPARE(r.body, kEventBody);
        QCOMPARE(r.header("X-Webhook-Signature"), signature);
    }

    void basicAuthGoesOutVerbatim()
    {
        const DeliveryRequest r
            = DeliveryRequest::ping(kUrl, kSecret, QStringLiteral("dXNlcjpwYXNz"), "1708526033", "agent/1");
        QCOMPARE(r.header("Authorization"), QByteArrayLiteral("Basic dXNlcjpwYXNz"));
    }

    void unsignedWithoutAUsableSecret_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("none") << QString();
        QTest::newRow("not base64") << QStringLiteral("whsec_abc");
    }
    void unsignedWithoutAUsableSecret()
    {
        QFETCH(QString, secret);
        const DeliveryRequest r = DeliveryRequest::ping(kUrl, secret, QString(), "1708526033", "agent/1");
        QVERIFY(r.header("X-Webhook-Signature").isEmpty());
        for (const auto& header : r.headers)
            QVERIFY(header.first.compare("X-Webhook-Signature", Qt::CaseInsensitive) != 0);
        QCOMPARE(r.header("X-Webhook-Timestamp"), QByteArrayLiteral("1708526033"));
    }

    void timestampIsMilliseconds()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const qint64 stamp = DeliveryRequest::timestampNow().toLongLong();
        QVERIFY(stamp >= before && stamp <= QDateTime::currentMSecsSinceEpoch());
    }

    void sentAsDailysVerifierSendsIt()
    {
        const DeliveryRequest r = DeliveryRequest::ping(kUrl, kSecret, QStringLiteral("abc"), "1", "agent/1");
        const QNetworkRequest n = r.toNetworkRequest();
        QCOMPARE(n.url(), kUrl);
        for (const auto& [name, value] : r.headers)
            QCOMPARE(n.rawHeader(name), value);
        QCOMPARE(n.rawHeaderList().size(), r.headers.size());
        QCOMPARE(n.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
        QCOMPARE(
            n.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(), int(QNetworkRequest::ManualRedirectPolicy));
        QCOMPARE(n.attribute(QNetworkRequest::CacheLoadControlAttribute).toInt(), int(QNetworkRequest::AlwaysNetwork));
    }

    void forwardTargetAppendsTheIncomingTargetExactly_data()
    {
        QTest::addColumn<QString>("forwardUrl");
        QTest::addColumn<QByteArray>("incoming");
        QTest::addColumn<QByteArray>("sent");
        const QString app = QStringLiteral("http://localhost:3000/webhooks");
        QTest::newRow("path appended") << app << QByteArray("/daily") << QByteArray("/webhooks/daily");
        QTest::newRow("query kept") << app << QByteArray("/d?a=1&b=2") << QByteArray("/webhooks/d?a=1&b=2");
        QTest::newRow("encoded slash stays encoded") << app << QByteArray("/a%2Fb") << QByteArray("/webhooks/a%2Fb");
        QTest::newRow("plus stays a plus") << app << QByteArray("/d?q=a+b") << QByteArray("/webhooks/d?q=a+b");
        QTest::newRow("repeated keys in their order")
            << app << QByteArray("/d?x=2&x=1&x=") << QByteArray("/webhooks/d?x=2&x=1&x=");
        QTest::newRow("unreserved characters stay encoded")
            << app << QByteArray("/%41%7e?%7E=%41") << QByteArray("/webhooks/%41%7e?%7E=%41");
        QTest::newRow("dot segments are not resolved")
            << app << QByteArray("/a/../b/./c") << QByteArray("/webhooks/a/../b/./c");
        QTest::newRow("empty query and double slash") << app << QByteArray("//d?") << QByteArray("/webhooks//d?");
        QTest::newRow("root adds nothing") << app << QByteArray("/") << QByteArray("/webhooks");
        QTest::newRow("root adds only its query") << app << QByteArray("/?a=%2F") << QByteArray("/webhooks?a=%2F");
        QTest::newRow("trailing slash of the forward URL")
            << QStringLiteral("http://localhost:3000/webhooks/") << QByteArray("/d") << QByteArray("/webhooks/d");
        QTest::newRow("forward URL without a path")
            << QStringLiteral("http://127.0.0.1:3000") << QByteArray("/") << QByteArray("/");
        QTest::newRow("forward URL at the root")
            << QStringLiteral("http://127.0.0.1:3000/") << QByteArray("/d?x=1") << QByteArray("/d?x=1");
        QTest::newRow("encoded forward path stays encoded")
            << QStringLiteral("http://127.0.0.1:3000/my%20hooks") << QByteArray("/d") << QByteArray("/my%20hooks/d");
    }
    void forwardTargetAppendsTheIncomingTargetExactly()
    {
        QFETCH(QString, forwardUrl);
        QFETCH(QByteArray, incoming);
        QFETCH(QByteArray, sent);
        QCOMPARE(DeliveryRequest::forwardTarget(QUrl(forwardUrl), incoming), sent);
    }

    void signWritesTheSignatureFieldsInPlace()
    {
        DeliveryRequest r;
        r.body = kEventBody;
        r.headers = {{"content-type", "application/json"}, {"x-webhook-signature", "stale"}, {"X-Other", "1"},
            {"X-Webhook-Timestamp", "1"}, {"X-WEBHOOK-SIGNATURE", "stale too"}, {"X-Webhook-Timestamp", "2"}};
        r.sign(kSecret, "1708526033049");
        const HttpHeaders::List expected {{"content-type", "application/json"},
            {"x-webhook-signature", "97UCLaN/rgyaQgq92z/hMDnpKt5gR7sKFnHDORrX7s8="}, {"X-Other", "1"},
            {"X-Webhook-Timestamp", "1708526033049"}};
        QCOMPARE(r.headers, expected);

        // Absent fields are appended, timestamp first, as signedPost lays them out.
        DeliveryRequest bare;
        bare.body = kEventBody;
        bare.headers = {{"X-Other", "1"}};
        bare.sign(kSecret, "1708526033");
        const HttpHeaders::List appended {{"X-Other", "1"}, {"X-Webhook-Timestamp", "1708526033"},
            {"X-Webhook-Signature", "h5z+DQ84rH6/thgIpYgy+cu/hBMiHqSj//JJQz0Pj4c="}};
        QCOMPARE(bare.headers, appended);

        // Without a usable secret, a signature that was there goes: it could not match the new timestamp.
        r.sign(QStringLiteral("whsec_abc"), "5");
        QCOMPARE(HttpHeaders::count(r.headers, "X-Webhook-Signature"), 0);
        QCOMPARE(r.header("X-Webhook-Timestamp"), QByteArray("5"));
    }

    void forwardedKeepsTheFieldsButNotTheHops()
    {
        const HttpHeaders::List received {{"Host", "abc.ngrok.app"}, {"content-type", "application/json"},
            {"X-Webhook-Signature", "c2ln"}, {"Connection", "keep-alive, X-Hop"}, {"X-Hop", "1"},
            {"X-Webhook-Timestamp", "1700000000000"}, {"Content-Length", "2"}, {"Authorization", "Basic dXNlcjpwYXNz"},
            {"X-Repeated", "a"}, {"Keep-Alive", "timeout=5"}, {"Transfer-Encoding", "identity"},
            {"Expect", "100-continue"}, {"X-Repeated", "b"}, {"Proxy-Authorization", "Basic eA=="}};
        const DeliveryRequest r = DeliveryRequest::forwarded(
            QUrl(QStringLiteral("http://localhost:3000/hooks")), "PUT", "/x?y=%2F", received, "{}");
        const HttpHeaders::List kept {{"content-type", "application/json"}, {"X-Webhook-Signature", "c2ln"},
            {"X-Webhook-Timestamp", "1700000000000"}, {"Authorization", "Basic dXNlcjpwYXNz"}, {"X-Repeated", "a"},
            {"X-Repeated", "b"}};
        QCOMPARE(r.headers, kept);
        QCOMPARE(r.method, QByteArray("PUT"));
        QCOMPARE(r.body, QByteArray("{}"));
        QCOMPARE(r.exactTarget, QByteArray("/hooks/x?y=%2F"));
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryRequest)
#include "tst_DeliveryRequest.moc"
