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
};

QTEST_GUILESS_MAIN(tst_DeliveryRequest)
#include "tst_DeliveryRequest.moc"
