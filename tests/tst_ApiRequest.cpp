// Pure request building, checked without a network: method, URL, headers and the exact body bytes.

#include "ApiRequest.h"
#include "DomainTarget.h"
#include "HttpHeaders.h"
#include "SampleDraft.h"
#include "WebhookDraft.h"

#include <QNetworkRequest>
#include <QTest>

namespace {

DomainTarget target(const char* base, const char* key = "k3y")
{
    return DomainTarget {QString(), QString(), QUrl(QString::fromLatin1(base)), QString::fromLatin1(key)};
}

} // namespace

class tst_ApiRequest : public QObject
{
    Q_OBJECT

private slots:
    void endpoint_data();
    void endpoint();
    void requests_data();
    void requests();
    void authorization();
    void toNetworkRequest();
    void defaultTarget();
};

void tst_ApiRequest::endpoint_data()
{
    QTest::addColumn<QUrl>("base");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("Daily's base") << DomainTarget::defaultBaseUrl() << QStringLiteral("webhooks")
                                  << QByteArrayLiteral("https://api.daily.co/v1/webhooks");
    QTest::newRow("trailing slash") << QUrl(QStringLiteral("https://api.daily.co/v1/")) << QStringLiteral("webhooks")
                                    << QByteArrayLiteral("https://api.daily.co/v1/webhooks");
    QTest::newRow("host only") << QUrl(QStringLiteral("https://api.daily.co")) << QStringLiteral("webhooks")
                               << QByteArrayLiteral("https://api.daily.co/webhooks");
    QTest::newRow("host and slash") << QUrl(QStringLiteral("https://api.daily.co/")) << QStringLiteral("webhooks")
                                    << QByteArrayLiteral("https://api.daily.co/webhooks");
    QTest::newRow("local prefix with port")
        << QUrl(QStringLiteral("http://127.0.0.1:1234/v1")) << QStringLiteral("webhooks/abc")
        << QByteArrayLiteral("http://127.0.0.1:1234/v1/webhooks/abc");
    QTest::newRow("deeper prefix") << QUrl(QStringLiteral("http://localhost:8080/proxy/daily/v1/"))
                                   << QStringLiteral("webhooks")
                                   << QByteArrayLiteral("http://localhost:8080/proxy/daily/v1/webhooks");
}

void tst_ApiRequest::endpoint()
{
    QFETCH(QUrl, base);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);

    QCOMPARE(ApiRequest::endpoint(base, path).toEncoded(), expected);
}

void tst_ApiRequest::requests_data()
{
    QTest::addColumn<ApiRequest>("request");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<QByteArray>("body");

    const DomainTarget daily = target("https://api.daily.co/v1");
    const DomainTarget slash = target("https://api.daily.co/v1/");
    const DomainTarget local = target("http://127.0.0.1:1234/v1");
    const QString uuid = QStringLiteral("0b4e4c7c-5eaf-46fe-990b-a3752f5684f5");

    QTest::newRow("create") << ApiRequest::createWebhook(daily.baseUrl, daily.apiKey, SampleDraft::example())
                            << QByteArrayLiteral("POST") << QByteArrayLiteral("https://api.daily.co/v1/webhooks")
                            << SampleDraft::exampleBody();
    QTest::newRow("create, base with trailing slash")
        << ApiRequest::createWebhook(slash.baseUrl, slash.apiKey, SampleDraft::example()) << QByteArrayLiteral("POST")
        << QByteArrayLiteral("https://api.daily.co/v1/webhooks") << SampleDraft::exampleBody();
    QTest::newRow("create, empty draft") << ApiRequest::createWebhook(daily.baseUrl, daily.apiKey, WebhookDraft())
                                         << QByteArrayLiteral("POST")
                                         << QByteArrayLiteral("https://api.daily.co/v1/webhooks")
                                         << QByteArrayLiteral("{}");
    QTest::newRow("list") << ApiRequest::listWebhooks(daily.baseUrl, daily.apiKey) << QByteArrayLiteral("GET")
                          << QByteArrayLiteral("https://api.daily.co/v1/webhooks") << QByteArray();
    QTest::newRow("list, local prefix") << ApiRequest::listWebhooks(local.baseUrl, local.apiKey)
                                        << QByteArrayLiteral("GET")
                                        << QByteArrayLiteral("http://127.0.0.1:1234/v1/webhooks") << QByteArray();
    QTest::newRow("get") << ApiRequest::getWebhook(daily.baseUrl, daily.apiKey, uuid) << QByteArrayLiteral("GET")
                         << QByteArrayLiteral("https://api.daily.co/v1/webhooks/0b4e4c7c-5eaf-46fe-990b-a3752f5684f5")
                         << QByteArray();
    QTest::newRow("get, uuid percent-encoded")
        << ApiRequest::getWebhook(local.baseUrl, local.apiKey, QStringLiteral("a b/c?d#e%f"))
        << QByteArrayLiteral("GET") << QByteArrayLiteral("http://127.0.0.1:1234/v1/webhooks/a%20b%2Fc%3Fd%23e%25f")
        << QByteArray();
    QTest::newRow("update") << ApiRequest::updateWebhook(daily.baseUrl, daily.apiKey, uuid, SampleDraft::example())
                            << QByteArrayLiteral("POST")
                            << QByteArrayLiteral(
                                   "https://api.daily.co/v1/webhooks/0b4e4c7c-5eaf-46fe-990b-a3752f5684f5")
                            << SampleDraft::exampleBody();
    QTest::newRow("delete") << ApiRequest::deleteWebhook(slash.baseUrl, slash.apiKey, uuid)
                            << QByteArrayLiteral("DELETE")
                            << QByteArrayLiteral(
                                   "https://api.daily.co/v1/webhooks/0b4e4c7c-5eaf-46fe-990b-a3752f5684f5")
                            << QByteArray();
}

void tst_ApiRequest::requests()
{
    QFETCH(ApiRequest, request);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, url);
    QFETCH(QByteArray, body);

    QCOMPARE(request.method, method);
    QCOMPARE(request.url.toEncoded(), url);
    QCOMPARE(request.body, body);
    QCOMPARE(request.header("Authorization"), QByteArrayLiteral("Bearer k3y"));
    QCOMPARE(request.header("Accept"), QByteArrayLiteral("application/json"));
    QCOMPARE(request.header("User-Agent"), QByteArrayLiteral("daily-webhooks/" DW_VERSION));
    // Uncompressed, so Content-Length counts the bytes that must arrive and the size limit the bytes kept.
    QCOMPARE(request.header("Accept-Encoding"), QByteArrayLiteral("identity"));
    // A body, and so a Content-Type, only on POST.
    if (method == "POST")
        QCOMPARE(request.header("Content-Type"), QByteArrayLiteral("application/json"));
    else
        QVERIFY(request.header("Content-Type").isEmpty());
    // No header twice.
    for (const auto& header : request.headers)
        QVERIFY2(HttpHeaders::count(request.headers, header.first) == 1, header.first.constData());
}

void tst_ApiRequest::authorization()
{
    const ApiRequest r
        = ApiRequest::listWebhooks(QUrl(QStringLiteral("https://api.daily.co/v1")), QStringLiteral("abc.DEF-123_456"));
    QCOMPARE(r.header("Authorization"), QByteArrayLiteral("Bearer abc.DEF-123_456"));
    // Header names are looked up case-insensitively.
    QCOMPARE(r.header("authorization"), QByteArrayLiteral("Bearer abc.DEF-123_456"));
    QVERIFY(r.header("X-Not-There").isEmpty());
}

void tst_ApiRequest::toNetworkRequest()
{
    const ApiRequest r = ApiRequest::createWebhook(
        QUrl(QStringLiteral("http://127.0.0.1:1234/v1")), QStringLiteral("k3y"), SampleDraft::example());
    const QNetworkRequest n = r.toNetworkRequest();
    QCOMPARE(n.url(), r.url);
    for (const auto& [name, value] : r.headers)
        QCOMPARE(n.rawHeader(name), value);
    QCOMPARE(n.rawHeaderList().size(), r.headers.size());
    QCOMPARE(n.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), false);
    // Never followed: Qt would replay the Authorization header to the Location's host.
    QCOMPARE(n.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(), int(QNetworkRequest::ManualRedirectPolicy));
}

void tst_ApiRequest::defaultTarget()
{
    QCOMPARE(DomainTarget::defaultBaseUrl(), QUrl(QStringLiteral("https://api.daily.co/v1")));
    const DomainTarget a = target("https://api.daily.co/v1", "k");
    DomainTarget renamed = a;
    renamed.domainId = QStringLiteral("id-1");
    renamed.name = QStringLiteral("production");
    // Where the calls go and with which key: a name changes no answer, a key or a base URL does.
    QVERIFY(a.sameEndpoint(renamed));
    QVERIFY(!a.sameEndpoint(target("https://api.daily.co/v1", "other")));
    QVERIFY(!a.sameEndpoint(target("http://127.0.0.1:1234/v1", "k")));
}

QTEST_GUILESS_MAIN(tst_ApiRequest)
#include "tst_ApiRequest.moc"
