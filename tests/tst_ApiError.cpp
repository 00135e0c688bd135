// Error mapping: HTTP statuses with Daily's {error, info} bodies, bodies that are not JSON, network and TLS
// failures, and the shared promises (a message and a hint for every error, details with status and body).

#include "ApiError.h"
#include "Limits.h"

#include <QSet>
#include <QTest>

using Kind = ApiError::Kind;

class tst_ApiError : public QObject
{
    Q_OBJECT

private slots:
    void fromHttp_data();
    void fromHttp();
    void verificationFailedNamesTheStatus();
    void verificationFailedWithoutAnswer();
    void nonJsonServerErrorKeepsBody();
    void fromNetwork_data();
    void fromNetwork();
    void everyErrorHasMessageAndHint_data();
    void everyErrorHasMessageAndHint();
    void details();
    void redirectNamesBothPlaces();
    void longBodiesAndTextsAreCut();
    void kindNames();
};

namespace {

QByteArray dailyBody(const char* error, const char* info)
{
    return QByteArray(R"({"error":")") + error + R"(","info":")" + info + R"("})";
}

} // namespace

void tst_ApiError::fromHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<QString>("field");

    const QString none;
    const QString url = QStringLiteral("url");
    QTest::newRow("verification ping got 500")
        << 400 << dailyBody("invalid-request-error", "non-200 status code returned from webhook endpoint, recvd 500")
        << Kind::VerificationFailed << url;
    QTest::newRow("verification ping got no answer")
        << 400
        << dailyBody("invalid-request-error", "non-200 status code returned from webhook endpoint, recvd undefined")
        << Kind::VerificationFailed << url;
    QTest::newRow("authorization header missing")
        << 400 << dailyBody("authorization-header-error", "bad Authorization header format") << Kind::MissingApiKey
        << none;
    QTest::newRow("401 authentication error")
        << 401 << dailyBody("authentication-error", "Invalid API key") << Kind::AuthenticationFailed << none;
    QTest::newRow("401 without a body") << 401 << QByteArray() << Kind::AuthenticationFailed << none;
    QTest::newRow("403 forbidden") << 403 << dailyBody("forbidden-error", "forbidden") << Kind::Forbidden << none;
    QTest::newRow("url not a valid uri") << 400 << dailyBody("invalid-request-error", R"(\"url\" must be a valid uri)")
                                         << Kind::Validation << url;
    QTest::newRow("hmac not base64") << 400
                                     << dailyBody("invalid-request-error", R"(\"hmac\" must be a valid base64 string)")
                                     << Kind::Validation << QStringLiteral("hmac");
    QTest::newRow("retryType not in the enum")
        << 400 << dailyBody("invalid-request-error", R"(\"retryType\" must be one of [circuit-breaker, exponential])")
        << Kind::Validation << QStringLiteral("retryType");
    QTest::newRow("eventTypes item unknown")
        << 400 << dailyBody("invalid-request-error", R"(\"eventTypes[0]\" must be one of [meeting.started])")
        << Kind::Validation << QStringLiteral("eventTypes");
    QTest::newRow("unknown field") << 400 << dailyBody("invalid-request-error", R"(\"scope\" is not allowed)")
                                   << Kind::Validation << none;
    QTest::newRow("400 without error type") << 400 << QByteArray() << Kind::Validation << none;
    QTest::newRow("one webhook per domain")
        << 400 << dailyBody("invalid-request-error", "a domain may only have one webhook") << Kind::OneWebhookPerDomain
        << none;
    QTest::newRow("domain already has a webhook")
        << 400 << dailyBody("invalid-request-error", "This domain already has a webhook") << Kind::OneWebhookPerDomain
        << none;
    QTest::newRow("404") << 404 << dailyBody("not-found", "not found") << Kind::NotFound << none;
    QTest::newRow("429") << 429 << dailyBody("rate-limit-error", "Too many requests") << Kind::RateLimited << none;
    // A proxy or load balancer in front of Daily limits with a bare status: the status alone decides.
    QTest::newRow("429 without a body") << 429 << QByteArray() << Kind::RateLimited << none;
    QTest::newRow("429 with a proxy's HTML page")
        << 429 << QByteArrayLiteral("<html><body>Too Many Requests</body></html>") << Kind::RateLimited << none;
    QTest::newRow("429 with another Daily error type")
        << 429 << dailyBody("server-error", "slow down") << Kind::RateLimited << none;
    QTest::newRow("500") << 500 << dailyBody("server-error", "oops") << Kind::ServerError << none;
    QTest::newRow("502") << 502 << QByteArray() << Kind::ServerError << none;
    QTest::newRow("503") << 503 << QByteArrayLiteral("Service Unavailable") << Kind::ServerError << none;
    QTest::newRow("json parsing error") << 400 << dailyBody("json-parsing-error", "Unexpected token")
                                        << Kind::RequestRejected << none;
    QTest::newRow("418") << 418 << QByteArrayLiteral("I'm a teapot") << Kind::RequestRejected << none;
    QTest::newRow("405") << 405 << QByteArray() << Kind::RequestRejected << none;
}

void tst_ApiError::fromHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ApiError::Kind, kind);
    QFETCH(QString, field);

    const ApiError e = ApiError::fromHttp(status, body);
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.field, field);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.rawBody, body);
    QVERIFY(e.isError());
    QVERIFY(!e.message.isEmpty());
    QVERIFY(!e.hint.isEmpty());
}

void tst_ApiError::verificationFailedNamesTheStatus()
{
    const ApiError e = ApiError::fromHttp(
        400, dailyBody("invalid-request-error", "non-200 status code returned from webhook endpoint, recvd 500"));
    QCOMPARE(e.kind, Kind::VerificationFailed);
    QVERIFY2(e.message.contains(QStringLiteral("500")), qPrintable(e.message));
    QCOMPARE(e.dailyError, QStringLiteral("invalid-request-error"));
    QCOMPARE(e.dailyInfo, QStringLiteral("non-200 status code returned from webhook endpoint, recvd 500"));
}

void tst_ApiError::verificationFailedWithoutAnswer()
{
    const ApiError withStatus = ApiError::fromHttp(
        400, dailyBody("invalid-request-error", "non-200 status code returned from webhook endpoint, recvd 404"));
    const ApiError withoutAnswer = ApiError::fromHttp(
        400, dailyBody("invalid-request-error", "non-200 status code returned from webhook endpoint, recvd undefined"));
    QCOMPARE(withoutAnswer.kind, Kind::VerificationFailed);
    QVERIFY(!withoutAnswer.message.contains(QStringLiteral("undefined")));
    QVERIFY(withoutAnswer.message.contains(QStringLiteral("no answer")));
    QVERIFY(withStatus.message.contains(QStringLiteral("404")));
    QVERIFY(withStatus.message != withoutAnswer.message);
}

void tst_ApiError::nonJsonServerErrorKeepsBody()
{
    const QByteArray html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    const ApiError e = ApiError::fromHttp(500, html);
    QCOMPARE(e.kind, Kind::ServerError);
    QCOMPARE(e.rawBody, html);
    QVERIFY(e.dailyError.isEmpty());
    QVERIFY(e.dailyInfo.isEmpty());
    QVERIFY(e.message.contains(QStringLiteral("500")));
}

void tst_ApiError::fromNetwork_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<ApiError::Kind>("kind");

    QTest::newRow("host not found") << QNetworkReply::HostNotFoundError << Kind::HostNotFound;
    QTest::newRow("connection refused") << QNetworkReply::ConnectionRefusedError << Kind::ConnectionRefused;
    QTest::newRow("remote host closed") << QNetworkReply::RemoteHostClosedError << Kind::ConnectionRefused;
    QTest::newRow("TLS handshake failed") << QNetworkReply::SslHandshakeFailedError << Kind::Tls;
    QTest::newRow("timeout") << QNetworkReply::TimeoutError << Kind::Timeout;
    QTest::newRow("operation cancelled") << QNetworkReply::OperationCanceledError << Kind::Cancelled;
    QTest::newRow("unknown network error") << QNetworkReply::UnknownNetworkError << Kind::Network;
    QTest::newRow("proxy refused") << QNetworkReply::ProxyConnectionRefusedError << Kind::Network;
}

void tst_ApiError::fromNetwork()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(ApiError::Kind, kind);

    const ApiError e = ApiError::fromNetwork(error, QStringLiteral("Qt says: something"));
    QCOMPARE(e.kind, kind);
    QCOMPARE(e.httpStatus, 0);
    QVERIFY(!e.message.isEmpty());
    QVERIFY(!e.hint.isEmpty());
    if (kind != Kind::Cancelled)
        QVERIFY(e.details().contains(QStringLiteral("Qt says: something")));
}

void tst_ApiError::everyErrorHasMessageAndHint_data()
{
    QTest::addColumn<ApiError>("error");

    QTest::newRow("fromHttp 400") << ApiError::fromHttp(400, QByteArray());
    QTest::newRow("fromHttp 401") << ApiError::fromHttp(401, QByteArray());
    QTest::newRow("fromHttp 500") << ApiError::fromHttp(500, QByteArray());
    QTest::newRow("fromNetwork") << ApiError::fromNetwork(QNetworkReply::HostNotFoundError, QString());
    QTest::newRow("invalidResponse") << ApiError::invalidResponse(200, "not json", QStringLiteral("illegal value"));
    QTest::newRow("timeout") << ApiError::timeout(30);
    QTest::newRow("cancelled") << ApiError::cancelled();
    QTest::newRow("missingApiKey") << ApiError::missingApiKey();
    QTest::newRow("redirected") << ApiError::redirected(
        307, QUrl(QStringLiteral("https://api.daily.co/v1/webhooks")), QStringLiteral("https://evil.example/x"));
    QTest::newRow("answerTooLarge") << ApiError::answerTooLarge(200, 4 * 1024 * 1024);
    QTest::newRow("answerIncomplete") << ApiError::answerIncomplete(200, 2, 1000000);
    QTest::newRow("unsafeBaseUrl") << ApiError::unsafeBaseUrl(QStringLiteral("The API base URL must use https://."));
    QTest::newRow("invalidApiKey") << ApiError::invalidApiKey(QStringLiteral("it has a line break."));
}

void tst_ApiError::everyErrorHasMessageAndHint()
{
    QFETCH(ApiError, error);

    QVERIFY(error.isError());
    QVERIFY(!error.message.isEmpty());
    QVERIFY(!error.hint.isEmpty());
    QVERIFY(!error.details().isEmpty());
    QVERIFY(ApiError::kindName(error.kind) != QStringLiteral("none"));
}

void tst_ApiError::details()
{
    const QByteArray body = dailyBody("rate-limit-error", "Too many requests");
    const QString details = ApiError::fromHttp(429, body).details();
    QVERIFY2(details.contains(QStringLiteral("429")), qPrintable(details));
    QVERIFY2(details.contains(QString::fromUtf8(body)), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("rate-limit-error")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Too many requests")), qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("rate-limited")), qPrintable(details));

    const ApiError invalid = ApiError::invalidResponse(200, "not json", QStringLiteral("illegal value"));
    QCOMPARE(invalid.kind, Kind::InvalidResponse);
    QVERIFY(invalid.details().contains(QStringLiteral("200")));
    QVERIFY(invalid.details().contains(QStringLiteral("not json")));
    QVERIFY(invalid.details().contains(QStringLiteral("illegal value")));

    const ApiError none;
    QVERIFY(!none.isError());
    QCOMPARE(none.kind, Kind::None);
}

void tst_ApiError::redirectNamesBothPlaces()
{
    const ApiError e = ApiError::redirected(302, QUrl(QStringLiteral("https://proxy.example:8443/v1/webhooks?x=1")),
        QStringLiteral("https://evil.example/collect"));
    QCOMPARE(e.kind, Kind::Redirected);
    QCOMPARE(e.httpStatus, 302);
    QCOMPARE(e.message,
        QStringLiteral(
            "The API at https://proxy.example:8443 answered with a redirect to https://evil.example/collect; "
            "nothing was sent there."));
    QVERIFY(e.hint.contains(QLatin1String("API base URL")));
    QVERIFY(e.details().contains(QLatin1String("Redirect to: https://evil.example/collect")));
}

void tst_ApiError::longBodiesAndTextsAreCut()
{
    // Details never grow with what a server sends: the body is cut at the limit, Daily's texts at a line or two.
    const QByteArray huge
        = "{\"error\":\"" + QByteArray(10000, 'e') + "\",\"info\":\"" + QByteArray(100000, 'i') + "\"}";
    const ApiError e = ApiError::fromHttp(400, huge);
    QVERIFY(e.dailyError.size() <= 201);
    QVERIFY(e.dailyInfo.size() <= 2001);
    QVERIFY(e.message.size() < 2100);
    const QString details = e.details();
    QVERIFY2(details.size() < Limits::MaxShownBodyBytes + 3000, QByteArray::number(details.size()).constData());
    QVERIFY(
        details.contains(QStringLiteral("[… %1 more bytes not shown]").arg(huge.size() - Limits::MaxShownBodyBytes)));

    // A cut never splits a UTF-8 character.
    QByteArray accented = QByteArray(Limits::MaxShownBodyBytes - 1, 'a') + "\xc3\xa9" + QByteArray(10, 'b');
    QVERIFY(!ApiError::shownBody(accented).contains(QChar::ReplacementCharacter));
    QCOMPARE(ApiError::shownBody("short"), QStringLiteral("short"));
}

void tst_ApiError::kindNames()
{
    QSet<QString> names;
    for (int k = int(Kind::None); k <= int(Kind::Cancelled); ++k) {
        const QString name = ApiError::kindName(Kind(k));
        QVERIFY(!name.isEmpty());
        QVERIFY(name != QStringLiteral("unknown"));
        names.insert(name);
    }
    QCOMPARE(names.size(), int(Kind::Cancelled) + 1);
}

QTEST_GUILESS_MAIN(tst_ApiError)
#include "tst_ApiError.moc"
